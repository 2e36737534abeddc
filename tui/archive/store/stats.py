"""How faithfully an archive was read, per source and shape: `newstui check --stats`.

For each (source, shape): articles, empty bodies, short bodies (under SHORT characters of text),
*lost* bodies (short, although the file itself holds at least SHORT characters of readable text:
what a reader would call a missing article), undated articles, approximate dates (placed by the
archive time), bodies found by the text-density fallback rather than a shape rule, bodies whose
text kept *markup* (Markdown syntax: `](`, `![`, a `> ` or `### ` line, a table rule; or an HTML
tag: a body read right has none), and *tables* (table blocks found).

The readable text of a file is measured apart from the parsers, deliberately crudely: tags,
comments, scripts, styles, front matter and URLs removed, entities decoded, markdown nav/promo
lines (headings made of links, link-only lines), link targets and rules dropped, whitespace not
counted. It is computed only for the short bodies, so the stats stay cheap.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model import Article

#: Bodies shorter than this (characters of text, whitespace not counted) are "short".
SHORT = 300
_DROP = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)
_TAG = re.compile(r"<[^<>]*>")
_MD_TARGET = re.compile(r"\]\([^)\s]*\)")
_RULE = re.compile(r"^[ \t]*[-=*_#>|]{3,}[ \t]*$", re.M)
#: A mirror's markdown nav bars and promo lines: headings made of links, link-only lines.
_MD_NAV = re.compile(r"^[ \t]*(?:#{1,6}[ \t][^\n]*\]\([^\n]*|(?:\[[^\]\n]*\]\([^)\n]*\)[ \t|&nbsp;]*)+)$",
                     re.M)
_SPACE = re.compile(r"\s+")
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*\n", re.S)
_URL = re.compile(r"(?:https?:)?//[^\s<>\"')]+")

#: Markup left in body text: Markdown links, images, quote/heading marks, table rules; HTML tags.
_MARKUP = re.compile(r"\]\((?:https?:)?/|!\[[^\]\n]*\]|^>[ \t]|^#{1,6}[ \t]|^\|?[ \t]*:?-{3,}:?[ \t]*\|"
                     r"|</?(?:p|div|span|a|img|br|h[1-6]|li|ul|ol|table|td|tr|strong|em|figure)\b[^<>\n]*>",
                     re.M | re.I)

COLUMNS = ("articles", "empty", "short", "lost", "undated", "approx", "fallback", "markup", "tables")


@dataclass
class Row:
    source: str
    shape: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COLUMNS, 0))
    lost: list[str] = field(default_factory=list)  # paths of the lost bodies
    undated: list[str] = field(default_factory=list)  # paths of undated articles


def text_chars(path: str, limit: int = 8 * 2**20) -> int:
    """Characters of readable text in a file (whitespace not counted); 0 if unreadable."""
    try:
        with open(path, "rb") as f:
            raw = f.read(limit)
    except OSError:
        return 0
    text = raw.decode("utf-8", "replace")
    text = _MD_NAV.sub(" ", _DROP.sub(" ", _FRONT_MATTER.sub("", text)))
    text = _TAG.sub(" ", text)
    text = _MD_TARGET.sub("]", _RULE.sub(" ", text))
    return len(_SPACE.sub("", _URL.sub(" ", html.unescape(text))))


def body_chars(article: Article) -> int:
    return sum(len(_SPACE.sub("", b.text)) for b in article.body)


def has_markup(article: Article) -> bool:
    """Markdown syntax or HTML tags left in the body's text (a table block's ` | ` is its own)."""
    return any(_MARKUP.search(b.text) for b in article.body if b.kind != "table")


def collect(articles: Iterable[Article]) -> list[Row]:
    """Rows per (source, shape), most articles first; full articles (with bodies) expected."""
    rows: dict[tuple[str, str], Row] = {}
    for a in articles:
        row = rows.setdefault((a.source, a.shape), Row(a.source, a.shape))
        c = row.counts
        c["articles"] += 1
        chars = body_chars(a)
        if chars == 0:
            c["empty"] += 1
        if chars < SHORT:
            c["short"] += 1
            if text_chars(a.path) - chars >= SHORT:
                c["lost"] += 1
                row.lost.append(a.path)
        if not a.published and not a.date_approx:
            c["undated"] += 1
            row.undated.append(a.path)
        if a.date_approx:
            c["approx"] += 1
        if a.extraction == "fallback":
            c["fallback"] += 1
        if has_markup(a):
            c["markup"] += 1
        c["tables"] += sum(1 for b in a.body if b.kind == "table")
    return sorted(rows.values(), key=lambda r: (-r.counts["articles"], r.source, r.shape))


def total(rows: list[Row]) -> Row:
    whole = Row("all", "all")
    for row in rows:
        for key, value in row.counts.items():
            whole.counts[key] += value
        whole.lost += row.lost
        whole.undated += row.undated
    return whole


def table(rows: list[Row]) -> str:
    """The rows and their total as an aligned text table."""
    lines = [f"{'source':<24} {'shape':<12}" + "".join(f"{c:>9}" for c in COLUMNS)]
    for row in [*rows, total(rows)]:
        lines.append(f"{row.source[:24]:<24} {row.shape[:12]:<12}"
                     + "".join(f"{row.counts[c]:>9}" for c in COLUMNS))
    return "\n".join(lines)
