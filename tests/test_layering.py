"""The archive layer never imports Textual (nor does the CLI until it opens the app)."""

from __future__ import annotations

import subprocess
import sys

IMPORT_ALL = """
import importlib, pkgutil, sys
import tui.archive
names = [m.name for m in pkgutil.walk_packages(tui.archive.__path__, "tui.archive.")]
for name in names:
    importlib.import_module(name)
import tui.cli
assert len(names) >= 5, names
leaked = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
print(len(names), leaked)
sys.exit(1 if leaked else 0)
"""


def test_archive_layer_and_cli_do_not_import_textual() -> None:
    done = subprocess.run([sys.executable, "-c", IMPORT_ALL], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
