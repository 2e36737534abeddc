"""kill -9 while a delta is written or a merge rewrites the base: the next load finds exactly the
hits of a clean build, and `newstui search`'s quick answer is never a wrong one."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support.segments import answers, bring_back, clean, held_back

from tui.archive.search import opening
from tui.archive.search.quick import from_index

_UPDATE = """
import sys
from tui.archive.search import opening
from tui.archive.store import segments
if sys.argv[2] == "merge":
    segments.DELTA_MIN = 0
opening.search_index(opening.load([sys.argv[1]]))
"""


def _run(root: Path, what: str, env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", _UPDATE, str(root), what], env={**os.environ, **env},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


@pytest.fixture
def archive(tmp_path: Path) -> tuple[Path, list[Path]]:
    """Built without 8 files, which are then put back: the next load writes a delta (or merges)."""
    root, later = held_back(tmp_path)
    opening.search_index(opening.load([root]))
    bring_back(tmp_path, later)
    return root, later


def _after_kill(root: Path, tmp_path: Path) -> None:
    expected = clean(root, tmp_path / "clean")
    assert from_index([root], answers, processes=1) in (None, expected)
    result = opening.load([root])
    assert answers(opening.search_index(result)) == expected
    assert from_index([root], answers, processes=1) == expected


@pytest.mark.parametrize("point, what", [("delta written", "update"), ("base written", "merge")])
def test_killed_between_writing_segments_and_the_manifest(archive: tuple[Path, list[Path]], tmp_path: Path,
                                                          point: str, what: str) -> None:
    root, _ = archive
    flag = tmp_path / "paused"
    child = _run(root, what, {"NEWSTUI_TEST_PAUSE": point, "NEWSTUI_TEST_PAUSE_FILE": str(flag)})
    try:
        deadline = time.monotonic() + 120
        while not flag.exists() and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert flag.exists(), "the update never reached its checkpoint"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    _after_kill(root, tmp_path)


@pytest.mark.parametrize("what", ["update", "merge"])
@pytest.mark.parametrize("after", [0.3, 0.8, 1.5])
def test_killed_at_any_moment(archive: tuple[Path, list[Path]], tmp_path: Path, what: str, after: float
                              ) -> None:
    root, _ = archive
    child = _run(root, what, {})
    time.sleep(after)
    child.send_signal(signal.SIGKILL)
    child.wait()
    _after_kill(root, tmp_path)
