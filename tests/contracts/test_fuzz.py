"""Property-based tests: whatever bytes or text a file holds, every parser gives an Article or a
Rejection, never an exception, and no article text holds a control character.

Random text alone rarely gets past a shape's header, so most strategies build plausible files
(a real header of each shape, then random HTML made of tags, attributes, entities, CJK text,
markup and escape sequences) to reach the body parser, the date and source rules and `finish`.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.archive.model import Article, Block, Rejection
from tui.archive.read.decode import DecodeError, decode
from tui.archive.read.html import body_blocks
from tui.archive.read.parse import parse_bytes
from tui.archive.read.shapes import SHAPES
from tui.archive.read.text import clean_line, clean_text, clean_url, strip_controls
from tui.archive.search import opening

#: NEWSTUI_FUZZ_EXAMPLES=2000 for a long hunt; the default keeps the suite quick.
EXAMPLES = int(os.environ.get("NEWSTUI_FUZZ_EXAMPLES", "100"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FEW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: C0 and C1 controls and DEL; LF is allowed only where a block keeps a line break.
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
_CONTROL_OR_LF = re.compile("[\x00-\x1f\x7f-\x9f]")

_SWALLOWED = re.compile(r"(?:cannot parse|parser error): \w+:")

HOSTILE_PIECES = ["\x1b]0;pwned\x07", "\x1b[2J", "\x1b]52;c;AAAA\x07", "\x08", "\x00", "\x9b31m",
                  "[bold red]x[/]", "[@click=app.quit]", "\r", "\r\n", "\u202e", "\u200b", "\xa0",
                  "&nbsp;", "&amp;lt;", "&#27;", "&#x1b;", "&#0;", "&#x9b;", "\ufeff", "\udcff"]
WORDS = ["岸田文雄", "拜登", "美国之音", "【大纪元2022年01月11日讯】", "白宫 —", "Kishida", "2024年4月10日",
         "原文链接：", "https://www.voachinese.com/a/x.html", "获取更多RSS", "Array", "。", " ", "\n"]
TAGS = ["p", "div", "span", "b", "strong", "a", "img", "br", "h2", "blockquote", "li", "ul", "figure",
        "figcaption", "small", "script", "style", "table", "td", "article", "html", "body", "nav"]
ATTRS = ['href="https://example.org/a"', 'href="javascript:alert(1)"', 'src="//example.org/i.jpg"',
         'class="caption"', 'class="share"', 'style="display:none"', 'width="0"', 'id="js_content"',
         'href="\x1b[2Jhttps://x.org"', 'data-src="https://images.weserv.nl/?url=a.b/c.jpg"']

pieces = st.one_of(st.sampled_from(HOSTILE_PIECES), st.sampled_from(WORDS), st.text(max_size=12))


@st.composite
def html(draw: st.DrawFn, depth: int = 0) -> str:
    """A random HTML fragment: nested, often unbalanced, full of odd text."""
    out = []
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.integers(0, 3))
        if kind == 0 or depth > 4:
            out.append(draw(pieces))
        else:
            tag = draw(st.sampled_from(TAGS))
            attrs = " ".join(draw(st.lists(st.sampled_from(ATTRS), max_size=2)))
            inner = draw(html(depth + 1))
            close = draw(st.sampled_from([f"</{tag}>", "", f"</{tag}"]))
            out.append(f"<{tag} {attrs}>{inner}{close}")
    return "".join(out)


line = st.lists(pieces, max_size=5).map("".join)


@st.composite
def archive_file(draw: st.DrawFn) -> str:
    """A file of one of the known shapes, with random fields and a random HTML body."""
    title, url, body = draw(line), draw(st.one_of(line, st.sampled_from(WORDS))), draw(html())
    shape = draw(st.sampled_from(["feed", "mirror", "frontmatter", "savedpage", "htmlpage", "markdown"]))
    date = draw(st.sampled_from(["Wed, 10 Apr 2024 01:54:23 GMT", "07/01/2022 - 13:38", "2020年 7月 20日",
                                 "", "AUTHOR<br>2020-07-20 17:51:00", "日期：x", "99/99/9999"]))
    if shape == "feed":
        stamp = draw(st.sampled_from(["<!--1712714343000-->\n", "<!--NaN-->\n", "",
                                      "<!--99999999999999999-->\n"]))
        return f"{stamp}[{title}]({url})\n------\n\n<div><i>{date}</i></div>{body}\n"
    if shape == "mirror":
        return f"### {title}\n\n---\n\n{body}\n原文链接：{url}\n"
    if shape == "frontmatter":
        return f'---\ntitle: "{title}"\ndate: {date}\nfrom: {url}\n---\n{body}\n'
    if shape == "savedpage":
        return f'<!-- {{"url": "{url}", "title": "{title}"}} -->\n<html><body>{body}</body></html>'
    if shape == "htmlpage":
        return (f'<html><head><title>{title}</title><meta property="og:url" content="{url}">'
                f'<meta property="article:published_time" content="{date}"></head><body>{body}</body></html>')
    return f"# {title}\n\n{body}\n\n[link]({url})\n"


def check_result(result: object) -> None:
    assert isinstance(result, Article | Rejection), result
    if isinstance(result, Rejection):
        assert result.reason and "\n" not in result.reason
        assert not _SWALLOWED.match(result.reason), result.reason  # a parser bug, caught late
        return
    for text in (result.title, result.url, result.author, result.source, result.source_name,
                 result.published, result.archived):
        assert not _CONTROL_OR_LF.search(text), repr(text)
    assert result.title
    if result.image is not None:
        assert not _CONTROL_OR_LF.search(result.image.url + result.image.caption)
    for block in result.body:
        check_block(block)


def check_block(block: Block) -> None:
    assert not _CONTROL.search(block.text), repr(block.text)
    assert "\x1b" not in block.url and not _CONTROL_OR_LF.search(block.url), repr(block.url)
    for link in block.links:
        assert not _CONTROL_OR_LF.search(link.text + link.url), repr(link)


@FUZZ
@given(st.binary(max_size=4000))
def test_any_bytes_give_an_article_or_a_reason(data: bytes) -> None:
    check_result(parse_bytes(data, "/fuzz/x.md"))


@FUZZ
@given(st.text(max_size=3000))
def test_any_text_gives_an_article_or_a_reason(text: str) -> None:
    check_result(parse_bytes(text.encode("utf-8", "surrogatepass"), "/fuzz/x.md"))


@FUZZ
@given(archive_file(), st.sampled_from(["utf-8", "utf-16", "gb18030", "utf-8-sig"]))
def test_plausible_files_in_any_encoding(text: str, encoding: str) -> None:
    data = text.encode(encoding, "replace")
    check_result(parse_bytes(data, "/fuzz/x.md"))


@FUZZ
@given(st.one_of(archive_file(), st.text(max_size=2000)), st.sampled_from(SHAPES))
def test_every_shape_parser_takes_any_text(text: str, shape) -> None:  # type: ignore[no-untyped-def]
    """Each shape's own parse, called even where its sniff would say no."""
    shape.sniff(text)
    check_result(shape.parse(text, "/fuzz/x.md"))


