"""A folder of every hostile file beside good ones: `check`, `export` and the app take it calmly.

Every bad file gets a one-line reason, the good and re-encoded articles come through intact, and
nothing a file says (escape sequences, controls, markup) reaches a terminal or is obeyed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support.hostile import (
    CONTROLS,
    ESCAPES,
    HOSTILE_TITLE_SHOWN,
    LONG_TITLE,
    Hostile,
    build,
)
from support.paths import ROOT

from tui.archive.model import Article
from tui.archive.read.parse import parse_file
from tui.archive.read.shapes.base import article_id

ROOT = ROOT


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Hostile:
    return build(tmp_path_factory.mktemp("hostile") / "archive")


def newstui(*args: str, data_dir: Path, timeout: float = 120) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, NEWSTUI_DATA_DIR=str(data_dir), PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], cwd=ROOT, env=env,
                          capture_output=True, timeout=timeout, check=False)


def assert_no_controls(data: bytes) -> None:
    bad = sorted({hex(b) for b in data if b in CONTROLS})
    assert not bad, f"control bytes in output: {bad}"


def shown(path: Path) -> str:
    """A path as `check` prints it: controls escaped, as `repr` would."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(path))


def test_check_gives_every_bad_file_a_one_line_reason(hostile: Hostile, data_dir: Path) -> None:
    started = time.monotonic()
    run = newstui("check", str(hostile.root), data_dir=data_dir)
    assert time.monotonic() - started < 60
    assert run.returncode == 1, run.stderr.decode()
    assert b"Traceback" not in run.stderr + run.stdout
    assert_no_controls(run.stdout + run.stderr)
    lines = run.stdout.decode().splitlines()
    rejected = {line.split(": ", 1)[0].removeprefix("rejected  "): line.split(": ", 1)[1]
                for line in lines if line.startswith("rejected  ")}
    for path in hostile.rejected:
        reason = rejected.get(shown(path))
        assert reason and len(reason) > 8, f"no reason for {path}: {lines}"
    assert shown(hostile.root / "links" / "fifo.md") in rejected
    assert "too large" in rejected[shown(hostile.root / "bad" / "fifty-megabytes.md")]
    articles = [p for p in hostile.articles + list(hostile.good)]
    assert not {shown(p) for p in articles} & set(rejected), "an article was rejected"


def test_export_keeps_good_and_re_encoded_articles_intact(hostile: Hostile, data_dir: Path) -> None:
    for attempt in ("cold", "warm"):  # parsed, then from the cache
        run = newstui("export", str(hostile.root), data_dir=data_dir)
        assert run.returncode == 0 and b"Traceback" not in run.stderr, (attempt, run.stderr.decode())
        assert_no_controls(run.stdout)  # JSON escapes what a file name holds
        assert_no_controls(run.stderr)
        exported = {a["path"]: a for a in map(json.loads, run.stdout.decode().splitlines())}
        for path, original in hostile.good.items():
            want = parse_file(original)
            assert isinstance(want, Article)
            got = exported[str(path)]
            assert (got["title"], got["url"], got["published"]) == (want.title, want.url, want.published)
            assert [b["text"] for b in got["body"]] == [b.text for b in want.body]
        for path in hostile.articles:
            assert str(path) in exported, path
        for article in exported.values():
            for text in texts(article):
                assert not any((ord(c) < 32 and c != "\n") or 0x7F <= ord(c) < 0xA0 for c in text), text
        odd = hostile.root / "odd"
        assert exported[str(odd / "markup.md")]["title"] == HOSTILE_TITLE_SHOWN
        assert exported[str(odd / "mirror-markup.md")]["title"] == HOSTILE_TITLE_SHOWN
        assert exported[str(odd / "markup.md")]["url"] == "https://example.org/pwned/"
        assert exported[str(odd / "long-title.md")]["title"] == "长" * LONG_TITLE
        assert "最深处的文字。" in exported[str(odd / "deep.md")]["body"][0]["text"]


def texts(article: dict) -> list[str]:
    """Every piece of text an article shows: fields, blocks, links and image."""
    out = [article[k] for k in ("title", "url", "author", "source", "source_name", "published")]
    for block in article["body"]:
        out += [block["text"], block["url"]]
        out += [x for link in block["links"] for x in (link["text"], link["url"])]
        out += [cell for row in block["rows"] for cell in row]
    if article["image"]:
        out += list(article["image"].values())
    return out


def test_show_prints_a_hostile_file_without_escapes(hostile: Hostile, data_dir: Path) -> None:
    run = newstui("show", str(hostile.root / "odd" / "markup.md"), data_dir=data_dir)
    assert run.returncode == 0 and b"Traceback" not in run.stderr
    assert_no_controls(run.stdout + run.stderr)
    assert HOSTILE_TITLE_SHOWN in run.stdout.decode()


def test_search_and_names_over_hostile_files(hostile: Hostile, data_dir: Path) -> None:
    for args in (("search", "敌意标题", str(hostile.root)), ("names", str(hostile.root))):
        run = newstui(*args, data_dir=data_dir)
        assert run.returncode == 0 and b"Traceback" not in run.stderr, run.stderr.decode()
        assert_no_controls(run.stdout + run.stderr)


def test_the_big_file_is_refused_without_reading_it(hostile: Hostile, monkeypatch: pytest.MonkeyPatch
                                                    ) -> None:
    import tui.archive.read.parse as parse

    read: list[int] = []
    real = os.read
    monkeypatch.setattr(parse.os, "read", lambda fd, n: read.append(n) or real(fd, n))
    got = parse_file(hostile.root / "bad" / "fifty-megabytes.md")
    assert "too large" in got.reason and read == []  # type: ignore[union-attr]


