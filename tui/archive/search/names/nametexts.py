"""What the texts say of an entity, once its aliases are known: the articles naming it, the name
the archive writes most for it, the pinyin spelling its English articles use (names.build)."""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Mapping

from ..index.textindex import TextIndex
from ..text.fold import fold
from ..text.pinyin import table, to_pinyin
from . import namerules as R
from . import surnames
from .words import Words, common_words, matches_outside


def articles(index: TextIndex, aliases: list[str], words: Words, e: int) -> set[int]:
    """The articles naming entity `e` by one of `aliases` (not only inside another name: words.py;
    a Japanese surname alone, only where the text around it is about Japan: surnames.py)."""
    found: set[int] = set()
    japanese = surnames.only_surname(aliases)  # 山下 `Yamashita`: where the text is about Japan
    for alias in aliases:
        written = index.as_written(alias) if alias.isascii() else None
        if written is not None:  # a Latin word: whole, outside URLs, in capitals if written so
            found.update(written)
            continue
        key = fold(alias)
        if japanese and key in common_words():
            continue  # 小岛 `Kojima` alone is "islet", near Japan or not: no one's name
        blockers = words.blockers(key, e)
        holding = matches_outside(index, key, blockers, words)
        if japanese:
            holding = [i for i in holding if surnames.near_japan(index.hays[i], key, blockers, words)]
        found.update(holding)
    return found


def momentary(index: TextIndex, aliases: list[str], words: Words, e: int, forms: Collection[str]) -> set[str]:
    """The Chinese aliases of a non-person entity `e` that are a translation of the moment, not a
    name the archive uses: written in fewer than `RARE` articles (the copies of the one article
    that glossed it), each of them also naming the entity otherwise, while a shorter name of it
    (two characters or more shorter, not held in it) is written in ten times as many:
    孕育救世主信仰 (Christianity, 2 articles) beside 基督教 (284), 减缓冠状病毒 (COVID-19) beside
    中共病毒. A lexicon form, a name holding another alias, a dotted or bracketed name stays."""
    han = {a: fold(a) for a in aliases if not a.isascii()}
    shortest = min(map(len, han.values()), default=0)
    odd = [a for a, k in han.items() if len(k) >= shortest + 2 and k not in forms
           and not _MARKED.search(a) and not any(o != k and o in k for o in han.values())]
    if not odd:
        return set()
    sets = {a: matches_outside(index, k, words.blockers(k, e), words) for a, k in han.items()}
    out: set[str] = set()
    for a in odd:
        mine = sets[a]
        if not mine or len(mine) >= RARE:
            continue
        if not any(len(han[b]) + 2 <= len(han[a]) and len(sets[b]) >= 10 * len(mine) for b in han):
            continue
        others: set[int] = set().union(*(sets[b] for b in han if b != a and b not in out))
        others.update(x for b in aliases if b.isascii() for x in index.as_written(b) or ())
        if others.issuperset(mine):
            out.add(a)
    return out if len(out) < len(han) else set()


RARE = 5
_MARKED = re.compile(f"[{R.DOTS}《》]")


def label(index: TextIndex, aliases: list[str], words: Words, e: int, name: str, kind: str) -> str:
    """The name this archive writes most for entity `e`: its Chinese alias in most articles (美国,
    not the lexicon's 米国; 台湾, not 台湾省), else `name` when it is an alias, else the first."""
    han = [a for a in aliases if not a.isascii()]
    if kind == "person":  # a person by the full name: 岸田文雄, not 岸田 (nor 《马克思》 for 马克思)
        bare = {a: fold(a).strip("《》") for a in han}
        han = [a for a in han if not any(bare[a] != bare[b] and bare[a] in bare[b] for b in han)]
    if len(han) < 2:  # (`name` may have left the aliases: a fragment, a person's lone surname)
        return han[0] if han else name if name in aliases else aliases[0]
    counts = {a: len(matches_outside(index, fold(a), words.blockers(fold(a), e), words)) for a in han}
    best = max(han, key=lambda a: (not a.startswith("《"), counts[a], a == name, len(a)))
    # a name cut short counts every article of the full one (自由亚洲 of 自由亚洲电台): the full one
    short = R.alias_key(best)
    longer = [a for a in han if (key := R.alias_key(a)) != short and key.startswith(short)
              and counts[a] * 2 >= counts[best]]
    return max(longer, key=lambda a: counts[a]) if longer else best


