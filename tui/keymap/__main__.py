"""`python -m tui.keymap [FILE]`: rewrite the key table of FILE (default docs/keys-and-config.md)
from the command table."""

from __future__ import annotations

import sys
from pathlib import Path

from .shown import with_markdown_table

path = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/keys-and-config.md")
path.write_text(with_markdown_table(path.read_text(encoding="utf-8")), encoding="utf-8")
print(f"key table written to {path}")
