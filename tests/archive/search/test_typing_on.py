"""Typing a query one key at a time: what a keystroke remembers of the ones before (a string's
articles outside longer names) gives the hits a fresh index gives, a name is kept apart from the
words around it however many articles hold it, and an index joined with new articles finds them."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.search import index_of
from support.search import made as _made

from tui.archive.model import Article
from tui.archive.search import opening
from tui.archive.search.disk.mapped import MappedHays
from tui.archive.search.disk.segments import join
from tui.archive.search.engine import SearchIndex
from tui.archive.search.names import words

# 年中 ("mid-year") and 罗斯 (Kenneth Roth's 罗斯, a name the archive glosses): where they are
# themselves, and where they are no match (across 今年|中国, inside 俄罗斯); the texts of the
# `first` articles start with them, after a text ending in 今 or 俄 (back to back in the index file)
KINDS = {
    "midyear": ("报告", "公司年中报告显示利润上升。"),
    "across": ("经济", "今年中国经济放缓。"),
    "roth": ("声明", "人权观察执行主任罗斯（Kenneth Roth）发表声明。"),
    "russia": ("边境", "俄罗斯军队周一越过边境。"),
    "ends": ("结尾", "最后一个字是今俄"),
    "first": ("罗斯年中总结", "年中总结。"),
}


def articles(copies: int) -> list[Article]:
    return [_made(f"{k:03d}-{kind}", title, body, published=f"2023-01-{1 + k % 28:02d}")
            for k in range(copies) for kind, (title, body) in KINDS.items()]


def expected(copies: int, query: str) -> set[str]:
    kinds = {"年中": ("midyear", "first"), "罗斯": ("roth", "first")}[query]
    return {f"{k:03d}-{kind}" for k in range(copies) for kind in kinds}


def persisted(items: list[Article], tmp_path: Path) -> SearchIndex:
    """The index of `items` written as files, opened from its file as the app opens it; its
    articles' ids are the files' names, as the made ones' are their labels (`found`)."""
    root = tmp_path / "files"
    root.mkdir(parents=True)
    for a in items:
        (root / f"{a.id}.md").write_text(
            f"---\ntitle: {a.title}\ndate: {a.published}\n---\n{a.text()}\n", encoding="utf-8")
    result = opening.load([root], data_dir=tmp_path / "data")
    index = opening.search_index(result)
    names[id(index)] = {m.id: Path(m.path).stem for m in result.archive.articles}
    return index


names: dict[int, dict[str, str]] = {}  # per persisted index: article id -> file name


def found(index: SearchIndex, query: str) -> set[str]:
    named = names.get(id(index), {})
    return {named.get(h.id, h.id) for h in index.search(query, limit=10_000)}


@pytest.mark.parametrize("copies", [3, 40])
@pytest.mark.parametrize("stored", [False, True], ids=["in-memory", "persisted"])
def test_a_name_is_kept_apart_from_the_words_around_it_in_few_or_many_articles(
        copies: int, stored: bool, tmp_path: Path) -> None:
    """With many articles holding the string they are first searched all at once (words.py), in
    place in the index file: the same articles are found as article by article."""
    index = persisted(articles(copies), tmp_path) if stored else index_of(articles(copies), tmp_path)
    assert isinstance(index.text.hays, MappedHays) == stored
    assert (copies * 3 >= words._IN_ONE_SEARCH) == (copies == 40)
    for query in ("年中", "罗斯"):
        assert found(index, query) == expected(copies, query)


def test_typing_on_finds_what_a_fresh_index_finds(tmp_path: Path) -> None:
    typed = persisted(articles(40), tmp_path / "typed")
    for query in ("罗斯", "年中", "kenneth roth", "luosi"):
        answers = [shown(typed, query[:n]) for n in range(1, len(query) + 1)]
        fresh = persisted(articles(40), tmp_path / query.replace(" ", "-"))
        assert answers[-1] == shown(fresh, query)
        assert shown(typed, query[:1]) == answers[0]  # backspace: as first answered


def shown(index: SearchIndex, query: str) -> tuple[list[tuple[str, float, str, list[tuple[int, int]]]], int]:
    """What the app's first screen shows for `query`: 13 rows, and how many match."""
    hits, total = index.search_counted(query, limit=13)
    named = names.get(id(index), {})
    return [(named.get(h.id, h.id), h.score, h.snippet, h.spans) for h in hits], total


def test_an_index_joined_with_new_articles_finds_them_for_a_string_already_searched(
        tmp_path: Path) -> None:
    base = index_of(articles(40), tmp_path / "base")
    before = found(base, "年中")
    assert before == expected(40, "年中")
    delta = index_of([_made("new-midyear", *KINDS["midyear"]), _made("new-across", *KINDS["across"])],
                     tmp_path / "delta")
    joined = join(base, delta, [])
    assert found(joined, "年中") == before | {"new-midyear"}
    assert found(base, "年中") == before
