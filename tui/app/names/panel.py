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
from textual.widget import Widget
from textual.widgets import Input, Sparkline, Static
from textual.worker import get_current_worker

from ...archive.search.names.entities import Entity
from ...archive.search.names.related import CoMentions, Related
from ...archive.search.searcher import NameFinder
from ...archive.store.archive import Archive
from ...archive.timeline import timeline
from ..article.render import DIM
from ..latency import HoldsFrames, Latency
from ..messages import EntityChosen, StatusChanged
from ..search.rows import ResultsList
from ..search.status import plural
from . import entities
from .related import RelatedNames, RelatedWork

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

    def compose(self) -> ComposeResult:
        yield NameFilter(self.latency, placeholder="筛选 filter: kishida, 岸田, bulinken, aukus…",
                         id="names-filter")
        yield ResultsList(self._prompt, divider=False, id="names-list")
        yield RelatedNames(id="names-related")
        yield Static("", id="names-with", markup=False)
        yield Sparkline([], id="names-spark")
        yield Static("", id="names-dates", markup=False)

    @property
    def filter_box(self) -> NameFilter:
        return self.query_one("#names-filter", NameFilter)

    @property
    def rows(self) -> ResultsList:
        return self.query_one("#names-list", ResultsList)

    @property
    def related_names(self) -> RelatedNames:
        return self.query_one("#names-related", RelatedNames)

    def set_finder(self, finder: NameFinder) -> None:
        self.finder = finder
        self._use_related()

    def set_archive(self, archive: Archive) -> None:
        self.archive = archive
        self._use_related()

    def _use_related(self) -> None:
        finder, archive = self.finder, self.archive
        self.related.use(CoMentions(finder.entities, len(archive.articles))
                         if finder is not None and archive is not None else None)

    @on(ResultsList.Highlighted, "#names-list")
    def _highlighted(self, event: ResultsList.Highlighted) -> None:
        event.stop()
        entity = self.shown.get(event.row_id)
        self.show_timeline(entity)
        self._show_with(entity)

    # -- who appears with whom -------------------------------------------------------------------
    def _show_with(self, entity: Entity | None) -> None:
        """The strip under the names: the highlighted one's related names (asked for, if new)."""
        strip = self.query_one("#names-with", Static)
        if entity is None or self.related.co is None:
            strip.update("")
            return
        strip.update(entities.related_strip(self.related.known(entity), strip.size.width))
        self.related.ask(entity)

    def _related_found(self, entity: Entity, found: list[Related]) -> None:
        if entity is self.current():
            strip = self.query_one("#names-with", Static)
            strip.update(entities.related_strip(found, strip.size.width))
        view = self.related_names
        if view.display and view.entity is entity:
            view.show_for(entity, found)
            self.post_message(StatusChanged(view.status()))

    def related_open(self) -> bool:
        return self.related_names.display

    def show_related(self) -> bool:
        """`w`: the highlighted name's related names in place of the names (again: the names);
        False when no name is highlighted."""
        if self.related_open():
            self.close_related()
            return True
        entity = self.current()
        if entity is None:
            return False
        self._show_lists(related=True)
        found = self.related.known(entity)
        self.related_names.show_for(entity, found)
        if found is not None:
            self.post_message(StatusChanged(self.related_names.status()))
        self.related.ask(entity)
        self.related_names.rows.focus()
        return True

    def close_related(self) -> bool:
        """Back from the related names to the names, the cursor where it was; False when closed."""
        if not self.related_open():
            return False
        self._show_lists(related=False)
        self.post_message(StatusChanged(self.status))
        self.rows.focus()
        return True

    def _show_lists(self, *, related: bool) -> None:
        """The names (and the strip of the highlighted one's related names), or those related."""
        self.related_names.display = related
        self.rows.display = self.query_one("#names-with", Static).display = not related

    def list_focus(self) -> Widget:
        """The list shown (the names, or a name's related names): what gets focus coming back."""
        return self.related_names.rows if self.related_open() else self.rows

    def show_timeline(self, entity: Entity | None) -> None:
        """The highlighted name's articles per month (a sparkline) and its first and last dates."""
        archive = self.archive
        spark, dates = self.query_one("#names-spark", Sparkline), self.query_one("#names-dates", Static)
        if entity is None or archive is None:
            spark.data, spark.display = [], False
            dates.update("")
            return
        line = timeline(archive.meta(i).published for i in entity.articles if i in archive)
        counts = line.counts()
        spark.data, spark.display = counts, len(counts) > 1
        if not line.first:
            dates.update(Text("未注明日期 undated", style=DIM))
        elif line.first == line.last:
            dates.update(Text(f"{line.first} · 1 day", style=DIM))
        else:
            peak = max(counts)
            dates.update(Text(f"{line.first} → {line.last} · {len(counts)} months · peak {peak}/month",
                              style=DIM))

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
        found = entities.find(finder, text)
        if not worker.is_cancelled:
            self.app.call_from_thread(self.show, text, found)

    def show(self, text: str, found: list[Entity]) -> None:
        if text != self.filter_box.value:
            return  # stale: the filter changed since
        self.close_related()  # (new names: a name's related names no longer follow the cursor)
        self.total = len(found)
        self.shown = {e.key: e for e in found[:NAMES_LIMIT]}
        self.rows.show(list(self.shown))
        if not self.shown:
            self.show_timeline(None)
        more = f" (first {NAMES_LIMIT}: type to narrow)" if self.total > NAMES_LIMIT else ""
        self.status = f"{plural(self.total, 'name')}{more} · Enter lists the articles"
        self.post_message(StatusChanged(self.status))
        self.latency.answered()  # the key and the names it leaves, in one frame

    def pending(self) -> bool:
        return any(w.group in ("names", "related") and w.is_running for w in self.workers) or (
            self.related.pending())

    def current(self) -> Entity | None:
        key = self.rows.current_article()
        return self.shown.get(key) if key else None

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
        entity = self.shown.get(event.row_id)
        if entity is not None:
            self.post_message(EntityChosen(entity))

    def _prompt(self, key: str, width: int) -> Text:
        return entities.entity_prompt(self.shown[key], width)
