"""The results pane, which owns what it lists (its rows are drawn by rows.py).

`SearchResults` holds the query (or the entity) it answers, its hits, how many match in all and
the paging; it searches in an exclusive worker against a `Searcher` and posts `ArticleChosen`,
`StatusChanged` and `EntityListed`. It never reaches outside itself.
"""

from __future__ import annotations

import time

from textual import on, work
from textual.message import Message
from textual.worker import get_current_worker

from ...archive.search.engine import Hit
from ...archive.search.names.entities import Entity
from ...archive.search.query.syntax import parse
from ...archive.search.rank import listing
from ...archive.search.searcher import Searcher
from ...archive.store import turns
from ...archive.store.archive import Archive
from ...userdata.reading import ReadingState
from ..article.script import Script
from ..loading.waiting import INDEXING_RESULTS
from ..messages import ArticleChosen, StatusChanged
from ..names import entities
from .rows import ResultsList
from .rowtext import RowText
from .status import listing_status, plural, results_status

RESULTS_LIMIT = 200  # the most rows fetched per keystroke (a tall list); see `first_page`
ROW_LINES = 4  # the fewest lines a result takes: title, source and date, snippet, divider
MORE = 100  # rows added each time the cursor or the view nears the end
ENTITY_LIMIT = 500  # an entity's articles listed at most (newest first)
LISTING_LIMIT = 200  # the newest articles of the archive or a tree node listed at most
NEWEST = "最新 Newest"
ALL = "全部 All"


