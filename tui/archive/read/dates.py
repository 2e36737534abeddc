"""Publication dates -> ISO 8601: a date (`2020-07-20`) when only the day is known, or a
datetime with its UTC offset (`2024-04-10T01:54:23+00:00`). "" when nothing is recognised.

Naive clock times are read in the zone the source publishes in (NAIVE_ZONES). These were
checked against the `<!--epoch-ms-->` archived stamp, which always follows publication by
minutes to hours: Reuters feed times are UTC (stamp 7 min to 1 h later); NYT Chinese
times are Beijing time (read as UTC they would be ~7-8 h *after* the archiving); RFI's
`DD/MM/YYYY - HH:MM` is Paris time; RFA's URL stamp `-MMDDYYYYHHMMSS.html` is US Eastern
time (read as Eastern, archiving follows by 10 min to 7 h). Unknown sources default to UTC.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

#: The zone of a source's naive clock times (see the module docstring for the evidence).
NAIVE_ZONES = {
    "reuters": "UTC",
    "nyt": "Asia/Shanghai",
    "rfi": "Europe/Paris",
    "rfa": "America/New_York",
    "ntdtv": "America/New_York",
    "epochtimes": "America/New_York",
}

_FULLWIDTH = str.maketrans("０１２３４５６７８９／：－", "0123456789/:-")
_FULLWIDTH_PAIRS = tuple((chr(k), chr(v)) for k, v in _FULLWIDTH.items())
_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_NUM = r"[0-9〇○零一二三四五六七八九十两]{1,4}"
_YMD = re.compile(rf"({_NUM})\s*年\s*({_NUM})\s*月\s*({_NUM})\s*[日号號]")
_DATELINE = re.compile(r"【([^【】\n]{0,40}?)\s*" + _YMD.pattern + r"([^【】\n]{0,12})】")
_LABEL = re.compile(
    r"^\s*(?:日期|时间|時間|发布时间|發佈時間|发表时间|發表時間|更新|Date|Published)\s*[:：]\s*", re.I)
_DMY_TIME = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:\s*-?\s*(\d{1,2}):(\d{2}))?$")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?$")


def _zone(name: str | None) -> ZoneInfo:
    return ZoneInfo(name or "UTC")


def iso(value: datetime | date) -> str:
    """The ISO form this project stores: seconds precision, offset always present."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.replace(microsecond=0).isoformat()
    return value.isoformat()


def cn_number(text: str) -> int | None:
    """`2020`, `二零二零`, `十一`, `二十七`, `３１` -> int; None if not a number."""
    text = text.translate(_FULLWIDTH).replace("两", "二")
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        if len(tens) > 1 or len(ones) > 1:
            return None
        t = _CN_DIGITS.get(tens, -1) if tens else 1
        o = _CN_DIGITS.get(ones, -1) if ones else 0
        return None if t < 0 or o < 0 else t * 10 + o
    digits = [_CN_DIGITS.get(ch) for ch in text]
    if not digits or None in digits:
        return None
    return int("".join(str(d) for d in digits))


def _valid(y: int | None, m: int | None, d: int | None) -> date | None:
    if y is None or m is None or d is None or not 1980 <= y <= 2100:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def from_epoch_ms(text: str) -> str:
    """`1712714343000` (the archived stamp) -> UTC ISO datetime; "" for `NaN` or nonsense."""
    text = text.strip()
    if not text.isdigit():
        return ""
    seconds = int(text) / (1000 if len(text) > 11 else 1)
    try:
        stamp = datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        return ""
    return iso(stamp) if 1990 <= stamp.year <= 2100 else ""


