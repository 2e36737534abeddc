"""The lookup benchmark's own arithmetic and ground truth, on a tiny archive: if the bench miscounts,
every figure it prints about newstui's search is wrong, so its pure parts are checked here (no real
archive, no real search)."""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path

import pytest
from support.paths import ROOT

BENCH = ROOT / "bench"
sys.path.insert(0, str(BENCH))

import lookup  # noqa: E402
from lookup_truth import (  # noqa: E402
    TableError,
    article_text,
    ground_truth,
    load_names,
    normalize,
    parse_names,
    raw_texts,
)

TABLE = textwrap.dedent("""
    [[entity]]
    key = "russia"
    kind = "place"
    aliases = ["俄罗斯", "俄羅斯", "Russia"]
    queries = { english = "russia", simplified = "俄罗斯", traditional = "俄羅斯", typo = "rusia" }

    [[entity]]
    key = "ross"
    kind = "person"
    aliases = ["罗斯"]
    exclude = ["俄罗斯", "白俄罗斯"]
    queries = { simplified = "罗斯", pinyin = ["luosi", "luo si"] }

    [[entity]]
    key = "who"
    kind = "organisation"
    aliases = ["世卫", "WHO", "World Health Organization"]
    exact_case = ["WHO"]
    queries = { english = "who" }
    trap = true
""")

ARTICLES = {
    "a.md": "### 俄罗斯出兵\n---\n<p>普京说……</p>",
    "b.md": "### 商务部长罗斯访华\n---\n<p>罗斯与<b>俄羅斯</b>无关。</p>",
    "c.md": "### Who knows\n---\n<p>who said it? Not the world health organization (WHO) but whoever.</p>",
    "d.md": "### 白俄罗斯\n---\n<p>ＲＵＳＳＩＡ&nbsp;Prussia 世\u200b卫</p>",
}


@pytest.fixture()
def archive(tmp_path: Path) -> Path:
    root = tmp_path / "archive"
    root.mkdir()
    for name, text in ARTICLES.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture()
def names(tmp_path: Path) -> Path:
    path = tmp_path / "names.toml"
    path.write_text(TABLE, encoding="utf-8")
    return path


def _truth(archive: Path, names: Path) -> dict[str, set[str]]:
    truth, n = ground_truth(load_names(names), raw_texts(archive))
    assert n == len(ARTICLES)
    return {k: {Path(p).name for p in v} for k, v in truth.items()}


def test_ground_truth_follows_aliases_exclusions_words_and_case(archive: Path, names: Path) -> None:
    truth = _truth(archive, names)
    # both scripts, and full-width Latin folded by NFKC; 'Prussia' is not a whole-word Russia
    assert truth["russia"] == {"a.md", "b.md", "d.md"}
    # 罗斯 inside 俄罗斯/白俄罗斯 is masked; b.md names Ross on his own as well
    assert truth["ross"] == {"b.md"}
    # 'who' and 'whoever' are not the acronym WHO; the spelled-out name counts in any case;
    # a zero-width space inside 世卫 does not hide it
    assert truth["who"] == {"c.md", "d.md"}


def test_exported_article_text_is_title_and_body_blocks() -> None:
    article = {"title": "岸田文雄访美",
               "body": [{"kind": "paragraph", "text": "Kishida said"}, {"kind": "image"}]}
    assert article_text(article) == "岸田文雄访美\nKishida said\n"
    assert normalize("Ｋｉｓｈｉｄａ\u200b") == "Kishida"


def test_queries_per_form_keep_the_table_order(names: Path) -> None:
    ross = {e.key: e for e in load_names(names)}["ross"]
    assert ross.queries == [("simplified", "罗斯"), ("pinyin", "luosi"), ("pinyin", "luo si")]


@pytest.mark.parametrize("row, problem", [
    ({"kind": "person", "aliases": ["x"], "queries": {"english": "x"}}, "key"),
    ({"key": "x", "kind": "planet", "aliases": ["x"], "queries": {"english": "x"}}, "kind"),
    ({"key": "x", "aliases": [], "queries": {"english": "x"}}, "alias"),
    ({"key": "x", "aliases": ["x"], "queries": {}}, "query"),
    ({"key": "x", "aliases": ["x", ""], "queries": {"english": "x"}}, "aliases"),
])
def test_a_broken_table_says_what_is_wrong(row: dict, problem: str) -> None:
    with pytest.raises(TableError, match=problem):
        parse_names([row])


def test_recall_and_precision() -> None:
    truth = {"a", "b", "c", "d"}
    assert lookup.score(truth, ["a", "b", "x"]) == (2, 0.5, 2 / 3)
    assert lookup.score(truth, ["a", "a", "b", "c", "d"]) == (4, 1.0, 1.0)  # a path twice counts once
    assert lookup.score(truth, []) == (0, 0.0, None)  # nothing returned: precision undefined
    assert lookup.mean([1.0, None, 0.5]) == 0.75


def test_whole_run_through_a_stand_in_newstui(archive: Path, names: Path, tmp_path: Path) -> None:
    """main() end to end, newstui replaced by a script: export gives the files' text, search answers
    every query with a.md and c.md. The printed table, the means and the JSON must agree with that."""
    fake = tmp_path / "fake_newstui.py"
    fake.write_text(textwrap.dedent(f"""
        import json, sys
        from pathlib import Path
        root = Path({str(archive)!r})
        if sys.argv[1] == "export":
            for p in sorted(root.iterdir()):
                title, _, body = p.read_text(encoding="utf-8").partition("\\n")
                block = {{"kind": "paragraph", "text": body}}
                print(json.dumps({{"path": str(p), "title": title, "body": [block]}}))
        else:
            hits = [{{"path": str(root / n), "title": n, "snippet": ""}} for n in ("a.md", "c.md")]
            print(json.dumps(hits))
    """), encoding="utf-8")
    out = tmp_path / "out.json"
    assert lookup.main(["--archive", str(archive), "--names", str(names), "--out", str(out),
                        "--newstui", f"{sys.executable} {fake}"]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    rows = {(r["entity"], r["query"]): r for r in data["results"]}
    assert len(rows) == 4 + 3 + 1
    russia = rows[("russia", "russia")]
    assert (russia["truth"], russia["hits"], russia["true_hits"]) == (3, 2, 1)
    assert russia["recall"] == pytest.approx(1 / 3) and russia["precision"] == pytest.approx(0.5)
    assert rows[("who", "who")]["recall"] == 0.5 and rows[("ross", "罗斯")]["recall"] == 0.0
    # a trap's wrong hits in its top 10 are counted (a.md does not name the WHO), others' are not
    assert rows[("who", "who")]["wrong_top10"] == 1 and russia["wrong_top10"] is None
    assert data["summary"]["met"] == {"mean_recall": False, "mean_precision": False, "min_recall": False,
                                      "traps": False}


def test_the_shipped_table_meets_the_issue() -> None:
    """At least 40 entities of every kind typed at least four distinct ways (with a typo), every
    entity typed in Latin letters or Chinese, and at least 10 traps (names that are common words)."""
    entities = load_names(BENCH / "lookup_names.toml")
    full = [e for e in entities if len({q for _, q in e.queries}) >= 4
            and {"english", "simplified", "typo"} <= {f for f, _ in e.queries}]
    assert len(full) >= 40
    assert {e.kind for e in full} >= {"person", "place", "organisation", "agreement"}
    for e in entities:
        assert {"english", "acronym", "simplified"} & {f for f, _ in e.queries}, e.key
    assert sum(e.trap for e in entities) >= 10
