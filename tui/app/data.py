"""The one place the app loads an archive and builds its search index (runs in a worker thread)."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..archive.archive import Archive
from ..archive.loader import load_archive
from ..archive.search import SearchIndex

Progress = Callable[[int, int], None]


@dataclass
class Loaded:
    archive: Archive
    index: SearchIndex
    notices: list[str] = field(default_factory=list)  # cache problems etc., shown as notifications


def load(paths: list[Path], progress: Progress | None, data_dir: Path) -> Loaded:
    """Load `paths` (the bundled seeds when empty) and index them.

    Passes `data_dir` and a `notice` collector when the loader accepts them.
    """
    notices: list[str] = []
    params = inspect.signature(load_archive).parameters
    kwargs: dict[str, object] = {"progress": progress}
    if "data_dir" in params:
        kwargs["data_dir"] = data_dir
    if "notice" in params:
        kwargs["notice"] = notices.append
    archive = load_archive(paths, **kwargs)  # type: ignore[arg-type]
    return Loaded(archive, SearchIndex.build(archive), notices)


def fixed(archive: Archive) -> Callable[[Progress], Loaded]:
    """A loader that always gives `archive` (tests, snapshots, screenshots)."""
    return lambda progress: Loaded(archive, SearchIndex.build(archive))
