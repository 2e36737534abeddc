"""Where a cold build's parent memory goes: its resident memory over time, stage by stage, and what
the biggest holders weigh when the parse loop ends (the index builder's, the cache's entries).

    python bench/memory.py DATA_DIR PATH [PATH ...]     # prints one JSON object on its last line
    python bench/memory.py --no-weights DATA_DIR PATH    # the peaks alone, nothing weighed

It runs `opening.load` (what `newstui check` runs) with the parent's RSS sampled every 50 ms by a
forked watcher process (a thread would make the loader use forkserver workers and no forked text
reader: not the build measured), beside the stage it is in, which the parent writes to a small file
(the stages are wrapped from outside: the code under test is not edited). At the end of the
parse loop it weighs, with `sys.getsizeof` over the objects held (shared objects counted once):
the builder's posting lists, ids, titles, glosses and forms, the cache's Entry list and the
Archive's metas. The figures are per article too, to say what grows with N. Weighing holds a set
of every object it has seen (tens of MB at 50k articles) in the stage it runs in, and the
process's peak: `--no-weights` gives the peaks of the build alone.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

STAGE = ["start"]
STAGE_FILE: list[Path] = []
WEIGHTS: dict[str, float] = {}


def rss_mb(pid: int | str = "self") -> float:
    with open(f"/proc/{pid}/statm", encoding="ascii") as fh:
        return int(fh.read().split()[1]) * 4096 / 2**20


def _enter(stage: str) -> None:
    STAGE[0] = stage
    tmp = STAGE_FILE[0].with_suffix(".new")
    tmp.write_text(stage, encoding="utf-8")
    tmp.replace(STAGE_FILE[0])


def _watch(parent: int, stage_file: Path, out: Path) -> None:
    """In the forked watcher: the parent's RSS every 50 ms, the peak per stage, until "done"."""
    peaks: dict[str, float] = {}
    while True:
        try:
            stage = stage_file.read_text(encoding="utf-8")
            got = rss_mb(parent)
        except (OSError, ValueError):
            stage, got = "done", 0.0
        if stage == "done":
            break
        peaks[stage] = max(peaks.get(stage, 0.0), got)
        time.sleep(0.05)
    out.write_text(json.dumps(peaks), encoding="utf-8")


def _staged(owner: Any, name: str, stage: str, before: Callable[..., None] | None = None) -> None:
    """Wrap `owner.name` as the stage `stage` (its second call and later: `stage #2`, ...)."""
    fn: Callable[..., Any] = getattr(owner, name)
    calls = [0]

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if before is not None:
            before(*args, **kwargs)
        outer = STAGE[0]
        calls[0] += 1
        this = stage if calls[0] == 1 else f"{stage} #{calls[0]}"
        _enter(this)
        try:
            return fn(*args, **kwargs)
        finally:
            WEIGHTS[f"rss at the end of {this} (MB)"] = rss_mb()
            _enter(outer)

    setattr(owner, name, wrapper)


def _hwm_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        return next(int(line.split()[1]) / 1024 for line in fh if line.startswith("VmHWM:"))


def deep_mb(roots: Iterable[Any], seen: set[int]) -> float:
    """Bytes of the objects reachable through lists, tuples, dicts, sets and msgspec structs."""
    total = 0
    stack = list(roots)
    while stack:
        o = stack.pop()
        if id(o) in seen:
            continue
        seen.add(id(o))
        total += sys.getsizeof(o)
        if isinstance(o, dict):
            stack.extend(o.keys())
            stack.extend(o.values())
        elif isinstance(o, (list, tuple, set, frozenset)):
            stack.extend(o)
        elif hasattr(o, "__struct_fields__"):
            stack.extend(getattr(o, f) for f in o.__struct_fields__)
    return total / 2**20


def weigh_builder(builder: Any, *_: Any) -> None:
    """What the builder holds when the parse loop has ended (called as `finish` starts)."""
    seen: set[int] = set()
    n = max(len(builder.ids), 1)
    for name in ("chars", "tokens"):
        postings = getattr(builder, name)
        held = getattr(getattr(postings, "held", postings), "lists", {})  # spilled: what is not yet
        WEIGHTS[f"builder.{name} in memory (MB)"] = deep_mb([held], seen)
    for name in ("ids", "titles", "glosses", "forms", "titled", "bare", "_gloss", "offsets", "crcs",
                 "title_len"):
        if hasattr(builder, name):
            WEIGHTS[f"builder.{name} (MB)"] = deep_mb([getattr(builder, name)], seen)
    WEIGHTS["articles"] = n
    WEIGHTS["rss at finish start (MB)"] = rss_mb()


