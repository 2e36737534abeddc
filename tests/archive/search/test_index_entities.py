"""What the persisted index keeps of names: each entity's articles as numbers (read back as the same
ids, in the same order), and no answer for a lexicon form the archive never holds (found the same
way when typed)."""

from __future__ import annotations

import json
from array import array
from collections import Counter
from pathlib import Path

import pytest

from tui.archive.search.disk import reading
from tui.archive.search.index.articleids import ArticleIds, StoredEntity, pack, stored_articles
from tui.archive.search.names import lexicon
from tui.archive.search.opening import build_index, load, search_index
from tui.archive.search.text.fold import fold


def test_a_warm_open_lists_each_name_with_the_articles_of_the_cold_build(archive_dir: Path) -> None:
    cold = load([archive_dir])
    opened = search_index(load([archive_dir]))
    assert opened.persisted is not None and cold.index is not None
    before = [e.to_dict() for e in cold.index.entities]
    after = [e.to_dict() for e in opened.entities]
    assert before and after == before  # ids, order and counts: what `newstui names --json` prints
    assert json.loads(json.dumps(after)) == after
    pairs = zip(opened.entities, cold.index.entities, strict=True)
    assert all(a.articles == list(b.articles) for a, b in pairs)


def test_the_index_stores_no_article_id_for_the_names(archive_dir: Path) -> None:
    """An entity's articles are numbers in the index (4 bytes each, not a 16-character id)."""
    cold = load([archive_dir])
    assert cold.index is not None and cold.cache is not None
    data = reading.index_path(cold.cache).read_bytes()
    mentions = Counter(i for e in cold.index.entities for i in e.articles)
    assert len(set(mentions.values())) > 1  # some articles are named by more entities than others
    # an id is in the article tables only: as often for an article many names mention as for any
    assert len({data.count(i.encode()) for i in mentions}) == 1


def test_article_ids_read_like_a_list() -> None:
    ids = ["a0", "b1", "c2", "d3"]
    got = ArticleIds(ids, array("I", [1, 3]))
    assert len(got) == 2 and list(got) == ["b1", "d3"] and got[0] == "b1" and got[-1] == "d3"
    assert got[:1] == ["b1"] and got == ["b1", "d3"] and "d3" in got and set(got) == {"b1", "d3"}
    assert repr(got) == "['b1', 'd3']"


@pytest.mark.parametrize("raw", [pack([0, 9]), pack([0, 1, 1]), b"not zlib"])
def test_damaged_article_numbers_read_as_none_and_the_index_is_rebuilt(raw: bytes) -> None:
    """A number beyond the index's articles, a count that is not the numbers', bytes that do not
    unpack: the entity lists no article (never other articles) and the damage is reported (the
    index file is then removed and rebuilt at the next open)."""
    reasons: list[str] = []
    got = stored_articles(StoredEntity("k", "n", "person", ["n"], 2, raw), ["a", "b"], reasons.append)
    assert list(got) == [] and len(got) == 0 and reasons


def test_packed_numbers_unpack_as_they_were() -> None:
    numbers = [0, 1, 5, 70000, 70001, 4_000_000]
    ids = [str(n) for n in range(4_000_001)]
    got = stored_articles(StoredEntity("k", "n", "person", ["n"], len(numbers), pack(numbers)), ids)
    assert len(got) == len(numbers) and list(got) == [str(n) for n in numbers]


def test_lexicon_forms_found_nowhere_are_not_stored_and_are_still_found_nowhere(archive_dir: Path) -> None:
    cold = load([archive_dir])
    assert cold.index is not None
    text = cold.index.text
    aliases = {fold(a) for e in cold.index.entities for a in e.aliases}
    absent = [k for k in {fold(f) for e in lexicon.entries() for f in e.zh}
              if k not in aliases and len(k) > 1 and all(ch in text.chars for ch in k)]
    fresh = build_index(cold.archive).text
    absent = [k for k in sorted(absent)[:200] if not fresh.matches(k)]
    assert absent  # forms whose characters the archive holds, never together
    opened = search_index(load([archive_dir]))
    assert not any(k in opened.text.phrases for k in absent)
    assert all(opened.text.matches(k) == [] for k in absent)
    assert all(len(opened.text.phrases.get(k)) for k in opened.text.phrases if k not in aliases)
