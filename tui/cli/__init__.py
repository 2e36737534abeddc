"""The command line: `newstui [PATH ...]` opens the app; subcommands print text or JSON.

    __init__.py   main() (the `newstui` console script) and the command table, COMMANDS
    common.py     what the commands share: usage errors, text made safe for a terminal, paths
                  checked, the archive loaded, JSON printed, parsers whose errors are one line
    browse.py     `newstui [PATH ...]`: the app (imported only here, and only on a terminal),
                  else the archive's summary
    articles.py   `export`, `show`        check.py   `check`
    index.py      `index`: the cache + index built or brought up to date (a shared index dir)
    search.py     `search`, `saved`       names.py   `names`
    config.py     `config`
    serve/        `serve`: server.py keeps an index open; client.py asks it, before anything else
                  is imported, on every `newstui search`

Data flows one way: argv -> main -> (a running server, for `search`) -> the command's
module, imported when it runs -> the archive (tui.archive) and the user's data (tui.userdata) ->
text or JSON on stdout, messages on stderr. Nothing here imports Textual at module level.

To add a command, write `run_<name>(args) -> int` and `setup_<name>(parser)` in the module of its
family (or a new one), and list it in COMMANDS with `lazy("module", "name")`: a command's module is
imported only when that command runs. Errors a user can fix are raised as UsageError (one line on
stderr, exit 2).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence

from .. import __version__
from .common import PROG, Command, UsageError, add_paths, lazy, new_parser, parse_args
from .serve.client import HELP as SERVE_HELP

TYPE_CHECKING = False  # (not typing's: importing typing costs a search ~7 ms)
if TYPE_CHECKING:  # imported when a command runs: `newstui search` first asks a server (serve/client.py)
    import argparse


COMMANDS: dict[str, Command] = {
    "export": Command("print every article as JSON Lines",
                      lazy("articles", "setup_export"), lazy("articles", "run_export")),
    "show": Command("print one file as an article (text, Markdown or JSON)",
                    lazy("articles", "setup_show"), lazy("articles", "run_show")),
    "search": Command("search titles, names and text; hits best first",
                      lazy("search", "setup_search"), lazy("search", "run_search")),
    "saved": Command("list saved searches (search --save NAME QUERY saves one)",
                     lazy("search", "setup_saved"), lazy("search", "run_saved")),
    "serve": Command("keep the archive's index open and answer 'newstui search' fast (see below)",
                     lazy("serve.server", "setup_serve"), lazy("serve.server", "run_serve")),
    "names": Command("list people, organisations and agreements with aliases and articles",
                     lazy("names", "setup_names"), lazy("names", "run_names")),
    "check": Command("list files that are not articles and fields missing per file",
                     lazy("check", "setup_check"), lazy("check", "run_check")),
    "index": Command("build or update the cache + search index (in --index-dir DIR to share it)",
                     lazy("index", "setup_index"), lazy("index", "run_index")),
    "config": Command("print the config file's path (--path) or the settings in force (--show)",
                      lazy("config", "setup_config"), lazy("config", "run_config")),
}


def _main_new_parser() -> argparse.ArgumentParser:
    import argparse

    commands = "\n".join(f"  {name:<10}{cmd.help}" for name, cmd in COMMANDS.items())
    parser = new_parser(
        prog=PROG,
        description="Browse and search archives of news articles from a terminal.",
        epilog=f"commands:\n{commands}\n\nRun '{PROG} COMMAND --help' for a command's options. "
               f"Without a terminal, '{PROG} [PATH ...]' prints the archive's summary.\n"
               f"The cache lives in $NEWSTUI_DATA_DIR, else the user data directory; an index dir\n"
               f"shared by many users is named by --index-dir, $NEWSTUI_INDEX_DIR or the config's\n"
               f"index_dir (read-only for those who cannot write it; see 'newstui index').\n\n{SERVE_HELP}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    add_paths(parser)
    return parser


def parser_for(name: str) -> argparse.ArgumentParser:
    """The parser of command `name` (COMMANDS)."""
    command = COMMANDS[name]
    parser = new_parser(prog=f"{PROG} {name}", description=command.help)
    command.setup(parser)
    return parser


def _parse_args(argv: list[str]) -> tuple[argparse.Namespace, Callable[[argparse.Namespace], int]]:
    if argv and argv[0] in COMMANDS:
        return parse_args(parser_for(argv[0]), argv[1:]), COMMANDS[argv[0]].run
    return parse_args(_main_new_parser(), argv), lazy("browse", "open_app")


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
            from .serve.client import ask

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

