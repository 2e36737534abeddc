"""Reading state: bookmarks and read marks persist atomically; damaged or unwritable files are tolerated."""

from __future__ import annotations

import json
import multiprocessing as mp
import multiprocessing.queues
import random
import shutil
from pathlib import Path

import pytest
from rich.style import Style
from rich.text import Text
from support.app import WIDE, at_tree, make_app, open_first, open_hit, ready, search, sync
from support.paths import ROOT

from tui.app.app import NewsApp
from tui.archive.store.files import atomic_write
from tui.userdata.reading import ReadingState

SEEDS = ROOT / "seeds"


def state_doc(data_dir: Path) -> dict:
    return json.loads((data_dir / "state.json").read_text("utf-8"))


@sync
async def test_bookmark_persists_across_app_instances(data_dir: Path) -> None:
    async with make_app().run_test(size=WIDE) as pilot:
        screen = await open_hit(pilot, "blinken")
        await pilot.press("b")
        await pilot.pause()
        assert screen.article.pieces[0].prefix == "★ "
        assert any("Bookmarked" in n.message for n in pilot.app._notifications)
    assert state_doc(data_dir)["bookmarks"] == ["a2"]
    async with make_app().run_test(size=WIDE) as pilot:
        screen = await at_tree(pilot)
        node = screen.nav.source_tree.bookmarks_node
        assert node is not None and str(node.label) == "★ 书签 Bookmarks (1)"
        await pilot.press("down", "down", "enter")  # Newest, All, then Bookmarks: Enter unfolds it
        await pilot.pause()
        assert [c.data.article_id for c in node.children] == ["a2"]
        await pilot.press("down", "b")  # unbookmark from the tree
        await pilot.pause()
        assert str(node.label) == "★ 书签 Bookmarks (0)"
    assert state_doc(data_dir)["bookmarks"] == []


def title_dim(prompt: Text) -> bool:
    """Whether a result row's title (the spans from offset 0; the source/date line is always dim) is dim."""
    styles = [Style.parse(s.style) if isinstance(s.style, str) else s.style
              for s in prompt.spans if s.start == 0]
    assert styles, "no span styles the title"
    return bool(Style.combine(styles).dim)


@sync
async def test_read_marks_persist_and_dim(data_dir: Path) -> None:
    async with make_app().run_test(size=WIDE) as pilot:
        screen = await search(pilot, "奥库斯")
        assert not title_dim(screen.nav.results.row("a3"))
        await open_first(pilot, screen)
        assert title_dim(screen.nav.results.row("a3"))
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
    assert (data_dir / "state.json.corrupt.1").read_text("utf-8") == "{not json"


