"""What `newstui show`, the pager (`p`), the copy (`c`) and saved files say of an article: text
wrapped with CJK line-breaking rules, Markdown structure (headings, nested lists, tables), and an
approximate date said as `≈ date` everywhere."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from support.commands import newstui
from support.paths import FIXTURES

from tui.archive.export import to_markdown, to_text
from tui.archive.linebreak import NO_START, cell_len, wrap_plain
from tui.archive.model import Article, Block

FT = FIXTURES / "NodeBE4__oped2/history-2020/articles/金融时报/1048149_当建筑与艺术联姻.md"

_CJK = st.sampled_from("中国北京香港台湾政府经济会议表示记者")
_CLOSE = st.sampled_from("，。、）」』》！？：；")
_WORD = st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=10)
#: A run of CJK characters, a Latin word between spaces, or one closing mark after a character.
_PIECE = st.one_of(st.lists(_CJK, min_size=1, max_size=6).map("".join), _WORD.map(lambda w: f" {w} "),
                   st.tuples(_CJK, _CLOSE).map("".join))


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECE, min_size=1, max_size=60).map("".join), st.integers(16, 100))
def test_wrapped_text_keeps_kinsoku_words_and_width(text: str, width: int) -> None:
    lines = wrap_plain(text, width)
    assert all(cell_len(line) <= width for line in lines)
    assert not any(line[:1] in NO_START for line in lines[1:])  # no line starts with `，。）`...
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")  # nothing lost, nothing added
    words = {w for w in text.split() if w.isascii()}
    assert words <= {w for line in lines for w in line.split()}  # no Latin word split


def _article(**fields: object) -> Article:
    body = (Block("heading", "小标题"),
            Block("paragraph", "美国总统拜登（Joe Biden）周三表示，" * 6),
            Block("list", "第一层"), Block("list", "第二层", depth=1), Block("list", "回到第一层"),
            Block("table", "城市 | 人口\n北京 | 2189万\n香港|九龙 | 750万",
                  rows=(("城市", "人口"), ("北京", "2189万"), ("香港|九龙", "750万"))))
    base = dict(id="x", path="/a/x.md", shape="hand", source="ft", source_name="金融时报", title="标题",
                url="https://example.org/x", published="2020-07-20", body=body)
    return Article(**{**base, **fields})  # type: ignore[arg-type]


def test_text_has_markdown_structure_and_wraps_at_the_width() -> None:
    text = to_text(_article(), width=40)
    assert "\n\n## 小标题\n\n" in text
    assert "\n- 第一层\n  - 第二层\n- 回到第一层\n" in text  # one list, nested by indentation
    table = ["| 城市       | 人口   |", "| ---------- | ------ |",
             "| 北京       | 2189万 |", "| 香港\\|九龙 | 750万  |"]
    assert "\n".join(table) in text  # lined up: CJK counts two cells
    body = text.split("\n\n", 2)[2]
    assert all(cell_len(line) <= 40 for line in body.splitlines())
    assert "Joe\nBiden" in text or "Joe Biden" in text  # a break between the words, never inside


def test_saved_markdown_keeps_paragraphs_whole_and_tables_as_tables() -> None:
    markdown = to_markdown(_article())
    assert "美国总统拜登（Joe Biden）周三表示，" * 6 in markdown  # a renderer reflows paragraphs
    assert "\n- 第一层\n  - 第二层\n- 回到第一层\n" in markdown
    assert "| 香港\\|九龙 | 750万  |" in markdown and "## 小标题" in markdown


def test_an_approximate_date_is_said_with_a_tilde_not_undated() -> None:
    approx = _article(published="", archived="2020-07-01T08:00:00+00:00", date_approx=True)
    assert to_text(approx).splitlines()[1] == "金融时报 (ft) · ≈ 2020-07-01"
    assert to_markdown(approx).splitlines()[2] == "金融时报 · ≈ 2020-07-01"
    assert approx.to_dict()["date"] == "2020-07-01" and approx.to_dict()["published"] == ""


def test_cli_says_approximate_dates_in_show_search_and_json(tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    shutil.copy(FT, folder / FT.name)
    shown = newstui("show", folder / FT.name, cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    facts = shown.stdout.splitlines()[1]
    assert "≈ 20" in facts
    day = facts.split("≈ ")[1][:10]
    as_json = json.loads(newstui("show", folder / FT.name, "--json", cwd=tmp_path).stdout)
    assert (as_json["published"], as_json["date"], as_json["date_approx"]) == ("", day, True)
    markdown = newstui("show", folder / FT.name, "--format", "markdown", cwd=tmp_path).stdout
    assert f"≈ {day}" in markdown.splitlines()[2]
    found = newstui("search", "建筑", folder, cwd=tmp_path)
    assert found.returncode == 0, found.stderr
    assert f"≈ {day}" in found.stdout and "undated" not in found.stdout
    hits = json.loads(newstui("search", "建筑", folder, "--json", cwd=tmp_path).stdout)
    assert (hits[0]["published"], hits[0]["date"], hits[0]["date_approx"]) == ("", day, True)
    exported = [json.loads(line) for line in newstui("export", folder, cwd=tmp_path).stdout.splitlines()]
    assert (exported[0]["date"], exported[0]["date_approx"]) == (day, True)


def test_show_wraps_to_80_columns_when_not_a_terminal(tmp_path: Path) -> None:
    shown = newstui("show", FT, cwd=tmp_path)
    lines = shown.stdout.splitlines()
    assert lines[2].startswith("http")
    words = [line for line in lines[3:] if "<http" not in line]  # addresses stay whole, to be copied
    assert max(cell_len(line) for line in words) <= 80 and max(cell_len(line) for line in words) >= 76
    assert not any(line[:1] in NO_START for line in lines)
