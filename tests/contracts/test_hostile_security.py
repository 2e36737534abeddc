"""Security: nothing from an archive is executed, evaluated, unpickled or passed to a shell;
URLs are shown and copied only without control characters; nothing is written inside the
archive folders, by the loader, `check`, `export` or an app session.
"""

from __future__ import annotations

import io
import os
import stat
import subprocess
import sys
import tokenize
from pathlib import Path

import pytest
from support.hostile import HOSTILE_URL, Hostile, build
from support.paths import ROOT

from tui.archive.read.shapes.base import article_id
from tui.archive.search.opening import load

ROOT = ROOT
PACKAGE = ROOT / "tui"

#: Modules that run or revive code from data: never imported by the package.
BANNED_MODULES = {"pickle", "cPickle", "dill", "cloudpickle", "marshal", "shelve", "subprocess", "pty",
                  "webbrowser"}
BANNED_BUILTINS = {"eval", "exec", "compile", "__import__", "execfile"}
BANNED_ATTRIBUTES = {("os", "system"), ("os", "popen"), ("os", "startfile"), ("yaml", "load"),
                     ("yaml", "unsafe_load"), ("yaml", "full_load"), ("os", "execv"), ("os", "execvp"),
                     ("os", "execl"), ("os", "execlp"), ("os", "spawnv"), ("os", "spawnl"),
                     ("os", "posix_spawn"), ("os", "posix_spawnp")}


def dangerous_calls(source: str) -> list[str]:
    """The risky constructs in Python source, by token (docstrings and comments ignored)."""
    tokens = [t for t in tokenize.generate_tokens(io.StringIO(source).readline)
              if t.type in (tokenize.NAME, tokenize.OP, tokenize.STRING)]
    found = []
    for i, tok in enumerate(tokens):
        before = tokens[i - 1].string if i else ""
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        where = f"line {tok.start[0]}: "
        if tok.type != tokenize.NAME:
            continue
        if tok.string in BANNED_MODULES:
            found.append(where + tok.string)
        elif tok.string in BANNED_BUILTINS and before != "." and after is not None and after.string == "(":
            found.append(where + tok.string + "(")
        elif before == "." and i >= 2 and (tokens[i - 2].string, tok.string) in BANNED_ATTRIBUTES:
            found.append(where + f"{tokens[i - 2].string}.{tok.string}")
        elif tok.string == "shell" and after is not None and after.string == "=" and i + 2 < len(tokens) \
                and tokens[i + 2].string == "True":
            found.append(where + "shell=True")
        elif tok.string == "import_module" and after is not None and after.string == "(" \
                and (i + 2 >= len(tokens) or tokens[i + 2].type != tokenize.STRING):
            found.append(where + "import_module(<not a literal>)")
    return found


def test_the_checker_finds_what_it_looks_for() -> None:
    bad = ("import pickle\nfrom subprocess import run\neval(x)\nexec(y)\nos.system(c)\n"
           "run(c, shell=True)\nyaml.load(f)\nimportlib.import_module(name)\n")
    assert len(dangerous_calls(bad)) == 8
    fine = ('"""never pickle, never eval(x)"""\n# os.system(x)\nre.compile("x")\nx = ".pickle"\n'
            'importlib.import_module("tui.app")\nself.eval = 1\n')
    assert dangerous_calls(fine) == []


#: The one place that runs programs: the user's pager and URL opener (argument lists, no shell;
#: file text only ever goes to their stdin or, for http(s) URLs, as one argument).
HANDOFF = "tui/app/article/handoff.py"
HANDOFF_ALLOWED = {"subprocess", "os.startfile"}


def test_the_package_never_executes_evaluates_or_unpickles() -> None:
    sources = sorted(PACKAGE.rglob("*.py"))
    assert len(sources) > 20
    problems = {str(p.relative_to(ROOT)): found for p in sources
                if (found := dangerous_calls(p.read_text(encoding="utf-8")))}
    handoff = problems.pop(HANDOFF, [])
    assert {f.split(": ", 1)[1] for f in handoff} <= HANDOFF_ALLOWED
    assert problems == {}


def test_shown_and_copied_urls_hold_no_control_characters(tmp_path: Path) -> None:
    hostile = build(tmp_path / "archive")
    archive = load([hostile.root], use_cache=False).archive
    article = archive.get(article_id(str(hostile.root / "odd" / "markup.md")))
    urls = [article.url] + [b.url for b in article.body if b.url]
    urls += [link.url for b in article.body for link in b.links]
    assert len(urls) >= 3 and HOSTILE_URL not in urls
    for url in urls:
        assert url.isprintable() and " " not in url, repr(url)
    from support.app import sync

    sync(_copy_session)(hostile)


async def _copy_session(hostile: Hostile) -> None:
    from support.app import WIDE, fill_everything, open_leaf, ready

    from tui.app.app import NewsApp

    app = NewsApp([hostile.root])
    copied: list[str] = []
    app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
    async with app.run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        tree = screen.nav.source_tree
        fill_everything(tree)
        await open_leaf(pilot, tree, tree._leaves[article_id(str(hostile.root / "odd" / "markup.md"))][0])
        await pilot.press("y")
        await pilot.pause()
    assert copied == ["https://example.org/pwned/"]


def snapshot(root: Path) -> dict[str, tuple[int, int, int]]:
    """Every entry under root (links not followed): mode, size, mtime."""
    out = {}
    for folder, dirs, files in os.walk(root, followlinks=False):
        for name in dirs + files + ["."]:
            path = os.path.join(folder, name)
            st = os.lstat(path)
            out[path] = (st.st_mode, 0 if stat.S_ISDIR(st.st_mode) else st.st_size, st.st_mtime_ns)
    return out


@pytest.fixture
def hostile(tmp_path: Path) -> Hostile:
    return build(tmp_path / "archive")


def test_nothing_is_written_inside_the_archive(hostile: Hostile, data_dir: Path) -> None:
    before = snapshot(hostile.root)
    load([hostile.root])
    load([hostile.root])
    env = dict(os.environ, NEWSTUI_DATA_DIR=str(data_dir))
    for command in ("check", "export", "search", "names"):
        args = [command, "岸田", str(hostile.root)] if command == "search" else [command, str(hostile.root)]
        subprocess.run([sys.executable, "-m", "tui.cli", *args], cwd=ROOT, env=env, capture_output=True,
                       timeout=120, check=False)
    from support.app import sync

    sync(_state_session)(hostile)
    assert snapshot(hostile.root) == before
    assert (data_dir / "state.json").is_file()  # the session did write, in the data dir


async def _state_session(hostile: Hostile) -> None:
    from support.app import WIDE, indexed

    from tui.app.app import NewsApp

    app = NewsApp([hostile.root])
    async with app.run_test(size=WIDE) as pilot:
        await indexed(pilot)
        assert app.archive is not None
        first = app.archive.articles[0].id
        app.mark_read(first)
        app.state.toggle_bookmark(first)
        app.save_state()
        app.start_loading(rescan=True)  # a rescan reads the folder again, writes nothing there
        await pilot.pause(0.5)
