"""Shared fixtures. Every test runs with its own NEWSTUI_DATA_DIR and NEWSTUI_CONFIG_DIR, never the user's,
and with no shared index dir unless it names one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support.paths import SEEDS


@pytest.fixture(autouse=True)
def data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh data dir (cache and state), exported as NEWSTUI_DATA_DIR for in-process and subprocess use."""
    path = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("NEWSTUI_DATA_DIR", str(path))
    return path


@pytest.fixture(autouse=True)
def config_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty config dir (NEWSTUI_CONFIG_DIR): no test reads the user's config.toml."""
    path = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("NEWSTUI_CONFIG_DIR", str(path))
    return path


@pytest.fixture(autouse=True)
def no_shared_index(monkeypatch: pytest.MonkeyPatch) -> None:
    """No $NEWSTUI_INDEX_DIR from the environment, no system-wide index dir (/var/lib/newstui)."""
    from tui.archive.store import location

    monkeypatch.delenv(location.ENV_INDEX_DIR, raising=False)
    monkeypatch.setattr(location, "SYSTEM_DIRS", ())


@pytest.fixture
def seeds_dir() -> Path:
    """The five seed files of the checkout (read only: copy them before changing anything)."""
    return SEEDS


@pytest.fixture
def archive_dir(tmp_path: Path) -> Path:
    """A small archive to change freely: the seeds in nested folders, plus one empty file."""
    root = tmp_path / "archive"
    for i, seed in enumerate(sorted(SEEDS.iterdir())):
        dest = root / f"source{i % 2}" / "2024" / seed.name
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(seed, dest)
    (root / "empty.md").write_bytes(b"")
    return root
