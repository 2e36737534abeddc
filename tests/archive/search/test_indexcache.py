"""The persisted search index: written with the cache, reused by later processes, rebuilt (never
trusted) when the archive changed or the file is damaged, truncated or from another version."""

from __future__ import annotations

import json
import mmap
import os
import re
import subprocess
import sys
import zlib
from array import array
from collections.abc import Iterable
from itertools import accumulate
from pathlib import Path

import msgspec
import pytest

from tui.archive.search.disk import build, reading
from tui.archive.search.engine import SearchIndex
from tui.archive.search.index import textindex
from tui.archive.search.index.catalog import Catalog
from tui.archive.search.index.joined import JoinedPostings
from tui.archive.search.index.textindex import TextIndex
from tui.archive.search.index.titles import Titles
from tui.archive.search.names import entities
from tui.archive.search.opening import build_index, load, search_index
from tui.archive.search.text.fold import fold
from tui.archive.store import loader
from tui.archive.store.archive import Archive

QUERIES = ["kishida", "bulinken", "岸田", "2+2", "aukis -岸田", '"第二支柱"', "blinken year:2022", "csis"]


def _answers(index: SearchIndex) -> dict[str, list[tuple[str, float, str]]]:
    return {q: sorted((h.id, h.score, h.snippet) for h in index.search(q)) for q in QUERIES}


def _index_file(result: loader.LoadResult) -> Path:
    assert result.cache is not None
    return reading.index_path(result.cache)


def test_the_index_is_written_with_the_cache_and_answers_like_a_fresh_build(archive_dir: Path) -> None:
    cold = load([archive_dir])
    assert cold.index is not None and _index_file(cold).is_file()
    warm = load([archive_dir])
    assert warm.index is None  # a warm load does not touch the index until asked
    opened = search_index(warm)
    assert opened.persisted == _index_file(warm) and warm.notices == []
    assert isinstance(opened.text.tokens, reading.StoredPostings)  # read from the file
    fresh = build_index(warm.archive)
    assert _answers(opened) == _answers(fresh) == _answers(cold.index)
    assert [(e.key, e.aliases, sorted(e.articles)) for e in opened.entities] == [
        (e.key, e.aliases, sorted(e.articles)) for e in fresh.entities]
    assert opened.terms("kishida") == fresh.terms("kishida")
    # the catalog read back as stored is the one made from the archive's articles
    made = Catalog.of(warm.archive.meta(i) for i in opened.catalog.ids)
    assert (list(opened.catalog.ids), list(opened.catalog.titles), opened.catalog.published) == (
        made.ids, made.titles, made.published)
    assert opened.catalog.columns == made.columns
    # the titles folded as stored (not folded again at each start) are the titles folded
    assert opened.stored_titles is not None and fresh.stored_titles is None
    assert list(opened._titles().folded) == [fold(t) for t in made.titles]
    remade = Titles([fold(t) for t in made.titles])  # as searched: joined, and where each starts
    assert (opened._titles().joined, opened._titles().starts) == (remade.joined, remade.starts)
    assert fresh._titles().folded == [fold(t) for t in fresh.catalog.titles]


