"""The left column: the search box, the loading progress, the lists and the status line.

It shows one list at a time (the source tree, the results pane or the names panel), routes what
is typed in the search box to the results pane, and keeps the status line: what the list shown
last said (`StatusChanged`), else the archive's summary. The screen tells it what loading did.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Input, ProgressBar, Static
from textual.worker import get_current_worker

from ...archive.search.saved import History, SavedSearches
from ...archive.search.searcher import Lookup
from ...archive.store.archive import Archive
from ..article.script import Script
from ..article.text import clean
from ..latency import HoldsFrames, Latency
from ..messages import EntityChosen, SavedSearchChosen, StatusChanged
from ..names.panel import NamesPanel
from ..search.results import LISTING_LIMIT, NEWEST, SearchResults
from ..state import ReadingState
from ..tree.source_tree import SourceTree

PLACEHOLDER = "/ 搜索 search: name, 人名, pinyin…"
INDEXING = "/ 搜索 正在建立索引 indexing… (type now, results follow)"


class SearchBox(HoldsFrames):
    """The search box; Up and Down walk the search history (the oldest first, the newest last)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "submit", "Open", show=True),
        Binding("up", "history(-1)", "Earlier search", show=False),
        Binding("down", "history(1)", "Later search / to the list", show=False),
    ]

    def __init__(self, history: History, latency: Latency, **kwargs: object) -> None:
        super().__init__(latency, **kwargs)
        self.history = history
        self._at: int | None = None  # where in the history Up/Down are (None: what was typed)
        self._typed = ""

    def action_history(self, step: int) -> None:
        entries = self.history.entries()
        if self._at is None:
            if step > 0:
                self.call_later(self.run_action, "screen.focus_list")  # Down, not in the history: to the list
                return
            if not entries:
                return
            self._typed, self._at = self.value, len(entries)
        at = self._at + step
        if at >= len(entries):
            self._at, value = None, self._typed
        else:
            self._at = max(0, at)
            value = entries[self._at]
        self.value = value
        self.cursor_position = len(value)

    def remember(self) -> str | None:
        """The query in the box is worth keeping (Enter, or an article opened from it)."""
        self._at = None
        return self.history.add(self.value)


