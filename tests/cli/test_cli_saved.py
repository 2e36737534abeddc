"""`newstui search --save/--saved/--sort` and `newstui saved`, run as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support.commands import newstui


def _json(done) -> list[dict]:
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _names(hits: list[dict]) -> list[str]:
    return [Path(h["path"]).name[:3] for h in hits]


def test_save_run_list_and_remove_a_search(tmp_path: Path, seeds_dir: Path) -> None:
    direct = _json(newstui("search", "aukus OR 林芳正", seeds_dir, "--json", cwd=tmp_path))
    assert set(_names(direct)) == {"000", "002", "003", "004"}
    saved = _json(newstui("search", "--save", "japan", "aukus OR 林芳正", seeds_dir, "--json", cwd=tmp_path))
    assert saved == direct  # saving also runs it
    rerun = _json(newstui("search", "--saved", "japan", seeds_dir, "--json", cwd=tmp_path))
    assert rerun == direct
    assert _json(newstui("saved", "--json", cwd=tmp_path)) == [{"name": "japan", "query": "aukus OR 林芳正"}]
    listed = newstui("saved", cwd=tmp_path)
    assert listed.returncode == 0 and "japan" in listed.stdout and "aukus OR 林芳正" in listed.stdout
    assert newstui("saved", "--remove", "japan", cwd=tmp_path).returncode == 0
    assert _json(newstui("saved", "--json", cwd=tmp_path)) == []


def test_an_unknown_saved_search_or_a_missing_query_is_one_line(tmp_path: Path, seeds_dir: Path) -> None:
    for args in (("search", "--saved", "nope", seeds_dir), ("search",), ("saved", "--remove", "nope"),
                 ("search", "--save", "", "kishida", seeds_dir)):
        done = newstui(*args, cwd=tmp_path)
        assert done.returncode == 2 and done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


def test_sort_date_lists_newest_first(tmp_path: Path, seeds_dir: Path) -> None:
    hits = _json(newstui("search", "kishida", seeds_dir, "--json", "--sort", "date", cwd=tmp_path))
    assert _names(hits) == ["001", "000", "004", "002"]
    best = _json(newstui("search", "kishida sort:date", seeds_dir, "--json", "--sort", "relevance",
                         cwd=tmp_path))
    assert _names(best)[0] == "000"
    listed = _json(newstui("search", "date:2022-01..2024-03", seeds_dir, "--json", cwd=tmp_path))
    assert _names(listed) == ["004", "003", "002"]  # filters alone: newest first


def test_a_query_not_understood_runs_with_a_note(tmp_path: Path, seeds_dir: Path) -> None:
    done = newstui("search", "kishida after:soon", seeds_dir, "--json", cwd=tmp_path)
    assert done.returncode == 1 and json.loads(done.stdout) == []  # `after:soon` searched as a word
    assert "after:" in done.stderr and "after:soon" in done.stderr and "Traceback" not in done.stderr


def test_a_damaged_saved_file_is_reported_and_kept(tmp_path: Path, data_dir: Path) -> None:
    (data_dir / "saved.json").write_bytes(b'{"searches": [{"name": "a", "query": "kishida"}, 7')
    done = newstui("saved", "--json", cwd=tmp_path)
    assert done.returncode == 0 and json.loads(done.stdout) == []
    assert "damaged" in done.stderr and "saved.json.corrupt" in done.stderr
    assert (data_dir / "saved.json.corrupt.1").exists()


def test_saving_into_an_unwritable_data_dir_still_searches(tmp_path: Path, seeds_dir: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the data dir should be")  # unwritable even for root
    monkeypatch.setenv("NEWSTUI_DATA_DIR", str(blocker))
    done = newstui("search", "--save", "x", "aukus", seeds_dir, "--json", "--no-cache", cwd=tmp_path)
    assert done.returncode == 1 and "Cannot save saved searches" in done.stderr
    assert set(_names(json.loads(done.stdout))) == {"000", "004"}


def test_filters_answer_the_same_through_the_quick_path(tmp_path: Path, seeds_dir: Path) -> None:
    for query in ("source:rfi OR source:voa sort:date", "kishida OR blinken date:2022..2024-03",
                  "after:2024-04"):
        first = newstui("search", query, seeds_dir, "--json", cwd=tmp_path)  # builds the cache if need be
        second = newstui("search", query, seeds_dir, "--json", cwd=tmp_path)  # from the persisted index
        uncached = newstui("search", query, seeds_dir, "--json", "--no-cache", cwd=tmp_path)
        assert first.returncode == second.returncode == uncached.returncode == 0
        assert first.stdout == second.stdout == uncached.stdout and json.loads(first.stdout), query
