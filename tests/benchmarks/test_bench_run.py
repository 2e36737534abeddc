"""The benchmark's in-app measurement still drives the real app: it wraps the screen's
`show_results`, so a change of that method's signature must fail here, not in a 25-minute run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from support.paths import ROOT, TESTS

BENCH = ROOT / "bench" / "run.py"


def test_pilot_measures_every_keystroke_on_the_seeds(seeds_dir: Path, tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(BENCH), "--pilot", str(seeds_dir)], capture_output=True,
                          text=True, timeout=300, env={**os.environ, "NEWSTUI_DATA_DIR": str(tmp_path)})
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert "na" not in result, result
    typed = sum(len(name) for name in ("kishida", "blinken", "aukus", "2+2", "岸田", "Quillfeather",
                                        "Quilfeather"))
    assert result["keystrokes"] == typed and result["timeouts"] == 0
    assert 0 < result["p50_ms"] <= result["p95_ms"] <= result["max_ms"]



STAGES = ROOT / "bench" / "stages.py"


def test_cold_build_is_timed_stage_by_stage(tmp_path: Path) -> None:
    """bench/stages.py wraps the loader's stages from outside: a rename there must fail here."""
    fixtures = TESTS / "fixtures"
    done = subprocess.run([sys.executable, str(STAGES), str(tmp_path / "data"), str(fixtures)],
                          capture_output=True, text=True, timeout=300)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["files"] == result["articles"] + result["rejected"] > 40
    for stage in ("scan", "parse loop (wall)", "names", "cache write (commit)", "search index write"):
        wall, cpu = result["parent"][stage]
        assert wall > 0 and cpu >= 0, stage
    for stage in ("worker: read, decode, shape, HTML -> blocks", "worker: index features"):
        assert result["workers"][stage][0] > 0, stage
    assert (tmp_path / "data" / "index").is_dir()  # the index was written beside the cache


NAMES_PANEL = ROOT / "bench" / "names_panel.py"


def test_the_names_panel_is_timed_with_its_related_names_on_and_off(seeds_dir: Path, tmp_path: Path) -> None:
    """bench/names_panel.py drives the panel's list, its related names and `w` from outside."""
    done = subprocess.run([sys.executable, str(NAMES_PANEL), "--rounds", "1", "--keys", "3", str(seeds_dir)],
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "NEWSTUI_DATA_DIR": str(tmp_path)})
    assert done.returncode == 0, done.stderr[-800:]
    got = json.loads(done.stderr.strip().splitlines()[-1])
    assert len(got["True"]["quick"]) == len(got["False"]["resting"]) == 3
    assert len(got["True"]["shown"]) == 10 and got["True"]["w"][0] > 0
    assert "w -> related names listed" in done.stdout
