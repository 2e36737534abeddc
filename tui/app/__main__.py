"""`python -m tui.app [PATH ...]`: the browser, until the CLI wires `newstui` to `tui.app.run`."""

from __future__ import annotations

import sys
from pathlib import Path

from . import run

if __name__ == "__main__":
    sys.exit(run([Path(p) for p in sys.argv[1:]]))
