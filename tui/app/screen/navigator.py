"""The left column: the search box, the loading progress, the lists and the status line.

It shows one list at a time (the source tree, the results pane or the names panel), routes what
is typed in the search box to the results pane, and keeps the status line: what the list shown
last said (`StatusChanged`), else the archive's summary. The screen tells it what loading did.
"""

from __future__ import annotations

from textual import on, work
from textual.widget import Widget
from textual.widgets import Input, ProgressBar
from textual.worker import get_current_worker

from ...archive.search.searcher import Lookup
from ...archive.store.archive import Archive
from ..article.text import clean
from ..loading.waiting import INDEXING_PLACEHOLDER
from ..messages import EntityChosen, ListingChosen, SavedSearchChosen
from ..search.box import PLACEHOLDER
from ..search.results import ALL, LISTING_LIMIT, NEWEST, SearchResults
from ..tree.source_tree import SourceTree
from .column import Column


class Navigator(Column):
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
        if self.archive is None or not self.archive.partial:  # (names list and date their articles:
            self.names.set_finder(index)                      # the outline holds the newest only)
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
        self.results.list_entity(message.entity, message.other)

    def show_related(self) -> bool:
        """`w` in the names panel: the highlighted name's related names, or back to the names."""
        return self.switcher.current == "names" and self.names.show_related()

    def show_names(self) -> Widget:
        """The names panel (searching and browsing names take turns); what should get focus."""
        if self.results.query_text:
            self.search.value = ""
        self.switcher.current = "names"
        self.names.refill()
        if self.names.status:
            self.set_status(self.names.status)
        return self.names.rows if self.results.entity is not None else self.names.filter_box

    def reveal(self, key: str) -> bool:
        """Show and select a top node of the tree (bookmarks, problems); False when there is none."""
        if self.results.query_text:
            self.search.value = ""
        if not self.source_tree.reveal(key):
            return False
        self.back_to_tree()  # from a listing or the names panel too
        return True
