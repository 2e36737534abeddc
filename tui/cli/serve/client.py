"""Ask a running `newstui serve` for a `newstui search` answer (the client side; server.py is the
server). Imports nothing of the engine, nor argparse: it runs before them, in every search.

    status = ask(["search", "kishida", "~/news", "--json"])   # None: no server answered; search here

The socket is `<user runtime dir>/newstui/<hash of data dir and roots>.sock` (platformdirs' runtime
dir, 0700; the socket 0600): one per archive and data dir. Where none is listening, connecting
fails at once and quietly. A request is the command line, the working directory and the data
dir; the reply is the exit status, stdout and stderr the in-process search would have printed, or
a refusal (the server's index is not current, an option it does not serve), and then the caller
searches in-process as before.
"""

from __future__ import annotations

import hashlib
import os
import sys

HELP = """\
'newstui serve PATH &' keeps that archive's index open: 'newstui search ... PATH' then asks
it first (a few ms instead of ~0.2 s; the same output; --no-serve skips it). It
answers only while the files and newstui are unchanged, else the search runs here
as usual and the server reloads. One server per archive and data dir; it stops
when idle (--idle), on Ctrl+C or SIGTERM. Its socket is in the user runtime dir."""
MAGIC = b"NEWSTUI-SERVE-1\n"
TIMEOUT = 20.0  # seconds to wait for an answer (a search is ms; a huge one, or a reloading server...)
_VALUED = {"--limit", "--sort"}  # search options the server answers (with a value)
_FLAGS = {"--json"}


def runtime_dir() -> str:
    """`<user runtime dir>/newstui` (XDG_RUNTIME_DIR, else platformdirs' fallback); not created."""
    import warnings

    from platformdirs import user_runtime_dir

    with warnings.catch_warnings():  # platformdirs warns when XDG_RUNTIME_DIR is unset
        warnings.simplefilter("ignore")
        return user_runtime_dir("newstui", appauthor=False)


def data_dir() -> str:
    """What store/paths.data_dir says, without importing pathlib (the same path, as a string)."""
    env = os.environ.get("NEWSTUI_DATA_DIR", "").strip()
    if env:
        return os.path.expanduser(env)
    from platformdirs import user_data_dir

    return user_data_dir("newstui", appauthor=False)


def seeds() -> str:
    """The bundled seeds, as store/paths.bundled_seeds finds them."""
    package = os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__))))  # .../tui
    for candidate in (os.path.join(package, "seeds"), os.path.join(os.path.dirname(package), "seeds")):
        if os.path.isdir(candidate):
            return candidate
    return os.path.join(package, "seeds")


def socket_path(data: str, roots: list[str]) -> str:
    """The socket of the server for these archive roots (absolute) and data dir."""
    key = "\0".join([os.path.realpath(data), *sorted({os.path.realpath(r) for r in roots})])
    name = hashlib.blake2b(key.encode("utf-8", "surrogateescape"), digest_size=10).hexdigest()
    return os.path.join(runtime_dir(), name + ".sock")


def search_roots(args: list[str], cwd: str) -> list[str] | None:
    """The archive roots of `newstui search ARGS` (absolute), or None when the command line holds
    anything a server does not answer (--save, --saved, --no-cache, --no-serve, --help...)."""
    positional: list[str] = []
    k = 0
    while k < len(args):
        arg = args[k]
        k += 1
        if arg == "--":
            positional += args[k:]
            break
        if arg.startswith("-") and len(arg) > 1:
            name = arg.split("=", 1)[0]
            if name in _VALUED and "=" not in arg:
                k += 1
            elif name not in _VALUED and arg not in _FLAGS:
                return None
            continue
        positional.append(arg)
    if not positional:
        return None
    paths = positional[1:]
    return [os.path.normpath(os.path.join(cwd, p)) for p in paths] if paths else [seeds()]


def request(argv: list[str], cwd: str, data: str) -> bytes:
    fields = [cwd, data, *argv]
    return MAGIC + "\0".join(fields).encode("utf-8", "surrogateescape")


def ask(argv: list[str]) -> int | None:
    """Run `newstui ARGV` (a search) through the server for its archive: its exit status, once its
    output is written; None when no server answered (nothing was written)."""
    cwd = os.getcwd()
    roots = search_roots(argv[1:], cwd)
    if roots is None:
        return None
    data = data_dir()
    try:
        import _socket  # the C module: `socket` costs a search ~5 ms more to import

        conn = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    except (ImportError, OSError, AttributeError):
        return None
    try:
        conn.settimeout(TIMEOUT)
        conn.connect(socket_path(data, roots))
        conn.sendall(request(argv, cwd, data))
        conn.shutdown(_socket.SHUT_WR)
        chunks = []
        while chunk := conn.recv(1 << 20):
            chunks.append(chunk)
    except OSError:
        return None
    finally:
        conn.close()
    return _deliver(b"".join(chunks))


def _deliver(reply: bytes) -> int | None:
    """Write what the server printed; None for a refusal or a reply cut short."""
    head, _, rest = reply.partition(b"\n")
    parts = head.split()
    if len(parts) != 4 or parts[0] != b"OK":
        return None
    try:
        status, out_len, err_len = map(int, parts[1:])
    except ValueError:
        return None
    if len(rest) != out_len + err_len:
        return None
    sys.stdout.flush()
    sys.stdout.buffer.write(rest[:out_len])  # (a BrokenPipeError goes to cli.main, as in-process)
    sys.stdout.flush()
    if err_len:
        sys.stderr.flush()
        sys.stderr.buffer.write(rest[out_len:])
        sys.stderr.flush()
    return status
