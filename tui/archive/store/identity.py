"""What names a cache: the archive roots it holds and the version of the parser that wrote it.

Kept apart from loader.py so that `newstui search`, answering from the persisted index
(search/quick.py), knows them without importing the loader's worker pool (multiprocessing).
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

from .paths import bundled_seeds


@functools.cache
def parser_version() -> str:
    """A digest of what shapes a parsed article: the model and the read/ package's source
    (`read/parse.py` and its PARSER_VERSION included).

    A parser edited without bumping PARSER_VERSION (easy while developing) still invalidates the
    cache, so a stale parse is never served; and the parser need not be imported to know it.
    """
    digest = hashlib.blake2b(digest_size=6)
    package = Path(__file__).resolve().parent.parent  # tui/archive
    sources = [package / "model.py", *sorted((package / "read").rglob("*.py"))]
    for source in sources:
        digest.update(source.relative_to(package).as_posix().encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()


def roots_of(paths: Iterable[str | os.PathLike[str]]) -> list[str]:
    """The archive roots named by `paths`, absolute (the bundled seeds when there are none)."""
    return [os.path.abspath(os.fspath(p)) for p in paths] or [str(bundled_seeds())]
