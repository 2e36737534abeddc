"""Saved searches and the search history (tui/userdata): persisted, shared by two instances, and
never lost to a damaged file or an unwritable data directory."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tui.userdata.history import HISTORY_FILE, MAX_HISTORY, History
from tui.userdata.saved import SAVED_FILE, SavedSearches


def test_saved_searches_persist_in_order(tmp_path: Path) -> None:
    saved = SavedSearches.load(tmp_path)
    assert saved.items() == [] and saved.problem is None
    assert saved.save("japan", "kishida  OR\n岸田") is None
    assert saved.save("aukus", "aukus after:6m") is None
    assert saved.save("japan", "kishida sort:date") is None  # replaced, keeps its place
    again = SavedSearches.load(tmp_path)
    assert again.items() == [("japan", "kishida sort:date"), ("aukus", "aukus after:6m")]
    assert again.get("aukus") == "aukus after:6m" and again.get("nope") is None
    assert again.remove("japan") is None
    assert SavedSearches.load(tmp_path).items() == [("aukus", "aukus after:6m")]
    assert json.loads((tmp_path / SAVED_FILE).read_text("utf-8"))["version"] == 1
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.parametrize(("name", "query"), [("", "kishida"), ("  ", "kishida"), ("x\x1b[31m", "kishida"),
                                             ("x" * 81, "kishida"), ("ok", "  ")])
def test_a_bad_name_or_an_empty_query_is_refused(tmp_path: Path, name: str, query: str) -> None:
    saved = SavedSearches.load(tmp_path)
    with pytest.raises(ValueError, match="saved search"):
        saved.save(name, query)
    assert not (tmp_path / SAVED_FILE).exists()


def test_two_instances_keep_each_others_searches(tmp_path: Path) -> None:
    first, second = SavedSearches.load(tmp_path), SavedSearches.load(tmp_path)
    first.save("a", "kishida")
    second.save("b", "blinken")
    assert SavedSearches.load(tmp_path).items() == [("a", "kishida"), ("b", "blinken")]
    assert second.items() == [("a", "kishida"), ("b", "blinken")]  # a save shows the other's too
    first.remove("b")
    assert SavedSearches.load(tmp_path).items() == [("a", "kishida")]


@pytest.mark.parametrize("damage", [b"{not json", b"\xff\xfe\x00", b"[1, 2]", b'{"searches": 3}', b""])
def test_a_damaged_file_is_kept_aside_with_a_message(tmp_path: Path, damage: bytes) -> None:
    (tmp_path / SAVED_FILE).write_bytes(damage)
    saved = SavedSearches.load(tmp_path)
    assert saved.items() == [] and saved.problem and "damaged" in saved.problem
    assert "saved.json.corrupt.1" in saved.problem
    assert (tmp_path / "saved.json.corrupt.1").read_bytes() == damage  # never silently lost
    assert saved.save("a", "kishida") is None
    assert SavedSearches.load(tmp_path).items() == [("a", "kishida")]


def test_the_readable_entries_of_a_damaged_file_are_kept(tmp_path: Path) -> None:
    (tmp_path / "saved.json.corrupt.1").write_text("an older damaged file")
    doc = {"version": 1, "searches": [{"name": "a", "query": "kishida"}, {"name": 3}, "x",
                                      {"name": "b", "query": "blinken"}]}
    (tmp_path / SAVED_FILE).write_text(json.dumps(doc))
    saved = SavedSearches.load(tmp_path)
    assert saved.items() == [("a", "kishida"), ("b", "blinken")]
    assert saved.problem and "2 could be read" in saved.problem and "saved.json.corrupt.2" in saved.problem
    assert (tmp_path / "saved.json.corrupt.1").read_text() == "an older damaged file"
    assert SavedSearches.load(tmp_path).items() == [("a", "kishida"), ("b", "blinken")]  # written back


def test_an_unwritable_data_dir_gives_a_message_and_keeps_the_search_in_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the data dir should be")  # unwritable even for root
    saved = SavedSearches.load(blocker)
    assert saved.items() == [] and saved.problem and "Cannot read saved searches" in saved.problem
    problem = saved.save("a", "kishida")
    assert problem and "Cannot save saved searches" in problem
    assert saved.items() == [("a", "kishida")]
    history = History.load(blocker)
    assert history.add("kishida") and history.entries() == ["kishida"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs POSIX permissions, not root")
def test_a_read_only_data_dir_is_read_but_not_written(tmp_path: Path) -> None:
    SavedSearches.load(tmp_path).save("a", "kishida")
    tmp_path.chmod(0o500)
    try:
        saved = SavedSearches.load(tmp_path)
        assert saved.items() == [("a", "kishida")]
        assert saved.save("b", "blinken") is not None
    finally:
        tmp_path.chmod(0o700)
    assert SavedSearches.load(tmp_path).items() == [("a", "kishida")]


def test_history_is_oldest_first_without_repeats(tmp_path: Path) -> None:
    history = History.load(tmp_path)
    for query in ["kishida", "blinken", "  kishida ", "", "aukus  after:6m"]:
        assert history.add(query) is None
    assert history.entries() == ["blinken", "kishida", "aukus after:6m"]
    assert History.load(tmp_path).entries() == ["blinken", "kishida", "aukus after:6m"]


def test_history_keeps_the_most_recent_500(tmp_path: Path) -> None:
    doc = {"version": 1, "queries": [f"q{n}" for n in range(MAX_HISTORY + 20)]}
    (tmp_path / HISTORY_FILE).write_text(json.dumps(doc))
    history = History.load(tmp_path)
    assert len(history.entries()) == MAX_HISTORY and history.entries()[-1] == f"q{MAX_HISTORY + 19}"
    history.add("q25")
    entries = History.load(tmp_path).entries()
    assert entries == [f"q{n}" for n in range(20, MAX_HISTORY + 20) if n != 25] + ["q25"]


def test_two_instances_share_the_history(tmp_path: Path) -> None:
    first, second = History.load(tmp_path), History.load(tmp_path)
    first.add("kishida")
    second.add("blinken")
    first.add("aukus")
    assert History.load(tmp_path).entries() == ["kishida", "blinken", "aukus"]


def test_a_damaged_history_is_kept_aside(tmp_path: Path) -> None:
    (tmp_path / HISTORY_FILE).write_bytes(b'{"queries": ["kishida", 5')
    history = History.load(tmp_path)
    assert history.entries() == [] and history.problem and "history.json.corrupt.1" in history.problem
    assert (tmp_path / "history.json.corrupt.1").exists()
    assert history.add("blinken") is None and History.load(tmp_path).entries() == ["blinken"]
