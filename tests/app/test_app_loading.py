"""Loading through the real loader: the cached archive at once, a swap only on change, notices."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import pytest
from support.app import WIDE, at_tree, sync, until
from support.paths import ROOT, seeds_copied

from tui.app.app import NewsApp
from tui.app.loading import loaders
from tui.archive.search import opening
from tui.archive.search.disk import reading
from tui.archive.store import summary
from tui.archive.store.archive import Archive
from tui.archive.store.location import Place

SEEDS = sorted((ROOT / "seeds").iterdir())


class Gated(loaders.Disk):
    """The real loader, but the scan waits for the test to open the gate (with `early`, the last
    cache and its index too: then only the outline comes before the gate)."""

    def __init__(self, paths: list[Path], data_dir: Path, *, early: bool = False) -> None:
        super().__init__(paths, Place(data_dir))
        self.gate = threading.Event()
        self.gated_early = early

    def early(self) -> loaders.Loaded | None:
        if self.gated_early:
            assert self.gate.wait(10)
        return super().early()

    def load(self, progress: loaders.Progress) -> loaders.Loaded:
        assert self.gate.wait(10)
        return super().load(progress)


def loading(app: NewsApp) -> bool:
    return any(w.group == "load" and w.is_running for w in app.workers)


@sync
async def test_the_last_cache_and_its_index_answer_before_the_scan_finishes(tmp_path: Path, data_dir: Path
                                                                           ) -> None:
    root = seeds_copied(tmp_path, 5)
    opening.load([root], data_dir=data_dir)  # a previous run left this cache and its index
    gated = Gated([root], data_dir)
    app = NewsApp([root], loader=gated)
    async with app.run_test(size=WIDE) as pilot:
        assert await until(pilot, lambda: app.index is not None)
        await pilot.pause()
        assert loading(app)  # the scan has not even started, and search answers
        shown, index = app.archive, app.index
        assert not shown.partial and len(shown) == 5
        labels = [str(n.label) for n in app.main.nav.source_tree.root.children]
        assert "美国之音 VOA (2)" in labels
        assert await until(pilot, lambda: "indexing" not in app.main.nav.search.placeholder)
        await pilot.press("slash", *"kishida")
        assert await until(pilot, lambda: len(app.main.nav.results.hits) == 4)
        gated.gate.set()
        assert await until(pilot, lambda: not loading(app))
        # nothing changed on disk: what was shown and searched stays, the results too
        assert app.archive is shown and app.index is index
        assert [str(n.label) for n in app.main.nav.source_tree.root.children] == labels
        assert len(app.main.nav.results.hits) == 4
        assert not app.main.query_one("#progress").display


@sync
async def test_a_problem_only_the_scan_sees_is_shown_though_no_file_changed(tmp_path: Path, data_dir: Path
                                                                           ) -> None:
    # the last cache answers at once, but it knows only the files it parsed: a broken link (a
    # problem of the scan, never in the cache) is shown once the scan has run
    root = seeds_copied(tmp_path, 3)
    (root / "gone.html").symlink_to(root / "nowhere.html")
    opening.load([root], data_dir=data_dir)
    app = NewsApp([root], loader=loaders.Disk([root], Place(data_dir)))
    async with app.run_test(size=WIDE) as pilot:
        assert await until(pilot, lambda: app.index is not None and not loading(app))
        assert any(r.path.endswith("gone.html") and "symbolic link" in r.reason
                   for r in app.archive.rejections), app.archive.rejections
        assert len(app.archive) == 3


@sync
async def test_changed_files_swap_in_and_the_cursor_stays(tmp_path: Path, data_dir: Path) -> None:
    root = seeds_copied(tmp_path, 2)
    opening.load([root], data_dir=data_dir)
    shutil.copyfile(SEEDS[2], root / "new.txt")  # changed since the cache was written
    gated = Gated([root], data_dir)
    app = NewsApp([root], loader=gated)
    async with app.run_test(size=WIDE) as pilot:
        assert await until(pilot, lambda: app.archive is not None)
        await pilot.pause()
        assert len(app.archive) == 2
        tree = app.main.nav.source_tree
        await at_tree(pilot)
        await pilot.press("down")
        key = tree.cursor_node.data.key
        gated.gate.set()
        assert await until(pilot, lambda: app.archive is not None and len(app.archive) == 3)
        assert await until(pilot, lambda: app.index is not None)
        await pilot.pause(0.1)
        assert tree.cursor_node is not None and tree.cursor_node.data.key == key
        assert sum(len(g.years) > 0 for g in app.archive.tree()) == len(
            [n for n in tree.root.children if n.data and n.data.key.startswith("s/")])


@sync
async def test_damaged_cache_is_rebuilt_and_said(tmp_path: Path, data_dir: Path) -> None:
    root = seeds_copied(tmp_path, 3)
    cache_file = opening.load([root], data_dir=data_dir).cache
    assert cache_file is not None
    cache_file.write_bytes(cache_file.read_bytes()[:100] + b"garbage")
    app = NewsApp([root])
    async with app.run_test(size=WIDE) as pilot:
        assert await until(pilot, lambda: app.index is not None)
        assert len(app.archive) == 3
        assert any("rebuilding" in n.message for n in app._notifications)


@sync
async def test_a_damaged_index_at_start_is_rebuilt_and_said_and_search_answers(tmp_path: Path, data_dir: Path
                                                                             ) -> None:
    # the index opened before the scan is found damaged: the archive shows from the cache, the
    # index is built again from the cached bodies, the reader is told, and search answers
    root = seeds_copied(tmp_path, 5)
    cache_file = opening.load([root], data_dir=data_dir).cache
    assert cache_file is not None
    index_file = reading.index_path(cache_file)
    index_file.write_bytes(index_file.read_bytes()[: index_file.stat().st_size // 2])
    app = NewsApp([root], loader=loaders.Disk([root], Place(data_dir)))
    async with app.run_test(size=WIDE) as pilot:
        assert await until(pilot, lambda: app.index is not None and not loading(app))
        assert len(app.archive) == 5
        assert any("rebuilding" in n.message for n in app._notifications)
        await pilot.press("slash", *"kishida")
        assert await until(pilot, lambda: len(app.main.nav.results.hits) == 4)


@sync
async def test_search_while_indexing_says_so_then_answers(tmp_path: Path, data_dir: Path) -> None:
    root = seeds_copied(tmp_path, 5)
    cache_file = opening.load([root], data_dir=data_dir).cache
    assert cache_file is not None
    reading.index_path(cache_file).unlink()  # the cache is there, its index must be built again
    gated = Gated([root], data_dir)
    app = NewsApp([root], loader=gated)
    async with app.run_test(size=WIDE) as pilot:
        assert await until(pilot, lambda: app.archive is not None)
        await pilot.press("slash", *"kishida")
        status = app.main.query_one("#status")
        assert await until(pilot, lambda: "Indexing" in str(status.render()))
        gated.gate.set()
        assert await until(pilot, lambda: len(app.main.nav.results.hits) == 4)


def at_the_outline(tmp_path: Path, data_dir: Path) -> tuple[NewsApp, Gated]:
    """An app over 5 seeds that a previous run cached and indexed; the cache is decoded (and the
    files scanned) only once the test opens the gate: until then only the outline is there."""
    root = seeds_copied(tmp_path, 5)
    opening.load([root], data_dir=data_dir)
    gated = Gated([root], data_dir, early=True)
    return NewsApp([root], loader=gated), gated


@sync
async def test_the_outline_opens_first_and_its_articles_read(tmp_path: Path, data_dir: Path) -> None:
    """A big archive's first screen is its summary: newest list, counts; an article opened then
    is read from its file; the whole archive replaces the outline when it is decoded."""
    app, gated = at_the_outline(tmp_path, data_dir)
    async with app.run_test(size=WIDE) as pilot:
        assert await until(pilot, lambda: app.archive is not None)
        outline = app.archive
        assert outline.partial and len(outline) == 5
        newest = outline.articles[0]
        article = outline.get(newest.id)
        assert article.body and article.text()  # parsed again from its file, not an empty page
        gated.gate.set()
        assert await until(pilot, lambda: app.archive is not outline and app.index is not None)
        assert app.archive.get(newest.id).text() == article.text()


@sync
async def test_search_answers_over_the_outline_before_the_archive_is_read(
        tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """While only the outline (here the 2 newest of 5 articles) is shown, the index persisted with
    the cache answers for every article: a hit beyond the outline is listed with its title and
    source; `e`, then Enter on it, wait for the archive, the status line saying so, and the article
    opens once the archive is read."""
    monkeypatch.setattr(summary, "NEWEST", 2)
    app, gated = at_the_outline(tmp_path, data_dir)
    async with app.run_test(size=WIDE) as pilot:
        assert await until(pilot, lambda: app.index is not None)
        outline, screen = app.archive, app.main
        assert outline is not None and outline.partial and len(outline.articles) == 2
        await pilot.press("slash", *"aukus")
        results = screen.nav.results
        assert await until(pilot, lambda: results._shown_query == "aukus" and bool(results.hits))
        # 2024-03-03, the third newest: not in the outline (the others name AUKUS in their text)
        [hit] = [hit for hit in results.hits.values() if "奥库斯协议" in hit.title]
        aukus = hit.id
        assert aukus not in outline and next(iter(results.hits)) == aukus
        row = results.row(aukus)
        assert row is not None and "奥库斯协议" in row.plain and "2024-03-03" in row.plain
        await pilot.press("down", "e")  # to the list; the names
        status = screen.query_one("#status")
        assert await until(pilot, lambda: "names show once it is read" in str(status.render()))
        assert screen.nav.switcher.current == "results" and screen.focused is results
        await pilot.press("enter")  # (Enter now: the article, not the names, is what waits)
        assert await until(pilot, lambda: "opens once it is read" in str(status.render()))
        assert screen.article.article is None
        gated.gate.set()
        assert await until(pilot, lambda: screen.article.article is not None)
        assert screen.article.article is not None and screen.article.article.id == aukus
        assert app.archive is not outline and aukus in app.archive
        assert screen.nav.switcher.current == "results"


@sync
async def test_an_article_chosen_over_the_outline_that_the_archive_lacks_says_so(
        tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """(An index that holds more than the cache read after it: a shared index dir's delta.)"""
    monkeypatch.setattr(summary, "NEWEST", 2)
    app, gated = at_the_outline(tmp_path, data_dir)
    lacking: list[str] = []
    early = gated.early

    def without() -> loaders.Loaded | None:
        loaded = early()
        assert loaded is not None
        kept = [a for a in loaded.archive.articles if a.id not in lacking]
        loaded.archive = Archive(kept, body_loader=loaded.archive._body_loader)
        return loaded

    gated.early = without  # type: ignore[method-assign]
    async with app.run_test(size=WIDE) as pilot:
        assert await until(pilot, lambda: app.index is not None)
        screen, results = app.main, app.main.nav.results
        await pilot.press("slash", *"aukus")
        assert await until(pilot, lambda: results._shown_query == "aukus" and bool(results.hits))
        [hit] = [hit for hit in results.hits.values() if "奥库斯协议" in hit.title]
        lacking.append(hit.id)
        await pilot.press("down", "enter")
        status = screen.query_one("#status")
        assert await until(pilot, lambda: "opens once it is read" in str(status.render()))
        gated.gate.set()
        assert await until(pilot, lambda: any("not in the archive" in n.message for n in app._notifications))
        assert screen.article.article is None


@sync
async def test_the_names_asked_for_over_the_outline_show_once_the_archive_is_read(
        tmp_path: Path, data_dir: Path) -> None:
    app, gated = at_the_outline(tmp_path, data_dir)
    async with app.run_test(size=WIDE) as pilot:
        assert await until(pilot, lambda: app.index is not None)
        screen = app.main
        assert app.archive is not None and app.archive.partial
        await pilot.press("e")
        await pilot.pause()
        assert screen.nav.switcher.current != "names"
        gated.gate.set()
        panel = screen.nav.names
        assert await until(pilot, lambda: screen.nav.switcher.current == "names" and bool(panel.shown))
        kishida = next(e for e in panel.shown.values() if e.name == "岸田文雄")
        assert len(kishida.articles) == 4  # (the seeds' dates: all of them, not the outline's)


@sync
async def test_without_a_summary_the_last_cache_shows_first(tmp_path: Path, data_dir: Path) -> None:
    root = seeds_copied(tmp_path, 3)
    cache_file = opening.load([root], data_dir=data_dir).cache
    assert cache_file is not None
    cache_file.with_suffix(".summary").write_bytes(b"\x00damaged")
    gated = Gated([root], data_dir)
    app = NewsApp([root], loader=gated)
    async with app.run_test(size=WIDE) as pilot:
        assert await until(pilot, lambda: app.archive is not None)
        shown = app.archive
        assert not shown.partial and len(shown) == 3
        gated.gate.set()
        assert await until(pilot, lambda: app.index is not None)
        assert app.archive is shown  # nothing changed on disk: the decoded cache is kept
    assert not app._notifications or all("summary" not in n.message for n in app._notifications)


class Endless(loaders.Loader):
    """A load that reads for as long as it is let (a cold build of a large mirror)."""

    def __init__(self) -> None:
        self.ended = threading.Event()
        self.ran_out = False

    def load(self, progress: loaders.Progress) -> loaders.Loaded:
        deadline = time.monotonic() + 30
        try:
            while time.monotonic() < deadline:
                progress(1, 2)
                time.sleep(0.01)
            self.ran_out = True
            raise RuntimeError("never stopped")
        finally:
            self.ended.set()


@sync
async def test_quitting_while_the_archive_is_read_stops_the_reading(tmp_path: Path) -> None:
    # `q` during a long build quits at once: the loading thread stops at its next progress report
    # (the process would otherwise wait for the whole build before it exits)
    endless = Endless()
    app = NewsApp([tmp_path], loader=endless)
    async with app.run_test(size=WIDE) as pilot:
        assert await until(pilot, lambda: loading(app))
        await pilot.press("q")
    assert endless.ended.wait(5) and not endless.ran_out


def test_the_index_searched_before_the_archive_is_read_then_holds_the_archives_strings(
        tmp_path: Path, data_dir: Path) -> None:
    # the index opened from its own columns holds its ids and titles joined; once the archive is
    # read, it holds the archive's strings instead (~20 MB at 300k articles), and answers alike
    root = seeds_copied(tmp_path, 6)
    opening.load([root], data_dir=data_dir)
    disk = loaders.Disk([root], Place(data_dir))
    index = disk.early_index()
    assert index is not None
    before = (list(index.catalog.ids), list(index.catalog.titles), index.search("trump"))
    loaded = disk.early()
    assert loaded is not None and loaded.index is index and loaded.after is not None
    loaded.after()  # (what the loading worker runs once the archive is shown)
    assert (list(index.catalog.ids), list(index.catalog.titles), index.search("trump")) == before
    assert before[2]
    for article_id, title in zip(index.catalog.ids, index.catalog.titles, strict=True):
        meta = loaded.archive.meta(article_id)
        assert article_id is meta.id and title is meta.title
