"""A list of rows drawn from ids (`ResultsList`): search results, an entity's articles, names.

A row is drawn once: `prompt(id, width)` gives its text, kept under the key `row_key(id, width)`
says, so a row that shows again (the same hit for the next keystroke, more rows under the same
list, a row relabelled) costs nothing to build, and the same rows again are left as they are.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

ROWS_KEPT = 1000  # rows kept drawn (a few keystrokes' worth); the cache starts again past that


class ResultsList(OptionList):
    """Rows drawn by `prompt(option id, width)`: article ids, or entity keys (names panel)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
    ]

    def __init__(self, prompt: Callable[[str, int], Text], *, divider: bool = True,
                 row_key: Callable[[str, int], Hashable] | None = None, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.prompt = prompt  # (option id, width) -> the row
        self.row_key = row_key  # (option id, width) -> what the row shows; None: rows not kept
        self.divider = divider  # a line between rows
        self._width = 0
        self._rows: dict[Hashable, Text] = {}

    def row(self, option_id: str) -> Text:
        """The row for `option_id` at the current width, drawn once per what it shows."""
        if self.row_key is None:
            return self.prompt(option_id, self._width)
        key = self.row_key(option_id, self._width)
        row = self._rows.get(key)
        if row is None:
            if len(self._rows) >= ROWS_KEPT:
                self._rows.clear()
            row = self._rows[key] = self.prompt(option_id, self._width)
        return row

    def forget_rows(self) -> None:
        self._rows.clear()

    def row_width(self) -> int:
        return max(10, self.scrollable_content_region.width - 2)  # options have 1 cell padding a side

    def show(self, ids: list[str]) -> None:
        """`ids` as the rows, the cursor on the first. The same rows as shown: nothing is redrawn."""
        self._width = self.row_width()
        prompts = [self.row(option_id) for option_id in ids]
        options = self.options
        if (self.row_key is not None and len(options) == len(ids)
                and all(o.id == i and o.prompt is p for o, i, p in zip(options, ids, prompts, strict=True))):
            self.highlighted = 0 if ids else None
            self.scroll_to_highlight()
            return
        rows: list[Option | None] = []
        for option_id, prompt in zip(ids, prompts, strict=True):
            rows.append(Option(prompt, id=option_id))
            if self.divider:
                rows.append(None)
        if rows:
            self.set_options(rows[:-1] if self.divider else rows)  # one pass over the new rows
        else:
            self.clear_options()
        self.highlighted = 0 if ids else None

    def extend(self, ids: list[str]) -> None:
        """Rows added under the current ones (the cursor stays)."""
        rows: list[Option | None] = []
        for article_id in ids:
            if self.divider:
                rows.append(None)
            rows.append(Option(self.row(article_id), id=article_id))
        self.add_options(rows)

    def refresh_row(self, article_id: str) -> None:
        self.replace_option_prompt(article_id, self.row(article_id))

    def on_resize(self) -> None:
        if self.option_count and self.row_width() != self._width:
            self._width = self.row_width()
            for article_id in self.ids():
                self.replace_option_prompt(article_id, self.row(article_id))

    def ids(self) -> list[str]:
        return [o.id for o in self.options if o.id]

    def current_article(self) -> str | None:
        option = self.highlighted_option
        return option.id if option else None
