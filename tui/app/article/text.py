"""Display text from archive files safely (the archive's `strip_controls`), build labels.

Everything here returns plain `str` or `rich.text.Text`; nothing builds markup from file text.
No Textual import: these helpers are pure and cheap to test.
"""

from __future__ import annotations

import re

from ...archive.datelabel import article_date, date_label
from ...archive.read.sources import display_name
from ...archive.read.text import strip_controls

__all__ = ["article_date", "clean", "clean_lines", "clean_segment", "date_label", "source_label"]

_SPACES = re.compile(r"\s+")  # line breaks and tabs too: these helpers make one line


def clean(text: str) -> str:
    """One line of display text: no controls, single spaces, trimmed."""
    return _SPACES.sub(" ", strip_controls(text)).strip()


def clean_segment(text: str) -> str:
    """Like `clean` but keeps edge spaces, for pieces of a line that are joined again."""
    return _SPACES.sub(" ", strip_controls(text))


def clean_lines(text: str) -> str:
    """Multi-line display text: each line cleaned, blank runs collapsed."""
    lines = [clean(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip("\n")


def source_label(key: str, name: str) -> str:
    """`美国之音 VOA` for known sources, the stored name (or key) for others; never empty."""
    return clean(display_name(key, name)) or "未知来源 Unknown"
