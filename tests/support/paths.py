"""Where things are, from any test folder."""

from __future__ import annotations

import shutil
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
ROOT = TESTS.parent  # the repository
SEEDS = ROOT / "seeds"
FIXTURES = TESTS / "fixtures"
SHARED = ROOT.parent / "shared"  # ../shared beside the repository, where it exists


def seeds_copied(tmp_path: Path, count: int) -> Path:
    """`tmp_path / "news"` holding the first `count` bundled seeds (a folder the test may change)."""
    root = tmp_path / "news"
    root.mkdir(exist_ok=True)
    for seed in sorted(SEEDS.iterdir())[:count]:
        shutil.copyfile(seed, root / seed.name)
    return root
