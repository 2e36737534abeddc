"""The walk: an lxml tree (or BeautifulSoup's, the fallback) -> `Block`s in reading order.

One pass over the tree, iterative (depth costs nothing): chrome elements are skipped with
everything inside them (chrome.py's rules, compiled once; class/id verdicts cached per string),
text is gathered per block, and each block is cleaned and classified once when it closes.

Reading rules (what a careful reader expects):
* `<p>`, `<div>` text, and runs separated by two or more `<br>` are paragraphs; a single
  `<br>` is a line break (`\\n`) inside the block.
* `<h1>`-`<h6>` are headings, and so is a short paragraph that is entirely bold
  (`<p><strong>小标题</strong></p>`, or a bold run between `<br><br>`); a long bold lead
  paragraph stays a paragraph.
* `<blockquote>` -> quote, `<li>` -> list (its `depth`: the lists it is nested in, 0 at the top),
  `<figcaption>`/`.caption`/a `<small>` right after an image -> the image's caption. A short
  text sharing its block with an image, after it, is the caption too. The first image, before
  any text, is the lead `Body.image`.
* A short dangling dateline such as ``白宫 —`` before the first `<p>` is joined to it.
* A data table becomes one `table` block holding its rows of cells (tables.py); each link
  records where its words end in its block's text.
"""

from __future__ import annotations

import html as htmllib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urljoin

from bs4 import NavigableString, Tag
from bs4.element import PreformattedString
from lxml import etree

from ..model import Block, Link
from . import chrome, tables
from .chrome import unwrap_image
from .text import clean_line, clean_url

__all__ = ["PRESERVE_WS", "Builder"]

_BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "aside", "body", "html", "h1", "h2", "h3", "h4",
    "h5", "h6", "blockquote", "li", "ul", "ol", "dl", "dt", "dd", "figure", "figcaption",
    "table", "tr", "td", "th", "thead", "tbody", "tfoot", "caption", "center", "pre", "address",
    "details", "summary", "fieldset", "legend", "hgroup",
})
_KIND_OF_TAG = {**dict.fromkeys(("h1", "h2", "h3", "h4", "h5", "h6"), "heading"),
                "blockquote": "quote", "li": "list", "dt": "list", "figcaption": "caption"}
_CAPTION_CLASS = re.compile(
    r"(?:^|\s)(?:caption|media-caption__text|wp-caption-text|image-caption|img-caption"
    r"|photo-caption|figure-caption|pic-caption|headerimgcaption)(?:$|\s)", re.I)
_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,7}|#x[0-9a-fA-F]{2,6});")
_HEADING_END = re.compile(r"[。．.！!？?，,；;：:…）)」』”\"]$")
_DANGLING = re.compile(r"^\S.{0,24}[—–－-]{1,2}$")
_MAX_HEADING, _MAX_CAPTION = 40, 150
_TABLE_TAGS = frozenset({"table", "tr", "td", "th"})
_LIST_TAGS = frozenset({"ul", "ol"})
_IMG_SRC_ATTRS = ("data-src", "data-original", "src", "data-lazy-src")  # lazy loaders first
#: What BeautifulSoup collapses a whitespace-only string of (outside <pre>/<textarea>).
_ASCII_SPACES = "\x20\x0a\x09\x0c\x0d"
PRESERVE_WS = frozenset({"pre", "textarea"})
_CHROME_ATTRS = frozenset(chrome.CHROME_ATTRS)
_DROP_TAGS = chrome.DROP_TAGS
_NO_ATTRS: dict[str, str] = {}
#: An absolute http(s) URL that `urljoin` returns unchanged whatever the base (a host in plain
#: ASCII, no `;` parameters, no empty `?` or `#`): most links and images, joined without parsing.
_ABSOLUTE = re.compile(r"https?://[A-Za-z0-9._~-]+(?:/[^?#;]*)?(?:\?[^#]+)?(?:#.+)?")


