"""Messages shown in the article pane when no article is open."""

from __future__ import annotations

from collections.abc import Mapping

from rich.style import Style
from rich.text import Text

from ...archive.model import Rejection
from ...archive.store.archive import Archive
from ..commands.table import welcome_lines
from .text import clean


def welcome_text(archive: Archive | None, keymap: Mapping[str, str] | None = None) -> Text:
    out = Text("newstui\n\n", style=Style(bold=True))
    if archive is None:
        out.append("正在读取 Loading the archive…\n\n")
    else:
        out.append(f"{len(archive)} articles from {len(archive.tree())} sources.\n\n")
    out.append("\n".join(welcome_lines(keymap)), style=Style(dim=True))
    return out


def problem_text(rejection: Rejection) -> Text:
    out = Text("⚠ 无法读取 This file could not be read as an article\n\n",
               style=Style(bold=True, color="red"))
    out.append(clean(rejection.path) + "\n\n", style=Style(underline=True))
    out.append(clean(rejection.reason))
    return out
