"""Make a synthetic archive of N news files from the real ones in `seeds/` and `tests/fixtures/`.

    python bench/generate.py N OUTDIR [--seed S] [--force]

Every generated file is a copy of one real *template* file that keeps its shape and quirks
(feed archive, Jekyll front matter, `### title` mirror page, saved page; nav bars, trailers,
prettified HTML, `\\xa0`...) but gets:

- a unique title (the template's, sometimes mixed with a fragment of another title, plus `（n）`),
  written everywhere the template repeats it (link, front matter, heading, `alt=`, JSON header);
- a unique URL on its source's domain, with the dates inside the URL rewritten (VOA `-YYYYMMDD/`,
  RFA `-MMDDYYYYHHMMSS.html`, Epoch Times `/gb/YY/M/D/`, CDT `/YYYY/MM/`...);
- a date spread uniformly over 2015-2025, written in the shape's own format: RFC 822 (VOA, CDT),
  `dd/mm/YYYY - HH:MM` Paris time (RFI), `YYYY年 M月 D日` (BBC), ISO variants (DW, NYT, Reuters,
  front matter), `【大纪元YYYY年MM月DD日讯】` datelines, `<!--epoch ms-->`, `"created_at"`;
- one of ~40 sources: the real outlets the templates come from, plus synthetic `news-NN.example`
  domains (the reserved `.example` TLD, so each is a registrable domain and a source of its own)
  that borrow any shape whose date is unambiguous;
- a place in a `source/year/` folder layout with file names in the style of the real mirrors.

Bodies are the template's, with `<p>` paragraph texts shuffled in half of the files, and two
invented names injected into an exact, known number of files so search benchmarks know the answer:
`MARKER` (1% of files) and `AGREEMENT` (10%). A manifest with those counts, the sources, years and
shapes is written beside OUTDIR as `OUTDIR.manifest.json` (never inside the archive).

Deterministic for a given N and --seed; plain file I/O, ~100k files in well under a minute.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

GENERATOR_VERSION = 1
REPO = Path(__file__).resolve().parent.parent
TEMPLATE_DIRS = (REPO / "seeds", REPO / "tests" / "fixtures")
#: The fixtures folder of hand-made pages (shapes no real sample had): never used as templates.
HAND_MADE = "fidelity"

#: An invented person (rare: 1% of files) and an invented agreement (10%), with their glosses.
MARKER_ZH, MARKER_EN = "邬凌霄", "Zorbian Quillfeather"
AGREEMENT_ZH, AGREEMENT_EN = "维斯莫尔协定", "Vexmoor Accord"
MARKER_FRACTION = 0.01
AGREEMENT_FRACTION = 0.10
MARKER_SENTENCES = (
    f"据报道，{MARKER_ZH}（{MARKER_EN}）本周再次就此事发表评论。",
    f"分析人士{MARKER_ZH}（{MARKER_EN}）对此表示关注。",
)
AGREEMENT_SENTENCES = (
    f"有评论将此与{AGREEMENT_ZH}（{AGREEMENT_EN}）相提并论。",
    f"各方仍在讨论{AGREEMENT_ZH}（{AGREEMENT_EN}）的后续安排。",
)

START = datetime(2015, 1, 1, tzinfo=UTC)
END = datetime(2026, 1, 1, tzinfo=UTC)
PARIS = ZoneInfo("Europe/Paris")
N_SOURCES = 40
SYNTHETIC_SHARE = 0.3  # of files on news-NN.example domains
SAVED_PAGE_SHARE = 0.002  # the saved-page template is ~450 KB: keep it rare

#: Folder names for the real outlets, as the NodeBE4 mirrors name them (odd names included).
FOLDERS = {
    "voachinese.com": "美国之音",
    "rfi.fr": "法广",
    "bbc.com": "BBC",
    "dw.com": "德国之声",
    "nytimes.com": "纽约时报",
    "ft.com": "金融时报",
    "reuters.com": "路透",
    "rfa.org": "自由亚洲电台",
    "chinadigitaltimes.net": "中国数字时代",
    "epochtimes.com": "大纪元",
    "ntdtv.com": "新唐人",
    "soundofhope.org": "希望之声",
    "secretchina.com": "看中国",
}

_MON = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DAY = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

# Placeholders put into the template text once, filled per file.
TITLE, URL, UID = "\x00T\x00", "\x00U\x00", "\x00N\x00"


def _ph(fmt: str) -> str:
    return f"\x00D{fmt}\x00"


# --- date formats -------------------------------------------------------------------------------


def _rfc822(dt: datetime, zone: str) -> str:
    return f"{_DAY[dt.weekday()]}, {dt.day:02d} {_MON[dt.month - 1]} {dt.year} {dt:%H:%M:%S} {zone}"


def _with_offset(dt: datetime, offset: str) -> datetime:
    sign = -1 if offset[0] == "-" else 1
    hours, minutes = int(offset[1:3]), int(offset[-2:])
    return dt.astimezone(timezone(sign * timedelta(hours=hours, minutes=minutes)))


def format_date(fmt: str, dt: datetime) -> str:
    """Render `dt` (UTC) in one of the formats found in the templates."""
    kind, _, arg = fmt.partition(":")
    if kind == "rfc":  # Wed, 10 Apr 2024 01:54:23 GMT  /  ... +0000
        return _rfc822(dt, arg)
    if kind == "rfi":  # 07/01/2022 - 13:38, Paris wall time, day first
        local = dt.astimezone(PARIS)
        return f"{local:%d/%m/%Y - %H:%M}"
    if kind == "bbc":  # 2020年 7月 20日
        return f"{dt.year}年 {dt.month}月 {dt.day}日"
    if kind == "isomsz":  # 2020-07-13T09:03:35.017Z
        return f"{dt:%Y-%m-%dT%H:%M:%S}.{dt.microsecond // 1000:03d}Z"
    if kind == "isospace":  # 2020-07-20 17:51:00
        return f"{dt:%Y-%m-%d %H:%M:%S}"
    if kind == "isonaive":  # 2020-07-20T05:29:07
        return f"{dt:%Y-%m-%dT%H:%M:%S}"
    if kind == "isooff":  # 2014-09-02T15:47:20+02:00 (same offset, local wall time)
        return f"{_with_offset(dt, arg):%Y-%m-%dT%H:%M:%S}{arg}"
    if kind == "date":  # 2020-09-18
        return f"{dt:%Y-%m-%d}"
    if kind == "ms":  # <!--1712714343000--> archived two hours after publication
        return str(int((dt + timedelta(hours=2)).timestamp()) * 1000)
    if kind == "cnpad":  # 2022年01月11日 (inside a 【…讯】 dateline)
        return f"{dt.year}年{dt.month:02d}月{dt.day:02d}日"
    if kind == "cn":  # 2020年9月14日
        return f"{dt.year}年{dt.month}月{dt.day}日"
    # URL parts
    if kind == "ymd8":
        return f"{dt:%Y%m%d}"
    if kind == "rfaurl":  # MMDDYYYYHHMMSS
        return f"{dt:%m%d%Y%H%M%S}"
    if kind == "ymdslash":
        return f"{dt:%Y/%m/%d}"
    if kind == "ymslash":
        return f"{dt:%Y/%m}"
    if kind == "epochurl":  # gb/20/10/4
        return f"gb/{dt:%y}/{dt.month}/{dt.day}"
    raise ValueError(f"unknown date format {fmt!r}")


# Date line right after a feed archive's `------`, most specific first.
FEED_DATE_PATTERNS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (re.compile(r"[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} (GMT|[+-]\d{4})"),
     lambda m: f"rfc:{m.group(1)}"),
    (re.compile(r"\d{2}/\d{2}/\d{4} - \d{2}:\d{2}"), lambda m: "rfi"),
    (re.compile(r"\d{4}年 ?\d{1,2}月 ?\d{1,2}日"), lambda m: "bbc"),
    (re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z"), lambda m: "isomsz"),
    (re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}"), lambda m: "isospace"),
    (re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}"), lambda m: "isonaive"),
)
URL_DATE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?<=-)\d{2}\d{2}20\d{2}\d{6}(?=\.html|$)"), "rfaurl"),
    (re.compile(r"gb/\d{2}/\d{1,2}/\d{1,2}(?=/)"), "epochurl"),
    (re.compile(r"(?<=/)20\d{2}/[01]\d/[0-3]\d(?=/)"), "ymdslash"),
    (re.compile(r"(?<![0-9%])20\d{2}(0[1-9]|1[0-2])[0-3]\d(?![0-9])"), "ymd8"),
    (re.compile(r"(?<=/)20\d{2}/[01]\d(?=/)"), "ymslash"),
)
DATELINE = re.compile(r"(?<=【)([^】\n]{0,30}?)(\d{4})年(\d{1,2})月(\d{1,2})日(?=[^】\n]{0,8}】)")
P_ELEMENT = re.compile(r"(<p\b[^>]*>)((?:(?!</?p\b).){12,}?)(</p>)", re.S)
ESCAPE_IN_TITLE = re.compile(r'[\[\]<>&"\\\n\r\x00/]')
FILENAME_BAD = re.compile(r'[/\\\x00:*?"<>|\n\r]')


# --- templates ----------------------------------------------------------------------------------


@dataclass
class Template:
    """A real file turned into pieces with placeholders; odd pieces are `<p>` texts."""

    name: str
    shape: str  # feed | jekyll | mirror | saved
    domain: str
    title: str
    pieces: list[str]
    movable: list[int]  # odd pieces that may be shuffled or receive an injected sentence
    url: str  # the URL with date placeholders and UID
    date_fmts: list[str]
    ambiguous_date: bool  # its date only makes sense for its own source (RFI, RFA, FT...)
    file_style: str  # feed | jekyll | mirror | saved
    url_stem: str = ""

    @property
    def size(self) -> int:
        return sum(len(p) for p in self.pieces)


def registered_domain(url: str) -> str:
    host = re.sub(r"^[a-z]+://", "", url).split("/", 1)[0].split("?", 1)[0].lower()
    parts = host.split(".")
    if len(parts) >= 3 and parts[-2] in {"co", "com", "qq"}:
        return ".".join(parts[-3:])
    return ".".join(parts[-2:])


def _find_title_url(text: str) -> tuple[str, str, str]:
    """(shape, title, url) of a template."""
    head = text[:30000]
    if head.startswith("<!-- {"):
        header = json.loads(head[5:head.index(" -->")])
        return "saved", header["title"], header["url"]
    fm_title = re.search(r'^title:\s*"(.*)"\s*$', head, re.M) if head.startswith("---") else None
    link = re.search(r"^\[(.+)\]\((\S+)\)\s*$", head, re.M)
    if head.startswith("---"):
        src = re.search(r"^from:\s*(\S+)\s*$", head, re.M)
        title = fm_title.group(1) if fm_title else (link.group(1) if link else "")
        url = link.group(2) if link else (src.group(1) if src else "")
        return "jekyll", title, url
    if link:
        return "feed", link.group(1), link.group(2)
    heading = re.search(r"^###\s+(.+?)\s*$", head, re.M)
    trailer = re.search(r"(?:原文链接|原文地址)[^：:\n]*[：:]\s*(https?://\S+)", text)
    if heading:
        return "mirror", heading.group(1), trailer.group(1) if trailer else ""
    raise ValueError("unknown shape")


def _url_template(url: str) -> tuple[str, list[str]]:
    fmts: list[str] = []
    for pattern, fmt in URL_DATE_PATTERNS:
        if pattern.search(url):
            url = pattern.sub(_ph(fmt), url, count=1)
            fmts.append(fmt)
    path_start = url.find("/", url.find("//") + 2 if "//" in url else 0)
    digits = [m for m in re.finditer(r"\d{5,}", url) if m.start() > path_start]
    if digits:
        m = digits[-1]
        return url[:m.start()] + UID + url[m.end():], fmts
    base, q, query = url.partition("?")
    if re.search(r"(^|&)v=[\w-]+", query):  # youtube-like: the id is a query parameter
        return base + q + re.sub(r"(^|&)v=[\w-]+", lambda m: f"{m.group(1)}v={UID}", query, count=1), fmts
    head, _, last = base.rpartition("/")
    if "\x00D" in last:  # the last segment is a date-stamped name (RFA): add a folder
        base = f"{head}/{UID}/{last}"
    elif last == "":
        base = f"{base}{UID}/"
    elif "." in last[-6:]:
        stem, dot, ext = last.rpartition(".")
        base = f"{head}/{stem}-{UID}{dot}{ext}"
    else:
        base = f"{base}-{UID}"
    return base + q + query, fmts


def load_template(path: Path, root: Path) -> Template:
    text = path.read_bytes().decode("utf-8", "surrogateescape")
    shape, title, url = _find_title_url(text)
    date_fmts: list[str] = []

    def put(span: tuple[int, int], fmt: str) -> None:
        nonlocal text
        text = text[:span[0]] + _ph(fmt) + text[span[1]:]
        if fmt not in date_fmts:
            date_fmts.append(fmt)

    # Dates: front matter, epoch comment, feed date line, datelines, saved-page header.
    if text.startswith("---"):
        m = re.search(r"^date:\s*(\S+?)\s*$", text[:4000], re.M)
        if m:
            value = m.group(1)
            if value.endswith("Z"):
                fmt = "isomsz"
            elif re.search(r"[+-]\d\d:\d\d$", value):
                fmt = f"isooff:{value[-6:]}"
            else:
                fmt = "date"
            put(m.span(1), fmt)
    m = re.search(r"^<!--(\d{13})-->", text[:6000], re.M)
    if m:
        put(m.span(1), "ms")
    m = re.search(r"^------\s*$", text[:8000], re.M)
    if m and shape in ("feed", "jekyll"):
        region = text[m.end():m.end() + 300]
        stop = re.search(r"<p\b|<img\b|\n\s*\n\s*\S", region.lstrip("\n"))
        region = region[:len(region) - len(region.lstrip("\n")) + (stop.start() if stop else 300)]
        for pattern, fmt_of in FEED_DATE_PATTERNS:
            dm = pattern.search(region)
            if dm:
                put((m.end() + dm.start(), m.end() + dm.end()), fmt_of(dm))
                break
    if shape == "mirror":
        for dm in reversed(list(DATELINE.finditer(text))):
            padded = len(dm.group(3)) == 2 and len(dm.group(4)) == 2 and (
                dm.group(3)[0] == "0" or dm.group(4)[0] == "0" or int(dm.group(3)) >= 10)
            put((dm.start(2), dm.end()), "cnpad" if padded else "cn")
    m = re.search(r'"created_at":"(\d{4}-\d\d-\d\d)"', text[:3000])
    if m:
        put(m.span(1), "date")

    url_tpl, url_fmts = _url_template(url) if url else ("", [])
    for fmt in url_fmts:
        if fmt not in date_fmts:
            date_fmts.append(fmt)
    if url:
        text = text.replace(url, URL)
    if title:
        text = text.replace(title, TITLE)
        # The JSON header and front matter may hold an escaped form of the title.
        text = text.replace(json.dumps(title, ensure_ascii=False)[1:-1], TITLE)

    # Split on <p> elements: even pieces are markup, odd pieces the paragraph texts.
    pieces: list[str] = []
    movable: list[int] = []
    pos = 0
    for pm in P_ELEMENT.finditer(text):
        inner = pm.group(2)
        pieces.append(text[pos:pm.end(1)])
        pieces.append(inner)
        if "\x00" not in inner and "【" not in inner and not re.search(r"<(img|script|iframe|figure)", inner):
            movable.append(len(pieces) - 1)
        pos = pm.start(3)
    if not movable:  # no usable <p>: inject right after the first <div> below the header
        header_end = max(text.find("\n------"), text.find("\n---\n"), 0)
        dm = re.compile(r"<div[^>]*>").search(text, header_end)
        cut = dm.end() if dm else len(text)
        pieces = [text[:cut], ""]
        movable = [1]
        pos = cut
    pieces.append(text[pos:])

    domain = registered_domain(url) if url else "unknown.invalid"
    ambiguous = (
        not any(f.startswith(("rfc", "bbc", "iso", "date", "cn")) for f in date_fmts)
        or "rfi" in date_fmts or shape == "saved"
    )
    style = {"feed": "feed", "jekyll": "jekyll", "mirror": "mirror", "saved": "saved"}[shape]
    stem = ""
    if shape == "mirror":
        last = url_tpl.split("?")[0].rstrip("/").rpartition("/")[2]
        stem = last.rpartition(".")[0] or last
    return Template(
        name=str(path.relative_to(root)), shape=shape, domain=domain, title=title, pieces=pieces,
        movable=movable, url=url_tpl, date_fmts=date_fmts, ambiguous_date=ambiguous,
        file_style=style, url_stem=stem,
    )


def load_templates(dirs: tuple[Path, ...] = TEMPLATE_DIRS) -> list[Template]:
    templates: list[Template] = []
    for d in dirs:
        for path in sorted(p for p in d.rglob("*") if p.is_file() and p.name != "MANIFEST.tsv"):
            if HAND_MADE in path.relative_to(d).parts:  # not copies of real files: no templates
                continue
            templates.append(load_template(path, REPO))
    return templates


# --- sources ------------------------------------------------------------------------------------


@dataclass
class Source:
    domain: str
    folder: str
    synthetic: bool
    templates: list[Template] = field(default_factory=list)
    weight: float = 1.0


def _rank(domain: str) -> int:
    """News outlets first (the bulk of real mirrors), blogs and video sites after them."""
    return list(FOLDERS).index(domain) if domain in FOLDERS else len(FOLDERS)


def build_sources(templates: list[Template]) -> list[Source]:
    real: dict[str, Source] = {}
    for t in templates:
        src = real.setdefault(t.domain, Source(t.domain, FOLDERS.get(t.domain, t.domain), False))
        src.templates.append(t)
    reals = sorted(real.values(), key=lambda s: s.domain)
    portable = [t for t in templates if not t.ambiguous_date]
    synthetic = [
        Source(f"news-{k:02d}.example", f"news-{k:02d}.example", True, portable)
        for k in range(1, max(1, N_SOURCES - len(reals)) + 1)
    ]
    # Zipf-like popularity within each group; the saved page (one huge template) stays rare.
    for group, share in ((reals, 1 - SYNTHETIC_SHARE), (synthetic, SYNTHETIC_SHARE)):
        order = sorted(group, key=lambda s: (_rank(s.domain), s.domain))
        raw = [1 / (rank + 1) ** 0.8 for rank in range(len(order))]
        total = sum(raw)
        for s, w in zip(order, raw, strict=True):
            s.weight = share * w / total
    for s in reals:
        if all(t.shape == "saved" for t in s.templates):
            s.weight = SAVED_PAGE_SHARE
    return reals + synthetic


# --- titles -------------------------------------------------------------------------------------


def clean_title(title: str) -> str:
    return re.sub(r"\s+", " ", ESCAPE_IN_TITLE.sub(" ", title)).strip()


def title_fragments(templates: list[Template]) -> list[str]:
    frags: set[str] = set()
    for t in templates:
        for part in re.split(r"[ ：:|｜，,？?！!（）()]+", clean_title(t.title)):
            if 3 <= len(part) <= 20:
                frags.add(part)
    return sorted(frags)


# --- generation ---------------------------------------------------------------------------------


def _file_name(t: Template, folder_year: Path, dt: datetime, title: str, uid: str) -> Path:
    safe = FILENAME_BAD.sub(" ", title)[:60].strip()
    if t.file_style == "jekyll":
        return folder_year / f"{dt:%Y-%m-%d}-{safe}.md"
    if t.file_style == "mirror":
        stem = t.url_stem.replace(UID, uid)
        stem = re.sub(r"\x00D([^\x00]*)\x00", lambda m: format_date(m.group(1), dt), stem)
        stem = FILENAME_BAD.sub("_", stem) or "page"
        return folder_year / (stem + ".md" if uid in stem else f"{uid}-{stem}.md")
    if t.file_style == "saved":
        return folder_year / f"gh_{int(uid):012x}_{dt:%Y-%m-%d}_{uid}.html"
    return folder_year / f"{uid}_{safe}.md"


def generate(n: int, outdir: Path, seed: int = 0, templates: list[Template] | None = None) -> dict:
    """Write n files under outdir (which must be empty or absent); return the manifest."""
    t0 = time.perf_counter()
    rng = random.Random(seed)
    templates = templates if templates is not None else load_templates()
    sources = build_sources(templates)
    weights = [s.weight for s in sources]
    frags = title_fragments(templates)
    n_marker = max(1, round(n * MARKER_FRACTION))
    n_agree = max(1, round(n * AGREEMENT_FRACTION))
    marked = set(rng.sample(range(n), min(n, n_marker)))
    agreed = set(rng.sample(range(n), min(n, n_agree)))
    span = int((END - START).total_seconds())
    outdir.mkdir(parents=True, exist_ok=True)
    made_dirs: set[Path] = set()
    counts: dict[str, Counter[str]] = {k: Counter() for k in ("source", "year", "shape", "template")}
    total_bytes = 0
    chosen_sources = rng.choices(sources, weights=weights, k=n)

    for i in range(n):
        src = chosen_sources[i]
        t = src.templates[rng.randrange(len(src.templates))]
        dt = START + timedelta(seconds=rng.randrange(span), milliseconds=rng.randrange(1000))
        uid = str(10_000_000 + i)
        base = clean_title(t.title) or "无题"
        if rng.random() < 0.5 and frags:
            head = re.split(r"[ ：:|｜]", base, maxsplit=1)[0] or base
            base = f"{head} {rng.choice(frags)}"
        title = f"{base}（{i + 1}）"

        dates = {fmt: format_date(fmt, dt) for fmt in t.date_fmts}
        url = t.url.replace(UID, uid)
        for fmt, value in dates.items():
            url = url.replace(_ph(fmt), value)
        if src.synthetic and url:
            url = re.sub(r"^([a-z]+://)?[^/?]+", r"\g<1>" + src.domain, url, count=1)

        pieces = t.pieces
        if rng.random() < 0.5 or i in marked or i in agreed:
            pieces = list(pieces)
            if len(t.movable) > 1 and rng.random() < 0.5:
                texts = [pieces[k] for k in t.movable]
                rng.shuffle(texts)
                for k, txt in zip(t.movable, texts, strict=True):
                    pieces[k] = txt
            if i in marked:
                k = rng.choice(t.movable)
                pieces[k] = rng.choice(MARKER_SENTENCES) + pieces[k]
            if i in agreed:
                k = rng.choice(t.movable)
                pieces[k] = pieces[k] + rng.choice(AGREEMENT_SENTENCES)
        text = "".join(pieces).replace(TITLE, title).replace(URL, url)
        for fmt, value in dates.items():
            text = text.replace(_ph(fmt), value)

        folder_year = outdir / src.folder / str(dt.year)
        if folder_year not in made_dirs:
            folder_year.mkdir(parents=True, exist_ok=True)
            made_dirs.add(folder_year)
        data = text.encode("utf-8", "surrogateescape")
        with open(_file_name(t, folder_year, dt, title, uid), "wb") as fh:
            fh.write(data)
        total_bytes += len(data)
        counts["source"][src.domain] += 1
        counts["year"][str(dt.year)] += 1
        counts["shape"][t.shape] += 1
        counts["template"][t.name] += 1

    manifest = {
        "generator_version": GENERATOR_VERSION,
        "n": n,
        "seed": seed,
        "outdir": str(outdir.resolve()),
        "bytes": total_bytes,
        "seconds": round(time.perf_counter() - t0, 3),
        "templates": len(templates),
        "known": {
            MARKER_EN: len(marked), MARKER_ZH: len(marked),
            AGREEMENT_EN: len(agreed), AGREEMENT_ZH: len(agreed),
        },
        "sources": dict(counts["source"].most_common()),
        "years": dict(sorted(counts["year"].items())),
        "shapes": dict(counts["shape"].most_common()),
        "template_use": dict(counts["template"].most_common()),
    }
    manifest_path(outdir).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return manifest


def manifest_path(outdir: Path) -> Path:
    return outdir.parent / f"{outdir.name}.manifest.json"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="number of files to make")
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--force", action="store_true", help="delete OUTDIR first if it is not empty")
    args = ap.parse_args(argv)
    out: Path = args.outdir
    if out.exists() and any(out.iterdir()):
        if not args.force:
            print(f"{out} is not empty (use --force to replace it)", file=sys.stderr)
            return 2
        shutil.rmtree(out)
    m = generate(args.n, out, args.seed)
    print(f"{m['n']} files, {m['bytes'] / 1e6:.1f} MB, {len(m['sources'])} sources, "
          f"{len(m['years'])} years, in {m['seconds']:.2f} s -> {out}  (manifest: {manifest_path(out)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
