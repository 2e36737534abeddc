"""Chinese names as words: `罗斯` (Ross) is not found inside `俄罗斯` (Russia) nor `罗斯福`.

Chinese has no spaces, so a short name is also a substring of longer ones. Rather than segment
every text (a segmenter's dictionary is not ours, and segmenting 10^5 articles at every build
costs minutes), the names the index already knows — every entity alias: the archive's glosses and
the lexicon entries present in it — serve as the words: an occurrence of a name does not count
where it lies inside a longer known name of something else, unless that longer name is a compound
of it (`俄罗斯联邦`, `中国人`, `新疆维吾尔自治区`, `全球马格尼茨基法案`, `高雄市长韩国瑜` still count
for 俄罗斯, 中国, 维吾尔, 马格尼茨基, 韩国瑜): what touches it on each side is a known name, a
common affix or a common word of the language (data/words.txt: CC-CEDICT's words that are not
names). `巴基斯坦` is not 斯坦 and `亚伯拉罕` is not 亚伯: 基 and 拉 are no such words, only
pieces of a transliteration. A quoted phrase stays a plain substring search.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from itertools import pairwise
from typing import AnyStr

import ahocorasick_rs

from ..index.textindex import TextIndex, lacking
from ..text.fold import encode, fold
from ..text.pinyin import HAN
from ..text.scripts import data_text
from .aliastables import KeyTable

_HAN = re.compile(f"[{HAN}]+(?:[·•・‧][{HAN}]+)*")  # 库尔特·坎贝尔 is a name 库尔 is inside
_DOTS = "·•・‧"
_PAIR_OF_HAN = re.compile(f"[{HAN}]{{2}}")
_SIDE = 5  # characters read on each side of a two-character name: words of up to six (唐努乌梁海|地区)
_IDIOM = 4  # a word this long on one side (an idiom) cuts the name alone; a known name from 3

#: What may follow or precede a name without making another name of it (中国人, 台湾省, 美国政府).
AFFIXES = frozenset((
    "人", "族", "籍", "语", "文", "队", "军", "方", "党", "省", "市", "县", "区", "州", "岛",
    "国", "府", "版", "式", "派", "系", "裔", "政府", "当局", "自治区", "特区", "大学", "公司",
    "集团", "总统", "首相", "主席", "总理", "外长", "总书记", "政权", "官方", "官员", "媒体",
    "网友", "民众", "法", "案", "的",
    # words of one character that join phrases, never pieces of a transliteration (与香港同在)
    "与", "在", "对", "向", "从", "把", "被", "让", "及", "将",
))


@functools.cache
def common_words() -> frozenset[str]:
    """Words of the language that are not names (data/words.txt, folded), read on first need."""
    return frozenset(_common_sorted())


@functools.cache
def _common_sorted() -> list[str]:
    """The common words in order, to find those that start with a string by bisection."""
    found = data_text("words.txt").split()
    if any(b < a for a, b in pairwise(found)):  # (the file is kept sorted)
        found.sort()
    return found


@functools.cache
def _common_long() -> tuple[str, ...]:
    """The common words of four characters or more (idioms): one cuts a name alone."""
    return tuple(w for w in _common_sorted() if len(w) >= 4)


def _starting(ordered: Sequence[str], start: str) -> Iterator[str]:
    """The strings of `ordered` (sorted) that start with `start`."""
    at = bisect_left(ordered, start)
    while at < len(ordered) and ordered[at].startswith(start):
        yield ordered[at]
        at += 1


@functools.cache
def common_forms() -> frozenset[str]:
    """Forms that name something only in a longer name (data/common_forms.txt: 现代 "modern", not
    Hyundai; 本周 "this week"): no name alone, whether the lexicon or an archive gloss gives it."""
    return frozenset(line.split("#")[0].strip() for line in data_text("common_forms.txt").splitlines()) - {""}


class Vocabulary:
    """Whether a string (folded) is a known name or a common word of the language (`is_word(part)`),
    and whether a known name (`is_word.name(part)`): a longer name is firmer evidence of a word
    boundary than a common word (straddles)."""

    def __init__(self, names: Collection[str]) -> None:
        self._names = names
        self._set: frozenset[str] | None = None

    @property
    def names(self) -> frozenset[str]:
        """The known names as a set, made on first need (~2 ms at 25k names): a stored table
        answers `in` by bisection, ~1 µs a look-up, and a boundary costs several."""
        if self._set is None:
            self._set = frozenset(self._names)
        return self._set

    def __call__(self, part: str) -> bool:
        return part in self.names or part in common_words()

    def name(self, part: str) -> bool:
        return part in self.names


class Words:
    """The known Chinese names (folded), each with the entities it names."""

    def __init__(self, aliases: Iterable[tuple[str, int]], kinds: Sequence[str] = ()) -> None:
        self.kinds = kinds  # per entity (names.KINDS), when known
        owners: dict[str, set[int]] = {}
        pairs = list(aliases)
        for (_, e), key in zip(pairs, _folded([a for a, _ in pairs]), strict=True):
            if len(key) >= 2 and _HAN.fullmatch(key):
                owners.setdefault(key, set()).add(e)
        self._use(owners, list(owners))

    @classmethod
    def stored(cls, owners: KeyTable, kinds: Sequence[str] = ()) -> Words:
        """The Words whose `owners` the index stored (aliastables.py), without folding again."""
        words = cls.__new__(cls)
        words.kinds = kinds
        words._use(owners, owners.in_order())
        return words

    def _use(self, owners: Mapping[str, Collection[int]], names: list[str]) -> None:
        self.owners = owners
        self.is_word = Vocabulary(owners)
        self._names = names
        self._by_char: dict[str, list[str]] | None = None
        self._blockers: dict[tuple[str, int], list[tuple[str, int]]] = {}
        self._inside: dict[str, list[tuple[str, int]]] | None = None
        self._sorted: Sequence[str] | None = getattr(owners, "sorted", None)  # (a KeyTable's keys)
        self._followers: dict[str, frozenset[str]] = {}
        self._leaders: dict[str, frozenset[str]] | None = None

    def by_char(self) -> dict[str, list[str]]:
        """Per character, the names holding it, in order: a name's blockers are among the names
        holding its rarest character (searching all names joined cost ~30 µs a name, and `hu`
        asks for ~40). Made once, by SearchIndex.warm or on first need (~20 ms at 24k names)."""
        if self._by_char is None:
            by_char: dict[str, list[str]] = {}
            for name in self._names:
                for ch in set(name):
                    by_char.setdefault(ch, []).append(name)
            self._by_char = by_char
        return self._by_char

    def find_all_inside(self) -> None:
        """Find every known name inside every other at once, for a caller about to ask for the
        blockers of each name (the index build): one Aho-Corasick pass over the names instead of
        a search of all of them per name (~2 s of a 14k-page mirror's build). A search asks for
        few names and does without."""
        keys = list(self.owners)
        inside: dict[str, list[tuple[str, int]]] = {}
        if keys:
            find = ahocorasick_rs.AhoCorasick(keys).find_matches_as_indexes
            for word in keys:
                for p, start, _ in find(word, overlapping=True):  # by end: a needle's in order of start
                    if keys[p] != word:
                        inside.setdefault(keys[p], []).append((word, start))
        self._inside = inside

    def blockers(self, needle: str, entity: int = -1) -> list[tuple[str, int]]:
        """(longer name, offset of `needle` in it) for each known name that `needle` occurs inside
        as part of another name; names of `entity` itself never block it. Only a known name is
        blocked: what is not one (`岸田文`, typed on the way to 岸田文雄) stays a substring."""
        found = self._blockers.get((needle, entity))
        if found is not None:
            return found
        found = []
        office = self._office(needle, entity)
        if self._inside is not None:
            found = [(word, k) for word, k in self._inside.get(needle, ()) if entity not in self.owners[word]
                     and ((office and k > 0) or not self._compound(word, needle, k))]
        elif needle in self.owners:
            by_char = self.by_char()
            for word in min((by_char.get(ch, []) for ch in set(needle)), key=len):  # in the names' order
                k = word.find(needle)
                while k >= 0:
                    if word != needle and entity not in self.owners[word] and (
                            (office and k > 0) or not self._compound(word, needle, k)):
                        found.append((word, k))
                    k = word.find(needle, k + 1)
        if len(self._blockers) > 4096:
            self._blockers.clear()
        self._blockers[(needle, entity)] = found
        return found

    def _office(self, needle: str, entity: int) -> bool:
        """Whether `needle` names organisations only (国务院): inside another known name, after
        something, it is that name's, whatever touches it (美国国务院 is the US State Department,
        not the State Council); at its start it is the parent (联合国 of 联合国安理会)."""
        owners = (entity,) if entity >= 0 else self.owners.get(needle, ())
        return bool(self.kinds and owners) and all(
            e < len(self.kinds) and self.kinds[e] == "organisation" for e in owners)

    def _compound(self, word: str, needle: str, k: int) -> bool:
        """Whether `needle` at `k` in the longer name `word` is a word of it: what touches it on
        either side is a known name, an affix or a common word (高雄市长|韩国瑜, 马格尼茨基|法案,
        全球|马格尼茨基, 拜登|家族与中国华信能源), not a piece of a transliteration (俄|罗斯,
        罗斯|福, 亚伯|拉罕); or what follows it is two characters or more of an organisation's
        or a work's name (香港|众志)."""
        left, right = word[:k], word[k + len(needle):]
        if (left and left[-1] in _DOTS) or (right and right[0] in _DOTS):  # 吉尔·|拜登: a name's own part
            return True
        return ((not left or any(self._known(left[i:]) for i in range(max(0, len(left) - 8), len(left))))
                and (not right or any(self._known(right[:i]) for i in range(1, min(len(right), 8) + 1))
                     or (len(right) >= 2 and self._named_after(word))))

    def _named_after(self, word: str) -> bool:
        """Whether `word` names an organisation, agreement or work, which are named after people
        and places (香港众志, 香港已死), while a longer person's or place's name is another
        transliteration (亚伯拉罕 is not 亚伯)."""
        owners = self.owners.get(word, ())
        return bool(self.kinds and owners) and all(
            e < len(self.kinds) and self.kinds[e] not in ("person", "place") for e in owners)

    def followers(self, ch: str) -> frozenset[str]:
        """The characters `c` that start a known word or name with `ch` (`ch + c…`, two to four
        characters): after a name of two characters ending in `ch`, only these may make it
        straddle a word boundary through what follows (`straddles`)."""
        found = self._followers.get(ch)
        if found is None:
            if self._sorted is None:
                self._sorted = sorted(self.owners)
            found = frozenset(w[1] for ordered in (self._sorted, _common_sorted())
                              for w in _starting(ordered, ch) if 2 <= len(w) <= _SIDE + 1)
            self._followers[ch] = found
        return found

    def leaders(self, ch: str) -> frozenset[str]:
        """What may stand before a name starting with `ch` and make it straddle a word boundary
        by itself (`straddles`): the rest of a known name of three characters or more, or of a
        word of four (an idiom), that ends in `ch` (加拿 of 加拿大, 排山倒 of 排山倒海)."""
        return self.leaders_by_end().get(ch, frozenset())

    def leaders_by_end(self) -> dict[str, frozenset[str]]:
        """`leaders` of every character, made in one pass over the names and idioms (25-40 ms at
        ../shared/real; one character at a time cost ~4 ms each, and `tru` asks for 14), by
        SearchIndex.warm or on first need."""
        if self._leaders is None:
            ends: dict[str, set[str]] = {}
            for w in self.is_word.names:
                if 3 <= len(w) <= _SIDE + 1:
                    ends.setdefault(w[-1], set()).add(w[:-1])
            for w in _common_long():
                if len(w) <= _SIDE + 1:
                    ends.setdefault(w[-1], set()).add(w[:-1])
            self._leaders = {ch: frozenset(found) for ch, found in ends.items()}
        return self._leaders

    def _known(self, part: str) -> bool:
        return part in AFFIXES or (len(part) >= 2 and self.is_word(part))


