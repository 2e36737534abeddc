"""Pinyin from the one-character table, and matching a run of pinyin against Chinese strings."""

from __future__ import annotations

from tui.archive.search.text.pinyin import PinyinIndex, looks_like_pinyin, to_pinyin


def test_to_pinyin() -> None:
    assert to_pinyin("安东尼·布林肯") == "an dong ni bu lin ken"
    assert to_pinyin("岸田文雄", sep="") == "antianwenxiong"
    assert to_pinyin("绿") == "lv"
    assert to_pinyin("Joe") == ""


def test_find_with_and_without_spaces() -> None:
    idx = PinyinIndex(["安倍晋三遇刺", "安东尼·布林肯", "起先"])
    assert idx.find("anbei") == [(0, "安倍")]
    assert idx.find("an bei jin san") == [(0, "安倍晋三")]
    assert idx.find("andongnibulinken") == [(1, "安东尼·布林肯")]
    assert idx.find("bulinken") == [(1, "布林肯")]


def test_syllables_must_align() -> None:
    idx = PinyinIndex(["起先", "西安"])
    assert idx.find("xian") == [(1, "西安")]  # xi-an; 先 alone is one syllable: not enough
    assert idx.find("qixian") == [(0, "起先")]
    assert idx.find("ixian") == []  # must start on a syllable


def test_prefix_while_typing() -> None:
    idx = PinyinIndex(["安东尼·布林肯"])
    assert idx.find("bulink", prefix_ok=True) == [(0, "布林肯")]
    assert idx.find("bulink") == []


def test_looks_like_pinyin() -> None:
    assert looks_like_pinyin("an bei") and not looks_like_pinyin("2+2") and not looks_like_pinyin("岸田")


def test_typing_on_finds_what_a_fresh_index_finds() -> None:
    """find keeps the places of the query before and checks only those for a longer one (typing
    on); going back, changing a letter, or a find cut short by its limit must not mislead it."""
    texts = ["习近平会见拜登", "习近平谈话", "西江河畔", "习惯", "安倍晋三遇刺", "安倍", "安倍晋", "西进"]
    typed = ["xij", "xiji", "xijin", "xijinp", "xijinping", "xiji", "xijia", "xij", "xiji",
             "anb", "anbe", "anbei", "anbeij", "anbeijin", "anbeijinsan"]
    idx = PinyinIndex(texts)
    for q in typed:
        assert idx.find(q, prefix_ok=True) == PinyinIndex(texts).find(q, prefix_ok=True), q
        assert idx.find(q) == PinyinIndex(texts).find(q), q
    idx.find("anbei", limit=1)  # cut short: its places are not all of them
    assert idx.find("anbeij", prefix_ok=True) == PinyinIndex(texts).find("anbeij", prefix_ok=True) == [
        (4, "安倍晋"), (6, "安倍晋")]
