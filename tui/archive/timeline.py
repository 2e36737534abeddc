"""An entity (or any set of articles) over time: articles per month, first and last dates.

What the names panel draws as a sparkline and `newstui names --json` prints as `months`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

_MONTH = re.compile(r"\d{4}-\d{2}")


@dataclass(frozen=True)
class Timeline:
    months: dict[str, int]  # "YYYY-MM" -> articles, every month from the first to the last
    first: str  # the earliest date ("" when none is dated)
    last: str

    def counts(self) -> list[int]:
        return list(self.months.values())

    def to_dict(self) -> dict[str, object]:
        """For JSON: the months that have articles, and the first and last dates."""
        return {"months": {m: n for m, n in self.months.items() if n}, "first": self.first, "last": self.last}


def _next(month: str) -> str:
    year, mon = int(month[:4]), int(month[5:7])
    return f"{year + mon // 12:04d}-{mon % 12 + 1:02d}"


def timeline(published: Iterable[str]) -> Timeline:
    """The timeline of articles published on `published` (ISO dates; undated ones are skipped)."""
    dates = sorted(p[:10] for p in published if _MONTH.match(p[:7]))
    if not dates:
        return Timeline({}, "", "")
    counts = Counter(d[:7] for d in dates)
    months: dict[str, int] = {}
    month = dates[0][:7]
    while month <= dates[-1][:7]:
        months[month] = counts.get(month, 0)
        month = _next(month)
    return Timeline(months, dates[0], dates[-1])
