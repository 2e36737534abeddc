"""Searching from the persisted index alone (quick.py): the same answers as loading the archive,
and never an answer once the files have changed (stamps.py checks them, in forked processes)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from support.commands import newstui
from support.paths import TESTS

from tui.archive.search import opening
from tui.archive.search.index.catalog import Catalog
from tui.archive.search.quick import from_index
from tui.archive.store import stamps
from tui.archive.store.scanning import scan_files

FIXTURES = TESTS / "fixtures"
QUERIES = ("kishida", "bulinken", "2+2", "aukis -岸田", "source:voa 岸田", "year:2023", "qwxzvbnm",
           "美国")


@pytest.fixture
def big(tmp_path: Path, seeds_dir: Path) -> Path:
    """The seeds and every fixture, in nested folders, with the odd entries a scan must skip."""
    root = tmp_path / "big"
    shutil.copytree(FIXTURES, root / "fixtures")
    shutil.copytree(seeds_dir, root / "seeds" / "deep" / "er")
    (root / ".git").mkdir()
    (root / ".git" / "HEAD.md").write_text("ref: x")
    (root / "seeds" / "photo.jpg").write_bytes(b"\xff\xd8")
    os.symlink(root / "seeds" / "deep", root / "seeds" / "deep" / "loop")  # to its own folder
    return root


def _slow(paths: list[Path], query: str) -> list:
    result = opening.load(paths)
    return opening.search_index(result).search(query)


@pytest.mark.parametrize("processes", [1, 2, 3])
def test_same_answers_as_loading_the_archive(big: Path, processes: int) -> None:
    paths = [big / "seeds", big / "fixtures"]
    assert from_index(paths, lambda index: index.search("kishida")) is None  # no cache yet
    for query in QUERIES:
        slow = _slow(paths, query)
        quick = from_index(paths, lambda index, q=query: index.search(q), processes=processes)
        assert quick == slow, query
    assert any(_slow(paths, q) for q in QUERIES)


def _answer(paths: list[Path]) -> object:
    return from_index(paths, lambda index: index.search("kishida"))


@pytest.mark.parametrize("change", ["touch", "add", "remove", "rename", "edit in place", "new folder"])
def test_no_answer_once_a_file_changed(big: Path, change: str) -> None:
    paths = [big]
    _slow(paths, "kishida")
    assert _answer(paths), "the unchanged archive is answered from the index"
    seed = next((big / "seeds" / "deep" / "er").iterdir())
    if change == "touch":
        st = seed.stat()
        os.utime(seed, ns=(st.st_atime_ns, st.st_mtime_ns + 1))
    elif change == "add":
        (big / "fixtures" / "new.md").write_text("# 岸田\n\n岸田文雄")
    elif change == "remove":
        seed.unlink()
    elif change == "rename":
        seed.rename(seed.with_name("renamed.md"))
    elif change == "edit in place":  # same size, same folder mtime: only the file's mtime tells
        st = seed.stat()
        with open(seed, "r+b") as f:
            f.write(b"#")
        os.utime(seed, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    else:
        (big / "fixtures" / "later" / "more").mkdir(parents=True)
        shutil.copy(seed, big / "fixtures" / "later" / "more" / "copy.md")
    assert _answer(paths) is None
    _slow(paths, "kishida")  # the loader takes the change in, writes the cache and index again
    assert _answer(paths)


def test_digest_of_a_split_scan_is_the_loaders(big: Path) -> None:
    roots = [str(big), str(next(FIXTURES.rglob("*.md")))]  # a folder and a file named explicitly
    files, _ = scan_files(roots)
    expected = stamps.digest((p, s, m) for p, (s, m) in files.items())
    assert expected[0] == len(files) > 60
    for processes in (1, 2, 3, 8):
        assert stamps.start(roots, processes).result() == expected


def test_a_link_across_the_tree_may_cost_the_quick_path_never_the_answer(big: Path) -> None:
    """Through `seeds/across`, fixtures/ is reached before or after its own root depending on how
    the folders are shared out: the split scan may then see other paths (no answer), never a
    different archive with the same digest."""
    os.symlink(big / "fixtures", big / "seeds" / "across")
    paths = [big / "seeds", big / "fixtures"]
    for processes in (1, 2, 3):
        slow = _slow(paths, "kishida")
        assert from_index(paths, lambda index: index.search("kishida"), processes=processes) in (None, slow)


def test_damaged_index_gives_no_answer_and_the_command_still_finds(big: Path, tmp_path: Path) -> None:
    paths = [big]
    _slow(paths, "kishida")
    index_file = next((Path(os.environ["NEWSTUI_DATA_DIR"]) / "index").glob("*.index"))
    data = bytearray(index_file.read_bytes())
    data[len(data) // 2: len(data) // 2 + 64] = b"\0" * 64  # somewhere in the stored text or postings
    index_file.write_bytes(bytes(data))
    answer = _answer(paths)
    assert answer is None or answer == _slow(paths, "kishida")
    done = newstui("search", "kishida", big, "--json", cwd=tmp_path)
    assert done.returncode == 0 and "岸田" in done.stdout


def test_the_command_answers_the_same_through_either_path(big: Path, tmp_path: Path) -> None:
    first = newstui("search", "kishida", big, "--json", cwd=tmp_path)  # builds the cache: slow path
    assert _answer([big]), "the second run can take the quick path"
    second = newstui("search", "kishida", big, "--json", cwd=tmp_path)
    uncached = newstui("search", "kishida", big, "--json", "--no-cache", cwd=tmp_path)
    assert first.returncode == second.returncode == 0
    assert first.stdout == second.stdout == uncached.stdout and "岸田" in first.stdout


def test_catalog_rows_are_the_articles_fields(big: Path) -> None:
    archive = opening.load_archive([big])
    catalog = Catalog.of(archive.articles)
    assert len(catalog) == len(archive) > 60
    for i, article in enumerate(archive.articles):
        row = catalog.row(i)
        assert (row.id, row.path, row.title, row.source, row.source_name, row.published) == (
            article.id, article.path, article.title, article.source, article.source_name, article.published)
