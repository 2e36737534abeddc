"""The main content of a page no shape rule understood, found by text density.

When the shape rules give no body, or far less text than the page holds (`needs_fallback`),
`extract` looks for the smallest element that holds most of the page's *prose*: text that is
not link text and not inside elements that never hold an article (nav, header, footer, aside,
forms, scripts, hidden elements).
Starting at the root it descends into the child holding the most prose for as long as that
child still holds at least SHARE of the page's prose, so a body split into several parts
(contributions, chapters) keeps its common container, while menus, link lists and footers,
which are link text or chrome, never outweigh it. That element is then read by the ordinary
walk (html.body_blocks), so the blocks, images and links come out as for any page.

Why written here rather than a library: trafilatura and readability-lxml do this and more,
but cost 20-30x the time of this pass per page (bench/fallback.py measures both), pull in
several dependencies, and are tuned to English and Latin-script pages; this pass is ~60 lines
over the lxml tree the project already builds.
"""

from __future__ import annotations

import html as htmllib
import re

from lxml import etree

from . import chrome

#: The fallback is tried when the body holds less than this share of the page's text ...
BODY_SHARE = 0.4
#: ... and the page holds at least this many more characters of text than the body.
MIN_GAIN = 300
#: The chosen element holds at least this share of the page's prose.
SHARE = 0.6

_DROP = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)
_TAG = re.compile(r"<[^<>]*>")
_MD_TARGET = re.compile(r"\]\([^)\s]*\)")
_SPACE = re.compile(r"\s+")
_SKIP = chrome.DROP_TAGS | {"aside", "a"}


def page_chars(source: str) -> int:
    """Characters of text in an HTML string (tags, scripts, markdown link targets and whitespace
    not counted): a cheap upper bound of what a body could hold."""
    text = _TAG.sub(" ", _DROP.sub(" ", source))
    if "](" in text:
        text = _MD_TARGET.sub("]", text)
    if "&" in text:
        text = htmllib.unescape(text)
    return sum(map(len, text.split()))  # what `\s` does not match: str.split's whitespace is the same


def needs_fallback(body_chars: int, source: str) -> bool:
    """The shape rules found no body, or far less text than the page holds."""
    if body_chars and len(source) < body_chars * 3:  # cheap: the page cannot hold much more
        return False
    page = page_chars(source)
    return page - body_chars >= MIN_GAIN and body_chars < BODY_SHARE * page


def better(found_chars: int, body_chars: int) -> bool:
    """The fallback's body replaces the shape rules' one only when it holds much more text."""
    return found_chars - body_chars >= MIN_GAIN // 2 and found_chars >= 1.5 * body_chars


def _chrome(el: etree._Element) -> bool:
    """Only the tags that never hold an article count here: class names are what misled the
    shape rules when the fallback runs (`layout has-sidebar` around the whole story)."""
    style = el.get("style")
    return el.tag in _SKIP or (style is not None and bool(chrome.HIDDEN_STYLE.search(style)))


def _prose(root: etree._Element) -> dict[etree._Element, int]:
    """Prose characters under each element (chrome subtrees and link text count nothing)."""
    counts: dict[etree._Element, int] = {}
    stack: list[tuple[etree._Element, bool]] = [(root, False)]
    while stack:
        el, leaving = stack.pop()
        if leaving:
            own = len(_SPACE.sub("", el.text or "")) if el.tag not in ("script", "style") else 0
            total = own + sum(counts.get(c, 0) + len(_SPACE.sub("", c.tail or "")) for c in el
                              if type(c.tag) is str)
            counts[el] = total
            continue
        if type(el.tag) is not str or _chrome(el):
            counts[el] = 0
            continue
        stack.append((el, True))
        stack.extend((c, False) for c in el if type(c.tag) is str)
    return counts


def main_element(root: etree._Element) -> etree._Element | None:
    """The smallest element holding at least SHARE of the page's prose; None if there is none."""
    counts = _prose(root)
    whole = counts.get(root, 0)
    if not whole:
        return None
    node = root
    while True:
        children = [c for c in node if type(c.tag) is str]
        best = max(children, key=lambda c: counts.get(c, 0), default=None)
        if best is None or counts.get(best, 0) < SHARE * whole:
            return node
        node = best


def extract_html(source: str) -> str:
    """The main element of an HTML page or fragment as HTML ("" when none was found)."""
    try:
        parser = etree.HTMLParser(recover=True)
        parser.feed(source)
        tree = parser.close()
    except (etree.LxmlError, UnicodeError, LookupError, ValueError):
        return ""
    if tree is None:
        return ""
    body = tree.find("body")
    found = main_element(body if body is not None else tree)
    if found is None:
        return ""
    for attr in ("class", "id", "style"):  # it was chosen for its text: it is not chrome
        found.attrib.pop(attr, None)
    try:
        return etree.tostring(found, encoding="unicode", method="html", with_tail=False)
    except (etree.LxmlError, ValueError):
        return ""
