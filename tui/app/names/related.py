"""Who appears with whom, in the names panel: the names most often in the same articles as the
highlighted one, more than by chance (archive/search/names/related.py's `CoMentions`).

`RelatedWork` works them out off the UI thread, once the cursor rests on a name (a keystroke that
moves on is never slowed by it), each answer kept for the session; the panel shows the first few
in a strip under the names (`WithStrip`). `w` shows them in the names list in place of the names
(`NamedWith`): one row per related name with the articles naming both (and how many times
chance); Enter there posts `EntityChosen(entity, other)`, whose listing is the articles naming
both.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.timer import Timer
from textual.widget import Widget

from ...archive.search.names.entities import Entity
from ...archive.search.names.related import CoMentions, Related
from ..article.render import DIM
from ..article.text import clean
from ..search.status import plural
from . import entities

REST = 0.25  # seconds the cursor rests on a name before its related names are worked out


class RelatedWork:
    """Related names worked out in a thread worker of `owner` when asked, `REST` seconds after the
    last ask; `done(entity, found)` is called on the UI thread (only for the last entity asked)."""

    def __init__(self, owner: Widget, done: Callable[[Entity, list[Related]], None]) -> None:
        self.owner, self.done = owner, done
        self.co: CoMentions | None = None
        self.asked: Entity | None = None
        self.answered: Entity | None = None  # the last entity whose answer was shown
        self._timer: Timer | None = None

    def use(self, co: CoMentions | None) -> None:
        """Work from `co` (a new index, a new archive); None: nothing to work from."""
        self.co, self.asked = co, None

    def known(self, entity: Entity) -> list[Related] | None:
        return self.co.known(entity) if self.co is not None else None

    def ask(self, entity: Entity, *, now: bool = False) -> None:
        """`entity`'s related names: at once when known, else once the cursor rests (`now`: at
        once, for `w`)."""
        self.asked = entity
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        found = self.known(entity)
        if found is not None:
            self.answered = entity
            self.done(entity, found)
        elif self.co is not None and now:
            self._start(entity)
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
            self.answered = entity
            self.done(entity, found)

    def pending(self) -> bool:
        """Whether the last entity asked for has its answer still to come (tests, screenshots)."""
        return self.co is not None and self.asked is not None and self.answered is not self.asked


class WithStrip(Widget):
    """The strip under the names: a fixed height, redrawn without a new layout (a `Static`'s
    update lays the screen out again: ~20 ms of every keystroke in the names)."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.text = Text()

    def show(self, text: Text) -> None:
        if text.plain != self.text.plain or text.spans != self.text.spans:
            self.text = text
            self.refresh()

    def render(self) -> Text:
        return self.text


class NamedWith:
    """What the names list shows in place of the names after `w`: one name's related names (the
    same list widget, so opening them lays nothing out again), and where the names' cursor was."""

    def __init__(self) -> None:
        self.entity: Entity | None = None  # None: the names are shown
        self.found: dict[str, Related] = {}
        self.names_at: int | None = None

    @property
    def open(self) -> bool:
        return self.entity is not None

    def show_for(self, entity: Entity, found: list[Related] | None, names_at: int | None) -> None:
        self.entity, self.names_at = entity, names_at
        self.fill(found)

    def fill(self, found: list[Related] | None) -> None:
        self.found = {r.entity.key: r for r in found or ()}

    def close(self) -> int | None:
        """Back to the names: where their cursor was."""
        at, self.entity, self.found, self.names_at = self.names_at, None, {}, None
        return at

    def heading(self, known: bool) -> Text:
        """The strip under the list while it shows them: whose related names these are."""
        line = Text("同现 Named with ", style=DIM)
        if self.entity is not None:
            line.append(clean(self.entity.name), style="bold")
            line.append(f" · {len(self.entity.articles)} 篇" if known else " …", style=DIM)
        return line

    def status(self) -> str:
        """What the status line says while the list shows them."""
        if self.entity is None:
            return ""
        name = clean(self.entity.name)
        if not self.found:
            return f"No name is named with {name} more often than by chance · Esc: back to the names"
        return (f"{plural(len(self.found), 'name')} named with {name} more than by chance"
                " · Enter: the articles naming both · Esc: back")

    def prompt(self, key: str, width: int) -> Text:
        return entities.related_prompt(self.found[key], width)
