"""Names found where the articles are parsed: the parse workers find the lexicon's forms in each
article (with its index features), the parent the archive's own glosses. A cold build over a
process pool must name the same entities with the same articles as one built in a single process,
whichever worker parsed which article, with no article lost or counted twice."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tui.archive.search import opening
from tui.archive.search.disk.build import features
from tui.archive.search.engine import SearchIndex
from tui.archive.search.names import entities, lexicon
from tui.archive.search.text.fold import fold
from tui.archive.store import workers

FILLER = "今天的天气很好，市场平稳，学校照常上课。"
#: file number -> body; the rest are filler. Far apart, so that different chunks (and, with two
#: cores, different workers) parse them.
BODIES = {
    0: "公司创始人邬凌霄（Zorbian Quillfeather）周一宣布新计划。",  # the archive's only gloss of him
    37: "记者追问邬凌霄的计划细节。",  # his Chinese name, not glossed here
    74: "Critics of Zorbian Quillfeather spoke on Tuesday.",  # his English name alone
    11: "美国国务卿蓬佩奥周二发表讲话，蓬佩奥说。",  # a lexicon name the archive never glosses, twice
    48: "前國務卿龐培歐（繁体）出席活动。",  # the same person in Traditional characters
    60: "Mike Pompeo and Pompeo again.",  # his English names only
}
FILES = 80


def _write(root: Path) -> None:
    root.mkdir()
    for n in range(FILES):
        body = BODIES.get(n, FILLER)
        (root / f"{n:03d}.md").write_text(
            f"<!--1712714343000-->\n[第{n}篇 报道](https://example.com/a/{n}.html)\n------\n\n"
            f"<div><i>Wed, 10 Apr 2024 01:54:23 GMT</i></div><p>{body}</p><p>{FILLER}</p>\n",
            encoding="utf-8")


def _build(root: Path, data: Path, parallel_min: int) -> SearchIndex:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(workers, "PARALLEL_MIN", parallel_min)
        result = opening.load([root], data_dir=data)
    assert result.parsed == FILES
    return opening.search_index(result)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[SearchIndex, SearchIndex]]:
    tmp = tmp_path_factory.mktemp("names-workers")
    _write(tmp / "archive")
    pooled = _build(tmp / "archive", tmp / "pooled", 10)  # a pool of workers (chunks of 8 files)
    alone = _build(tmp / "archive", tmp / "alone", 10_000)  # every file parsed in this process
    yield pooled, alone


def _files(index: SearchIndex, e: entities.Entity) -> list[int]:
    return sorted(int(Path(index.archive.meta(i).path).stem) for i in e.articles)


def _entity(index: SearchIndex, alias: str) -> entities.Entity:
    found = [e for e in index.entities if alias in e.aliases]
    assert len(found) == 1, (alias, found)
    return found[0]


def test_the_pool_names_what_one_process_names(built: tuple[SearchIndex, SearchIndex]) -> None:
    pooled, alone = built

    def table(index: SearchIndex) -> list[tuple[str, str, str, list[str], list[str]]]:
        return [(e.key, e.name, e.kind, e.aliases, sorted(e.articles)) for e in index.entities]

    assert table(pooled) == table(alone)
    assert all(len(set(e.articles)) == len(e.articles) for e in pooled.entities)  # none twice

    def holding(index: SearchIndex, alias: str) -> list[str]:  # the articles stored for an alias
        return [index.catalog.ids[n] for n in index.text.matches(fold(alias))]

    for alias in ("蓬佩奥", "龐培歐", "Mike Pompeo", "邬凌霄", "Zorbian Quillfeather"):
        assert sorted(holding(pooled, alias)) == sorted(holding(alone, alias))
        assert len(set(holding(pooled, alias))) == len(holding(pooled, alias))


@pytest.mark.parametrize("which", [0, 1])
def test_a_glossed_name_is_found_where_it_is_not_glossed(built: tuple[SearchIndex, SearchIndex],
                                                          which: int) -> None:
    index = built[which]
    quillfeather = _entity(index, "邬凌霄")
    assert "Zorbian Quillfeather" in quillfeather.aliases
    assert _files(index, quillfeather) == [0, 37, 74]


@pytest.mark.parametrize("which", [0, 1])
def test_a_name_only_the_lexicon_knows_is_found_in_every_script_and_language(
        built: tuple[SearchIndex, SearchIndex], which: int) -> None:
    index = built[which]
    pompeo = _entity(index, "蓬佩奥")
    assert {"庞培欧", "Mike Pompeo"} <= set(pompeo.aliases)
    assert _files(index, pompeo) == [11, 48, 60]  # 11 names him twice: listed once
    assert sorted(h.path for h in index.search("蓬佩奥", limit=50)) == [
        index.archive.meta(i).path for i in sorted(pompeo.articles, key=lambda i: index.archive.meta(i).path)]
    assert len(index.search("pompeo", limit=50)) == 3


def test_the_workers_report_the_lexicon_forms_of_each_text() -> None:
    found = features("蓬佩奥访华", "Mike Pompeo 与 mike pompeos 的 Pompeo。" * 2).forms
    forms = [lexicon.forms()[p] for p in found]
    assert "蓬佩奥" in forms and "mike pompeo" in forms
    assert len(forms) == len(set(forms)) and found == sorted(found)  # each form once
    assert not features("无关", "mike pompeos 的天气").forms  # not inside a longer Latin word


def test_the_pool_numbers_articles_as_one_process_does(built: tuple[SearchIndex, SearchIndex]) -> None:
    """Two builds of the same files give the same index: articles in file order, not in the order
    the workers finished (ties in search results kept their order only by chance before)."""
    pooled, alone = built
    paths = [pooled.archive.meta(i).path for i in pooled.catalog.ids]
    assert paths == [alone.archive.meta(i).path for i in alone.catalog.ids]
    assert paths == sorted(paths, key=lambda p: int(Path(p).stem))
