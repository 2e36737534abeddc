"""Plain-text normalisation shared by every parser.  (STUB: being replaced by the real one.)"""

from __future__ import annotations

import re

_SPACES = re.compile(r"[ \t\u00a0\u3000]+")


def clean_line(text: str) -> str:
    """One line of display text: no control characters, single spaces, trimmed."""
    text = "".join(ch for ch in text if ch.isprintable() or ch == " ")
    return _SPACES.sub(" ", text).strip()