def _folded(aliases: list[str]) -> list[str]:
    """`fold` of each alias, in one call for all (57k aliases: ~60 ms one by one)."""
    if not any("\n" in a for a in aliases):
        folded = fold("\n".join(aliases)).split("\n")
        if len(folded) == len(aliases):
            return folded
    return [fold(a) for a in aliases]


def matches_outside(text: TextIndex, needle: str, blockers: list[tuple[str, int]],
                    words: Words | None = None) -> Sequence[int]:
    """The articles of `text.matches(needle)` with an occurrence not inside any of `blockers`; with
    `words`, for a name of two Chinese characters, not across a word boundary either (年中 in
    今年|中国, 海地 in 沿海|地区, 武威 in 核武|威胁: `straddles`, with `words.is_word`)."""
    found = text.matches(needle)
    crossing = words.is_word if words is not None and _PAIR_OF_HAN.fullmatch(needle) else None
    if (not blockers and crossing is None) or not found:
        return found
    suspects: set[int] = set(found) if crossing is not None else set()
    for word, _ in blockers:
        suspects.update(text.matches(word))
    suspects &= set(found)
    if not suspects:
        return found
    key, hays = encode(needle), text.hays
    unsure: Iterable[int] = suspects
    if len(suspects) >= _IN_ONE_SEARCH:  # most are free at their first occurrence: found in C
        check = words is not None and crossing is not None
        after = words.followers(needle[-1]) if words is not None and check else frozenset()
        before = words.leaders(needle[0]) if words is not None and check else frozenset()
        unsure = lacking(hays, suspects, _surely_free(key, blockers, after, before), key)
    by_shift: dict[int, list[bytes]] = {}
    for word, k in blockers:
        by_shift.setdefault(len(encode(word[:k])), []).append(encode(word))
    shifts = [(k, tuple(ws)) for k, ws in by_shift.items()]
    dropped = {i for i in unsure if not _free(hays[i], key, shifts, crossing)}
    return [i for i in found if i not in dropped]


