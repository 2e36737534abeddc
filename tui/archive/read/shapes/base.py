"""What every shape shares: the fields a shape found (`Draft`) -> a finished `Article`.

A shape only knows its envelope (header lines, front matter, trailers). `finish` does the
rest the same way for all: body blocks from the HTML, the dateline and source evidence,
date fallbacks, the title clean-up, and the stub rejection.
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass

from ...model import Article, Rejection
from .. import dates, sources
from ..html import body_blocks
from ..text import clean_line

#: How much of a file `sniff` looks at: enough for a 20,000-character title or a long front matter.
SNIFF_CHARS = 100_000


@dataclass
class Draft:
    title: str = ""
    url: str = ""
    published: str = ""
    archived: str = ""
    author: str = ""
    html: str = ""  # the body, as HTML, envelope removed
    evidence: str = ""  # extra text that may name the source (image tags dropped with chrome)


def article_id(path: str) -> str:
    """A stable id from the absolute path (the same file always has the same id)."""
    return hashlib.blake2b(path.encode("utf-8", "surrogateescape"), digest_size=8).hexdigest()


def normalise_url(url: str) -> str:
    """Trim, and give a scheme to `mp.weixin.qq.com/s?...` or `//host/...` forms."""
    url = clean_line(url).strip("<>\"'")
    if not url or " " in url:
        return ""
    if url.startswith("//"):
        return "https:" + url
    if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", url) and re.match(r"^[\w-]+(\.[\w-]+)+(/|$|\?)", url):
        return "https://" + url
    return url


#: Site names that end page titles (`… – 法国国际广播电台 - RFI`): boilerplate, not headline.
_SITE_SUFFIXES = ("法国国际广播电台", "法國國際廣播電台", "RFI", "BBC News 中文", "BBC 中文网",
                  "BBC中文网", "纽约时报中文网", "紐約時報中文網", "FT中文网", "德国之声", "DW",
                  "美国之音", "VOA", "大纪元", "大紀元", "新唐人电视台", "希望之声", "看中国",
                  "自由亚洲电台", "Reuters", "路透", "中国数字时代", "Medium")
_SUFFIX = re.compile(r"\s+[-–—|｜]\s+(" + "|".join(map(re.escape, _SITE_SUFFIXES)) + r")\s*$")
_ANY_SUFFIX = re.compile(r"\s+[-–—|｜]\s+([^-–—|｜]{1,30})\s*$")


def clean_title(title: str, site_names: tuple[str, ...] = ()) -> str:
    """One display line, entities decoded (`&nbsp;` in a markdown heading is a space), and a
    trailing site-name suffix dropped (` – 法国国际广播电台 - RFI`, ` - iYouPort`): the source
    is shown beside the title anyway. A column name (` - 要闻解说`) is part of the title.
    """
    if "&" in title:
        title = html.unescape(title)
    title = clean_line(title)
    names = {n.casefold() for n in site_names if n}
    while True:
        m = _SUFFIX.search(title) or _ANY_SUFFIX.search(title)
        if not m or m.start() == 0 or (m.re is _ANY_SUFFIX and m.group(1).casefold() not in names):
            return title
        title = title[: m.start()].rstrip()


def clean_author(text: str) -> str:
    """`null 李澄欣` -> `李澄欣`; `A,A` -> `A`: generator placeholders and repeats dropped."""
    words = [w for w in clean_line(text).split(" ") if w.lower() not in {"null", "none", "undefined"}]
    names = [n.strip() for n in re.split(r"\s*[,，、]\s*", " ".join(words)) if n.strip()]
    return ", ".join(dict.fromkeys(names))


def finish(draft: Draft, path: str, shape: str) -> Article | Rejection:
    if not clean_line(draft.title):
        return Rejection(path, f"not an article: no title found ({shape} file)")
    url = normalise_url(draft.url)
    body = body_blocks(draft.html, url)
    blocks = tuple(body.blocks)
    if not blocks and not url:
        return Rejection(path, "not an article: a title with no body and no URL (a stub)")
    lead = " ".join(b.text for b in blocks[:6])
    day, publisher = dates.dateline(lead)
    source = sources.identify(url, publisher, draft.evidence + draft.html, path)
    title = clean_title(draft.title, (source.name, source.label, source.key))
    if not title:  # only entities that decode to nothing (`&nbsp;`)
        return Rejection(path, f"not an article: no title found ({shape} file)")
    published = draft.published or day or dates.from_url(url)
    return Article(
        id=article_id(path),
        path=path,
        shape=shape,
        source=source.key,
        source_name=source.name,
        title=title,
        url=url,
        published=published,
        archived=draft.archived,
        author=clean_author(draft.author),
        image=body.image,
        body=blocks,
    )
