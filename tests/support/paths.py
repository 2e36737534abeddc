"""Where things are, from any test folder."""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
ROOT = TESTS.parent  # the repository
SEEDS = ROOT / "seeds"
FIXTURES = TESTS / "fixtures"
SHARED = ROOT.parent / "shared"  # ../shared beside the repository, where it exists
