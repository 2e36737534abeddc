"""Tables in a body: the cells the walk gathered -> one `table` block, and where links end.

The walk (htmlwalk.py) turns every cell into blocks as it turns every `<p>` into one; a
`Table` notes which blocks each cell made. When the table closes, `collapse` replaces those
blocks with one `table` block holding the rows of cell texts, if the table holds data:
at least two rows and two columns, short cells, no picture or table inside. A layout table
(one cell wrapping the article, a sidebar beside it) keeps its blocks as they were.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Block, Link

__all__ = ["MAX_CELL", "Table", "collapse", "placed"]

#: A cell longer than this (characters) is a page region, not a datum: a layout table.
MAX_CELL = 400
#: How a row reads in the plain text of a table block (what `text` and search see).
CELL_SEP = " | "


@dataclass
class Table:
    node: object
    start: int  # index of the first block the table's content made
    rows: list[list[tuple[int, int]]] = field(default_factory=list)  # per cell: its blocks [a, b)
    cell: int = -1  # first block of the open cell; -1 outside a cell

    def open_row(self) -> None:
        self.rows.append([])

    def open_cell(self, at: int) -> None:
        if not self.rows:
            self.rows.append([])
        self.cell = at

    def close_cell(self, at: int) -> None:
        if self.cell >= 0:
            self.rows[-1].append((self.cell, at))
            self.cell = -1


def collapse(blocks: list[Block], table: Table) -> None:
    """Replace the blocks of a data table with one `table` block (in place)."""
    rows = [row for row in table.rows if row]
    region = blocks[table.start:]
    if len(rows) < 2 or max(len(r) for r in rows) < 2:
        return
    if any(b.kind in ("image", "table") for b in region):
        return
    in_cells = {i for row in rows for a, b in row for i in range(a, b)}
    texts = tuple(tuple(" ".join(blocks[i].text for i in range(a, b)) for a, b in row) for row in rows)
    if any(len(cell) > MAX_CELL for row in texts for cell in row):
        return
    text = "\n".join(CELL_SEP.join(row) for row in texts)
    links = [link for i in sorted(in_cells) for link in blocks[i].links]
    outside = [b for i, b in enumerate(region, table.start) if i not in in_cells]  # a <caption>
    blocks[table.start:] = [*outside, Block("table", text, placed(text, links), rows=texts)]


def placed(text: str, links: list[Link]) -> tuple[Link, ...]:
    """The links with `end` set: where each one's words end in text, found in reading order."""
    out: list[Link] = []
    pos = 0
    for link in links:
        at = text.find(link.text, pos) if link.text else -1
        if at < 0:
            out.append(Link(link.text, link.url))
            continue
        pos = at + len(link.text)
        out.append(Link(link.text, link.url, pos))
    return tuple(out)
