"""Messages shown in the article pane when no article is open."""

from __future__ import annotations

from collections.abc import Mapping

from rich.style import Style
from rich.text import Text

from ...archive.model import Rejection
from ...archive.store.archive import Archive
from ...keymap.clashes import clashes
from ...keymap.shown import welcome_lines
from .text import clean


def welcome_text(archive: Archive | None, keymap: Mapping[str, str] | None = None) -> Text:
    out = Text("newstui\n\n", style=Style(bold=True))
    if archive is None:
        out.append("正在读取 Loading the archive…\n\n")
    elif not len(archive):
        out.append_text(empty_text(archive))
    else:
        out.append(f"{len(archive)} articles from {len(archive.tree())} sources.\n\n")
    out.append("\n".join(welcome_lines(keymap)), style=Style(dim=True))
    out.append_text(clash_text(keymap))
    return out


def clash_text(keymap: Mapping[str, str] | None) -> Text:
    """The keys the user's keymap gives to two commands (nothing when none)."""
    found = clashes(keymap or {})
    if not found:
        return Text()
    return Text("\n\n⚠ Keymap clash ([keys] in the config):\n" + "\n".join(found),
                style=Style(color="yellow"))


EMPTY_HINT = (
    "No articles here. newstui reads the text files in the folders and files you name "
    "(newstui PATH ...), all folders below them included:\n"
    "• feed archives: <!--time--> [title](url) ------ date, then the HTML body\n"
    "• mirror pages: ### title, then the page\n"
    "• Markdown posts with YAML front matter (Jekyll, Hugo, Hexo)\n"
    "• saved HTML pages, and any other page with a title\n"
    "Images, archives (zip), PDFs and office files are skipped; dot-folders too. "
    "After adding files press r to rescan.\n\n")


def empty_text(archive: Archive) -> Text:
    """What an archive without articles means, and what newstui would read."""
    out = Text(EMPTY_HINT)
    if archive.rejections:
        n = len(archive.rejections)
        out.append(f"{n} file{'s' if n != 1 else ''} could not be read: press ! to see why.\n\n",
                   style=Style(color="yellow"))
    return out


def problem_text(rejection: Rejection) -> Text:
    out = Text("⚠ 无法读取 This file could not be read as an article\n\n",
               style=Style(bold=True, color="red"))
    out.append(clean(rejection.path) + "\n\n", style=Style(underline=True))
    out.append(clean(rejection.reason))
    return out