class Navigator(Vertical):
    def __init__(self, state: ReadingState, history: History, saved: SavedSearches, script: Script,
                 latency: Latency, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.state, self.history, self.saved, self.script = state, history, saved, script
        self.latency = latency
        self.archive: Archive | None = None
        self.searcher: Lookup | None = None

    def compose(self) -> ComposeResult:
        yield SearchBox(self.history, self.latency, placeholder=PLACEHOLDER, id="search")
        yield ProgressBar(id="progress", show_eta=False)
        with ContentSwitcher(initial="tree", id="lists"):
            yield SourceTree(self.script, id="tree")
            yield SearchResults(self.state, self.script, self.latency, id="results")
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

    # -- the status line -----------------------------------------------------------------------
    def set_status(self, text: str) -> None:
        # One line whatever it says (newstui.tcss): no layout pass for every keystroke's status.
        self.query_one("#status", Static).update(Text(text), layout=False)

    def summary(self) -> str:
        archive = self.archive
        if archive is None:
            return ""
        status = f"{len(archive)} articles · {len(archive.tree())} sources"
        return status + (f" · {len(archive.rejections)} problems" if archive.rejections else "")

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

    # -- loading -------------------------------------------------------------------------------
    def progress(self, done: int, total: int, *, indexing: bool = False) -> None:
        bar = self.query_one("#progress", ProgressBar)
        bar.display = True
        bar.update(total=max(total, 1), progress=done)
        if indexing:
            self.search.placeholder = INDEXING
            self.set_status(f"索引 Indexing {done}/{total}…")
        else:
            self.set_status(f"读取 Loading {done}/{total}…")

    def archive_loaded(self, archive: Archive, *, indexed: bool) -> None:
        """Show `archive`; the first one (or a newer one while its newest are listed) lists its
        newest articles in the results pane, so Enter reads one at once."""
        first = self.archive is None
        self.archive = archive
        self.source_tree.set_saved(self.saved.items())
        self.source_tree.populate(archive, self.state)
        self.results.set_archive(archive)
        self.names.set_archive(archive)
        if not indexed:
            self.search.placeholder = INDEXING
        self.set_status(self.summary())
        if (first and self.switcher.current == "tree") or self.results.listing == NEWEST:
            self.results.list_articles(NEWEST, [a.id for a in archive.articles[:LISTING_LIMIT]],
                                       self.summary())

    def node_listing(self) -> tuple[str, list[str]]:
        """(title, ids newest first) of the highlighted tree node."""
        node = self.source_tree.cursor_node
        if node is None or node.data is None or node.data.kind in ("article", "problem"):
            node = node.parent if node is not None else None
        if node is None or node.data is None or self.archive is None:
            return NEWEST, [a.id for a in (self.archive.articles if self.archive else [])]
        return clean(str(node.label)).rsplit(" (", 1)[0], self.source_tree.ids_under(node)

    def index_ready(self, index: Lookup) -> None:
        self.searcher = index
        self.count_saved()
        self.loading_done()
        self.names.set_finder(index)
        if self.switcher.current == "names":
            self.names.refill()
        self.results.set_searcher(index)

    def loading_done(self) -> None:
        self.query_one("#progress", ProgressBar).display = False
        self.search.placeholder = PLACEHOLDER
        self.set_status(self.pane_status())

    def loading_failed(self) -> None:
        self.query_one("#progress", ProgressBar).display = False
        self.set_status("Could not load the archive")

    # -- the search box and the lists ----------------------------------------------------------
    @on(Input.Changed, "#search")
    def _query_changed(self, event: Input.Changed) -> None:
        query = event.value.strip()
        self.results.search_for(query)
        if query:
            self.switcher.current = "results"
        elif self.switcher.current == "results" and self.results.entity is None:
            self.switcher.current = "tree"
            self.results.clear()

    @on(Input.Submitted, "#search")
    def _submitted(self) -> None:
        if not self.results.query_text:
            self.source_tree.focus()
        else:
            self.remember_query()
            self.results.open_current()

    def remember_query(self) -> None:
        problem = self.search.remember()
        if problem:
            self.notify(clean(problem), severity="warning", markup=False, timeout=6)

    # -- saved searches ------------------------------------------------------------------------
    def on_saved_search_chosen(self, message: SavedSearchChosen) -> None:
        message.stop()
        self.search.value = message.query
        self.results.focus()

    def save_search(self, name: str) -> str:
        """Save the query in the box as `name`; what to tell the user."""
        query = self.results.query_text
        try:
            problem = self.saved.save(name, query)
        except ValueError as exc:
            return f"Not saved: {exc}"
        self.source_tree.set_saved(self.saved.items())
        self.count_saved()
        return problem or f"Saved search {name!r}: {query}"

    @work(thread=True, exclusive=True, group="saved")
    def count_saved(self) -> None:
        """How many articles each saved search finds now (off the UI thread)."""
        searcher, items = self.searcher, self.saved.items()
        if searcher is None or not items:
            return
        counts = {name: searcher.search_counted(query, 0)[1] for name, query in items}
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.source_tree.set_saved, items, counts)

    def on_entity_chosen(self, message: EntityChosen) -> None:
        message.stop()
        self.results.list_entity(message.entity)

    def show_names(self) -> Widget:
        """The names panel (searching and browsing names take turns); what should get focus."""
        if self.results.query_text:
            self.search.value = ""
        self.switcher.current = "names"
        self.names.refill()
        if self.names.status:
            self.set_status(self.names.status)
        return self.names.rows if self.results.entity is not None else self.names.filter_box

    def back_to_tree(self) -> None:
        """From the names panel: no entity listed any more, the tree shown."""
        self.results.clear()
        self.switcher.current = "tree"
        self.set_status(self.summary())

    def reveal(self, key: str) -> bool:
        """Show and select a top node of the tree (bookmarks, problems); False when there is none."""
        if self.results.query_text:
            self.search.value = ""
        return self.source_tree.reveal(key)