class SearchResults(ResultsList):
    """The hits of the query typed in the search box, or the articles of a chosen entity."""

    class Listed(Message):
        """An entity's articles (`listing` "") or a listing are in: the screen shows this pane."""

        def __init__(self, listing: str = "") -> None:
            super().__init__()
            self.listing = listing

    def __init__(self, state: ReadingState, script: Script, *, id: str | None = None) -> None:
        self.text = RowText(self, state, script)  # what each row shows (full or compact)
        super().__init__(self.text.prompt, row_key=self.text.key, id=id)
        self.state, self.script = state, script
        self.archive: Archive | None = None
        self.searcher: Searcher | None = None
        self.query_text = ""  # what the search box holds
        self.entity: Entity | None = None  # when set, the rows are this entity's articles
        self.pair: tuple[Entity, Entity] | None = None  # when `entity` is the articles naming both
        self.listing = ""  # when set, the rows are this listing (newest articles of the archive or a node)
        self.listing_key = ""  # "newest", "all" or a tree node's key: a rescan lists it again
        self._listing_run = 0  # each new listing's number: a page of an older one is dropped
        self.hits: dict[str, Hit] = {}
        self.total = 0  # articles matching the query shown (the list holds the best of them)
        self.status = ""
        self._summary = ""  # for the archive's newest listing: its summary in the status line
        self._listed: list[str] = []  # the listing's articles (its rows are the first of them)
        self._listed_total = 0  # how many articles the listed node holds
        self.sort: str | None = None  # "date" / "relevance" whatever the query says; None: as it says
        self._shown_query = ""  # the query whose hits the rows show
        self._open_first = False  # Enter came before the results
        self._terms: tuple[object, list[str]] = ((), [])  # (query, entity, searcher) -> `terms()`

    # -- what it is given ----------------------------------------------------------------------
    def set_archive(self, archive: Archive) -> None:
        self.archive = archive
        self.forget_rows()  # a row shows its article's title and date

    def set_compact(self, compact: bool) -> None:
        """One line per article (date, source, title) or full rows; the cursor stays."""
        self.text.compact, self.divider = compact, not compact
        at = self.highlighted
        self.show(self.ids())
        if at is not None and at < self.row_count:
            self.highlighted = at
        if compact:
            self._more()  # a screenful of one-line rows holds more than the full rows fetched

    def set_searcher(self, searcher: Searcher) -> None:
        self.searcher = searcher
        if self.query_text:
            self.run_search(self.query_text, self.first_page())

    def search_for(self, query: str) -> None:
        """The search box now holds `query` ("" : nothing to list unless an entity is)."""
        self.query_text = query
        if query:
            self.entity, self.listing = None, ""
            self.run_search(query, self.first_page())
        else:
            self._open_first = False

    def toggle_sort(self) -> str:
        """Relevance <-> date order (whatever the query's `sort:` says); the query runs again."""
        self.sort = "relevance" if self.sort == "date" else "date"
        if self.query_text:
            self.run_search(self.query_text, self.first_page())
        return self.sort

    def clear(self) -> None:
        self.entity, self.listing, self.listing_key = None, "", ""
        self.set_results({})

    def pending(self) -> bool:
        return any(w.group in ("search", "entity") and w.is_running for w in self.workers)

    def terms(self) -> list[str]:
        """What to highlight in an article opened from here, or in a row's title: the entity's
        aliases or the query's terms, asked of the searcher once per query or entity (every row
        of a keystroke's answer asks)."""
        about = (self.query_text, self.entity, self.searcher)
        if about != self._terms[0]:
            self._terms = (about, self._ask_terms())
        return self._terms[1]

    def _ask_terms(self) -> list[str]:
        if self.entity is not None:
            return self._entity_terms(self.entity)
        if self.query_text and self.searcher is not None:
            return self.searcher.terms(self.query_text)
        return []

    def _entity_terms(self, entity: Entity) -> list[str]:
        """What search lights in the entity's articles (its aliases, without a searcher); in the
        articles naming two, what each lights."""
        if self.pair is not None and entity is self.entity:
            return listing.lights_of_both(*(self._entity_terms(e) for e in self.pair))
        return list(entity.aliases) if self.searcher is None else self.searcher.entity_terms(entity)

    def choose(self, article_id: str) -> None:
        self.post_message(ArticleChosen(article_id, self.ids(), self.terms(), self))

    def select_article(self, article_id: str, ids: list[str]) -> None:
        if article_id in self.hits:
            self.highlighted = self.index_of(article_id)

    def open_current(self) -> None:
        """Enter in the search box: the highlighted hit, or the first once the results are in."""
        target = self.current_article()
        if target is None or self._awaiting_answer():
            self._open_first = True
            return
        # From this pane's own message loop: a message made in the caller's handler would stop
        # bubbling at the caller (Textual's rule for messages whose sender is the parent).
        self.call_later(self.choose, target)

    def _awaiting_answer(self) -> bool:
        """The rows do not answer what the box says yet. For a search this is read from the rows
        themselves, not from the worker: a worker still counts as running for a moment after its
        answer is shown, and an Enter in that moment waited for an answer that had come (the
        article never opened)."""
        if self.query_text and self.entity is None and not self.listing:
            return self._shown_query != self.query_text
        return self.pending()

    def _set_status(self, text: str, *, answered: bool = False) -> None:
        self.status = text
        self.post_message(StatusChanged(text, answered=answered))

    # -- searching -----------------------------------------------------------------------------
    def first_page(self) -> int:
        """Rows fetched and drawn per keystroke: what the list can show, and a few more. Drawing
        rows nobody sees is what made typing slow; more come as the cursor or the view nears the
        end (`_near_the_end`, `watch_scroll_y`)."""
        height = self.size.height or self.screen.size.height  # hidden before the first search
        return min(RESULTS_LIMIT, height // (1 if self.text.compact else ROW_LINES) + 3)

    @work(exclusive=True, thread=True, group="search")
    def run_search(self, query: str, limit: int = RESULTS_LIMIT) -> None:
        """Search in a thread as soon as a key is typed (no debounce: a search costs a few ms); a
        newer keystroke cancels this worker and its results, stale by then, are dropped."""
        worker = get_current_worker()
        searcher = self.searcher
        if worker.is_cancelled or query != self.query_text:
            return
        if searcher is None:
            self.post_message(StatusChanged(INDEXING_RESULTS))
            return
        started = time.perf_counter()
        with turns.foreground():  # the loading worker's long loops wait meanwhile (store/turns.py)
            hits, total = searcher.search_counted(query, limit, self.sort)
        elapsed = time.perf_counter() - started
        if not worker.is_cancelled and query == self.query_text:
            self.app.call_from_thread(self.show_results, query, hits, total, elapsed)

    def show_results(self, query: str, hits: list[Hit], total: int, elapsed: float) -> None:
        """`hits`, the best of the `total` articles matching `query`, as the rows."""
        archive = self.archive
        if query != self.query_text or archive is None or self.entity is not None or self.listing:
            return  # a stale answer: the box has changed since this search started
        found: dict[str, Hit] = {}
        for hit in hits:  # (an outline holds the newest articles only: its index answers for all)
            if (archive.partial or hit.id in archive) and hit.id not in found:
                found[hit.id] = hit
        self.set_results(found, query, total)
        # The frames held since the key are let go once the status line shows this answer too
        # (Column.on_status_changed): the key, its rows and its count in one frame.
        self._set_status(results_status(len(found), self.total, self.sort, elapsed, parse(query).notes),
                         answered=True)
        if self._open_first:
            self._open_first = False
            if self.hits:
                self.choose(next(iter(self.hits)))

    def set_results(self, hits: dict[str, Hit], query: str = "", total: int = 0) -> None:
        """The one place the rows change: `hits` become the rows; `query` is what they answer
        ("" when none, or for an entity's articles), `total` how many articles match it.
        A longer answer to the query shown adds rows under the current ones (the cursor stays)."""
        before = list(self.hits)
        self.hits = hits
        ids = list(hits)
        if (query and query == self._shown_query and before and ids[: len(before)] == before
                and self.ids() == before):
            self.extend(ids[len(before):])  # more of the same list: keep the cursor
        else:
            self.show(ids)
        self._shown_query = query
        self.total = max(total, len(ids))

    @on(ResultsList.Highlighted)
    def _near_the_end(self, event: ResultsList.Highlighted) -> None:
        """The cursor reached the last rows: fetch the next hits of the same query."""
        if event.index >= self.row_count - 4:
            self._more()

    def watch_scroll_y(self, old: float, new: float) -> None:
        """The view (wheel, scroll bar) reached the last rows: the same as the cursor."""
        super().watch_scroll_y(old, new)
        if new > old and new >= self.max_scroll_y - self.size.height:
            self._more()

    def _more(self) -> None:
        """The next hits of the query or the listing shown, under the rows (once: not while a
        search or a page runs)."""
        if self.pending():
            return
        if (self.entity is None and not self.listing and self.query_text and len(self.hits) < self.total
                and self._shown_query == self.query_text):
            self.run_search(self.query_text, len(self.hits) + MORE)
        elif self.listing and not self.query_text and len(self.hits) < len(self._listed):
            start = len(self.hits)
            self._list_articles(self.listing, self._listed[start : start + MORE], start)

    @on(ResultsList.Selected)
    def _selected(self, event: ResultsList.Selected) -> None:
        event.stop()
        self.choose(event.row_id)

    # -- an entity's articles ------------------------------------------------------------------
    def list_entity(self, entity: Entity, other: Entity | None = None) -> None:
        """The entity's articles; with `other`, the articles naming both."""
        self.pair = (entity, other) if other is not None else None
        self.entity, self.listing = (listing.pair(entity, other) if other is not None else entity), ""
        self._list_entity(self.entity)

    @work(exclusive=True, thread=True, group="entity")
    def _list_entity(self, entity: Entity) -> None:
        """The entity's articles, newest first, with snippets (bodies are read: off the UI thread)."""
        archive = self.archive
        if archive is None:
            return
        hits = listing.entity_hits(archive, entity, self._entity_terms(entity), ENTITY_LIMIT)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_entity, entity, hits)

    def _show_entity(self, entity: Entity, hits: list[Hit]) -> None:
        if entity is not self.entity:
            return
        self.set_results({hit.id: hit for hit in hits})
        if self.pair is not None:
            self._set_status(entities.pair_status(*self.pair, len(entity.articles), hits))
        else:
            self._set_status(entities.status_line(entity, hits))
        self.post_message(self.Listed())

    # -- a listing: the newest articles of the archive or of a tree node ----------------------------
    def list_articles(self, title: str, ids: list[str], summary: str = "", *, key: str = "",
                      limit: int = LISTING_LIMIT) -> None:
        """List `ids` (newest first, `limit` at most) under `title`, a page at a time as the
        cursor or the view nears the end; Enter reads the highlighted one. `summary` (what the
        archive holds) replaces the count in the status line; `key` names what is listed."""
        if self.query_text:
            return  # what is typed wins
        self.entity, self.listing, self._summary, self.listing_key = None, title, summary, key
        self._listed, self._listed_total = ids[:limit], len(ids)
        self._listing_run += 1
        self._list_articles(title, self._listed[: self.first_page()], 0)

    @work(exclusive=True, thread=True, group="entity")
    def _list_articles(self, title: str, ids: list[str], start: int) -> None:
        """Rows `start`... of the listing: the articles `ids` (bodies are read: off the UI thread)."""
        archive = self.archive
        if archive is None:
            return
        run = self._listing_run
        hits = listing.listing_hits(archive, ids)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_listing, title, hits, start, run)

    def _show_listing(self, title: str, hits: list[Hit], start: int, run: int) -> None:
        if run != self._listing_run or title != self.listing or self.query_text or (
                start and start != len(self.hits)):
            return  # an older listing's, or a page that is no longer next
        if start:  # the next page, under the rows shown
            new = [hit for hit in hits if hit.id not in self.hits]
            self.hits.update((hit.id, hit) for hit in new)
            self.extend([hit.id for hit in new])
            return
        self.set_results({hit.id: hit for hit in hits})
        total = self._listed_total
        more = f" (newest {len(self._listed)})" if len(self._listed) < total else ""
        self._set_status(listing_status(title, self._summary or plural(total, "article") + more))
        self.post_message(self.Listed(title))

    def redraw(self) -> None:
        """Every row again, in one go (the reader's script changed); the cursor stays."""
        at = self.highlighted
        self.show(self.ids())
        if at is not None and at < self.row_count:
            self.highlighted = at
