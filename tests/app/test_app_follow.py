"""The app follows its folders: files copied in while it runs are shown and found, what arrived is
said, and the reader keeps the article open and the query typed."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import pytest
from support.app import WIDE, indexed, open_hit, sync, until
from support.paths import SEEDS, TESTS

from tui.app.app import NewsApp
from tui.app.loading import follow
from tui.archive.search import opening
from tui.archive.store import segments
from tui.archive.store.archive import Archive

ARRIVING = sorted((TESTS / "fixtures" / "duty-machine__chinadigitaltimes").rglob("*.md"))[:3]


def _seeds(tmp_path: Path) -> Path:
    root = tmp_path / "news"
    root.mkdir()
    for seed in sorted(SEEDS.iterdir()):
        shutil.copyfile(seed, root / seed.name)
    return root


@sync
async def test_files_copied_in_are_shown_found_and_said(tmp_path: Path, data_dir: Path) -> None:
    assert len(ARRIVING) == 3
    root = _seeds(tmp_path)
    opening.search_index(opening.load([root], data_dir=data_dir))
    app = NewsApp([root])
    async with app.run_test(size=WIDE) as pilot:
        await indexed(pilot)
        screen = await open_hit(pilot, "美国")
        opened = screen.article.article
        assert opened is not None
        before = len(app.archive)
        (root / "new").mkdir()
        for f in ARRIVING:
            shutil.copyfile(f, root / "new" / f.name)
        assert await until(pilot, lambda: app.archive is not None and len(app.archive) == before + 3,
                           tries=1000), "the new files were never shown (20 s)"
        new_ids = [a.id for a in app.archive.articles if a.path.startswith(str(root / "new"))]
        assert len(new_ids) == 3
        assert await until(pilot, lambda: any("3 new articles" in n.message for n in app._notifications),
                           tries=500), [n.message for n in app._notifications]
        assert screen.article.article is not None and screen.article.article.id == opened.id
        assert screen.nav.search.value == "美国"
        title = app.archive.meta(new_ids[0]).title
        assert await until(pilot, lambda: app.index is not None and new_ids[0] in {
            h.id for h in app.index.search(f'"{title}"', limit=20)}), "the new article is not found"


def test_arrivals_say_what_came_by_source() -> None:
    from support.app import sample_articles

    articles = sample_articles()
    before, after = Archive(articles[:-2]), Archive(articles)
    said = follow.arrivals(before, after)
    assert said.startswith("2 new articles (")
    assert all((a.source_name or a.source) in said for a in articles[-2:])
    assert follow.arrivals(after, before) == "2 gone"
    assert follow.arrivals(after, after) == ""


@pytest.mark.parametrize("kernel", [True, False])
def test_the_follower_hears_of_a_new_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kernel: bool
                                          ) -> None:
    """With inotify, and without it (a scan of sizes and mtimes every POLL seconds)."""
    root = _seeds(tmp_path)
    if not kernel:
        monkeypatch.setattr(follow.Watch, "start", classmethod(lambda cls, roots: None))
        monkeypatch.setattr(follow, "POLL", 0.3)
    heard = threading.Event()
    stop = threading.Event()
    follower = follow.Follower([str(root)], heard.set)
    thread = threading.Thread(target=follower.run, args=(stop.is_set,))
    thread.start()
    try:
        assert follower.watching.wait(10)
        time.sleep(0.5)
        assert not heard.is_set()  # nothing changed yet
        shutil.copyfile(ARRIVING[0], root / ARRIVING[0].name)
        assert heard.wait(10), "the new file was never heard of"
    finally:
        stop.set()
        thread.join(5)


@sync
async def test_a_big_delta_is_merged_in_the_background(tmp_path: Path, data_dir: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(segments, "DELTA_MIN", 2)  # the seeds' base: 3 new files are past a delta's share
    root = _seeds(tmp_path)
    opening.search_index(opening.load([root], data_dir=data_dir))
    app = NewsApp([root])
    async with app.run_test(size=WIDE) as pilot:
        await indexed(pilot)
        before = len(app.archive)
        for f in ARRIVING:
            shutil.copyfile(f, root / f.name)
        assert await until(pilot, lambda: app.archive is not None and len(app.archive) == before + 3,
                           tries=1000), "the new files were never shown (20 s)"
        cache_dir = data_dir / "cache"
        assert await until(pilot, lambda: not [p for p in cache_dir.iterdir() if p.suffix == ".manifest"]
                           and not loading(app), tries=1500), "never merged (30 s)"
    merged = opening.load([root], data_dir=data_dir)
    assert merged.segments is None and merged.parsed == 0 and len(merged.archive) == before + 3


def loading(app: NewsApp) -> bool:
    return any(w.group == "load" and w.is_running for w in app.workers)


@sync
async def test_what_arrived_is_said_without_the_files_control_characters(tmp_path: Path) -> None:
    """A source named with escape sequences in its files is named without them."""
    app = NewsApp([_seeds(tmp_path)])
    async with app.run_test(size=WIDE) as pilot:
        await indexed(pilot)
        app._notify_later("1 new article (\x1b[2J\x1b]52;c;aGk=\x07Evil 1)", False)
        await pilot.pause()
        said = [n.message for n in app._notifications if "new article" in n.message]
        assert said and "Evil 1" in said[0]
        assert not any(ord(ch) < 32 or ch == "\x7f" for ch in said[0])
