"""Folded text, the form everything is matched in, and where a Latin match may start and end.

`fold` makes text comparable across scripts, case and width without changing its length in
characters (scripts.py holds the script table), so offsets found in folded text hold in the text
as written. Article texts, queries, aliases and highlights are all folded with it; a Latin match
must also stand at word boundaries (`raa` is not in `raaf`).
"""

from __future__ import annotations

import re

from .scripts import fold_table

TOKEN = re.compile(r"[a-z0-9]+")
_ASCII_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def fold(text: str) -> str:
    """Script-, case- and width-folded text of the same length as `text` (習近平 -> 习近平,
    ＡＵＫＵＳ -> aukus; see scripts.py)."""
    text = text.translate(fold_table())
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def encode(text: str) -> bytes:
    """UTF-8, keeping lone surrogates (undecodable file bytes) rather than failing."""
    return text.encode("utf-8", "surrogatepass")


def is_boundary(hay: str, start: int, end: int) -> bool:
    """A Latin match must not start or end inside a longer Latin word (`raa` is not in `raaf`)."""
    return not ((start > 0 and hay[start - 1] in _ASCII_ALNUM and hay[start] in _ASCII_ALNUM)
                or (end < len(hay) and hay[end] in _ASCII_ALNUM and hay[end - 1] in _ASCII_ALNUM))


def find_all(hay: str, needle: str, limit: int = 200, start: int = 0) -> list[int]:
    """Start offsets of `needle` in `hay[start:]`, honouring Latin word boundaries."""
    out: list[int] = []
    at = hay.find(needle, start)
    while at >= 0 and len(out) < limit:
        if is_boundary(hay, at, at + len(needle)):
            out.append(at)
        at = hay.find(needle, at + 1)
    return out
