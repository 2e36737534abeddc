"""The records of a load share the strings they repeat: each path once, each source's name once.

What a user would notice is memory: a 300k archive's records held ~130 MB of copies. These tests
check the copies are gone, cold (parsed) and warm (decoded, whole or in pieces), and that every
record still says what a fresh parse says."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tui.archive.store import cache, loader, scanning, workers
from tui.archive.store.identity import parser_version
from tui.archive.store.paths import bundled_seeds


def _copies(root: Path, count: int) -> None:
    """`count` files of one seed's shape and source, under different folders and names."""
    seed = sorted(bundled_seeds().iterdir())[0]
    for i in range(count):
        dest = root / f"folder{i}" / f"copy{i}{seed.suffix}"
        dest.parent.mkdir(parents=True)
        shutil.copyfile(seed, dest)


def _what_they_say(result: loader.LoadResult) -> list[tuple[str, ...]]:
    return sorted((a.id, a.path, a.shape, a.source, a.source_name, a.author, a.channel, a.title)
                  for a in result.archive.articles)


def _shared(result: loader.LoadResult) -> None:
    articles = result.archive.articles
    first = articles[0]
    for article in articles:
        assert article.shape is first.shape
        assert article.source is first.source
        assert article.source_name is first.source_name


def test_parsed_records_take_the_scans_path_and_share_their_source(
        tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "archive"
    _copies(root, 120)
    monkeypatch.setattr(workers, "PARALLEL_MIN", 100)  # parsed in worker processes, as a mirror is
    roots = loader.roots_of([root])
    files, problems = scanning.scan_files(roots)
    cold = loader.load_files(roots, files, problems, cache.cache_path(data_dir, roots))
    assert len(cold.archive.articles) == 120
    _shared(cold)
    keys = {key: key for key in files}
    for article in cold.archive.articles:
        assert article.path is keys[article.path]  # one copy: the scan's own string
    assert _what_they_say(cold) == _what_they_say(loader.load([root], use_cache=False))


@pytest.mark.parametrize("in_pieces", [False, True])
def test_decoded_records_share_their_path_and_source_whole_or_in_pieces(
        tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch, in_pieces: bool) -> None:
    root = tmp_path / "archive"
    _copies(root, 5)
    loader.load([root])
    if in_pieces:
        monkeypatch.setattr(cache, "_IN_ONE", 0)
        monkeypatch.setattr(cache, "_AT_ONCE", 2)  # three pieces: shared across them too
    warm = loader.load([root])
    assert (warm.parsed, warm.reused) == (0, 5)
    _shared(warm)
    assert warm.cache is not None
    opened = cache.CacheFile.open(warm.cache, parser_version())
    assert opened is not None
    for entry in opened.entries:
        assert entry.article is not None and entry.path is entry.article.path
    opened.close()
    assert _what_they_say(warm) == _what_they_say(loader.load([root], use_cache=False))
