"""Parse a search box query: words, OR, "exact phrases", -exclusions, filters and the order.

    kishida aukus              both words must match (each may be fuzzy, pinyin or a name)
    kishida OR blinken         either word. OR binds tighter than the space between words, as in
                               Gmail and notmuch: `aukus kishida OR blinken` = aukus AND (kishida OR blinken)
    "joint statement"          an exact phrase (case-insensitive, no fuzziness, no aliases)
    -trump  -"white house"     exclude articles matching the word or phrase
    source:voa  year:2024      filters (source key, display name or a platform's channel);
                               several source: or year: mean any of them
    after:2024-01  before:2024-06-30  date:2024-03  date:2024-01..2024-06  date:..2024-06
                               dates: a year, month or day; bounds included; either end may be open;
                               an article's approximate date counts when it has no other
    after:30d  after:2w  after:6m  after:1y  (also before:, date:)
                               relative to today (days, weeks, months, years), computed at query time
    sort:date  sort:relevance  newest first / best first (best first is the default with words)

Filters without words (`after:30d`, `source:voa sort:date`) list every article they let through,
newest first. Nothing here raises: a filter whose value is not understood stays a word searched
literally, an `OR` without a word on each side is dropped, and `Query.notes` says so in one line each.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

FILTERS = ("source", "year", "after", "before", "date", "sort")
SORTS = ("relevance", "date")

#: The syntax as the help screen, `newstui search --help` and docs/search.md show it.
SYNTAX: list[tuple[str, str]] = [
    ("kishida aukus", "both words (names, pinyin, typos allowed)"),
    ("kishida OR blinken", "either word; a b OR c means a AND (b OR c)"),
    ('"joint statement"', "an exact phrase"),
    ('-trump -"white house"', "exclude a word or phrase"),
    ("source:voa year:2024", "a source, a year (several: any of them)"),
    ("after:2024-01", "from a year, month or day on (before: up to it)"),
    ("date:2024-01..2024-06", "a range (bounds in); date:..2024-06; date:2024-03"),
    ("after:30d", "relative to today: 30d, 2w, 6m, 1y (days ... years)"),
    ("sort:date", "newest first (sort:relevance: best first)"),
]

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_QUOTES = str.maketrans({"“": '"', "”": '"', "＂": '"', "「": '"', "」": '"'})
_DATE = re.compile(r"(\d{4})(?:[-/.]?(\d{1,2})(?:[-/.]?(\d{1,2}))?)?")
_RELATIVE = re.compile(r"(\d{1,5})([dwmy])")
_ANY_OF = ("source", "year")  # filters that already mean "any of them": OR between them is harmless


@dataclass(frozen=True)
class Either:
    """Words and phrases of which an article must match at least one (`a OR "b c" OR d`)."""

    words: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    last: bool = False  # its last word ends the query (maybe a prefix still being typed)


@dataclass
class Query:
    words: list[str] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)
    any_of: list[Either] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    exclude_phrases: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    years: list[str] = field(default_factory=list)
    after: str = ""  # ISO prefix: published[:len(after)] >= after
    before: str = ""  # ISO prefix: published[:len(before)] <= before
    sort: str = ""  # "relevance" | "date" | "" (not said)
    notes: list[str] = field(default_factory=list)  # what was not understood, and what was done instead

    @property
    def has_filters(self) -> bool:
        return bool(self.sources or self.years or self.after or self.before)

    @property
    def has_words(self) -> bool:
        return bool(self.words or self.phrases or self.any_of)

    @property
    def is_empty(self) -> bool:
        """Nothing to look for: no words, no filters, no order, no exclusions (exclusions alone list
        every article without them, newest first)."""
        return not (self.has_words or self.has_filters or self.sort or self.exclude or self.exclude_phrases)

    def order(self, default: str | None = None) -> str:
        """The order of the results: the query's `sort:`, else `default`, else best first when
        there are words to rank by and newest first when there are none."""
        return self.sort or default or ("relevance" if self.has_words else "date")

    def accepts(self, source: str, source_name: str, published: str, channel: str = "") -> bool:
        """Whether an article's metadata passes the filters (`published`: the date it is placed by,
        approximate or not; `channel`: its channel on a platform source)."""
        return self.source_ok(source, source_name, channel) and self.date_ok(published)

    def source_ok(self, source: str, source_name: str, channel: str = "") -> bool:
        if self.sources:
            s, name, chan = source.lower(), source_name.lower(), channel.lower()
            if not any(f == s or (f and f in name) or (f and chan and f in chan) for f in self.sources):
                return False
        return True

    def date_ok(self, published: str) -> bool:
        if self.years and published[:4] not in self.years:
            return False
        if self.after and (not published or published[: len(self.after)] < self.after):
            return False
        return not (self.before and (not published or published[: len(self.before)] > self.before))

    def narrow(self, after: str, before: str) -> None:
        """Narrow the date range: the stricter of each bound wins (`2024-03` is later than `2024`
        as a lower bound, earlier as an upper one)."""
        if after and after > self.after:
            self.after = after
        if before and (not self.before or before + "~" < self.before + "~"):
            self.before = before


def _date(value: str) -> str:
    """`2024`, `2024-4`, `2024/04/09`, `20240409` -> ISO prefix; "" when not a real date."""
    m = _DATE.fullmatch(value)
    if not m:
        return ""
    y, mo, d = m.groups()
    try:
        date(int(y), int(mo or 1), int(d or 1))
    except ValueError:
        return ""
    return y + (f"-{int(mo):02d}" if mo else "") + (f"-{int(d):02d}" if d else "")


def _when(value: str, today: date) -> str:
    """A date as an ISO prefix: absolute (`_date`), relative to `today` (`30d`, `2w`, `6m`, `1y`),
    `today` or `yesterday`; "" when not understood."""
    v = value.lower()
    if v in ("today", "yesterday"):
        return (today - timedelta(days=v == "yesterday")).isoformat()
    m = _RELATIVE.fullmatch(v)
    if not m:
        return _date(value)
    n, unit = int(m.group(1)), m.group(2)
    try:
        if unit in "dw":
            return (today - timedelta(days=n * (7 if unit == "w" else 1))).isoformat()
        months = today.year * 12 + today.month - 1 - n * (12 if unit == "y" else 1)
        year, month = divmod(months, 12)
        day = min(today.day, calendar.monthrange(year, month + 1)[1])
        return date(year, month + 1, day).isoformat()
    except (ValueError, OverflowError):
        return ""


def _range(value: str, today: date) -> tuple[str, str] | None:
    """`date:`'s value -> (after, before); `A..B`, `..B`, `A..`, or one period `A` (= A..A)."""
    lo, dots, hi = value.partition("..")
    if not dots:
        one = _when(value, today)
        return (one, one) if one else None
    start, end = _when(lo, today) if lo else "", _when(hi, today) if hi else ""
    if (lo and not start) or (hi and not end) or not (start or end):
        return None
    if start and end and start[: len(end)] > end[: len(start)]:
        start, end = end, start  # written backwards: the range meant is plain
    return start, end