def _mapped(path: Path) -> list[tuple[int, int]]:
    """(file offset, bytes) of each part of `path` this process maps now (/proc/self/maps)."""
    found = []
    for line in Path("/proc/self/maps").read_text().splitlines():
        fields = line.split(maxsplit=5)
        if len(fields) == 6 and fields[5] == str(path):
            start, end = (int(x, 16) for x in fields[0].split("-"))
            found.append((int(fields[2], 16), end - start))
    return found


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="reads /proc/self/maps (Linux)")
def test_an_open_index_holds_no_second_copy_of_its_file_or_of_the_archives_strings(
        archive_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The index's meta section is mapped to be decoded, never copied whole: once the index is
    open nothing kept of it maps the section still (~125 MB at 300k articles: the texts alone
    stay mapped, from the file's start), and the ids and titles are the archive's own strings
    (another ~60 MB), whether the index is opened beside the archive or alone."""
    cold = load([archive_dir])
    warm = load([archive_dir])
    path = _index_file(cold)
    sizes: list[int] = []
    monkeypatch.setattr(reading, "pread", lambda fd, n, at: sizes.append(n) or os.pread(fd, n, at))
    assert warm.cache is not None and warm.identity is not None
    fd = os.open(warm.cache, os.O_RDONLY)
    alone = reading.open_columns(path, warm.identity, fd)
    beside = reading.open_index(path, warm.archive, warm.identity)
    assert max(sizes) < 1000  # (the footer and its tail: the section is not read into a copy)
    whole = (0, -(-path.stat().st_size // mmap.PAGESIZE) * mmap.PAGESIZE)
    assert _mapped(path) == [whole] * 3  # each open index's (`cold`'s too): no mapping of the section
    for index in (alone, beside):  # what the kept parts hold still reads right
        assert index.search("kishida") and [e.key for e in index.entities]
        assert index.resolver.titled
    for article_id, title in zip(beside.catalog.ids, beside.catalog.titles, strict=True):
        meta = warm.archive.meta(article_id)
        assert article_id is meta.id and title is meta.title
    os.close(fd)


def test_names_are_found_reading_the_texts_not_mapping_them(archive_dir: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """entities.build reads every article's text: mapped, the pages it touched stayed resident in the
    building process (~600 MB at 100k articles); it reads them with pread, and finds the same."""
    read_through = []
    build_names = entities.build

    def spy(glosses, bare, text, ids, **kw):  # type: ignore[no-untyped-def]
        read_through.append(type(text.hays))
        return build_names(glosses, bare, text, ids, **kw)

    monkeypatch.setattr(entities, "build", spy)
    cold = load([archive_dir])
    assert read_through == [build.FileHays]
    assert isinstance(cold.index.text.hays, reading.MappedHays)  # searches map what they read
    monkeypatch.setattr(entities, "build", build_names)
    fresh = build_index(cold.archive)  # texts in memory
    assert cold.index.entities and [(e.key, e.aliases, sorted(e.articles)) for e in cold.index.entities] == [
        (e.key, e.aliases, sorted(e.articles)) for e in fresh.entities]
    phrases = cold.index.text.phrases  # every name alias's articles, as found by the build
    assert len(phrases) and {k: _ids(cold.index, phrases.get(k)) for k in phrases} == {
        k: _ids(fresh, fresh.text.matches(k)) for k in phrases}
    assert _answers(cold.index) == _answers(fresh)


def _ids(index: SearchIndex, numbers: Iterable[int]) -> list[str]:
    """Article numbers as ids (two builds number the articles differently)."""
    return sorted(index.catalog.ids[n] for n in numbers)


def test_a_build_stopped_while_names_are_found_leaves_the_cache_and_no_index(
        archive_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The app quitting stops a build from its progress callback, also while names are found (the
    longest step, where no file is read): nothing half-written is left, the next run goes on."""
    class Stop(Exception):
        pass

    naming = []
    build_names = entities.build

    def spy(*args, **kw):  # type: ignore[no-untyped-def]
        naming.append(True)
        return build_names(*args, **kw)

    def progress(done: int, total: int) -> None:
        if naming:
            raise Stop

    monkeypatch.setattr(entities, "build", spy)
    with pytest.raises(Stop):
        load([archive_dir], progress)
    cache_dir = next((Path(os.environ["NEWSTUI_DATA_DIR"]) / "cache").glob("*.cache")).parent
    assert not list((cache_dir.parent / "index").iterdir())  # no index, no temp file
    monkeypatch.setattr(entities, "build", build_names)
    warm = load([archive_dir])  # the cache was written before names were looked for
    assert warm.cache is not None and warm.cache.parent == cache_dir and warm.index is None
    assert _answers(search_index(warm)) == _answers(build_index(warm.archive))


def test_equal_glosses_are_held_once_and_name_the_same_entities(archive_dir: Path) -> None:
    """The builder keeps one object per distinct gloss (names are glossed in article after article;
    100k articles' copies were ~250 MB): entities.build finds what it finds over each article's own."""
    archive = load([archive_dir], use_cache=False).archive
    texts = [(m.id, m.title, archive.get(m.id).text()) for m in archive.articles]
    builder = build.IndexBuilder()
    for article_id, title, body in texts:
        builder.add(article_id, title, build.decode_features(build.encode_features(title, body)))
    held = [g for gs in builder.glosses for g in gs]
    distinct = {msgspec.msgpack.encode(g) for g in held}
    assert len(distinct) < len(held) and len({id(g) for g in held}) == len(distinct)
    own = [build.decode_features(build.encode_features(title, body)).glosses
           for _, title, body in texts]
    text = TextIndex(builder.hays, builder.title_len, builder.chars, builder.tokens)
    shared = entities.build(builder.glosses, builder.bare, text, builder.ids)
    assert shared and shared == entities.build(own, builder.bare, text, builder.ids)


def test_file_hays_read_and_match_like_the_texts(tmp_path: Path) -> None:
    hays = [b"kishida fumio", "岸田文雄 aukus".encode(), b"", b"raaf 2+2", b"x" * 100_000 + b" aukus"]
    path = tmp_path / "hays"
    path.write_bytes(b"head" + b"".join(hays) + b"tail")
    fd = os.open(path, os.O_RDONLY)
    try:
        on_file = build.FileHays(fd, 4, array("Q", accumulate(map(len, hays), initial=0)))
        assert len(on_file) == len(hays) and [on_file[i] for i in range(len(hays))] == hays
        for needle in [b"kishida", b"raa", b"raaf", "文雄".encode(), b"aukus", b"2+2", b"tail"]:
            assert [on_file.contains(i, needle) for i in range(len(hays))] == [
                textindex.contains(h, needle) for h in hays]
    finally:
        os.close(fd)


def test_mapped_hays_find_in_one_loop_what_they_find_one_by_one(tmp_path: Path) -> None:
    hays = [b"kishida fumio", "岸田文雄 aukus".encode(), b"", b"raaf 2+2", "文雄".encode(), b"aukus x"]
    path = tmp_path / "hays"
    path.write_bytes(b"head" + b"".join(hays) + b"tail")
    crcs = array("I", [zlib.crc32(h) for h in hays])
    crcs[4] ^= 1  # article 4 is damaged: never found, reported
    damaged: list[str] = []
    with path.open("rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        mapped = reading.MappedHays(mm, 4, array("Q", accumulate(map(len, hays), initial=0)), crcs,
                                       damaged.append)
        for needle in [b"kishida", b"raa", b"aukus", "文雄".encode(), b"2+2", b"tail", b"head"]:
            found = mapped.holding(range(len(hays)), needle)
            assert found == [i for i in range(len(hays)) if i != 4 and textindex.contains(hays[i], needle)]
            assert found == [i for i in range(len(hays)) if mapped.contains(i, needle)]
    assert damaged and mapped.bad
    with path.open("rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as mm:  # read first by
        mapped = reading.MappedHays(mm, 4, array("Q", accumulate(map(len, hays), initial=0)), crcs,
                                    damaged.append)  # a compiled search: the damaged text is as empty
        assert mapped.lacking(range(len(hays)), re.compile(b"a"), b"a") == [2, 4]
        assert not mapped.contains(4, "文雄".encode()) and mapped.contains(1, "文雄".encode())


def test_texts_whose_places_are_out_of_order_read_as_damaged(tmp_path: Path) -> None:
    # the open checks only the table's ends: a place out of order is found when its texts are read
    hays = [b"kishida fumio", "岸田文雄 aukus".encode(), b"aukus raaf", b"raaf 2+2", b"aukus x"]
    path = tmp_path / "hays"
    path.write_bytes(b"head" + b"".join(hays) + b"tail")
    offsets = array("Q", accumulate(map(len, hays), initial=0))
    offsets[3] = offsets[4] + 2  # text 2 runs past text 3's end, text 3 ends before it starts
    damaged: list[str] = []
    with path.open("rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        mapped = reading.MappedHays(mm, 4, offsets, array("I", [zlib.crc32(h) for h in hays]), damaged.append)
        assert mapped.holding(range(len(hays)), b"aukus") == [1, 4]
        assert mapped.lacking(range(len(hays)), re.compile(b"raaf"), b"raaf") == [0, 1, 2, 3, 4]
        assert [mapped[i] for i in range(len(hays))] == [hays[0], hays[1], b"", b"", hays[4]]
    assert damaged and mapped.bad


def test_mapped_hays_checked_at_once_find_what_they_find_when_checked_on_reading(tmp_path: Path) -> None:
    """`check` (the app, once the index is shown) reads every text once: a damaged one is reported
    and never found, as when a search first reads it; the others are found as before."""
    hays = [b"kishida fumio", "岸田文雄 aukus".encode(), b"", b"raaf 2+2", "文雄".encode(), b"aukus x"]
    path = tmp_path / "hays"
    path.write_bytes(b"head" + b"".join(hays) + b"tail")
    crcs = array("I", [zlib.crc32(h) for h in hays])
    crcs[4] ^= 1
    damaged: list[str] = []
    with path.open("rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        mapped = reading.MappedHays(mm, 4, array("Q", accumulate(map(len, hays), initial=0)), crcs,
                                       damaged.append)
        mapped.check()
        assert damaged and mapped.bad
        for needle in [b"kishida", b"aukus", "文雄".encode(), b"2+2"]:
            assert mapped.holding(range(len(hays)), needle) == [
                i for i in range(len(hays)) if i != 4 and textindex.contains(hays[i], needle)]
            # what a compiled search finds nothing in (a damaged text: nothing, as if empty)
            pattern = re.compile(re.escape(needle))
            assert mapped.lacking(range(len(hays)), pattern, needle) == [
                i for i in range(len(hays)) if i == 4 or needle not in hays[i]]
        assert [mapped[i] for i in range(len(hays))] == [h if i != 4 else b"" for i, h in enumerate(hays)]


_CHILD = """
import json, sys
from tui.archive.search.disk import reading
from tui.archive.search.opening import load, search_index
result = load([sys.argv[1]])
index = search_index(result)
print(json.dumps({"opened": isinstance(index.text.tokens, reading.StoredPostings),
                  "notices": result.notices, "parsed": result.parsed,
                  "hits": sorted(h.id for h in index.search("kishida"))}))
"""


def _child(archive_dir: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", _CHILD, str(archive_dir)], capture_output=True, text=True,
                         check=True, env=os.environ)
    return json.loads(out.stdout)


def test_a_second_process_opens_the_index_instead_of_building_it(archive_dir: Path) -> None:
    cold = load([archive_dir])
    child = _child(archive_dir)
    assert child == {"opened": True, "notices": [], "parsed": 0,
                     "hits": sorted(h.id for h in cold.index.search("kishida"))}


def test_a_changed_archive_gets_a_new_index(archive_dir: Path) -> None:
    first = load([archive_dir])
    assert first.index.search("Zorbian") == []
    extra = archive_dir / "source0" / "2024" / "new.md"
    extra.write_text("### 邬凌霄访问东京\n\n---\n\n<p>邬凌霄（Zorbian Quillfeather）今天抵达东京。</p>\n",
                     encoding="utf-8")
    second = load([archive_dir])
    assert second.parsed == 1 and second.segments is not None  # a delta beside the cache
    assert [h.path for h in search_index(second).search("Zorbian")] == [str(extra)]
    again = load([archive_dir])
    assert again.parsed == 0
    third = search_index(again)
    assert [h.path for h in third.search("quillfeather")] == [str(extra)]
    tokens = third.text.tokens  # both segments' postings read from their files, none rebuilt
    assert isinstance(tokens, JoinedPostings)
    assert all(isinstance(part, reading.StoredPostings) for part in (tokens.base, tokens.delta))


def _damage_and_reopen(archive_dir: Path, damage) -> tuple[loader.LoadResult, SearchIndex]:  # type: ignore[no-untyped-def]
    cold = load([archive_dir])
    expected = _answers(cold.index)
    path = _index_file(cold)
    damage(path)
    warm = load([archive_dir])
    index = search_index(warm)
    assert _answers(index) == expected
    return warm, index


@pytest.mark.parametrize("how", ["truncate", "garbage", "tail", "empty"])
def test_a_damaged_index_is_rebuilt_with_a_notice(archive_dir: Path, how: str) -> None:
    def damage(path: Path) -> None:
        data = path.read_bytes()
        if how == "truncate":
            path.write_bytes(data[: len(data) // 2])
        elif how == "garbage":
            path.write_bytes(os.urandom(len(data)))
        elif how == "tail":  # the meta section: caught by its checksum
            at = len(data) - 200
            path.write_bytes(data[:at] + bytes(b ^ 0xFF for b in data[at:at + 20]) + data[at + 20:])
        else:
            path.write_bytes(b"")

    warm, index = _damage_and_reopen(archive_dir, damage)
    assert len(warm.notices) == 1 and "rebuilding" in warm.notices[0]
    assert index.persisted is not None and index.persisted.is_file()
    again = load([archive_dir])
    assert isinstance(search_index(again).text.tokens, reading.StoredPostings) and again.notices == []


def test_damaged_text_found_while_searching_removes_the_index(archive_dir: Path) -> None:
    cold = load([archive_dir])
    expected = _answers(cold.index)  # before the file it maps is damaged in place
    path = _index_file(cold)
    data = bytearray(path.read_bytes())
    at = len(reading.MAGIC) + 100  # inside the folded text, which is checked block by block
    data[at:at + 8] = bytes(b ^ 0x55 for b in data[at:at + 8])
    path.write_bytes(bytes(data))
    index = search_index(load([archive_dir]))  # opens: the text is checked only when read
    for q in QUERIES:
        index.search(q)  # never raises
    assert index.damage is not None and index.damage.reasons and not path.exists()
    rebuilt = load([archive_dir])
    assert _answers(search_index(rebuilt)) == expected and path.is_file()


def test_damaged_text_found_by_the_check_after_opening_removes_the_index(archive_dir: Path) -> None:
    """The app checks the texts once the index is shown (SearchIndex.check): damage is found
    then, as a search would find it, and the next open rebuilds the index."""
    cold = load([archive_dir])
    expected = _answers(cold.index)
    path = _index_file(cold)
    data = bytearray(path.read_bytes())
    at = len(reading.MAGIC) + 100
    data[at:at + 8] = bytes(b ^ 0x55 for b in data[at:at + 8])
    path.write_bytes(bytes(data))
    index = search_index(load([archive_dir]))
    assert index.damage is not None and not index.damage.reasons
    index.check()
    assert index.damage.reasons and not path.exists()
    rebuilt = load([archive_dir])
    assert _answers(search_index(rebuilt)) == expected and path.is_file()


def test_an_index_from_another_version_or_cache_is_rebuilt(archive_dir: Path, monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    cold = load([archive_dir])
    for module in (reading, build):  # as after an upgrade: this code writes and reads "another"
        monkeypatch.setattr(module, "index_version", lambda: "another")
    warm = load([archive_dir])
    search_index(warm)
    assert len(warm.notices) == 1 and "another version" in warm.notices[0]
    monkeypatch.undo()
    other = load([archive_dir])
    other.identity = [0, 0, 0.0]  # as if the cache had been rewritten since
    with pytest.raises(reading.IndexError_):
        reading.open_index(_index_file(cold), other.archive, other.identity)


def test_an_index_for_other_articles_is_not_opened(archive_dir: Path) -> None:
    # an archive of as many articles, one of them another: not the articles this index is for
    cold = load([archive_dir])
    assert cold.identity is not None
    articles = list(cold.archive.articles)
    articles[2] = msgspec.structs.replace(articles[2], id="another")
    with pytest.raises(reading.IndexError_, match="for other articles"):
        reading.open_index(_index_file(cold), Archive(articles), cold.identity)
    same = reading.open_index(_index_file(cold), Archive(cold.archive.articles), cold.identity)
    assert same.search("kishida")


def test_the_index_holds_no_pickle(archive_dir: Path) -> None:
    cold = load([archive_dir])
    data = _index_file(cold).read_bytes()
    assert data.startswith(reading.MAGIC) and data.endswith(reading.MAGIC)
    source = Path(reading.__file__).read_text(encoding="utf-8")
    assert "import pickle" not in source and "marshal" not in source


def test_names_found_nowhere_are_known_without_reading_any_text(archive_dir: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A name alias the build looked for and found nowhere (`伊万卡川普` beside `伊万卡·川普`) is
    stored as such: typing a prefix that brings it reads no article to learn it again."""
    cold = load([archive_dir])
    assert cold.index is not None
    phrases = cold.index.text.phrases
    absent = [k for k in phrases if not len(phrases.get(k))]
    found = [k for k in phrases if len(phrases.get(k))]
    assert absent and found
    opened = search_index(load([archive_dir]))
    hays = opened.text.hays
    read: list[int] = []
    monkeypatch.setattr(hays, "contains", lambda i, key: read.append(i) or True)
    monkeypatch.setattr(hays, "holding", lambda ids, key: read.extend(ids) or list(ids))
    monkeypatch.setattr(hays, "__getitem__", lambda i: read.append(i) or b"")
    opened.text.prefetch(absent)
    assert all(opened.text.matches(k) == [] for k in absent) and read == []
    assert [opened.text.matches(k) for k in found] == [list(phrases.get(k)) for k in found] and read == []


def test_an_index_of_the_previous_format_is_rebuilt_not_misread(archive_dir: Path) -> None:
    """Format 4 stored no empty name lists: such a file is rebuilt (with a notice), never read."""
    def older(path: Path) -> None:
        data = path.read_bytes()
        old = reading.MAGIC[:-1] + bytes([reading.MAGIC[-1] - 1])
        path.write_bytes(old + data[len(old):-len(old)] + old)

    warm, _ = _damage_and_reopen(archive_dir, older)
    assert len(warm.notices) == 1 and "another format" in warm.notices[0]
    again = load([archive_dir])
    search_index(again)
    assert again.notices == []


def test_first_characters_of_names_find_what_reading_every_text_finds(archive_dir: Path) -> None:
    """In a stored index, the articles of the stored names starting with what is typed (岸田 of
    岸田文雄) hold it without being read; the others are read: the same articles either way."""
    load([archive_dir])  # the cold load writes the index; the next one opens it
    opened = search_index(load([archive_dir]))
    phrases = opened.text.phrases
    assert isinstance(phrases, reading.StoredPostings)
    names = [k for k in phrases.keys if not k.isascii() and len(k) >= 3]
    prefixes = sorted({k[:n] for k in names for n in range(2, len(k))})
    used = 0
    for p in prefixes:
        if p in phrases:
            continue
        used += bool(phrases.held_by_longer(p))
        every = list(opened.text.hays.holding(opened.text.candidates(p), textindex.encode(p)))
        assert opened.text.matches(p) == every, p
    assert used > 10  # the names' lists did answer for many of them
    assert phrases.held_by_longer("kishi") <= set(opened.text.matches("kishida"))  # (never asked for Latin)
