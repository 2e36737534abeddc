"""The two tree builders of `body_blocks` agree: lxml's tree (the bulk path) and BeautifulSoup's
(the fallback where lxml gives up) give the same article for every real file and tricky snippet."""

from __future__ import annotations

import pytest
from support.paths import ROOT

from tui.archive.read import html as htmlmod
from tui.archive.read.html import body_blocks
from tui.archive.read.parse import parse_file

ROOT = ROOT
REAL_FILES = sorted(
    p for d in (ROOT / "tests" / "fixtures", ROOT / "seeds") for p in d.rglob("*") if p.is_file()
)

SNIPPETS = [
    "<p>甲</p>\n   \n<p>乙</p>",
    "<p>中文<b>粗</b>  \n  <b>体</b>文字</p>",
    "<p>中文<b>粗</b>&#13;<b>体</b></p>",  # a whitespace-only string holding a CR entity
    "<p>a<b>x</b>\t\t<b>y</b></p>",
    "<pre>  保留\n  <b>空白</b>  \n </pre><p>之后</p>",
    "<p>前<!-- 注释 -->后</p><!-- 尾 -->",
    "<div class='\tshare\n bar '>分享</div><div class=' caption '>说明</div><p>正文</p>",
    "<html><body><article><script>var x = 1;</script></article><main><p>主体正文</p></main></body></html>",
    "<html><body><article><ruby><rt>zhù</rt></ruby></article><div id='storytext'>故事</div></body></html>",
    "<html><body><div class='story-body x'><p>正文一</p></div><article><p>正文二</p></article></body></html>",
    "<html><body><div itemprop='articleBody'><p>属性</p></div></body></html>",
    "<p>一<br>二<br><br>三</p><hr><p><img src='https://a.example/x.jpg'>图注</p>",
    "<p><a href='https://facebook.com/sharer/x'>分享</a><a href='/rel'>相对链接</a></p>",
    "<?php echo 1; ?><p>处理指令之后</p>",
    "<![CDATA[x]]><p>CDATA 之后</p>",
    "<!-- 只有注释 -->",
    "<textarea>  </textarea><p>x</p>",
]


def _soup_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(htmlmod, "_lxml_tree", lambda source: None)


def test_real_files_parse_the_same_with_either_tree(monkeypatch: pytest.MonkeyPatch) -> None:
    assert len(REAL_FILES) > 50
    fast = [parse_file(p) for p in REAL_FILES]
    _soup_only(monkeypatch)
    for path, article in zip(REAL_FILES, fast, strict=True):
        assert parse_file(path) == article, path


@pytest.mark.parametrize("snippet", SNIPPETS)
def test_tricky_snippets_give_the_same_blocks(monkeypatch: pytest.MonkeyPatch, snippet: str) -> None:
    fast = body_blocks(snippet, "https://example.org/a/")
    _soup_only(monkeypatch)
    assert body_blocks(snippet, "https://example.org/a/") == fast


def test_nesting_past_lxmls_limit_falls_back_to_beautifulsoup() -> None:
    deep = "<div>" * 300 + "深处" + "</div>" * 300 + "<p>之后</p>"
    assert htmlmod._lxml_tree(deep) is None  # lxml's tree stops at 256 levels and drops the rest
    assert [b.text for b in body_blocks(deep).blocks] == ["深处", "之后"]
    shallow = "<div>" * 200 + "浅处" + "</div>" * 200 + "<p>之后</p>"
    assert htmlmod._lxml_tree(shallow) is not None
    assert [b.text for b in body_blocks(shallow).blocks] == ["浅处", "之后"]
