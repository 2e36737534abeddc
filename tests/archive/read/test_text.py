"""Text normalisation: what a reader would notice on screen."""

from __future__ import annotations

import pytest

from tui.archive.read.text import clean_line, clean_text, strip_controls


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\x1b[31m红色\x1b[0m标题", "红色标题"),  # CSI colour codes
        ("\x1b]0;evil title\x07正文", "正文"),  # OSC terminated by BEL
        ("\x1b]8;;http://x\x1b\\链接\x1b]8;;\x1b\\", "链接"),  # OSC 8 hyperlink, ST-terminated
        ("a\x1bcb", "ab"),  # two-byte escape (RIS)
        ("尾巴\x1b", "尾巴"),  # bare ESC
        ("a\x00b\x07c\x80d\x85e", "abcde"),  # C0 and C1 controls
        ("\x9b31m红\x9b0m", "红"),  # C1 CSI
        ("岸\u200b田\u200d文\ufeff雄\u2060", "岸田文雄"),  # zero-width characters
        ("abc\u202edef\u2066", "abcdef"),  # bidi overrides
    ],
)
def test_escapes_controls_and_invisibles_are_removed(raw: str, expected: str) -> None:
    assert clean_line(raw) == expected


def test_spaces_become_single_ascii_spaces() -> None:
    assert clean_line("\u3000\u3000美国\xa0\xa0总统  Joe\tBiden\u2003 ") == "美国 总统 Joe Biden"


def test_prettifier_staircase_is_flattened() -> None:
    # soundofhope mirror: <ok href> pieces each on their own indented line
    raw = "凸显中共\n  \n   半导体\n  \n  产业的短板。\n  \n   习近平\n  \n  拟在"
    assert clean_line(raw) == "凸显中共半导体产业的短板。习近平拟在"
    assert clean_line("芯片\n  （\n   晶片\n  ）的大跃进") == "芯片（晶片）的大跃进"


def test_staircase_between_latin_words_keeps_one_space() -> None:
    assert clean_line("根据市场研究公司IC\n   Insights\n  调查") == "根据市场研究公司IC Insights 调查"
    assert clean_line("Joe\n    Biden") == "Joe Biden"


def test_spaces_typed_between_chinese_words_are_kept() -> None:
    # RFA credits and headlines use spaces as separators: they are not staircase
    assert clean_line("记者：陈品洁   责编：申铧   网编：洪伟") == "记者：陈品洁 责编：申铧 网编：洪伟"
    assert clean_line("上汽放弃收购神州租车股权 因未就交割先决条件达成一致") == (
        "上汽放弃收购神州租车股权 因未就交割先决条件达成一致")


def test_markup_looking_text_is_data() -> None:
    assert clean_line("[bold]x[/] <b>y</b>") == "[bold]x[/] <b>y</b>"


def test_clean_text_keeps_paragraph_breaks_only() -> None:
    raw = "第一段\r\n  接着\r\n\r\n第二段\rline\n\n\n\n  \n第三段"
    assert clean_text(raw) == "第一段接着\n\n第二段 line\n\n第三段"


def test_clean_text_output_has_no_cr_or_controls() -> None:
    out = clean_text("a\r\nb\x1b[2Jc\x00\r\n\r\nd\u200b")
    assert "\r" not in out and "\x1b" not in out and "\x00" not in out and "\u200b" not in out
    assert out == "a bc\n\nd"


def test_strip_controls_keeps_line_structure() -> None:
    assert strip_controls("a\x1b[1m\nb\tc\x00") == "a\nb\tc"
    assert strip_controls("plain 中文") == "plain 中文"


def test_saved_file_names_hold_letters_digits_and_hyphens_only() -> None:
    from tui.archive.export import file_name
    from tui.archive.model import Article

    def named(title: str, published: str = "2023-05-15") -> str:
        return file_name(Article(id="x", path="/a", shape="feed", source="s", source_name="S", title=title,
                                 url="", published=published))

    assert named("‘Beijing’s Global Media Offensive’") == "2023-05-15-Beijings-Global-Media-Offensive.md"
    assert named("习近平：「我们」（图）《人民日报》") == "2023-05-15-习近平-我们-图-人民日报.md"
    assert named("ＡＢＣ１２３ / x:y*z?", "") == "ABC123-x-y-z.md"  # full-width letters read as ASCII
    assert named("“”…", "") == "article.md"
    assert named("美日2+2会谈 v2.0", "") == "美日2+2会谈-v2.0.md"
