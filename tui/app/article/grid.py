"""A `table` block drawn as a grid: rich's `Table` with cells wrapped by the CJK rule.

Rich wraps a cell only at spaces and cuts a long CJK run with `…`; a `Cell` measures and wraps its
text with the archive's line-breaking rule (wrap.py) instead, so Chinese cells wrap between any two
characters (kinsoku kept) and widths count CJK as two cells. The table piece's `text` is the block's
plain text (rows of cells joined by ` | `), where search matches are found; its `cells` say where
each cell lies in it, so highlights and link markers land in their cells. File text is never markup.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from rich import box
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.style import Style
from rich.table import Table
from rich.text import Text

from ...archive.linebreak import break_points, cell_len
from .wrap import wrap

Cells = tuple[tuple[tuple[int, int], ...], ...]  # per row, per cell: [start, end) in the text
#: A cell is never made narrower than this many cells by its longest word (a long URL wraps).
MIN_CELL = 12


class Cell:
    """A cell's text: measured by its longest unbreakable run, wrapped with CJK break points."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        plain = self.text.plain
        longest = max(cell_len(line) for line in plain.split("\n"))
        cuts = [0, *break_points(plain), len(plain)]
        word = max((cell_len(plain[a:b].strip()) for a, b in pairwise(cuts)), default=0)
        return Measurement(min(word, MIN_CELL, longest), longest).clamp(max_width=options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield wrap(self.text, options.max_width)


def cell_offsets(rows: tuple[tuple[str, ...], ...], sep: str) -> tuple[str, Cells]:
    """The table's plain text (cells joined by `sep`, rows by newlines) and each cell's [start, end)."""
    out: list[tuple[tuple[int, int], ...]] = []
    pos = 0
    for row in rows:
        spans: list[tuple[int, int]] = []
        for n, cell in enumerate(row):
            pos += len(sep) if n else 0
            spans.append((pos, pos + len(cell)))
            pos += len(cell)
        out.append(tuple(spans))
        pos += 1  # the newline
    return "\n".join(sep.join(row) for row in rows), tuple(out)


def _cells(body: Text, cells: Cells,
           anchors: tuple[tuple[int, str], ...], marker: Style) -> Iterator[list[Text]]:
    for row in cells:
        texts: list[Text] = []
        for start, end in row:
            text = body[start:end]
            for at, mark in reversed([(a, m) for a, m in anchors if start < a <= end]):
                text = Text.assemble(text[: at - start], (mark, marker), text[at - start:])
            texts.append(text)
        yield texts


def draw(body: Text, cells: Cells, anchors: tuple[tuple[int, str], ...],
         marks: str, marker: Style) -> Table:
    """The grid: the first row as its header (as in Markdown), a rule between rows; `body` is the
    piece's styled text (highlights applied), sliced into cells; `marks` (links not placed in a
    cell) under it."""
    rows = list(_cells(body, cells, anchors, marker))
    columns = max((len(r) for r in rows), default=0)
    table = Table(box=box.SQUARE, show_lines=True, header_style=Style(bold=True), expand=False,
                  caption=Text(marks.strip(), style=marker) if marks else None)
    for n in range(columns):
        head = rows[0][n] if n < len(rows[0]) else Text()
        table.add_column(Cell(head))
    for row in rows[1:]:
        table.add_row(*(Cell(t) for t in row))
    return table
