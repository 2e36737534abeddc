"""Which element of a page holds the article: blog-engine content containers and multi-part pages.

`pick(tree)` answers before the general container rules of html.py and htmlpage.py (`focus(html)`
applies it to an HTML fragment, for the shapes that hand one to html.body_blocks):

* **Blog engines** (WordPress and its kin) put the post in `<div class="entry-content">` (or
  `post-content`, `article-content`, ...) inside `<article class="post …">`, beside the title,
  the byline and category links of `entry-meta`, sharing widgets and comments. The content
  container is the body when it holds a good share of the page's text (a news page may style
  one paragraph `<section class="article-body">` in the middle of its story).
* **Multi-part pages** (a "conversation" of several contributors, a Q&A, a series of responses)
  hold several `<article>`s, or several parts that each carry an author element: the body is the
  smallest element holding them all, in reading order, and each contributor's name becomes a
  heading (`contributor_headings`), so a reader sees who wrote each part.

Both rules look at classes and structure only, never at a site's name or file name.
"""

from __future__ import annotations

import re

import ahocorasick_rs
from lxml import etree

from . import chrome

#: class tokens of a blog post's own content container.
_ENTRY = re.compile(r"(?:^|\s)(?:entry-content|post-content|article-content|entry-body|post-body"
                    r"|post-entry|article-body|td-post-content|single-content|blog-content)(?:\s|$)")
#: class tokens / attributes of the element naming a part's author.
_AUTHOR = re.compile(r"(?:^|[\s_-])(?:author|authors|byline|contributor|respondent|speaker)(?:[\s_-]|$)",
                     re.I)
_NOT_TEXT = frozenset({"script", "style", "noscript", "template"})
#: A part is substantial when it holds this much text (characters, whitespace not counted).
_PART_TEXT = 150
#: A content container is the body only when it holds at least this share of the page's text.
_ENTRY_SHARE = 0.4
_MAX_NAME = 60
_SPACE = re.compile(r"\s+")


def text_len(el: etree._Element) -> int:
    """Characters of text under el (whitespace, scripts and styles not counted)."""
    total = 0
    for node in el.iter():
        tag = node.tag
        if type(tag) is str and tag not in _NOT_TEXT and node.text:
            total += len(_SPACE.sub("", node.text))
        if node is not el and node.tail:
            total += len(_SPACE.sub("", node.tail))
    return total


def _classes(el: etree._Element) -> str:
    return " ".join((el.get("class") or "").split())


#: Words that must appear in a fragment for `pick` to have anything to act on (most pages have
#: none: no second parse). Plain substring tests on the lowered text: a case-insensitive regex
#: alternation scanned every page at ~1 ms, these cost microseconds.
_SNIFF_WORDS = ("<article", "entry-content", "post-content", "article-content", "entry-body",
                "post-body", "post-entry", "article-body", "td-post-content", "single-content",
                "blog-content", "author", "byline", "contributor", "respondent", "speaker")
#: All of them found in one pass over the bytes (a dozen substring scans cost several times more).
_SNIFF_BYTES = ahocorasick_rs.BytesAhoCorasick(
    [word.encode("ascii") for word in _SNIFF_WORDS],
    implementation=ahocorasick_rs.Implementation.DFA).find_matches_as_indexes


def _mentions(source: str) -> bool:
    """Whether source.lower() holds one of _SNIFF_WORDS. The words are ASCII, and only two
    characters lower to ASCII letters: U+0130 (an `i` plus a combining dot, which ends no word) and
    the Kelvin sign (`k`, in `speaker`): without the latter, lowering the UTF-8 bytes (ASCII only)
    finds the same words at a fraction of the cost of lowering the whole text and scanning it per word."""
    if "\u212a" in source:
        low = source.lower()
        return any(word in low for word in _SNIFF_WORDS)
    return bool(_SNIFF_BYTES(source.encode("utf-8", "surrogatepass").lower()))


