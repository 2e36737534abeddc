"""`newstui index`: build or bring up to date an archive's cache + search index, for sharing.

    newstui index /srv/news --index-dir /srv/newstui      # the admin, once and then from cron

Writes where `place_of` says (--index-dir, $NEWSTUI_INDEX_DIR, the config's index_dir, else the
user's own data dir), re-reading only the files that changed, and says who can read the result.
A user who cannot write that directory is told who can, and nothing is written.
"""

from __future__ import annotations

import argparse
import stat
import sys
from pathlib import Path

from .common import PROG, Progress, UsageError, add_paths, check_paths, one_line, place_of


def setup_index(parser: argparse.ArgumentParser) -> None:
    add_paths(parser)
    parser.add_argument("--quiet", "-q", action="store_true",
                        help="print nothing unless something is wrong (for cron)")


def run_index(args: argparse.Namespace) -> int:
    from ..archive.search.opening import search_index
    from ..archive.search.shared import load
    from ..archive.store.identity import roots_of
    from ..archive.store.location import owner, rebuild_command

    check_paths(args.paths)
    if args.no_cache:
        raise UsageError("index writes the cache and index; --no-cache makes no sense here")
    place = place_of(args)
    if not place.writable:
        print(f"{PROG}: cannot write {one_line(str(place.directory))}; {one_line(owner(place.directory))}"
              f" can: {one_line(rebuild_command(roots_of(args.paths), place.directory))}", file=sys.stderr)
        return 1
    progress = Progress() if sys.stderr.isatty() and not args.quiet else None
    try:
        # always one whole index (the files changed since merged in): its readers open it as built,
        # without a delta segment (search/shared.py)
        result = load(args.paths, progress, place=place, merge=True)
        index = search_index(result, progress)
    finally:
        if progress is not None:
            progress.finish()
    for notice in result.notices:
        print(f"{PROG}: {one_line(notice)}", file=sys.stderr)
    written = getattr(index, "persisted", None)
    if result.cache is None or written is None:
        print(f"{PROG}: the cache and index could not be written in {one_line(str(place.directory))}",
              file=sys.stderr)
        return 1
    readers = who_can_read([result.cache, Path(written)], place.directory)
    if not args.quiet:
        archive = result.archive
        print(f"{one_line(str(place.directory))}: {len(archive)} articles, {len(archive.rejections)} files"
              f" rejected ({result.parsed} read now, {result.reused} unchanged); {readers}")
    elif place.shared and readers.startswith("readable only"):
        print(f"{PROG}: {one_line(str(place.directory))}: {readers}", file=sys.stderr)
    return 0


def who_can_read(files: list[Path], top: Path) -> str:
    """Who other than the owner can open `files` (in `top` and its subfolders), for people."""
    others = group = True
    for path in [top, *sorted({f.parent for f in files}), *files]:
        mode = path.stat().st_mode
        need_o, need_g = (stat.S_IXOTH, stat.S_IXGRP) if path.is_dir() else (stat.S_IROTH, stat.S_IRGRP)
        others &= bool(mode & need_o)
        group &= bool(mode & need_g)
    if others:
        return "readable by every user"
    if group:
        import grp

        try:
            name = grp.getgrgid(files[0].stat().st_gid).gr_name
        except KeyError:
            name = str(files[0].stat().st_gid)
        return f"readable by group {name}"
    return "readable only by its owner: other users cannot open it (check the umask and the folders' modes)"
