"""What a name is looked up by, derived once from the entities into the tables the index stores.

Each alias by its key (namerules.alias_key) and by its key without accents (`Demosistō` is typed
`demosisto`); the Latin words that name an entity alone (a one-word alias, a person's surname:
`kishida`); the Chinese names as words (words.py); the Chinese aliases that pinyin spells. The
Resolver reads them from the index (aliastables.py) and derives them here only for an index held
in memory.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections import defaultdict
from collections.abc import Sequence

from ..text.fold import TOKEN, fold
from ..text.pinyin import is_syllable
from . import namerules as R
from .aliastables import AliasTables, KeyTable, Pairs
from .entities import Entity
from .words import Words

_STOP = {"for", "and", "of", "the", "a", "an", "on", "in", "at", "to", "jr", "sr", "u", "s"}
_LATIN = re.compile(r"^[\x21-\x7e]+$")


def alias_tables(entities: Sequence[Entity]) -> AliasTables:
    """What a Resolver looks names up in, derived from the entities (stored in the index)."""
    by_alias: dict[str, list[int]] = defaultdict(list)
    by_token: dict[str, set[int]] = defaultdict(set)
    family: list[tuple[str, int]] = []
    for e, ent in enumerate(entities):
        for alias in ent.aliases:
            by_alias[R.alias_key(alias)].append(e)
            plain = _unaccented(alias)  # `Demosistō` is typed `demosisto`
            if plain != alias:
                by_alias[R.alias_key(plain)].append(e)
            if _LATIN.match(plain.replace(" ", "")):
                for tok in _name_tokens(plain, ent.kind):
                    by_token[tok].add(e)
                if ent.kind == "person" and (first := _family_first(plain, ent.aliases)):
                    family.append((first, e))
    named = {tok: set(found) for tok, found in by_token.items()}
    for tok, e in family:  # unless the word names someone else alone (`china` names China)
        if not named.get(tok, {e}) - {e}:
            by_token[tok].add(e)
    words = Words((a, e) for e, ent in enumerate(entities) for a in ent.aliases)
    han = [(a, e) for e, ent in enumerate(entities) for a in ent.aliases if not a.isascii()]
    return AliasTables(KeyTable.of(by_alias), KeyTable.of(by_token), KeyTable.of(words.owners),
                       Pairs([a for a, _ in han], array("I", [e for _, e in han])))


def _unaccented(alias: str) -> str:
    """A Latin alias without its accents (`Demosistō` -> `Demosisto`); other aliases as they are."""
    if alias.isascii():
        return alias
    plain = unicodedata.normalize("NFKD", alias).encode("ascii", "ignore").decode()
    return plain if len(plain) >= len(alias) - 2 and any(c.isalpha() for c in plain) else alias


def _name_tokens(alias: str, kind: str) -> list[str]:
    """The Latin words that name an entity alone: a one-word alias, or a person's surname
    (`kishida` for Fumio Kishida); not each word of a longer name (`china` is not the China
    Securities Regulatory Commission)."""
    toks = [t for t in TOKEN.findall(fold(alias)) if t not in _STOP]
    if len(toks) == 1 or (kind == "person" and toks and R.LATIN_NAME.fullmatch(alias)):
        return toks[-1:]
    return []


def _family_first(alias: str, aliases: Sequence[str]) -> str:
    """The first word of a person's two-word Latin name when it may be the family name, as
    CC-CEDICT writes Japanese names (`tanaka` of Tanaka Kakuei, where the archive writes Fumio
    Kishida): both words romaji of four letters or more, neither one pinyin syllable (a Chinese
    surname: Hu Jintao), Chinese forms in kanji without the dot of a transliterated Western name
    (田中角荣, not 苏珊·佩奇); else ""."""
    words = alias.lower().split()
    ok = (R.is_japanese(alias) and all(len(w) >= 4 and not is_syllable(w) for w in words)
          and any(not a.isascii() for a in aliases) and not any(d in a for a in aliases for d in R.DOTS))
    return words[0] if ok else ""
