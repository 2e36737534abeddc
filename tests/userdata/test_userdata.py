"""The user's data over one document store (tui/userdata): a damaged file is kept aside as
.corrupt.N and never overwritten, what could be read of it is kept, and a data dir that cannot
be written gives a clear message and loses nothing."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from tui.userdata import store
from tui.userdata.history import HISTORY_FILE, History
from tui.userdata.reading import STATE_FILE, ReadingState
from tui.userdata.saved import SavedSearches


def _doc(path: Path) -> dict:
    return json.loads(path.read_text("utf-8"))


def test_state_corrupted_twice_keeps_two_copies(tmp_path: Path) -> None:
    state_file = tmp_path / STATE_FILE
    state_file.write_text("{first damage", "utf-8")
    first, problem = ReadingState.load(tmp_path)
    assert problem and "state.json.corrupt.1" in problem and first.read == set()
    assert first.mark_read("a") and first.save() is None
    state_file.write_text("[second damage", "utf-8")
    second, problem = ReadingState.load(tmp_path)
    assert problem and "state.json.corrupt.2" in problem
    assert (tmp_path / "state.json.corrupt.1").read_text("utf-8") == "{first damage"
    assert (tmp_path / "state.json.corrupt.2").read_text("utf-8") == "[second damage"
    second.toggle_bookmark("b")
    assert second.save() is None
    assert _doc(state_file)["bookmarks"] == ["b"]


def test_the_readable_part_of_a_damaged_state_is_kept(tmp_path: Path) -> None:
    state_file = tmp_path / STATE_FILE
    damaged = json.dumps({"version": 1, "read": ["a", 5, None, "b"], "bookmarks": ["c", {"x": 1}, "d"]})
    state_file.write_text(damaged, "utf-8")
    state, problem = ReadingState.load(tmp_path)
    assert state.read == {"a", "b"} and state.bookmarks == ["c", "d"]
    assert problem and "damaged" in problem and "4 could be read" in problem
    assert (tmp_path / "state.json.corrupt.1").read_text("utf-8") == damaged  # the original, whole
    again, problem = ReadingState.load(tmp_path)  # the readable part was written back
    assert problem is None and again.read == {"a", "b"} and again.bookmarks == ["c", "d"]


def test_a_field_of_the_wrong_kind_loses_only_that_field(tmp_path: Path) -> None:
    (tmp_path / STATE_FILE).write_text(json.dumps({"read": "not a list", "bookmarks": ["c"]}), "utf-8")
    state, problem = ReadingState.load(tmp_path)
    assert problem and state.read == set() and state.bookmarks == ["c"]


def test_a_damaged_copy_is_never_overwritten(tmp_path: Path) -> None:
    for n in (1, 2):
        (tmp_path / f"{HISTORY_FILE}.corrupt.{n}").write_text(f"older {n}")
    (tmp_path / HISTORY_FILE).write_text('{"queries": ["kishida", 5]}')
    history = History.load(tmp_path)
    assert history.entries() == ["kishida"]
    assert history.problem and f"{HISTORY_FILE}.corrupt.3" in history.problem
    assert [(tmp_path / f"{HISTORY_FILE}.corrupt.{n}").read_text() for n in (1, 2)] == ["older 1", "older 2"]


def _saved_state(directory: Path, read: str = "", bookmark: str = "") -> tuple[ReadingState, bytes]:
    """A state with one read mark or bookmark saved in `directory`, and the file's bytes."""
    state, _ = ReadingState.load(directory)
    if read:
        state.mark_read(read)
    if bookmark:
        state.toggle_bookmark(bookmark)
    assert state.save() is None
    return state, (directory / STATE_FILE).read_bytes()


def _no_space(*args: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_full_data_dir_gives_a_message_and_loses_nothing(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    state, before = _saved_state(tmp_path, read="old")
    saved = SavedSearches.load(tmp_path)
    with monkeypatch.context() as patch:
        patch.setattr(os, "fsync", _no_space)  # the temp file cannot be made durable: disk full
        state.mark_read("new")
        message = state.save()
        problem = saved.save("japan", "kishida")
    for said in (message, problem):
        assert said and "Cannot save" in said and "No space left on device" in said and "unchanged" in said
    assert (tmp_path / STATE_FILE).read_bytes() == before  # the file on disk as it was
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    assert state.read == {"old", "new"} and saved.items() == [("japan", "kishida")]  # kept in memory
    assert state.save() is None  # room again: the change kept in memory is written now
    assert ReadingState.load(tmp_path)[0].read == {"old", "new"}


def test_a_read_only_data_dir_gives_a_message_and_loses_nothing(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    _, before = _saved_state(tmp_path, bookmark="kept")

    def read_only(path: Path):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(store, "locked", read_only)  # what opening the lock file says on a read-only mount
    again, problem = ReadingState.load(tmp_path)
    assert problem is None and again.bookmarks == ["kept"]  # reading still works
    again.toggle_bookmark("new")
    message = again.save()
    assert message and "Cannot save reading state" in message and "Read-only file system" in message
    assert (tmp_path / STATE_FILE).read_bytes() == before
    assert again.bookmarks == ["new", "kept"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs POSIX permissions, not root")
def test_a_really_read_only_data_dir(tmp_path: Path) -> None:
    state, _ = ReadingState.load(tmp_path)
    state.mark_read("a")
    assert state.save() is None
    tmp_path.chmod(0o500)
    try:
        again, problem = ReadingState.load(tmp_path)
        assert problem is None and again.read == {"a"}
        again.mark_read("b")
        assert again.save() is not None
    finally:
        tmp_path.chmod(0o700)
    assert ReadingState.load(tmp_path)[0].read == {"a"}
