"""A list of rows drawn from ids (`ResultsList`): search results, an entity's articles, names.

It draws only the lines on screen (Textual's line API, as toolong does): a row is made once,
`prompt(id, width)` turned into terminal lines and kept under the key `row_key(id, width)` says,
so a row that shows again (the same hit for the next keystroke, more rows under the same list,
the cursor passing over it) costs nothing to build, and a keystroke that brings new rows costs
the lines of those rows only. Each line of a row is painted with the list's style, or the cursor's.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Hashable
from typing import ClassVar

from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

ROWS_KEPT = 1000  # rows kept drawn (a few keystrokes' worth); the cache starts again past that
PAD = 1  # blank cells left and right of a row


class ResultsList(ScrollView, can_focus=True):
    """Rows drawn by `prompt(row id, width)`: article ids, or entity keys (names panel)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("home,g", "first", "First", show=False),
        Binding("end,G", "last", "Last", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("enter", "select", "Select", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"results-list--cursor", "results-list--divider"}
    DEFAULT_CSS = """
    ResultsList {
        overflow-x: hidden;
        scrollbar-gutter: stable;  /* rows keep their width (stay drawn) as the scroll bar comes and goes */
        & > .results-list--cursor {
            color: $foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .results-list--cursor {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
        & > .results-list--divider {
            color: $foreground 15%;
        }
    }
    """

    class _RowMessage(Message):
        def __init__(self, rows: ResultsList, index: int, row_id: str) -> None:
            super().__init__()
            self.rows, self.index, self.row_id = rows, index, row_id

        @property
        def control(self) -> ResultsList:
            return self.rows

    # Two kinds, neither a kind of the other: Textual gives a message to the handlers of its
    # base classes too, and choosing a row is not moving the cursor.
    class Highlighted(_RowMessage):
        """The cursor is on row `index` (id `row_id`)."""

    class Selected(_RowMessage):
        """Enter (or a click) on row `index` (id `row_id`)."""

    highlighted: reactive[int | None] = reactive(None, always_update=True)

    def __init__(self, prompt: Callable[[str, int], Text], *, divider: bool = True,
                 row_key: Callable[[str, int], Hashable] | None = None, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.prompt = prompt  # (row id, width) -> the row
        self.row_key = row_key  # (row id, width) -> what the row shows; None: rows not kept
        self.divider = divider  # a line between rows
        self._width = 0  # the width the rows are drawn at
        self._shown_width = 0  # the list's width when it was last on screen (see `_region_width`)
        self._ids: list[str] = []
        self._index: dict[str, int] = {}
        self._lines: list[list[Strip]] = []  # each row's lines (without the divider)
        self._starts: list[int] = []  # the first line of each row
        self._drawn: dict[Hashable, tuple[Text, list[Strip]]] = {}
        self._texts: list[Text] = []  # what each row shows

    # -- the rows ------------------------------------------------------------------------------
    def _draw(self, row_id: str) -> tuple[Text, list[Strip]]:
        """`row_id` at the current width, and its lines, drawn once per what it shows."""
        key = self.row_key(row_id, self._width) if self.row_key is not None else None
        drawn = self._drawn.get(key) if key is not None else None
        if drawn is None:
            text = self.prompt(row_id, self._width)
            drawn = (text, self._strips(text))
            if key is not None:
                if len(self._drawn) >= ROWS_KEPT:
                    self._drawn.clear()
                self._drawn[key] = drawn
        return drawn

    def _strips(self, text: Text) -> list[Strip]:
        console, width = self.app.console, self._width + 2 * PAD
        strips = []
        for line in text.split("\n", allow_blank=True):
            line.end = ""
            segments = [Segment(" " * PAD), *line.render(console)]
            strips.append(Strip(segments).crop(0, width).extend_cell_length(width))
        return strips

    def _set_rows(self, start: int, drawn: list[tuple[Text, list[Strip]]]) -> None:
        """Rows `start`, `start + 1`… are now `drawn`."""
        end = start + len(drawn)
        self._texts[start:end] = [text for text, _ in drawn]
        self._lines[start:end] = [lines for _, lines in drawn]

    def row(self, row_id: str) -> Text | None:
        """What row `row_id` shows (None: not listed, or not drawn yet)."""
        at = self._index.get(row_id)
        return self._texts[at] if at is not None and at < len(self._texts) else None

    def forget_rows(self) -> None:
        self._drawn.clear()

    def _region_width(self) -> int:
        """The list's width, or while it is hidden (Textual gives a hidden widget no size) the width
        it had when last shown: the results pane hidden behind the tree draws the first key's rows
        at once, as it shows, not in a second frame once it is laid out again."""
        width = self.scrollable_content_region.width
        if width > 0:
            self._shown_width = width
        return width or self._shown_width

    def row_width(self) -> int:
        return max(10, self._region_width() - 2 * PAD)

    def _place(self, start: int = 0) -> None:
        """Line offsets of the rows from `start` on, and the list's height."""
        del self._starts[start:]
        line = self._starts[-1] + len(self._lines[start - 1]) + self.divider if start else 0
        for lines in self._lines[start:]:
            self._starts.append(line)
            line += len(lines) + self.divider
        height = max(0, line - self.divider) if self._lines else 0
        self.virtual_size = Size(self._width + 2 * PAD, height)

    def _laid_out(self) -> bool:
        """The list has a width to draw at (a list never shown has none: it draws when shown)."""
        return self._region_width() > 0

    def show(self, ids: list[str]) -> None:
        """`ids` as the rows, the cursor on the first."""
        self._ids = list(ids)
        self._index = {row_id: i for i, row_id in enumerate(self._ids)}
        self._redraw()
        self.scroll_to(y=0, animate=False, immediate=True)
        self.highlighted = 0 if ids else None

    def _redraw(self) -> None:
        """Every row at the list's width; none before the list was ever shown (`on_resize` draws them)."""
        self._width = self.row_width()
        drawn = [self._draw(row_id) for row_id in self._ids] if self._laid_out() else []
        self._texts, self._lines = [text for text, _ in drawn], [lines for _, lines in drawn]
        self._place()
        self.refresh()

    def extend(self, ids: list[str]) -> None:
        """Rows added under the current ones (the cursor stays)."""
        start = len(self._ids)
        for row_id in ids:
            self._index[row_id] = len(self._ids)
            self._ids.append(row_id)
        if len(self._lines) == start:  # drawn so far
            self._set_rows(start, [self._draw(row_id) for row_id in ids])
            self._place(start)
            self.refresh()

    def refresh_row(self, row_id: str) -> None:
        """`row_id` drawn again (it was read, bookmarked…)."""
        at = self._index.get(row_id)
        if at is not None and at < len(self._lines):
            self._set_rows(at, [self._draw(row_id)])
            self._place(at)
            self.refresh()

    def clear(self) -> None:
        self.show([])

    def on_resize(self) -> None:
        if self._ids and (self.row_width() != self._width or len(self._lines) != len(self._ids)):
            self._redraw()
            self.scroll_to_highlight()

    def ids(self) -> list[str]:
        return list(self._ids)

    @property
    def row_count(self) -> int:
        return len(self._ids)

    def index_of(self, row_id: str) -> int | None:
        return self._index.get(row_id)

    def current_article(self) -> str | None:
        at = self.highlighted
        return self._ids[at] if at is not None and at < len(self._ids) else None

    # -- drawing -------------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = self.scroll_offset.y + y
        at = bisect_right(self._starts, line) - 1
        base = self.get_visual_style().rich_style  # cached by Textual until the styles change
        if at < 0 or line >= self.virtual_size.height:
            return Strip.blank(width, base)
        offset = line - self._starts[at]
        lines = self._lines[at]
        if offset >= len(lines):
            divider = self.get_visual_style("results-list--divider").rich_style
            rule = Segment("─" * max(0, width - 2 * PAD), divider)
            pad = Segment(" " * PAD, base)
            return Strip([pad, rule, pad], width)
        if at == self.highlighted:
            base = self.get_visual_style("results-list--cursor").rich_style
        return lines[offset].apply_style(base)

    # -- the cursor ----------------------------------------------------------------------------
    def validate_highlighted(self, at: int | None) -> int | None:
        if at is None or not self._ids:
            return None
        return max(0, min(at, len(self._ids) - 1))

    def watch_highlighted(self, old: int | None, at: int | None) -> None:
        if old is not None and old != at:
            self._refresh_row_lines(old)
        if at is None:
            return
        self._refresh_row_lines(at)
        self.scroll_to_highlight()
        self.post_message(self.Highlighted(self, at, self._ids[at]))

    def _refresh_row_lines(self, at: int) -> None:
        if at < len(self._starts):
            top = self._starts[at] - round(self.scroll_offset.y)
            self.refresh(Region(0, top, self.size.width, len(self._lines[at])))

    def scroll_to_highlight(self, top: bool = False) -> None:
        at = self.highlighted
        if at is None or not self.is_mounted or at >= len(self._starts):
            return
        region = Region(0, self._starts[at], self.scrollable_content_region.width, len(self._lines[at]))
        self.scroll_to_region(region, force=True, animate=False, top=top, immediate=True)

    def action_cursor_down(self) -> None:
        if self._ids:
            self.highlighted = 0 if self.highlighted is None else (self.highlighted + 1) % len(self._ids)

    def action_cursor_up(self) -> None:
        if self._ids:
            at = self.highlighted
            self.highlighted = len(self._ids) - 1 if at is None else (at - 1) % len(self._ids)

    def action_first(self) -> None:
        self.highlighted = 0

    def action_last(self) -> None:
        self.highlighted = len(self._ids) - 1

    def _move_page(self, step: int) -> None:
        if not self._ids:
            return
        at = self.highlighted or 0
        line = self._starts[at] + step * self.scrollable_content_region.height
        self.highlighted = max(0, bisect_right(self._starts, max(0, line)) - 1)

    def action_page_down(self) -> None:
        self._move_page(1)

    def action_page_up(self) -> None:
        self._move_page(-1)

    def action_select(self) -> None:
        at = self.highlighted
        if at is not None:
            self.post_message(self.Selected(self, at, self._ids[at]))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        line = offset.y + round(self.scroll_offset.y)
        at = bisect_right(self._starts, line) - 1
        if 0 <= at < len(self._ids) and line < self._starts[at] + len(self._lines[at]):
            self.highlighted = at
            self.action_select()