def parse_date(text: str, zone: str | None = None) -> str:
    """A date as found in a header or front matter -> ISO ("" if not recognised).

    Handles RFC 822 (`Wed, 10 Apr 2024 01:54:23 GMT`), ISO with or without a zone
    (naive times are read in `zone`), day-first `07/01/2022 - 13:38`, and Chinese
    `2020年 7月 20日` (full-width digits and Chinese numerals too).
    """
    text = _LABEL.sub("", text.translate(_FULLWIDTH)).strip()
    if not text or len(text) > 80:
        return ""
    if _ISO.match(text):
        try:
            value = datetime.fromisoformat(text.replace(" ", "T", 1) if len(text) > 10 else text)
        except ValueError:
            return ""
        if len(text) == 10:
            return iso(value.date()) if _valid(value.year, value.month, value.day) else ""
        if value.tzinfo is None:
            value = value.replace(tzinfo=_zone(zone))
        return iso(value) if _valid(value.year, value.month, value.day) else ""
    if m := _DMY_TIME.match(text):
        day = _valid(int(m[3]), int(m[2]), int(m[1]))
        if day is None:
            return ""
        if m[4] is None:
            return iso(day)
        try:
            clock = datetime(day.year, day.month, day.day, int(m[4]), int(m[5]), tzinfo=_zone(zone))
        except ValueError:
            return iso(day)
        return iso(clock)
    if m := _YMD.search(text):
        day = _valid(cn_number(m[1]), cn_number(m[2]), cn_number(m[3]))
        return iso(day) if day else ""
    if re.search(r"[A-Za-z]{3}", text) and re.search(r"\d{4}", text):
        try:
            value = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return ""
        if value.tzinfo is None:
            value = value.replace(tzinfo=_zone(zone))
        return iso(value) if _valid(value.year, value.month, value.day) else ""
    return ""


def dateline(text: str) -> tuple[str, str]:
    """The first `【大纪元2022年01月11日讯】`-style dateline in text -> (ISO date, publisher).

    The publisher is the text before the date with `北京时间`-like words removed
    (`大纪元`, `希望之声`, `新唐人`); ("", "") when there is no dateline.
    """
    at = text.find("【")  # every dateline starts there: the rest of the lead is not translated
    if at < 0:
        return "", ""
    text = text[at:]
    for wide, narrow in _FULLWIDTH_PAIRS:  # = text.translate(_FULLWIDTH), which goes char by char
        if wide in text:
            text = text.replace(wide, narrow)
    for m in _DATELINE.finditer(text):
        day = _valid(cn_number(m[2]), cn_number(m[3]), cn_number(m[4]))
        if day:
            publisher = re.sub(r"(北京|美东|美東|台北|香港|当地|當地)?时间|時間|记者|記者|\s", "", m[1])
            return iso(day), publisher.strip("：:，, ")
    return "", ""


_URL_PATTERNS = (
    # RFA: -MMDDYYYYHHMMSS.html (a US Eastern clock time)
    (re.compile(r"-(\d{2})(\d{2})(\d{4})(\d{2})(\d{2})(\d{2})\.html?"), "mdyHMS"),
    (re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?:/|$)"), "ymd"),  # /2020/07/20/
    (re.compile(r"/gb/(\d{2})/(\d{1,2})/(\d{1,2})/"), "yymd"),  # Epoch Times /gb/22/1/10/
    (re.compile(r"[/-]((?:19|20)\d{2})(\d{2})(\d{2})(?:[/-]|\.html?|$)"), "ymd"),  # /20240303-
)


def from_url(url: str, zone: str = "America/New_York") -> str:
    """A date encoded in a URL path (a last resort): ISO date, or datetime for RFA stamps."""
    path = re.sub(r"^[a-z]+://[^/]+", "", url or "")
    for pattern, kind in _URL_PATTERNS:
        m = pattern.search(path)
        if not m:
            continue
        if kind == "mdyHMS":
            day = _valid(int(m[3]), int(m[1]), int(m[2]))
            if day and int(m[4]) < 24 and int(m[5]) < 60 and int(m[6]) < 60:
                clock = datetime(day.year, day.month, day.day, int(m[4]), int(m[5]), int(m[6]))
                return iso(clock.replace(tzinfo=_zone(zone)))
            continue
        year = int(m[1]) + (2000 if kind == "yymd" else 0)
        day = _valid(year, int(m[2]), int(m[3]))
        if day:
            return iso(day)
    return ""


def precise(*candidates: str) -> str:
    """The most precise of several ISO values for one moment (datetime beats date)."""
    best = ""
    for value in candidates:
        if value and (not best or ("T" in value and "T" not in best)):
            best = value
    return best


def iso_in_zone(epoch_seconds: int, zone: str) -> str:
    """A Unix time as a datetime in the publisher's zone (`…+08:00`); "" if out of range."""
    try:
        value = datetime.fromtimestamp(epoch_seconds, ZoneInfo(zone))
    except (OverflowError, OSError, ValueError):
        return ""
    return iso(value) if 1990 <= value.year <= 2100 else ""