@FUZZ
@given(st.binary(max_size=3000))
def test_decode_gives_text_or_a_reason(data: bytes) -> None:
    try:
        text, encoding = decode(data)
    except DecodeError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert isinstance(text, str) and encoding


@FUZZ
@given(st.one_of(html(), st.text(max_size=2000)), st.sampled_from(["", "https://example.org/a/b", "x"]))
def test_body_blocks_never_raise_nor_keep_controls(fragment: str, base: str) -> None:
    body = body_blocks(fragment, base)
    for block in body.blocks:
        check_block(block)
    if body.image is not None:
        assert not _CONTROL_OR_LF.search(body.image.url + body.image.caption)


@FUZZ
@given(st.text(max_size=500))
def test_text_cleaners_remove_every_control(text: str) -> None:
    assert not _CONTROL_OR_LF.search(clean_line(text))
    assert not _CONTROL.search(clean_text(text))
    assert not _CONTROL_OR_LF.search(clean_url(text))
    assert "\x1b" not in strip_controls(text) and "\x00" not in strip_controls(text)


@FEW
@given(st.lists(st.one_of(st.binary(max_size=600),
                          archive_file().map(lambda t: t.encode("utf-8", "replace"))),
                min_size=1, max_size=8))
def test_the_loader_accounts_for_every_file(files: list[bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "archive"
        data = Path(tmp) / "data"
        for i, content in enumerate(files):
            (root / f"d{i % 3}").mkdir(parents=True, exist_ok=True)
            (root / f"d{i % 3}" / f"{i}.md").write_bytes(content)
        cold = opening.load([root], data_dir=data)
        warm = opening.load([root], data_dir=data)
        for result in (cold, warm):
            archive = result.archive
            assert len(archive) + len(archive.rejections) == len(files)
            for meta in archive.articles:
                check_result(archive.get(meta.id))
            for rejection in archive.rejections:
                check_result(rejection)
        assert warm.parsed == 0 and warm.notices == []
        assert [warm.archive.get(a.id) for a in warm.archive.articles] == \
            [cold.archive.get(a.id) for a in cold.archive.articles]
