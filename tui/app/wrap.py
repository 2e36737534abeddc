"""Line wrapping that treats CJK characters as break points (Textual and Rich only break at spaces).

Without this, a Chinese paragraph after `(Joe Biden)` is one long "word" and wraps leaving a large gap.
Simple kinsoku: no line starts with closing punctuation, none ends with opening punctuation.
"""

from __future__ import annotations

from rich.cells import get_character_cell_size
from rich.text import Text

NO_START = set("，。、；：？！）》」』】〕〉”’…·—,.;:?!)]}%")
NO_END = set("（《「『【〔〈“‘([{")


def _wide(ch: str) -> bool:
    return get_character_cell_size(ch) == 2


def _can_break(prev: str, ch: str) -> bool:
    """May a line start at `ch`, right after `prev`?"""
    if ch.isspace():
        return False
    if prev.isspace():
        return True
    if ch in NO_START or prev in NO_END:
        return False
    return _wide(prev) or _wide(ch)


def wrap_offsets(text: str, width: int) -> list[int]:
    """Indices where new lines start (besides after existing newlines)."""
    width = max(1, width)
    breaks: list[int] = []
    start, col, last = 0, 0, -1
    for i, ch in enumerate(text):
        if ch == "\n":
            start, col, last = i + 1, 0, -1
            continue
        cells = get_character_cell_size(ch)
        if i > start and _can_break(text[i - 1], ch):
            last = i
        if col + cells > width and i > start and not ch.isspace():
            cut = last if last > start else i
            breaks.append(cut)
            start, last = cut, -1
            col = sum(get_character_cell_size(c) for c in text[cut:i])
        col += cells
    return breaks


def wrap(text: Text, width: int) -> Text:
    """`text` with newlines inserted so no line is wider than `width` cells (trailing spaces trimmed)."""
    offsets = wrap_offsets(text.plain, width)
    if not offsets:
        return text
    lines = text.divide(offsets)
    for line in lines:
        line.rstrip()
    return Text("\n", end="").join(lines)


def wrap_lines(text: Text, width: int) -> list[Text]:
    return list(wrap(text, width).split("\n", allow_blank=True))


def clip(text: Text, width: int, lines: int) -> Text:
    """At most `lines` wrapped lines of `text`, the last ending in `…` when something was cut."""
    wrapped = wrap_lines(text, max(2, width))
    if len(wrapped) <= lines:
        return Text("\n", end="").join(wrapped)
    kept = wrapped[:lines]
    last = kept[-1]
    if last.cell_len >= width:
        last.truncate(max(1, width - 1))
    last.append("…")
    return Text("\n", end="").join(kept)
