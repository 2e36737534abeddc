"""File -> Article | Rejection: read a bounded prefix, decode, sniff the shape, parse.

Never raises: unreadable, empty, binary, undecodable, oversized files and files that are
not articles all come back as a `Rejection` with a one-line reason for people.
"""

from __future__ import annotations

from pathlib import Path

from .decode import DecodeError, decode
from .model import Article, Rejection
from .shapes import detect
from .shapes.base import article_id

__all__ = ["MAX_BYTES", "PARSER_VERSION", "article_id", "parse_bytes", "parse_file"]

#: Bump whenever the parsed output for the same file can change (the cache keys on it).
PARSER_VERSION = 1
#: Files larger than this are not articles (a news page is well under 1 MB of text).
MAX_BYTES = 8 * 1024 * 1024


def parse_file(path: str | Path) -> Article | Rejection:
    p = str(Path(path).absolute())
    try:
        with open(p, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        return Rejection(p, f"cannot read: {exc.strerror or exc}")
    if len(data) > MAX_BYTES:
        return Rejection(p, f"too large: over {MAX_BYTES // 2**20} MB, not read as an article")
    return parse_bytes(data, p)


def parse_bytes(data: bytes, path: str) -> Article | Rejection:
    if not data.strip():
        return Rejection(path, "empty file")
    try:
        text, _encoding = decode(data)
    except DecodeError as exc:
        return Rejection(path, str(exc))
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
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
