"""Which articles' titles hold a string, over all titles at once (ranking large match sets)."""

from __future__ import annotations

import pytest

from tui.archive.search.index import titles
from tui.archive.search.index.titles import Titles

FOLDED = ["习近平会见拜登", "trump tower", "川普\n与习近", "平安夜", "", "习近平"]


@pytest.mark.parametrize("how", ["each", "one pass", "one pass, then each"])
def test_titles_holding_a_string_as_each_title_would_say(monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    if how != "each":  # the pass over all titles joined, not a question per title
        monkeypatch.setattr(titles, "_PASS_FROM", 0)
    if how == "one pass, then each":  # a common string: after the first title found, each is asked
        monkeypatch.setattr(titles, "_STEP_COST", len(FOLDED) + 1)
    t = Titles(FOLDED)
    everyone = range(len(FOLDED))
    for needle in ["习近平", "习近", "平", "trump", "川普\n与", "近平安", "\n", "", "ump t", "拜登川普"]:
        assert t.holding(needle, everyone) == {i for i in everyone if needle in FOLDED[i]}, needle
    # a string across two titles (习近 + 平安夜) is in neither; only the articles asked about count
    assert t.holding("近平安", everyone) == set()
    assert t.holding("习近平", [1, 2, 5]) == {5}
