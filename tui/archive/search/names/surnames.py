"""Japanese surnames typed alone: `tanaka` finds 田中 where the text around it is about Japan.

A Japanese surname in kanji is also a word or a Chinese name: 田中 is "in the field" (农田中) and
the Taiwanese official 田中光, 中山 is Sun Yat-sen, 吉田 is in the Chinese name 唐吉田. Chinese
text writes a Japanese person by the surname alone (井上、田中; 安倍), or before a given name no
table holds (田中康平, 田中力子), so neither the lexicon nor the archive's glosses name them all.
What tells them apart is the text around them: within `WINDOW` characters of the surname, Japan
is named (日本, Japan) or Japanese is written in kana, and no word of the language ends on its
first character (水田|中: `far_from_japan`).

The surnames are CC-CEDICT's (data/surnames_ja.tsv: tools/build_surnames.py), less those that
are first of all a common word (小岛 "islet", 清水 "clear water": data/words.txt). A surname is
no match inside a longer known name of something else (大西 in 大西洋, 中山 in 孙中山 and 中山大学);
a person's name it starts (田中角荣, 中山泰秀) is that surname's person (`holders`).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence

from ..text.fold import fold
from ..text.scripts import data_text
from .words import Words, across, common_words, covered

WINDOW = 100  # characters either side of the surname read for a sign of Japan
_JAPAN = re.compile(r"日本|japan|[\u3041-\u309f\u30a1-\u30fa]")  # (folded text: lower case)
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@functools.cache
def _table() -> dict[str, tuple[str, ...]]:
    """Romaji -> the surnames' folded kanji (`tanaka` -> 田中; `sakai` -> 坂井, 酒井)."""
    out: dict[str, tuple[str, ...]] = {}
    for line in data_text("surnames_ja.tsv").splitlines():
        forms, _, keys = line.partition("\t")
        if form := fold(forms.split("|")[0]):
            for key in keys.split("|"):
                out[key] = (*out.get(key, ()), form)
    return out


def forms(word: str, words_too: bool = False) -> tuple[str, ...]:
    """The surnames (folded kanji) that `word`, typed in romaji, spells; () for any other word.
    Those that are first of all a common word (小岛, 清水) only `words_too`."""
    found = _table().get(word, ())
    return found if words_too else tuple(f for f in found if f not in common_words())


def only_surname(aliases: Sequence[str]) -> bool:
    """Whether an entity's names are a Japanese surname alone: each Chinese alias a surname that
    one of its Latin aliases spells (the lexicon's 山下 `Yamashita`, 中山 `Nakayama`, 佐藤 `Satō`;
    not 清水 `Qingshui`, a place, nor 安倍晋三 `Shinzo Abe`)."""
    han = {fold(a) for a in aliases if _HAN.search(a)}
    spelled = {f for a in aliases if not _HAN.search(a) for f in forms(_plain(a), words_too=True)}
    return bool(han) and han <= spelled


def _plain(word: str) -> str:
    """Romaji as the table writes it: `Satō` -> `sato`."""
    return "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c))


def near_japan(hay: bytes, surname: str, blockers: list[tuple[str, int]], words: Words) -> bool:
    """Whether a folded text (UTF-8, as the index holds it) writes `surname` outside longer names
    (`blockers`) and word boundaries where the text around it is about Japan."""
    low = bytes(hay).decode("utf-8", "surrogatepass")
    skip = covered(low, blockers) | across(low, surname, words) | far_from_japan(low, surname)
    at = low.find(surname)
    while at in skip:
        at = low.find(surname, at + 1)
    return at >= 0


def far_from_japan(low: str, surname: str) -> set[int]:
    """Offsets of `surname` in the folded text `low` that are not that surname: with no sign of
    Japan within WINDOW characters either side (日本, Japan, kana), or ending a word of the
    language with its first character (水田|中 "in the paddy", 油田|中)."""
    out: set[int] = set()
    common = common_words()
    at = low.find(surname)
    while at >= 0:
        if _JAPAN.search(low, max(0, at - WINDOW), at + len(surname) + WINDOW) is None or any(
                low[at - j:at + 1] in common for j in range(1, min(at, 3) + 1)):
            out.add(at)
        at = low.find(surname, at + 1)
    return out


def holders(words: Words, surname: str) -> list[tuple[str, int]]:
    """(known name, offset) of the names holding `surname` other than as a person's surname
    (孙中山, 大西洋, 中山大学; not 中山泰秀): as `Words.blockers` gives for a name, for a surname
    that is no name of the archive."""
    found: list[tuple[str, int]] = []
    by_char = words.by_char()
    kinds = words.kinds
    for word in min((by_char.get(ch, []) for ch in set(surname)), key=len):
        person = all(e < len(kinds) and kinds[e] == "person" for e in words.owners[word])
        k = word.find(surname)
        while k >= 0:
            if word != surname and (k > 0 or not person):
                found.append((word, k))
            k = word.find(surname, k + 1)
    return found
