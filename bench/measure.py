"""Measuring processes for the benchmark: wall time from spawn to exit, CPU time and memory
(`wait4`'s rusage, which includes every worker process the command reaped), and a /proc sampler
of the resident memory of a whole process tree: the sum of its processes' RSS, which counts a page
a parent shares with its forked children once per process, and the sum of their PSS
(proportional set size: a shared page split between the processes sharing it), which counts
each page of memory used once."""

from __future__ import annotations

import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

NEWSTUI = Path(sys.executable).parent / "newstui"
REPO = Path(__file__).resolve().parent.parent
Json = dict[str, Any]


def _tree_rss_kb(root: int) -> int:
    """Resident memory of a process and all its descendants (workers included), from /proc."""
    return sum(rss for _, rss in _tree(root))


def _tree_pss_kb(root: int) -> int:
    """The proportional set size of a process and all its descendants (smaps_rollup; 0 where the
    kernel has none)."""
    total = 0
    for pid, _ in _tree(root):
        with contextlib.suppress(OSError, ValueError), open(f"/proc/{pid}/smaps_rollup", "rb") as fh:
            total += next(int(line.split()[1]) for line in fh if line.startswith(b"Pss:"))
    return total


def _tree(root: int) -> list[tuple[int, int]]:
    """(pid, RSS in kB) of a process and all its descendants."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry)
        children.setdefault(int(fields[1]), []).append(pid)
        rss[pid] = int(fields[21]) * (os.sysconf("SC_PAGE_SIZE") // 1024)
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append((pid, rss.get(pid, 0)))
        todo.extend(children.get(pid, []))
    return found


@dataclass
class Run:
    seconds: float
    returncode: int
    stdout: bytes
    stderr: bytes
    maxrss_mb: float  # largest single process (wait4)
    tree_peak_mb: float  # sampled sum of RSS over the process tree (main + worker processes)
    cpu_s: float = 0.0  # user + system time of the process and every descendant it reaped
    tree_pss_peak_mb: float = 0.0  # sampled sum of PSS over the process tree


def run_process(
    cmd: Sequence[str], env: dict[str, str] | None = None, stdin: Path | None = None, sample: bool = False
) -> Run:
    """Run cmd, timing it from spawn to exit; memory from wait4 and (optionally) a /proc sampler."""
    peak, pss = [0], [0]
    done = threading.Event()
    with contextlib.ExitStack() as stack:
        out_f = stack.enter_context(tempfile.TemporaryFile())
        err_f = stack.enter_context(tempfile.TemporaryFile())
        stdin_f = stack.enter_context(open(stdin, "rb")) if stdin else subprocess.DEVNULL
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out_f, stderr=err_f, stdin=stdin_f, env=env)

        def sampler() -> None:
            while not done.wait(0.05):
                peak[0] = max(peak[0], _tree_rss_kb(proc.pid))
                pss[0] = max(pss[0], _tree_pss_kb(proc.pid))

        thread = threading.Thread(target=sampler, daemon=True) if sample else None
        if thread:
            thread.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - t0
        done.set()
        proc.returncode = os.waitstatus_to_exitcode(status)
        if thread:
            thread.join()
        out_f.seek(0)
        err_f.seek(0)
        stdout, stderr = out_f.read(), err_f.read()
    return Run(
        seconds,
        proc.returncode,
        stdout,
        stderr,
        usage.ru_maxrss / 1024,
        peak[0] / 1024,
        usage.ru_utime + usage.ru_stime,
        pss[0] / 1024,
    )


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def repeat(fn: Callable[[], float], cheap_below: float = 1.0, runs: int = 3) -> list[float]:
    """Run fn once; again (to `runs`) only while it stays cheap."""
    times = [fn()]
    while len(times) < runs and times[0] < cheap_below:
        times.append(fn())
    return times


def measure(
    cmd: Sequence[str],
    env: dict[str, str] | None = None,
    stdin: Path | None = None,
    runs: int = 3,
    cheap_below: float = 1.0,
) -> tuple[list[float], Run]:
    """Times of `cmd` (up to `runs`, while a run is cheaper than `cheap_below` s) and its last run."""
    done: list[Run] = []

    def once() -> float:
        done.append(run_process(cmd, env, stdin))
        return done[-1].seconds

    times = repeat(once, cheap_below, runs)
    return times, done[-1]


def env_with(data_dir: Path) -> dict[str, str]:
    """The environment of a measured command: its own data dir, and this checkout's `tui` first on
    the path (an editable install may point at another checkout)."""
    path = os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH", "")) if p)
    return {
        **os.environ,
        "NEWSTUI_DATA_DIR": str(data_dir),
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONPATH": path,
    }


def du_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.exists() else 0


def has_command(sub: str) -> bool:
    if not NEWSTUI.exists():
        return False
    r = subprocess.run([str(NEWSTUI), sub, "--help"], capture_output=True)
    return r.returncode == 0 and sub in r.stdout.decode("utf-8", "replace")


def loadavg() -> list[float]:
    """The 1, 5 and 15 minute load averages, recorded beside each figure (a shared machine)."""
    return [round(x, 2) for x in os.getloadavg()]
