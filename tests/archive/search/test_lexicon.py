"""The shipped tables: script folding from OpenCC, the pinyin table, and the name lexicon built from
CC-CEDICT (on a small sample in tests/lexicon_sample)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from support.paths import ROOT, TESTS

from tui.archive.search.names import lexicon
from tui.archive.search.text import pinyin, scripts
from tui.archive.search.text.fold import fold

TOOLS = ROOT / "tools"
SAMPLE = TESTS / "lexicon_sample"  # not fixtures/: those are articles


def _tool(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, TOOLS / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def test_traditional_and_variants_fold_to_simplified_with_the_same_length() -> None:
    for trad, simp in [("習近平", "习近平"), ("鍾南山", "钟南山"), ("華為", "华为"), ("臺灣", "台湾"),
                       ("台灣", "台湾"), ("裡", "里"), ("世界衞生組織", "世界卫生组织"),
                       ("ＡＵＫＵＳ", "aukus")]:
        assert fold(trad) == fold(simp) == simp.lower()
        assert len(fold(trad)) == len(trad)
    text = "美國總統川普（Donald Trump）與習近平"
    assert fold(fold(text)) == fold(text)  # folding twice changes nothing


def test_the_fold_table_is_opencc_one_to_one() -> None:
    pairs = scripts.script_pairs()
    assert all(len(k) == len(v) == 1 and k != v for k, v in pairs.items())
    assert not set(pairs.values()) & set(pairs)  # closed: a folded character folds no further
    build_tables = _tool("build_tables")
    pytest.importorskip("opencc")
    assert build_tables.fold_table() == pairs  # the shipped file is what OpenCC gives today


def test_the_pinyin_table_is_shipped_not_rebuilt() -> None:
    assert pinyin.table()["習"] == pinyin.table()["习"] == "xi"
    assert pinyin.to_pinyin("蔡英文", sep="") == "caiyingwen"
    assert "pypinyin" not in sys.modules  # read from tui/archive/search/data, not derived per process


@pytest.fixture(scope="module")
def built() -> dict[str, tuple[str, list[str], list[str]]]:
    tool = _tool("build_lexicon")
    rows = tool.build((SAMPLE / "cedict_sample.u8").read_text(encoding="utf-8").splitlines(),
                      (SAMPLE / "extra_sample.tsv").read_text(encoding="utf-8").splitlines())
    return {z: row for row in rows for z in row[1]}


def test_lexicon_keeps_proper_names_with_their_english_names(built: dict) -> None:
    assert built["蔡英文"][2] == ["Tsai Ing-wen"] and built["蔡英文"][0] == "person"
    assert built["世界卫生组织"][2] == ["World Health Organization", "WHO"]
    assert "Uighur" in built["维吾尔"][2]
    assert built["华为"][2] == ["Huawei"]
    assert "化为" not in built  # a common word (lower-case pinyin), not a name
    assert "日本人" not in built  # `Japanese person`: a description, no name given


def test_lexicon_joins_transliterations_through_their_english_name(built: dict) -> None:
    assert built["特朗普"] is built["川普"]  # `Donald Trump` and `(Tw) surname Trump`
    assert {"Trump", "Donald Trump"} <= set(built["川普"][2])
    assert built["蓬佩奥"] is built["庞培欧"]
    assert built["台湾"] is built["臺灣"] and built["俄罗斯"] is not built["罗斯"]


def test_lexicon_does_not_join_alternative_or_descriptive_names(built: dict) -> None:
    assert "中华" not in built  # `China (alternate formal name)`
    assert built["唐山"][2] == ["Tangshan"]  # not `China (a name for China used by …)`
    assert built["中国"] is not built["唐山"]


def test_the_shipped_lexicon_reads_back() -> None:
    entries = lexicon.entries()
    by_form = {z: e for e in entries for z in e.zh}
    assert by_form["習近平"] is by_form["习近平"] and "Xi Jinping" in by_form["习近平"].latin
    assert by_form["川普"] is by_form["特朗普"]
    notes = (Path(scripts.__file__).parent.parent / "data" / "LEXICON.md").read_text(encoding="utf-8")
    assert "CC BY-SA 4.0" in notes and "CC-CEDICT" in notes


def test_japanese_surnames_are_read_with_their_romaji_as_typed() -> None:
    tool = _tool("build_surnames")
    sys.path.insert(0, str(TOOLS))  # (it reads CC-CEDICT's lines as build_lexicon does)
    try:
        rows = tool.build((SAMPLE / "cedict_sample.u8").read_text(encoding="utf-8").splitlines())
    finally:
        sys.path.remove(str(TOOLS))
    by_form = {f: keys for forms, keys in rows for f in forms}
    assert by_form["田中"] == ["tanaka"]  # the surname's sense, not the Taiwanese town's
    assert by_form["伊藤"] == ["ito", "itoh"]  # `Itō or Itoh`, without the macron
    assert by_form["中岛"] == by_form["中島"] == ["nakajima", "nakashima"]
    assert "尖阁列岛" not in by_form  # "Japanese name for the Diaoyu Islands": no surname
    shipped = (Path(scripts.__file__).parent.parent / "data" / "surnames_ja.tsv").read_text(encoding="utf-8")
    assert "田中\ttanaka\n" in shipped
