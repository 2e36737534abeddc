"""Full garbage collections wait for a pause in the typing (tui/app/latency.py): none by count
while the app runs, one `PAUSE` after the last key, and the collector as it was once the app exits."""

from __future__ import annotations

import gc
import time
from typing import Any

import pytest
from support.app import ready, sample_archive, sync, until

from tui.app import latency
from tui.app.app import NewsApp
from tui.app.loading.loaders import Loaded
from tui.archive.search.opening import build_index


@sync
async def test_a_full_collection_runs_after_the_typing_not_during_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(latency, "PAUSE", 0.3)
    before = gc.get_threshold()
    full: list[float] = []  # when each full collection started
    keys: list[float] = []  # when each key was answered

    def seen(phase: str, info: dict[str, Any]) -> None:
        if phase == "start" and info["generation"] == 2:
            full.append(time.monotonic())

    keystroke = latency.IdleCollector.keystroke

    def key(self: latency.IdleCollector) -> None:
        keys.append(time.monotonic())
        keystroke(self)

    monkeypatch.setattr(latency.IdleCollector, "keystroke", key)
    archive = sample_archive()
    app = NewsApp(loader=lambda progress: Loaded(archive, build_index(archive)))
    gc.callbacks.append(seen)
    try:
        async with app.run_test() as pilot:
            await ready(pilot)
            assert gc.get_threshold()[2] == latency.NEVER  # no full collection set off by a count
            full.clear()  # (loading may have set one off before the index was in)
            await pilot.press("slash", *"kishi")
            assert await until(pilot, lambda: bool(full)), "no full collection after the typing (5 s)"
        assert len(keys) == 5
        assert not [t for t in full if keys[0] <= t <= keys[-1]]  # none while the keys came
        assert full[0] - keys[-1] >= 0.3  # the first, a pause after the last key
        assert gc.get_threshold() == before
    finally:
        gc.callbacks.remove(seen)
