"""The real app in a real pseudo-terminal (pexpect + pyte): `/`, a query, Enter, read, Esc, q.

Runs `python -m tui.app` (what `newstui` will call) over the bundled seeds at 80x24 and 120x40.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from support.paths import ROOT

pytestmark = pytest.mark.slow

pexpect = pytest.importorskip("pexpect", reason="pexpect is needed to drive a pseudo-terminal")
pyte = pytest.importorskip("pyte", reason="pyte is needed to read the pseudo-terminal's screen")

ROOT = ROOT


class Terminal:
    def __init__(self, cols: int, rows: int, data_dir: Path, config_dir: Path | None = None) -> None:
        env = dict(os.environ, TERM="xterm-256color", NEWSTUI_DATA_DIR=str(data_dir), LANG="C.UTF-8")
        if config_dir is not None:
            env["NEWSTUI_CONFIG_DIR"] = str(config_dir)
        env.pop("NO_COLOR", None)
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.child = pexpect.spawn(sys.executable, ["-m", "tui.app"], cwd=str(ROOT), env=env,
                                   dimensions=(rows, cols))

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def pump(self, seconds: float = 0.1) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            try:
                self.stream.feed(self.child.read_nonblocking(65536, timeout=0.05))
            except pexpect.TIMEOUT:
                continue
            except pexpect.EOF:
                return

    def wait_for(self, check: Callable[[str], bool], timeout: float = 15) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.pump(0.1)
            if check(self.text()):
                return self.text()
        raise AssertionError("screen never matched:\n" + self.text())

    def send(self, keys: str) -> None:
        self.child.send(keys)
        self.pump(0.2)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_search_open_read_and_quit_in_a_real_terminal(tmp_path: Path, size: tuple[int, int]) -> None:
    term = Terminal(*size, tmp_path)
    try:
        term.wait_for(lambda s: "美国之音 VOA" in s and "articles" in s)  # the tree, loaded
        term.send("/")
        term.send("kishida")
        term.wait_for(lambda s: "results" in s and "岸田" in s)
        term.send("\r")
        screen = term.wait_for(lambda s: "voachinese.com" in s)  # the article's URL line
        assert "美国之音 VOA" in screen and "Traceback" not in screen
        term.send("\x1b")  # Esc: back to the results
        term.wait_for(lambda s: "results" in s)
        term.send("q")
        term.child.expect(pexpect.EOF, timeout=10)
    finally:
        term.child.close(force=True)
    assert term.child.exitstatus == 0, term.text()


def test_brackets_in_one_write_each_step_an_article(tmp_path: Path) -> None:
    """`]]]]]]]]` arrives in one read (a paste, SSH): from the first of the five seeds, each
    steps one article, up to the last, which says so."""
    term = Terminal(80, 24, tmp_path)
    try:
        term.wait_for(lambda s: "Newest" in s and "articles" in s)  # the newest articles, listed
        term.send("\r")
        term.wait_for(lambda s: "https://" in s)  # the first article open
        term.send("]" * 8)
        term.wait_for(lambda s: "Last article in this list (5)" in s)
        term.send("q")
        term.child.expect(pexpect.EOF, timeout=10)
    finally:
        term.child.close(force=True)


def test_a_pager_that_fails_to_start_gives_the_screen_back_with_a_message(tmp_path: Path) -> None:
    pager = tmp_path / "broken-pager"
    pager.write_text("#!/no/such/interpreter\n")
    pager.chmod(0o755)  # found on the PATH, but exec fails: the failure happens while suspended
    config = tmp_path / "config"
    config.mkdir()
    (config / "config.toml").write_text(f'pager = "{pager}"\n')
    term = Terminal(120, 40, tmp_path / "data", config)
    try:
        term.wait_for(lambda s: "Newest" in s and "articles" in s)
        term.send("\r")
        term.wait_for(lambda s: "https://" in s)
        term.send("p")
        screen = term.wait_for(lambda s: "Cannot run the pager" in s)
        assert "美国之音" in screen or "法广" in screen  # the app is drawn again, not a blank screen
        term.send("q")
        term.child.expect(pexpect.EOF, timeout=10)
    finally:
        term.child.close(force=True)
    assert term.child.exitstatus == 0, term.text()
