"""Background loops wait at `turn()` while a foreground task (a search) runs, and only then."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from tui.archive.store import cache, loader, turns
from tui.archive.store.identity import parser_version


def _background(steps: list[int], started: threading.Event) -> threading.Thread:
    def work() -> None:
        started.set()
        for step in range(3):
            turns.turn()
            steps.append(step)

    thread = threading.Thread(target=work)
    thread.start()
    return thread


def test_background_work_waits_while_a_search_runs_then_goes_on() -> None:
    steps: list[int] = []
    started = threading.Event()
    with turns.foreground(), turns.foreground():  # two searches at once: both must end
        thread = _background(steps, started)
        assert started.wait(2)
        time.sleep(0.05)
        assert steps == []  # at its first turn, waiting
    thread.join(2)
    assert steps == [0, 1, 2]


def test_without_a_search_background_work_does_not_wait() -> None:
    steps: list[int] = []
    thread = _background(steps, threading.Event())
    thread.join(2)
    assert not thread.is_alive() and steps == [0, 1, 2]


def test_a_search_that_never_ends_does_not_stop_background_work(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(turns, "WAIT", 0.01)
    steps: list[int] = []
    with turns.foreground():
        thread = _background(steps, threading.Event())
        thread.join(2)
        assert steps == [0, 1, 2]


def test_a_process_forked_while_a_search_runs_does_not_wait_for_it() -> None:
    # a scan forked from a process whose search is under way (stamps.py) has no search of its own
    # to wait for: its turns go on at once, not after WAIT at every folder
    with turns.foreground():
        pid = os.fork()
        if pid == 0:
            started = time.monotonic()
            for _ in range(3):
                turns.turn()
            os._exit(0 if time.monotonic() - started < turns.WAIT / 2 else 1)
        _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0


def test_a_cache_opened_while_a_search_runs_is_read_beside_it_and_decoded_after_it(
        archive_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the app decodes the last cache (~1.3 s at 300k) while the first search typed runs: the
    # reading lets the interpreter go, the checksum and the decoding hold it and wait their turn
    result = loader.load([archive_dir])
    assert result.cache is not None
    steps: list[str] = []
    real_crc32, real_entries = cache.zlib.crc32, cache._entries
    monkeypatch.setattr(cache, "pread", lambda fd, n, at: steps.append("read") or os.pread(fd, n, at))
    monkeypatch.setattr(cache.zlib, "crc32", lambda data, *v: steps.append("checked") or real_crc32(data, *v))
    monkeypatch.setattr(cache, "_entries", lambda meta: steps.append("decoded") or real_entries(meta))
    opened: list[cache.CacheFile | None] = []
    with turns.foreground():
        path = result.cache
        thread = threading.Thread(target=lambda: opened.append(cache.CacheFile.open(path, parser_version())))
        thread.start()
        time.sleep(0.2)
        assert "read" in steps and "decoded" not in steps and steps[-1] == "read"  # read, then it waits
    thread.join(5)
    assert steps[-2:] == ["checked", "decoded"] and opened[0] is not None and len(opened[0].entries) == (
        result.parsed)  # (a rejected file's entry too)
    opened[0].close()
