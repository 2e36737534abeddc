"""The cache: a faithful round trip, damaged or foreign caches rebuilt, no cache when it cannot be written."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tui.archive.search import opening
from tui.archive.search.opening import load
from tui.archive.store import cache, files, loader, segments, workers


def _cache_file(data_dir: Path, root: Path) -> Path:
    return cache.cache_path(data_dir, [root])


def _full(result: loader.LoadResult) -> list:
    archive = result.archive
    return [archive.get(a.id) for a in archive.articles] + list(archive.rejections)


def test_warm_load_equals_a_fresh_parse(archive_dir: Path, data_dir: Path) -> None:
    cold = load([archive_dir])
    warm = load([archive_dir])
    fresh = load([archive_dir], use_cache=False)
    assert cold.cache == warm.cache == _cache_file(data_dir, archive_dir)
    assert cold.cache is not None and cold.cache.is_file()
    assert (warm.parsed, warm.reused, warm.notices) == (0, cold.parsed, [])
    assert _full(warm) == _full(fresh) == _full(cold)


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _garbage(path: Path) -> None:
    path.write_bytes(os.urandom(4096))


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _flip_meta_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[-200] ^= 0xFF  # inside the meta or footer
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", [_truncate, _garbage, _empty, _flip_meta_byte])
def test_a_damaged_cache_is_rebuilt_with_a_notice(
    archive_dir: Path, data_dir: Path, damage: Callable[[Path], None]
) -> None:
    good = load([archive_dir])
    assert good.cache is not None
    damage(good.cache)
    rebuilt = load([archive_dir])
    assert len(rebuilt.notices) == 1 and "rebuilding" in rebuilt.notices[0]
    assert rebuilt.reused == 0 and rebuilt.parsed == good.parsed
    assert _full(rebuilt) == _full(good)
    again = load([archive_dir])
    assert (again.notices, again.parsed) == ([], 0)


@pytest.mark.parametrize("attribute, value", [("__version__", "0.0.1"), ("FORMAT", 0)])
def test_a_cache_from_another_version_is_rebuilt(
    archive_dir: Path, monkeypatch: pytest.MonkeyPatch, attribute: str, value: object
) -> None:
    with monkeypatch.context() as patch:
        patch.setattr(cache, attribute, value)
        load([archive_dir])
    rebuilt = load([archive_dir])
    assert len(rebuilt.notices) == 1 and "rebuilding" in rebuilt.notices[0]
    assert rebuilt.reused == 0


def test_another_parser_version_rebuilds(archive_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load([archive_dir])
    monkeypatch.setattr(loader, "parser_version", lambda: "another")
    monkeypatch.setattr(segments, "parser_version", lambda: "another")
    rebuilt = load([archive_dir])
    assert rebuilt.reused == 0 and "parser" in rebuilt.notices[0]


def test_a_damaged_body_is_read_again_from_the_file(archive_dir: Path) -> None:
    good = load([archive_dir])
    assert good.cache is not None
    data = bytearray(good.cache.read_bytes())
    data[len(cache.MAGIC) + 10] ^= 0xFF  # inside the first stored body
    good.cache.write_bytes(bytes(data))
    damaged = load([archive_dir])
    assert damaged.notices == [] and damaged.parsed == 0  # the meta is intact
    assert _full(damaged) == _full(good)


def test_an_unwritable_data_dir_runs_without_cache(archive_dir: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-dir"
    blocked.write_text("a file where the data dir should be")
    result = load([archive_dir], data_dir=blocked)
    assert result.cache is None
    assert len(result.notices) == 1 and "without" in result.notices[0]
    assert _full(result) == _full(load([archive_dir], use_cache=False))


def test_a_data_dir_without_permission_runs_without_cache(
    archive_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(files.tempfile, "mkstemp", denied)
    result = load([archive_dir])
    assert result.cache is None
    assert len(result.notices) == 1
    assert "Permission denied" in result.notices[0] and "without" in result.notices[0]
    assert _full(result) == _full(load([archive_dir], use_cache=False))


def test_a_full_disk_runs_without_cache(archive_dir: Path, data_dir: Path) -> None:
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cache.os, "pwrite", full)
        result = load([archive_dir])
    assert result.cache is None and "No space" in result.notices[0]
    assert _full(result) == _full(load([archive_dir], use_cache=False))  # bodies read from the files
    assert not list(_cache_file(data_dir, archive_dir).parent.glob("*.tmp"))


def test_short_writes_still_write_everything(archive_dir: Path, data_dir: Path) -> None:
    """The cache and the index are written through `files.pwrite`, which goes on after a short write
    (the big meta sections are written straight from their bytes, not through a buffer)."""
    expected = load([archive_dir], data_dir=data_dir / "whole")
    write = os.pwrite

    def short(fd: int, data, offset: int) -> int:  # type: ignore[no-untyped-def]
        return write(fd, data[:1000], offset)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cache.os, "pwrite", short)
        cold = load([archive_dir], data_dir=data_dir / "short")
    assert cold.cache is not None and cold.notices == []
    assert cold.cache.read_bytes()[-len(cache.MAGIC):] == cache.MAGIC
    warm = load([archive_dir], data_dir=data_dir / "short")
    assert not warm.changed and _full(warm) == _full(expected)
    index = opening.search_index(warm)
    assert index.persisted is not None and warm.notices == []  # the index written in pieces opens
    assert sorted(h.id for h in index.search("kishida")) == sorted(
        h.id for h in opening.search_index(expected).search("kishida"))


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs POSIX permissions, not root")
def test_a_read_only_data_dir_runs_without_cache(archive_dir: Path, tmp_path: Path) -> None:
    read_only = tmp_path / "ro"
    read_only.mkdir(mode=0o500)
    try:
        result = load([archive_dir], data_dir=read_only)
    finally:
        read_only.chmod(0o700)
    assert result.cache is None and "without" in result.notices[0]
    assert len(result.archive) > 0


def test_no_temp_file_is_left_behind(archive_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = load([archive_dir])
    assert good.cache is not None
    before = good.cache.read_bytes()
    (archive_dir / "more.md").write_text("### a title\n\n---\n\nbody\n", encoding="utf-8")

    def interrupted(paths, progress, features=None):
        raise KeyboardInterrupt

    monkeypatch.setattr(workers, "parse_all", interrupted)
    with pytest.raises(KeyboardInterrupt):
        load([archive_dir])
    assert good.cache.read_bytes() == before  # the old cache is untouched
    assert sorted(p.suffix for p in good.cache.parent.iterdir()) == [".cache", ".lock", ".summary"]


def test_the_cache_is_replaced_only_under_the_lock(archive_dir: Path, data_dir: Path) -> None:
    target = _cache_file(data_dir, archive_dir)
    target.parent.mkdir(parents=True)
    held = threading.Event()
    released_at: list[float] = []

    def hold() -> None:
        with files.locked(target.with_suffix(".lock")):
            held.set()
            time.sleep(0.5)
            released_at.append(time.monotonic())

    holder = threading.Thread(target=hold)
    holder.start()
    held.wait()
    result = load([archive_dir])
    done_at = time.monotonic()
    holder.join()
    assert result.cache == target and done_at >= released_at[0]


def test_two_instances_at_once_leave_a_valid_cache(archive_dir: Path, data_dir: Path) -> None:
    command = [sys.executable, "-m", "tui.cli", "export", str(archive_dir)]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(4)]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert all(run.returncode == 0 for run in runs), outputs
    assert len({out for out, _ in outputs}) == 1
    final = load([archive_dir])
    assert (final.notices, final.parsed) == ([], 0)
    assert sorted(p.suffix for p in final.cache.parent.iterdir()) == [".cache", ".lock", ".summary"]  # type: ignore[union-attr]


def test_open_cached_gives_the_cached_archive_without_scanning(archive_dir: Path) -> None:
    assert loader.open_cached([archive_dir]) is None
    cold = load([archive_dir])
    assert cold.changed
    (archive_dir / "source0").rename(archive_dir / "moved")  # not looked at by open_cached
    quick = loader.open_cached([archive_dir])
    assert quick is not None and not quick.changed
    assert _full(quick) == _full(cold)
    assert load([archive_dir]).changed
    assert not load([archive_dir]).changed


@pytest.mark.parametrize("pieces", [False, True])
def test_a_cache_of_many_records_reads_back_every_one(tmp_path: Path, pieces: bool,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    # the records are written a batch at a time: every batch, the last one short, reads back;
    # and when read in pieces (a large cache), every piece, the last one short
    from tui.archive.model import Article

    if pieces:
        monkeypatch.setattr(cache, "_IN_ONE", 0)
        monkeypatch.setattr(cache, "_AT_ONCE", 100)

    entries = [cache.Entry(f"/a/{i:05}.html", i, i * 1000, Article(f"id{i}", f"/a/{i:05}.html", "s", "x.com",
                                                                   "X", f"标题 {i}") if i % 7 else None,
                           "" if i % 7 else "not an article", i, i % 50, i)
               for i in range(cache._BATCH * 2 + 37)]
    writer = cache.CacheWriter(tmp_path / "c.cache")
    writer.commit(["/a"], "v", entries)
    os.close(writer.fd)
    opened = cache.CacheFile.open(tmp_path / "c.cache", "v")
    assert opened is not None
    try:
        assert opened.entries == entries
    finally:
        opened.close()
