"""The loader: what it scans, that it parses only what changed, progress, and the pool."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tui.archive.model import Article
from tui.archive.read.parse import parse_file
from tui.archive.search.opening import load, load_archive
from tui.archive.store import loader, scanning, workers
from tui.archive.store.loader import scan


def _tree(root: Path) -> dict[str, tuple[int, int]]:
    return {str(p): (p.stat().st_size, p.stat().st_mtime_ns) for p in root.rglob("*")}


def _touch_changed(path: Path, extra: str) -> None:
    with path.open("a", encoding="utf-8") as f:
        f.write(extra)
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


def test_scan_recurses_and_skips_dot_folders_binaries_and_loops(archive_dir: Path, seeds_dir: Path) -> None:
    seed = next(iter(sorted(seeds_dir.iterdir())))
    (archive_dir / ".git" / "objects").mkdir(parents=True)
    shutil.copyfile(seed, archive_dir / ".git" / "objects" / "a.md")
    shutil.copyfile(seed, archive_dir / ".hidden.md")
    (archive_dir / "photo.JPG").write_bytes(b"\xff\xd8\xff")
    (archive_dir / "folder.md" / "deep").mkdir(parents=True)  # a directory named like a file
    shutil.copyfile(seed, archive_dir / "folder.md" / "deep" / "inside.txt")
    (archive_dir / "folder.md" / "deep" / "loop").symlink_to(archive_dir, target_is_directory=True)
    (archive_dir / "dangling.md").symlink_to(archive_dir / "nowhere")

    found = {str(p.relative_to(archive_dir)) for p in scan([archive_dir])}

    assert "folder.md/deep/inside.txt" in found
    assert "source0/2024/" + seed.name in found
    assert "empty.md" in found
    assert not {f for f in found if f.startswith(".") or "/." in f}
    assert "photo.JPG" not in found
    assert not any("loop" in f for f in found)
    # a dangling link is not a file to parse; the loader reports it
    result = load([archive_dir])
    assert any(r.path.endswith("dangling.md") and "link" in r.reason for r in result.archive.rejections)


def test_a_file_named_explicitly_is_read_whatever_its_extension(tmp_path: Path, seeds_dir: Path) -> None:
    odd = tmp_path / "article.png"
    shutil.copyfile(next(iter(sorted(seeds_dir.iterdir()))), odd)
    assert scan([odd]) == [odd]


def test_every_file_gives_the_same_article_as_a_direct_parse(archive_dir: Path) -> None:
    archive = load_archive([archive_dir])
    files = [p for p in archive_dir.rglob("*") if p.is_file()]
    assert len(archive) + len(archive.rejections) == len(files)
    for path in files:
        direct = parse_file(path)
        if isinstance(direct, Article):
            assert archive.get(direct.id) == direct
        else:
            assert any(r.path == str(path) for r in archive.rejections)


def test_bodies_are_loaded_lazily(archive_dir: Path) -> None:
    archive = load_archive([archive_dir])
    with_body = [a for a in archive.articles if archive.get(a.id).body]
    assert with_body
    assert all(archive.meta(a.id).body == () for a in with_body)


def test_progress_is_reported_up_to_the_total(archive_dir: Path) -> None:
    calls: list[tuple[int, int]] = []
    load([archive_dir], lambda done, total: calls.append((done, total)))
    files = sum(1 for p in archive_dir.rglob("*") if p.is_file())
    assert calls[-1] == (files, files)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_only_new_or_changed_files_are_parsed(archive_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = load([archive_dir])
    assert first.reused == 0 and first.parsed == len(first.archive) + len(first.archive.rejections)

    parsed: list[str] = []
    real = workers.parse_file
    monkeypatch.setattr(workers, "parse_file", lambda p: parsed.append(str(p)) or real(p))
    assert load([archive_dir]).parsed == 0 and parsed == []

    changed = sorted(archive_dir.rglob("*.txt"))[0]
    _touch_changed(changed, "\n")
    added = archive_dir / "new" / "added.txt"
    added.parent.mkdir()
    shutil.copyfile(changed, added)
    again = load([archive_dir])
    assert sorted(parsed) == sorted([str(changed), str(added)])
    assert again.parsed == 2 and again.reused == first.parsed - 1
    assert len(again.archive) + len(again.archive.rejections) == first.parsed + 1


def test_a_deleted_file_disappears(archive_dir: Path) -> None:
    first = load_archive([archive_dir])
    victim = sorted(archive_dir.rglob("*.txt"))[0]
    gone = parse_file(victim)
    victim.unlink()
    archive = load_archive([archive_dir])
    assert len(archive) == len(first) - 1
    assert isinstance(gone, Article) and gone.id not in archive


def test_a_file_vanishing_mid_scan_is_a_rejection(archive_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    victim = sorted(archive_dir.rglob("*.txt"))[0]
    real_scan = scanning.scan_files

    def scan_then_delete(paths):  # the file is listed, then removed before it is read
        found = real_scan(paths)
        victim.unlink()
        return found

    monkeypatch.setattr(scanning, "scan_files", scan_then_delete)
    archive = load_archive([archive_dir])
    assert [r for r in archive.rejections if r.path == str(victim)]


def test_nothing_is_written_inside_the_archive(archive_dir: Path) -> None:
    before = _tree(archive_dir)
    load([archive_dir])
    assert _tree(archive_dir) == before
    _touch_changed(sorted(archive_dir.rglob("*.txt"))[0], "\n")
    before = _tree(archive_dir)
    load([archive_dir])
    load([archive_dir])
    assert _tree(archive_dir) == before


def test_the_process_pool_gives_the_same_archive(
    tmp_path: Path, seeds_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "many"
    for i in range(12):
        shutil.copytree(seeds_dir, root / f"copy{i:02d}")
    monkeypatch.setattr(workers, "PARALLEL_MIN", 10)
    calls: list[tuple[int, int]] = []
    pooled = load([root], lambda d, t: calls.append((d, t)), use_cache=False).archive
    assert calls[-1] == (60, 60)
    monkeypatch.setattr(workers, "PARALLEL_MIN", 10_000)
    single = load([root], use_cache=False).archive
    assert [a.id for a in pooled.articles] == [a.id for a in single.articles]
    assert all(pooled.get(a.id) == single.get(a.id) for a in single.articles)
    assert pooled.rejections == single.rejections


def test_no_paths_means_the_bundled_seeds(seeds_dir: Path) -> None:
    archive = load_archive()
    assert len(archive) + len(archive.rejections) == len(list(seeds_dir.iterdir()))
    assert all(a.path.startswith(str(loader.bundled_seeds())) for a in archive.articles)


def test_without_cache_nothing_is_written_to_the_data_dir(archive_dir: Path, data_dir: Path) -> None:
    assert len(load_archive([archive_dir], use_cache=False)) > 0
    assert list(data_dir.iterdir()) == []


_IN_THE_APP = """
import sys, threading
from tui.archive.search import opening
from tui.archive.store import workers

workers.PARALLEL_MIN = 10  # a pool even for a small archive


class Capture:  # what the app's sys.stderr is: Textual's print capture, with no real descriptor
    def write(self, text): return len(text)
    def flush(self): pass
    def fileno(self): return -1


found = {}


def load():  # from a thread, as the app's loading worker: spawn/forkserver, not fork
    sys.stderr = Capture()
    try:
        found["result"] = opening.load([sys.argv[1]], use_cache=False)
    except Exception as exc:
        found["error"] = repr(exc)
    finally:
        sys.stderr = sys.__stderr__


thread = threading.Thread(target=load)
thread.start()
thread.join()
print(found.get("error") or f"{len(found['result'].archive)} articles")
"""


def test_a_pool_starts_from_the_apps_loading_thread(tmp_path: Path, seeds_dir: Path) -> None:
    root = tmp_path / "archive"
    for i in range(12):
        shutil.copytree(seeds_dir, root / f"copy{i}")
    done = subprocess.run([sys.executable, "-c", _IN_THE_APP, str(root)], capture_output=True, text=True,
                          timeout=120)
    assert done.stdout.strip() == "60 articles", done.stdout + done.stderr
