"""Handing an article to other programs: the pager, the system's URL opener, a Markdown file, the
clipboard (OSC 52, also through tmux). The functions return what to tell the user and never
raise; `Handoff` runs them for the app's commands and says so.
"""

from __future__ import annotations

import base64
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from textual.app import App, SuspendNotSupported

from ...archive.export import file_name, one_line, to_markdown, to_text
from ...archive.model import Article
from ...archive.read.text import strip_controls
from ...archive.store.files import atomic_write
from ...config import Config

Runner = Callable[..., object]


PAGER_HINT = "set pager in the config (newstui config --path) or $PAGER"


def page(app: App[int], text: str, command: str, run: Runner = subprocess.run) -> str | None:
    """Show `text` in `command` (a pager) with the app suspended; a message when it cannot.

    A pager that is not there is found before the app hands the terminal over. One that fails
    to start all the same is caught inside `app.suspend()`: an error leaving that block skips
    Textual's resume, and the app would stay suspended (a blank screen, keys echoed raw)."""
    try:
        argv = shlex.split(command)
    except ValueError as exc:
        return f"Pager {command!r}: {exc}; {PAGER_HINT}"
    if not argv:
        return f"No pager set: {PAGER_HINT}"
    if shutil.which(argv[0]) is None:
        return f"Cannot run the pager {argv[0]!r}: not found; {PAGER_HINT}"
    problem = None
    try:
        with app.suspend():
            try:
                run(argv, input=text.encode("utf-8"), check=False)
            except OSError as exc:
                problem = f"Cannot run the pager {argv[0]!r}: {exc.strerror or exc}; {PAGER_HINT}"
    except SuspendNotSupported:
        return "This terminal cannot hand over to a pager"
    return problem


def has_display() -> bool:
    """Whether a URL opener can show something: macOS, Windows, or X/Wayland on other systems."""
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def opener() -> list[str]:
    return ["open"] if sys.platform == "darwin" else ["xdg-open"]


def open_url(url: str, launch: Runner = subprocess.Popen) -> str:
    """Open `url` with the system's opener where there is a display; what to tell the user."""
    if not url:
        return "This article has no URL"
    if not url.lower().startswith(("http://", "https://")):
        return f"Not a web address, not opened: {url}"  # never hand an opener a path or an option
    if not has_display():
        return f"No display here: {url}"
    try:
        if sys.platform == "win32":
            os.startfile(url)  # type: ignore[attr-defined]  # Windows only
        else:
            launch([*opener(), url], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError as exc:
        return f"Cannot open the URL ({exc.strerror or exc}): {url}"
    return f"Opened {url}"


def inside(folder: Path, roots: Iterable[Path]) -> Path | None:
    """The archive root `folder` lies in, if any (never save into an archive)."""
    here = folder.expanduser().resolve()
    for root in roots:
        top = root.expanduser().resolve()
        top = top.parent if top.is_file() else top
        if here == top or here.is_relative_to(top):
            return root
    return None


def save_markdown(article: Article, folder: Path, roots: Iterable[Path]) -> str:
    """Write the article as Markdown into `folder` (never inside the archive); what happened."""
    root = inside(folder, roots)
    if root is not None:
        return f"Not saved: {folder} is inside the archive ({root}); set save_folder in the config"
    text = to_markdown(article).encode("utf-8")
    name = file_name(article)
    target = folder.expanduser() / name
    try:
        folder.expanduser().mkdir(parents=True, exist_ok=True)
        n = 1
        while target.exists() and target.read_bytes() != text:
            n += 1
            target = target.with_name(f"{Path(name).stem}-{n}.md")
        atomic_write(target, text)
    except OSError as exc:
        return f"Cannot save to {folder}: {exc.strerror or exc}"
    return f"Saved {target}"


def osc52(text: str, tmux: bool) -> list[str]:
    """The escape sequences that put `text` on the clipboard: OSC 52, and inside tmux the same
    wrapped in tmux's passthrough (used when `allow-passthrough` is on; with `set-clipboard on`
    tmux takes the plain one itself)."""
    data = base64.b64encode(text.encode("utf-8")).decode("ascii")
    plain = f"\x1b]52;c;{data}\a"
    if not tmux:
        return [plain]
    return [plain, "\x1bPtmux;" + plain.replace("\x1b", "\x1b\x1b") + "\x1b\\"]


TMUX_HINT = ("Inside tmux the copy reaches your clipboard only with `set -g set-clipboard on` "
             "(or `set -g allow-passthrough on`, tmux 3.3+) in ~/.tmux.conf")


def tmux_drops_osc52(env: Mapping[str, str], run: Runner = subprocess.run) -> bool:
    """Inside tmux, whether tmux is likely to drop OSC 52: neither `set-clipboard on` nor
    `allow-passthrough on` (asked of tmux; when it does not answer, likely)."""
    if not env.get("TMUX"):
        return False
    for option in ("set-clipboard", "allow-passthrough"):
        try:
            done = run(["tmux", "show-options", "-gv", option], capture_output=True, text=True,
                       timeout=2, check=False)
        except (OSError, subprocess.SubprocessError):
            return True
        if str(getattr(done, "stdout", "")).strip() in ("on", "all"):
            return False
    return True


class Handoff:
    """The `y`, `c`, `p`, `o` and `s` commands on an article, told to the user as notifications."""

    def __init__(self, app: App[int], config: Config, roots: list[Path]) -> None:
        self.app, self.config, self.roots = app, config, roots
        self._clipboard_checked = False

    def _copied(self, said: str) -> None:
        """`said` (what was copied); the first time inside a tmux that drops OSC 52, how to fix it."""
        if not self._clipboard_checked:
            self._clipboard_checked = True
            if tmux_drops_osc52(os.environ):
                self._say(f"{said}. {TMUX_HINT}", warning=True)
                return
        self._say(said)

    def _say(self, text: str, warning: bool = False) -> None:
        self.app.notify(strip_controls(text), severity="warning" if warning else "information",
                        markup=False, timeout=8 if warning else 5)

    def run(self, how: str, article: Article) -> None:
        """`how`: copy_url, copy_text, pager, open_url or save (the commands' binding ids)."""
        commands: dict[str, Callable[[Article], None]] = {
            "copy_url": self.copy_url, "copy_text": self.copy_text, "pager": self.pager,
            "open_url": self.open_url, "save": self.save}
        commands[how](article)

    def _width(self) -> int:
        """The text handed over is wrapped to the app's width (the terminal the pager takes)."""
        return max(20, self.app.size.width)

    def copy_url(self, article: Article) -> None:
        url = one_line(article.url)
        if not url:
            self._say("This article has no URL", warning=True)
            return
        self.app.copy_to_clipboard(url)
        self._copied(f"Copied URL (OSC 52): {url}")

    def copy_text(self, article: Article) -> None:
        self.app.copy_to_clipboard(to_text(article, width=self._width()))
        self._copied("Copied the article text (OSC 52)")

    def pager(self, article: Article) -> None:
        problem = page(self.app, to_text(article, width=self._width()), self.config.pager_command())
        if problem:
            self._say(problem, warning=True)

    def open_url(self, article: Article) -> None:
        self._say(open_url(one_line(article.url)))

    def save(self, article: Article) -> None:
        roots = [*self.roots, Path(article.path).parent]
        self._say(save_markdown(article, self.config.save_dir(), roots))