_IN_ONE_SEARCH = 100  # suspects from which `_surely_free` (compiled: ~0.2-1 ms) comes first


def _surely_free(key: bytes, blockers: list[tuple[str, int]], after: Collection[str],
                 before: Collection[str] = ()) -> re.Pattern[bytes]:
    """What finds an occurrence of `key` (folded UTF-8) that `_free` would take: no blocking word
    covers it, and neither the character after it (`after`: any that starts a word with the
    name's last) nor what stands before it (`before`: the rest of a long name or an idiom ending
    in its first) can make it straddle a word boundary. An article it finds none in is asked
    `_free`. (A prefix such as 习近 checks ~2,700 texts in a keystroke; almost all are found here.)"""
    escape = re.escape
    parts = [b"(?<!" + escape(encode(w)) + b")" for w in sorted(before)] + [escape(key)]
    for word, k in blockers:  # not (preceded by the word's part before `key`, followed by the rest)
        w = encode(word)
        cut = len(encode(word[:k])) + len(key)
        parts.append(b"(?!(?<=" + escape(w[:cut]) + b")" + escape(w[cut:]) + b")")
    if after:
        parts.append(b"(?!" + b"|".join(escape(encode(c)) for c in sorted(after)) + b")")
    return re.compile(b"".join(parts))


