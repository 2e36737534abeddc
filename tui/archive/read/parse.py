"""File -> Article | Rejection: read a bounded prefix, decode, sniff the shape, parse.

Never raises: unreadable, empty, binary, undecodable, oversized files and files that are
not articles all come back as a `Rejection` with a one-line reason for people.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..model import Article, Rejection
from .decode import DecodeError, decode
from .shapes import detect
from .shapes.base import article_id
from .text import strip_controls

__all__ = ["MAX_BYTES", "PARSER_VERSION", "article_id", "parse_bytes", "parse_file"]

#: Bump whenever the parsed output for the same file can change (the cache keys on it).
PARSER_VERSION = 4  # 3: Markdown bodies, tolerant front matter, table blocks, link ends; 4: list depth
#: Files larger than this are not articles (a news page is well under 1 MB of text).
MAX_BYTES = 8 * 1024 * 1024


def parse_file(path: str | Path) -> Article | Rejection:
    p = os.path.abspath(os.fspath(path))  # as the loader names files: "../x" and "x" are one id
    try:
        data = _read_prefix(p, MAX_BYTES)
    except OSError as exc:
        return Rejection(p, f"cannot read: {exc.strerror or exc}")
    if isinstance(data, str):
        return Rejection(p, data)
    return parse_bytes(data, p)


def _read_prefix(path: str, limit: int) -> bytes | str:
    """The bytes of a regular file of at most `limit` bytes, else why not (a one-line reason).

    Opened without blocking, so a named pipe put where a file was never hangs the scan; a file
    that is (or grows) too large is refused without reading more than `limit` + 1 bytes.
    """
    too_large = f"too large: over {limit // 2**20} MB, not read as an article"
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            return "cannot read: a folder, not a file"
        if not stat.S_ISREG(st.st_mode):
            return "not a regular file (a pipe, socket or device)"
        if st.st_size > limit:
            return too_large
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(limit + 1 - size, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return too_large if size > limit else b"".join(chunks)
    finally:
        os.close(fd)


def parse_bytes(data: bytes, path: str) -> Article | Rejection:
    if not data.strip():
        return Rejection(path, "empty file")
    try:
        text, _encoding = decode(data)
    except DecodeError as exc:
        return Rejection(path, str(exc))
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    # Escapes and controls go before any parser sees them: lxml turns a NUL into U+FFFD and
    # refuses controls in the text it builds; the display text is cleaned again anyway.
    text = strip_controls(text)
    if not text.strip():
        return Rejection(path, "empty file: only whitespace")
    try:
        found = detect(text)
        if found is None:
            return Rejection(path, "not an article: no title header of any known shape")
        return found[1](text, path)
    except RecursionError:
        return Rejection(path, "cannot parse: markup nested too deeply")
    except MemoryError:
        return Rejection(path, "cannot parse: out of memory")
    except Exception as exc:  # one bad file must never stop a whole archive
        return Rejection(path, f"cannot parse: {type(exc).__name__}: {str(exc)[:120]}")
