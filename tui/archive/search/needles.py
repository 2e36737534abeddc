"""Many needles found in one text at once: what the index build matches every name alias with,
in the parse workers (lexicon.py) and over the written texts (textindex.TextIndex.match_all)."""

from __future__ import annotations

from collections.abc import Sequence

import ahocorasick_rs

_ALNUM_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyz0123456789")


class Needles:
    """Many needles (folded) found in one text at once: one Aho-Corasick pass (ahocorasick_rs, in
    Rust, over the UTF-8 bytes), Latin needles only at word boundaries, as `contains` does."""

    def __init__(self, needles: Sequence[str]) -> None:
        keys = [n.encode("utf-8", "surrogatepass") for n in needles]  # as textindex.encode
        self._edges = [(k[0] in _ALNUM_BYTES, k[-1] in _ALNUM_BYTES) for k in keys]
        self._find = ahocorasick_rs.BytesAhoCorasick(keys).find_matches_as_indexes if keys else None

    def found_in(self, hay: bytes) -> list[int]:
        """The numbers of the needles `hay` (folded UTF-8) holds, each once, in order of first match."""
        if self._find is None:
            return []
        size = len(hay)
        edges = self._edges
        seen: set[int] = set()
        out: list[int] = []
        for p, start, stop in self._find(hay, overlapping=True):
            if p in seen:
                continue
            first, last = edges[p]
            if (first and start > 0 and hay[start - 1] in _ALNUM_BYTES) or (
                    last and stop < size and hay[stop] in _ALNUM_BYTES):
                continue  # inside a longer Latin word: another occurrence may still count
            seen.add(p)
            out.append(p)
        return out