def focus(source: str) -> str:
    """The part of an HTML fragment that `pick` chooses, as HTML, contributor headings made;
    source itself when pick leaves the choice to the general rules."""
    if not _mentions(source):
        return source
    try:
        parser = etree.HTMLParser(recover=True)
        parser.feed(source)
        tree = parser.close()
    except (etree.LxmlError, UnicodeError, LookupError, ValueError):
        return source
    if tree is None:
        return source
    found = pick(tree)
    if found is None:
        return source
    try:
        return etree.tostring(found, encoding="unicode", method="html", with_tail=False)
    except (etree.LxmlError, ValueError):
        return source


def pick(tree: etree._Element) -> etree._Element | None:
    """The article's element by the rules above, or None to leave the choice to the caller."""
    entries: list[etree._Element] = []
    articles: list[etree._Element] = []
    authors: list[etree._Element] = []
    for el in tree.iter():
        if type(el.tag) is not str:
            continue
        cls = _classes(el)
        if cls and _ENTRY.search(cls):
            entries.append(el)
        elif el.tag == "article":
            articles.append(el)
        if _is_author(el, cls):
            authors.append(el)
    parts = _outermost([a for a in articles if text_len(a) >= _PART_TEXT and not _in_chrome(a)])
    if len(parts) < 2:
        entries = _outermost(entries)
        parts = [e for e in entries if text_len(e) >= _PART_TEXT]
    if len(parts) < 2:
        parts = _author_parts(_outermost(authors))
    if len(parts) >= 2:
        root = _common_ancestor(parts)
        contributor_headings([a for a in _outermost(authors) if _inside(a, root)])
        return root
    if entries and text_len(entries[0]) >= _ENTRY_SHARE * text_len(tree):
        return entries[0]  # a content container, not a styled section inside the story
    return None


def _is_author(el: etree._Element, cls: str) -> bool:
    if el.tag in ("h1", "h2", "h3", "h4", "h5", "h6", "body", "html", "article", "meta", "link"):
        return False
    marks = cls + " " + (el.get("rel") or "") + " " + (el.get("itemprop") or "")
    return bool(marks.strip()) and bool(_AUTHOR.search(marks))


def _name(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


def _inside(el: etree._Element, root: etree._Element) -> bool:
    return el is root or any(a is root for a in el.iterancestors())


def _author_parts(authors: list[etree._Element]) -> list[etree._Element]:
    """For pages whose parts are marked only by their authors: each author's part is its nearest
    ancestor holding substantial text and no other author. [] unless two or more such parts."""
    authors = [a for a in authors if 2 <= len(_name(a)) <= _MAX_NAME]
    if len(authors) < 2:
        return []
    parts = []
    others = set(authors)
    for author in authors:
        for anc in author.iterancestors():
            if any(o is not author and o in others for o in anc.iter()):
                break
            if text_len(anc) >= _PART_TEXT + len(_name(author)):
                parts.append(anc)
                break
    return parts if len(parts) >= 2 else []


def _in_chrome(el: etree._Element) -> bool:
    """Inside a nav/footer/aside or a chrome-classed container (related posts, sidebars)."""
    for a in el.iterancestors():
        if a.tag in chrome.DROP_TAGS or a.tag == "aside":
            return True
        marks = (a.get("class") or "") + " " + (a.get("id") or "")
        if marks.strip() and chrome.is_chrome_class(marks):
            return True
    return False


def _outermost(els: list[etree._Element]) -> list[etree._Element]:
    """els without those nested inside another of them (document order kept)."""
    chosen = set(els)
    return [e for e in els if not any(a in chosen for a in e.iterancestors())]


def _common_ancestor(els: list[etree._Element]) -> etree._Element:
    paths = [[e, *e.iterancestors()][::-1] for e in els]
    common = paths[0][0]
    for level in zip(*paths, strict=False):
        if all(x is level[0] for x in level):
            common = level[0]
        else:
            break
    return common


def contributor_headings(authors: list[etree._Element]) -> int:
    """Turn the short author elements of a multi-part page into `<h4>` headings, when there are
    at least two (one byline is metadata, several are a page of contributions). Returns how many."""
    found = [a for a in authors if 2 <= len(_name(a)) <= _MAX_NAME]
    if len(found) < 2:
        return 0
    for el in found:
        name, tail = _name(el), el.tail
        for child in list(el):
            el.remove(child)
        el.attrib.clear()
        el.tag, el.text, el.tail = "h4", name, tail
    return len(found)
