"""The main screen (layout: panes.py; commands: actions.py): routing and focus.

Each pane owns its state: the tree (sources, bookmarks, problems), the results pane (query, hits,
paging), the names panel (filter, names), the article view (the open article, its matches). They
post `ArticleChosen`, `EntityChosen`, `ProblemChosen` and `StatusChanged`; the app's loading
worker's messages arrive here too. The screen routes them and decides where focus goes.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import BindingType
from textual.widget import Widget
from textual.widgets import Input

from ..article.handoff import Handoff
from ..article.notices import problem_text, welcome_text
from ..commands.table import not_while_typing, screen_bindings
from ..messages import (
    ArchiveLoaded,
    ArticleChosen,
    IndexReady,
    LoadingDone,
    LoadingFailed,
    LoadingProgress,
    ProblemChosen,
)
from ..search.results import SearchResults
from .actions import Actions

NARROW = 100  # below this many columns the list and the article take turns
_NOT_WHILE_TYPING = not_while_typing()


class MainScreen(Actions):
    BINDINGS: ClassVar[list[BindingType]] = list(screen_bindings())

    async def on_mount(self) -> None:
        self.handoff = Handoff(self.app, self.session.config, self.session.roots)
        if self.session.config.sort == "date":
            self.results.sort = "date"
        await self.article.show_message(welcome_text(None, self.session.keymap))
        self.source_tree.focus()
        self.session.start_loading()

    def on_resize(self) -> None:
        self.set_class(self.size.width < NARROW, "-narrow")

    # -- the loading worker's messages (through the app) ------------------------------------------
    def on_loading_progress(self, message: LoadingProgress) -> None:
        self.nav.progress(message.done, message.total, indexing=message.indexing)

    async def on_archive_loaded(self, message: ArchiveLoaded) -> None:
        self.nav.archive_loaded(message.archive, indexed=self.session.index is not None)
        if self.article.article is None:
            await self.article.show_message(welcome_text(message.archive, self.session.keymap))

    def on_index_ready(self, message: IndexReady) -> None:
        self.nav.index_ready(message.index)

    def on_loading_done(self, message: LoadingDone) -> None:
        self.nav.loading_done()

    def on_loading_failed(self, message: LoadingFailed) -> None:
        self.nav.loading_failed()

    # -- what the panes chose ------------------------------------------------------------------
    def on_search_results_listed(self, message: SearchResults.Listed) -> None:
        if message.listing and self.switcher.current == "names":
            return  # the names panel was opened meanwhile: the listing waits behind it
        if message.listing and self.focused not in (self.source_tree, self.results, None):
            self.switcher.current = "results"  # shown; focus stays where the user put it
            return
        self.switcher.current = "results"
        self.remove_class("-reading")
        self.set_focus(self.results)  # at once: a key pressed next (/ ...) moves it on

    async def on_problem_chosen(self, message: ProblemChosen) -> None:
        await self.article.show_message(problem_text(message.rejection))
        self.show_article_pane()

    def on_article_chosen(self, message: ArticleChosen) -> None:
        if message.origin is self.results and self.results.query_text:
            self.nav.remember_query()  # an article read from a search: the search goes in the history
        self.open_article(message.article_id, message.ids, message.terms, message.origin)
    # -- focus -----------------------------------------------------------------------------------
    def on_descendant_focus(self, event: object) -> None:
        self.set_class(self.focused is self.article, "-reading")
        self.refresh_bindings()

    def action_cycle(self, step: int) -> None:
        panes: list[Widget] = [self.search, self.list_widget(), self.article]
        now = next((i for i, p in enumerate(panes) if p is self.focused), -1)
        target = panes[(now + step) % len(panes)]
        self.set_class(target is self.article, "-reading")
        self.call_after_refresh(target.focus)

    def action_focus_search(self) -> None:
        if self.has_class("-narrow") and self.has_class("-reading"):
            self.remove_class("-reading")  # the box shows after the next refresh
            self.call_after_refresh(self.search.focus)
        else:
            self.remove_class("-reading")
            self.set_focus(self.search)  # at once (Widget.focus waits a turn): what is typed next goes here

    def action_focus_list(self) -> None:
        self.list_widget().focus()

    def action_back(self) -> None:
        focused, results = self.focused, self.results
        if focused is self.search:
            self.list_widget().focus()
        elif focused is self.article:
            target: Widget = self.list_widget()
            if self.return_to in (self.source_tree, results) and self.return_to is not None:
                target = self.return_to if self.return_to.display else target
            self.remove_class("-reading")
            self.set_status(self.nav.pane_status())
            self.call_after_refresh(target.focus)
        elif focused is results and results.entity is not None:
            self.action_names()
        elif focused is results:
            if results.query_text:
                self.search.value = ""  # the tree comes back when the box is empty
            else:
                self.nav.back_to_tree()
            self.call_after_refresh(self.source_tree.focus)
        elif self.switcher.current == "names":
            self.nav.back_to_tree()
            self.call_after_refresh(self.source_tree.focus)
        else:
            self.remove_class("-reading")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in _NOT_WHILE_TYPING and isinstance(self.focused, Input):
            return False
        if action == "back" and self.focused is self.source_tree and not self.has_class("-reading"):
            return False
        if action == "match" and not self.article.matches:
            return None
        if action == "step" and not self.walk:
            return None
        return True
