"""One index dir, many readers: a reader who may not write it gets the archive as built, one notice
saying what changed and who can rebuild it, and leaves every byte of the shared dir as it was."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support.sharing import build, change_files, listing, me, news

from tui.archive.search import opening, shared
from tui.archive.search.disk import reading
from tui.archive.store import cache, location
from tui.archive.store.location import Place, locate


def reader(directory: Path) -> Place:
    """The place as a user who cannot write `directory` sees it (os.access says so; root may write
    anything, so the real-permission check is in tests/cli/test_sharing.py)."""
    return Place(directory, shared=True, writable=False, named_by="--index-dir")


def test_the_admins_files_are_readable_by_the_readers(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        build(news(tmp_path / "news"), tmp_path / "srv")
    finally:
        os.umask(old)
    files = [p for p in (tmp_path / "srv").rglob("*") if p.suffix in (".cache", ".index")]
    assert len(files) == 2 and all(p.stat().st_mode & 0o777 == 0o644 for p in files)


def test_a_reader_gets_the_archive_as_built_with_one_notice_and_writes_nothing(tmp_path: Path,
                                                                               data_dir: Path) -> None:
    root, srv = news(tmp_path / "news"), tmp_path / "srv"
    build(root, srv)
    changed, added = change_files(root)
    before = listing(srv)
    result = shared.load([root], place=reader(srv))
    index = opening.search_index(result)
    assert index is result.index and index.search("岸田")  # the stored index, searchable
    assert len(result.archive) == 5  # as built: the added file is not read
    [notice] = result.notices
    assert "older than the files" in notice
    assert f"1 new ({added})" in notice and f"1 changed ({changed})" in notice
    assert f"{me()} can update it: newstui index {root} --index-dir {srv}" in notice
    assert listing(srv) == before  # no temp file, lock, clean-up or rewrite
    assert not (data_dir / "cache").exists()  # and no private copy either


def test_an_unchanged_archive_opens_without_a_notice(tmp_path: Path) -> None:
    root, srv = news(tmp_path / "news"), tmp_path / "srv"
    build(root, srv)
    result = shared.load([root], place=reader(srv))
    assert result.notices == [] and result.index is not None and not result.changed


def test_a_damaged_shared_cache_sends_the_reader_to_its_own_copy(tmp_path: Path, data_dir: Path) -> None:
    root, srv = news(tmp_path / "news"), tmp_path / "srv"
    build(root, srv)
    [cache_file] = (srv / "cache").glob("*.cache")
    cache_file.write_bytes(cache_file.read_bytes()[:-20])
    change_files(root)
    before = listing(srv)
    result = shared.load([root], place=reader(srv))
    assert len(result.archive) == 6  # built anew, in the user's own data dir
    said = result.notices[0]
    assert said.startswith(f"Cannot use the shared index in {srv} (the cache {cache_file.name} is truncated)")
    assert f"{me()} can rebuild it: newstui index {root} --index-dir {srv}." in said
    assert said.endswith(f"Using your own copy in {data_dir}.")
    assert "rebuilding" not in result.notices[0]
    assert result.cache is not None and result.cache.parent == data_dir / "cache"
    assert listing(srv) == before


def test_an_index_of_another_version_is_not_used_nor_rebuilt(tmp_path: Path, data_dir: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    root, srv = news(tmp_path / "news"), tmp_path / "srv"
    build(root, srv)
    before = listing(srv)
    monkeypatch.setattr(reading, "index_version", lambda: "a newer newstui")
    result = shared.load([root], place=reader(srv))
    assert "(the search index was written by another version)" in result.notices[0]
    assert opening.search_index(result).search("岸田")
    assert listing(srv) == before and (data_dir / "index").is_dir()


def test_no_shared_index_for_these_folders_says_how_to_make_one(tmp_path: Path, data_dir: Path) -> None:
    root, srv = news(tmp_path / "news"), tmp_path / "srv"
    srv.mkdir()
    result = shared.load([root], place=reader(srv))
    assert f"(no cache for these folders in {srv})" in result.notices[0] and len(result.archive) == 5
    assert list(srv.iterdir()) == []


def test_damage_met_while_searching_leaves_a_shared_index_in_place(tmp_path: Path) -> None:
    root, srv = news(tmp_path / "news"), tmp_path / "srv"
    build(root, srv)
    result = shared.load([root], place=reader(srv))
    index = result.index
    assert index is not None and index.damage is not None
    index.damage("a posting list fails its checksum")
    assert index.persisted.exists()  # its owner rebuilds it; a writer's copy is removed (below)
    own = opening.load([root], data_dir=tmp_path / "own")
    mine = opening.search_index(own)
    mine.damage("a posting list fails its checksum")
    assert not mine.persisted.exists()


def test_where_the_index_lives(tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    roots = [str(news(tmp_path / "news"))]
    system = tmp_path / "system"
    monkeypatch.setattr(location, "SYSTEM_DIRS", (tmp_path / "absent", system))
    assert locate(roots) == Place(data_dir)  # nothing named, no system-wide index for these roots
    build(Path(roots[0]), system)
    assert locate(roots) == Place(system, True, True, "system")
    assert locate([str(tmp_path)]) == Place(data_dir)  # it holds no cache for these roots
    assert locate(roots, configured=str(tmp_path / "conf")).directory == tmp_path / "conf"
    monkeypatch.setenv(location.ENV_INDEX_DIR, str(tmp_path / "env"))
    assert locate(roots, configured=str(tmp_path / "conf")) == Place(tmp_path / "env", True, True,
                                                                     "$NEWSTUI_INDEX_DIR")
    assert locate(roots, named=tmp_path / "flag").named_by == "--index-dir"
    assert cache.cache_path(system, roots).is_file()


def test_readers_keep_the_files_they_opened_while_the_admin_rebuilds(tmp_path: Path) -> None:
    root, srv = news(tmp_path / "news"), tmp_path / "srv"
    build(root, srv)
    first = shared.load([root], place=reader(srv))
    assert first.index is not None
    before = {hit.id for hit in first.index.search("岸田")}
    _, added = change_files(root)
    build(root, srv)  # renamed over the files the reader has open
    assert {hit.id for hit in first.index.search("岸田")} == before  # the old files, still whole
    assert all(first.archive.get(i).body for i in before)  # bodies read from the old cache
    again = shared.load([root], place=reader(srv))
    assert again.notices == [] and len(again.archive) == 6  # the next start sees the new build
    assert any(again.archive.get(hit.id).path.endswith(added) for hit in again.index.search("岸田"))
