"""What the commands share: usage errors, text made safe for a terminal, paths checked, the
archive loaded (with progress on a terminal) or a question answered from its persisted index.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence

TYPE_CHECKING = False  # (not typing's: importing typing costs a search ~7 ms)
if TYPE_CHECKING:  # (argparse and json are imported where used: `newstui search` may not need them)
    import argparse
    from collections.abc import Callable
    from typing import Any, NoReturn

PROG = "newstui"


class UsageError(Exception):
    """A mistake on the command line: reported on one line, exit status 2."""


def safe(text: str) -> str:
    """Text from a file, made safe for a terminal: control characters shown escaped, never sent."""
    return "".join(c if c.isprintable() or c in "\n\t" else repr(c)[1:-1] for c in text)


def one_line(text: str) -> str:
    return safe(text.replace("\n", "\\n").replace("\t", "\\t"))


def check_paths(paths: Sequence[str]) -> None:
    for path in paths:
        if not os.path.exists(path):
            raise UsageError(f"no such file or folder: {one_line(path)}")


class Progress:
    """`indexing 120/5000 files` on stderr, redrawn at most ten times a second."""

    def __init__(self) -> None:
        self.last = 0.0
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self.last < 0.1:
            return
        self.last = now
        self.shown = True
        sys.stderr.write(f"\rindexing {done}/{total} files ({100 * done // max(total, 1)}%)")
        sys.stderr.flush()

    def finish(self) -> None:
        if self.shown:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


def load_archive(args: argparse.Namespace, index: bool = False):  # -> Archive (lazy imports: fast --help)
    """The archive; with `index`, (archive, search index): the persisted index when the cache has a
    valid one (opened in milliseconds), else built (and persisted) here. The cache and index are
    where `place_of` says (a shared index dir is opened read-only when this user cannot write it)."""
    from ..archive.search.opening import search_index
    from ..archive.search.shared import load

    check_paths(args.paths)
    progress = Progress() if sys.stderr.isatty() else None
    try:
        result = load(args.paths, progress, place=place_of(args), use_cache=not args.no_cache)
        found = search_index(result, progress) if index else None
    finally:
        if progress is not None:
            progress.finish()
    for notice in result.notices:
        print(f"{PROG}: {one_line(notice)}", file=sys.stderr)
    return (result.archive, found) if index else result.archive


def answer_from_index(args: argparse.Namespace, ask):  # -> ask's answer, or None
    """`ask(index)` answered from the persisted index without loading the archive, when the files
    are unchanged since it was written (see archive/search/quick.py); None otherwise, and then
    `load_archive`."""
    from ..archive.search.quick import from_index

    check_paths(args.paths)
    if args.no_cache:
        return None
    place = place_of(args)
    return from_index(args.paths, ask, data_dir=place.directory, read_only=not place.writable)


def place_of(args: argparse.Namespace):  # -> store.location.Place
    """Where this archive's cache + index live: --index-dir, $NEWSTUI_INDEX_DIR, the config's
    index_dir, a system-wide dir holding this archive's, else the user's own data dir."""
    from ..archive.store.identity import roots_of
    from ..archive.store.location import locate

    return locate(roots_of(args.paths), named=args.index_dir, configured=configured_index_dir())


def configured_index_dir() -> str | None:
    """The config file's `index_dir`; its file is read as TOML only when it mentions one (every
    `newstui search` asks)."""
    from ..config import config_path

    try:
        text = config_path().read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    if "index_dir" not in text:
        return None
    from ..config import load

    return load()[0].index_dir or None


def add_paths(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="archive files or folders, read recursively (default: the bundled seeds)")
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    parser.add_argument("--index-dir", metavar="DIR",
                        help="the cache + search index shared in DIR (default: $NEWSTUI_INDEX_DIR, the"
                             " config's index_dir, /var/lib/newstui when it holds this archive's, else"
                             " your data dir); read-only when you cannot write it")



def print_json(value: object) -> None:
    import json

    sys.stdout.write(json.dumps(value, ensure_ascii=False) + "\n")


def positive(value: str) -> int:
    import argparse

    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {value!r}")
    return number


def new_parser(**kwargs: object) -> argparse.ArgumentParser:
    """An ArgumentParser whose errors are UsageErrors (argparse imported only now)."""
    import argparse

    class _Parser(argparse.ArgumentParser):
        def error(self, message: str) -> NoReturn:  # one line, not argparse's usage block
            if message.startswith("unrecognized arguments: -"):
                message += " (arguments that begin with '-' go after '--')"
            raise UsageError(message)

    return _Parser(**kwargs)  # type: ignore[arg-type]


def parse_args(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace:
    """Options and arguments in any order (`search QUERY PATH --json`), and after `--` arguments
    only, even those that begin with `-` (`search -- -香港 PATH`: a query of exclusions alone).
    argparse's intermixed parsing drops the `--` before it parses the arguments, so an argument
    after it that starts with `-` would be taken for an unknown option: then parse in order."""
    if "--" in argv:
        return parser.parse_args(argv)
    return parser.parse_intermixed_args(argv)


class Command:
    """A subcommand: its help line, `setup(parser)` and `run(args) -> exit status`."""

    def __init__(self, help: str, setup: Callable[[argparse.ArgumentParser], None],
                 run: Callable[[argparse.Namespace], int]) -> None:
        self.help, self.setup, self.run = help, setup, run


def lazy(module: str, name: str) -> Callable[..., Any]:
    """`tui.cli.<module>.<name>`, looked up when called: the command's module is imported then (a
    command imports what it needs when it runs)."""
    def call(arg: object) -> Any:
        from importlib import import_module

        return getattr(import_module(f"{__package__}.{module}"), name)(arg)

    return call
