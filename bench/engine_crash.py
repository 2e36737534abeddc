"""Updating a built store in place (bench/engines.py): 20 new articles searchable, and kill -9 while
it commits. Each works on a copy of the store, so the measured one stays as built."""

from __future__ import annotations

import os
import random
import shutil
import signal
import time
from pathlib import Path
from typing import Any

import engine_stores as es

MARK = "zqxnewarrival"  # a token no archive holds: the new articles' own
_BATCH = 200  # articles per commit in the crash loop
_TRIALS = 4


def _copy(store: str, work: Path, tag: str) -> Path:
    src = work / {"tantivy": "tantivy", "fts5": "fts5.db", "trigram": "trigram.db"}[store]
    dst = work / f"{tag}-{src.name}"
    shutil.rmtree(dst, ignore_errors=True) if dst.is_dir() else dst.unlink(missing_ok=True)
    shutil.copytree(src, dst) if src.is_dir() else shutil.copyfile(src, dst)
    return dst


def _opened(store: str, path: Path) -> Any:
    return es.TantivyStore(path) if store == "tantivy" else es.Fts5Store(path, trigram=store == "trigram")


def _count(store: str, path: Path) -> int:
    s = _opened(store, path)
    return int(s.searcher.num_docs) if store == "tantivy" else int(s.count)


def _add(store: str, path: Path, first: int, texts: list[str]) -> None:
    """Add `texts` as articles first, first+1, ... and commit once."""
    if store == "tantivy":
        import tantivy

        index = tantivy.Index.open(str(path))
        writer = index.writer(heap_size=50_000_000, num_threads=1)
        for k, text in enumerate(texts):
            es.tantivy_add(writer, first + k, text)
        writer.commit()
        return
    import sqlite3

    db = sqlite3.connect(path, isolation_level=None)
    db.execute("BEGIN")
    for k, text in enumerate(texts):
        es.fts5_rows(first + k, text, store == "trigram", db)
    db.execute("COMMIT")
    db.close()


def _new_texts(work: Path, count: int, start: int = 0) -> list[str]:
    hays = es.Hays(work)
    return [f"{MARK} " + hays[(start + k) % len(hays)].decode("utf-8", "surrogatepass") for k in range(count)]


def update(store: str, work: Path) -> dict[str, Any]:
    """20 new articles: from opening the writer to a fresh reader finding all of them."""
    path = _copy(store, work, "update")
    n = _count(store, path)
    texts = _new_texts(work, 20)
    t0 = time.perf_counter()
    _add(store, path, n, texts)
    found = len(list(_opened(store, path).candidates(MARK)))
    seconds = time.perf_counter() - t0
    _remove(path)
    return {"seconds": seconds, "found": found, "wanted": 20}


def crash(store: str, work: Path) -> dict[str, Any]:
    """Kill -9 a process adding articles in commits of _BATCH, at a random moment, _TRIALS times;
    after each, a fresh open must find whole commits only, and every one of their articles."""
    path = _copy(store, work, "crash")
    base = _count(store, path)
    texts = _new_texts(work, _BATCH, 1000)
    rng = random.Random(0)
    trials: list[dict[str, Any]] = []
    for _ in range(_TRIALS):
        before = _count(store, path)
        pid = os.fork()
        if pid == 0:  # the writer: commits until killed
            try:
                first = before
                while True:
                    _add(store, path, first, texts)
                    first += _BATCH
            finally:
                os._exit(1)
        time.sleep(rng.uniform(0.5, 3.0))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        try:
            after = _count(store, path)
            marked = len(list(_opened(store, path).candidates(MARK)))
            check = _integrity(store, path)
            trials.append({"added": after - before, "whole_commits": (after - before) % _BATCH == 0,
                           "marked": marked, "consistent": marked == after - base and check == "ok",
                           "check": check})
        except Exception as exc:
            trials.append({"error": repr(exc), "consistent": False})
    _remove(path)
    return {"trials": trials, "all_consistent": all(t["consistent"] for t in trials)}


def _integrity(store: str, path: Path) -> str:
    if store == "tantivy":
        return "ok"  # opened and counted above: tantivy checks its meta.json and segment files
    import sqlite3

    db = sqlite3.connect(path, isolation_level=None)
    try:
        for table in ("g", "w") if store == "trigram" else ("p",):
            db.execute(f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 0)")
        return str(db.execute("PRAGMA integrity_check").fetchone()[0])
    except sqlite3.DatabaseError as exc:
        return f"damaged: {exc}"
    finally:
        db.close()


def _remove(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)
    for extra in ("-wal", "-shm"):
        Path(f"{path}{extra}").unlink(missing_ok=True)
