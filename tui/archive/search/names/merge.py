"""How names join: one struct per gloss, the union of glosses sharing an alias, and the rules by
which the archive's glosses join the lexicon's entries (names.build uses them)."""

from __future__ import annotations

import functools
import re
from array import array
from collections import Counter
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

import msgspec

from ..text.fold import TOKEN, fold
from . import namerules as R
from .words import common_forms, common_words

if TYPE_CHECKING:
    from .lexicon import Entry

TRUSTED = 3  # glosses attesting an archive's English alias the lexicon does not give (`trusted`)


class Gloss(msgspec.Struct, gc=False):
    zh: list[str]  # Chinese full names, most reliable first
    latin: list[str]
    kind: str
    short: list[str] = []  # surnames / short forms, kept only when unambiguous


class Union:
    """Disjoint sets of the numbers 0 to `size` - 1, each number's parent in an array: names.build
    joins every gloss of the archive, and a dict of ints took ~50 bytes a gloss where this takes 4."""

    def __init__(self, size: int) -> None:
        self.parent = array("I", range(size))

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra


def attach(items: list[Gloss], lex: list[Gloss]) -> dict[int, int]:
    """Archive glosses that name a lexicon entry: gloss number -> entry number, or -1 for a gloss
    naming two (`（WHO、WTO）`: dropped). They join that entry only, never each other, so one
    loose gloss cannot chain two names the lexicon keeps apart into one entity; the archive's
    other glosses merge among themselves as before. A given name or surname (詹姆斯, 约翰逊) is no
    one to join: `詹姆斯（William James）` and `詹姆斯（James Biden）` are two people."""
    entry_of: dict[str, int] = {}
    for j, g in enumerate(lex):
        for alias in () if first_or_last_name(g) else g.zh + g.latin:
            k = R.alias_key(alias)
            entry_of[k] = j if entry_of.get(k, j) == j else -2  # -2: two entries share it
    out: dict[int, int] = {}
    for i, g in enumerate(items):
        # a short acronym beside a Chinese name sharing nothing with the entry's is no evidence:
        # AFP is 法新社 and 澳洲联邦警察局; FBI is 联邦调查局 and 美國聯邦調查局
        latin = [a for a in g.latin if not (g.zh and len(a) <= 4 and R.ACRONYM.fullmatch(a))
                 or _akin(g.zh, lex[j].zh if (j := entry_of.get(R.alias_key(a), -3)) >= 0 else [])]
        found = {entry_of.get(R.alias_key(a.lstrip("?")), -3) for a in g.zh + latin} - {-3, -2}
        if found:
            out[i] = found.pop() if len(found) == 1 else -1
    return out


def _akin(names: list[str], others: list[str]) -> bool:
    """Whether two lists of Chinese names share two characters in a row (folded)."""
    pairs = {k[i:i + 2] for k in map(fold, others) for i in range(len(k) - 1)}
    return any(k[i:i + 2] in pairs for k in (fold(z.lstrip("?")) for z in names) for i in range(len(k) - 1))


def trusted(zh: Counter[str], latin: Counter[str], shorts: list[str], lex: Sequence[Gloss],
             archive: Sequence[Gloss]) -> tuple[Counter[str], Counter[str], list[str]]:
    """An entity the lexicon knows keeps the lexicon's names, and of the archive's only those that
    agree with them: Chinese names holding a lexicon form, or glossed (`TRUSTED` times: a mirror
    holds copies of one article) by one of its English names (庞培欧（Mike Pompeo）). On real
    mirrors the gloss rules, reading back from a parenthesis, also catch `这个（Trump）`,
    `亨特（Hunter Biden）`, and one such alias finds thousands of articles that do not name the entity."""
    forms = {fold(z) for g in lex for z in g.zh}
    names = {R.alias_key(a) for g in lex for a in g.latin}
    words = {w for g in lex for a in g.latin for w in TOKEN.findall(fold(a))}
    glossed = Counter(z for g in archive if any(R.alias_key(a) in names for a in g.latin) for z in g.zh)

    def han_ok(z: str) -> bool:
        key = fold(z.lstrip("?"))
        if key in common_forms():  # 美的 "beautiful" glossed (Midea): Midea is 美的集团
            return False
        return key in forms or any(f in key for f in forms) or glossed[z] >= TRUSTED

    def short_ok(s: str) -> bool:  # 岸田 of 岸田文雄, Kishida; not 子小唐纳 of a once-seen 子小唐纳德川普
        key = fold(s)
        return key in words or any(key in f or f in key for f in forms)
    zh = Counter({z: n for z, n in zh.items() if han_ok(z)})
    anchored = {a for g in archive if any(f in fold(z) for z in g.zh for f in forms) for a in g.latin}
    latin = Counter({a: n for a, n in latin.items() if R.alias_key(a) in names or (
        (n >= TRUSTED or a in anchored) and set(TOKEN.findall(fold(a))) & words)})
    return zh, latin, [s for s in shorts if short_ok(s)]


