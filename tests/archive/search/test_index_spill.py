"""The index build in bounded memory: posting lists spilled to runs on disk past a budget, merged
when the index is written, give the same stored index and the same answers as lists held whole."""

from __future__ import annotations

import os
from pathlib import Path

import msgspec
import pytest

from tui.archive.search.disk import reading, runs
from tui.archive.search.disk.format import META_DEC, Footer
from tui.archive.search.opening import load
from tui.archive.store import loader
from tui.archive.store.files import temp_beside

QUERIES = ["kishida", "bulinken", "岸田", "2+2", "aukis -岸田", '"第二支柱"', "blinken year:2022", "csis",
           "拜登", "澳英美", "biden", "习近平"]


def _built(archive_dir: Path, data: Path) -> tuple[loader.LoadResult, bytes]:
    result = load([archive_dir], data_dir=data)
    assert result.cache is not None and result.notices == []
    return result, reading.index_path(result.cache).read_bytes()


def _sections(data: bytes) -> tuple[object, bytes]:
    """(the meta, decoded; the bytes before it: texts and posting lists) of a stored index."""
    footer_len = reading.TAIL.unpack(data[-reading.TAIL_SIZE:-len(reading.MAGIC)])[0]
    footer = msgspec.msgpack.decode(data[-reading.TAIL_SIZE - footer_len:-reading.TAIL_SIZE], type=Footer)
    return META_DEC.decode(data[footer.meta_at:footer.meta_at + footer.meta_len]), data[:footer.meta_at]


def test_a_build_spilling_runs_stores_and_answers_what_one_in_memory_does(
        archive_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    whole, whole_bytes = _built(archive_dir, tmp_path / "whole")
    spilled: list[int] = []
    spill = runs.SpilledPostings._spill

    def counted(self: runs.SpilledPostings) -> None:
        spilled.append(self.count)
        spill(self)

    monkeypatch.setattr(runs.SpilledPostings, "_spill", counted)
    monkeypatch.setattr(runs, "SPILL_AT", 40)  # a run every few articles
    split, split_bytes = _built(archive_dir, tmp_path / "split")
    assert len(spilled) > 2  # it did spill, more than once
    (meta_a, lists_a), (meta_b, lists_b) = _sections(whole_bytes), _sections(split_bytes)
    assert meta_a == meta_b  # every table: keys, offsets, counts, entities, names
    assert lists_a == lists_b  # the texts and every posting list
    for q in QUERIES:
        assert [(h.id, h.score, h.snippet) for h in whole.index.search(q)] == [
            (h.id, h.score, h.snippet) for h in split.index.search(q)]
    assert any(whole.index.search(q) for q in QUERIES)


def test_merged_lists_are_each_keys_runs_one_after_the_other(tmp_path: Path) -> None:
    fd, tmp = temp_beside(tmp_path / "x")
    try:
        postings = runs.SpilledPostings(runs.RunFile(fd), budget=3)
        added: dict[str, list[int]] = {}
        for n, keys in enumerate(["ab", "b", "cab", "", "d", "ad", "bbb"]):
            postings.add(set(keys), n)
            for k in set(keys):
                added.setdefault(k, []).append(n)
        assert len(postings.runs) >= 3
        assert [(k, list(ids)) for k, ids in postings.merged()] == sorted(added.items())
    finally:
        os.close(fd)
        tmp.unlink()
