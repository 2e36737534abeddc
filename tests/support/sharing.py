"""A shared index dir built as its admin would, and what is in it (to prove a reader changed nothing)."""

from __future__ import annotations

import os
import pwd
import shutil
from pathlib import Path

from support.paths import SEEDS
from tui.archive.search import opening, shared
from tui.archive.store.location import Place


def news(root: Path) -> Path:
    """The five seeds in `root` (created)."""
    root.mkdir(parents=True, exist_ok=True)
    for seed in sorted(SEEDS.iterdir()):
        shutil.copyfile(seed, root / seed.name)
    return root


def build(root: Path, directory: Path) -> None:
    """The cache + index of `root` written in `directory`, as `newstui index --index-dir` does."""
    result = shared.load([root], place=Place(directory, shared=True, writable=True, named_by="--index-dir"),
                         merge=True)
    opening.search_index(result)
    assert result.cache is not None and result.cache.is_file()


def listing(directory: Path) -> dict[str, tuple[int, int, int]]:
    """Every file and folder under `directory`: (size, mtime_ns, mode) by relative path."""
    found = {}
    for path in sorted([directory, *directory.rglob("*")]):
        info = path.lstat()
        found[str(path.relative_to(directory))] = (info.st_size if path.is_file() else 0, info.st_mtime_ns,
                                                   info.st_mode)
    return found


def change_files(root: Path) -> tuple[str, str]:
    """One file changed (its size) and one added: (changed name, added name)."""
    first = sorted(root.iterdir())[0]
    with first.open("ab") as handle:
        handle.write(b"\n")
    added = root / "zz-added.md"
    shutil.copyfile(first, added)
    return first.name, added.name


def me() -> str:
    return pwd.getpwuid(os.getuid()).pw_name