def rare_long(zh: Counter[str], lexicon_forms: set[str]) -> Counter[str]:
    """An entity's Chinese names without those glossed once or twice (a mirror's copies of one
    article) that are longer than its well-attested name and do not hold it: a translation of the
    moment or words of the sentence (接受美国大众新闻 of Fox News), not a name the archive uses.
    Where the counts of glosses cannot tell (孕育救世主信仰 and 基督教 glossed twice each), the
    articles that write each name do (`nametexts.momentary`)."""
    keys: Counter[str] = Counter()
    for z, n in zh.items():
        keys[R.alias_key(z.lstrip("?"))] += n
    known = [k for k in keys if k in lexicon_forms]  # (the dictionary's name is attested)
    top, most = max(((k, keys[k]) for k in known), key=lambda kn: kn[1]) if known else (
        keys.most_common(1)[0] if keys else ("", 0))
    if not known and most < WELL_ATTESTED:
        return zh
    return Counter({z: n for z, n in zh.items() if fold(z.lstrip("?")) in lexicon_forms
                    or not ((k := R.alias_key(z.lstrip("?"))) and keys[k] < TRUSTED
                            and len(k) >= len(top) + 2 and not any(o in k for o in keys if o != k))})


WELL_ATTESTED = 5


def named(glosses: list[Gloss], lexicon_forms: frozenset[str]) -> list[Gloss]:
    """The glosses that name something: a Chinese side that is a common word of the language
    (问题 (Question), 自己, 需要, 频道: words.txt), or common words glossed by one English word
    (一个问题 (Question)), or holding a pronoun (你们, 然后他们), is a
    translation or a piece of a sentence, not a name, unless the lexicon has it as a name; a title
    before or after a name makes no name (川普总统); a gloss left without Chinese counts only for an
    acronym."""
    common = common_words()
    out: list[Gloss] = []
    for g in glosses:
        if g.latin and all(DEMONYM.fullmatch(a) or a in R.STOP_ACRONYMS for a in g.latin):
            continue  # 中国人 (Chinese): a people; 第二季国内生产毛额 (GDP): a common noun
        one_word = len(g.latin) == 1 and " " not in g.latin[0] and not R.ACRONYM.fullmatch(g.latin[0])
        zh = [z for z in g.zh if _names(fold(z.lstrip("?")), one_word, common, lexicon_forms)
              and not _titled(z, lexicon_forms)]
        if zh == g.zh:
            out.append(g)
        elif zh:
            out.append(Gloss(zh, g.latin, g.kind, g.short))
        elif g.latin and R.ACRONYM.fullmatch(g.latin[0]) and len(g.latin[0]) >= 3:
            out.append(Gloss([], g.latin, g.kind))
    return out


def _names(key: str, one_word: bool, common: frozenset[str], lexicon_forms: frozenset[str]) -> bool:
    """Whether a gloss's Chinese (folded) may be a name: the lexicon's are; not a common word or
    one before 公司 (自己公司 "one's own company"), nor common words end to end when glossed by
    one English word, nor anything holding a pronoun (然后他们)."""
    if key in common_forms():
        return False
    if key in lexicon_forms:
        return True
    short = R.org_short(key)  # (not `in common | R.GENERIC`: a union of 83k words made per gloss)
    if key in common or short in common or short in R.GENERIC or _PRONOUN.search(key):
        return False
    if key[-1] in "上里内" and key[:-1] in common:  # 网站上 "on the website"
        return False
    if any(key.endswith(f) for f in _long_common()):  # 一季度国内生产总值 "first-quarter GDP"
        return False
    return not (one_word and _all_words(key, common))


DEMONYM = re.compile(r"[A-Z][a-z]+(?:ese|ish|ian|ean|can|ch)s?")  # Chinese, Taiwanese, Americans
@functools.cache
def _long_common() -> tuple[str, ...]:
    return tuple(f for f in common_forms() if len(f) >= 4)


_PRONOUN = re.compile("[他她你我们們]")  # 你们 is no name, 如果他 no organisation


def _titled(zh: str, lexicon_forms: frozenset[str]) -> bool:
    """Whether a gloss names a title with a name (川普总统, 总统川普, 中共总书记, 联邦调查局长):
    a title word and two characters or more before or after it; 总统府 is a name."""
    return fold(zh.lstrip("?")) not in lexicon_forms and R.with_role(zh.lstrip("?"))


_DETERMINER = re.compile("^[一这那该每某][个位种项名件]?")


def _all_words(key: str, common: frozenset[str]) -> bool:
    """Whether `key` is common words end to end (一个|问题): glossed by one English word (Question),
    a translation of a phrase, not a name."""
    return R.words_end_to_end(_DETERMINER.sub("", key))


def without_credits(items: list[Gloss]) -> list[Gloss]:
    """The glosses without an English name that glosses many unrelated Chinese names: a photo
    credit or a source (`胡春华（AFP）`, `余杰（AFP）`, `城夜景（Pixabay）`) names none of them;
    a gloss left without English names nothing (the bare acronym is still counted apart)."""
    sides: dict[str, list[str]] = {}
    for g in items:
        for a in g.latin:
            sides.setdefault(a, []).extend(fold(z.lstrip("?")) for z in g.zh[:1])
    credits = {a for a, zh in sides.items() if len(zh) >= CREDIT and _unrelated(zh) >= CREDIT}
    if not credits:
        return items
    out = []
    for g in items:
        latin = [a for a in g.latin if a not in credits]
        if latin == g.latin:
            out.append(g)
        elif latin:
            out.append(Gloss(g.zh, latin, g.kind, g.short))
    return out