def spelled(index: TextIndex, aliases: list[str]) -> list[str]:
    """The pinyin of an entity's Chinese names of three characters or more, capitalised, where the
    archive writes it as a word and no Latin alias already is it (天安门 -> Tiananmen)."""
    latin = {R.alias_key(a) for a in aliases if a.isascii()}
    out: list[str] = []
    for a in aliases:
        if a.isascii() or len(a) < 3 or not R.HAN_ONLY.fullmatch(a):
            continue
        key = to_pinyin(fold(a), sep="")
        if len(key) >= 6 and key.isalpha() and key not in latin and key in index.tokens:
            latin.add(key)
            out.append(key.capitalize())
    return out


def stands_alone(short: str, aliases: list[str]) -> bool:
    """Whether a person's surname or given name may stand for the person alone: any Chinese one
    (岸田, 拜登: transliterations); a Latin one when long, not one pinyin syllable, and not part of
    a Chinese name in pinyin (`Kishida`, `Biden`; not `Lam`, `Wong`, `Zhang`, nor `Jinping`)."""
    if not short.isascii():
        return fold(short) not in common_words()  # 人道 of 人道中国 is "humanity"
    word = short.lower()
    if len(word) < 5 or word in _syllables():
        return False
    return not any(_pinyin_syllables("".join(a.lower().split())) for a in aliases
                   if a.isascii() and " " in a and short in a.split())


@functools.cache
def _syllables() -> frozenset[str]:
    return frozenset(table().values())


def _pinyin_syllables(word: str) -> bool:
    """Whether `word` is pinyin syllables end to end (`zhang`, `xiaoping`; not `kishida`, `biden`)."""
    ends = {0}
    for i in range(1, len(word) + 1):
        if any(j in ends and word[j:i] in _syllables() for j in range(max(0, i - 6), i)):
            ends.add(i)
    return len(word) in ends


def person_aliases(aliases: list[str], given: Collection[str] = ()) -> list[str]:
    """A person's aliases without a Latin surname or given name that cannot stand alone, nor the
    names of a relative (`another_of`)."""
    return [a for a in aliases if not another_of(a, aliases) and not given_of(a, aliases, given)
            and not (one_word_of(a, aliases) and not stands_alone(a, aliases))]


def given_of(alias: str, aliases: list[str], given: Collection[str]) -> bool:
    """Whether a Latin `alias`, a given name of the lexicon (`given`, lower case), is only ever the
    given name of a longer Latin alias (David of David Alton), never its surname (Tedros, who is
    named by his given name, is no lexicon given name)."""
    words = [a.split() for a in aliases if a.isascii() and " " in a]
    return (alias.isascii() and alias.lower() in given and any(w[0] == alias for w in words)
            and not any(w[-1] == alias for w in words))


def one_word_of(alias: str, aliases: list[str]) -> bool:
    """Whether a Latin `alias` is one word of a longer Latin alias (a surname, a given name)."""
    return alias.isascii() and " " not in alias and any(
        a != alias and alias in a.split() for a in aliases if a.isascii())


def another_of(alias: str, aliases: list[str]) -> bool:
    """Whether a person's Latin `alias` names a relative of the person its first Latin name names:
    the same surname after another given name (Hunter, James Biden beside Joe Biden; not Michael Pompeo
    beside Mike Pompeo, nor Donald John Trump beside Donald Trump, nor Sun Yat-sen beside Dr Sun
    Yat-sen)."""
    first = next((a for a in aliases if a.isascii() and " " in a), None)
    if first is None or alias == first or not alias.isascii() or " " not in alias:
        return False
    mine, theirs = alias.split(), first.split()
    if mine == theirs[-len(mine):] or theirs == mine[-len(theirs):]:  # Dr Sun Yat-sen, Sun Yat-sen
        return False
    return mine[-1] == theirs[-1] and mine[0][:2].lower() != theirs[0][:2].lower()  # Joe, James


def given_name(aliases: list[str], given: Mapping[str, Collection[str]],
               as_given: Collection[str] = ()) -> bool:
    """Whether a person's aliases are only a given name or a surname (麦克 Mike, 约翰 John): no
    Latin name of two words or more, no Chinese name of three characters or more, none dotted; or
    Chinese names all of them given names of the lexicon (`given`, folded: 罗伯特, 唐纳德 beside
    an archive's Alan Donald)."""
    han = [fold(a) for a in aliases if not a.isascii()]
    if han and all(a in given for a in han):
        # unless the archive glosses it as the surname of one full name, and never as a given
        # name: 罗斯（Kenneth Roth）, not 詹姆斯 of William James and of James Biden
        last = {a.split()[-1].lower() for a in aliases if a.isascii() and " " in a}
        return not (len(last) == 1 and not any(a in as_given for a in han)
                    and any(last & set(given[a]) for a in han))
    return all(" " not in a for a in aliases if a.isascii()) and all(len(a) <= 2 for a in han)
