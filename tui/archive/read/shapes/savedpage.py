"""Saved page: `<!-- {"url":…,"title":…} -->` (a JSON header, as WeChat archivers write
it) then a complete HTML page. The header wins over the page's own metadata; its URL may
lack a scheme (`mp.weixin.qq.com/s?…`) and is normalised to https:// by `finish`.
"""

from __future__ import annotations

import json
import re

from ...model import Article, Rejection
from .. import dates
from .base import SNIFF_CHARS, Draft, finish
from .htmlpage import read_page

_HEADER = re.compile(r"\A\s*<!--\s*(?P<json>\{.*?\})\s*-->", re.S)


def header(text: str) -> dict[str, object] | None:
    m = _HEADER.match(text[:SNIFF_CHARS])
    if not m:
        return None
    try:
        data = json.loads(m.group("json"))
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def sniff(text: str) -> bool:
    data = header(text)
    return data is not None and any(k in data for k in ("url", "title", "link"))


def parse(text: str, path: str) -> Article | Rejection:
    data = header(text)
    if data is None:
        return Rejection(path, "not an article: bad saved-page header")
    page = read_page(text[_HEADER.match(text).end():])  # type: ignore[union-attr]

    def field(*keys: str) -> str:
        for key in keys:
            value = data.get(key)
            if isinstance(value, str | int | float) and str(value).strip():
                return str(value).strip()
        return ""

    published = dates.precise(page.published, dates.parse_date(field("published", "date", "created_at")))
    draft = Draft(title=field("title") or page.title, url=field("url", "link") or page.url,
                  published=published, author=field("author", "nickname") or page.author,
                  html=page.html)
    return finish(draft, path, "savedpage")
