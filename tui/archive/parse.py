"""File -> Article | Rejection: decode, sniff the shape, parse.  (STUB: being replaced.)"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from .html import body_blocks
from .model import Article, Rejection

PARSER_VERSION = 0


def article_id(path: str) -> str:
    return hashlib.blake2b(path.encode("utf-8", "surrogateescape"), digest_size=8).hexdigest()


def parse_file(path: str | Path) -> Article | Rejection:
    p = str(Path(path).absolute())
    try:
        data = Path(p).read_bytes()
    except OSError as exc:
        return Rejection(p, f"cannot read: {exc.strerror}")
    return parse_bytes(data, p)


def parse_bytes(data: bytes, path: str) -> Article | Rejection:
    if not data.strip():
        return Rejection(path, "empty file")
    text = data.decode("utf-8", "replace")
    m = re.search(r"^\[(.+?)\]\((\S+?)\)\s*$", text, re.M) or re.search(r"^###\s*(.+)$()", text, re.M)
    if not m:
        return Rejection(path, "not an article: no title found")
    body = body_blocks(text[m.end():])
    return Article(id=article_id(path), path=path, shape="stub", source="unknown", source_name="unknown",
                   title=m.group(1), url=m.group(2), body=tuple(body.blocks))
