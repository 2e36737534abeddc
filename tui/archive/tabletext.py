"""A `table` block as a Markdown table: what saved files and the pager's text hold.

The first row is the header (Markdown has no table without one), short rows are padded with empty
cells, a cell's line breaks become spaces and its pipes are escaped (`\\|`). Columns are padded
to line up (widths in terminal cells, CJK counting two) when the table fits `width`; a wider table
is written unpadded, one row a line, as Markdown allows.
"""

from __future__ import annotations

from collections.abc import Callable

from .linebreak import cell_len

__all__ = ["markdown_table"]


def _pipes(text: str) -> str:
    return text.replace("|", "\\|")


def markdown_table(rows: tuple[tuple[str, ...], ...], width: int,
                   cell: Callable[[str], str] = _pipes) -> list[str]:
    """The rows as the lines of a Markdown table; `cell` makes a cell's text safe (and escapes
    its pipes); the table is padded to line up when it fits in `width` cells."""
    if not rows:
        return []
    columns = max(len(row) for row in rows)
    texts = [[cell(" ".join(text.split())) for text in row] + [""] * (columns - len(row)) for row in rows]
    widths = [max(3, *(cell_len(row[c]) for row in texts)) for c in range(columns)]
    if sum(widths) + 3 * columns + 1 > width:
        widths = [3] * columns  # too wide to line up: minimal padding
    lines = [_row(row, widths) for row in texts]
    rule = "| " + " | ".join("-" * w for w in widths) + " |"
    return [lines[0], rule, *lines[1:]]


def _row(cells: list[str], widths: list[int]) -> str:
    padded = (t + " " * max(0, w - cell_len(t)) for t, w in zip(cells, widths, strict=True))
    return "| " + " | ".join(padded) + " |"