@sync
async def test_unwritable_state_dir_warns_and_keeps_going(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the data dir should be")  # unwritable even for root
    monkeypatch.setenv("NEWSTUI_DATA_DIR", str(blocker))
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await open_hit(pilot, "blinken")
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
        tree = app.main.nav.source_tree
        total = sum(int(str(n.label).rsplit("(", 1)[1].rstrip(")")) for n in tree.root.children
                    if n.data and n.data.kind == "group" and n.data.key.startswith("s/"))
        assert total == 3


# --- crash leftovers and two instances at once (tui/userdata/reading.py) -------------------------------


def test_load_removes_stale_temp_files_of_the_state_file_only(tmp_path: Path) -> None:
    ReadingState(tmp_path / "state.json", {"x"}, ["y"]).save()
    stale = [tmp_path / ".state.json.abc12_xy.tmp", tmp_path / ".state.json.00000000.tmp"]
    for temp in stale:
        temp.write_bytes(b'{"read": ["half')  # a save killed between mkstemp and os.replace
    foreign = [tmp_path / name for name in (".cache.json.abc12_xy.tmp", ".state.json.abc.tmp",
                                            "state.json.abc12_xy.tmp", ".state.json.abc12_xy.tmp.keep",
                                            "notes.txt")]
    for other in foreign:
        other.write_text("not ours")
    state, problem = ReadingState.load(tmp_path)
    assert problem is None and state.read == {"x"} and state.bookmarks == ["y"]
    assert not any(temp.exists() for temp in stale)
    assert all(other.read_text() == "not ours" for other in foreign)


@pytest.mark.parametrize("order", ["ab", "ba"])
def test_two_instances_saving_keep_each_others_marks_and_bookmarks(tmp_path: Path, order: str) -> None:
    ReadingState(tmp_path / "state.json", {"old"}, ["kept"]).save()
    a, _ = ReadingState.load(tmp_path)
    b, _ = ReadingState.load(tmp_path)
    a.mark_read("a1")
    a.mark_read("a2")
    a.toggle_bookmark("a-bm")
    b.mark_read("b1")
    b.toggle_bookmark("b-bm")
    first, second = (a, b) if order == "ab" else (b, a)
    assert first.save() is None and second.save() is None
    doc = state_doc(tmp_path)
    assert set(doc["read"]) == {"old", "a1", "a2", "b1"}
    assert set(doc["bookmarks"]) == {"kept", "a-bm", "b-bm"} and len(doc["bookmarks"]) == 3
    assert doc["bookmarks"][0] == ("b-bm" if order == "ab" else "a-bm")  # the later save's bookmark on top
    assert second.read == set(doc["read"]) and second.bookmarks == doc["bookmarks"]  # it sees the other's
    again, _ = ReadingState.load(tmp_path)
    assert again.read == set(doc["read"]) and again.bookmarks == doc["bookmarks"]


def test_an_unbookmark_survives_the_other_instances_later_save(tmp_path: Path) -> None:
    ReadingState(tmp_path / "state.json", set(), ["x", "y"]).save()
    a, _ = ReadingState.load(tmp_path)
    b, _ = ReadingState.load(tmp_path)
    assert not a.toggle_bookmark("x")  # A removes x ...
    assert a.save() is None
    b.mark_read("r")
    b.toggle_bookmark("z")  # ... B, which still shows x, saves something else afterwards
    assert b.save() is None
    assert state_doc(tmp_path)["bookmarks"] == ["z", "y"]
    assert not b.is_bookmarked("x")
    # and a re-bookmark in B after A removed it is B's explicit choice: it wins
    b2, _ = ReadingState.load(tmp_path)
    a.toggle_bookmark("y")  # A removes y
    b2.toggle_bookmark("y")
    b2.toggle_bookmark("y")  # B removes and re-adds y: its last operation is an add
    assert a.save() is None and b2.save() is None
    assert state_doc(tmp_path)["bookmarks"] == ["y", "z"]


def test_a_corrupt_file_found_when_saving_is_kept_aside_and_ours_written(tmp_path: Path) -> None:
    state, _ = ReadingState.load(tmp_path)
    state.mark_read("m")
    (tmp_path / "state.json").write_text("{half", "utf-8")  # damaged by something else meanwhile
    assert state.save() is None
    assert (tmp_path / "state.json.corrupt.1").read_text("utf-8") == "{half"
    assert state_doc(tmp_path)["read"] == ["m"]


def test_a_failed_save_keeps_its_changes_for_the_next(tmp_path: Path) -> None:
    blocker = tmp_path / "later-a-dir"
    blocker.write_text("a file for now")
    state, problem = ReadingState.load(blocker)
    assert problem is not None and "Not a directory" in problem  # reported as before
    state.mark_read("m")
    state.toggle_bookmark("b")
    message = state.save()
    assert message is not None and "Cannot save reading state" in message
    assert state.save() is None  # said once
    blocker.unlink()
    blocker.mkdir()
    assert state.save() is None
    assert state_doc(blocker) == {"version": 1, "read": ["m"], "bookmarks": ["b"]}


def _hammer(directory: str, tag: str, seed: int, rounds: int, out: mp.queues.Queue) -> None:
    rng = random.Random(seed)
    state, _ = ReadingState.load(Path(directory))
    mine: set[str] = set()
    bookmarks: set[str] = set()
    for i in range(rounds):
        for _ in range(rng.randint(1, 3)):
            article = f"{tag}-{rng.randrange(10_000)}"
            state.mark_read(article)
            mine.add(article)
        if rng.random() < 0.5:
            article = f"{tag}-bm-{rng.randrange(20)}"
            now = state.toggle_bookmark(article)
            (bookmarks.add if now else bookmarks.discard)(article)
        assert state.save() is None
        if rng.random() < 0.1:  # now and then a fresh instance, as when the app restarts
            state, _ = ReadingState.load(Path(directory))
            missing = mine - state.read
            assert not missing, (tag, i, missing)
            assert {b for b in state.bookmarks if b.startswith(f"{tag}-")} == bookmarks, (tag, i)
    out.put((tag, sorted(mine), sorted(bookmarks)))


def _hammer_reporting(directory: str, tag: str, seed: int, rounds: int, out: mp.queues.Queue) -> None:
    try:
        _hammer(directory, tag, seed, rounds, out)
    except BaseException as exc:
        out.put((tag, "failed", repr(exc)))
        raise


def test_two_processes_saving_at_once_lose_no_mark(tmp_path: Path) -> None:
    ctx = mp.get_context("spawn")
    out = ctx.Queue()
    workers = [ctx.Process(target=_hammer_reporting, args=(str(tmp_path), tag, seed, 200, out))
               for tag, seed in (("p", 1), ("q", 2))]
    for worker in workers:
        worker.start()
    results = [out.get(timeout=120) for _ in workers]
    assert not [r for r in results if r[1] == "failed"], results
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    doc = state_doc(tmp_path)
    expected_read = {article for _, read, _ in results for article in read}
    expected_bookmarks = {article for _, _, bms in results for article in bms}
    assert set(doc["read"]) == expected_read
    assert set(doc["bookmarks"]) == expected_bookmarks and len(doc["bookmarks"]) == len(expected_bookmarks)
    assert not list(tmp_path.glob(".state.json.*.tmp")) and not list(tmp_path.glob("*.corrupt*"))


def test_state_data_dir_is_the_archive_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tui.archive.store import paths
    from tui.userdata import reading as state

    assert state.data_dir is paths.data_dir
    monkeypatch.setenv("NEWSTUI_DATA_DIR", str(tmp_path))
    loaded, _ = ReadingState.load()
    assert loaded.path == tmp_path / "state.json"
