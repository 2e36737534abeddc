"""The left column: the search box, the loading progress, the lists and the status line.

It shows one list at a time (the source tree, the results pane or the names panel), routes what
is typed in the search box to the results pane, and keeps the status line: what the list shown
last said (`StatusChanged`), else the archive's summary. The screen tells it what loading did.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Input, ProgressBar, Static
from textual.worker import get_current_worker

from ...archive.search.searcher import Lookup
from ...archive.store.archive import Archive
from ...userdata.history import History
from ...userdata.reading import ReadingState
from ...userdata.saved import SavedSearches
from ..article.script import Script
from ..article.text import clean
from ..latency import Latency
from ..loading.waiting import INDEXING_PLACEHOLDER
from ..messages import EntityChosen, ListingChosen, SavedSearchChosen, StatusChanged
from ..names.panel import NamesPanel
from ..search.box import PLACEHOLDER, SearchBox
from ..search.results import ALL, LISTING_LIMIT, NEWEST, SearchResults
from ..search.status import plural, wrapped
from ..tree.source_tree import SourceTree


class Navigator(Vertical):
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
            results = SearchResults(self.state, self.script, self.latency, id="results")
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
        elif self.switcher.current == "names":
            self.back_to_tree()
            self.focus_tree(after_refresh=True)
        else:
            return False
        return True

    def on_search_box_to_list(self, message: SearchBox.ToList) -> None:
        message.stop()
        self.list_widget().focus()

    # -- the lists' articles ---------------------------------------------------------------------
    def show_listed(self, listing: str) -> Widget | None:
        """The results pane has an entity's articles (`listing` "") or a listing in: show it; what
        should get focus (None: focus stays where the user put it)."""
        focused = self.screen.focused
        if listing and self.switcher.current == "names":
            return None  # the names panel was opened meanwhile: the listing waits behind it
        self.switcher.current = "results"
        if listing and focused not in (self.source_tree, self.results, None):
            return None
        return self.results

    def article_opened(self, origin: Widget) -> None:
        """An article chosen in `origin`: one read from a search puts the search in the history."""
        if origin is self.results and self.results.query_text:
            self.remember_query()

    def highlighted_article(self) -> str | None:
        """The highlighted article of the tree or the results pane, when that list has focus."""
        focused = self.screen.focused
        if focused is self.source_tree:
            return self.source_tree.current_article()
        if focused is self.results:
            return self.results.current_article()
        return None

    def list_ids(self, origin: Widget) -> list[str]:
        """The articles of the list `origin` in order (what `[`/`]` walk from its cursor)."""
        if origin is self.results:
            return self.results.ids()
        node = self.source_tree.cursor_node
        return self.source_tree.ids_around(node) if node is not None else []

    def terms_for(self, origin: Widget) -> list[str]:
        """What to highlight in an article of the list `origin`."""
        return self.results.terms() if origin is self.results else []

    def select_article(self, origin: Widget, article_id: str, ids: list[str]) -> list[str]:
        """`[`/`]`: the cursor of the list `origin` on `article_id`; the terms to highlight in it."""
        if isinstance(origin, (SearchResults, SourceTree)):
            origin.select_article(article_id, ids)
        return self.results.terms() if origin is self.results else []

    def refresh_article(self, article_id: str) -> None:
        """Read/bookmark state of one article changed: relabel it wherever it shows here."""
        self.source_tree.refresh_article(article_id)
        if article_id in self.results.hits:
            self.results.refresh_row(article_id)

    def bookmarks_changed(self) -> None:
        self.source_tree.refresh_bookmarks()

    def script_changed(self) -> None:
        """Titles and snippets again, in the reader's script."""
        self.results.redraw()
        self.source_tree.relabel()

    def toggle_sort(self) -> str:
        return self.results.toggle_sort()

    def search_query(self) -> str:
        """What the search box asks for (stripped)."""
        return self.results.query_text

    def list_node(self) -> bool:
        """The newest articles of the highlighted tree node in the results; False when it has none."""
        key = self.source_tree.node_key()
        return self.show_listing(key) if key else self.show_listing("newest")

    def show_listing(self, key: str) -> bool:
        """List `key`: "newest" (the first screen's list), "all", or a tree node's articles,
        newest first; False when it has none."""
        if self.archive is None:
            return False
        if key in ("newest", "all"):
            ids = [a.id for a in self.archive.articles]
            title, summary = (NEWEST, self.summary()) if key == "newest" else (ALL, "")
            limit = LISTING_LIMIT if key == "newest" else len(ids)
        else:
            title, ids = self.source_tree.listing_of(key)
            summary, limit = "", LISTING_LIMIT
        if not ids:
            return False
        if self.results.query_text:
            self.search.value = ""  # a listing replaces the search (what is typed would win)
            self.results.search_for("")
        self.results.list_articles(title, ids, summary, key=key, limit=limit)
        return True

    def on_listing_chosen(self, message: ListingChosen) -> None:
        message.stop()
        self.show_listing(message.key)

    def set_compact(self, compact: bool) -> None:
        self.results.set_compact(compact)

    def pending(self) -> bool:
        """Whether the results pane is still searching (tests, screenshots)."""
        return self.results.pending()

    # -- the status line -----------------------------------------------------------------------
    def set_status(self, text: str) -> None:
        """The status, broken between its parts where it is wider than the line (never cut). A
        layout pass only when its number of lines changes, not for every keystroke's status."""
        self._status = text
        status = self.query_one("#status", Static)
        shown = wrapped(text, status.content_region.width or self.size.width - 2)
        lines = shown.count("\n") + 1
        status.update(Text(shown), layout=lines != self._status_lines)
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

    # -- loading -------------------------------------------------------------------------------
    def progress(self, done: int, total: int, *, indexing: bool = False) -> None:
        bar = self.query_one("#progress", ProgressBar)
        bar.display = True
        bar.update(total=max(total, 1), progress=done)
        if indexing:
            self.search.placeholder = INDEXING_PLACEHOLDER
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
            self.search.placeholder = INDEXING_PLACEHOLDER
        self.set_status(self.summary())
        if first and self.switcher.current == "tree":
            self.show_listing("newest")
        elif self.results.listing_key and not self.results.query_text:
            self.show_listing(self.results.listing_key)  # a rescan: the listing shown follows

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
