"""Scan paths, parse files, build the Archive.  (STUB: being replaced by the cached, parallel one.)"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from .archive import Archive
from .model import Article, Rejection
from .parse import parse_file

Progress = Callable[[int, int], None]  # (done, total)


def bundled_seeds() -> Path:
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "seeds", here.parent / "seeds"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("bundled seeds not found")


def scan(paths: Iterable[Path]) -> list[Path]:
    found: list[Path] = []
    for p in paths:
        if p.is_dir():
            found.extend(sorted(f for f in p.rglob("*") if f.is_file() and ".git" not in f.parts))
        elif p.is_file():
            found.append(p)
    return found


def load_archive(paths: Iterable[Path] = (), progress: Progress | None = None) -> Archive:
    files = scan(list(paths) or [bundled_seeds()])
    articles: list[Article] = []
    rejections: list[Rejection] = []
    for i, f in enumerate(files, 1):
        result = parse_file(f)
        (articles if isinstance(result, Article) else rejections).append(result)  # type: ignore[arg-type]
        if progress:
            progress(i, len(files))
    return Archive(articles, rejections)
