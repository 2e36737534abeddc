"""How an article's date is said, the same in the app, `newstui show`, `search` and saved files.

`2024-04-10 01:54` for a datetime, `2020-07-20` for a date, and `≈ 2020-07-01` for an article the
file gives no date for, placed by the day its mirror archived it (`Article.date_approx`).
"""

from __future__ import annotations

import re

from .read.text import strip_controls

__all__ = ["article_date", "date_label"]

_SPACES = re.compile(r"\s+")
APPROX = "≈ "


def date_label(published: str, *, time: bool = True) -> str:
    """`2024-04-10 01:54` from an ISO date/datetime (`2024-04-10` with time=False); the cleaned
    input, cut to 10 characters, when it is not ISO."""
    published = _SPACES.sub(" ", strip_controls(published)).strip()
    if len(published) >= 16 and published[10] == "T" and time:
        return f"{published[:10]} {published[11:16]}"
    return published[:10]


def article_date(published: str, archived: str, approx: bool, *, time: bool = True) -> str:
    """The date shown for an article: `date_label(published)`, or `≈ 2020-07-14` (the archive
    day) when the file gives no publication date and the article is placed by its archive time;
    "" when there is neither."""
    if approx and not published:
        day = date_label(archived, time=False)
        return f"{APPROX}{day}" if day else ""
    return date_label(published, time=time)
