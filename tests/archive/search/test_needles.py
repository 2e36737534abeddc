"""`needles.articles_holding` (the index build's pass over every text for the archive's own
aliases) gives the same answer whether half of the texts is read in a forked process or not."""

from __future__ import annotations

import pytest

from tui.archive.search.index import needles
from tui.archive.search.text.fold import encode, fold

TEXTS = [encode(fold(t)) for t in (
    "岸田文雄（Fumio Kishida）与拜登会谈。", "The RAAF and the raa unit; 2+2 talks.", "俄罗斯外长拉夫罗夫。",
    "kishidas are not kishida.", "无关的天气", "邬凌霄与岸田", "Zorbian Quillfeather, Raa.",
)] * 3
NEEDLES = [fold(n) for n in ("岸田文雄", "岸田", "罗斯", "fumio kishida", "kishida", "raa", "2+2", "邬凌霄",
                             "zorbian quillfeather", "不存在")]


def test_the_forked_half_gives_the_same_articles(monkeypatch: pytest.MonkeyPatch) -> None:
    here = needles.articles_holding(NEEDLES, TEXTS.__getitem__, range(len(TEXTS)))
    monkeypatch.setattr(needles, "FORK_MIN", 2)
    forked = needles.articles_holding(NEEDLES, TEXTS.__getitem__, range(len(TEXTS)))
    assert forked == here
    found = {n: list(ids) for n, ids in zip(NEEDLES, here, strict=True)}
    assert found["kishida"] == [0, 3, 7, 10, 14, 17]  # `kishidas` alone would not count
    assert found["raa"] == [1, 6, 8, 13, 15, 20]  # not inside `raaf`
    assert found["邬凌霄"] == [5, 12, 19] and found["不存在"] == []
