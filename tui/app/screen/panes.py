"""The main screen's layout: the left column (nav.py) and the article pane, and how to reach them.

`Panes` holds what the screen's parts share (the session, the reader's script, the list `[`/`]`
step through); `actions.py` adds what the commands do, `screen.py` the routing and the focus.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Footer

from ..article.handoff import Handoff
from ..article.script import Script
from ..article.view import ArticleView
from ..loading.loaders import Session
from ..names.panel import NamesPanel
from ..search.results import SearchResults
from ..tree.source_tree import SourceTree
from .navigator import Navigator, SearchBox


class Panes(Screen[None]):
    handoff: Handoff  # set once mounted (screen.py)

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.script = Script(session.config.script)  # shared by the panes that show file text
        self.walk: list[str] = []  # the list `[`/`]` step through
        self.return_to: Widget | None = None  # the list the open article was chosen in

    def compose(self) -> ComposeResult:
        with Horizontal(id="body"):
            session = self.session
            yield Navigator(session.state, session.history, session.saved, self.script, session.latency,
                            id="nav")
            yield ArticleView(id="article")
        yield Footer(compact=True, show_command_palette=False)

    @property
    def nav(self) -> Navigator:
        return self.query_one("#nav", Navigator)

    @property
    def search(self) -> SearchBox:
        return self.nav.search

    @property
    def source_tree(self) -> SourceTree:
        return self.nav.source_tree

    @property
    def results(self) -> SearchResults:
        return self.nav.results

    @property
    def names(self) -> NamesPanel:
        return self.nav.names

    @property
    def switcher(self) -> ContentSwitcher:
        return self.nav.switcher

    @property
    def article(self) -> ArticleView:
        return self.query_one("#article", ArticleView)

    def list_widget(self) -> Widget:
        return self.nav.list_widget()

    def workers_pending(self) -> bool:
        """Whether the results pane is still searching (tests, screenshots)."""
        return self.results.pending()

    def set_status(self, text: str) -> None:
        self.nav.set_status(text)
