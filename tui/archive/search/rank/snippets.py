"""Snippets: the window of text around a hit's first match, and the spans to highlight in it.

Both are computed on the folded text (textindex.fold: same length as the text as written, so
offsets hold in the original); an occurrence inside a longer name (`inside`, see words.py) is not a
match.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..text.fold import is_boundary

_SENTENCE_END = "。！？!?\n；;"


def first_at(low: str, needle: str, body_at: int, inside: set[tuple[str, int]], before: int = -1) -> int:
    """Where `needle` first occurs in the body part of `low` as a match (-1: nowhere; with
    `before` >= 0, nowhere before it). (The body follows a line break, so a Latin match at its
    start is at a word boundary.) Stops at the first: collecting 50 occurrences first was most of
    a hit's time; and where an earlier needle already matched (`before`), no further."""
    end = len(low) if before < 0 else min(len(low), before - 1 + len(needle))
    seen = 0  # as before: the first of the first 50 occurrences at word boundaries
    at = low.find(needle, body_at, end)
    while at >= 0 and seen < 50:
        if is_boundary(low, at, at + len(needle)):
            if (needle, at) not in inside:
                return at
            seen += 1
        at = low.find(needle, at + 1, end)
    return -1


def window(low: str, at: int, body_at: int, before: int = 40, width: int = 150) -> tuple[int, int]:
    start = max(body_at, at - before)
    cut = max(low.rfind(ch, start, at) for ch in _SENTENCE_END)
    if cut >= start:
        start = cut + 1
    while start < at and low[start].isspace():
        start += 1
    return start, min(len(low), start + width)


def spans_of(low: str, needles: list[str], start: int, end: int, shift: int,
             inside: set[tuple[str, int]]) -> list[tuple[int, int]]:
    """The matches of `needles` in low[start:end] (folded text), as spans shifted by `shift`."""
    taken: list[tuple[int, int]] = []
    for needle in needles:  # longest first, so 岸田文雄 wins over 岸田
        at = low.find(needle, start, end)
        while at >= 0:
            stop = at + len(needle)
            if (stop <= end and is_boundary(low, at, stop) and (needle, at) not in inside
                    and not any(a < stop and at < b for a, b in taken)):
                taken.append((at, stop))
            at = low.find(needle, at + 1, end)
    return sorted((a - start + shift, b - start + shift) for a, b in taken)


def not_in_capitals(orig: str, low: str, needles: Iterable[str]) -> set[tuple[str, int]]:
    """(needle, offset) of each occurrence in `low` (the folded `orig`, offset for offset) of a
    needle shown in capitals (an acronym: `WHO`) where `orig` does not write it in capitals (the
    English "who"): search found the acronym as written, and only there is it lit."""
    out: set[tuple[str, int]] = set()
    for needle in needles:
        at = low.find(needle)
        while at >= 0:
            if not orig[at:at + len(needle)].isupper():
                out.add((needle, at))
            at = low.find(needle, at + 1)
    return out
