"""The summary beside a cache: the app's first screen at any size, trusted only for its cache."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support.paths import ROOT, seeds_copied

from tui.archive.store import loader, summary
from tui.archive.store.identity import parser_version

SEEDS = sorted((ROOT / "seeds").iterdir())


def test_the_outline_counts_what_the_archive_holds(tmp_path: Path, data_dir: Path) -> None:
    root = seeds_copied(tmp_path, 5)
    (root / "broken.html").write_bytes(b"\x00\x01 not an article")
    full = loader.load([root])
    assert full.cache is not None
    outline = summary.read(full.cache, parser_version())
    assert outline is not None and outline.partial and not full.archive.partial
    assert len(outline) == len(full.archive)
    assert [a.id for a in outline.articles] == [a.id for a in full.archive.articles][: summary.NEWEST]
    shape = [(g.key, g.count, [(y.key, [(m.key, m.count) for m in y.months]) for y in g.years])
             for g in outline.tree()]
    assert shape == [(g.key, g.count, [(y.key, [(m.key, m.count) for m in y.months]) for y in g.years])
                     for g in full.archive.tree()]
    assert outline.rejections == full.archive.rejections


def test_a_summary_of_another_cache_or_damaged_is_not_used(tmp_path: Path, data_dir: Path) -> None:
    root = seeds_copied(tmp_path, 3)
    first = loader.load([root])
    assert first.cache is not None
    stale = first.cache.with_suffix(".summary").read_bytes()
    shutil.copyfile(SEEDS[4], root / "new.txt")
    second = loader.load([root])
    assert second.cache == first.cache
    fresh = summary.read(second.cache, parser_version())
    assert fresh is not None and len(fresh) == 4
    second.cache.with_suffix(".summary").write_bytes(stale)  # the cache moved on since
    assert summary.read(second.cache, parser_version()) is None
    second.cache.with_suffix(".summary").write_bytes(stale[: len(stale) // 2])  # truncated
    assert summary.read(second.cache, parser_version()) is None
    second.cache.with_suffix(".summary").unlink()
    assert summary.read(second.cache, parser_version()) is None
    again = loader.load([root])  # unchanged files: the summary is written back
    assert not again.changed and summary.read(second.cache, parser_version()) is not None


def test_a_read_only_data_dir_gives_no_summary_and_no_error(tmp_path: Path, data_dir: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    root = seeds_copied(tmp_path, 2)

    def refuse(path: Path, data: bytes, mode: int | None = None) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(summary, "atomic_write", refuse)
    result = loader.load([root])
    assert result.notices == [] and len(result.archive) == 2
    assert result.cache is not None and summary.read(result.cache, parser_version()) is None


def test_the_outline_of_a_base_and_its_delta_counts_both(tmp_path: Path, data_dir: Path) -> None:
    from tui.archive.search import opening

    root = seeds_copied(tmp_path, 3)
    first = opening.load([root])
    shutil.copyfile(SEEDS[4], root / "new.txt")
    joined = opening.load([root])
    assert joined.segments is not None and joined.cache == first.cache  # a delta beside the base
    assert joined.cache is not None
    outline = summary.read(joined.cache, parser_version())
    assert outline is not None and len(outline) == len(joined.archive) == 4
