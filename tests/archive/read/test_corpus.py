"""Corpus-wide checks over ../shared/corpus (skipped when it is not beside the repo).

The expected title, URL and day come from a deliberately simple oracle written apart from the
parsers: the first markdown link, `### heading`, front matter or saved-page header for the title;
that link, a trailer or the front matter `from:` for the URL; and any explicit date in the header
or a `【…年…月…日】` dateline for the day. The parsers must agree with it on almost every file.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from support.paths import ROOT

from tui.archive.model import Article, Rejection
from tui.archive.read.parse import parse_file

CORPUS = ROOT.parent / "shared" / "corpus"

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"{CORPUS} not present (sample corpus)")

TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]*(\s[^<>]*)?/?>")
ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]{2,8});")
BAD_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u00a0\u200b-\u200d\u2060\ufeff\r]")
CHROME = (
    "获取更多RSS",
    "Feed enhanced",
    "原文链接（需翻墙",
    "原文地址（需翻墙",
    "手把手翻墙教程",
    "share-button",
    "whatsapp://",
    "一键翻墙软件",
)


def corpus_files() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.name != "MANIFEST.tsv")


_PARSED: dict[Path, Article | Rejection] = {}


def parsed() -> Iterator[tuple[Path, Article | Rejection]]:
    for path in corpus_files():
        if path not in _PARSED:
            _PARSED[path] = parse_file(path)
        yield path, _PARSED[path]


# --- the oracle -------------------------------------------------------------------------------


def _norm(s: str) -> str:
    return re.sub(r"\s+", "", s).replace("\u00a0", "")


def expected_title(raw: str) -> str | None:
    for pattern in (
        r'^title:\s*"(.*)"\s*$',
        r"^title:\s*(.+?)\s*$",
        r'^<!--\s*\{.*?"title":\s*"((?:[^"\\]|\\.)*)"',
        r"^\[(.+)\]\(\S+\)\s*$",
        r"^###\s+(.+?)\s*$",
    ):
        m = re.search(pattern, raw[:20000], re.M)
        if m:
            return html.unescape(m.group(1).replace('\\"', '"'))
    return None


def expected_url(raw: str) -> str | None:
    m = re.search(r"(原文链接|原文地址)[^：:]*[：:]\s*(https?://\S+)", raw)
    if m:
        return m.group(2)
    m = re.search(r"^from:\s*(\S+)\s*$", raw[:5000], re.M) or re.search(
        r"^\[.+\]\((\S+)\)\s*$", raw[:20000], re.M
    )
    if m:
        return m.group(1)
    m = re.search(r'"url":\s*"([^"]+)"', raw[:5000])
    return m.group(1) if m else None


_CN_DATE = re.compile(r"【[^】]{0,12}?(\d{4})年\s*(\d{1,2})月\s*(\d{1,2})日")
_HEADER_DATES = (
    re.compile(r"^date:\s*(\d{4})-(\d{2})-(\d{2})", re.M),
    re.compile(r"<div><i>(?:[^<]*<br>)?\s*(\d{4})-(\d{2})-(\d{2})"),
    re.compile(r"<div><i>(\d{4})年\s*(\d{1,2})月\s*(\d{1,2})日"),
    re.compile(r"<div>(\d{2})/(\d{2})/(\d{4}) - "),  # RFI: day/month/year
    re.compile(r"(?:<div><i>|日期：)\w{3}, (\d{1,2}) (\w{3}) (\d{4})"),
)
_MONTHS = {
    m: i
    for i, m in enumerate(
        ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), 1
    )
}


def expected_day(raw: str) -> date | None:
    head = raw[:6000]
    for i, pattern in enumerate(_HEADER_DATES):
        m = pattern.search(head)
        if not m:
            continue
        a, b, c = m.groups()
        if i == 3:
            return date(int(c), int(b), int(a))
        if i == 4:
            return date(int(c), _MONTHS[b], int(a))
        return date(int(a), int(b), int(c))
    m = _CN_DATE.search(raw[:30000])
    return date(*map(int, m.groups())) if m else None


# --- the checks ------------------------------------------------------------------------------


def test_every_file_gives_an_article_or_a_reason() -> None:
    results = list(parsed())
    assert len(results) > 500
    for path, result in results:
        assert isinstance(result, Article | Rejection), path
        if isinstance(result, Rejection):
            assert result.reason.strip(), path
    articles = sum(isinstance(r, Article) for _, r in results)
    assert articles / len(results) >= 0.99


def test_bodies_are_clean_text() -> None:
    problems = []
    for path, art in parsed():
        if not isinstance(art, Article):
            continue
        for block in art.body:
            for label, bad in (
                ("tag", TAG.search(block.text)),
                ("entity", ENTITY.search(block.text)),
                ("char", BAD_CHARS.search(block.text)),
            ):
                if bad:
                    problems.append(f"{path.name}: {label} {bad.group(0)!r}")
            problems += [f"{path.name}: chrome {c!r}" for c in CHROME if c in block.text]
            if block.text.strip() in {"Array", "Image caption", "图片版权"}:
                problems.append(f"{path.name}: chrome block {block.text!r}")
        if BAD_CHARS.search(art.title) or TAG.search(art.title):
            problems.append(f"{path.name}: title {art.title!r}")
    assert not problems, "\n".join(problems[:40])


def test_bodies_are_not_empty() -> None:
    empty = [p.name for p, a in parsed() if isinstance(a, Article) and not a.text().strip()]
    assert len(empty) <= 2, empty


def _same_title(want: str, got: str) -> bool:
    """Equal, or equal once a site/column suffix (` – 法国国际广播电台 - RFI`) is dropped."""
    want, got = _norm(want), _norm(got)
    return bool(got) and (
        want == got
        or (want.startswith(got) and re.fullmatch(r"[-–—|｜].{0,24}", want[len(got) :]) is not None)
    )


def _share(check: str) -> tuple[float, list[str]]:
    total, wrong = 0, []
    for path, art in parsed():
        raw = path.read_text("utf-8", "replace")
        if check == "title":
            want = expected_title(raw)
            got = art.title if isinstance(art, Article) else None
            ok = want is None or (got is not None and _same_title(want, got))
        elif check == "url":
            want = expected_url(raw)
            got = art.url if isinstance(art, Article) else None
            ok = want is None or (
                got is not None and got.split("://")[-1].rstrip("/") == want.split("://")[-1].rstrip("/")
            )
        else:
            want = expected_day(raw)
            got = art.published if isinstance(art, Article) else None
            ok = want is None or (bool(got) and abs((date.fromisoformat(got[:10]) - want).days) <= 1)
        if want is not None:
            total += 1
            if not ok:
                wrong.append(f"{path.name}: want {want!r} got {got!r}")
    return 1 - len(wrong) / max(total, 1), wrong


@pytest.mark.parametrize(("field", "target"), [("title", 0.99), ("url", 0.97), ("date", 0.95)])
def test_field_accuracy(field: str, target: float) -> None:
    share, wrong = _share(field)
    assert share >= target, f"{field}: {share:.1%} right\n" + "\n".join(wrong[:30])
