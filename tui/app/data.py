"""The one place the app loads an archive and builds its search index (runs in a worker thread)."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from pathlib import Path

from ..archive.archive import Archive
from ..archive.loader import load_archive
from ..archive.search import SearchIndex

Progress = Callable[[int, int], None]


def load(paths: list[Path], progress: Progress | None, data_dir: Path) -> tuple[Archive, SearchIndex]:
    """Load `paths` (the bundled seeds when empty) and index them.

    Tolerates the loader growing a `data_dir` parameter or returning `(archive, notice)`.
    """
    kwargs: dict[str, object] = {"progress": progress}
    if "data_dir" in inspect.signature(load_archive).parameters:
        kwargs["data_dir"] = data_dir
    result = load_archive(paths, **kwargs)  # type: ignore[arg-type]
    archive = result[0] if isinstance(result, tuple) else result
    return archive, SearchIndex.build(archive)
