"""`newstui [PATH ...]`: the app over the archive, or its summary when there is no terminal."""

from __future__ import annotations

import argparse
import sys

from .common import check_paths, load_archive, one_line


def open_app(args: argparse.Namespace) -> int:
    """The one place where the interactive app is wired in: `tui.app.run(paths)`.

    Without a terminal (output piped or redirected) it prints the archive's summary instead.
    """
    import importlib
    import importlib.util
    from pathlib import Path

    check_paths(args.paths)
    if sys.stdin.isatty() and sys.stdout.isatty() and importlib.util.find_spec("tui.app") is not None:
        app = importlib.import_module("tui.app")
        if callable(getattr(app, "run", None)):
            return int(app.run([Path(p) for p in args.paths], args.index_dir) or 0)
    return _summary(load_archive(args))


def _summary(archive) -> int:
    dates = sorted(a.published[:10] for a in archive.articles if a.published)
    print(f"{len(archive)} articles, {len(archive.rejections)} files rejected"
          + (f", {dates[0]} to {dates[-1]}" if dates else ""))
    for group in archive.tree():
        years = [y.key for y in group.years if y.key]
        span = f"{min(years)}-{max(years)}" if years else "undated"
        print(f"  {group.count:6d}  {one_line(group.name)} ({one_line(group.key)})  {span}")
    return 0