def weigh_text(text: Any, *_: Any) -> None:
    """What the TextIndex holds of names' answers as a `match_all` starts (the last one wins)."""
    seen: set[int] = set()
    for name in ("_known", "_matched"):
        WEIGHTS[f"text.{name} at a match_all (MB)"] = deep_mb([getattr(text, name, {})], seen)
    WEIGHTS["text.phrases at a match_all (MB)"] = deep_mb([text.phrases.lists], seen)


def weigh_text_of(phrases: Any, *_: Any) -> None:
    WEIGHTS["text.phrases when names are found (MB)"] = deep_mb([phrases.lists], set())


def weigh_entries(_writer: Any, _roots: Any, _version: Any, entries: list[Any]) -> None:
    WEIGHTS["cache entries with their metas (MB)"] = deep_mb([entries], set())
    WEIGHTS["rss at cache commit (MB)"] = rss_mb()


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description="A cold build's parent memory, stage by stage.")
    ap.add_argument("data", type=Path, help="the data dir to build in (a new one: the build is cold)")
    ap.add_argument("paths", nargs="+", metavar="PATH")
    # the weighing's own sets of every object seen (tens of MB) are in the peaks of its stages
    ap.add_argument("--no-weights", action="store_true", help="the peaks alone, nothing weighed")
    args = ap.parse_args(argv)
    weigh, data, paths = not args.no_weights, args.data, args.paths
    from tui.archive.search import opening
    from tui.archive.search.disk import build, reading
    from tui.archive.search.index import textindex
    from tui.archive.search.names import boilerplate, entities, lexicon
    from tui.archive.store import cache, loader

    _staged(loader, "_rebuild", "parse loop")
    _staged(cache.CacheWriter, "commit", "cache commit", weigh_entries if weigh else None)
    _staged(build.IndexBuilder, "finish", "index finish", weigh_builder if weigh else None)
    _staged(entities, "build", "names")
    _staged(build.IndexBuilder, "_write", "index write")
    _staged(build.IndexBuilder, "_merge", "index finish: postings merged")
    _staged(build.IndexBuilder, "_found_elsewhere", "index finish: lexicon forms handed over")
    _staged(lexicon, "present", "names: lexicon entries present")
    _staged(textindex.TextIndex, "match_all", "names: match_all", weigh_text if weigh else None)
    _staged(boilerplate.Boilerplate, "of", "names: boilerplate")
    _staged(build, "worth_storing", "names: phrases kept", weigh_text_of if weigh else None)
    _staged(reading, "open_index", "index open (the written file)")
    data.mkdir(parents=True, exist_ok=True)
    STAGE_FILE.append(data.parent / (data.name + ".stage"))
    peaks_file = data.parent / (data.name + ".peaks.json")
    _enter("scan and start")
    parent = os.getpid()
    watcher = os.fork()
    if watcher == 0:
        try:
            _watch(parent, STAGE_FILE[0], peaks_file)
        finally:
            os._exit(0)
    t0 = time.perf_counter()
    result = opening.load(paths, data_dir=data)
    seconds = time.perf_counter() - t0
    _enter("after (index returned)")
    time.sleep(0.2)
    hwm = _hwm_mb()  # (before the weighing below, whose own set of every object seen is ~30 MB at 50k)
    _enter("weighing the archive (the bench's own memory, not newstui's)")
    archive_mb = deep_mb([result.archive.articles], set()) if weigh else 0.0
    _enter("done")
    os.waitpid(watcher, 0)
    peaks = json.loads(peaks_file.read_text(encoding="utf-8"))
    n = len(result.archive)
    per = {k: round(v * 2**20 / n) for k, v in WEIGHTS.items() if k.endswith("(MB)") and n}
    print(json.dumps({"articles": n, "seconds": round(seconds, 1),
                      "peak_rss_mb_by_stage": {k: round(v) for k, v in peaks.items()},
                      "peak_rss_mb (VmHWM)": round(hwm),
                      "weights_mb": {k: round(v, 1) for k, v in WEIGHTS.items()},
                      "archive metas (MB)": round(archive_mb, 1),
                      "bytes_per_article": per}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