def straddles(hay: bytes, at: int, end: int, is_word: Callable[[str], bool]) -> bool:
    """Whether the two characters at `hay[at:end]` (folded UTF-8) are the end of one word and the
    start of the next: what comes before makes a word with the first (今|年, 沿海|, 加勒比海|) and
    the second a word with what comes after (|中国, |地区); or one side alone makes a known name
    of three characters or more (加拿大|和, 马里兰|州) or a word of four, an idiom (排山倒海|地).
    A common word of three is not enough alone (东|亚文化 in 东亚文化圈). Words of up to four
    characters, read from the text around; `is_word` a `Vocabulary` (else every word counts as
    a name)."""
    tail = hay[at:end + 3 * _SIDE].decode("utf-8", "ignore")
    if len(hay[at:end].decode("utf-8", "ignore")) != 2:
        return False
    if not isinstance(is_word, Vocabulary):
        return _straddles(hay, at, tail, is_word, is_word)
    names, common = is_word.names, common_words()  # (set look-ups in place of calls)
    right = [w for m in range(3, min(_SIDE, len(tail) - 2) + 3) if (w := tail[1:m]) in names or w in common]
    if any(len(w) >= _IDIOM or (len(w) >= 3 and w in names) for w in right):
        return True
    before = hay[max(0, at - 3 * _SIDE):at].decode("utf-8", "ignore")
    first = tail[0]
    for j in range(1, min(_SIDE, len(before)) + 1):
        w = before[-j:] + first
        if (w in names or w in common) and (right or len(w) >= _IDIOM or (len(w) >= 3 and w in names)):
            return True
    return False


