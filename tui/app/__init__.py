"""The Textual interface of newstui. `run(paths)` is what `newstui [PATH ...]` calls."""

from __future__ import annotations

from pathlib import Path


def run(paths: list[Path], index_dir: str | None = None) -> int:
    """Open the browser over `paths` (files or folders; the bundled seeds when empty); `index_dir`:
    a shared cache + index (--index-dir)."""
    from .app import NewsApp

    app = NewsApp(paths, index_dir=index_dir)
    app.run()
    return app.return_code or 0


__all__ = ["run"]
