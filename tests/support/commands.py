"""The command as a user runs it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def newstui(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`python -m tui.cli ARGS` in a separate process run from `cwd`, as a user runs it."""
    return subprocess.run([sys.executable, "-m", "tui.cli", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, encoding="utf-8", timeout=120, stdin=subprocess.DEVNULL)
