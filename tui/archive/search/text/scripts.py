"""Folding Traditional and variant Chinese characters to Simplified, one character to one.

`fold_table()` is a `str.translate` table (a list indexed by code point, ~3x faster than a dict on
article-sized text) built from `data/fold.txt`, which tools/build_tables.py derives from OpenCC's
dictionaries: 習→习, 鍾→钟, 華→华, 臺→台, 裡/裏→里. Each character folds to exactly one other, so a
folded text has the same length as the original and every offset found in it holds in the
original: highlights, snippets and n/N work on the text as written. Text (the index's haystacks,
queries, aliases) is folded with `textindex.fold`, which applies this table with case and width
folding. Characters outside the Basic Multilingual Plane (rare Extension B forms) are left as they are.
"""

from __future__ import annotations

import functools
from importlib.resources import files

_PLANE = 0x10000
#: Width folding that keeps lengths: full-width ASCII to ASCII, no-break/ideographic/zero-width
#: spaces to a space.
_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0xA0: 32, 0x3000: 32, 0x200B: 32}


def data_text(name: str) -> str:
    """A file of tui/archive/search/data (shipped with the package)."""
    return files("tui.archive.search").joinpath("data").joinpath(name).read_text(encoding="utf-8")


def reading_table(name: str) -> dict[str, str]:
    """Character -> its reading, from a shipped table of `reading<TAB>characters` lines
    (data/pinyin.txt, data/jyutping.txt)."""
    out: dict[str, str] = {}
    for line in data_text(name).splitlines():
        syllable, _, chars = line.partition("\t")
        out.update(dict.fromkeys(chars, syllable))
    return out


@functools.cache
def script_pairs() -> dict[str, str]:
    """Traditional or variant character -> the Simplified one (from data/fold.txt)."""
    keys, values = data_text("fold.txt").split("\n")[:2]
    if len(keys) != len(values):
        raise ValueError("data/fold.txt: its two lines differ in length")
    return dict(zip(keys, values, strict=True))


@functools.cache
def fold_table() -> list[int]:
    """Code point -> code point for `str.translate`: scripts and width folded (not case)."""
    table = list(range(_PLANE))
    for key, value in script_pairs().items():
        if ord(key) < _PLANE:
            table[ord(key)] = ord(value)
    for code, to in _WIDTH.items():
        table[code] = to
    return table
