# ruff: noqa: E501  (real snippets inlined verbatim; CJK counts double)
"""HTML body -> blocks, on real snippets from the seeds and the corpus (inlined)."""

from __future__ import annotations

import re
import time

from tui.archive.read.html import body_blocks, unwrap_image

# seeds/000 (VOA): lead image + <small> caption, a bare "白宫 — " dateline before the first
# <p>, a whole article inside one <p> split by <br /><br />, a bold subhead between them.
VOA = (
    '<img src="https://images.weserv.nl?url=gdb.voanews.com/b2aa4549_r1_s_w900.jpg" width="100%">'
    '<div><small style="color: #999;">美国总统拜登和第一夫人吉尔·拜登2024年4月9日在白宫欢迎日本首相岸田文雄和夫人岸田裕子。'
    "</small></div>白宫 — <p>美国总统乔·拜登（Joe Biden）周二(4月9日）晚上在白宫迎来日本首相岸田文雄。<br /><br />"
    "此次访问还将推动东京与该地区其他盟友进一步融入华盛顿的安全框架。<br /><br />美国常务副国务卿库尔特·坎贝尔"
    '<a href="https://www.cnas.org/publications/transcript/aukus" target="_blank">表示</a>，宣布的措施。'
    "<br /><br /><strong>新日铁</strong><br /><br />在将总部位于匹兹堡的美国钢铁公司出售给日本新日铁公司的提议上。</p>"
)
# seeds/001 (VOA): empty <p> </p> spacers and a one-line bold subhead paragraph.
VOA_SUBHEAD = (
    "<p>韩国国防部长申源湜周末赴东京参加美日韩三方防长会谈。</p><p> </p>"
    "<p><strong>驻日美军司令部拟新设组织对接自卫队</strong></p><p> </p>"
    "<p>《华盛顿邮报》报道，奥斯汀星期日将宣布。</p>"
)
# seeds/002 and 004 (RFI): "Array", a long bold lead paragraph, self-promo slots, share bar.
RFI = (
    "<div>07/01/2022 - 13:38</div>Array<p><strong>在与中国和朝鲜地区紧张不断加剧的背景下，美、日外长与防长周五"
    "（1月7日）召开2+2会议，强化日美同盟威慑，会议联合声明誓言将共同努力遏制中国破坏区域稳定行动。                "
    "</strong></p><div ><p>这是日本岸田首相上台后的首次美日会议。</p><div data-selfpromo-newsletter></div>"
    "<div data-selfpromo-app></div></div><div><div>分享 :</div><div>"
    '<a href="https://www.facebook.com/dialog/share?app_id=1&amp;href=x" target="_blank"><span></span></a>'
    '<a href="whatsapp://send?text=abc" target="_blank"><span>WhatsApp</span></a>'
    '<a href="https://x.com/intent/tweet?url=y" target="_blank">Tweet</a>'
    '<span data-root-share><share-button v-on:open="openModal"></share-button></span></div></div>'
)
# seeds/003 (Epoch Times mirror, prettified): lead image + .caption, dateline, empty <p>.
EPOCH = (
    '<div><img alt="x" class="attachment-djy_600_400" src="https://i.epochtimes.com/assets/id13495812.jpg"/>\n'
    '<div class="caption">\n 图为2021年12月11日，美国国务卿布林肯（左）和日本外相林芳正（右）举行双边会晤。\n</div></div>'
    '<hr/><div class="post_content" id="artbody" itemprop="articleBody">\n <!-- article content begin -->\n'
    " <p>\n  【大纪元2022年01月11日讯】（大纪元记者戴芙若综合报导）2022年1月6日，美国和日本举行了“二加二”会议。\n </p>\n"
    " <p>\n  责任编辑：林妍\n </p>\n <p>\n </p>\n <div id=\"below_article_ad\">\n </div>\n</div>"
)
# soundofhope mirror: <ok href> anchors on staircase lines, ad slot, copyright line, tracker.
SOH = (
    '<div><div class="Content__Wrapper">\n <p class="meta-top">\n  <span class="meta">\n'
    "   【希望之声2020年9月21日】（本台记者贺景田综合报导）\n  </span>\n  在美中脱钩日益加剧的背景下，凸显中共\n"
    '  <ok href="/term/1745">\n   半导体\n  </ok>\n  产业的短板。\n </p>\n'
    ' <div class="AD_Embed__Wrap-sc-1xslmin-0 igMuqX module desktop">\n  <div>\n  </div>\n </div>\n'
    ' <p class="meta-btm">\n  本文章或节目经希望之声编辑制作，转载请注明希望之声并包含原文标题及链接。\n </p>\n'
    "</div></div>\n<img src='http://gfw-breaker.win/banned-news3/pages/soh7/424192.md' width='0px' height='0px'/>"
)


def kinds_and_texts(html: str, base: str = "") -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in body_blocks(html, base).blocks]


