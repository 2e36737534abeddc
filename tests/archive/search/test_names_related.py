"""Who appears with whom: the names named in the same articles as one, more often than chance."""

from __future__ import annotations

import json

import pytest
from support.search import index_of
from support.search import made as _made

from tui.archive.search.names.entities import Entity
from tui.archive.search.names.related import CoMentions, both, related

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


def _entity(name: str, ids: range | list[int]) -> Entity:
    return Entity(name, name, "person", [name], [f"a{i}" for i in ids])


def test_ranked_by_surprise_not_by_count_nor_by_lift_alone() -> None:
    """In 100 articles: the commonest names are with everyone, so not related (however many
    articles they share with him); a pair named together often and more than by chance comes
    before one seen together twice."""
    entities = [
        _entity("主角", range(0, 20)),
        _entity("到处", range(0, 90)),  # in 18 of his 20, and in 90 of all 100: chance
        _entity("常见", range(0, 60)),  # in all 20 of his, but in 60 of 100: 1.7x, too common to tell
        _entity("搭档", range(0, 15)),  # 15 together, ~5x chance
        _entity("偶遇", [0, 1]),  # 2 together, 5x chance too
        _entity("路人", [50, 60, 70]),  # never with him
    ]
    found = CoMentions(entities, 100).of(entities[0])
    assert [(r.entity.name, r.together) for r in found] == [("搭档", 15), ("偶遇", 2)]
    assert found[0].score > found[1].score and round(found[0].lift, 1) == 5.0
    assert CoMentions(entities, 100).of(Entity("x", "x", "other", ["x"], [])) == []


def test_the_articles_naming_both_on_the_command_line(tmp_path_factory: pytest.TempPathFactory,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    from support.search import SEEDS

    from tui.cli import main

    monkeypatch.setenv("NEWSTUI_DATA_DIR", str(tmp_path_factory.mktemp("cli")))
    assert main(["names", str(SEEDS), "--related", "kishida", "--with", "biden"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "岸田文雄 + 乔·拜登: 3 articles" and len(out) == 4
    assert [line[:10] for line in out[1:]] == sorted((line[:10] for line in out[1:]), reverse=True)
    assert main(["names", str(SEEDS), "--related", "kishida", "--with", "biden", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 3
    assert main(["names", str(SEEDS), "--related", "kishida", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed[0]["name"] == "东京" and printed[0]["together"] == 4 and "Tokyo" in printed[0]["aliases"]
