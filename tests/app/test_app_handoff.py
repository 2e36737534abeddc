"""Handing an article over: pager, URL opener, Markdown file, clipboard; `show --format markdown`."""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len
from support.app import WIDE, make_app, open_hit, sync, until
from support.commands import newstui

from tui.app.app import NewsApp
from tui.app.article import handoff
from tui.archive.store.paths import bundled_seeds

WRITE_STDIN = "import sys, pathlib; pathlib.Path(sys.argv[1]).write_bytes(sys.stdin.buffer.read())"
WRITE_ARG = "import sys, pathlib; pathlib.Path(sys.argv[1]).write_text(sys.argv[2])"


def configure(config_dir: Path, **settings: str) -> None:
    lines = [f"{k} = {json.dumps(v)}" for k, v in settings.items()]
    (config_dir / "config.toml").write_text("\n".join(lines) + "\n", "utf-8")


def said(app: NewsApp, text: str) -> bool:
    return any(text in n.message for n in app._notifications)


@sync
async def test_p_hands_the_article_text_to_the_pager(tmp_path: Path, config_dir: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "paged.txt"
    configure(config_dir, pager=f"{sys.executable} -c '{WRITE_STDIN}' {out}")
    app = make_app()
    suspended: list[bool] = []

    @contextlib.contextmanager
    def suspend():  # type: ignore[no-untyped-def]  # the headless test driver cannot suspend
        suspended.append(True)
        yield

    monkeypatch.setattr(app, "suspend", suspend)
    async with app.run_test(size=WIDE) as pilot:
        await open_hit(pilot, "blinken")
        await pilot.press("p")
        assert await until(pilot, out.exists)
    text = out.read_text("utf-8")
    assert suspended == [True]
    assert text.startswith("布林肯抵达日本 将举行美日2+2会谈\n") and "美国国务卿安东尼·布林肯" in text


@sync
async def test_the_pager_text_is_wrapped_to_the_apps_width_with_markdown_structure(
        tmp_path: Path, config_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "paged.txt"
    configure(config_dir, pager=f"{sys.executable} -c '{WRITE_STDIN}' {out}")
    app = make_app()
    monkeypatch.setattr(app, "suspend", contextlib.nullcontext)  # the headless driver cannot suspend
    async with app.run_test(size=(60, 24)) as pilot:
        await open_hit(pilot, "岸田")
        await pilot.press("p")
        assert await until(pilot, out.exists)
    lines = out.read_text("utf-8").splitlines()
    assert max(cell_len(line) for line in lines if "http" not in line) <= 60
    first = next(line for line in lines if line.startswith("白宫 — 美国总统乔·拜登（Joe Biden）"))
    assert 56 <= cell_len(first) <= 60  # the paragraph wrapped at the app's width, not at 80
    assert "## 峰会要点" in lines and "- 加强指挥与控制框架" in lines
    assert "> “我们的同盟从未如此牢固。”" in lines


@sync
async def test_p_with_a_missing_pager_says_so(config_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    configure(config_dir, pager="/no/such/pager")
    app = make_app()
    monkeypatch.setattr(app, "suspend", contextlib.nullcontext)
    async with app.run_test(size=WIDE) as pilot:
        await open_hit(pilot, "blinken")
        await pilot.press("p")
        assert await until(pilot, lambda: said(app, "Cannot run the pager"))
        assert app.is_running


@sync
async def test_s_saves_markdown_in_the_save_folder_not_the_archive(tmp_path: Path, config_dir: Path) -> None:
    folder = tmp_path / "saved"
    configure(config_dir, save_folder=str(folder))
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await open_hit(pilot, "blinken")
        await pilot.press("s")
        assert await until(pilot, lambda: said(app, "Saved "))
    files = list(folder.iterdir())
    assert [f.name for f in files] == ["2024-07-28-布林肯抵达日本-将举行美日2+2会谈.md"]
    markdown = files[0].read_text("utf-8")
    assert markdown.startswith("# 布林肯抵达日本 将举行美日2+2会谈\n\n美国之音 · 2024-07-28")
    assert "<https://example.org/voa/2>" in markdown
    # the app's archive: the bundled seeds, wherever this installation keeps them (inside the wheel
    # in CI, not the checkout's seeds/, which then is no archive of the app's and must not be used)
    inside = bundled_seeds() / "saved"
    configure(config_dir, save_folder=str(inside))
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await open_hit(pilot, "blinken")
        await pilot.press("s")
        assert await until(pilot, lambda: said(app, "is inside the archive"))
    assert not inside.exists()


@sync
async def test_o_opens_the_url_with_a_display_and_shows_it_without(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "opened.txt"
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await open_hit(pilot, "blinken")
        await pilot.press("o")
        assert await until(pilot, lambda: said(app, "No display here: https://example.org/voa/2"))
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setattr(handoff, "opener", lambda: [sys.executable, "-c", WRITE_ARG, str(out)])
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await open_hit(pilot, "blinken")
        await pilot.press("o")
        assert await until(pilot, out.exists)
        assert said(app, "Opened https://example.org/voa/2")
    assert out.read_text() == "https://example.org/voa/2"


@sync
async def test_c_copies_the_text_with_osc52_also_through_tmux(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TMUX", "/tmp/tmux-0/default,1,0")
    app = make_app()
    written: list[str] = []
    async with app.run_test(size=WIDE) as pilot:
        await open_hit(pilot, "blinken")
        assert app._driver is not None
        monkeypatch.setattr(app._driver, "write", written.append)
        await pilot.press("c")
        await pilot.pause()
    assert app.clipboard.startswith("布林肯抵达日本") and "上川阳子" in app.clipboard
    plain, wrapped = handoff.osc52(app.clipboard, tmux=True)
    assert plain in written and wrapped in written
    assert wrapped.startswith("\x1bPtmux;\x1b\x1b]52;c;") and wrapped.endswith("\x1b\\")
    assert handoff.osc52("x", tmux=False) == ["\x1b]52;c;eA==\a"]


def test_show_format_markdown(seeds_dir: Path, tmp_path: Path) -> None:
    seed = sorted(seeds_dir.iterdir())[0]
    done = newstui("show", seed, "--format", "markdown", cwd=tmp_path)
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    assert lines[0].startswith("# 拜登与岸田峰会") and lines[2].startswith("美国之音 · 2024-04-10")
    assert any(line.startswith("![") and "](https://" in line for line in lines)  # the lead image
    assert "\x1b" not in done.stdout


def textual_like_suspend(log: list[str]):  # type: ignore[no-untyped-def]
    """Textual's `App.suspend`: the app resumes only when its block ends without an error."""

    @contextlib.contextmanager
    def suspend():  # type: ignore[no-untyped-def]
        log.append("suspended")
        yield
        log.append("resumed")

    return suspend


@sync
async def test_p_with_a_pager_that_fails_to_start_resumes_the_app_and_says_so(
        config_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    configure(config_dir, pager=sys.executable)  # found on PATH, then fails to start (below)
    app = make_app()
    log: list[str] = []
    monkeypatch.setattr(app, "suspend", textual_like_suspend(log))

    def fails(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(handoff.subprocess, "run", fails)
    monkeypatch.setattr(handoff.page, "__defaults__", (fails,))
    async with app.run_test(size=WIDE) as pilot:
        await open_hit(pilot, "blinken")
        await pilot.press("p")
        assert await until(pilot, lambda: said(app, "Cannot run the pager"))
    assert log == ["suspended", "resumed"]  # the screen came back
    assert any("Permission denied" in n.message and "config" in n.message for n in app._notifications)


@sync
async def test_p_with_a_pager_not_on_the_path_never_hands_the_terminal_over(
        config_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    configure(config_dir, pager="nonexistent-pager -R")
    app = make_app()
    log: list[str] = []
    monkeypatch.setattr(app, "suspend", textual_like_suspend(log))
    async with app.run_test(size=WIDE) as pilot:
        await open_hit(pilot, "blinken")
        await pilot.press("p")
        assert await until(pilot, lambda: said(app, "'nonexistent-pager': not found"))
    assert log == []


class FakeTmux:
    def __init__(self, answers: dict[str, str]) -> None:
        self.answers, self.asked = answers, 0

    def __call__(self, argv: list[str], **kwargs: object) -> object:
        self.asked += 1
        return type("Done", (), {"stdout": self.answers.get(argv[-1], "") + "\n"})()


def test_tmux_without_set_clipboard_or_passthrough_is_likely_to_drop_the_copy() -> None:
    inside = {"TMUX": "/tmp/tmux-0/default,1,0"}
    drops = handoff.tmux_drops_osc52
    assert drops(inside, FakeTmux({"set-clipboard": "external", "allow-passthrough": "off"}))
    assert not drops(inside, FakeTmux({"set-clipboard": "on"}))
    assert not drops(inside, FakeTmux({"set-clipboard": "external", "allow-passthrough": "on"}))
    outside = FakeTmux({})
    assert not handoff.tmux_drops_osc52({}, outside) and outside.asked == 0


@sync
async def test_y_inside_a_tmux_that_drops_osc52_says_how_to_enable_it_once(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TMUX", "/tmp/tmux-0/default,1,0")
    tmux = FakeTmux({"set-clipboard": "external"})
    monkeypatch.setattr(handoff.tmux_drops_osc52, "__defaults__", (tmux,))
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await open_hit(pilot, "blinken")
        await pilot.press("y", "y", "c")
        await pilot.pause()
    hints = [n.message for n in app._notifications if "set-clipboard on" in n.message]
    assert len(hints) == 1 and "Copied URL" in hints[0]
    assert sum("Copied" in n.message for n in app._notifications) == 3
