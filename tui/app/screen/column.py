"""The left column's widgets and its two plain duties: where focus goes among them, and the
status line (what the list shown last said, else the archive's summary; wrapped, never cut).
navigator.py routes what flows through the column; it is a `Column`.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import ContentSwitcher, ProgressBar, Static

from ...archive.search.searcher import Lookup
from ...archive.store.archive import Archive
from ...userdata.history import History
from ...userdata.reading import ReadingState
from ...userdata.saved import SavedSearches
from ..article.script import Script
from ..latency import Latency
from ..messages import StatusChanged
from ..names.panel import NamesPanel
from ..search.box import PLACEHOLDER, SearchBox
from ..search.results import SearchResults
from ..search.status import plural, wrapped
from ..tree.source_tree import SourceTree


class Column(Vertical):
    def __init__(self, state: ReadingState, history: History, saved: SavedSearches, script: Script,
                 latency: Latency, *, sort: str | None = None, id: str | None = None) -> None:
        """`sort`: the results' order whatever a query says ("date"; None: as it says)."""
        super().__init__(id=id)
        self.state, self.history, self.saved, self.script = state, history, saved, script
        self.latency, self.sort = latency, sort
        self.archive: Archive | None = None
        self.searcher: Lookup | None = None
        self._status = ""  # the status line's text (wrapped to the line's width when shown)
        self._status_lines = 1

    def compose(self) -> ComposeResult:
        yield SearchBox(self.history, self.latency, placeholder=PLACEHOLDER, id="search")
        yield ProgressBar(id="progress", show_eta=False)
        with ContentSwitcher(initial="tree", id="lists"):
            yield SourceTree(self.script, id="tree")
            results = SearchResults(self.state, self.script, id="results")
            results.sort = self.sort
            yield results
            yield NamesPanel(self.latency, id="names")
        yield Static("", id="status", markup=False)

    @property
    def search(self) -> SearchBox:
        return self.query_one("#search", SearchBox)

    @property
    def source_tree(self) -> SourceTree:
        return self.query_one("#tree", SourceTree)

    @property
    def results(self) -> SearchResults:
        return self.query_one("#results", SearchResults)

    @property
    def names(self) -> NamesPanel:
        return self.query_one("#names", NamesPanel)

    @property
    def switcher(self) -> ContentSwitcher:
        return self.query_one("#lists", ContentSwitcher)

    def list_widget(self) -> Widget:
        """The list shown (in the names panel: its rows)."""
        current = self.switcher.current
        if current == "names":
            return self.names.rows
        return self.results if current == "results" else self.source_tree

    # -- focus: the screen says where, the column knows which of its widgets -----------------------
    def cycle_order(self) -> list[Widget]:
        """What Tab steps through here, in order: the box, then the list shown."""
        return [self.search, self.list_widget()]

    def focus_search(self, *, after_refresh: bool = False) -> None:
        if after_refresh:  # the box shows after the next refresh (narrow, leaving the article)
            self.screen.call_after_refresh(self.search.focus)
        else:
            # at once (Widget.focus waits a turn): what is typed next goes here
            self.screen.set_focus(self.search)

    def focus_tree(self, *, after_refresh: bool = False) -> None:
        if after_refresh:
            self.screen.call_after_refresh(self.source_tree.focus)
        else:
            self.source_tree.focus()

    def tree_has_focus(self) -> bool:
        return self.screen.focused is self.source_tree

    def is_article_list(self, widget: Widget | None) -> bool:
        """Whether `widget` is the tree or the results pane (the lists an article is opened from)."""
        return widget is not None and widget in (self.source_tree, self.results)

    def entity_has_focus(self) -> bool:
        """The results pane has focus and lists an entity's articles (Esc: back to the names)."""
        return self.screen.focused is self.results and self.results.entity is not None

    def back(self) -> bool:
        """Esc with focus in this column: out of the box, the search or the names; False when there
        is nothing to leave here (the tree)."""
        focused = self.screen.focused
        if focused is self.search:
            self.list_widget().focus()
        elif focused is self.results:
            if self.results.query_text:
                self.search.value = ""  # the tree comes back when the box is empty
            else:
                self.back_to_tree()
            self.focus_tree(after_refresh=True)
        elif self.switcher.current == "names" and self.names.close_related():
            pass  # from a name's related names to the names
        elif self.switcher.current == "names":
            self.back_to_tree()
            self.focus_tree(after_refresh=True)
        else:
            return False
        return True

    def back_to_tree(self) -> None:
        """From the names panel: no entity listed any more, the tree shown."""
        self.results.clear()
        self.switcher.current = "tree"
        self.set_status(self.summary())

    def on_search_box_to_list(self, message: SearchBox.ToList) -> None:
        message.stop()
        self.list_widget().focus()

    # -- the status line -----------------------------------------------------------------------
    def set_status(self, text: str) -> None:
        """The status, broken between its parts where it is wider than the line (never cut). A
        layout pass only when its number of lines changes, not for every keystroke's status."""
        self._status = text
        status = self.query_one("#status", Static)
        width = status.content_region.width or self.size.width - 2
        shown = Text(wrapped(text, width))
        lines = len(shown.wrap(self.app.console, max(1, width)))  # a long part wraps in the line too
        status.update(shown, layout=lines != self._status_lines)
        self._status_lines = lines

    def on_resize(self) -> None:
        self.call_after_refresh(lambda: self.set_status(self._status))

    def summary(self) -> str:
        archive = self.archive
        if archive is None:
            return ""
        status = f"{plural(len(archive), 'article')} · {plural(len(archive.tree()), 'source')}"
        problems = len(archive.rejections)
        return status + (f" · {plural(problems, 'problem')} (! shows them)" if problems else "")

    def pane_status(self) -> str:
        """What the list shown last said, else the archive's summary."""
        said = {"results": self.results.status, "names": self.names.status}
        current = str(self.switcher.current)
        if current == "tree" and self.results.listing:
            current = "results"  # a listing on its way: the screen shows it when its message comes
        return said.get(current, "") or self.summary()

    def on_status_changed(self, message: StatusChanged) -> None:
        message.stop()
        self.set_status(message.text)
        if message.answered:
            self.latency.answered()  # a keystroke's answer: its rows and this status in one frame