def test_escapes_in_the_raw_file_never_reach_the_article(hostile: Hostile) -> None:
    got = parse_file(hostile.root / "odd" / "markup.md")
    assert isinstance(got, Article)
    dumped = json.dumps(got.to_dict(), ensure_ascii=False)
    for piece in ESCAPES.split():
        assert piece not in dumped
    assert "\ufffd" not in dumped  # a NUL is dropped, not turned into a replacement character


def test_hostile_files_in_the_app(hostile: Hostile, data_dir: Path) -> None:
    from support.app import sync

    sync(_app_session)(hostile)


async def _app_session(hostile: Hostile) -> None:
    from support.app import WIDE, fill_everything, indexed, open_leaf

    from tui.app.app import NewsApp

    app = NewsApp([hostile.root])
    async with app.run_test(size=WIDE) as pilot:
        screen = await indexed(pilot)
        tree = screen.nav.source_tree
        fill_everything(tree)
        markup_id = article_id(str(hostile.root / "odd" / "markup.md"))
        leaf = tree._leaves[markup_id][0]
        assert "[bold red]x[/] [@click=app.quit]quit[/] 敌意标题" in str(leaf.label)
        problems = next(n for n in tree.root.children if "Problems" in str(n.label))
        assert len(problems.children) == len(app.archive.rejections) >= len(hostile.rejected)
        await open_leaf(pilot, tree, leaf)
        assert screen.article.article is not None and screen.article.article.id == markup_id
        await pilot.click("#article")  # on the title that says [@click=app.quit]
        await pilot.press("y")  # copy the URL (OSC 52): cleaned first
        await pilot.pause(0.1)
        assert app.is_running
        lines = [s.text for s in app.screen._compositor.render_strips()]
        text = "\n".join(lines)
        assert "[bold red]x[/]" in text and "敌意标题" in text
        assert not any(c in text for c in "\x1b\x07\x08\x00\x9b\x9d")
        assert all(not any(c in n.message for c in "\x1b\x07\x00") for n in app._notifications)
        for wide in (hostile.root / "odd" / "long-title.md", hostile.root / "odd" / "deep.md"):
            await open_leaf(pilot, tree, tree._leaves[article_id(str(wide))][0])
            assert screen.article.article.id == article_id(str(wide))
            assert app.is_running
        await pilot.press("escape")
    assert app.return_code in (None, 0)


def test_unreadable_files_and_folders_are_reasons(archive_dir: Path, monkeypatch: pytest.MonkeyPatch
                                                 ) -> None:
    """chmod 000 does not bite as root, so the denial is simulated where the loader meets it."""
    import tui.archive.read.parse as parse
    import tui.archive.store.scanning as scanning
    from tui.archive.search import opening

    locked_file = sorted(archive_dir.rglob("*.txt"))[0]
    locked_dir = archive_dir / "source1"
    real_open, real_scandir = os.open, os.scandir

    def open_(path, flags, *args):  # type: ignore[no-untyped-def]
        if str(path) == str(locked_file):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args)

    def scandir(path):  # type: ignore[no-untyped-def]
        if str(path) == str(locked_dir):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(parse.os, "open", open_)
    monkeypatch.setattr(scanning.os, "scandir", scandir)
    result = opening.load([archive_dir], use_cache=False)
    reasons = {r.path: r.reason for r in result.archive.rejections}
    assert reasons[str(locked_file)] == "cannot read: Permission denied"
    assert reasons[str(locked_dir)] == "cannot list folder: Permission denied"
    assert len(result.archive) >= 1


def test_files_that_vanish_or_change_during_a_scan(archive_dir: Path, monkeypatch: pytest.MonkeyPatch
                                                  ) -> None:
    """Listed by the scan, then deleted, emptied, rewritten, replaced by a folder or a pipe."""
    import tui.archive.store.scanning as scanning
    from tui.archive.search import opening

    files = sorted(archive_dir.rglob("*.txt"))
    gone, emptied, rewritten, to_dir, to_fifo = files[:5]
    replacement = "### 扫描时改写的文章\n\n---\n\n<p>新的正文。</p>\n"
    real_scan = scanning.scan_files

    def scan_then_change(paths):  # type: ignore[no-untyped-def]
        found = real_scan(paths)
        gone.unlink()
        emptied.write_bytes(b"")
        rewritten.write_text(replacement, encoding="utf-8")
        to_dir.unlink()
        to_dir.mkdir()
        to_fifo.unlink()
        os.mkfifo(to_fifo)
        return found

    monkeypatch.setattr(scanning, "scan_files", scan_then_change)
    first = opening.load([archive_dir])
    reasons = {r.path: r.reason for r in first.archive.rejections}
    assert "cannot read" in reasons[str(gone)]
    assert "empty" in reasons[str(emptied)]
    assert "folder" in reasons[str(to_dir)]
    assert "not a regular file" in reasons[str(to_fifo)]
    assert first.archive.get(article_id(str(rewritten))).title == "扫描时改写的文章"
    monkeypatch.setattr(scanning, "scan_files", real_scan)
    again = opening.load([archive_dir])  # what the cache holds never outlives the change
    fresh = opening.load([archive_dir], use_cache=False)
    assert [again.archive.get(a.id) for a in again.archive.articles] == \
        [fresh.archive.get(a.id) for a in fresh.archive.articles]
    assert again.archive.rejections == fresh.archive.rejections
