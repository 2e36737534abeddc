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

import msgspec

from ...model import Article, Block, Image, Link, Rejection
from .. import content, datehints, dates, fallback, platforms, sources
from ..html import Body, body_blocks
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


_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{1,7}|#x[0-9a-fA-F]{1,6});")


def unescape(text: str) -> str:
    """Entities a source escaped once too often (`Julian G. Ku &#38; more`) decoded."""
    return html.unescape(text) if "&" in text and _ENTITY.search(text) else text


def clean_author(text: str) -> str:
    """`null 李澄欣` -> `李澄欣`; `A,A` -> `A`: generator placeholders and repeats dropped."""
    text = unescape(text)
    words = [w for w in clean_line(text).split(" ") if w.lower() not in {"null", "none", "undefined"}]
    names = [n.strip() for n in re.split(r"\s*[,，、]\s*", " ".join(words)) if n.strip()]
    return ", ".join(dict.fromkeys(names))


def finish(draft: Draft, path: str, shape: str) -> Article | Rejection:
    if not clean_line(draft.title):
        return Rejection(path, f"not an article: no title found ({shape} file)")
    url = normalise_url(draft.url)
    body, extraction = _body(draft.html, url)
    blocks = _decoded(tuple(body.blocks))
    if not blocks and not url:
        return Rejection(path, "not an article: a title with no body and no URL (a stub)")
    lead = " ".join([b.text for b in blocks if b.kind != "image"][:6])  # the text, not the lead's caption
    day, publisher = dates.dateline(lead)
    publisher = publisher or datehints.publisher(lead)
    source = sources.identify(url, publisher, draft.evidence + draft.html, path)
    title = clean_title(draft.title, (source.name, source.label, source.key))
    if not title:  # only entities that decode to nothing (`&nbsp;`)
        return Rejection(path, f"not an article: no title found ({shape} file)")
    published = (draft.published or day or dates.from_url(url) or datehints.from_html(draft.html)
                 or datehints.byline([b.text for b in blocks if b.kind != "image"])
                 or datehints.complete(lead, url, draft.html, draft.archived))
    archived = draft.archived or ("" if published else datehints.from_path(path))
    author = clean_author(draft.author)
    return Article(
        id=article_id(path),
        path=path,
        shape=shape,
        source=source.key,
        source_name=source.name,
        title=title,
        url=url,
        published=published,
        archived=archived,
        author=author,
        image=_decoded_image(body.image),
        body=blocks,
        date_approx=not published and bool(archived),
        channel=platforms.channel(source.key, url, author),
        extraction=extraction,
    )


def _body(source: str, url: str) -> tuple[Body, str]:
    """The body by the shape rules; by text density (fallback.py) when those find no body or far
    less text than the page holds and the fallback finds much more. ("fallback" marks the latter.)"""
    body = body_blocks(content.focus(source), url)
    chars = sum(len(b.text) for b in body.blocks)
    if not source or not fallback.needs_fallback(chars, source):
        return body, ""
    main = fallback.extract_html(source)
    if not main:
        return body, ""
    found = body_blocks(main, url)
    if not fallback.better(sum(len(b.text) for b in found.blocks), chars):
        return body, ""
    if found.image is None:
        found.image = body.image
    return found, "fallback"


def _decoded(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """Link texts decoded like the block texts (html.py decodes those): `A &amp; B` -> `A & B`."""
    if not any(link.text and "&" in link.text for b in blocks for link in b.links):
        return blocks
    return tuple(msgspec.structs.replace(b, links=tuple(Link(unescape(k.text), k.url, k.end)
                                                        for k in b.links))
                 if b.links else b for b in blocks)


def _decoded_image(image: Image | None) -> Image | None:
    if image is None or "&" not in image.caption:
        return image
    return Image(image.url, unescape(image.caption))
