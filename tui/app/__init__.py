"""The Textual interface of newstui. `run(paths)` is what `newstui [PATH ...]` calls."""

from __future__ import annotations

from pathlib import Path


def run(paths: list[Path]) -> int:
    """Open the browser over `paths` (files or folders; the bundled seeds when empty)."""
    from .app import NewsApp

    app = NewsApp(paths)
    app.run()
    return app.return_code or 0


__all__ = ["run"]
