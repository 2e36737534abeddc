"""The article pane: title, source, date, URL, images, body and links, with matches highlighted."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.widget import Widget

from ...archive.model import Article
from .render import Convert, Piece, article_pieces, find_matches, render_piece, render_table
from .wrap import clip, hanging, wrap, wrap_lines


class Wrapped(Widget):
    """Rich `Text` wrapped with CJK break points (see wrap.py); never parsed as markup.

    hang: how many first characters (a list's bullet) hang, the lines after them indented;
    lines: at most so many lines, the last cut with `…` (0: all).
    """

    DEFAULT_CSS = "Wrapped { height: auto; }"

    def __init__(self, text: Text, *, hang: int = 0, lines: int = 0, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.text, self.hang, self.lines = text, hang, lines
        self._cache: tuple[int, Text] | None = None

    def update(self, text: Text) -> None:
        self.text, self._cache = text, None
        self.refresh(layout=True)

    def wrapped(self, width: int) -> Text:
        if self._cache is None or self._cache[0] != width:
            if self.lines:
                text = clip(self.text, width, self.lines)
            else:
                text = hanging(self.text, width, self.hang) if self.hang else wrap(self.text, width)
            self._cache = (width, text)
        return self._cache[1]

    def render(self) -> Text:
        return self.wrapped(self.content_region.width or self.size.width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self.wrapped(width).plain.count("\n") + 1 if width else 0


class Grid(Widget):
    """A table piece drawn as a grid (grid.py); redrawn whole when its highlights change."""

    DEFAULT_CSS = "Grid { height: auto; }"

    def __init__(self, table: Table, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.table = table

    def update(self, table: Table) -> None:
        self.table = table
        self.refresh(layout=True)

    def render(self) -> Table:
        return self.table


class ArticleView(VerticalScroll, can_focus=True):
    """Title, source, date, URL, images, body and numbered links, one Static per piece.

    Matches of the search terms are highlighted; `n`/`N` move the current one.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G", "scroll_end", "Bottom", show=False),
        Binding("space", "page_down", "Page down", show=False),
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.article: Article | None = None
        self.terms: list[str] = []
        self.pieces: list[Piece] = []
        self.matches: list[tuple[int, int, int]] = []
        self._spans: dict[int, list[tuple[int, int]]] = {}  # piece index -> its matches
        self.current: int = -1

    async def show_message(self, text: Text) -> None:
        self.article, self.pieces, self.matches, self._spans, self.current = None, [], [], {}, -1
        await self.remove_children()
        await self.mount(Wrapped(text, classes="message"))

    async def show_article(self, article: Article, terms: list[str], *, bookmarked: bool,
                           convert: Convert | None = None) -> None:
        """`terms` are found in the text as written; `convert` then shows it in the reader's
        script, keeping every character at its place, so the matches stay where they were."""
        self.article, self.terms = article, terms
        self.pieces = article_pieces(article, bookmarked=bookmarked)
        self.matches = find_matches(self.pieces, terms)
        if convert is not None:
            for piece in self.pieces:
                piece.text = convert(piece.text)
        self._spans = {}
        for i, start, end in self.matches:
            self._spans.setdefault(i, []).append((start, end))
        self.current = -1
        await self.remove_children()
        await self.mount_all([self._widget(i) for i in range(len(self.pieces))])
        self.scroll_home(animate=False)

    def set_bookmarked(self, bookmarked: bool) -> None:
        if self.article is not None and self.pieces:
            self.pieces[0].prefix = "★ " if bookmarked else ""
            self._refresh_piece(0)

    def _widget(self, index: int) -> Widget:
        """The widget showing piece `index`: a grid for a table, wrapped text for the others (a
        URL on one line, a list item's bullet hanging); a list's items sit close together."""
        piece = self.pieces[index]
        after = self.pieces[index + 1].kind if index + 1 < len(self.pieces) else ""
        classes = f"piece {piece.kind}" + (" tight" if piece.kind == after == "list" else "")
        if piece.cells:
            return Grid(render_table(piece, *self._lit(index)), classes=classes)
        return Wrapped(self._piece_text(index), classes=classes, lines=1 if piece.kind == "url" else 0,
                       hang=len(piece.prefix) if piece.kind == "list" else 0)

    def _lit(self, index: int) -> tuple[list[tuple[int, int]], tuple[int, int] | None]:
        """Piece `index`'s matches and the current one if it is there."""
        cur = self.matches[self.current] if 0 <= self.current < len(self.matches) else None
        return self._spans.get(index, []), cur[1:] if cur and cur[0] == index else None

    def _piece_text(self, index: int) -> Text:
        return render_piece(self.pieces[index], *self._lit(index))

    def _refresh_piece(self, index: int) -> None:
        children = list(self.children)
        if not 0 <= index < len(children):
            return
        child = children[index]
        if isinstance(child, Grid):
            child.update(render_table(self.pieces[index], *self._lit(index)))
        elif isinstance(child, Wrapped):
            child.update(self._piece_text(index))

    def jump(self, step: int) -> tuple[int, int] | None:
        """Move to the next (`step=1`) or previous match; (position, total) or None."""
        if not self.matches:
            return None
        old = self.matches[self.current][0] if self.current >= 0 else -1
        self.current = (self.current + step) % len(self.matches) if self.current >= 0 else (
            0 if step > 0 else len(self.matches) - 1)
        index, start, _ = self.matches[self.current]
        for i in {old, index}:
            self._refresh_piece(i)
        self.call_after_refresh(self._scroll_to_match, index, start)
        return self.current + 1, len(self.matches)

    def _scroll_to_match(self, index: int, start: int) -> None:
        children = list(self.children)
        if not 0 <= index < len(children):
            return
        widget = children[index]
        if isinstance(widget, Grid):  # the grid's top
            self.scroll_to(y=max(0, widget.virtual_region.y - self.scrollable_content_region.height // 3),
                           animate=False)
            return
        width = max(1, widget.content_region.width)
        before = render_piece(self.pieces[index]).plain[: len(self.pieces[index].prefix) + start + 1]
        line = len(wrap_lines(Text(before), width)) - 1
        target = widget.virtual_region.y + max(0, line)
        self.scroll_to(y=max(0, target - self.scrollable_content_region.height // 3), animate=False)
