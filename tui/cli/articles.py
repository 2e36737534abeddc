"""`newstui export` (every article as JSON Lines) and `newstui show` (one file as an article)."""

from __future__ import annotations

import argparse
import os
import shutil
import sys

from .common import PROG, UsageError, add_paths, check_paths, load_archive, one_line, print_json, safe


def setup_export(parser: argparse.ArgumentParser) -> None:
    add_paths(parser)


def run_export(args: argparse.Namespace) -> int:
    archive = load_archive(args)
    for meta in archive.articles:
        print_json(archive.get(meta.id).to_dict())
    return 0


def setup_show(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="one archive file")
    parser.add_argument("--json", action="store_true", help="print the article as one JSON object")
    parser.add_argument("--format", choices=("text", "markdown", "json"), default="text",
                        help="plain text (default), Markdown, or JSON (same as --json)")


def run_show(args: argparse.Namespace) -> int:
    from ..archive.model import Article
    from ..archive.read.parse import parse_file

    check_paths([args.file])
    if os.path.isdir(args.file):
        raise UsageError(f"a folder, not a file: {one_line(args.file)}")
    result = parse_file(os.path.abspath(args.file))
    if not isinstance(result, Article):
        print(f"{PROG}: {one_line(result.path)}: {one_line(result.reason)}", file=sys.stderr)
        return 1
    from ..archive.export import to_markdown, to_text

    if args.json or args.format == "json":
        print_json(result.to_dict())
    elif args.format == "markdown":
        sys.stdout.write(to_markdown(result, safe))
    else:
        sys.stdout.write(to_text(result, safe, _width()))
    return 0


def _width() -> int:
    """The terminal's width (COLUMNS first) when printing to one, else the width of plain text."""
    from ..archive.export import TEXT_WIDTH

    if not sys.stdout.isatty():
        return TEXT_WIDTH
    return max(20, shutil.get_terminal_size((TEXT_WIDTH, 24)).columns)
