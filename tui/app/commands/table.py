"""The Textual bindings of the command table (tui/keymap/table.py holds the table itself, plain
data the CLI reads too): the main screen's and the app's, built from `COMMANDS`."""

from __future__ import annotations

from textual.binding import Binding

from ...keymap.table import COMMANDS


def screen_bindings() -> list[Binding]:
    """The main screen's bindings: those in the footer first, in their order.

    A key that moves focus to where the next keys are typed (`/`, `e`) is a priority binding:
    Textual hands each key to the widget with focus when it arrives, and a plain binding acts
    only once the key has bubbled up to the screen, so `/kishida` arriving in one read (over SSH,
    or typed fast on a busy machine) gave its letters to the tree. While a text box has focus
    these keys are typed into it (MainScreen.check_action: `typing`)."""
    bound = [c for c in COMMANDS if c.action and c.keys and not c.action.startswith("app.")]
    bound.sort(key=lambda c: c.footer or len(COMMANDS))
    return [Binding(c.keys, c.action, c.label, show=bool(c.label and c.footer), id=c.id,
                    priority=c.typed_after) for c in bound]


def app_bindings() -> list[Binding]:
    return [Binding(c.keys, c.action.removeprefix("app."), c.label, show=False, priority=True,
                    id=c.id) for c in COMMANDS if c.action.startswith("app.")]
