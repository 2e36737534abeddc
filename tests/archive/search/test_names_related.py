"""Who appears with whom: the names named in the same articles as one, more often than chance."""

from __future__ import annotations

import pytest
from support.search import index_of
from support.search import made as _made

from tui.archive.search.names.related import both, related

ARTICLES = [
    *(_made(f"pair-{i}", f"会谈{i}",
            f"中国表示关注。岸田文雄（Fumio Kishida）与布林肯（Antony Blinken）会谈{i}。") for i in range(4)),
    _made("alone", "首相", "中国表示关注。岸田文雄周一出访。"),
    *(_made(f"china-{i}", f"新闻{i}", f"中国经济第{i}季度增长。") for i in range(12)),
]


def test_the_names_most_often_together_more_than_by_chance(tmp_path_factory: pytest.TempPathFactory) -> None:
    index = index_of(ARTICLES, tmp_path_factory.mktemp("data"))
    kishida = next(e for e, ent in enumerate(index.entities) if "Fumio Kishida" in ent.aliases)
    found = related(index.entities, kishida, len(ARTICLES))
    names = [r.entity.name for r in found]
    assert names[:1] == ["布林肯"] and found[0].together == 4
    assert "中国" not in names  # in every article of his, but in every other too: chance
    blinken = found[0].entity
    assert sorted(both(index.entities[kishida], blinken)) == [f"pair-{i}" for i in range(4)]


def test_names_related_on_the_command_line(tmp_path_factory: pytest.TempPathFactory,
                                           monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    from support.search import SEEDS

    from tui.cli import main

    monkeypatch.setenv("NEWSTUI_DATA_DIR", str(tmp_path_factory.mktemp("cli")))
    assert main(["names", str(SEEDS), "--related", "kishida"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("named with 岸田文雄") and "Tokyo" in out
    assert main(["names", str(SEEDS), "--related", "kishida", "--with", "blinken"]) == 0
    assert "布林肯抵达日本" in capsys.readouterr().out  # the articles naming both
    assert main(["names", str(SEEDS), "--related", "nobody at all"]) == 1
