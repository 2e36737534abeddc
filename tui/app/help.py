"""The help text (one table, shown by `?`) and the help screen."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ..archive.search.query import SYNTAX

KEYS: list[tuple[str, str]] = [
    ("/", "搜索 Focus the search box; results update as you type"),
    ("Enter", "打开 Open the selected result or tree article"),
    ("Esc", "返回 Leave the search box / go back"),
    ("j k ↑ ↓", "Move in lists; scroll the article"),
    ("g G", "First / last item; top / bottom of the article"),
    ("PgUp PgDn Space", "Page up / down"),
    ("Tab Shift+Tab", "Cycle panes: search -> list -> article"),
    ("e", "人名 Names: people, organisations, agreements; type to filter, Enter lists articles"),
    ("n N", "Next / previous match (highlighted names) in the open article"),
    ("[ ]", "Previous / next article in the current list"),
    ("y", "Copy the article URL (OSC 52, works over SSH)"),
    ("b", "Bookmark / unbookmark (★ Bookmarks in the tree)"),
    ("r", "Rescan the paths and show new articles"),
    ("Ctrl+P", "Command palette: every command by name"),
    ("?", "This help"),
    ("q Ctrl+Q", "Quit (in the search box q types q; Ctrl+Q quits)"),
]

NOTES = [
    "Read articles are dimmed; read marks and bookmarks are saved in the data directory",
    "(NEWSTUI_DATA_DIR or the platform's user data dir).",
    "Below 100 columns the list and the article take turns: Enter shows the article, Esc the list.",
]


def help_text() -> Text:
    """The whole help as plain text (tests and the README use it)."""
    return Text("\n").join(Text(f"{k}  {w}") for k, w in KEYS)


def help_renderable() -> Group:
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=True)
    table.add_column(style=Style(bold=True, color="cyan"), no_wrap=True)
    table.add_column(ratio=1)
    for key, what in KEYS:
        table.add_row(key, what)
    return Group(Text("newstui — 键盘操作 keys\n", style=Style(bold=True)), table, *syntax_section(),
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

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(help_renderable(), id="help-text")

    def action_scroll(self, direction: str) -> None:
        box = self.query_one("#help-box", VerticalScroll)
        (box.scroll_down if direction == "down" else box.scroll_up)()
