"""The app over a shared index it may not write: the archive as built, searchable at once, one notice
saying what changed and who can rebuild it; the reader's marks go to their own data dir.

Root may write anything, so here the place is unwritable by os.access's word (monkeypatched); the
kernel's refusal is checked through the command line as nobody (tests/cli/test_sharing.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support.app import WIDE, open_hit, ready, sync, until
from support.sharing import build, change_files, listing, me, news

from tui.app.app import NewsApp
from tui.archive.store import location
from tui.userdata.reading import STATE_FILE


@sync
async def test_a_reader_browses_a_shared_index_it_cannot_write(tmp_path: Path, data_dir: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    root, srv = news(tmp_path / "news"), tmp_path / "srv"
    build(root, srv)
    changed, added = change_files(root)
    before = listing(srv)
    monkeypatch.setattr(location, "writable", lambda directory: False)
    app = NewsApp([root], index_dir=str(srv))
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        assert await until(pilot, lambda: app.index is not None)
        said = [n.message for n in app._notifications if "shared index" in n.message]
        assert len(said) == 1 and f"1 new ({added})" in said[0] and f"1 changed ({changed})" in said[0]
        assert f"{me()} can update it: newstui index {root} --index-dir {srv}" in said[0]
        screen = await open_hit(pilot, "岸田")
        shown = screen.article.article
        assert shown is not None and "岸田" in shown.title
        assert len(app.archive or ()) == 5  # as built
        assert await until(pilot, lambda: app.state.is_read(shown.id))
    assert (data_dir / STATE_FILE).is_file()  # the reader's own state, in the reader's own dir
    assert listing(srv) == before
    assert not (data_dir / "cache").exists()


@sync
async def test_r_shows_the_admins_new_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root, srv = news(tmp_path / "news"), tmp_path / "srv"
    build(root, srv)
    monkeypatch.setattr(location, "writable", lambda directory: False)
    app = NewsApp([root], index_dir=str(srv))
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        assert await until(pilot, lambda: app.index is not None) and len(app.archive or ()) == 5
        change_files(root)
        build(root, srv)  # the admin's cron run
        await pilot.press("r")
        assert await until(pilot, lambda: len(app.archive or ()) == 6), "the new build was not shown"
        assert not [n for n in app._notifications if "shared index" in n.message]
