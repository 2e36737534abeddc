"""The main screen: search box, tree / results, article pane; keys and focus."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Footer, Input, ProgressBar, Static, Tree
from textual.worker import get_current_worker

from ..archive.search.engine import Hit
from ..archive.search.names import Entity
from .actions import ScreenActions
from .loading import PLACEHOLDER, LoadingViews
from .names import EntityResults, NamesPanel
from .render import result_prompt
from .tree import NodeData, SourceTree
from .views import problem_text, welcome_text
from .widgets import ArticleView, ResultsList

if TYPE_CHECKING:
    from .app import NewsApp

NARROW = 100  # below this many columns the list and the article take turns
RESULTS_LIMIT = 200  # the most rows fetched per keystroke (a tall list); see `first_page`
MORE = 100  # rows added each time
# Actions that make no sense while typing: hidden from the footer when the search box has focus.
_NOT_WHILE_TYPING = {"match", "step", "copy_url", "bookmark", "rescan", "help", "quit", "focus_search",
                     "names"}


class SearchBox(Input):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "submit", "Open", show=True),
        Binding("down", "screen.focus_list", "To the list", show=False),
    ]


class MainScreen(ScreenActions, LoadingViews, EntityResults, Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "focus_search", "Search", key_display="/"),
        Binding("e", "names", "Names"),
        Binding("escape", "back", "Back", key_display="Esc"),
        Binding("n", "match(1)", "Match", key_display="n N"),
        Binding("N", "match(-1)", "Prev match", show=False),
        Binding("left_square_bracket", "step(-1)", "Previous article", show=False),
        Binding("right_square_bracket", "step(1)", "Prev/next", key_display="[ ]"),
        Binding("y", "copy_url", "Copy"),
        Binding("b", "bookmark", "Mark"),
        Binding("r", "rescan", "Rescan", show=False),  # in help and the palette; the footer is full
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("q", "quit", "Quit"),
        Binding("tab", "cycle(1)", "Next pane", show=False),
        Binding("shift+tab", "cycle(-1)", "Previous pane", show=False),
    ]

    app: NewsApp  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.query_text = ""
        self.hits: dict[str, Hit] = {}
        self.current_ids: list[str] = []  # the list `[`/`]` walk
        self.return_to: Widget | None = None
        self.entity: Entity | None = None  # the results list shows this entity's articles
        self.pane_status: dict[str, str] = {}
        self._open_first_when_ready = False
        self._total = 0  # articles matching the query shown (the list holds the best of them)
        self._shown_query = ""  # the query whose hits the results list shows

    def compose(self) -> ComposeResult:
        with Horizontal(id="body"):
            with Vertical(id="nav"):
                yield SearchBox(placeholder=PLACEHOLDER, id="search")
                yield ProgressBar(id="progress", show_eta=False)
                with ContentSwitcher(initial="tree", id="lists"):
                    yield SourceTree(id="tree")
                    yield ResultsList(self._prompt, id="results")
                    yield NamesPanel(id="names")
                yield Static("", id="status", markup=False)
            yield ArticleView(id="article")
        yield Footer(compact=True, show_command_palette=False)

    @property
    def search(self) -> SearchBox:
        return self.query_one("#search", SearchBox)

    @property
    def tree(self) -> SourceTree:
        return self.query_one("#tree", SourceTree)

    @property
    def results(self) -> ResultsList:
        return self.query_one("#results", ResultsList)

    @property
    def article(self) -> ArticleView:
        return self.query_one("#article", ArticleView)

    @property
    def names(self) -> NamesPanel:
        return self.query_one("#names", NamesPanel)

    @property
    def switcher(self) -> ContentSwitcher:
        return self.query_one("#lists", ContentSwitcher)

    def list_widget(self) -> SourceTree | ResultsList:
        current = self.switcher.current
        if current == "names":
            return self.names.list
        return self.results if current == "results" else self.tree

    async def on_mount(self) -> None:
        await self.article.show_message(welcome_text(None))
        self.tree.focus()
        self.app.start_loading()

    def on_resize(self) -> None:
        self.set_class(self.size.width < NARROW, "-narrow")

    def set_status(self, text: str, *, pane: str = "") -> None:
        """Show `text`; with `pane` ("results", "names"), also shown again when going back to it."""
        if pane:
            self.pane_status[pane] = text
        self.query_one("#status", Static).update(Text(text))

    # -- search --------------------------------------------------------------------------------
    @on(Input.Changed, "#search")
    def _query_changed(self, event: Input.Changed) -> None:
        self.query_text = event.value.strip()
        if self.query_text:
            self.entity = None
            self.switcher.current = "results"
            self.run_search(self.query_text, self.first_page())
            return
        self._open_first_when_ready = False
        if self.switcher.current == "results" and self.entity is None:
            self.switcher.current = "tree"
            self.set_results({})

    def first_page(self) -> int:
        """Rows rendered per keystroke: what the list can show (a row takes two lines or more) plus
        a few; rendering rows nobody sees is what made typing slow. More come as the cursor nears
        the end (`_near_the_end`)."""
        return min(RESULTS_LIMIT, max(12, self.results.size.height // 2 + 4, self.size.height // 2 + 4))

    @work(exclusive=True, thread=True, group="search")
    def run_search(self, query: str, limit: int = RESULTS_LIMIT) -> None:
        """Search in a thread as soon as a key is typed (no debounce: a search costs a few ms); a
        newer keystroke cancels this worker and its results, stale by then, are dropped."""
        worker = get_current_worker()
        index = self.app.index
        if worker.is_cancelled or query != self.query_text:
            return
        if index is None:
            self.app.call_from_thread(self.set_status, "正在建立索引 Indexing… results follow")
            return
        started = time.perf_counter()
        counted = getattr(index, "search_counted", None)  # test doubles may only have `search`
        if counted is not None:
            hits, total = counted(query, limit)
        else:
            hits = index.search(query, limit=limit)
            total = len(hits)
        elapsed = time.perf_counter() - started
        if not worker.is_cancelled and query == self.query_text:
            self.app.call_from_thread(self.show_results, query, hits, total, elapsed)

    def show_results(self, query: str, hits: list[Hit], total: int, elapsed: float) -> None:
        """`hits`, the best of the `total` articles matching `query`, as the results list."""
        archive = self.app.archive
        if query != self.query_text or archive is None or self.entity is not None:
            return  # a stale answer: the box has changed since this search started
        found: dict[str, Hit] = {}
        for hit in hits:
            if hit.id in archive and hit.id not in found:
                found[hit.id] = hit
        self.set_results(found, query, total)
        ids = list(self.hits)
        shown = f"{len(ids)} of {self._total}" if self._total > len(ids) else f"{len(ids)}"
        self.set_status(f"{shown} results · {elapsed * 1000:.0f} ms", pane="results")
        if self._open_first_when_ready:
            self._open_first_when_ready = False
            if self.hits:
                self.open_article(next(iter(self.hits)), list(self.hits), self.results)

    def set_results(self, hits: dict[str, Hit], query: str = "", total: int = 0) -> None:
        """The one place the results list changes: `hits` become its rows; `query` is what they
        answer ("" when none, or for an entity's articles), `total` how many articles match it.
        A longer answer to the query shown adds rows under the current ones (the cursor stays)."""
        before = list(self.hits)
        self.hits = hits
        ids = list(hits)
        if (query and query == self._shown_query and before and ids[: len(before)] == before
                and self.results.ids() == before):
            self.results.extend(ids[len(before):])  # more of the same list: keep the cursor
        else:
            self.results.show(ids)
        self._shown_query = query
        self._total = max(total, len(ids))

    def _prompt(self, article_id: str, width: int) -> Text:
        hit, state, archive = self.hits[article_id], self.app.state, self.app.archive
        assert archive is not None
        return result_prompt(archive.meta(article_id), hit.snippet, hit.spans, width=width,
                             read=state.is_read(article_id), bookmarked=state.is_bookmarked(article_id))

    @on(Input.Submitted, "#search")
    def _submitted(self) -> None:
        if not self.query_text:
            self.tree.focus()
            return
        target = self.results.current_article()
        if target is None or self.workers_pending():
            self._open_first_when_ready = True  # the results for what was typed are not in yet
            return
        self.open_article(target, self.results.ids(), self.results)

    def workers_pending(self) -> bool:
        return any(w.group in ("search", "entity") and w.is_running for w in self.workers)

    @on(ResultsList.OptionHighlighted, "#results")
    def _near_the_end(self, event: ResultsList.OptionHighlighted) -> None:
        """The cursor reached the last rows: fetch the next hits of the same query."""
        if (self.entity is None and self.query_text and len(self.hits) < self._total
                and event.option_index >= self.results.option_count - 4 and not self.workers_pending()):
            self.run_search(self.query_text, len(self.hits) + MORE)

    @on(ResultsList.OptionSelected, "#results")
    def _result_selected(self, event: ResultsList.OptionSelected) -> None:
        if event.option.id:
            self.open_article(event.option.id, self.results.ids(), self.results)

    @on(Tree.NodeSelected, "#tree")
    async def _node_selected(self, event: Tree.NodeSelected[NodeData]) -> None:
        data = event.node.data
        if data is None:
            return
        if data.kind == "article":
            self.open_article(data.article_id, self.tree.ids_around(event.node), self.tree)
        elif data.kind == "problem" and data.rejection is not None:
            await self.article.show_message(problem_text(data.rejection))
            self.show_article_pane()

    # -- opening -------------------------------------------------------------------------------
    @work(exclusive=True, group="open")
    async def open_article(self, article_id: str, ids: list[str], origin: Widget) -> None:
        app = self.app
        if app.archive is None or article_id not in app.archive:
            return
        article = app.archive.get(article_id)
        self.current_ids, self.return_to = ids, origin
        terms = self.highlight_terms(origin)
        await self.article.show_article(article, terms, bookmarked=app.state.is_bookmarked(article_id))
        app.mark_read(article_id)
        if self.article.matches:
            self.set_status(f"{len(self.article.matches)} matches · n/N jump between them")
        self.show_article_pane()
        self.refresh_bindings()

    def show_article_pane(self) -> None:
        self.add_class("-reading")
        self.call_after_refresh(self.article.focus)

    def refresh_article_state(self, article_id: str) -> None:
        """Read/bookmark state of one article changed: relabel it wherever it shows."""
        self.tree.refresh_article(article_id)
        if article_id in self.hits:
            self.results.refresh_row(article_id)
        shown = self.article.article
        if shown is not None and shown.id == article_id:
            self.article.set_bookmarked(self.app.state.is_bookmarked(article_id))

    # -- focus -----------------------------------------------------------------------------------
    def on_descendant_focus(self, event: object) -> None:
        focused = self.focused
        self.set_class(focused is self.article, "-reading")
        self.refresh_bindings()

    def action_cycle(self, step: int) -> None:
        panes: list[Widget] = [self.search, self.list_widget(), self.article]
        now = next((i for i, p in enumerate(panes) if p is self.focused), -1)
        target = panes[(now + step) % len(panes)]
        self.set_class(target is self.article, "-reading")
        self.call_after_refresh(target.focus)

    def action_focus_search(self) -> None:
        self.remove_class("-reading")
        self.call_after_refresh(self.search.focus)

    def action_focus_list(self) -> None:
        self.list_widget().focus()

    def action_back(self) -> None:
        focused = self.focused
        if focused is self.search:
            self.list_widget().focus()
        elif focused is self.article:
            target = self.return_to if self.return_to in (self.tree, self.results) else None
            if target is None or not target.display:
                target = self.list_widget()
            self.remove_class("-reading")
            self.set_status(self.pane_status.get(str(self.switcher.current), "") or self.summary())
            self.call_after_refresh(target.focus)
        elif focused is self.results and self.entity is not None:
            self.action_names()
        elif focused is self.results:
            self.search.value = ""
            self.call_after_refresh(self.tree.focus)
        elif self.switcher.current == "names":
            self.entity = None
            self.set_results({})
            self.switcher.current = "tree"
            self.set_status(self.summary())
            self.call_after_refresh(self.tree.focus)
        else:
            self.remove_class("-reading")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in _NOT_WHILE_TYPING and isinstance(self.focused, Input):
            return False
        if action == "back" and self.focused is self.tree and not self.has_class("-reading"):
            return False
        if action == "match" and not self.article.matches:
            return None
        if action == "step" and not self.current_ids:
            return None
        return True
