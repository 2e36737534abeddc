"""The help screen (`?`): every key from the command table, the search syntax, a few notes;
and the small prompt that names a saved search."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.console import Group
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ...archive.search.query.syntax import SYNTAX
from ...keymap.shown import help_rows
from ..article.notices import clash_text

NOTES = [
    "Read articles are dimmed; read marks and bookmarks are saved in the data directory",
    "(NEWSTUI_DATA_DIR or the platform's user data dir).",
    "Below 100 columns the list and the article take turns: Enter shows the article, Esc the list.",
]


def help_text(keymap: Mapping[str, str] | None = None) -> Text:
    """The whole help as plain text (tests and the docs use it)."""
    return Text("\n").join(Text(f"{k}  {w}") for k, w in help_rows(keymap))


def help_renderable(keymap: Mapping[str, str] | None = None) -> Group:
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=True)
    table.add_column(style=Style(bold=True, color="cyan"), no_wrap=True)
    table.add_column(ratio=1)
    for key, what in help_rows(keymap):
        table.add_row(key, what)
    return Group(Text("newstui — 键盘操作 keys\n", style=Style(bold=True)), table, clash_text(keymap),
                 *syntax_section(),
                 Text("\n" + " ".join(NOTES), style=Style(dim=True)),
                 Text("\nEsc, q or ? closes this help.", style=Style(italic=True)))


def syntax_section() -> tuple[Text, Table]:
    """What the search box understands (archive/search/query.py's SYNTAX)."""
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=True)
    table.add_column(style=Style(color="cyan"), no_wrap=True)
    table.add_column(ratio=1)
    for example, what in SYNTAX:
        table.add_row(example, what)
    return Text("\n搜索 Search syntax\n", style=Style(bold=True)), table


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close"),
        Binding("j", "scroll('down')", show=False),
        Binding("k", "scroll('up')", show=False),
    ]

    def __init__(self, keymap: Mapping[str, str] | None = None) -> None:
        super().__init__()
        self.keymap = dict(keymap or {})

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(help_renderable(self.keymap), id="help-text")

    def action_scroll(self, direction: str) -> None:
        box = self.query_one("#help-box", VerticalScroll)
        (box.scroll_down if direction == "down" else box.scroll_up)()


class NamePrompt(ModalScreen[str | None]):
    """Ask for a name (to save the search `query` under); Esc cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel")]
    AUTO_FOCUS = "#save-name"

    def __init__(self, query: str) -> None:
        super().__init__()
        self.query_text = query

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(Text(f"保存搜索 Save the search: {self.query_text}\n"
                              "Name (Enter saves, Esc cancels):"))
            yield Input(value=self.query_text[:40], id="save-name")

    @on(Input.Submitted, "#save-name")
    def _named(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)
