"""Line wrapping that treats CJK characters as break points (Textual and Rich only break at spaces).

Without this, a Chinese paragraph after `(Joe Biden)` is one long "word" and wraps leaving a large gap.
Simple kinsoku: no line starts with closing punctuation, none ends with opening punctuation.
"""

from __future__ import annotations

from collections.abc import Iterator

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


def _line_starts(text: str, width: int) -> Iterator[tuple[int, int, bool]]:
    """(index, seen, wrapped) for each line after the first: where it starts, the character that
    decided it (a newline, or the first that did not fit), and whether it is a break made here
    rather than a line after an existing newline. Lazy: `clip` stops once it has its lines."""
    width = max(1, width)
    start, col, last = 0, 0, -1
    for i, ch in enumerate(text):
        if ch == "\n":
            start, col, last = i + 1, 0, -1
            yield start, i, False
            continue
        cells = get_character_cell_size(ch)
        if i > start and _can_break(text[i - 1], ch):
            last = i
        if col + cells > width and i > start and not ch.isspace():
            cut = last if last > start else i
            yield cut, i, True
            start, last = cut, -1
            col = sum(get_character_cell_size(c) for c in text[cut:i])
        col += cells


def wrap_offsets(text: str, width: int) -> list[int]:
    """Indices where new lines start (besides after existing newlines)."""
    return [at for at, _, wrapped in _line_starts(text, width) if wrapped]


def wrap(text: Text, width: int) -> Text:
    """`text` with newlines inserted so no line is wider than `width` cells (trailing spaces trimmed)."""
    return _broken(text, wrap_offsets(text.plain, width))


def _broken(text: Text, offsets: list[int]) -> Text:
    if not offsets:
        return text
    lines = text.divide(offsets)
    for line in lines:
        line.rstrip()
    return Text("\n", end="").join(lines)


def wrap_lines(text: Text, width: int) -> list[Text]:
    return list(wrap(text, width).split("\n", allow_blank=True))


def clip(text: Text, width: int, lines: int) -> Text:
    """At most `lines` wrapped lines of `text`, the last ending in `…` when something was cut.

    One line of text (no newline, as titles and snippets are) is wrapped only up to the character
    that starts the line after the last shown: a result's snippet is several lines long and two
    show; wrapping is greedy, so the lines before are the same as the whole text's."""
    width = max(2, width)
    plain = text.plain
    if "\n" in plain:
        offsets = wrap_offsets(plain, width)
    else:
        offsets = []
        for at, seen, _ in _line_starts(plain, width):
            offsets.append(at)
            if len(offsets) == lines:
                text = text[: seen + 1]  # the shown lines, and what tells that more was cut
                break
    wrapped = _broken(text, offsets).split("\n", allow_blank=True)
    if len(wrapped) <= lines:
        return Text("\n", end="").join(wrapped)
    kept = wrapped[:lines]
    last = kept[-1]
    if last.cell_len >= width:
        last.truncate(max(1, width - 1))
    last.append("…")
    return Text("\n", end="").join(kept)
