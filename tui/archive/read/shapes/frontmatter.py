"""Jekyll/YAML front matter (`title:`, `date:`, `author:`, `from:`), then either a feed
archive block or a scraped HTML fragment.

When both the front matter and a feed header give a field, the front matter's title wins
(it is the post's own), the URL is the same page, and of the dates the more precise one
wins with its offset kept (`2014-09-02T15:47:20+02:00`, not the feed's UTC day).
"""

from __future__ import annotations

import json
import re

from ...model import Article, Rejection
from .. import dates, sources
from . import feed
from .base import SNIFF_CHARS, Draft, finish

_BLOCK = re.compile(r"\A\ufeff?---[ \t]*\r?\n(?P<yaml>.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*:\s*(?P<value>.*?)\s*$")


def split(text: str) -> tuple[dict[str, str], str] | None:
    """(scalar fields, rest of the file) or None when there is no front matter."""
    m = _BLOCK.match(text)
    if not m:
        return None
    fields: dict[str, str] = {}
    for line in m.group("yaml").splitlines():
        kv = _KEY.match(line)
        if kv and kv.group("key").lower() not in fields:
            fields[kv.group("key").lower()] = _scalar(kv.group("value"))
    return fields, text[m.end():]


def _scalar(value: str) -> str:
    """A YAML scalar as written by feed mirrors: plain, "double" (JSON escapes) or 'single'."""
    if len(value) >= 2 and value[0] == value[-1] == '"':
        try:
            return str(json.loads(value))
        except ValueError:
            return value[1:-1]
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'")
    if value.startswith(("[", "{", "|", ">")):
        return ""  # lists and block scalars are not fields we read
    return value.split(" #", 1)[0].strip()


def sniff(text: str) -> bool:
    found = split(text[:SNIFF_CHARS])
    return found is not None and any(k in found[0] for k in ("title", "date", "from", "url", "layout"))


def parse(text: str, path: str) -> Article | Rejection:
    found = split(text)
    if found is None:
        return Rejection(path, "not an article: no front matter")
    fields, rest = found
    parts = feed.split(rest)
    draft = feed.to_draft(parts) if parts else Draft(html=rest)
    url = fields.get("from") or fields.get("url") or fields.get("link") or fields.get("source_url", "")
    if url and not sources.is_mirror(url):
        draft.url = url
    draft.title = fields.get("title") or draft.title
    draft.author = fields.get("author") or draft.author
    fm_date = dates.parse_date(fields.get("date", "") or fields.get("published", ""))
    draft.published = dates.precise(fm_date, draft.published)
    return finish(draft, path, "frontmatter")
