"""Query syntax: words, phrases, exclusions, filters."""

from __future__ import annotations

from datetime import date

import pytest
from support.paths import ROOT

from tui.archive.search.query.syntax import SYNTAX, Either, parse


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


# --- OR, date ranges, relative dates, order (issue 13) ------------------------------------------

TODAY = date(2024, 5, 31)


def test_or_binds_tighter_than_the_space_between_words() -> None:
    q = parse("aukus kishida OR blinken")
    assert q.words == ["aukus"]
    assert q.any_of == [Either(("kishida", "blinken"), (), last=True)]
    chain = parse('a OR "joint statement" OR c d')
    assert chain.words == ["d"] and chain.any_of == [Either(("a", "c"), ("joint statement",), last=False)]
    assert parse("a OR b c OR d").any_of == [Either(("a", "b")), Either(("c", "d"), last=True)]


def test_lowercase_or_is_a_word() -> None:
    assert parse("kishida or blinken").words == ["kishida", "or", "blinken"]


@pytest.mark.parametrize("text", ["OR kishida", "kishida OR", "kishida OR OR aukus", "kishida OR -trump",
                                  "kishida OR year:2024"])
def test_an_or_without_a_word_on_each_side_is_dropped_with_a_note(text: str) -> None:
    q = parse(text)
    assert "OR" not in q.words and not q.any_of and "kishida" in q.words
    assert len(q.notes) == 1 and "OR" in q.notes[0]


def test_or_alone_is_searched_for_and_or_between_sources_is_harmless() -> None:
    assert parse("OR").words == ["OR"] and parse("OR").notes == []
    q = parse("source:voa OR source:rfi")
    assert q.sources == ["voa", "rfi"] and q.notes == [] and not q.words


@pytest.mark.parametrize(("text", "after", "before"), [
    ("date:2024-01..2024-06", "2024-01", "2024-06"),
    ("date:..2024-06", "", "2024-06"),
    ("date:2024-03..", "2024-03", ""),
    ("date:2024-06..2024-01", "2024-01", "2024-06"),  # written backwards
    ("date:2024", "2024", "2024"),
    ("date:2024-3-9", "2024-03-09", "2024-03-09"),
    ("year:2020..2022", "2020", "2022"),
    ("after:30d", "2024-05-01", ""),
    ("after:2w", "2024-05-17", ""),
    ("after:6m", "2023-11-30", ""),  # 31 May - 6 months: the last day of November
    ("after:1y", "2023-05-31", ""),
    ("before:3m", "", "2024-02-29"),
    ("date:7d..today", "2024-05-24", "2024-05-31"),
    ("after:yesterday", "2024-05-30", ""),
    # the stricter bound wins, whatever the order and the granularity
    ("after:2024 after:2024-03 before:2024-06 before:2024", "2024-03", "2024-06"),
    ("date:2024-01..2024-06 after:2024-02-15", "2024-02-15", "2024-06"),
])
def test_date_ranges_and_relative_dates(text: str, after: str, before: str) -> None:
    q = parse(text, TODAY)
    assert (q.after, q.before, q.words, q.notes) == (after, before, [], [])


def test_relative_dates_count_from_the_day_of_the_query() -> None:
    assert parse("after:30d", date(2025, 1, 10)).after == "2024-12-11"
    assert parse("after:1m", date(2024, 3, 31)).after == "2024-02-29"


def test_a_range_accepts_by_month_and_day() -> None:
    q = parse("date:2024-01..2024-06")
    assert q.accepts("voa", "美国之音", "2024-06-30T23:00:00+00:00")
    assert q.accepts("voa", "美国之音", "2024-01-01")
    assert not q.accepts("voa", "美国之音", "2024-07-01")
    assert not q.accepts("voa", "美国之音", "2023-12-31")
    assert not q.accepts("voa", "美国之音", "")  # undated: not in any range
    assert parse("date:2024-03-03").accepts("rfi", "法广", "2024-03-03T08:00:00+01:00")


@pytest.mark.parametrize("text", ["after:soon", "date:2024-13", "date:2024-02-30", "date:..", "before:x..y",
                                  "after:99999y", "sort:newest", "year:20x4"])
def test_values_not_understood_are_searched_literally_with_a_note(text: str) -> None:
    q = parse(text, TODAY)
    assert q.words == [text] and not q.has_filters and q.sort == ""
    assert len(q.notes) == 1 and text.split(":")[0] + ":" in q.notes[0] and text in q.notes[0]


def test_sort_and_the_order_a_query_asks_for() -> None:
    assert parse("kishida sort:date").sort == "date"
    assert parse("kishida sort:Relevance").sort == "relevance"
    assert parse("kishida").order() == "relevance"
    assert parse("source:voa").order() == "date"  # filters alone: newest first
    assert parse("kishida").order("date") == "date"  # the caller's default
    assert parse("kishida sort:relevance").order("date") == "relevance"  # the query says
    assert not parse("sort:date").is_empty  # lists everything, newest first


def test_hostile_queries_never_raise() -> None:
    for text in ["date:" + "9" * 500, "after:" + "1" * 30 + "d", "OR " * 200, '"' * 99, "date:....",
                 "date:2024..2024..2025", "\x00 OR \x1b[31m", "sort:", "date:-1d", "after:0d"]:
        parse(text)


def test_the_search_docs_list_the_syntax_the_help_shows() -> None:
    docs = (ROOT / "docs" / "search.md").read_text("utf-8")
    start = docs.index("## The syntax")
    searching = docs[start: docs.index("\n## ", start + 1)]
    for example, _ in SYNTAX:  # what the help screen and `search --help` show
        first = example.split()[0]
        assert f"`{first}" in searching, first
    for form in ("`date:..2024-06`", "`after:2w`", "`after:6m`", "`after:1y`", "`sort:relevance`"):
        assert form in searching, form
    assert "aukus AND (kishida OR blinken)" in searching  # the precedence, said
