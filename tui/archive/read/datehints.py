"""Dates from the weaker evidence a file holds, for articles whose shape gave none.

* `complete`: a year for a dateline that has none (`路透北京8月28日 -`), from the other times
  the file holds (below).
* `from_html`: the page's own `<time datetime>` or `article:published_time` in a scraped fragment.
* `byline`: a full date in a short byline line at the top of the body (`记者 王小明 2022年5月17日`).
* `from_path`: the `YYYY-MM-DD` a Jekyll-style mirror puts in a post's file or folder name, which
  is when the mirror saved it: an archive time (day precision), so the date is approximate.

Wire-style datelines give the month and day only. The year is taken from the evidence the file
also carries: dates in the article URL, date stamps in its image URLs (`?d=20180829`,
`/2018/08/29/`, `/20180829…`), and the archive time. A year is accepted only when the dateline's
day in that year lies within a month of one of those dates (so a stamp from another year, an old
picture reused, cannot date the article), and when the candidates do not disagree.
"""

from __future__ import annotations

import re
from datetime import date

from . import dates

#: `路透北京8月28日 -`, `（法新社巴黎3月5日电）`, `新华社北京10月1日电`: a place/agency, month, day.
_YEARLESS = re.compile(r"^[（(【\[]?\s*([^\s\d。，,：:（(【\[]{1,16}?)\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]"
                       r"\s*(?:电|讯|訊|電)?\s*[)）】\]]?\s*(?:[-—–－]|$|\s)")
#: Date stamps in image URLs: `d=20180829`, `/2018/08/29/`, `/20180829` followed by a non-digit.
_STAMPS = (re.compile(r"[?&](?:d|date|t)=((?:19|20)\d{2})(\d{2})(\d{2})(?!\d)"),
           re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})/"),
           re.compile(r"[/_-]((?:19|20)\d{2})(\d{2})(\d{2})(?!\d)"))
_IMG_SRC = re.compile(r"""<img\b[^>]*?\bsrc\s*=\s*["']?([^"'\s>]+)""", re.I)
#: How far the dateline's day may lie from the evidence (days).
WINDOW = 31
_TIME = re.compile(r"""<time\b[^>]*?\bdatetime\s*=\s*["']([^"']{10,40})["']"""
                   r"""|<meta\b[^>]*?(?:property|name|itemprop)\s*=\s*["'](?:article:published_time|datePublished)["']"""
                   r"""[^>]*?content\s*=\s*["']([^"']{10,40})["']""", re.I)
_YMD_ANY = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)")
_PATH_DAY = re.compile(r"(?:^|[/\\])((?:19|20)\d{2})-(\d{2})-(\d{2})(?:-[^/\\]*|[/\\][^/\\]+)$")
_BYLINE = 60


def month_day(lead: str) -> tuple[int, int] | None:
    """(month, day) of a year-less dateline at the start of the lead text, else None."""
    m = _YEARLESS.match(lead.strip()[:40])
    if not m:
        return None
    month, day = int(m[2]), int(m[3])
    return (month, day) if 1 <= month <= 12 and 1 <= day <= 31 else None


def publisher(lead: str) -> str:
    """The agency and place before a year-less dateline (`路透北京`), "" when there is none."""
    m = _YEARLESS.match(lead.strip()[:40])
    return m[1] if m else ""


def image_dates(html: str) -> list[date]:
    """Dates stamped in the URLs of the images of an HTML body."""
    found = []
    for src in _IMG_SRC.findall(html[:300_000]):
        src = src.replace("&amp;", "&")
        for pattern in _STAMPS:
            m = pattern.search(src)
            if m:
                day = _valid(int(m[1]), int(m[2]), int(m[3]))
                if day:
                    found.append(day)
                break
    return found


def _valid(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d) if 1990 <= y <= 2100 else None
    except ValueError:
        return None


def _day(iso: str) -> date | None:
    try:
        return date.fromisoformat(iso[:10]) if len(iso) >= 10 else None
    except ValueError:
        return None


def complete(lead: str, url: str, html: str, archived: str) -> str:
    """The ISO date of a year-less dateline in lead, its year from the URL, image stamps or the
    archive time when they agree within WINDOW days; "" otherwise."""
    md = month_day(lead)
    if md is None:
        return ""
    evidence = [d for d in (_day(dates.from_url(url)), _day(archived)) if d] + image_dates(html)
    found: set[date] = set()
    for near in evidence:
        for year in (near.year - 1, near.year, near.year + 1):
            day = _valid(year, *md)
            if day and abs((day - near).days) <= WINDOW:
                found.add(day)
    return found.pop().isoformat() if len(found) == 1 else ""


def from_html(html: str) -> str:
    """The first `<time datetime>` or published-time meta of a fragment, as ISO ("" if none)."""
    m = _TIME.search(html[:50_000])
    return dates.parse_date(m[1] or m[2]) if m else ""


def byline(texts: list[str]) -> str:
    """A full date in one of the first short lines of the body (a byline), as an ISO date."""
    for text in texts[:4]:
        if len(text) <= _BYLINE and (m := _YMD_ANY.search(text)):
            day = _valid(int(m[1]), int(m[2]), int(m[3]))
            if day:
                return day.isoformat()
    return ""


def from_path(path: str) -> str:
    """`…/2020-11-06-title.md` or `…/2020-11-06/title.md` -> `2020-11-06` ("" otherwise)."""
    m = _PATH_DAY.search(path)
    day = _valid(int(m[1]), int(m[2]), int(m[3])) if m else None
    return day.isoformat() if day else ""
