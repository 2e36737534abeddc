"""Display text from archive files safely: strip control characters, build labels.

Everything here returns plain `str` or `rich.text.Text`; nothing builds markup from file text.
No Textual import: these helpers are pure and cheap to test.
"""

from __future__ import annotations

import re
import unicodedata

from ..archive.read.sources import display_name

# Format characters kept: zero-width joiner/non-joiner (emoji, some scripts).
_KEEP_FORMAT = {"\u200c", "\u200d"}
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")


def _strip_char(ch: str) -> str:
    if ch in "\n\t":
        return " "
    cat = unicodedata.category(ch)
    if cat == "Cc" or (cat == "Cf" and ch not in _KEEP_FORMAT) or cat in ("Cs", "Co", "Zl", "Zp"):
        return ""
    return ch


def strip_controls(text: str) -> str:
    """Drop C0/C1 controls, bidi overrides and other invisible format characters.

    Newlines and tabs become spaces; everything else that could move the cursor or start an
    escape sequence (ESC, BEL, CSI, OSC ...) is removed, so it never reaches the terminal.
    """
    if text.isprintable():
        return text
    return "".join(_strip_char(ch) for ch in text)


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


def date_label(published: str, *, time: bool = True) -> str:
    """`2024-04-10 01:54` from an ISO date/datetime; the cleaned input when it is not ISO."""
    published = clean(published)
    if len(published) >= 16 and published[10] == "T" and time:
        return f"{published[:10]} {published[11:16]}"
    return published[:10]


def article_date(published: str, archived: str, approx: bool, *, time: bool = True) -> str:
    """The date shown for an article: `date_label(published)`, or `≈ 2020-07-14` (the archive
    day) when the file gives no publication date and the article is placed by its archive time."""
    if approx and not published:
        day = date_label(archived, time=False)
        return f"≈ {day}" if day else ""
    return date_label(published, time=time)
