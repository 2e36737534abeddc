"""`TextIndex.match_all` (one pass for every name alias at build time) finds what `matches` finds
one needle at a time: Chinese strings, Latin words only at word boundaries, punctuation."""

from __future__ import annotations

from tui.archive.search.index.textindex import Postings, TextIndex, hay_of
from tui.archive.search.text.fold import fold

TEXTS = [
    ("岸田文雄访美", "岸田文雄（Fumio Kishida）与拜登会谈。"),
    ("Raaf 演习", "The RAAF and the raa unit; 2+2 talks."),
    ("俄罗斯", "俄罗斯外长拉夫罗夫。美国国务卿布林肯 Blinken。"),
    ("无关", "今天天气很好。kishidas are not kishida."),
    ("拉法", "afa words. rafa le"),  # `afa le` only inside `rafa le`, though `afa` and `le` are words here
]
NEEDLES = ["岸田文雄", "岸田", "罗斯", "fumio kishida", "kishida", "raa", "raaf", "2+2", "布林肯",
           "拉夫罗夫", "天气很好。", "不存在", "blinken。", "nobody here", "the raa", "e raa", "the raaf",
           "afa le"]


def _index() -> TextIndex:
    chars, tokens, hays, title_len = Postings(), Postings(), [], []
    for n, (title, body) in enumerate(TEXTS):
        hay, tl, cs, toks = hay_of(title, body)
        hays.append(hay)
        title_len.append(tl)
        chars.add(cs, n)
        tokens.add(toks, n)
    return TextIndex(hays, title_len, chars, tokens)


def test_match_all_agrees_with_one_needle_at_a_time() -> None:
    one = _index()
    expected = {n: one.matches(fold(n)) for n in NEEDLES}
    bulk = _index()
    bulk.match_all(fold(n) for n in NEEDLES)
    assert {n: bulk.matches(fold(n)) for n in NEEDLES} == expected
    assert expected["kishida"] == [0, 3]  # `kishidas` alone would not count; article 3 also has `kishida`
    assert expected["raa"] == [1]
    assert expected["罗斯"] == [2]
    assert expected["the raa"] == [1]  # `the raaf` alone would not count
    assert expected["e raa"] == []  # starts inside `the`
    assert expected["afa le"] == []  # starts inside `rafa`


def test_match_all_answers_are_remembered_as_phrases_while_building() -> None:
    index = _index()
    index.remember = True
    index.match_all(["岸田文雄", "不存在"])
    assert list(index.matches("岸田文雄")) == [0]
    assert list(index.matches("不存在")) == []
    index.remember = False
    index.forget_bulk()
    assert list(index.phrases.get("岸田文雄")) == [0]
    assert list(index.phrases.get("不存在")) == []  # found nowhere: stored as such, never read again


def test_prefetch_of_a_query_finds_what_one_needle_at_a_time_finds() -> None:
    one = _index()
    expected = {n: one.matches(fold(n)) for n in NEEDLES}
    ahead = _index()
    ahead.prefetch(fold(n) for n in NEEDLES)  # enough needles to take the one-pass path
    assert {n: ahead.matches(fold(n)) for n in NEEDLES} == expected
