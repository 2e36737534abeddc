"""The Textual bindings of the command table (tui/keymap/table.py holds the table itself, plain
data the CLI reads too): the main screen's and the app's, built from `COMMANDS`."""

from __future__ import annotations

from textual.binding import Binding

from ...keymap.table import COMMANDS


def screen_bindings() -> list[Binding]:
    """The main screen's bindings: those in the footer first, in their order."""
    bound = [c for c in COMMANDS if c.action and c.keys and not c.action.startswith("app.")]
    bound.sort(key=lambda c: c.footer or len(COMMANDS))
    return [Binding(c.keys, c.action, c.label, show=bool(c.label and c.footer), id=c.id) for c in bound]


def app_bindings() -> list[Binding]:
    return [Binding(c.keys, c.action.removeprefix("app."), c.label, show=False, priority=True,
                    id=c.id) for c in COMMANDS if c.action.startswith("app.")]
