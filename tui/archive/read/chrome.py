"""What is not article text: page chrome, ads, share buttons, tracking pixels, promo lines.

Three kinds of rule, all general (each names the habit it catches, not one file):
elements dropped with everything inside them; links whose target is not a place to read;
and whole blocks whose text is boilerplate a reader never wants (mirror promos, feed footers).
Datelines such as ``【大纪元2022年01月11日讯】`` are article text and must never match.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import parse_qs, urlsplit

#: Elements that never hold article text (dropped with their content).
DROP_TAGS = frozenset({
    "script", "style", "noscript", "iframe", "form", "button", "svg", "nav", "footer", "header",
    "head", "title", "meta", "link", "template", "select", "input", "textarea", "object",
    "embed", "canvas", "map", "share-button", "share-modal", "video", "audio",
})

#: class/id tokens of chrome containers: ads, share bars, trust badges, newsletter promos,
#: BBC's screen-reader-only labels and image credits, related-content widgets.
CHROME_CLASS = re.compile(
    r"(?:^|[\s_-])(?:share|sharing|social|bbccom_slot|mpu-ad|advert\w*|ads?|o-ads|ad_embed\w*"
    r"|in-article-advert|trustbadge\w*|off-screen|story-image-copyright|taboola\S*|div-gpt-ad\S*"
    r"|newsletter|subscribe|breadcrumbs?|sidebar|post-sidebar|card-footer\S*|code-block\S*"
    r"|iframe-blocker|slot_header|comments?|related-?\w*|byline-share|qr-?code|print-only"
    # screen-reader-only labels, copyright slugs, blog footers and like/tag widgets
    r"|element-invisible|visually-hidden|sr-only|screen-reader-text|copyright(?=\s|$)|footer|post-tags"
    r"|sharedaddy|jetpack-likes\S*|likes?-widget\S*|jp-relatedposts|player-with-placeholder__caption)"
    r"(?:$|[\s_-])",
    re.I,
)

#: Attributes that mark chrome: RFI's self-promo slots and share roots, ads hidden from readers.
CHROME_ATTRS = ("data-selfpromo-newsletter", "data-selfpromo-app", "data-root-share", "data-o-ads-name")

HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)

#: Images that are counters, not pictures.
TRACKER_SRC = re.compile(
    r"medium\.com/_/stat|gfw-breaker\.win|github\.com/gfw-breaker/|/pixel\b|feeds\.feedburner|/stat\?|google-analytics"
    r"|doubleclick|\.gif\?|/beacon|counter\.|hm\.baidu",
    re.I,
)

#: Link targets that are actions, not pages: the link and its text both go.
SHARE_LINK = re.compile(
    r"^(?:javascript|whatsapp|sms|tel|weixin|fb-messenger):"
    r"|facebook\.com/(?:sharer|dialog/share)|(?:twitter|x)\.com/(?:intent|share)"
    r"|web\.whatsapp\.com/send|api\.whatsapp\.com|line\.me/R/msg|linkedin\.com/share"
    r"|plus\.google\.com/share|service\.weibo\.com/share|t(?:elegram)?\.me/share"
    r"|reddit\.com/submit|pinterest\.com/pin/create|getpocket\.com/save",
    re.I,
)
#: Link targets kept as text but not as links.
TEXT_ONLY_LINK = re.compile(r"^(?:mailto:|#|data:)", re.I)

#: Whole blocks that are boilerplate, matched against a block's cleaned text: the rules that
#: look at its start (`match`: a search would try every position of every paragraph, the cost
#: of a dozen alternatives per character) and the one that may be anywhere (`JUNK_ANYWHERE`).
JUNK_START = re.compile(
    r"^(?:Array|打赏|赞赏|分享\s*[:：]?|Share\s*[:：]?|广告|Advertisement|图片版权"
    r"|Image caption|Image copyright)$"
    # feed mirrors' footers
    r"|^获取更多RSS|^(?:https?://)?feedx\.(?:net|xyz)"
    # mirror markdown promo lines that survived into the HTML part
    r"|^#{1,6}\s.*\]\(\S+\)"
    # mirrors' share trailer and membership / subscription appeals
    r"|^手机上长按并复制下列链接或二维码分享本文章"
    r"|^【诚征荣誉会员】|^（欢迎点击此处订阅.{0,20}简报|^原文(?:链接|地址)[^：:]{0,12}[：:]\s*\S+$"
    # publisher copyright lines (short boilerplate, not articles about copyright)
    r"|^.{0,20}(?:编辑制作|版权所有).{0,10}[，,]?\s*转载请注明.{0,40}$"
    r"|^©.{0,30}版权声明"
    r"|^Copyright\s*©|^©\s*\d{4}\s*\S{1,20}$"
    # media-player fallback notices and mirrors' series promos
    r"|^你的(?:器材|设备|裝置)不支持播放|^点阅【[^】]{1,20}】专题"
    # the desk editor's signature line (`责任编辑：高静`, `（責任編輯：李昊）`)
    r"|^[（(【\[]?\s*(?:责任编辑|責任編輯|责编|責編)\s*[:：]\s*[^\n]{1,30}$",
    re.I,
)
JUNK_ANYWHERE = re.compile(r"Feed enhanced by", re.I)
#: A publisher's subscription footer (NYT: `感谢阅读今天的简报，新读者请点击此处订阅。…`,
#: `点击此处订阅NYT简报，…`): matched only in short blocks, so an article about subscriptions stays.
SUBSCRIBE = re.compile(r"(?:点击|點擊|点|點)(?:此处|此處|这里|這裡|此)\s*订阅"
                       r"|(?:點擊|点击)(?:此處|此处)?\s*訂閱"
                       r"|^(?:Sign up|Subscribe)\b.{0,80}\b(?:newsletter|briefing)", re.I)
MAX_FOOTER = 300

#: Appeals for money or membership: the images right after one are its banners.
APPEAL = re.compile(r"^【诚征荣誉会员】|诚征|订阅|捐款|捐助|赞助|打赏|subscribe|donate", re.I)

#: Markdown lines of a mirror page that reach the HTML part (nav bars, promo links, rules).
MARKDOWN_LINE = re.compile(r"^[ \t]*(?:#{1,6}[ \t].*|[-=*_]{3,}[ \t]*|\[[^\]\n]*\]\([^)\n]*\).*)$", re.M)

#: A block that is nothing but one link and starts like a promo (emoji or 【series】 bracket):
#: mirrors put these between paragraphs (`【透視共產黨合集2】…`, `🔥 【九評之二】…`).
PROMO_LINK_TEXT = re.compile(r"^(?:[\U0001F300-\U0001FAFF\u2600-\u27BF]|【[^】]{1,20}】)")

#: Bare URLs that are the mirrors' own addresses (share trailers), never article text.
MIRROR_URL = re.compile(r"^https?://github\.com/gfw-breaker/\S+$")


#: Blog engines' taxonomy classes (`tag-social-media`, `category-share-economy`, `post-16980`):
#: they name what a post is about, not what an element is, so they never make it chrome.
_TAXONOMY = re.compile(r"(?:^|\s)(?:(?:tag|category|format|status|type)-[^\s]+|post-\d+)", re.I)


@lru_cache(maxsize=8192)
def is_chrome_class(value: str) -> bool:
    """Cached: the same class/id strings come back on every element of a site's pages."""
    if "tag-" in value or "category-" in value or "format-" in value or "post-" in value:
        value = _TAXONOMY.sub(" ", value)
    return bool(CHROME_CLASS.search(value))


def is_junk_text(text: str) -> bool:
    return bool(JUNK_START.match(text) or JUNK_ANYWHERE.search(text) or MIRROR_URL.match(text)
                or (len(text) <= MAX_FOOTER and _may_subscribe(text) and SUBSCRIBE.search(text)))


def _may_subscribe(text: str) -> bool:
    """What every SUBSCRIBE match needs (点/點, or a first letter that is an `s` to re.I, `ſ`
    included): two substring tests spare the case-blind search of most blocks."""
    return "点" in text or "點" in text or text[:1] in "sSſ"


def unwrap_image(url: str) -> str:
    """`https://images.weserv.nl/?url=gdb.voanews.com/x.jpg` -> `https://gdb.voanews.com/x.jpg`."""
    if "weserv.nl" not in url:
        return url
    try:
        inner = parse_qs(urlsplit(url).query).get("url", [""])[0]
    except ValueError:
        return url
    if not inner:
        return url
    if inner.startswith("ssl:"):
        inner = "https://" + inner[4:]
    elif not re.match(r"^[a-z]+://", inner, re.I):
        inner = "https://" + inner.lstrip("/")
    return inner
