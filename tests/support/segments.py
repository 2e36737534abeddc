"""An archive that gains files after its cache was built, and the answers searches give on it."""

from __future__ import annotations

import shutil
from pathlib import Path

from support.paths import TESTS
from tui.archive.search import opening

QUERIES = ("美国", "中国", "习近平", "kishida", "香港", "year:2023", "source:voa", "the", "2+2",
           "政府 -美国", "“新冠”", "source:rfi year:2022", "xianggang", "meiguo zhengfu")
Answers = dict[str, list[tuple[str, float]]]


def answers(index: object) -> Answers:
    """Every hit of every query: (id, score), in id order (ties may come in another order)."""
    return {q: sorted((h.id, h.score) for h in index.search(q, limit=10_000)) for q in QUERIES}  # type: ignore[attr-defined]


def clean(root: Path, data: Path) -> Answers:
    """What a build from nothing (in the data directory `data`) finds in the files at `root` now."""
    result = opening.load([root], data_dir=data)
    assert result.segments is None
    return answers(opening.search_index(result))


def held_back(tmp_path: Path) -> tuple[Path, list[Path]]:
    """The fixtures copied to `tmp_path/archive`, 8 of them held back (their places returned)."""
    root = tmp_path / "archive"
    shutil.copytree(TESTS / "fixtures", root)
    files = sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in (".md", ".html"))
    (tmp_path / "held").mkdir()
    later = files[::9][:8]
    for k, f in enumerate(later):
        shutil.move(f, tmp_path / "held" / f"{k}{f.suffix}")
    return root, later


def bring_back(tmp_path: Path, later: list[Path]) -> None:
    """The files `held_back` kept, put back in their places."""
    for k, f in enumerate(later):
        shutil.move(tmp_path / "held" / f"{k}{f.suffix}", f)
