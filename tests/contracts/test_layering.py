"""The archive layer and the user's data never import Textual, nor does the CLI until it opens the
app: importing every module of tui.archive, tui.userdata and tui.cli (each command's module, and
the one that opens the app) leaves Textual unimported."""

from __future__ import annotations

import subprocess
import sys

IMPORT_ALL = """
import importlib, pkgutil, sys
import tui.archive, tui.cli, tui.userdata
names = [m.name for package in (tui.archive, tui.userdata, tui.cli)
         for m in pkgutil.walk_packages(package.__path__, package.__name__ + ".")]
for name in names:
    if name != "tui.cli.__main__":  # (it runs the command line)
        importlib.import_module(name)
assert {"tui.cli.browse", "tui.cli.serve.server", "tui.userdata.reading", "tui.userdata.store"} <= set(names)
assert len(names) >= 5, names
leaked = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
app = sorted(m for m in sys.modules if m == "tui.app" or m.startswith("tui.app."))
print(len(names), leaked, app)
sys.exit(1 if leaked or app else 0)
"""


def test_archive_layer_userdata_and_cli_do_not_import_textual() -> None:
    done = subprocess.run([sys.executable, "-c", IMPORT_ALL], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