@dataclass
class Builder:
    base_url: str
    blocks: list[Block] = field(default_factory=list)
    lines: list[list[str]] = field(default_factory=lambda: [[]])
    links: list[Link] = field(default_factory=list)
    open_links: list[tuple[str, list[str]]] = field(default_factory=list)
    kinds: list[tuple[object, str]] = field(default_factory=list)
    open_blocks: list[object] = field(default_factory=list)
    bold: int = 0
    all_bold: bool = True
    has_text: bool = False
    brs: int = 0
    prefix: str = ""
    image_parent: object | None = None
    after_promo: bool = False
    pre: int = 0  # open <pre>/<textarea> elements (lxml walk only)
    tables: list[tables.Table] = field(default_factory=list)  # open <table>s, innermost last
    lists: int = 0  # open <ul>/<ol> elements: a list item's depth is one less

    def walk_tree(self, root: etree._Element) -> None:
        """The walk over an lxml tree: an element's text, then each child and its tail."""
        self.pre = sum(1 for a in root.iterancestors() if a.tag in PRESERVE_WS)
        stack: list[object] = [root]
        pop, push = stack.pop, stack.append
        while stack:
            item = pop()
            kind = type(item)
            if kind is str:  # a whitespace-only string is one line break or one space, as in bs4
                if self.pre or item.strip(_ASCII_SPACES):  # type: ignore[attr-defined]
                    self.text(item)  # type: ignore[arg-type]
                elif self.has_text:  # whitespace only: nothing to a block not yet started
                    self.text("\n" if "\n" in item else " ")  # type: ignore[operator]
                continue
            if kind is tuple:
                entry: tuple[object, str, dict[str, str]] = item  # type: ignore[assignment]
                node, name, attrs = entry
                self.leave(node, name, attrs)
                if name in PRESERVE_WS:
                    self.pre -= 1
                continue
            name = item.tag  # type: ignore[attr-defined]
            if type(name) is not str:  # a comment or processing instruction: only its tail counts
                continue
            items = item.items()  # type: ignore[attr-defined]
            attrs = _attrs(items) if items else _NO_ATTRS
            if name in _DROP_TAGS or (attrs and self.is_chrome(name, attrs)):
                continue
            if name == "img":
                self.image(attrs)
                continue
            if name == "hr":
                self.flush()
                continue
            if name == "br":
                self.brs += 1
            elif self.enter(item, name, attrs):  # an inline element (`<span>`) needs no leave
                if name in PRESERVE_WS:
                    self.pre += 1
                push((item, name, attrs))
            for child in reversed(item):  # type: ignore[call-overload]
                tail = child.tail
                if tail:
                    push(tail)
                push(child)
            text = item.text  # type: ignore[attr-defined]
            if text:
                push(text)
        self.finish()

    def walk_soup(self, root: Tag) -> None:
        """The same walk over a BeautifulSoup tree (the fallback)."""
        stack: list[tuple[object, bool]] = [(root, False)]
        while stack:
            node, leaving = stack.pop()
            if leaving:
                tag: Tag = node  # type: ignore[assignment]
                self.leave(tag, tag.name, _soup_attrs(tag))
            elif isinstance(node, NavigableString):
                if not isinstance(node, PreformattedString):
                    self.text(str(node))
            elif isinstance(node, Tag):
                name, attrs = node.name, _soup_attrs(node)
                if self.is_chrome(name, attrs):
                    continue
                if name == "br":  # prettified pages may wrap text inside <br>...</br>
                    self.brs += 1
                    stack.extend((child, False) for child in reversed(node.contents))
                elif name == "img":
                    self.image(attrs)
                elif name == "hr":
                    self.flush()
                else:
                    self.enter(node, name, attrs)
                    stack.append((node, True))
                    stack.extend((child, False) for child in reversed(node.contents))
        self.finish()

    def finish(self) -> None:
        self.flush()
        if self.prefix:
            self.blocks.append(Block("paragraph", self.prefix.strip()))

    def is_chrome(self, name: str, attrs: dict[str, str]) -> bool:
        if name in chrome.DROP_TAGS:
            return True
        if not attrs:
            return False
        cls = attrs.get("class")
        ident = attrs.get("id")
        if (cls or ident) and chrome.is_chrome_class((cls or "") + " " + (ident or "")):
            return True
        style = attrs.get("style")
        if style and chrome.HIDDEN_STYLE.search(str(style)):
            return True
        if not _CHROME_ATTRS.isdisjoint(attrs):
            return True
        href = attrs.get("href")
        return bool(href and chrome.SHARE_LINK.search(str(href).strip()))

    def enter(self, node: object, name: str, attrs: dict[str, str]) -> bool:
        """Open an element; whether `leave` has anything to undo (a block, bold, a link)."""
        kind = _KIND_OF_TAG.get(name)
        if kind is None and self._is_caption(name, attrs):
            kind = "caption"
        undo = False
        if name in _BLOCK_TAGS or kind:
            self.flush()
            self.open_blocks.append(node)
            if kind:
                self.kinds.append((node, kind))
            if name in _TABLE_TAGS:
                self._enter_table(node, name)
            undo = True
        if name in _LIST_TAGS:
            self.lists += 1
        if name in ("b", "strong"):
            self.bold += 1
            undo = True
        href = attrs.get("href")
        if href:
            self.open_links.append((self.url(str(href)), []))
            undo = True
        return undo

    def leave(self, node: object, name: str, attrs: dict[str, str]) -> None:
        if attrs.get("href") and self.open_links:
            url, pieces = self.open_links.pop()
            text = clean_line("".join(pieces))
            if text and url and not chrome.TEXT_ONLY_LINK.match(url):
                self.links.append(Link(text, url))
        if name in ("b", "strong"):
            self.bold -= 1
        if self.open_blocks and self.open_blocks[-1] is node:
            self.flush()
            self.open_blocks.pop()
            if self.kinds and self.kinds[-1][0] is node:
                self.kinds.pop()
            if name in _TABLE_TAGS and self.tables:
                self._leave_table(node, name)
        if name in _LIST_TAGS:
            self.lists -= 1

    def _enter_table(self, node: object, name: str) -> None:
        if name == "table":
            self.tables.append(tables.Table(node, len(self.blocks)))
        elif self.tables and name == "tr":
            self.tables[-1].open_row()
        elif self.tables and name in ("td", "th"):
            self.tables[-1].open_cell(len(self.blocks))

    def _leave_table(self, node: object, name: str) -> None:
        if name in ("td", "th"):
            self.tables[-1].close_cell(len(self.blocks))
        elif name == "table" and self.tables[-1].node is node:
            tables.collapse(self.blocks, self.tables.pop())

    def _is_caption(self, name: str, attrs: dict[str, str]) -> bool:
        if attrs and _caption_class((attrs.get("class") or "") + " " + (attrs.get("id") or "")):
            return True
        return name == "small" and not self.has_text and self._uncaptioned_image()

    def _uncaptioned_image(self) -> bool:
        return bool(self.blocks) and self.blocks[-1].kind == "image" and not self.blocks[-1].text

    def text(self, s: str) -> None:
        if "\n" in s and ("](" in s or "---" in s or "===" in s):
            s = chrome.MARKDOWN_LINE.sub("", s)  # a mirror's markdown lines left in the HTML
        if not s.strip():
            if self.has_text:
                self.lines[-1].append(s)
                for _, pieces in self.open_links:
                    pieces.append(s)
            return
        if self.brs and self.has_text:
            if self.brs >= 2:
                self.flush()
            else:
                self.lines.append([])
        self.brs = 0
        self.lines[-1].append(s)
        for _, pieces in self.open_links:
            pieces.append(s)
        self.has_text = True
        if not self.bold:
            self.all_bold = False

    def image(self, attrs: dict[str, str]) -> None:
        srcs = (str(attrs.get(a) or "").strip() for a in _IMG_SRC_ATTRS)
        src = next((s for s in srcs if s and not s.startswith("data:")), "")
        if not src or chrome.TRACKER_SRC.search(src):
            return
        for dim in ("width", "height"):
            if str(attrs.get(dim, "")).strip().lower().removesuffix("px") in ("0", "1"):
                return
        self.flush()
        if self.after_promo:
            return
        self.blocks.append(Block("image", "", url=unwrap_image(self.url(src))))
        self.image_parent = self.open_blocks[-1] if self.open_blocks else None

    def url(self, href: str) -> str:
        href = clean_url(href)
        if self.base_url and _ABSOLUTE.fullmatch(href) is None:
            try:
                return urljoin(self.base_url, href)
            except ValueError:
                return href
        return "https:" + href if href.startswith("//") else href

    def flush(self) -> None:
        if not self.has_text:  # nothing since the last flush (most block boundaries)
            if self.links:
                self.links = []
            self.all_bold, self.brs = True, 0
            return
        lines = [clean_line("".join(pieces)) for pieces in self.lines]
        text = "\n".join(line for line in lines if line)
        links, all_bold = self.links, self.all_bold
        self.lines, self.links, self.all_bold, self.has_text, self.brs = [[]], [], True, False, 0
        if not text:
            return
        if _ENTITY.search(text):
            # double-escaped source (`&amp;nbsp;`): decode once more, then clean again
            text = "\n".join(clean_line(line) for line in htmllib.unescape(text).split("\n"))
        kind = self.kinds[-1][1] if self.kinds else "paragraph"
        if chrome.is_junk_text(text) or _is_promo_link(text, links):
            # an appeal's own pictures (donation banners) go with it
            self.after_promo = bool(chrome.APPEAL.search(text)) or _is_promo_link(text, links)
            return
        self.after_promo = False
        parent = self.open_blocks[-1] if self.open_blocks else None
        if (self._uncaptioned_image() and len(text) <= _MAX_CAPTION
                and (kind == "caption" or (parent is not None and parent is self.image_parent))):
            self.blocks[-1] = Block("image", text, url=self.blocks[-1].url)
            return
        if kind == "paragraph":
            if _DANGLING.match(text) and "\n" not in text:
                self.prefix = text + " "
                return
            if all_bold and len(text) <= _MAX_HEADING and not _HEADING_END.search(text):
                kind = "heading"
        if self.prefix and kind == "paragraph":
            text, self.prefix = self.prefix + text, ""
        depth = max(0, self.lists - 1) if kind == "list" else 0
        self.blocks.append(Block(kind, text, tables.placed(text, links) if links else (), depth=depth))


def _attrs(items: list[tuple[str, str]]) -> dict[str, str]:
    """An lxml element's attributes, `class` as its whitespace-split tokens joined by a space."""
    attrs = dict(items)
    cls = attrs.get("class")
    if cls is not None:
        attrs["class"] = " ".join(cls.split())
    return attrs


def _soup_attrs(tag: Tag) -> dict[str, str]:
    attrs = tag.attrs
    if not attrs:
        return _NO_ATTRS
    return {k: " ".join(v) if isinstance(v, list) else str(v) for k, v in attrs.items()}


def _is_promo_link(text: str, links: list[Link]) -> bool:
    return len(links) == 1 and links[0].text == text and bool(chrome.PROMO_LINK_TEXT.match(text))


@lru_cache(maxsize=4096)
def _caption_class(value: str) -> bool:
    """Cached, like chrome.is_chrome_class: a site repeats the same class strings on every page."""
    return bool(_CAPTION_CLASS.search(value))
