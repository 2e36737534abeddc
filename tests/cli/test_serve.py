"""`newstui serve`: real processes. A running server answers `newstui search` with the bytes the
in-process search prints; without it (killed, a stale socket file, idle) the search still answers;
a changed archive file is never answered from the old index; one server per archive."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.commands import newstui

from tui.cli.serve import client

pytestmark = pytest.mark.slow

QUERIES = ["kishida", "岸田", "bulinken", "aukis -岸田", "2+2", "qwxzvbnm", "blinken year:2022", "kishda"]


@pytest.fixture
def runtime(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private runtime dir (XDG_RUNTIME_DIR, 0700, short: a socket path has ~100 bytes at most)."""
    path = Path(tempfile.mkdtemp(prefix="nt-", dir="/tmp"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(path))
    yield path
    shutil.rmtree(path, ignore_errors=True)


def _listening(path: Path) -> bool:
    """Whether a server accepts connections on `path` (it answers an empty request and goes on)."""
    probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        probe.connect(str(path))
        return True
    except OSError:
        return False
    finally:
        probe.close()


class Served:
    def __init__(self, archive: Path, *options: str) -> None:
        self.path = Path(client.socket_path(os.environ["NEWSTUI_DATA_DIR"], [str(archive)]))
        self.proc = subprocess.Popen([sys.executable, "-m", "tui.cli", "serve", str(archive), *options],
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 90
        while not _listening(self.path):  # not just there: a stale socket file may be, until replaced
            assert self.proc.poll() is None, self.proc.stderr.read() if self.proc.stderr else ""
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.05)

    def stop(self) -> tuple[int, str]:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        _, err = self.proc.communicate(timeout=30)
        return self.proc.returncode, err


@pytest.fixture
def served(archive_dir: Path, runtime: Path) -> Iterator[Served]:
    server = Served(archive_dir)
    yield server
    server.stop()


def _both(archive: Path, cwd: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], ...]:
    return (newstui("search", *args, archive, cwd=cwd),
            newstui("search", *args, archive, "--no-serve", cwd=cwd))


def test_served_answers_are_the_in_process_answers(served: Served, archive_dir: Path, tmp_path: Path,
                                                   data_dir: Path) -> None:
    for query in QUERIES:
        for options in (["--json"], [], ["--json", "--limit", "2"], ["--sort", "date"]):
            ours, theirs = _both(archive_dir, tmp_path, query, *options)
            assert (ours.returncode, ours.stdout, ours.stderr) == (theirs.returncode, theirs.stdout,
                                                                   theirs.stderr), (query, options)
    nothing = newstui("search", "qwxzvbnm", archive_dir, cwd=tmp_path)
    assert (nothing.returncode, nothing.stdout, nothing.stderr) == (1, "", "no matches\n")  # served too
    for options in (["--json"], []):  # a query of exclusions alone, after `--`
        ours = newstui("search", *options, "--", "-岸田", archive_dir, cwd=tmp_path)
        theirs = newstui("search", "--no-serve", *options, "--", "-岸田", archive_dir, cwd=tmp_path)
        assert ours.returncode == 0 and ours.stdout
        assert (ours.returncode, ours.stdout, ours.stderr) == (theirs.returncode, theirs.stdout,
                                                               theirs.stderr)
    assert "岸田" in newstui("search", "kishida", archive_dir, cwd=tmp_path).stdout
    # the answer comes from the server: with the cache gone, an in-process search would write it again
    expected = newstui("search", "kishida", archive_dir, "--json", cwd=tmp_path).stdout
    shutil.rmtree(data_dir / "cache")
    relative = newstui("search", "kishida", archive_dir.name, "--json", cwd=archive_dir.parent)
    assert relative.stdout == expected and not (data_dir / "cache").exists()


def test_without_the_server_the_search_still_answers(archive_dir: Path, runtime: Path,
                                                     tmp_path: Path) -> None:
    expected = newstui("search", "kishida", archive_dir, "--json", "--no-serve", cwd=tmp_path).stdout
    server = Served(archive_dir)
    assert newstui("search", "kishida", archive_dir, "--json", cwd=tmp_path).stdout == expected
    code, err = server.stop()  # SIGTERM: a clean stop, the socket removed
    assert code == 0 and not server.path.exists() and "serving" in err
    done = newstui("search", "kishida", archive_dir, "--json", cwd=tmp_path)
    assert done.returncode == 0 and done.stdout == expected and done.stderr == ""


def test_a_stale_socket_file_is_ignored_then_replaced(archive_dir: Path, runtime: Path,
                                                       tmp_path: Path) -> None:
    expected = newstui("search", "kishida", archive_dir, "--json", "--no-serve", cwd=tmp_path).stdout
    path = Path(client.socket_path(os.environ["NEWSTUI_DATA_DIR"], [str(archive_dir)]))
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    dead = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    dead.bind(str(path))  # left behind by a server that was killed: nobody listens
    dead.close()
    done = newstui("search", "kishida", archive_dir, "--json", cwd=tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (0, expected, "")
    server = Served(archive_dir)  # takes the place over
    try:
        assert newstui("search", "kishida", archive_dir, "--json", cwd=tmp_path).stdout == expected
        assert oct(path.stat().st_mode & 0o777) == oct(0o600)
        assert oct(path.parent.stat().st_mode & 0o777) == oct(0o700)
    finally:
        server.stop()


@pytest.mark.parametrize("change", ["edit", "add", "remove"])
def test_a_changed_archive_is_never_answered_from_the_old_index(served: Served, archive_dir: Path,
                                                                tmp_path: Path, change: str) -> None:
    assert "qwxzvbnm" not in newstui("search", "qwxzvbnm", archive_dir, "--json", cwd=tmp_path).stdout
    seed = next(p for p in sorted(archive_dir.rglob("*.txt")) if "Kishida" in p.read_text(encoding="utf-8"))
    changed = seed.read_text(encoding="utf-8").replace("Kishida", "Qwxzvbnm", 1)
    if change == "edit":  # in place
        seed.write_text(changed, encoding="utf-8")
    elif change == "add":
        seed.with_name("new.txt").write_text(changed, encoding="utf-8")
    else:
        seed.unlink()
    for _ in range(2):  # right after the change, and once the server may have reloaded
        for query in ("qwxzvbnm", "kishida"):
            ours, theirs = _both(archive_dir, tmp_path, query, "--json")
            assert ours.stdout == theirs.stdout, (change, query)
        if change != "remove":
            assert "Qwxzvbnm" in newstui("search", "qwxzvbnm", archive_dir, "--json", cwd=tmp_path).stdout
        time.sleep(1.5)


def test_a_second_server_for_the_same_archive_is_refused(served: Served, archive_dir: Path,
                                                         tmp_path: Path) -> None:
    second = newstui("serve", archive_dir, cwd=tmp_path)
    assert second.returncode == 1 and "already running" in second.stderr and second.stderr.count("\n") == 1
    assert served.proc.poll() is None and served.path.exists()


def test_an_idle_server_stops_and_removes_its_socket(archive_dir: Path, runtime: Path) -> None:
    server = Served(archive_dir, "--idle", "1")
    server.proc.wait(timeout=30)  # stops by itself
    code, err = server.stop()
    assert code == 0 and "no request for 1 s" in err and not server.path.exists()
