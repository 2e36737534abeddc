"""`newstui index --index-dir`, and the shared index read by another user through the command line.

The real check: as root, the admin builds the index; a reader runs as `nobody` (setpriv, else
runuser) against it, and the kernel, not a flag, refuses it writes. Where this checkout's Python
lies under a folder nobody may enter (/root/.pyenv), the reader keeps CAP_DAC_READ_SEARCH (read
any file, no write): the shared dir still refuses it every write.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.commands import newstui
from support.sharing import change_files, listing, me, news

SETPRIV = shutil.which("setpriv")
RUNUSER = shutil.which("runuser")
READ_ANYTHING = ["--inh-caps=+dac_read_search", "--ambient-caps=+dac_read_search"]


def test_index_builds_a_shared_index_readable_by_all_and_reads_only_what_changed(tmp_path: Path) -> None:
    root, srv = news(tmp_path / "news"), tmp_path / "srv"
    done = newstui("index", root, "--index-dir", srv, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    mask = os.umask(0)
    os.umask(mask)
    assert f"{srv}: 5 articles, 0 files rejected (5 read now, 0 unchanged)" in done.stdout
    for made in [*srv.glob("cache/*.cache"), *srv.glob("index/*.index")]:
        assert made.stat().st_mode & 0o777 == 0o666 & ~mask
    change_files(root)
    again = newstui("index", root, "--index-dir", srv, "--quiet", cwd=tmp_path)
    assert again.returncode == 0 and again.stdout == "" and again.stderr == ""
    said = newstui("index", root, "--index-dir", srv, cwd=tmp_path).stdout
    assert "6 articles" in said and "(0 read now, 6 unchanged)" in said


def test_index_says_when_other_users_cannot_read_it(tmp_path: Path) -> None:
    root, srv = news(tmp_path / "news"), tmp_path / "srv"
    old = os.umask(0o077)
    try:
        done = newstui("index", root, "--index-dir", srv, "--quiet", cwd=tmp_path)
    finally:
        os.umask(old)
    assert done.returncode == 0 and done.stdout == ""
    assert f"{srv}: readable only by its owner: other users cannot open it" in done.stderr


def test_the_config_names_the_index_dir_once(tmp_path: Path, config_dir: Path, data_dir: Path) -> None:
    root, srv = news(tmp_path / "news"), tmp_path / "srv"
    (config_dir / "config.toml").write_text(f'index_dir = "{srv}"\n', "utf-8")
    assert newstui("index", root, cwd=tmp_path).returncode == 0
    assert list(srv.glob("index/*.index")) and not (data_dir / "cache").exists()
    found = newstui("search", "岸田", root, "--json", cwd=tmp_path)
    assert found.returncode == 0 and "岸田" in found.stdout
    shown = newstui("config", "--show", cwd=tmp_path)
    assert f'index_dir = "{srv}"' in shown.stdout


def test_serve_keeps_its_own_cache(tmp_path: Path) -> None:
    done = newstui("serve", "--index-dir", tmp_path, cwd=tmp_path)
    assert done.returncode == 2 and "--index-dir is for other commands" in done.stderr


# --- another user ---------------------------------------------------------------------------------


def _as_nobody(prefix: list[str], env: dict[str, str], *args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*prefix, "env", "-i", *(f"{k}={v}" for k, v in env.items()), sys.executable, "-m",
                           "tui.cli", *map(str, args)], capture_output=True, text=True, encoding="utf-8",
                          timeout=120, stdin=subprocess.DEVNULL, cwd="/")


def _reader_prefix(env: dict[str, str]) -> list[str] | None:
    """How to run this Python as nobody here, or None."""
    candidates = []
    if SETPRIV:
        plain = [SETPRIV, "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
        candidates += [plain, plain + READ_ANYTHING]
    if RUNUSER:
        candidates.append([RUNUSER, "-u", "nobody", "--"])
    for prefix in candidates:
        probe = subprocess.run([*prefix, "env", *(f"{k}={v}" for k, v in env.items()), sys.executable, "-c",
                                "import os, tui.cli; print(os.getuid())"], capture_output=True, text=True)
        if probe.returncode == 0 and probe.stdout.strip() not in ("", "0"):
            return prefix
    return None


@pytest.fixture
def world() -> Iterator[Path]:
    """A folder every user may enter (pytest's tmp_path is root's alone)."""
    top = Path(tempfile.mkdtemp(prefix="newstui-shared-", dir="/tmp"))
    top.chmod(0o755)
    try:
        yield top
    finally:
        shutil.rmtree(top, ignore_errors=True)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() != 0, reason="runs a reader as nobody: needs root")
def test_a_reader_without_write_access_searches_as_built_and_changes_nothing(world: Path) -> None:
    home = world / "nobody"
    home.mkdir()
    shutil.chown(home, "nobody")
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home),
           "NEWSTUI_DATA_DIR": str(home / "data"), "NEWSTUI_CONFIG_DIR": str(home / "config"),
           "XDG_RUNTIME_DIR": str(home / "run"),
           "PYTHONPATH": os.environ.get("PYTHONPATH", str(Path(__file__).resolve().parents[2]))}
    prefix = _reader_prefix(env)
    if prefix is None:
        pytest.skip("neither setpriv nor runuser can run this Python as nobody")
    root, srv = news(world / "news"), world / "srv"
    old = os.umask(0o022)
    try:
        assert newstui("index", root, "--index-dir", srv, cwd=world).returncode == 0
    finally:
        os.umask(old)
    changed, added = change_files(root)
    before = listing(srv)

    found = _as_nobody(prefix, env, "search", "岸田", root, "--index-dir", srv, "--json")
    assert found.returncode == 0, found.stderr
    assert "岸田" in found.stdout and added not in found.stdout  # the archive as built
    notice = found.stderr
    assert "older than the files" in notice
    assert f"1 new ({added})" in notice and f"1 changed ({changed})" in notice
    assert f"{me()} can update it: newstui index {root} --index-dir {srv}" in notice
    checked = _as_nobody(prefix, env, "check", root, "--index-dir", srv)
    assert "5 files: 5 articles" in checked.stdout and "older than the files" in checked.stderr
    refused = _as_nobody(prefix, env, "index", root, "--index-dir", srv)
    assert refused.returncode == 1 and f"cannot write {srv}; root can:" in refused.stderr
    assert listing(srv) == before and not (home / "data").exists()

    [cache_file] = srv.glob("cache/*.cache")
    cache_file.write_bytes(cache_file.read_bytes()[:100])  # damaged: the reader uses its own copy
    before = listing(srv)
    fallback = _as_nobody(prefix, env, "search", "岸田", root, "--index-dir", srv, "--json")
    assert fallback.returncode == 0 and "岸田" in fallback.stdout and added in fallback.stdout
    assert f"Cannot use the shared index in {srv}" in fallback.stderr
    assert "root can rebuild it" in fallback.stderr
    assert listing(srv) == before and list((home / "data" / "index").glob("*.index"))
