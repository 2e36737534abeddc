"""The names panel: people, organisations and agreements, filterable as you type.

A filter box over a list of entities (most articles first). Enter on one posts `Chosen`; the main
screen then lists its articles in the results list. Filtering runs in a worker thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input
from textual.worker import get_current_worker

from ..archive.search.engine import Hit
from ..archive.search.names import Entity
from . import entities
from .widgets import ResultsList

if TYPE_CHECKING:
    from .app import NewsApp
    from .screen import MainScreen

NAMES_LIMIT = 500  # rows drawn at most; the filter narrows the rest
ENTITY_LIMIT = 500  # an entity's articles listed at most (newest first)


class NameFilter(Input):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "choose", "List articles", show=True),
        Binding("down", "to_list", "To the list", show=False),
    ]

    def action_choose(self) -> None:
        panel = self.parent
        if isinstance(panel, NamesPanel):
            panel.choose()

    def action_to_list(self) -> None:
        panel = self.parent
        if isinstance(panel, NamesPanel):
            panel.list.focus()


class NamesPanel(Vertical):
    class Chosen(Message):
        def __init__(self, entity: Entity) -> None:
            super().__init__()
            self.entity = entity

    app: NewsApp  # type: ignore[assignment]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.shown: dict[str, Entity] = {}
        self.total = 0
        self.filled_for: object = None  # the index the list was last filled from

    def compose(self) -> ComposeResult:
        yield NameFilter(placeholder="筛选 filter: kishida, 岸田, bulinken, aukus…", id="names-filter")
        yield ResultsList(self._prompt, divider=False, id="names-list")

    @property
    def filter(self) -> NameFilter:
        return self.query_one("#names-filter", NameFilter)

    @property
    def list(self) -> ResultsList:
        return self.query_one("#names-list", ResultsList)

    def refill(self) -> None:
        """Show the names for the current filter (again, when the index has changed)."""
        if self.app.index is not None and self.filled_for is not self.app.index:
            self.filled_for = self.app.index
            self.run_filter(self.filter.value)

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
        index = self.app.index
        if index is None or worker.is_cancelled:
            return
        found = entities.find(index, text)
        if not worker.is_cancelled:
            self.app.call_from_thread(self.show, text, found)

    def show(self, text: str, found: list[Entity]) -> None:
        if text != self.filter.value:
            return  # stale: the filter changed since
        self.total = len(found)
        self.shown = {e.key: e for e in found[:NAMES_LIMIT]}
        self.list.show(list(self.shown))
        more = f" (first {NAMES_LIMIT}: type to narrow)" if self.total > NAMES_LIMIT else ""
        self.app.main.set_status(f"{self.total} names{more} · Enter lists the articles", pane="names")

    def pending(self) -> bool:
        return any(w.group == "names" and w.is_running for w in self.workers)

    def current(self) -> Entity | None:
        key = self.list.current_article()
        return self.shown.get(key) if key else None

    def choose(self) -> None:
        entity = self.current()
        if entity is not None:
            self.post_message(self.Chosen(entity))

    @on(ResultsList.OptionSelected, "#names-list")
    def _selected(self, event: ResultsList.OptionSelected) -> None:
        event.stop()
        entity = self.shown.get(event.option.id or "")
        if entity is not None:
            self.post_message(self.Chosen(entity))

    def _prompt(self, key: str, width: int) -> Text:
        return entities.entity_prompt(self.shown[key], width)


class EntityResults:
    """Mixed into MainScreen: an entity chosen in the names panel lists its articles as results."""

    def on_names_panel_chosen(self: MainScreen, event: NamesPanel.Chosen) -> None:
        self.entity = event.entity
        self.list_entity(event.entity)

    @work(exclusive=True, thread=True, group="entity")
    def list_entity(self: MainScreen, entity: Entity) -> None:
        """The entity's articles, newest first, with snippets (bodies are read: off the UI thread)."""
        archive = self.app.archive
        if archive is None:
            return
        hits = entities.entity_hits(archive, entity, ENTITY_LIMIT)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show_entity, entity, hits)

    def show_entity(self: MainScreen, entity: Entity, hits: list[Hit]) -> None:
        if entity is not self.entity:
            return
        self.switcher.current = "results"
        self.set_results({hit.id: hit for hit in hits})
        self.set_status(entities.status_line(entity, hits), pane="results")
        self.remove_class("-reading")
        self.call_after_refresh(self.results.focus)

    def highlight_terms(self: MainScreen, origin: Widget) -> list[str]:
        """What to highlight in an article opened from `origin`: the entity's aliases or the query's terms."""
        if origin is self.results and self.entity is not None:
            return list(self.entity.aliases)
        index = self.app.index
        return index.terms(self.query_text) if self.query_text and index is not None else []
