"""Query syntax: words, phrases, exclusions, filters."""

from __future__ import annotations

from tui.archive.search.query import parse


def test_words_phrases_exclusions() -> None:
    q = parse('kishida "joint statement" -trump -"white house" 岸田')
    assert q.words == ["kishida", "岸田"]
    assert q.phrases == ["joint statement"]
    assert q.exclude == ["trump"] and q.exclude_phrases == ["white house"]


def test_chinese_quotes_are_phrases() -> None:
    assert parse("“第二支柱”").phrases == ["第二支柱"]


def test_filters() -> None:
    q = parse("source:VOA year:2024 after:2024-4 before:2024/06/30 biden")
    assert (q.sources, q.years, q.after, q.before, q.words) == (["voa"], ["2024"], "2024-04", "2024-06-30",
                                                                ["biden"])
    assert q.accepts("voa", "美国之音", "2024-04-10T01:54:23+00:00")
    assert not q.accepts("voa", "美国之音", "2024-03-31")
    assert not q.accepts("rfi", "法广", "2024-04-10")
    assert not q.accepts("voa", "美国之音", "")


def test_source_matches_display_name() -> None:
    assert parse("source:法广").accepts("rfi", "法广", "")


def test_not_filters_stay_words() -> None:
    q = parse("2+2 year:soon http://x pac-3 -")
    assert q.words == ["2+2", "year:soon", "http://x", "pac-3"]
    assert not q.has_filters


def test_empty() -> None:
    assert parse("   ").is_empty and parse('""').is_empty
    assert not parse("year:2024").is_empty