_HOW = {
    "date": "a date like 2024, 2024-06, 2024-06-30, 30d, or a range 2024-01..2024-06",
    "after": "a date like 2024, 2024-06, 2024-06-30, or 30d, 2w, 6m, 1y ago",
    "year": "a year like 2024",
    "sort": "date or relevance",
}
_HOW["before"] = _HOW["after"]


def _filter(q: Query, key: str, value: str, today: date) -> bool:
    """Apply `key:value` to `q`; False when the value is not understood."""
    if key == "source":
        q.sources.append(value.lower())
    elif key == "sort":
        sort = value.lower()
        if sort not in SORTS:
            return False
        q.sort = sort
    elif key == "year" and ".." not in value:
        year = _date(value)
        if not year:
            return False
        q.years.append(year[:4])
    elif key in ("date", "year"):
        span = _range(value, today)
        if span is None:
            return False
        q.narrow(*span)
    else:
        when = _when(value, today)
        if not when:
            return False
        q.narrow(when if key == "after" else "", when if key == "before" else "")
    return True


def parse(text: str, today: date | None = None) -> Query:
    """The query `text` means; relative dates count back from `today` (default: the current day)."""
    today = today or date.today()
    q = Query()
    # First pass: filters and exclusions apply at once; words, phrases, `OR` and what an OR may
    # not join ("stop", or the key of a filter that already means any-of) stay in order for `_join`.
    items: list[tuple[str, str]] = []  # ("word"|"phrase"|"OR"|"stop"|"source"|"year", text)
    tokens = list(_TOKEN.finditer(text.translate(_QUOTES)))
    for m in tokens:
        neg, phrase, word = m.groups()
        if word is None:
            phrase = " ".join(phrase.split())
            if phrase and neg:
                q.exclude_phrases.append(phrase)
            items.append(("phrase", phrase) if phrase and not neg else ("stop", ""))
            continue
        if word == "OR":
            items.append(("OR", word))
            continue
        name, sep, value = word.partition(":")
        key = name.lower()
        if sep and value and key in FILTERS:
            if _filter(q, key, value, today):
                items.append((key if key in _ANY_OF else "stop", word))
                continue
            q.notes.append(f"{key}: wants {_HOW[key]}; searched for “{word}” as a word")
        if word.startswith("-") and len(word) > 1:
            q.exclude.append(word[1:])
            items.append(("stop", ""))
        elif word != "-":
            items.append(("word", word))
    _join(q, items)
    return q


def _join(q: Query, items: list[tuple[str, str]]) -> None:
    """Second pass: words and phrases joined by OR become one `Either`; the rest are ANDed."""
    if items == [("OR", "OR")]:
        q.words.append("OR")  # the whole query: search for the word
        return
    positive = ("word", "phrase")
    groups: list[list[tuple[str, str]]] = []
    joined = False  # the previous item was an OR that joins the next word to the last group
    dropped = False
    for n, (kind, value) in enumerate(items):
        if kind == "OR":
            before = items[n - 1][0] if n else ""
            after = items[n + 1][0] if n + 1 < len(items) else ""
            joined = before in positive and after in positive
            if not joined and not (before == after and before in _ANY_OF):
                dropped = True
        elif kind in positive:
            if joined:
                groups[-1].append((kind, value))
            else:
                groups.append([(kind, value)])
            joined = False
    if dropped:
        q.notes.append("OR needs a word or phrase on each side; ignored where it had none")
    ends_with_word = bool(items) and items[-1][0] == "word"
    for i, group in enumerate(groups):
        if len(group) == 1:
            (q.words if group[0][0] == "word" else q.phrases).append(group[0][1])
            continue
        words = tuple(v for k, v in group if k == "word")
        phrases = tuple(v for k, v in group if k == "phrase")
        q.any_of.append(Either(words, phrases, last=ends_with_word and i == len(groups) - 1))