def test_voa_br_runs_are_paragraphs_with_subhead_and_dateline() -> None:
    body = body_blocks(VOA)
    assert body.blocks[0].kind == "image"  # the captioned lead stays in the body, searched like any caption
    blocks = body.blocks[1:]
    kinds = [b.kind for b in blocks]
    assert kinds == ["paragraph", "paragraph", "paragraph", "heading", "paragraph"]
    assert blocks[0].text.startswith("白宫 — 美国总统乔·拜登")  # dateline not lost
    assert blocks[3].text == "新日铁"
    assert blocks[2].links[0].text == "表示"
    assert blocks[2].links[0].url.startswith("https://www.cnas.org/")
    assert blocks[2].text[:blocks[2].links[0].end].endswith("表示")  # its marker goes after it


def test_voa_lead_image_with_small_caption_and_unwrapped_proxy() -> None:
    image = body_blocks(VOA).image
    assert image is not None
    assert image.url == "https://gdb.voanews.com/b2aa4549_r1_s_w900.jpg"
    assert image.caption.startswith("美国总统拜登和第一夫人吉尔·拜登")


def test_one_line_bold_paragraph_is_heading_and_empty_paragraphs_vanish() -> None:
    assert kinds_and_texts(VOA_SUBHEAD) == [
        ("paragraph", "韩国国防部长申源湜周末赴东京参加美日韩三方防长会谈。"),
        ("heading", "驻日美军司令部拟新设组织对接自卫队"),
        ("paragraph", "《华盛顿邮报》报道，奥斯汀星期日将宣布。"),
    ]


def test_rfi_array_share_bar_gone_and_long_bold_lead_stays_paragraph() -> None:
    blocks = body_blocks(RFI).blocks
    texts = [b.text for b in blocks]
    assert "Array" not in texts and not any("分享" in t or "WhatsApp" in t or "Tweet" in t for t in texts)
    assert blocks[1].kind == "paragraph" and blocks[1].text.startswith("在与中国和朝鲜地区")
    assert blocks[1].text.endswith("稳定行动。")  # trailing spaces trimmed
    assert texts[-1] == "这是日本岸田首相上台后的首次美日会议。"
    assert all(not b.links for b in blocks)


def test_epoch_mirror_lead_image_caption_and_dateline_first() -> None:
    body = body_blocks(EPOCH, "https://www.epochtimes.com/gb/22/1/10/n13495702.htm")
    assert body.image is not None and body.image.caption.startswith("图为2021年12月11日")
    assert body.blocks[0].kind == "image" and body.blocks[0].text == body.image.caption  # searchable
    assert body.blocks[1].text.startswith("【大纪元2022年01月11日讯】（大纪元记者戴芙若综合报导）")
    assert not any("责任编辑" in b.text for b in body.blocks)  # the editor's signature is chrome


def test_staircase_ok_links_ads_copyright_and_tracker() -> None:
    body = body_blocks(SOH, "https://www.soundofhope.org/post/424192")
    assert [b.kind for b in body.blocks] == ["paragraph"]
    block = body.blocks[0]
    assert block.text == "【希望之声2020年9月21日】（本台记者贺景田综合报导）在美中脱钩日益加剧的背景下，凸显中共半导体产业的短板。"
    assert [(link.text, link.url) for link in block.links] == [
        ("半导体", "https://www.soundofhope.org/term/1745")]
    assert body.image is None


def test_bbc_caption_drops_screen_reader_labels_and_ad_slots() -> None:
    html = (
        '<div class="story-body__inner"><div class="media-landscape has-caption full-width lead">'
        '<span class="image-and-copyright-container"><img alt="新疆资料图片" '
        'src="https://images.weserv.nl/?url=ichef.bbci.co.uk/news/640/_113164027.jpg">'
        '<span class="off-screen">图片版权</span><span class="story-image-copyright">AFP</span></span>'
        '<figcaption class="media-caption"><span class="off-screen">Image caption</span>'
        '<span class="media-caption__text">刘晓明接受BBC访问时表示。</span></figcaption></div>'
        '<p class="story-body__introduction">英国外交大臣拉布表示。</p>'
        '<div id="bbccom_mpu_3" class="bbccom_slot mpu-ad" aria-hidden="true"><div class="bbccom_advert">'
        '</div></div><h2 class="story-body__crosshead">“以牙还牙”</h2><p>英国已经承诺。</p></div>'
    )
    body = body_blocks(html)
    assert body.image is not None
    assert body.image.url == "https://ichef.bbci.co.uk/news/640/_113164027.jpg"
    assert body.image.caption == "刘晓明接受BBC访问时表示。"
    assert kinds_and_texts(html) == [("image", "刘晓明接受BBC访问时表示。"),  # the lead's caption is searched
        ("paragraph", "英国外交大臣拉布表示。"), ("heading", "“以牙还牙”"), ("paragraph", "英国已经承诺。")]