CREDIT = 4  # unrelated Chinese names one English name glosses, from which it is a credit


def without_generic(items: list[Gloss], lexicon_forms: frozenset[str]) -> list[Gloss]:
    """The glosses without a Chinese side that is a common word and an office (情报局 "intelligence
    bureau", 移民局) glossing unrelated English names: `情报局（ASIO）` and `情报局（FBI）` say it
    is a description of each, the name of neither (a name glossed two ways keeps them: 抖音 is
    TikTok and Douyin; the lexicon's names keep theirs). A gloss left without Chinese keeps its
    English name only when it is an acronym (`FBI`), as `named` keeps such glosses."""
    common = common_words()
    sides: dict[str, list[str]] = {}
    for g in items:
        for z in g.zh:
            key = fold(z.lstrip("?"))
            if key not in lexicon_forms and key[-1:] in _OFFICE and key[:-1] in common:
                sides.setdefault(key, []).extend(g.latin[:1])
    generic = {k for k, latin in sides.items() if _unrelated_english(latin) >= 2}
    if not generic:
        return items
    out = []
    for g in items:
        zh = [z for z in g.zh if fold(z.lstrip("?")) not in generic]
        if zh == g.zh:
            out.append(g)
        elif zh or (g.latin and R.ACRONYM.fullmatch(g.latin[0]) and len(g.latin[0]) >= 3):
            out.append(Gloss(zh, g.latin, g.kind, g.short))
    return out


_OFFICE = set("局部署院处厅会社委所")


def _unrelated_english(names: list[str]) -> int:
    """How many groups English names fall into when names sharing a word, or an acronym and the
    name it abbreviates (CCP, Chinese Communist Party), are one."""
    distinct = list(dict.fromkeys(names))
    uf = Union(len(distinct))
    for i, a in enumerate(distinct):
        for j in range(i):
            if _akin_english(a, distinct[j]):
                uf.union(j, i)
    return len({uf.find(i) for i in range(len(distinct))})


def _akin_english(a: str, b: str) -> bool:
    wa = {w for w in TOKEN.findall(a.lower()) if len(w) >= 3}
    wb = {w for w in TOKEN.findall(b.lower()) if len(w) >= 3}
    if wa & wb or a.lower() in b.lower() or b.lower() in a.lower():
        return True
    return any(R.ACRONYM.fullmatch(x) is not None and x.lower() == "".join(w[0] for w in y.lower().split())
               for x, y in ((a, b), (b, a)))


def _unrelated(names: list[str]) -> int:
    """How many groups `names` fall into when names sharing two characters in a row are one
    (川普, 唐纳德·川普: one; 胡春华, 余杰, 首富李嘉诚: three)."""
    owner: dict[str, int] = {}
    distinct = list(dict.fromkeys(names))
    uf = Union(len(distinct))
    for i, name in enumerate(distinct):
        for k in range(len(name) - 1):
            pair = name[k:k + 2]
            if pair in owner:
                uf.union(owner[pair], i)
            else:
                owner[pair] = i
    return len({uf.find(i) for i in range(len(distinct))})


def without_given(g: Gloss, given: dict[str, set[str]], given_latin: Collection[str] = ()) -> Gloss:
    """`g` without the Chinese names that are only a given name of its English full name, or a
    given name or surname glossed by one English word (`麦克（Mike）`)."""
    alone = g.latin and all(" " not in a for a in g.latin)
    if alone and g.zh and all(fold(z.lstrip("?")) in given for z in g.zh):
        return Gloss([], [], g.kind)  # (names nothing: build drops it)
    if alone and all(a.lower() in given_latin for a in g.latin):
        return Gloss([], [], g.kind)  # 俄亥俄州选民约翰（John）: a phrase around a given name
    if not any(given_only(z, g.latin, given) for z in g.zh):
        return g
    return Gloss([z for z in g.zh if not given_only(z, g.latin, given)], g.latin, g.kind, g.short)


def given_only(zh: str, latin: list[str], given: dict[str, set[str]]) -> bool:
    """Whether `zh` is a given name (a lexicon entry naming no one alone) that `latin`'s full names
    have as their first word only: 大卫 of David Alton, not 拜登 of Joe Biden."""
    names = given.get(fold(zh), set())
    words = [a.lower().split() for a in latin if " " in a]
    return bool(names) and any(w[0] in names for w in words) and not any(w[-1] in names for w in words)


def first_or_last_name(g: Gloss | Entry) -> bool:
    """Whether a lexicon entry is a person known by one word only (Anthony, Lloyd, Austin): a given
    name or a surname, which alone stands for no one."""
    return g.kind == "person" and all(" " not in a and "-" not in a for a in g.latin)
