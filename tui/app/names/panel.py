"""The names panel: people, organisations and agreements, filterable as you type.

A filter box over a list of entities (most articles first). Enter on one posts `EntityChosen`; the
main screen then lists its articles in the results pane. Filtering runs in a worker thread against
the `NameFinder` the panel is given once the index is ready. Under the list, the names most often
in the same articles as the highlighted one (related.py, worked out once the cursor rests); `w`
lists them in place of the names, to choose one: its listing is the articles naming both.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Sparkline, Static
from textual.worker import get_current_worker

from ...archive.search.names.entities import Entity
from ...archive.search.names.related import CoMentions, Related
from ...archive.search.searcher import NameFinder
from ...archive.store import turns
from ...archive.store.archive import Archive
from ...archive.timeline import Timeline, timeline
from ..article.render import DIM
from ..latency import HoldsFrames, Latency
from ..messages import EntityChosen, StatusChanged
from ..search.rows import ResultsList
from ..search.status import plural
from . import entities
from .related import NamedWith, RelatedWork, WithStrip

NAMES_LIMIT = 500  # rows drawn at most; the filter narrows the rest


class NameFilter(HoldsFrames):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "choose", "List articles", show=True),
        Binding("down", "to_list", "To the list", show=False),
    ]

    class Choose(Message):
        """Enter: list the articles of the highlighted name."""

    class ToList(Message):
        """Down: focus goes to the names."""

    def action_choose(self) -> None:
        self.post_message(self.Choose())

    def action_to_list(self) -> None:
        self.post_message(self.ToList())


class NamesPanel(Vertical):
    def __init__(self, latency: Latency, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.latency = latency
        self.archive: Archive | None = None
        self.finder: NameFinder | None = None
        self.shown: dict[str, Entity] = {}
        self.total = 0
        self.status = ""
        self.filled_for: NameFinder | None = None  # what the list was last filled from
        self.related = RelatedWork(self, self._related_found)
        self.named_with = NamedWith()  # `w`: the list shows a name's related names
        self._timelines: dict[str, tuple[Timeline, list[int]]] = {}  # entity key -> its timeline

    def compose(self) -> ComposeResult:
        yield NameFilter(self.latency, placeholder="筛选 filter: kishida, 岸田, bulinken, aukus…",
                         id="names-filter")
        yield ResultsList(self._prompt, divider=False, id="names-list")
        yield WithStrip(id="names-with")
        yield Sparkline([], id="names-spark")
        yield Static("", id="names-dates", markup=False)

    @property
    def filter_box(self) -> NameFilter:
        return self.query_one("#names-filter", NameFilter)

    @property
    def rows(self) -> ResultsList:
        return self.query_one("#names-list", ResultsList)

    def set_finder(self, finder: NameFinder) -> None:
        self.finder = finder
        self._use_related()

    def set_archive(self, archive: Archive) -> None:
        self.archive = archive
        self._use_related()

    def _use_related(self) -> None:
        finder, archive = self.finder, self.archive
        self._timelines.clear()
        self.related.use(CoMentions(finder.entities, len(archive.articles))
                         if finder is not None and archive is not None else None)

    @on(ResultsList.Highlighted, "#names-list")
    def _highlighted(self, event: ResultsList.Highlighted) -> None:
        event.stop()
        if self.named_with.open:
            return  # (the strip and the timeline stay the name's whose related names these are)
        entity = self.shown.get(event.row_id)
        self.show_timeline(entity)
        self._show_with(entity)

    # -- who appears with whom -------------------------------------------------------------------
    def _show_with(self, entity: Entity | None) -> None:
        """The strip under the names: the highlighted one's related names (asked for, if new)."""
        strip = self.query_one("#names-with", WithStrip)
        if entity is None or self.related.co is None:
            strip.show(Text())
            return
        strip.show(entities.related_strip(self.related.known(entity), strip.size.width))
        self.related.ask(entity)

    def _related_found(self, entity: Entity, found: list[Related]) -> None:
        strip = self.query_one("#names-with", WithStrip)
        if self.named_with.entity is entity and not self.named_with.found:
            self.named_with.fill(found)
            self.rows.show(list(self.named_with.found))
            strip.show(self.named_with.heading(True))
            self.post_message(StatusChanged(self.named_with.status()))
        elif not self.named_with.open and entity is self.current():
            strip.show(entities.related_strip(found, strip.size.width))

    def related_open(self) -> bool:
        return self.named_with.open

    def show_related(self) -> bool:
        """`w`: the highlighted name's related names in place of the names (again: the names);
        False when no name is highlighted."""
        if self.close_related():
            return True
        entity = self.current()
        if entity is None:
            return False
        found = self.related.known(entity)
        self.named_with.show_for(entity, found, self.rows.highlighted)
        self.rows.show(list(self.named_with.found))
        self.query_one("#names-with", WithStrip).show(self.named_with.heading(found is not None))
        if found is not None:
            self.post_message(StatusChanged(self.named_with.status()))
        self.related.ask(entity, now=True)
        self.rows.focus()
        return True

    def close_related(self) -> bool:
        """Back from the related names to the names, the cursor where it was; False when closed."""
        if not self.named_with.open:
            return False
        at = self.named_with.close()
        self.rows.show(list(self.shown))
        if at is not None and at < self.rows.row_count:
            self.rows.highlighted = at
            self.rows.scroll_to_highlight()
        self.post_message(StatusChanged(self.status))
        self.rows.focus()
        return True

    def current_related(self) -> Related | None:
        """The related name highlighted (while they are shown)."""
        key = self.rows.current_article()
        return self.named_with.found.get(key) if key and self.named_with.open else None

    def show_timeline(self, entity: Entity | None) -> None:
        """The highlighted name's articles per month (a sparkline) and its first and last dates."""
        archive = self.archive
        spark, dates = self.query_one("#names-spark", Sparkline), self.query_one("#names-dates", Static)
        if entity is None or archive is None:
            spark.data, spark.display = [], False
            dates.update("")
            return
        line, counts = self._timelines.get(entity.key) or self._timeline(archive, entity)
        spark.data, spark.display = counts, len(counts) > 1
        if not line.first:
            dates.update(Text("未注明日期 undated", style=DIM))
        elif line.first == line.last:
            dates.update(Text(f"{line.first} · 1 day", style=DIM))
        else:
            peak = max(counts)
            dates.update(Text(f"{line.first} → {line.last} · {len(counts)} months · peak {peak}/month",
                              style=DIM))

    def _timeline(self, archive: Archive, entity: Entity) -> tuple[Timeline, list[int]]:
        """Worked out once per name (~30 ms for one in most of a 14k-article mirror)."""
        line = timeline(archive.meta(i).published for i in entity.articles if i in archive)
        self._timelines[entity.key] = found = (line, line.counts())
        return found

    def refill(self) -> None:
        """Show the names for the current filter (again, when the index has changed)."""
        if self.finder is not None and self.filled_for is not self.finder:
            self.filled_for = self.finder
            self.run_filter(self.filter_box.value)

    @on(Input.Changed, "#names-filter")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.run_filter(event.value)

    @on(Input.Submitted, "#names-filter")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()

    @work(exclusive=True, thread=True, group="names")
    def run_filter(self, text: str) -> None:
        worker = get_current_worker()
        finder = self.finder
        if finder is None or worker.is_cancelled:
            return
        with turns.foreground():  # (the loading worker waits meanwhile: store/turns.py)
            found = entities.find(finder, text)
        if not worker.is_cancelled:
            self.app.call_from_thread(self.show, text, found)

    def show(self, text: str, found: list[Entity]) -> None:
        if text != self.filter_box.value:
            return  # stale: the filter changed since
        self.named_with.close()  # (new names: a name's related names no longer follow the cursor)
        self.total = len(found)
        self.shown = {e.key: e for e in found[:NAMES_LIMIT]}
        self.rows.show(list(self.shown))
        if not self.shown:
            self.show_timeline(None)
        more = f" (first {NAMES_LIMIT}: type to narrow)" if self.total > NAMES_LIMIT else ""
        self.status = f"{plural(self.total, 'name')}{more} · Enter lists the articles"
        # the key, the names it leaves and their count in one frame (Column.on_status_changed)
        self.post_message(StatusChanged(self.status, answered=True))

    def pending(self) -> bool:
        return any(w.group in ("names", "related") and w.is_running for w in self.workers) or (
            self.related.pending())

    def current(self) -> Entity | None:
        key = self.rows.current_article()
        return self.shown.get(key) if key and not self.named_with.open else None

    @on(NameFilter.Choose)
    def choose(self, event: NameFilter.Choose) -> None:
        event.stop()
        entity = self.current()
        if entity is not None:
            self.post_message(EntityChosen(entity))

    @on(NameFilter.ToList)
    def _to_list(self, event: NameFilter.ToList) -> None:
        event.stop()
        self.rows.focus()

    @on(ResultsList.Selected, "#names-list")
    def _selected(self, event: ResultsList.Selected) -> None:
        event.stop()
        if self.named_with.open:
            chosen, entity = self.named_with.found.get(event.row_id), self.named_with.entity
            if chosen is not None and entity is not None:
                self.post_message(EntityChosen(entity, chosen.entity))
            return
        entity = self.shown.get(event.row_id)
        if entity is not None:
            self.post_message(EntityChosen(entity))

    def _prompt(self, key: str, width: int) -> Text:
        if self.named_with.open:
            return self.named_with.prompt(key, width)
        return entities.entity_prompt(self.shown[key], width)
