"""Names typed as Hong Kong writes them in Latin letters: `heung gong` 香港, `lee ka-chiu` 李家超,
`tang ping-keung` 邓炳强, `wong chi-fung` 黄之锋.

Hong Kong names and places are spelled in the Hong Kong Government Cantonese Romanisation (no
tones, `Heung Kong`, `Lee Ka-chiu`), and readers also type Jyutping without tones (`hoeng gong`)
or a mix (`heung gong`). data/jyutping.txt (tools/build_jyutping.py, from rime-cantonese, CC BY 4.0)
gives each character's Cantonese reading in Jyutping; the rule table below gives, for each Jyutping
initial and final, the ways Hong Kong spells it, as romanize.py does for Wade–Giles. A typed name
(two syllables or more, split by spaces or hyphens) matches a Chinese alias of the same length
whose every character reads as one of the Jyutping syllables the typed syllable may stand for.
Names only: aliases of the entities the index knows, never runs of title characters.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable

from .scripts import reading_table

# Jyutping initial -> Hong Kong spellings (itself included where people type Jyutping)
_INITIALS = {"b": ("p", "b"), "p": ("p",), "m": ("m",), "f": ("f",), "d": ("t", "d"), "t": ("t",),
             "n": ("n", "l"), "l": ("l", "n"), "g": ("k", "g"), "k": ("k",), "ng": ("ng", ""), "h": ("h",),
             "gw": ("kw", "gw"), "kw": ("kw",), "w": ("w",), "z": ("ch", "ts", "z", "j"),
             "c": ("ch", "ts", "c"), "s": ("s", "sh"), "j": ("y", "j"), "": ("",)}
# Jyutping final -> Hong Kong spellings
_FINALS = {"aa": ("a", "ah", "aa"), "aai": ("ai", "aai"), "aau": ("au", "aau"), "aam": ("am", "aam"),
           "aan": ("an", "aan"), "aang": ("ang", "aang"), "aap": ("ap", "aap"), "aat": ("at", "aat"),
           "aak": ("ak", "aak"), "ai": ("ai", "ei"), "au": ("au", "ow"), "am": ("am", "um"),
           "an": ("an", "un"), "ang": ("ang",), "ap": ("ap",), "at": ("at",), "ak": ("ak",),
           "e": ("e", "eh"), "ei": ("ei", "ee", "i"), "eng": ("eng",), "ek": ("ek",),
           "i": ("i", "ee", "yi"), "iu": ("iu",), "im": ("im",), "in": ("in",), "ing": ("ing",),
           "ip": ("ip",), "it": ("it",), "ik": ("ik",), "o": ("o", "oh", "or"), "oi": ("oi", "oy"),
           "ou": ("o", "ou", "oh"), "on": ("on",), "ong": ("ong",), "ot": ("ot",), "ok": ("ok",),
           "oe": ("oe", "eu"), "oeng": ("eung", "oeng"), "oek": ("euk", "oek"), "eoi": ("ui", "eui", "eoi"),
           "eon": ("un", "eun", "eon"), "eot": ("ut", "eut", "eot"), "u": ("u", "oo"), "ui": ("ui", "ooi"),
           "un": ("un", "oon"), "ung": ("ung",), "ut": ("ut", "oot"), "uk": ("uk",), "yu": ("yu", "ue"),
           "yun": ("uen", "yun", "yuen"), "yut": ("uet", "yut", "yuet"), "m": ("m",), "ng": ("ng",)}
_INITIAL = re.compile(r"^(gw|kw|ng|[bpmfdtnlgkhwzcsj])?(.*)$")
_SPLIT = re.compile(r"[\s\-'’]+")


def spellings(jyutping: str) -> set[str]:
    """The ways a toneless Jyutping syllable is typed (`hoeng` -> heung, hoeng; `ciu` -> chiu ...)."""
    m = _INITIAL.match(jyutping)
    initial, final = (m.group(1) or "", m.group(2)) if m else ("", jyutping)
    if initial == "ng" and not final:  # 吴 ng: a syllable of its own
        initial, final = "", "ng"
    out = {jyutping}
    for i in _INITIALS.get(initial, (initial,)):
        for f in _FINALS.get(final, (final,)):
            if initial == "j" and f[:1] in ("y", "i"):  # 余 jyu -> yu, 易 jik -> yik
                out.add(f if f.startswith("y") else "y" + f)
            elif not (initial and f.startswith("y")):  # `yi` is 衣 i alone, not 之 zi
                out.add(i + f)
    return out


@functools.cache
def table() -> dict[str, str]:
    """Character -> toneless Jyutping (data/jyutping.txt)."""
    return reading_table("jyutping.txt")


@functools.cache
def _typed() -> dict[str, frozenset[str]]:
    """Typed syllable -> the Jyutping syllables it may stand for."""
    out: dict[str, set[str]] = defaultdict(set)
    for syllable in set(table().values()):
        for spelled in spellings(syllable):
            out[spelled].add(syllable)
    return {k: frozenset(v) for k, v in out.items()}


def syllables(text: str) -> list[frozenset[str]]:
    """Per typed syllable, the Jyutping syllables it may stand for; [] unless `text` is two
    syllables or more that Hong Kong or Jyutping spellings give (`xi jinpign` is not: no x)."""
    parts = [p for p in _SPLIT.split(text.lower()) if p]
    if len(parts) < 2 or not all(p.isalpha() and len(p) <= 6 for p in parts):
        return []
    typed = _typed()
    return [typed[p] for p in parts] if all(p in typed for p in parts) else []


class CantoneseNames:
    """The Chinese aliases of the known names, by their Cantonese reading."""

    def __init__(self, aliases: Iterable[tuple[str, int]]) -> None:
        t = table()
        self._by_length: dict[int, list[tuple[tuple[str, ...], int]]] = defaultdict(list)
        for alias, e in aliases:
            reading = tuple(t.get(ch, "") for ch in alias)
            if len(reading) >= 2 and all(reading):
                self._by_length[len(reading)].append((reading, e))

    def find(self, options: list[frozenset[str]]) -> list[int]:
        """Entities with an alias read as one of `options` per character (`syllables`)."""
        return sorted({e for reading, e in self._by_length.get(len(options), ())
                       if all(s in o for s, o in zip(reading, options, strict=True))})
