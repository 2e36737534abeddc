"""Parse a search box query: words, "exact phrases", -exclusions and filters.

    kishida aukus                 two words, both must match (each may be fuzzy, pinyin or a name)
    "joint statement"             an exact phrase (case-insensitive, no fuzziness, no aliases)
    -trump  -"white house"        exclude articles matching the word or phrase
    source:voa  year:2024  after:2024-01  before:2024-06-30
                                  filters (source key or display name; dates compare as ISO prefixes)

A filter name followed by nothing, or an unknown `name:`, is kept as a plain word, so `2:1` and
`http://x` still search for themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

FILTERS = ("source", "year", "after", "before")
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_QUOTES = str.maketrans({"“": '"', "”": '"', "＂": '"', "「": '"', "」": '"'})


@dataclass
class Query:
    words: list[str] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    exclude_phrases: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    years: list[str] = field(default_factory=list)
    after: str = ""
    before: str = ""

    @property
    def has_filters(self) -> bool:
        return bool(self.sources or self.years or self.after or self.before)

    @property
    def is_empty(self) -> bool:
        return not (self.words or self.phrases or self.has_filters)

    def accepts(self, source: str, source_name: str, published: str) -> bool:
        """Whether an article's metadata passes the filters."""
        if self.sources:
            s, name = source.lower(), source_name.lower()
            if not any(f == s or (f and f in name) for f in self.sources):
                return False
        if self.years and published[:4] not in self.years:
            return False
        if self.after and (not published or published[: len(self.after)] < self.after):
            return False
        return not (self.before and (not published or published[: len(self.before)] > self.before))


def _date(value: str) -> str:
    """`2024`, `2024-4`, `2024/04/09`, `20240409` -> ISO prefix; "" when not a date."""
    m = re.fullmatch(r"(\d{4})(?:[-/.]?(\d{1,2})(?:[-/.]?(\d{1,2}))?)?", value)
    if not m:
        return ""
    y, mo, d = m.groups()
    return y + (f"-{int(mo):02d}" if mo else "") + (f"-{int(d):02d}" if d else "")


def parse(text: str) -> Query:
    q = Query()
    for m in _TOKEN.finditer(text.translate(_QUOTES)):
        neg, phrase, word = m.groups()
        if word is None:
            phrase = " ".join(phrase.split())
            if phrase:
                (q.exclude_phrases if neg else q.phrases).append(phrase)
            continue
        name, sep, value = word.partition(":")
        key = name.lower()
        if sep and value and key in FILTERS:
            if key == "source":
                q.sources.append(value.lower())
                continue
            date = _date(value)
            if date:
                if key == "year":
                    q.years.append(date[:4])
                elif key == "after":
                    q.after = date
                else:
                    q.before = date
                continue
        if word.startswith("-") and len(word) > 1:
            q.exclude.append(word[1:])
        elif word != "-":
            q.words.append(word)
    return q
