"""The command line: `newstui [PATH ...]` opens the app; subcommands print text or JSON.

To add a command, write `_cmd_<name>(args) -> int` and its `_setup_<name>(parser)` (here, or in
a module of its own like cli_search.py), and list it in COMMANDS. Errors a user can fix are raised
as UsageError (one line on stderr, exit 2).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence

from . import __version__
from .cli_common import PROG, Command, UsageError
from .cli_common import add_paths as _add_paths
from .cli_common import check_paths as _check_paths
from .cli_common import lazy as _lazy
from .cli_common import load_archive as _load
from .cli_common import new_parser as _new_parser
from .cli_common import one_line as _one_line
from .cli_common import print_json as _print_json
from .cli_common import safe as _safe
from .cli_served import HELP as SERVE_HELP

TYPE_CHECKING = False  # (not typing's: importing typing costs a search ~7 ms)
if TYPE_CHECKING:  # imported when a command runs: `newstui search` first asks a server (cli_served.py)
    import argparse


# --- newstui [PATH ...] ---------------------------------------------------------------------------


def _open_app(args: argparse.Namespace) -> int:
    """The one place where the interactive app is wired in: `tui.app.run(paths)`.

    Without a terminal (output piped or redirected) it prints the archive's summary instead.
    """
    import importlib
    import importlib.util
    from pathlib import Path

    _check_paths(args.paths)
    if sys.stdin.isatty() and sys.stdout.isatty() and importlib.util.find_spec("tui.app") is not None:
        app = importlib.import_module("tui.app")
        if callable(getattr(app, "run", None)):
            return int(app.run([Path(p) for p in args.paths]) or 0)
    return _summary(_load(args))


def _summary(archive) -> int:
    dates = sorted(a.published[:10] for a in archive.articles if a.published)
    print(f"{len(archive)} articles, {len(archive.rejections)} files rejected"
          + (f", {dates[0]} to {dates[-1]}" if dates else ""))
    for group in archive.tree():
        years = [y.key for y in group.years if y.key]
        span = f"{min(years)}-{max(years)}" if years else "undated"
        print(f"  {group.count:6d}  {_one_line(group.name)} ({_one_line(group.key)})  {span}")
    return 0


# --- newstui export -----------------------------------------------------------------------------


def _setup_export(parser: argparse.ArgumentParser) -> None:
    _add_paths(parser)


def _cmd_export(args: argparse.Namespace) -> int:
    archive = _load(args)
    for meta in archive.articles:
        _print_json(archive.get(meta.id).to_dict())
    return 0


# --- newstui show -------------------------------------------------------------------------------


def _setup_show(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="one archive file")
    parser.add_argument("--json", action="store_true", help="print the article as one JSON object")
    parser.add_argument("--format", choices=("text", "markdown", "json"), default="text",
                        help="plain text (default), Markdown, or JSON (same as --json)")


def _cmd_show(args: argparse.Namespace) -> int:
    from .archive.model import Article
    from .archive.read.parse import parse_file

    _check_paths([args.file])
    if os.path.isdir(args.file):
        raise UsageError(f"a folder, not a file: {_one_line(args.file)}")
    result = parse_file(os.path.abspath(args.file))
    if not isinstance(result, Article):
        print(f"{PROG}: {_one_line(result.path)}: {_one_line(result.reason)}", file=sys.stderr)
        return 1
    from .archive.export import to_markdown, to_text

    if args.json or args.format == "json":
        _print_json(result.to_dict())
    elif args.format == "markdown":
        sys.stdout.write(to_markdown(result, _safe))
    else:
        sys.stdout.write(to_text(result, _safe))
    return 0


# --- newstui check ------------------------------------------------------------------------------


def _setup_check(parser: argparse.ArgumentParser) -> None:
    _add_paths(parser)
    parser.add_argument("--json", action="store_true", help="print the findings as one JSON object")
    parser.add_argument("--stats", action="store_true",
                        help="per source and shape: articles, empty/short/lost bodies, undated,"
                             " approximate dates, fallback-extracted")


def _cmd_check(args: argparse.Namespace) -> int:
    archive = _load(args)
    if args.stats:
        return _check_stats(archive, args.json)
    rejected = [r.to_dict() for r in archive.rejections]
    missing = []
    for meta in sorted(archive.articles, key=lambda a: a.path):
        absent = archive.get(meta.id).missing()  # get(): the body, which the archive loads lazily
        if absent:
            missing.append({"path": meta.path, "id": meta.id, "missing": absent})
    summary = {"files": len(archive) + len(rejected), "articles": len(archive),
               "rejected": len(rejected), "incomplete": len(missing)}
    if args.json:
        _print_json({"summary": summary, "rejected": rejected, "missing": missing})
    else:
        for r in rejected:
            print(f"rejected  {_one_line(r['path'])}: {_one_line(r['reason'])}")
        for m in missing:
            print(f"missing   {_one_line(m['path'])}: {', '.join(m['missing'])}")
        print(f"{summary['files']} files: {summary['articles']} articles, {summary['rejected']} rejected,"
              f" {summary['incomplete']} with missing fields")
    return 1 if rejected else 0


def _check_stats(archive, as_json: bool) -> int:
    from .archive.store import stats

    rows = stats.collect(archive.get(meta.id) for meta in archive.articles)
    if as_json:
        _print_json({"rejected": len(archive.rejections), "columns": list(stats.COLUMNS),
                     "rows": [{"source": r.source, "shape": r.shape, **r.counts, "lost_paths": r.lost,
                               "undated_paths": r.undated} for r in [*rows, stats.total(rows)]]})
    else:
        print(_safe(stats.table(rows)))
        print(f"{len(archive.rejections)} files rejected; lost = a short body (under {stats.SHORT}"
              f" characters) although the file holds {stats.SHORT}+ more characters of text")
    return 0


# --- newstui search / names ---------------------------------------------------------------------


def _setup_names(parser: argparse.ArgumentParser) -> None:
    _add_paths(parser)
    parser.add_argument("--json", action="store_true",
                        help="print a JSON array of names with their aliases and articles")
    parser.add_argument("--related", metavar="NAME",
                        help="the names most often in the same articles as NAME (more than by chance)")
    parser.add_argument("--with", dest="together", metavar="OTHER",
                        help="with --related: the articles naming both NAME and OTHER")


def _cmd_names(args: argparse.Namespace) -> int:
    import json

    from .archive.search.names import format_entities
    from .archive.search.timeline import timeline

    archive, index = _load(args, index=True)
    entities = index.entities
    if args.related:
        from .cli_related import related

        return related(args, archive, index)
    if not args.json:
        print(_safe(format_entities(entities)))
        return 0
    out = []
    for entity in entities:
        articles = [archive.meta(i) for i in entity.articles if i in archive]
        out.append({**entity.to_dict(), **timeline(a.published for a in articles).to_dict(),
                    "articles": [{"id": a.id, "path": a.path, "title": a.title} for a in articles]})
    sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
    return 0


# --- newstui config -----------------------------------------------------------------------------


def _setup_config(parser: argparse.ArgumentParser) -> None:
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--path", action="store_true", help="print where the config file is (the default)")
    what.add_argument("--show", action="store_true", help="print the settings in force, as TOML")


def _cmd_config(args: argparse.Namespace) -> int:
    from . import config

    path = config.config_path()
    if not args.show:
        print(path)
        return 0
    settings, problem = config.load(path)
    if problem:
        print(f"{PROG}: {_one_line(problem)}", file=sys.stderr)
    print(f"# {path}{'' if path.exists() else ' (not written yet: these are the defaults)'}")
    sys.stdout.write(_safe(settings.to_toml()))
    return 1 if problem else 0


# --- dispatch -----------------------------------------------------------------------------------


def _search() -> object:
    from . import cli_search
    return cli_search


def _serve() -> object:
    from . import cli_serve
    return cli_serve


COMMANDS: dict[str, Command] = {
    "export": Command("print every article as JSON Lines", _setup_export, _cmd_export),
    "show": Command("print one file as an article (text, Markdown or JSON)", _setup_show, _cmd_show),
    "search": Command("search titles, names and text; hits best first",
                      _lazy(_search, "setup_search"), _lazy(_search, "run_search")),
    "saved": Command("list saved searches (search --save NAME QUERY saves one)",
                     _lazy(_search, "setup_saved"), _lazy(_search, "run_saved")),
    "serve": Command("keep the archive's index open and answer 'newstui search' fast (see below)",
                     _lazy(_serve, "setup_serve"), _lazy(_serve, "run_serve")),
    "names": Command("list people, organisations and agreements with aliases and articles",
                     _setup_names, _cmd_names),
    "check": Command("list files that are not articles and fields missing per file",
                     _setup_check, _cmd_check),
    "config": Command("print the config file's path (--path) or the settings in force (--show)",
                      _setup_config, _cmd_config),
}


def _main_new_parser() -> argparse.ArgumentParser:
    import argparse

    commands = "\n".join(f"  {name:<10}{cmd.help}" for name, cmd in COMMANDS.items())
    parser = _new_parser(
        prog=PROG,
        description="Browse and search archives of news articles from a terminal.",
        epilog=f"commands:\n{commands}\n\nRun '{PROG} COMMAND --help' for a command's options. "
               f"Without a terminal, '{PROG} [PATH ...]' prints the archive's summary.\n"
               f"The cache lives in $NEWSTUI_DATA_DIR, else the user data directory.\n\n{SERVE_HELP}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    _add_paths(parser)
    return parser


def parser_for(name: str) -> argparse.ArgumentParser:
    """The parser of command `name` (COMMANDS)."""
    command = COMMANDS[name]
    parser = _new_parser(prog=f"{PROG} {name}", description=command.help)
    command.setup(parser)
    return parser


def _parse_args(argv: list[str]) -> tuple[argparse.Namespace, Callable[[argparse.Namespace], int]]:
    if argv and argv[0] in COMMANDS:
        return parser_for(argv[0]).parse_intermixed_args(argv[1:]), COMMANDS[argv[0]].run
    return _main_new_parser().parse_intermixed_args(argv), _open_app


def _quiet_stdout() -> None:
    """After a broken pipe: point stdout at /dev/null so the exit-time flush stays silent."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] == "search":  # a running `newstui serve` answers in milliseconds
            from .cli_served import ask

            served = ask(argv)
            if served is not None:
                return served
        args, run = _parse_args(argv)
        code = run(args)
        sys.stdout.flush()
        return code
    except UsageError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2
    except SystemExit as exc:  # --help, --version
        return exc.code if isinstance(exc.code, int) else 0
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _quiet_stdout()
        return 0


if __name__ == "__main__":
    sys.exit(main())
