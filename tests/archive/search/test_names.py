"""Names and agreements extracted from the seeds' own glosses."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.paths import ROOT

from tui.archive.search.engine import SearchIndex
from tui.archive.search.names import entities
from tui.archive.search.opening import build_index, load_archive

SEEDS = ROOT / "seeds"


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NEWSTUI_DATA_DIR", str(tmp_path_factory.mktemp("data")))
        yield build_index(load_archive([SEEDS]))


def entity(index: SearchIndex, alias: str) -> entities.Entity:
    found = [e for e in index.entities if alias in e.aliases]
    assert len(found) == 1, (alias, found)
    return found[0]


def files(index: SearchIndex, e: entities.Entity) -> set[str]:
    return {Path(index.archive.meta(i).path).name[:3] for i in e.articles}


@pytest.mark.parametrize(("alias", "kind", "aliases", "articles"), [
    ("Joe Biden", "person", {"乔·拜登", "乔拜登", "拜登"}, {"000", "001", "004"}),
    ("Fumio Kishida", "person", {"岸田文雄", "岸田"}, {"000", "001", "002", "004"}),
    ("Antony Blinken", "person", {"安东尼·布林肯", "布林肯"}, {"001", "002", "003"}),
    ("Lloyd Austin", "person", {"劳埃德·奥斯汀", "奥斯汀"}, {"001", "002", "003"}),
    ("Rahm Emanuel", "person", {"拉姆·伊曼纽尔", "伊曼纽尔"}, {"000", "003"}),
    ("Jake Sullivan", "person", {"杰克·沙利文", "沙利文"}, {"000"}),
    ("Kurt Campbell", "person", {"库尔特·坎贝尔", "坎贝尔"}, {"000"}),
    ("Yuki Tatsumi", "person", {"辰巳由纪", "辰巳"}, {"000"}),
    ("AUKUS", "agreement", {"奥库斯", "澳英美", "奥库斯协议"}, {"000", "004"}),
    ("RAA", "agreement", {"相互准入协议"}, {"001"}),
    ("PAC-3", "other", {"爱国者3"}, {"001"}),
    ("CSIS", "organisation", {"战略与国际研究中心", "Center for Strategic and International Studies"},
     {"000"}),
    ("Nippon Steel", "organisation", {"新日铁公司", "新日铁"}, {"000"}),
    ("Quad", "other", {"四方伙伴", "The Quad"}, {"001"}),
])
def test_entities(index: SearchIndex, alias: str, kind: str, aliases: set[str], articles: set[str]) -> None:
    e = entity(index, alias)
    assert e.kind == kind
    assert aliases <= set(e.aliases)
    assert files(index, e) == articles


def test_ambiguous_surname_goes_to_the_better_attested_person(index: SearchIndex) -> None:
    yuko = entity(index, "Yuko Kishida")
    assert "岸田" not in yuko.aliases and "Kishida" not in yuko.aliases
    assert files(index, yuko) == {"000"}


def test_no_guessed_or_junk_names(index: SearchIndex) -> None:
    every = {a for e in index.entities for a in e.aliases}
    assert "日拜登" not in every  # `4月10日拜登（Joe Biden）`: the date is not part of the name
    assert not any(len(a) < 2 for a in every)
    assert all(e.articles for e in index.entities)


def test_glosses_of_one_text() -> None:
    found = entities.glosses("美国总统乔·拜登（Joe Biden）会见日本首相岸田文雄（Fumio Kishida）。"
                          "日本和菲律宾签署了《相互准入协议》(RAA)。"
                          "图（OLIVIER DOULIERY/AFP via Getty Images）")
    by_latin = {g.latin[0]: g for g in found if g.latin}
    assert by_latin["Joe Biden"].zh[0] == "乔·拜登" and "拜登" in by_latin["Joe Biden"].short
    assert by_latin["Fumio Kishida"].zh[0] == "岸田文雄" and "岸田" in by_latin["Fumio Kishida"].short
    assert by_latin["RAA"].zh == ["相互准入协议"] and by_latin["RAA"].kind == "agreement"
    assert not any("Getty" in a for g in found for a in g.latin)


def test_cli_outputs(index: SearchIndex) -> None:
    data = json.loads(entities.entities_to_json(index.entities))
    assert {"key", "name", "kind", "aliases", "articles", "count"} <= set(data[0])
    assert data[0]["count"] >= data[-1]["count"]
    text = entities.format_entities(index.entities)
    assert "岸田文雄 · Fumio Kishida" in text


def test_find_names(index: SearchIndex) -> None:
    assert [e.name for e in index.find_names("bulinken")] == ["安东尼·布林肯"]
    assert {e.name for e in index.find_names("岸田")} == {"岸田文雄", "岸田裕子"}
    assert len(index.find_names("")) == len(index.entities)
