"""`newstui config`: where the config file is (`--path`), or the settings in force (`--show`)."""

from __future__ import annotations

import argparse
import sys

from .common import PROG, one_line, safe


def setup_config(parser: argparse.ArgumentParser) -> None:
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--path", action="store_true", help="print where the config file is (the default)")
    what.add_argument("--show", action="store_true", help="print the settings in force, as TOML")


def run_config(args: argparse.Namespace) -> int:
    from .. import config

    path = config.config_path()
    if not args.show:
        print(path)
        return 0
    from ..keymap.clashes import clash_message

    settings, problem = config.load(path)
    clash = clash_message(settings.keys)
    if clash:
        problem = f"{problem}; {clash}" if problem else f"Config {path}: {clash}"
    if problem:
        print(f"{PROG}: {one_line(problem)}", file=sys.stderr)
    print(f"# {path}{'' if path.exists() else ' (not written yet: these are the defaults)'}")
    sys.stdout.write(safe(settings.to_toml()))
    return 1 if problem else 0
