"""Front matter (Jekyll/Hugo/Hexo YAML between `---` lines, or Hugo TOML between `+++`),
then a feed archive block, a scraped HTML fragment or a Markdown body.

Read tolerantly, as the blogs write it: keys indented (` title:  愤怒的人民已不再恐惧`), tabs,
any case (`Lastmod:`), values plain, "double" or 'single' quoted, lists in flow (`[a, b]`) or
block (`- a`) style; nested keys are not fields. Any front matter followed by text is an article:
without a `title` key the body's first heading is the title, else the file's name.

When both the front matter and a feed header give a field, the front matter's title wins
(it is the post's own), the URL is the same page, and of the dates the more precise one
wins with its offset kept (`2014-09-02T15:47:20+02:00`, not the feed's UTC day).
"""

from __future__ import annotations

import json
import os
import re

from ...model import Article, Rejection
from .. import dates, mdbody, sources
from ..text import clean_line
from . import feed
from .base import SNIFF_CHARS, Draft, finish

_BLOCK = re.compile(r"\A\s*(?P<fence>---|\+\+\+)[ \t]*\n(?P<yaml>.*?)\n"
                    r"[ \t]*(?:(?P=fence)|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_KEY = re.compile(r"^(?P<indent>[ \t]*)(?P<key>[A-Za-z_][\w-]*)[ \t]*[:=][ \t]*(?P<value>.*?)[ \t]*$")
_ITEM = re.compile(r"^[ \t]*-[ \t]+(?P<value>.+?)[ \t]*$")
_HEADING = re.compile(r"\A\s*#[ \t]+(?P<title>[^\n]+?)[ \t#]*(?:\n|\Z)")
#: Keys naming the original page, most trusted first (`url` is often the mirror's own page).
_URL_KEYS = ("from", "original_url", "originalurl", "canonical_url", "canonicalurl", "canonical",
             "source_url", "sourceurl", "url", "link", "permalink", "source")
_DATE_KEYS = ("date", "published", "publishdate", "pubdate", "created", "datecreated",
              "lastmod", "updated", "modified")
#: An absolute URL, or a host and path without a scheme (`mp.weixin.qq.com/s?…`), not `/2020/x/`.
_ABSOLUTE = re.compile(r"^(?:https?:)?//\S|^[\w-]+(?:\.[\w-]+)+(?:/|\?|$)", re.I)
_WAYBACK = re.compile(r"^https?://web\.archive\.org/web/\d+[a-z_]*/(?P<url>https?://.+)$", re.I)


def split(text: str) -> tuple[dict[str, str], str] | None:
    """(top-level fields, rest of the file) or None when there is no front matter.

    A list's items are joined by ", " (`tags: [a, b]` and `tags:\\n  - a\\n  - b` alike).
    """
    m = _BLOCK.match(text)
    if not m:
        return None
    fields: dict[str, str] = {}
    lines = m.group("yaml").expandtabs(4).splitlines()
    keyed = [kv for kv in map(_KEY.match, lines) if kv]
    top = min((len(kv.group("indent")) for kv in keyed), default=0)
    current = ""
    for line in lines:
        kv = _KEY.match(line)
        if kv and len(kv.group("indent")) == top:
            current = kv.group("key").lower()
            if current not in fields:
                fields[current] = _scalar(kv.group("value"))
            elif not kv.group("value"):
                current = ""  # a repeated key: the first one holds
            continue
        item = _ITEM.match(line)
        if item and current and not kv:
            value = _scalar(item.group("value"))
            fields[current] = f"{fields[current]}, {value}" if fields[current] else value
        elif kv:
            current = ""  # a nested key: not a field, and its items are not ours
    return fields, text[m.end():]


def _scalar(value: str) -> str:
    """A YAML scalar as blogs write it: plain, "double" (JSON escapes), 'single', or a flow list."""
    if len(value) >= 2 and value[0] == value[-1] == '"':
        try:
            return str(json.loads(value))
        except ValueError:
            return value[1:-1]
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'")
    if value.startswith("[") and value.endswith("]"):
        items = (_scalar(v.strip()) for v in value[1:-1].split(","))
        return ", ".join(i for i in items if i)
    if value.startswith(("[", "{", "|", ">", "&", "*")):
        return ""  # block scalars, maps and anchors are not fields we read
    return value.split(" #", 1)[0].strip()


def sniff(text: str) -> bool:
    found = split(text[:SNIFF_CHARS])
    return found is not None and bool(found[0]) and (
        any(k in found[0] for k in ("title", "date", "from", "url", "layout")) or bool(found[1].strip()))


def parse(text: str, path: str) -> Article | Rejection:
    found = split(text)
    if found is None:
        return Rejection(path, "not an article: no front matter")
    fields, rest = found
    parts = feed.split(rest)
    if parts:
        draft = feed.to_draft(parts)
    elif mdbody.is_markdown(rest):
        rest, heading = _drop_title_heading(rest, fields.get("title", ""))
        draft = Draft(title=heading, html=mdbody.to_html(rest))
    else:
        draft = Draft(html=rest)
    url = _original(fields)
    if url:
        draft.url = url
    draft.title = fields.get("title") or draft.title or _title_from_name(path)
    draft.author = fields.get("author") or fields.get("authors") or draft.author
    fm_date = next((d for d in map(dates.parse_date, (fields.get(k, "") for k in _DATE_KEYS)) if d), "")
    draft.published = dates.precise(fm_date, draft.published)
    return finish(draft, path, "frontmatter")


def _original(fields: dict[str, str]) -> str:
    """The original page's URL: the first key holding a URL that is not a mirror's page
    (an Internet Archive capture gives the page it captured)."""
    for key in _URL_KEYS:
        url = fields.get(key, "")
        if m := _WAYBACK.match(url):
            url = m.group("url")
        if _ABSOLUTE.match(url) and not sources.is_mirror(url):
            return url
    return ""


def _drop_title_heading(body: str, title: str) -> tuple[str, str]:
    """The body without its first `# heading` when that repeats the title (or stands for a
    missing one), and the heading's text."""
    m = _HEADING.match(body)
    if not m:
        return body, ""
    heading = m.group("title")
    if not title or clean_line(heading) == clean_line(title):
        return body[m.end():], heading
    return body, ""


def _title_from_name(path: str) -> str:
    """A file's name as its title when it says something (`2020-01-19-分裂网.md`, not `36.md`)."""
    stem = os.path.splitext(os.path.basename(path))[0]
    stem = re.sub(r"^\d{4}-\d{1,2}-\d{1,2}[-_ ]*", "", stem).replace("_", " ").strip()
    generic = re.fullmatch(r"(?:article|post|index)[ -]?\d*", stem, re.I)
    return stem if re.search(r"[^\W\d]", stem) and not generic else ""
