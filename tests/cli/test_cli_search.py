"""`newstui search` and `newstui names` as a user runs them: separate processes, JSON and text."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from support.commands import newstui

HIT_FIELDS = {"id", "path", "title", "score", "snippet"}
KISHIDA = {"岸田", "岸田文雄", "Kishida", "Fumio Kishida"}


def _search(seeds_dir: Path, tmp_path: Path, *args: str) -> list[dict]:
    done = newstui("search", *args, seeds_dir, "--json", cwd=tmp_path)
    assert done.returncode == (0 if done.stdout.strip() != "[]" else 1), done.stderr
    return json.loads(done.stdout)


def test_search_json_finds_a_chinese_written_person_by_english_name(tmp_path: Path, seeds_dir: Path) -> None:
    hits = _search(seeds_dir, tmp_path, "kishida")
    assert hits and all(h.keys() >= HIT_FIELDS for h in hits)
    names = {Path(h["path"]).name[:3] for h in hits}
    assert names == {"000", "001", "002", "004"}  # 003 never names 岸田 / Kishida
    assert "岸田" in hits[0]["title"]  # the article about him comes first
    assert hits == sorted(hits, key=lambda h: -h["score"])
    for hit in hits:
        assert any(hit["snippet"][a:b] in KISHIDA for a, b in hit["spans"])


def test_search_limit_and_typo(tmp_path: Path, seeds_dir: Path) -> None:
    hits = _search(seeds_dir, tmp_path, "blinkn", "--limit", "1")
    assert len(hits) == 1 and Path(hits[0]["path"]).name.startswith("001_")
    assert _search(seeds_dir, tmp_path, "qwxzvbnm") == []


def test_search_text_output_brackets_the_match(tmp_path: Path, seeds_dir: Path) -> None:
    done = newstui("search", "aukus", seeds_dir, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "[AUKUS]" in done.stdout and "004_" in done.stdout


def test_search_rejects_a_bad_limit_in_one_line(tmp_path: Path, seeds_dir: Path) -> None:
    done = newstui("search", "x", seeds_dir, "--limit", "zero", cwd=tmp_path)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1


def test_names_json_lists_aliases_and_articles(tmp_path: Path, seeds_dir: Path) -> None:
    done = newstui("names", seeds_dir, "--json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    entities = json.loads(done.stdout)
    by_name = {alias: e for e in entities for alias in e["aliases"]}
    kishida = by_name["Fumio Kishida"]
    assert {"岸田文雄", "岸田"} <= set(kishida["aliases"]) and kishida["kind"] == "person"
    assert kishida["count"] == len(kishida["articles"]) == 4
    assert all(Path(a["path"]).is_file() and a["title"] for a in kishida["articles"])
    assert "AUKUS" in by_name and by_name["AUKUS"]["kind"] == "agreement"


def test_names_text_output(tmp_path: Path, seeds_dir: Path) -> None:
    done = newstui("names", seeds_dir, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "岸田文雄 · Fumio Kishida" in done.stdout


def test_no_match_exits_1_with_the_message_on_stderr(tmp_path: Path, seeds_dir: Path) -> None:
    done = newstui("search", "qwxzvbnm", seeds_dir, cwd=tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (1, "", "no matches\n")  # as grep and rg
    done = newstui("search", "qwxzvbnm", seeds_dir, "--json", cwd=tmp_path)
    assert (done.returncode, json.loads(done.stdout), done.stderr) == (1, [], "")
    found = newstui("search", "kishida", seeds_dir, cwd=tmp_path)
    assert found.returncode == 0 and found.stderr == "" and "岸田" in found.stdout


def test_a_query_of_exclusions_alone_lists_every_other_article_newest_first(tmp_path: Path,
                                                                           seeds_dir: Path) -> None:
    every = _search(seeds_dir, tmp_path, "sort:date", "--limit", "100")
    with_hk = {h["id"] for h in _search(seeds_dir, tmp_path, "香港", "--limit", "100")}
    expected = [h["id"] for h in every if h["id"] not in with_hk]
    assert with_hk and expected
    done = newstui("search", "--json", "--limit", "100", "--", "-香港", seeds_dir, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    hits = json.loads(done.stdout)
    assert [h["id"] for h in hits] == expected
    dates = [h["published"] for h in hits]
    assert dates == sorted(dates, reverse=True)
    text = newstui("search", "--", "-香港", seeds_dir, cwd=tmp_path)
    assert text.returncode == 0 and text.stdout.count(str(seeds_dir)) == len(expected)


def test_an_exclusion_without_dashdash_says_how(tmp_path: Path, seeds_dir: Path) -> None:
    done = newstui("search", "-香港", seeds_dir, cwd=tmp_path)
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "'--'" in done.stderr


def test_a_name_only_in_the_lead_images_caption_is_found(tmp_path: Path) -> None:
    archive = tmp_path / "news"
    archive.mkdir()
    (archive / "bbc.md").write_text(
        "<!--1594713470000-->\n[英中关系紧张](https://www.bbc.com/zhongwen/simp/world-1)\n------\n\n"
        '<div class="story-body__inner"><figure class="media-landscape has-caption full-width lead">'
        '<img src="https://ichef.bbci.co.uk/news/640/a.jpg"><figcaption class="media-caption">'
        '<span class="media-caption__text">习近平2015年访问英国。</span></figcaption></figure>'
        "<p>英国外交大臣拉布周一在议会表示，英国已经承诺采取措施。</p><p>他说，伦敦将继续关注事态发展。</p></div>\n",
        "utf-8")
    done = newstui("search", "习近平", archive, "--json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert [hit["title"] for hit in json.loads(done.stdout)] == ["英中关系紧张"]
    shown = newstui("show", archive / "bbc.md", cwd=tmp_path).stdout
    assert shown.count("习近平2015年访问英国") == 1  # the lead is shown once


def test_files_added_after_the_index_are_found_without_rewriting_it(tmp_path: Path, seeds_dir: Path,
                                                                     data_dir: Path) -> None:
    root = tmp_path / "news"
    shutil.copytree(seeds_dir, root)
    assert newstui("search", "Zorbian", str(root), "--json", cwd=tmp_path).returncode == 1  # built
    base = next((data_dir / "cache").glob("*.cache"))
    written = base.stat().st_mtime_ns
    extra = root / "new.md"
    extra.write_text("### 邬凌霄访问东京\n\n---\n\n<p>邬凌霄（Zorbian Quillfeather）今天抵达东京。</p>\n",
                     encoding="utf-8")
    for _ in range(2):  # parsing the new file alone, then from the base and the delta (quick.py)
        done = newstui("search", "Zorbian", str(root), "--json", cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        assert [h["path"] for h in json.loads(done.stdout)] == [str(extra)]
    assert base.stat().st_mtime_ns == written  # the base cache was not written again
    assert list((data_dir / "cache").glob("*.delta.cache"))
