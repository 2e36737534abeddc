"""Reading state: bookmarks and read marks persist atomically; damaged or unwritable files are tolerated."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from test_app_flows import WIDE, make_app, ready, search
from test_app_support import sync

from tui.app.app import NewsApp
from tui.app.state import ReadingState, atomic_write

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def state_doc(data_dir: Path) -> dict:
    return json.loads((data_dir / "state.json").read_text("utf-8"))


@sync
async def test_bookmark_persists_across_app_instances(data_dir: Path) -> None:
    async with make_app().run_test(size=WIDE) as pilot:
        screen = await search(pilot, "blinken")
        await pilot.press("enter")
        await pilot.pause(0.1)
        await pilot.press("b")
        await pilot.pause()
        assert screen.article.pieces[0].prefix == "★ "
        assert any("Bookmarked" in n.message for n in pilot.app._notifications)
    assert state_doc(data_dir)["bookmarks"] == ["a2"]
    async with make_app().run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        node = screen.tree.bookmarks_node
        assert node is not None and str(node.label) == "★ 书签 Bookmarks (1)"
        await pilot.press("enter")  # cursor starts on Bookmarks: Enter unfolds it
        await pilot.pause()
        assert [c.data.article_id for c in node.children] == ["a2"]
        await pilot.press("down", "b")  # unbookmark from the tree
        await pilot.pause()
        assert str(node.label) == "★ 书签 Bookmarks (0)"
    assert state_doc(data_dir)["bookmarks"] == []


@sync
async def test_read_marks_persist_and_dim(data_dir: Path) -> None:
    async with make_app().run_test(size=WIDE) as pilot:
        screen = await search(pilot, "奥库斯")
        await pilot.press("enter")
        await pilot.pause(0.1)
        prompt = screen.results.get_option("a3").prompt
        assert any(span.style.dim for span in prompt.spans if hasattr(span.style, "dim"))
    assert "a3" in state_doc(data_dir)["read"]
    async with make_app().run_test(size=WIDE) as pilot:
        assert pilot.app.state.is_read("a3")


@sync
async def test_corrupt_state_file_is_kept_aside_with_a_notification(data_dir: Path) -> None:
    (data_dir / "state.json").write_text("{not json", "utf-8")
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        assert any("corrupt" in n.message for n in app._notifications)
        assert app.state.bookmarks == []
    assert (data_dir / "state.json.corrupt").read_text("utf-8") == "{not json"


@sync
async def test_unwritable_state_dir_warns_and_keeps_going(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the data dir should be")  # unwritable even for root
    monkeypatch.setenv("NEWSTUI_DATA_DIR", str(blocker))
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await search(pilot, "blinken")
        await pilot.press("enter")
        await pilot.pause(0.1)
        await pilot.press("b")
        await pilot.pause()
        assert app.is_running and app.state.is_read("a2") and app.state.is_bookmarked("a2")
        warnings = [n.message for n in app._notifications if "Cannot save reading state" in n.message]
        assert len(warnings) == 1  # said once, not on every change


def test_atomic_write_replaces_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "state.json"
    atomic_write(target, b"one")
    atomic_write(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in target.parent.iterdir()] == ["state.json"]


def test_state_round_trip(tmp_path: Path) -> None:
    state, problem = ReadingState.load(tmp_path)
    assert problem is None
    state.mark_read("x")
    assert state.toggle_bookmark("y") and state.save() is None
    again, _ = ReadingState.load(tmp_path)
    assert again.read == {"x"} and again.bookmarks == ["y"]
    assert not again.toggle_bookmark("y")


@sync
async def test_r_rescans_and_shows_a_new_file(tmp_path: Path) -> None:
    root = tmp_path / "news"
    root.mkdir()
    seeds = sorted(SEEDS.iterdir())
    for seed in seeds[:2]:
        shutil.copyfile(seed, root / seed.name)
    app = NewsApp([root])
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        assert app.archive is not None and len(app.archive) == 2
        shutil.copyfile(seeds[2], root / "new-article.txt")
        await pilot.press("r")
        for _ in range(200):
            await pilot.pause(0.02)
            if len(app.archive) == 3:
                break
        assert len(app.archive) == 3
        assert any("Rescanned: 3 articles (+1)" in n.message for n in app._notifications)
        total = sum(int(str(n.label).rsplit("(", 1)[1].rstrip(")")) for n in app.main.tree.root.children
                    if n.data and n.data.kind == "group" and n.data.key.startswith("s/"))
        assert total == 3
