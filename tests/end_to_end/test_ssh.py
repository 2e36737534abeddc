"""The installed `newstui` over a real SSH login inside tmux, as people use it.

A throwaway `sshd` on 127.0.0.1 (generated host and user keys, everything in a temp folder), a
tmux session of a fixed size running `ssh -tt ... newstui`, keys sent with `tmux send-keys`,
the screen read with `tmux capture-pane`. Skipped, with the reason, where sshd, ssh, ssh-keygen
or tmux are missing or sshd cannot run (not root, no port): `.ci/run` installs them in CI.
"""

from __future__ import annotations

import os
import shlex
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

SSHD = "/usr/sbin/sshd"
NEWSTUI = Path(sys.executable).parent / "newstui"
TITLE = "拜登与岸田峰会"


def _missing() -> str:
    tools = [t for t in ("ssh", "ssh-keygen", "tmux") if shutil.which(t) is None]
    if not os.access(SSHD, os.X_OK):
        tools.insert(0, SSHD)
    if tools:
        return "needs " + ", ".join(tools) + " (apt-get install tmux openssh-server; .ci/run does)"
    if os.geteuid() != 0:
        return "needs root to run a throwaway sshd that logs in as root"
    if not NEWSTUI.exists():
        return f"the installed command {NEWSTUI} is missing (pip install -e .)"
    return ""


pytestmark = [pytest.mark.slow, pytest.mark.skipif(bool(_missing()), reason=_missing() or "ok")]


@dataclass
class Server:
    port: int
    key: Path


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait(check: Callable[[], bool], timeout: float, what: str) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")


def _accepts(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
            return sock.recv(4).startswith(b"SSH-")
    except OSError:
        return False


@pytest.fixture(scope="module")
def sshd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("sshd")
    for name in ("host_key", "user_key"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(tmp / name)], check=True)
    shutil.copyfile(tmp / "user_key.pub", tmp / "authorized_keys")
    config = tmp / "sshd_config"
    config.write_text("\n".join([
        f"HostKey {tmp / 'host_key'}", f"AuthorizedKeysFile {tmp / 'authorized_keys'}",
        "PermitRootLogin prohibit-password", "StrictModes no", f"PidFile {tmp / 'sshd.pid'}",
        "UsePAM no", "PasswordAuthentication no", "KbdInteractiveAuthentication no",
        "PrintMotd no", "PrintLastLog no", "LogLevel ERROR", "",
    ]))
    Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)  # sshd's privilege separation directory
    port = _free_port()
    log = (tmp / "sshd.log").open("wb")
    proc = subprocess.Popen([SSHD, "-D", "-e", "-f", str(config), "-p", str(port),
                             "-o", "ListenAddress=127.0.0.1"], stdout=log, stderr=subprocess.STDOUT)
    try:
        end = time.monotonic() + 15
        while not _accepts(port):
            if proc.poll() is not None or time.monotonic() > end:
                pytest.skip(f"sshd could not start: {(tmp / 'sshd.log').read_text(errors='replace')[-300:]}")
            time.sleep(0.1)
        yield Server(port, tmp / "user_key")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


class Tmux:
    """One tmux server on a private socket, one session running a command."""

    def __init__(self, socket_path: Path, size: tuple[int, int], command: str) -> None:
        self.base = ["tmux", "-S", str(socket_path), "-f", "/dev/null"]
        self.target = "newstui"
        subprocess.run([*self.base, "new-session", "-d", "-s", self.target, "-x", str(size[0]),
                        "-y", str(size[1]), command], check=True, env=dict(os.environ, TERM="xterm-256color"))

    def screen(self) -> str:
        run = subprocess.run([*self.base, "capture-pane", "-p", "-t", self.target],
                             capture_output=True, text=True, check=False)
        return run.stdout

    def send(self, *keys: str, literal: bool = False) -> None:
        subprocess.run([*self.base, "send-keys", "-t", self.target, *(["-l"] if literal else []), *keys],
                       check=True)

    def wait_for(self, check: Callable[[str], bool], what: str, timeout: float = 30) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            text = self.screen()
            if check(text):
                return text
            time.sleep(0.2)
        raise AssertionError(f"the screen never showed {what}:\n{self.screen()}")

    def kill(self) -> None:
        subprocess.run([*self.base, "kill-server"], capture_output=True, check=False)


CASES = [
    pytest.param({"TERM": "xterm-256color"}, (80, 24), id="xterm-256color-80x24"),
    pytest.param({"TERM": "screen-256color"}, (80, 24), id="screen-256color-80x24"),
    pytest.param({"TERM": "linux"}, (80, 24), id="linux-80x24"),
    pytest.param({"TERM": "xterm-256color", "NO_COLOR": "1"}, (80, 24), id="NO_COLOR-80x24"),
    pytest.param({"TERM": "xterm-256color"}, (120, 40), id="xterm-256color-120x40"),
]


@pytest.mark.parametrize(("env", "size"), CASES)
def test_search_open_and_quit_over_ssh_in_tmux(sshd: Server, tmp_path: Path, env: dict[str, str],
                                               size: tuple[int, int]) -> None:
    data = tmp_path / "data"
    settings = {**env, "LANG": "C.UTF-8", "NEWSTUI_DATA_DIR": str(data)}
    remote = "env " + " ".join(f"{k}={shlex.quote(v)}" for k, v in settings.items()) + f" {NEWSTUI}"
    ssh = ["ssh", "-tt", "-i", str(sshd.key), "-p", str(sshd.port), "-o", "StrictHostKeyChecking=no",
           "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o", "BatchMode=yes",
           "root@127.0.0.1", remote]
    # After the app quits, the pane keeps its exit status on screen for the test to read.
    command = f"{shlex.join(ssh)}; echo \"newstui exited with status $?\"; sleep 120"
    tmux = Tmux(tmp_path / "tmux.sock", size, command)
    try:
        tmux.wait_for(lambda s: "美国之音" in s and "articles" in s and "/ Search" in s,
                      "the tree with 美国之音, loaded, and the key bar")
        tmux.send("/")
        tmux.wait_for(lambda s: "Esc Back" in s and "/ Search" not in s, "the search box focused")
        tmux.send("kishida", literal=True)
        tmux.wait_for(lambda s: TITLE in s, f"a result titled {TITLE}…")
        tmux.send("Enter")
        article = tmux.wait_for(lambda s: "voachinese.com" in s and "白宫" in s, "the article text")
        assert "Traceback" not in article
        tmux.send("Escape")
        tmux.wait_for(lambda s: "results" in s, "the results again")
        tmux.send("Escape")
        time.sleep(0.3)  # a lone Escape and the next key must not merge into one sequence
        tmux.send("q")
        final = tmux.wait_for(lambda s: "newstui exited with status" in s, "newstui exiting")
        assert "newstui exited with status 0" in final, final
        assert "Traceback" not in final
    finally:
        tmux.kill()
