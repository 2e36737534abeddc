"""Where lines may break in text that mixes CJK and Latin: one rule for the app and plain text.

Terminals and Rich break only at spaces, so a Chinese paragraph after `(Joe Biden)` would be one
long "word". Here a line may break at a space or between any two characters when one of them is
wide (CJK), never inside a Latin word, and with simple kinsoku: no line starts with closing
punctuation (`，。、）」』》！？：；`...), none ends with opening punctuation (`（《「`...).
Widths are terminal cells (East Asian width, via rich.cells). Pure functions on `str`: the app
wraps its styled text with these offsets (app/article/wrap.py), `export.to_text` its lines.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.cells import cell_len, get_character_cell_size

__all__ = ["NO_END", "NO_START", "break_points", "cell_len", "line_starts", "wrap_offsets", "wrap_plain"]

NO_START = frozenset("，。、；：？！）》」』】〕〉”’…·—,.;:?!)]}%～")
NO_END = frozenset("（《「『【〔〈“‘([{")


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


def line_starts(text: str, width: int) -> Iterator[tuple[int, int, bool]]:
    """(index, seen, wrapped) for each line after the first: where it starts, the character that
    decided it (a newline, or the first that did not fit), and whether it is a break made here
    rather than a line after an existing newline. Lazy: a caller may stop once it has its lines.
    A word wider than the line is cut where it overflows (nothing else fits it)."""
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
            col = cell_len(text[cut:i])
        col += cells


def wrap_offsets(text: str, width: int) -> list[int]:
    """Indices where new lines start (besides after existing newlines)."""
    return [at for at, _, wrapped in line_starts(text, width) if wrapped]


def wrap_plain(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    """`text` as lines no wider than `width` cells (its own line breaks kept): the first line after
    `first` (a prefix such as `- `), the others after `rest` (its indentation); trailing spaces
    trimmed, the space a break fell on dropped."""
    room = max(1, width - max(cell_len(first), cell_len(rest)))
    lines: list[str] = []
    for para in text.split("\n"):
        pos = 0
        for at in [*wrap_offsets(para, room), len(para)]:
            lines.append(para[pos:at].strip(" ") if pos else para[pos:at].rstrip())
            pos = at
    return [(rest if n else first) + line for n, line in enumerate(lines)]


def break_points(text: str) -> list[int]:
    """Every index a line may start at (besides after a newline): a word lies between two."""
    return [i for i in range(1, len(text)) if _can_break(text[i - 1], text[i])]