def test_feedx_footer_trust_badge_and_entities() -> None:
    html = (
        '<div class="StandardArticleBody_body"><p>中国上汽集团(<span id="symbol_600104.SS_0">'
        '<a href="//www.reuters.com/companies/600104.SS">600104.SS</a></span>)周一公告&amp;说明。&nbsp;</p>'
        '<div class="StandardArticleBody_trustBadgeContainer"><span>我们的标准：</span>'
        '<a href="https://www.thomsonreuters.cn/x.pdf">汤森路透“信任原则”</a></div></div><br><hr>'
        '<div>获取更多RSS：<br><a href="https://feedx.net" style="color:orange">https://feedx.net</a> <br>'
        '<a href="https://feedx.xyz">https://feedx.xyz</a><br></div>'
    )
    blocks = body_blocks(html).blocks
    assert [b.text for b in blocks] == ["中国上汽集团(600104.SS)周一公告&说明。"]
    assert blocks[0].links[0].url == "https://www.reuters.com/companies/600104.SS"


def test_quotes_lists_headings_and_single_br_line_breaks() -> None:
    html = (
        "<h3>宋山木与习近平选中同一个词</h3><blockquote><p>“引文”</p></blockquote>"
        "<ul><li><b><a href='http://www.rfa.org/a.html'>中共党员不得入境？</a></b></li></ul>"
        "<p>翻译：晋其角<br/>点击查看本文英文版。</p>"
    )
    assert kinds_and_texts(html) == [
        ("heading", "宋山木与习近平选中同一个词"), ("quote", "“引文”"), ("list", "中共党员不得入境？"),
        ("paragraph", "翻译：晋其角\n点击查看本文英文版。")]


def test_mirror_promo_appeal_with_banner_and_markdown_lines_are_dropped() -> None:
    html = (
        "<div><p>春秋时代的宋襄公备受争议。</p>\n\n#### [ 🔥  【九評之二】評中國共產黨是怎樣起家的](http://1.2.3.4/x)\n\n"
        '<p style="margin-bottom:10px;"><hr/><br/>【诚征荣誉会员】溪流能够汇成大海，小善可以成就大爱。'
        '<span href="/kzgd/subscribe.html">荣誉会员</span>：每位荣誉会员每年只需支付一份订阅费用。'
        '<center><span href="https://account.secretchina.com/cart"><img src="https://img3.secretchina.com/p.jpg"/>'
        "</span></center></p><p><a href='http://x/y'>【透視共產黨合集2】為何中國不等於中共？</a></p>"
        "<p>宋襄公那个时代。</p></div>"
    )
    assert kinds_and_texts(html) == [("paragraph", "春秋时代的宋襄公备受争议。"), ("paragraph", "宋襄公那个时代。")]


def test_saved_wechat_page_uses_js_content() -> None:
    html = (
        "<!DOCTYPE html><html><head><title>t</title><script>var a=1;</script></head><body>"
        "<div id='nav'>公众号菜单</div><div class='rich_media_content' id='js_content'>"
        "<p>正文第一段，足够长的内容。</p><p><img data-src='https://mmbiz.qpic.cn/a.jpg' src=''></p>"
        "<p>正文第二段。</p></div><div>阅读原文 喜欢此内容的人还喜欢</div></body></html>"
    )
    body = body_blocks(html)
    assert [b.text for b in body.blocks if b.kind == "paragraph"] == ["正文第一段，足够长的内容。", "正文第二段。"]
    assert [b.url for b in body.blocks if b.kind == "image"] == ["https://mmbiz.qpic.cn/a.jpg"]


def test_50000_deep_nesting_and_broken_html_never_raise() -> None:
    deep = "<div>" * 50_000 + "深处的文字" + "</div>" * 50_000 + "<p>之后</p>"
    start = time.perf_counter()
    assert [b.text for b in body_blocks(deep).blocks] == ["深处的文字", "之后"]
    assert time.perf_counter() - start < 10
    inline = "<b><i>" * 25_000 + "x"
    assert [b.text for b in body_blocks(inline).blocks] == ["x"]
    for broken in ["<p>未闭合<b>粗<a href='", "</div></p>&&&&<<<>>>", "", "   ", "<img>", "\x00\x1b[2J"]:
        body_blocks(broken)


def test_output_is_clean_text() -> None:
    html = "<p>a&amp;b&nbsp;c\xa0d\u200be\r\nf\x1b[31mg&amp;nbsp;</p><p>[bold]x[/]</p>"
    texts = [b.text for b in body_blocks(html).blocks]
    assert texts == ["a&b c de fg", "[bold]x[/]"]
    for text in texts:
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f\xa0\u200b\r]|&\w+;|<[a-z/]", text)


def test_unwrap_image_proxy() -> None:
    assert unwrap_image("https://images.weserv.nl/?url=ssl:ichef.bbci.co.uk/x.jpg") == "https://ichef.bbci.co.uk/x.jpg"
    assert unwrap_image("https://s.rfi.fr/a.jpg") == "https://s.rfi.fr/a.jpg"
