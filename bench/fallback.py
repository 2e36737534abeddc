"""Cost per page of finding a page's main content: newstui's text-density pass vs libraries.

    python bench/fallback.py [FILE_OR_FOLDER ...] [--limit N]

For each HTML-bearing file (default: tests/fixtures), times over the same HTML string:
`read.fallback.extract_html` (this project's pass), `readability.Document(html).summary()`
(readability-lxml) and `trafilatura.extract(html)`, each when importable (neither is a
dependency of newstui: install them into a scratch environment and put it on PYTHONPATH after
the project's). Prints the median and 90th percentile per page, and how many characters of text
each found, so speed and recall are read side by side. Run under `nice` on a shared machine.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui.archive.read import fallback  # noqa: E402

_TAG = re.compile(r"<[^<>]*>")
_SPACE = re.compile(r"\s+")


def chars(html: str) -> int:
    return len(_SPACE.sub("", _TAG.sub(" ", html or "")))


def extractors() -> dict[str, Callable[[str], str]]:
    found: dict[str, Callable[[str], str]] = {"newstui fallback": fallback.extract_html}
    try:
        from readability import Document

        found["readability-lxml"] = lambda html: Document(html).summary()
    except ImportError:
        print("readability-lxml: not installed, skipped", file=sys.stderr)
    try:
        import trafilatura

        found["trafilatura"] = lambda html: trafilatura.extract(html) or ""
    except ImportError:
        print("trafilatura: not installed, skipped", file=sys.stderr)
    return found


def pages(paths: list[str], limit: int) -> list[str]:
    files = []
    for p in map(Path, paths or [str(ROOT / "tests" / "fixtures")]):
        files += sorted(f for f in p.rglob("*") if f.is_file()) if p.is_dir() else [p]
    out = []
    for f in files:
        text = f.read_text("utf-8", "replace")
        if "<p" in text or "<div" in text:
            out.append(text)
        if len(out) >= limit:
            break
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--limit", type=int, default=200)
    args = parser.parse_args()
    htmls = pages(args.paths, args.limit)
    print(f"{len(htmls)} pages")
    for name, run in extractors().items():
        times, found = [], 0
        for html in htmls:
            start = time.perf_counter()
            try:
                result = run(html)
            except Exception:  # a library failing on a page is a result too
                result = ""
            times.append(time.perf_counter() - start)
            found += chars(result)
        times.sort()
        p90 = times[int(0.9 * (len(times) - 1))]
        print(f"{name:18s} median {statistics.median(times) * 1000:7.2f} ms  p90 {p90 * 1000:7.2f} ms"
              f"  text found {found / max(len(htmls), 1):8.0f} chars/page")


if __name__ == "__main__":
    main()
