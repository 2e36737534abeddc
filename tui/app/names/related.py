"""Who appears with whom, in the names panel: the names most often in the same articles as the
highlighted one, more than by chance (archive/search/names/related.py's `CoMentions`).

`RelatedWork` works them out off the UI thread, once the cursor rests on a name (a keystroke that
moves on is never slowed by it), each answer kept for the session; the panel shows the first few
in a strip under the names. `RelatedNames` is the list `w` opens in their place: a heading, then
one row per related name with the articles naming both (and how many times chance); Enter posts
`EntityChosen(entity, other)`, whose listing is the articles naming both.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Static

from ...archive.search.names.entities import Entity
from ...archive.search.names.related import CoMentions, Related
from ..article.render import DIM
from ..article.text import clean
from ..messages import EntityChosen
from ..search.rows import ResultsList
from ..search.status import plural
from . import entities

REST = 0.12  # seconds the cursor rests on a name before its related names are worked out


class RelatedWork:
    """Related names worked out in a thread worker of `owner` when asked, `REST` seconds after the
    last ask; `done(entity, found)` is called on the UI thread (only for the last entity asked)."""

    def __init__(self, owner: Widget, done: Callable[[Entity, list[Related]], None]) -> None:
        self.owner, self.done = owner, done
        self.co: CoMentions | None = None
        self.asked: Entity | None = None
        self._timer: Timer | None = None

    def use(self, co: CoMentions | None) -> None:
        """Work from `co` (a new index, a new archive); None: nothing to work from."""
        self.co, self.asked = co, None

    def known(self, entity: Entity) -> list[Related] | None:
        return self.co.known(entity) if self.co is not None else None

    def ask(self, entity: Entity) -> None:
        """`entity`'s related names: at once when known, else once the cursor rests."""
        self.asked = entity
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        found = self.known(entity)
        if found is not None:
            self.done(entity, found)
        elif self.co is not None:
            self._timer = self.owner.set_timer(REST, lambda: self._start(entity))

    def _start(self, entity: Entity) -> None:
        co = self.co
        if co is None or entity is not self.asked:
            return
        self.owner.run_worker(lambda: self._work(co, entity), thread=True, exclusive=True,
                              group="related")

    def _work(self, co: CoMentions, entity: Entity) -> None:
        found = co.of(entity)
        self.owner.app.call_from_thread(self._answer, co, entity, found)

    def _answer(self, co: CoMentions, entity: Entity, found: list[Related]) -> None:
        if co is self.co and entity is self.asked:
            self.done(entity, found)

    def pending(self) -> bool:
        return self._timer is not None and self.asked is not None and self.known(self.asked) is None


class RelatedNames(Vertical):
    """The names related to one entity, to choose one of: Enter lists the articles naming both."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.entity: Entity | None = None
        self.found: dict[str, Related] = {}

    def compose(self) -> ComposeResult:
        yield Static("", id="related-heading", markup=False)
        yield ResultsList(self._prompt, divider=False, id="related-list")

    @property
    def rows(self) -> ResultsList:
        return self.query_one("#related-list", ResultsList)

    def show_for(self, entity: Entity, found: list[Related] | None) -> None:
        """`entity`'s related names (None: still being worked out)."""
        self.entity = entity
        self.found = {r.entity.key: r for r in found or ()}
        heading = Text("同现 Named with ", style=DIM)
        heading.append(clean(entity.name), style="bold")
        heading.append(f" · {len(entity.articles)} 篇" if found is not None else " …", style=DIM)
        self.query_one("#related-heading", Static).update(heading)
        self.rows.show(list(self.found))

    def status(self) -> str:
        """What the status line says while the list shows."""
        if self.entity is None:
            return ""
        name = clean(self.entity.name)
        if not self.found:
            return f"No name is named with {name} more often than by chance · Esc: back to the names"
        return (f"{plural(len(self.found), 'name')} named with {name} more often than by chance"
                " · Enter lists the articles naming both · Esc: back")

    def current(self) -> Related | None:
        key = self.rows.current_article()
        return self.found.get(key) if key else None

    @on(ResultsList.Selected, "#related-list")
    def _selected(self, event: ResultsList.Selected) -> None:
        event.stop()
        chosen = self.found.get(event.row_id)
        if chosen is not None and self.entity is not None:
            self.post_message(EntityChosen(self.entity, chosen.entity))

    @on(ResultsList.Highlighted, "#related-list")
    def _highlighted(self, event: ResultsList.Highlighted) -> None:
        event.stop()  # (the names panel's timeline follows the names list, not this one)

    def _prompt(self, key: str, width: int) -> Text:
        return entities.related_prompt(self.found[key], width)