def _straddles(hay: bytes, at: int, tail: str, known: Callable[[str], bool],
               name: Callable[[str], bool]) -> bool:
    """`straddles` with any word test (`known`) and name test (`name`)."""
    right = [w for m in range(3, min(_SIDE, len(tail) - 2) + 3) if known(w := tail[1:m])]
    if any(len(w) >= _IDIOM or (len(w) >= 3 and name(w)) for w in right):
        return True
    before = hay[max(0, at - 3 * _SIDE):at].decode("utf-8", "ignore")
    return any(known(w) and (bool(right) or len(w) >= _IDIOM or (len(w) >= 3 and name(w)))
               for j in range(1, min(_SIDE, len(before)) + 1) if (w := before[-j:] + tail[0]))


def _free(hay: bytes, key: bytes, shifts: list[tuple[int, tuple[bytes, ...]]],
          crossing: Callable[[str], bool] | None = None) -> bool:
    """Whether `key` occurs in `hay` somewhere no blocking word covers (and, with `crossing`, not
    across a word boundary): at each occurrence, whether one of the words that hold `key` `k` bytes
    in starts `k` bytes before it (a name that occurs mostly on its own costs a few `startswith`,
    where finding every blocking word in the text cost one search of it per word: a common name
    has hundreds)."""
    at = hay.find(key)
    while at >= 0:
        if not any(at >= k and hay.startswith(words, at - k) for k, words in shifts) and not (
                crossing is not None and straddles(hay, at, at + len(key), crossing)):
            return True
        at = hay.find(key, at + 1)
    return False


def across(low: str, needle: str, words: Words) -> set[int]:
    """Offsets in `low` (folded text) where a name of two Chinese characters `needle` straddles a
    word boundary (`straddles`: 海地 in 沿海|地区), for what is shown to follow what is found. An
    occurrence no word can start after, nor end before (`followers`, `leaders`), is not read."""
    out: set[int] = set()
    if not _PAIR_OF_HAN.fullmatch(needle) or needle not in low:
        return out
    after, before = words.followers(needle[-1]), words.leaders(needle[0])
    at = low.find(needle)
    while at >= 0:
        end = at + len(needle)
        if low[end:end + 1] in after or any(low[at - j:at] in before for j in range(1, min(at, _SIDE) + 1)):
            begin = max(0, at - _SIDE - 1)
            piece = encode(low[begin:end + _SIDE + 1])
            start = len(encode(low[begin:at]))
            if straddles(piece, start, start + len(encode(needle)), words.is_word):
                out.add(at)
        at = low.find(needle, at + 1)
    return out


def covered(text: AnyStr, blockers: list[tuple[AnyStr, int]]) -> set[int]:
    """Offsets in `text` (folded; characters, or bytes of its UTF-8) where a blocked name starts
    inside one of `blockers`."""
    out: set[int] = set()
    for word, k in blockers:
        at = text.find(word)
        while at >= 0:
            out.add(at + k)
            at = text.find(word, at + 1)
    return out
