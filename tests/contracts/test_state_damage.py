"""Damaged state: caches broken on disk or under an open archive, data dirs that cannot be
written, two instances at once, and reading state killed mid-write.

tests/archive/store/test_cache.py covers the loader's own cases (truncated, garbage, empty, flipped bytes,
other format/version/parser, full disk, permission denied, the lock, four concurrent exports);
this file adds what reaches people: the CLI and the app, lazy bodies, and the reading state.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from support.paths import ROOT

from tui.archive.search.opening import load
from tui.archive.store import cache

ROOT = ROOT


def cli(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NEWSTUI_DATA_DIR=str(data_dir))
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120, check=False)


def fresh(root: Path) -> list:
    archive = load([root], use_cache=False).archive
    return [archive.get(a.id) for a in archive.articles]


def test_a_cache_truncated_under_an_open_archive_reads_bodies_from_the_files(archive_dir: Path) -> None:
    result = load([archive_dir])
    assert result.cache is not None
    with result.cache.open("r+b") as handle:  # the same inode the archive reads bodies from
        handle.truncate(len(cache.MAGIC) + 10)
    archive = result.archive
    assert [archive.get(a.id) for a in archive.articles] == fresh(archive_dir)
    again = load([archive_dir])
    assert len(again.notices) == 1 and "rebuilding" in again.notices[0]


def test_a_cache_overwritten_with_garbage_under_an_open_archive(archive_dir: Path) -> None:
    result = load([archive_dir])
    assert result.cache is not None
    size = result.cache.stat().st_size
    with result.cache.open("r+b") as handle:
        handle.write(os.urandom(size))
    archive = result.archive
    assert [archive.get(a.id) for a in archive.articles] == fresh(archive_dir)


@pytest.mark.parametrize("damage", ["truncate", "garbage", "other-version"])
def test_the_cli_rebuilds_a_damaged_cache_with_one_notice(archive_dir: Path, data_dir: Path, damage: str
                                                          ) -> None:
    first = cli("export", str(archive_dir), data_dir=data_dir)
    assert first.returncode == 0 and first.stderr == ""
    target = cache.cache_path(data_dir, [archive_dir])
    data = target.read_bytes()
    if damage == "truncate":
        target.write_bytes(data[: len(data) // 3])
    elif damage == "garbage":
        target.write_bytes(os.urandom(len(data)))
    else:
        target.write_bytes(data[: len(cache.MAGIC) - 1] + bytes([cache.FORMAT + 1]) + data[len(cache.MAGIC):])
    second = cli("export", str(archive_dir), data_dir=data_dir)
    assert second.returncode == 0 and second.stdout == first.stdout
    notices = second.stderr.splitlines()
    assert len(notices) == 1 and "rebuilding" in notices[0] and "Traceback" not in second.stderr
    third = cli("export", str(archive_dir), data_dir=data_dir)
    assert third.stderr == "" and third.stdout == first.stdout


def test_the_cli_runs_without_cache_when_the_data_dir_cannot_be_written(archive_dir: Path, tmp_path: Path
                                                                        ) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    expected = cli("export", str(archive_dir), "--no-cache", data_dir=tmp_path / "unused")
    for command in ("export", "check"):
        run = cli(command, str(archive_dir), data_dir=blocked)
        assert run.returncode in (0, 1) and "Traceback" not in run.stderr
        assert "without" in run.stderr and len(run.stderr.splitlines()) == 1
    assert cli("export", str(archive_dir), data_dir=blocked).stdout == expected.stdout


def test_the_app_runs_without_cache_or_state_when_the_data_dir_cannot_be_written(
    archive_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from support.app import sync

    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("NEWSTUI_DATA_DIR", str(blocked))
    sync(_blocked_app_session)(archive_dir)


async def _blocked_app_session(archive_dir: Path) -> None:
    from support.app import WIDE, indexed

    from tui.app.app import NewsApp

    app = NewsApp([archive_dir])
    async with app.run_test(size=WIDE) as pilot:
        await indexed(pilot)
        assert app.archive is not None and len(app.archive) == len(fresh(archive_dir))
        first = app.archive.articles[0].id
        app.mark_read(first)  # the state cannot be saved: a warning, kept in memory
        await pilot.pause()
        assert app.is_running and app.state.is_read(first)
        messages = [n.message for n in app._notifications]
        assert any("without" in m for m in messages), messages  # the cache notice
        assert any("reading state" in m.lower() for m in messages), messages


# --- reading state (tui/userdata/reading.py, used from outside) ---------------------------------------

WRITER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from tui.userdata.reading import ReadingState
    directory, tag, rounds = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    for i in range(rounds):
        state, _ = ReadingState.load(directory)
        state.read = {f"{tag}-{i}-{j}" for j in range(200)}
        state.bookmarks = [f"{tag}-{i}"]
        state.save()
        print(i, flush=True)
""")


def _writer(directory: Path, tag: str, rounds: int) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", WRITER, str(directory), tag, str(rounds)], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True)


def _valid(doc: dict) -> tuple[str, str]:
    """The (tag, round) a whole document was written in: every field from one single save."""
    (bookmark,) = doc["bookmarks"]
    tag, i = bookmark.rsplit("-", 1)
    assert sorted(doc["read"]) == sorted(f"{tag}-{i}-{j}" for j in range(200))
    return tag, i


def test_two_instances_writing_reading_state_never_leave_a_broken_file(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    writers = [_writer(tmp_path, tag, 150) for tag in ("a", "b")]
    seen = set()
    while any(w.poll() is None for w in writers):
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            continue
        seen.add(_valid(json.loads(raw))[0])
    assert all(w.wait() == 0 for w in writers)
    _valid(json.loads(path.read_bytes()))
    assert seen <= {"a", "b"} and seen
    assert not list(tmp_path.glob("*.corrupt*"))


def test_reading_state_survives_a_kill_at_any_moment(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    rng = random.Random(6)
    last: tuple[str, str] | None = None
    for kill in range(12):
        writer = _writer(tmp_path, f"k{kill}", 100_000)
        assert writer.stdout is not None
        writer.stdout.readline()  # at least one save done
        time.sleep(rng.uniform(0, 0.05))
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        tag, _ = _valid(json.loads(path.read_bytes()))  # old or new content, whole
        assert tag == f"k{kill}"  # this writer saved at least once before the kill
        last = (tag, _)
    assert last is not None
    leftovers = list(tmp_path.glob(".state.json.*.tmp"))  # a temp file per kill mid-write, at most
    assert len(leftovers) <= 12
    from tui.userdata.reading import ReadingState

    state, problem = ReadingState.load(tmp_path)  # the next start removes them, and only them
    assert problem is None and state.bookmarks == json.loads(path.read_bytes())["bookmarks"]
    assert not list(tmp_path.glob(".state.json.*.tmp")) and path.exists()
