"""Following the archive's folders: files that arrive, change or go are loaded while the app runs.

    follower = Follower(roots, changed=lambda: app.call_from_thread(app.follow_up))
    follower.run(cancelled)            # in a worker thread, until `cancelled()`
    following()                        # False with NEWSTUI_FOLLOW=0
    arrivals(before, after)            # "3 new articles (美国之音 2, 法广 1)", or "" when none

The kernel says when anything under the roots changes (store/watch.py: inotify); where it cannot
(another OS, too many folders), the files' sizes and mtimes are compared every `POLL` seconds
(a stat of each: ~0.1 s per 14k files, in this thread). A change waits `QUIET` seconds for the
files around it (a mirror's sync writes many at once), then `changed()` runs and the loading
worker loads what changed (store/segments.py: only those files are parsed).
"""

from __future__ import annotations

import os
import threading
import time
from collections import Counter
from collections.abc import Callable

from ...archive.store import scanning, stamps
from ...archive.store.archive import Archive
from ...archive.store.watch import Watch

POLL = 15.0  # seconds between scans where the kernel does not report changes
QUIET = 0.3  # seconds without a new change before loading
TICK = 0.2  # how often the watcher is asked


def following() -> bool:
    """Whether the app follows its folders (NEWSTUI_FOLLOW=0 turns it off)."""
    return os.environ.get("NEWSTUI_FOLLOW", "1") != "0"


class Follower:
    def __init__(self, roots: list[str], changed: Callable[[], object]) -> None:
        self.roots, self.changed = roots, changed
        self.watching = threading.Event()  # set once a change from then on is seen

    def run(self, cancelled: Callable[[], bool]) -> None:
        watch = Watch.start(self.roots)
        last = None if watch is not None else self._digest()
        self.watching.set()
        from ...archive.read import parse  # noqa: F401  (now, not when the first files arrive: ~0.3 s)

        try:
            while not cancelled():
                if watch is not None:
                    time.sleep(TICK)
                    if not watch.changed():
                        continue
                    watch.close()
                    time.sleep(QUIET)  # the rest of a sync arrives: one load for all of it
                    watch = Watch.start(self.roots)  # before loading: what comes later is seen
                    last = None if watch is not None else self._digest()
                else:
                    _sleep(POLL, cancelled)
                    now = self._digest()
                    if now == last:
                        continue
                    last = now
                if not cancelled():
                    self.changed()
        finally:
            if watch is not None:
                watch.close()

    def _digest(self) -> stamps.Digest:
        files, _ = scanning.scan_files(self.roots)
        return stamps.digest((path, size, mtime) for path, (size, mtime) in files.items())


def _sleep(seconds: float, cancelled: Callable[[], bool]) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end and not cancelled():
        time.sleep(TICK)


def arrivals(before: Archive, after: Archive) -> str:
    """What changed between two archives, for people: new articles by source, changed, gone."""
    new = [a for a in after.articles if a.id not in before]
    gone = sum(1 for a in before.articles if a.id not in after)
    changed = sum(1 for a in after.articles if a.id in before and before.meta(a.id) != a)
    parts = []
    if new:
        sources = Counter(a.source_name or a.source for a in new)
        where = ", ".join(f"{name} {count}" for name, count in sources.most_common(3))
        more = "" if len(sources) <= 3 else ", …"
        parts.append(f"{len(new)} new article{'s' if len(new) != 1 else ''} ({where}{more})")
    if changed:
        parts.append(f"{changed} changed")
    if gone:
        parts.append(f"{gone} gone")
    return "; ".join(parts)
