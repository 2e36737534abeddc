"""Feed archive: `<!--epoch-ms-->`, `[title](url)`, `------`, a date line, the HTML body.

The date line differs per source: `<div><i>Wed, 10 Apr 2024 01:54:23 GMT</i></div>` (VOA),
`<div>07/01/2022 - 13:38</div>` (RFI), `<div><i>AUTHOR<br>2020-07-20 17:51:00</i></div>` (DW,
NYT), `<div></div>` (FT), `日期：<RFC 822>` (CDT), or nothing at all (RFA). The archived stamp
may be missing or `NaN`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...model import Article, Rejection
from .. import dates, sources
from ..text import clean_line
from .base import SNIFF_CHARS, Draft, finish

_STAMP = re.compile(r"\A\s*<!--\s*(\d+|NaN|null|undefined)?\s*-->[ \t]*\n")
_HEAD = re.compile(r"\A\s*\[(?P<title>.*)\]\((?P<url>[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)\)[ \t]*\n"
                   r"[ \t]*-{3,}[ \t]*(?:\n|\Z)")
# The first element after the underline, when it is a short one-line <div>: the date line.
_DATE_DIV = re.compile(r"\A\s*<div>\s*(?:<i>)?(?P<inner>(?:(?!</?(?:div|p|img)\b).){0,300}?)"
                       r"(?:</i>)?\s*</div>", re.S | re.I)
_DATE_TEXT = re.compile(r"\A\s*(?P<inner>(?:日期|时间|時間|Date)\s*[:：][^\n<]{4,60})\n")
_BR = re.compile(r"<br\s*/?>", re.I)
_TAGS = re.compile(r"<[^>]+>")


@dataclass
class FeedParts:
    title: str
    url: str
    archived: str
    date_line: str  # "" when the file has none
    author: str
    html: str


def split(text: str) -> FeedParts | None:
    """The envelope pieces, or None when text is not a feed archive."""
    archived = ""
    if m := _STAMP.match(text):
        archived = dates.from_epoch_ms(m.group(1) or "")
        text = text[m.end():]
    head = _HEAD.match(text)
    if not head:
        return None
    rest = text[head.end():]
    date_line = author = ""
    if m := _DATE_TEXT.match(rest):
        date_line, rest = m.group("inner"), rest[m.end():]
    elif (m := _DATE_DIV.match(rest)) and _is_date_line(m.group("inner")):
        *names, date_line = [clean_line(_TAGS.sub("", part)) for part in _BR.split(m.group("inner"))]
        author = " ".join(names)
        rest = rest[m.end():]
    return FeedParts(head.group("title"), head.group("url").strip(), archived, date_line, author, rest)


def _is_date_line(inner: str) -> bool:
    """Empty (FT), or its last `<br>` part reads as a date."""
    last = _TAGS.sub("", _BR.split(inner)[-1]).strip()
    return not last or bool(dates.parse_date(last))


def sniff(text: str) -> bool:
    return split(text[:SNIFF_CHARS]) is not None


def to_draft(parts: FeedParts) -> Draft:
    source = sources.from_url(parts.url)
    zone = dates.NAIVE_ZONES.get(source.key if source else "", "UTC")
    published = dates.parse_date(parts.date_line, zone) if parts.date_line else ""
    return Draft(title=parts.title, url=parts.url, published=published, archived=parts.archived,
                 author=parts.author, html=parts.html)


def parse(text: str, path: str) -> Article | Rejection:
    parts = split(text)
    if parts is None:
        return Rejection(path, "not an article: no [title](url) header")
    return finish(to_draft(parts), path, "feed")
