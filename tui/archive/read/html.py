"""HTML body -> blocks in reading order, chrome dropped.

`body_blocks(html, base_url)` turns the HTML part of any archive file (a feed item, a
prettified mirror page, a saved WeChat page) into `Block`s: paragraphs, headings, quotes,
captions, images and list items, each with its links. The tree walk is iterative (depth
costs nothing); any failure falls back to a flat text extraction: it never raises.

Two tree builders, one walk. The bulk path builds the tree with lxml directly (~6x cheaper
than a BeautifulSoup tree, the biggest cost of a cold build). lxml's tree builder silently
stops at 256 levels of nesting and drops the rest of the document, and returns no tree for
markup without elements; there BeautifulSoup takes over: its tree is fed by lxml's
event interface, which has no depth limit (a 50,000-deep page keeps its text). The lxml
walk reproduces what BeautifulSoup makes of the same events (whitespace-only strings
collapsed to one space or line break outside `<pre>`, `class` as whitespace-split tokens,
`get_text` ignoring script/style/template/ruby strings), so both give the same blocks.

The walk itself and its reading rules are in htmlwalk.py.
"""

from __future__ import annotations

import html as htmllib
import re
import warnings
from dataclasses import dataclass

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, Tag
from lxml import etree

from ..model import Block, Image
from . import chrome
from .chrome import unwrap_image
from .htmlwalk import Builder
from .text import clean_text

__all__ = ["MAX_HTML", "Body", "body_blocks", "unwrap_image"]

#: A body that is only a URL is text to read, not a mistake of ours: bs4 need not warn.
warnings.filterwarnings("ignore", category=MarkupResemblesLocatorWarning)

MAX_HTML = 3_000_000  # characters; beyond this the tail is dropped (bounded work)

_CONTAINERS = ("#js_content", ".rich_media_content", "[itemprop=articleBody]", "#artbody",
               ".post_content", ".story-body", "#storytext", "article", "main")
_FULL_PAGE = re.compile(r"<(?:html|body)[\s>]", re.I)
_META = re.compile(r"\d")
#: Strings under these are not text to BeautifulSoup's get_text (its string containers).
_NOT_TEXT = frozenset({"rt", "rp", "style", "script", "template"})
#: lxml's tree builder stops at this depth: a tree reaching it may have lost its tail.
_DEEP = etree.XPath("boolean(/" + "/".join(["*"] * 250) + ")")


@dataclass
class Body:
    blocks: list[Block]
    image: Image | None = None  # the lead image, when the body starts with one


def _root(soup: BeautifulSoup, html: str) -> Tag:
    """The article container of a saved full page; the whole fragment otherwise."""
    if _FULL_PAGE.search(html[:20000]):
        for selector in _CONTAINERS:
            found = soup.select_one(selector)
            if found is not None and found.get_text(strip=True):
                return found
    return soup


def _matches(el: etree._Element, selector: str) -> bool:
    """The few selectors of _CONTAINERS (`#id`, `.class`, `[attr=value]`, `tag`), on lxml."""
    if selector[0] == "#":
        return el.get("id") == selector[1:]
    if selector[0] == ".":
        return selector[1:] in (el.get("class") or "").split()
    if selector[0] == "[":
        attr, _, value = selector[1:-1].partition("=")
        return el.get(attr) == value
    return el.tag == selector


def has_text(el: etree._Element) -> bool:
    """`el.get_text(strip=True)` would not be empty in BeautifulSoup's tree of the same page."""
    def plain(holder: etree._Element) -> bool:  # not a script/style/template/ruby string
        return not any(a.tag in _NOT_TEXT for a in holder.iterancestors()) and holder.tag not in _NOT_TEXT

    for node in el.iter():
        if type(node.tag) is str and node.text and node.text.strip() and plain(node):
            return True
        if node is not el and node.tail and node.tail.strip() and plain(node.getparent()):
            return True
    return False


def _tree_root(tree: etree._Element, html: str) -> etree._Element:
    """_root on an lxml tree: the first match of each selector, in order, holding text."""
    if _FULL_PAGE.search(html[:20000]):
        first: dict[str, etree._Element] = {}
        for el in tree.iter():
            if type(el.tag) is str:
                for selector in _CONTAINERS:
                    if selector not in first and _matches(el, selector):
                        first[selector] = el
        for selector in _CONTAINERS:
            found = first.get(selector)
            if found is not None and has_text(found):
                return found
    return tree


def _lead(blocks: list[Block]) -> tuple[list[Block], Image | None]:
    """The first image is the lead when no body text precedes it.

    Short lines holding a digit (a feed's date or `AUTHOR<br>date` line left in the HTML)
    are metadata, not body text, so an image right after them is still the lead. A lead with a
    caption also stays in the body, where it is searched like any other caption (readers show
    it once: the body's image of the lead's URL is the lead); one without leaves the body.
    """
    for i, block in enumerate(blocks[:3]):
        if block.kind == "image":
            rest = blocks if block.text.strip() else blocks[:i] + blocks[i + 1:]
            return rest, Image(block.url, block.text)
        if not (block.kind == "paragraph" and len(block.text) <= 50 and _META.search(block.text)):
            break
    return blocks, None


def _flat(html: str) -> Body:
    """Last resort: tags removed by pattern, entities decoded, blank-line paragraphs."""
    text = re.sub(r"<(script|style)\b.*?</\1\s*>", " ", html[:MAX_HTML], flags=re.S | re.I)
    text = re.sub(r"<(?:br|/p|/div|/h\d|/li)\b[^>]*>", "\n\n", text, flags=re.I)
    text = htmllib.unescape(re.sub(r"<[^>]*>", " ", text))
    paras = [p for p in clean_text(text).split("\n\n") if p and not chrome.is_junk_text(p)]
    return Body([Block("paragraph", p) for p in paras])


def _lxml_tree(source: str) -> etree._Element | None:
    """The lxml tree of source, parsed as BeautifulSoup's lxml builder feeds it; None when
    lxml cannot give the whole document (no element at all, a refusal, or nesting so deep
    that its tree builder dropped the rest)."""
    if source[:1] == "\ufeff":
        source = source[1:]
    parser = etree.HTMLParser(recover=True)
    try:
        parser.feed(source)
        tree = parser.close()
    except (etree.LxmlError, UnicodeError, LookupError):
        return None
    if tree is None or (source.count("<") >= 240 and _DEEP(tree)):
        return None
    return tree


def body_blocks(html: str, base_url: str = "") -> Body:
    """The blocks of an HTML body, chrome dropped, lead image split off. Never raises."""
    try:
        if not html or not html.strip():
            return Body([])
        source = html[:MAX_HTML]
        builder = Builder(base_url)
        tree = _lxml_tree(source)
        if tree is not None:
            builder.walk_tree(_tree_root(tree, source))
        else:
            soup = BeautifulSoup(source, "lxml")
            builder.walk_soup(_root(soup, source))
        blocks, image = _lead(builder.blocks)
        return Body(blocks, image)
    except Exception:
        try:
            return _flat(html)
        except Exception:
            return Body([])

