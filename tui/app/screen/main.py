"""The main screen: the left column (navigator.py) and the article pane; routing and focus.

Each pane owns its state: the tree (sources, bookmarks, problems), the results pane (query, hits,
paging), the names panel (filter, names), the article view (the open article, its matches). They
post `ArticleChosen`, `EntityChosen`, `ProblemChosen` and `StatusChanged`; the app's loading
worker's messages arrive here too. The screen routes them and decides where focus goes; what it
does with articles (opening, the preview, the commands) is in commands.py. It asks the navigator
(the left column), never the lists in it.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Footer, Input

from ...keymap.shown import not_while_typing
from ..article.handoff import Handoff
from ..article.notices import problem_text, welcome_text
from ..article.view import ArticleView
from ..commands.table import screen_bindings
from ..loading.messages import ArchiveLoaded, IndexReady, LoadingDone, LoadingFailed, LoadingProgress
from ..messages import ArticleChosen, ProblemChosen
from ..search.results import SearchResults
from ..search.rows import ResultsList
from ..tree.source_tree import NodeData, SourceTree
from .commands import ScreenCommands
from .navigator import Navigator

_NOT_WHILE_TYPING = not_while_typing()


class MainScreen(ScreenCommands):
    BINDINGS: ClassVar[list[BindingType]] = list(screen_bindings())

    def compose(self) -> ComposeResult:
        session = self.session
        with Horizontal(id="body"):
            yield Navigator(session.state, session.history, session.saved, self.script, session.latency,
                            sort="date" if session.config.sort == "date" else None, id="nav")
            yield ArticleView(id="article")
        yield Footer(compact=True, show_command_palette=False)

    def workers_pending(self) -> bool:
        """Whether the results pane is still searching (tests, screenshots)."""
        return self.nav.pending()

    async def on_mount(self) -> None:
        self.handoff = Handoff(self.app, self.session.config, self.session.roots)
        await self.article.show_message(welcome_text(None, self.session.keymap))
        if self.session.config.rows == "compact":
            self.nav.set_compact(True)
        self.nav.focus_tree()
        self.session.start_loading()

    def on_resize(self) -> None:
        self.lay_out()

    # -- the loading worker's messages (through the app) ------------------------------------------
    def on_loading_progress(self, message: LoadingProgress) -> None:
        self.nav.progress(message.done, message.total, indexing=message.indexing)

    async def on_archive_loaded(self, message: ArchiveLoaded) -> None:
        self.nav.archive_loaded(message.archive, indexed=self.session.index is not None)
        if message.shown is not None:
            self.call_after_refresh(message.shown.set)
        opening = not message.archive.partial and self.open_waiting()
        if self.article.article is None and not opening:
            await self.article.show_message(welcome_text(message.archive, self.session.keymap))
            if not len(message.archive):
                self.show_article_pane()  # what files newstui reads, also where only one pane shows

    def on_index_ready(self, message: IndexReady) -> None:
        self.nav.index_ready(message.index)

    def on_loading_done(self, message: LoadingDone) -> None:
        self.nav.loading_done()

    def on_loading_failed(self, message: LoadingFailed) -> None:
        self.nav.loading_failed()

    # -- what the panes chose ------------------------------------------------------------------
    def on_search_results_listed(self, message: SearchResults.Listed) -> None:
        target = self.nav.show_listed(message.listing)
        if target is not None:
            self.remove_class("-reading")
            self.set_focus(target)  # at once: a key pressed next (/ ...) moves it on

    async def on_problem_chosen(self, message: ProblemChosen) -> None:
        await self.article.show_message(problem_text(message.rejection))
        self.show_article_pane()

    def on_article_chosen(self, message: ArticleChosen) -> None:
        self.nav.article_opened(message.origin)
        self.open_article(message.article_id, message.ids, message.terms, message.origin)

    def on_results_list_highlighted(self, message: ResultsList.Highlighted) -> None:
        if message.rows is self.nav.results and (message.index or self.article.article is not None):
            self.preview.moved(message.row_id, message.rows)  # (the welcome stays till the cursor moves)

    def on_tree_node_highlighted(self, message: SourceTree.NodeHighlighted[NodeData]) -> None:
        data = message.node.data
        self.preview.moved(data.article_id if data and data.kind == "article" else None, message.control)



    # -- focus -----------------------------------------------------------------------------------
    def on_descendant_focus(self, event: object) -> None:
        self.set_class(self.focused is self.article, "-reading")
        self.refresh_bindings()

    def action_cycle(self, step: int) -> None:
        panes: list[Widget] = [*self.nav.cycle_order(), self.article]
        now = next((i for i, p in enumerate(panes) if p is self.focused), -1)
        target = panes[(now + step) % len(panes)]
        self.set_class(target is self.article, "-reading")
        self.call_after_refresh(target.focus)

    def action_focus_search(self) -> None:
        later = self.has_class("-narrow") and self.has_class("-reading")  # the box shows after a refresh
        self.remove_class("-reading")
        self.nav.focus_search(after_refresh=later)

    def action_back(self) -> None:
        if self.focused is self.article:
            target: Widget = self.nav.list_widget()
            if self.nav.is_article_list(self.return_to) and self.return_to is not None:
                target = self.return_to if self.return_to.display else target
            self.remove_class("-reading")
            self.set_status(self.nav.pane_status())
            self.call_after_refresh(target.focus)
        elif self.nav.entity_has_focus():
            self.action_names()
        elif not self.nav.back():
            self.remove_class("-reading")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in _NOT_WHILE_TYPING and isinstance(self.focused, Input):
            return False
        if action == "back" and self.nav.tree_has_focus() and not self.has_class("-reading"):
            return False
        if action == "related" and self.nav.switcher.current != "names":
            return False
        if action == "match" and not self.article.matches:
            return None
        if action == "step" and not self.walk:
            return None
        return True
