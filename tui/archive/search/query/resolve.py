"""Turn what the user typed into the literal strings to look for (`Term.needles`).

A Latin word is tried, in order of confidence, as: a word of the archive's text; a name alias
(`kishida` -> 岸田文雄, 岸田, Fumio Kishida); pinyin of a Chinese alias or title (`bulinken` ->
布林肯); a prefix (`kish` -> kishida, while typing); a typo of a Latin word of the archive
(`kishda` -> kishida), corrected against the vocabulary, never by fuzzy-scoring long text.
Consecutive Latin words are first tried together as one name (`fumio kishida`,
`andongni bulinken`, `an bei jin san`, a typo in any of them: `xi jinpign`), then as Wade–Giles
(`mao tse-tung`: romanize.py), then as Hong Kong spells Cantonese (`heung gong`: cantonese.py),
then as a typo of a name's pinyin or of some words of a long name (typos.py). Pinyin spells names
(entity aliases, names after a title word) before any other run of title characters that reads
the same (`huawei` is 华为, not 化为).
Chinese text is matched literally, plus the aliases of the entity it names (`岸田` also finds
`Kishida`).
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..index.strings import Chain
from ..index.textindex import TextIndex
from ..names import namerules as R
from ..names import surnames
from ..names.aliastables import AliasTables, with_prefix
from ..names.entities import Entity, Kinds
from ..names.words import Words
from ..text.fold import TOKEN, fold
from ..text.pinyin import PinyinIndex, looks_like_pinyin, spells_syllables, syllables

if TYPE_CHECKING:
    from ..names.typos import Typos  # (imported when a typo is looked for: it imports rapidfuzz)
    from ..text.cantonese import CantoneseNames  # (imported for names of several words only)

EXACT, ALIAS, PINYIN, SURNAME, PREFIX, FUZZY = 1.0, 0.9, 0.85, 0.8, 0.7, 0.6
_LATIN = re.compile(r"^[\x21-\x7e]+$")
_WORDLIKE = R.STOP_ACRONYMS  # never a name; an acronym that is also a word (`WHO`) is found in capitals
_TITLED = re.compile(r"(《[^《》]{1,24}》)([^《》]{1,4})")  # 《时代》杂志: a title, then what it is
_RARE = 5  # a Latin word in fewer articles than this may still be a typo of a name


@dataclass
class Term:
    typed: str
    needles: dict[str, float] = field(default_factory=dict)  # folded string -> confidence
    shown: dict[str, str] = field(default_factory=dict)  # folded -> as written (for highlighting)
    via_alias: set[str] = field(default_factory=set)
    exact: bool = False  # a quoted phrase: a plain substring, even inside a longer name
    near_japan: set[str] = field(default_factory=set)  # Japanese surnames alone (surnames.py)

    def add(self, needle: str, weight: float, shown: str = "", alias: bool = False,
            near_japan: bool = False) -> None:
        """`near_japan`: a Japanese surname alone, found only where the text is about Japan
        (surnames.py), unless the term looks for the same string otherwise too."""
        key = fold(needle)
        if not key:
            return
        if not near_japan:
            self.near_japan.discard(key)
        elif key not in self.needles:
            self.near_japan.add(key)
        if weight > self.needles.get(key, 0.0):
            self.needles[key] = weight
            self.shown[key] = shown or needle
            if alias:
                self.via_alias.add(key)
            else:
                self.via_alias.discard(key)

    def blockers(self, needle: str, words: Words) -> list[tuple[str, int]]:
        """(longer name, offset) of the names `needle` is no match inside (words.py), less the
        term's own strings; for a Japanese surname alone, also the longer names of something else
        that hold it (大西 in 大西洋, 中山 in 孙中山: surnames.holders)."""
        found = [b for b in words.blockers(needle) if b[0] not in self.needles]
        if needle in self.near_japan:
            found += [b for b in surnames.holders(words, needle)
                      if b[0] not in self.needles and b not in found]
        return found


_APOSTROPHES = "'’"


def _untoned(word: str) -> str:
    """`word` without tone marks, `ü` as `v` (as the pinyin table and keyboards write it)."""
    out = []
    for c in unicodedata.normalize("NFC", word):
        d = unicodedata.normalize("NFKD", c)
        out.append(("V" if d[0] == "U" else "v") if "\u0308" in d and d[0] in "uU" else
                   "".join(x for x in d if not unicodedata.combining(x)))
    return "".join(out)


def plain_pinyin(word: str) -> str:
    """Pinyin as typed with tone marks or syllable apostrophes (`Tiān'ānmén`, `tian'anmen`) as the
    plain pinyin it is (`tiananmen`); any other word as it is (`o'brien` stays)."""
    if word.isascii() and not any(a in word for a in _APOSTROPHES):
        return word
    joined = "".join(c for c in _untoned(word) if c not in _APOSTROPHES)
    return joined if joined.isascii() and joined.isalpha() and looks_like_pinyin(joined.lower()) else word


def syllable_marks(words: list[str]) -> tuple[int, ...]:
    """Where the pinyin of `words` (joined without spaces) must start a syllable, as the
    apostrophes typed say (`xi'an` is 西安 xi|an, not 先 or 献县; `yan'an` 延安, not 沂南 yi|nan)."""
    marks: list[int] = []
    at = 0
    for word in words:
        plain = plain_pinyin(word)
        pieces = re.split(f"[{_APOSTROPHES}]", _untoned(word)) if plain != word else [plain]
        if not all(spells_syllables(p) for p in pieces if p):  # `people's`, `o'brien`: English
            pieces = [plain]
        for piece in pieces[:-1]:
            at += len(piece)
            marks.append(at)
        at += len(pieces[-1])
    return tuple(m for m in marks if m)


def _keeps_marks(sub: str, marks: tuple[int, ...]) -> bool:
    """Whether the syllables of the Chinese `sub` start at each of `marks` (offsets in its pinyin)."""
    starts, at = {0}, 0
    for syl in syllables(sub):
        at += len(syl)
        starts.add(at)
    return all(m in starts for m in marks)


class Resolver:
    def __init__(self, text: TextIndex, entities: Sequence[Entity], titles: Sequence[str],
                 titled: Sequence[str] | Callable[[], Sequence[str]] = (),
                 tables: AliasTables | None = None) -> None:
        """`tables`: as stored in the index (aliastables.py), else derived from `entities` here;
        `titled` may be a function giving them (read from the index only when pinyin is used)."""
        self.text = text
        self._titled = titled
        self.entities = entities
        self.titles = titles
        if tables is None:  # (a stored index has them: its searches never import aliaskeys)
            from ..names.aliaskeys import alias_tables
        self.tables = tables if tables is not None else alias_tables(entities)
        self._pinyin: PinyinIndex | None = None
        self._pinyin_parts: tuple[str, array] | None = None
        self._words: Words | None = None
        self._typos: Typos | None = None
        self._cantonese: CantoneseNames | None = None
        self._alias_keys: list[str] | None = None
        self._grown: tuple[Resolver, Sequence[str]] | None = None
        self._japanese: dict[int, bool] = {}  # entity -> whether it is a Japanese surname alone

    def share_names(self, other: Resolver) -> None:
        """Take what `other` made of the names alone (names as words, typos, Cantonese readings):
        a resolver over the same entities and tables with other texts (a base joined with its
        delta: disk/segments.py) needs them as they are."""
        self._words, self._typos = other._words, other._typos
        self._cantonese, self._alias_keys = other._cantonese, other._alias_keys

    def grown_from(self, other: Resolver, added: Sequence[str]) -> None:
        """Pinyin as `other`'s (built or read if need be) with the titles `added` after its own
        (a base joined with its delta), made when first used."""
        self._grown = (other, added)

    by_alias = property(lambda self: self.tables.aliases)  # alias_key -> entities
    by_token = property(lambda self: self.tables.tokens)  # a Latin word naming entities alone
    alias_tokens = property(lambda self: self.tables.tokens.sorted)  # sorted
    _han_aliases = property(lambda self: self.tables.han)  # (Chinese alias, entity), in order

    @property
    def alias_keys(self) -> list[str]:
        """The Latin alias keys, in entity order (fuzzy matching's ties follow it)."""
        if self._alias_keys is None:
            self._alias_keys = [k for k in self.by_alias.in_order() if k.isascii()]
        return self._alias_keys

    @property
    def titled(self) -> Sequence[str]:
        if callable(self._titled):
            self._titled = self._titled()
        return self._titled

    @property
    def words(self) -> Words:
        """The known Chinese names, to match names as words."""
        if self._words is None:
            self._words = Words.stored(self.tables.words, Kinds(self.entities))
        return self._words

    @property
    def typos(self) -> Typos:
        """Pinyin and multi-word typos of the known names (typos.py; built on first use)."""
        if self._typos is None:
            from ..names.typos import Typos
            self._typos = Typos(self.entities)
        return self._typos

    @property
    def cantonese(self) -> CantoneseNames:
        """Chinese aliases by their Cantonese reading (cantonese.py; built on first use)."""
        if self._cantonese is None:
            from ..text.cantonese import CantoneseNames
            self._cantonese = CantoneseNames((fold(a), e) for e, ent in enumerate(self.entities)
                                             for a in ent.aliases if not a.isascii())
        return self._cantonese

    @property
    def pinyin(self) -> PinyinIndex:
        """Pinyin of Chinese aliases, titles and titled names (built on first use, or by `warm`;
        as persisted when the index was read from disk and that agrees with its entries)."""
        if self._pinyin is None and self._grown is not None:
            other, added = self._grown
            at = len(other._han_aliases.texts) + len(other.titles)
            with contextlib.suppress(ValueError):
                self._pinyin = other.pinyin.inserted(at, added, self._pinyin_texts())
        if self._pinyin is None:
            texts = self._pinyin_texts()
            if self._pinyin_parts is not None:
                with contextlib.suppress(ValueError):
                    self._pinyin = PinyinIndex.from_parts(texts, *self._pinyin_parts)
            if self._pinyin is None:
                self._pinyin = PinyinIndex(texts)
        return self._pinyin

    def _pinyin_texts(self) -> Sequence[str]:
        """The pinyin index's entries, read in place (300k titles are not copied into a list)."""
        return Chain(self._han_aliases.texts, self.titles, self.titled)

    def use_pinyin(self, joined: str, starts: array) -> None:
        """Take the pinyin index as persisted (see `pinyin.joined/starts`), read on first use."""
        self._pinyin, self._pinyin_parts = None, (joined, starts)

    def _entity(self, term: Term, e: int, weight: float, carrying: tuple[str, ...] = ()) -> None:
        """Every alias of entity `e`; with `carrying`, only those holding one of those strings or
        held by one (马格尼茨基 of 马格尼茨基法案)."""
        aliases = self.entities[e].aliases
        japanese = self._japanese.get(e)
        if japanese is None:
            japanese = self._japanese[e] = surnames.only_surname(aliases)
        for alias in aliases:
            key = fold(alias) if carrying else ""
            if alias not in _WORDLIKE and (not carrying or any(c in key or key in c for c in carrying)):
                # (`WHO`: in capitals only, textindex.as_written; the lexicon's 山下 `Yamashita`, a
                # surname alone: not 山下 "down the hill", unless typed so)
                term.add(alias, weight, alias, alias=True, near_japan=japanese and not alias.isascii())
                if title := self._title_of(alias):
                    term.add(title, weight, title, alias=True)

    def _title_of(self, alias: str) -> str:
        """The title in book brackets that starts `alias`, when what follows says what it is
        (`《时代》杂志` -> `《时代》`, also found in `《时代》周刊` and `登上《时代》、《外交》`): a
        magazine named by a common word (时代 "era") is named where the brackets mark it."""
        found = _TITLED.fullmatch(alias)
        return found[1] if found and self.words.is_word(fold(found[2])) else ""

    def _alias(self, term: Term, text: str, weight: float) -> bool:
        found = self.by_alias.get(R.alias_key(text), [])
        for e in found:
            self._entity(term, e, weight)
        return bool(found)

    def _token(self, term: Term, tok: str, weight: float) -> None:
        if tok in self.text.tokens:
            term.add(tok, weight)
        found = self.by_token.get(tok, ())
        named = [e for e in found if tok in self.by_alias and e in self.by_alias[tok]]
        # a surname finds the family by the surname (`biden`: 萨拉·拜登, not her 萨拉): the
        # entities it names alone give its Chinese forms, held by the others' aliases
        forms = tuple({fold(a) for e in named for a in self.entities[e].aliases if not a.isascii()} | {tok})
        for e in found:
            self._entity(term, e, weight * ALIAS, () if e in named or len(forms) < 2 else forms)

    def _surname(self, term: Term, word: str) -> None:
        """A Japanese surname typed in romaji (`tanaka`): its kanji alone (田中) where the text
        around it is about Japan (surnames.py), unless the term looks for them anyway (安倍 of
        安倍晋三; a name that is the surname alone, 山下 `Yamashita`, is found so: `_entity`).
        A surname that is first of all a common word (小岛 "islet") is not added."""
        for form in surnames.forms(word):
            if form not in term.needles:
                term.add(form, SURNAME, near_japan=True)

    def _pinyin_terms(self, term: Term, q: str, prefix: bool, titles: bool,
                      marks: tuple[int, ...] = ()) -> None:
        """What a run of pinyin spells: a name (an entity alias) first; only when it spells none,
        and the word typed names nothing either, any run of characters of aliases, titles and
        names after a title word that reads the same (`huawei` is 华为, not 化为; `wangyi` is
        王毅, not every 王一 after 主席; `heping`, a district's name, is 和平区, not every 和平
        "peace"; `time` is Time magazine, not 体美 in 经济体美国); with `marks`, only strings
        whose syllables start there (the apostrophes typed)."""
        index = self.pinyin
        n_alias = len(self._han_aliases)
        loose: list[str] = []
        named = bool(term.via_alias)  # the word is a name's Latin form (`heping`, `time`)
        asked: set[str] = set()  # `xi jinp` spells 习近平 in a thousand titles: one look-up
        for entry, sub in index.find(q, prefix_ok=prefix):
            if marks and not _keeps_marks(sub, marks):
                continue
            if entry < n_alias:
                alias, e = self._han_aliases[entry]
                if sub == alias:
                    self._entity(term, e, PINYIN)
                    named = True
                    continue
            elif not titles:
                continue
            if sub in asked:
                continue
            asked.add(sub)
            if self._alias(term, sub, PINYIN):
                named = True
            else:  # part of an alias, a title, a name after a title word: only if it spells no name
                loose.append(sub)
        if not named:
            for sub in loose:
                if not self._alias(term, sub, PINYIN):
                    term.add(sub, PINYIN)

    def resolve(self, words: list[str], last: bool, strict: bool = False) -> Term | None:
        """The term for one word, or for several words read as one name (None if they are not)."""
        marks = syllable_marks(words)
        typed = " ".join(_untoned(w) for w in words)  # (`Xī'ān`: the alias Xi'an as written)
        words = [plain_pinyin(w) for w in words]
        text = " ".join(words)
        term = Term(text)
        folded = fold(text)
        if marks:
            return self._marked(term, typed, folded, marks)
        if len(words) > 1:
            from ..text import cantonese, romanize  # (a search of one word never needs them)
            if self._alias(term, text, EXACT):
                term.add(folded, EXACT)
            elif looks_like_pinyin(text):
                self._pinyin_terms(term, folded.replace(" ", ""), last, titles=True)
            if not term.needles:  # Wade–Giles: names only (`tsai ing-wen`, `mao tse-tung`)
                for reading in romanize.readings(text):
                    self._pinyin_terms(term, reading, False, titles=False)
            if not term.needles and (spelled := cantonese.syllables(text)):  # Hong Kong's spellings:
                for e in self.cantonese.find(spelled):  # names only (`heung gong`, `lee ka-chiu`)
                    self._entity(term, e, PINYIN)
            # a typo only when no spelling reads as a name (`heung gong` is 香港, not 衡东 two
            # letters away): in a whole name (`xi jinpign`), its pinyin or some of its words
            if not term.needles and not self._fuzzy_alias(term, text) and not strict:
                self._typo_terms(term, folded.split())
            return term if term.needles else None
        if not _LATIN.match(text):  # Chinese (or mixed): literal, plus the entity it names
            term.add(text, EXACT)
            self._alias(term, text, ALIAS)
            return term
        toks = TOKEN.findall(folded)
        if len(toks) != 1 or toks[0] != folded:  # `pac-3`, `2+2`, `u.s.`
            term.add(text, EXACT)
            self._alias(term, text, ALIAS)
            return term
        known = folded in self.text.tokens or folded in self.by_token
        self._token(term, folded, EXACT)
        self._alias(term, text, ALIAS)
        self._surname(term, folded)
        if strict:
            return term
        if looks_like_pinyin(folded) and len(folded) >= 4:
            self._pinyin_terms(term, folded, last, titles=not known)
        if not known and last and len(folded) >= 3:
            for tok in self.text.completions(folded, 20):
                self._token(term, tok, PREFIX)
            for tok in self.alias_tokens_with_prefix(folded):
                self._token(term, tok, PREFIX)
        if not term.needles and len(folded) >= 4 and folded.isalpha():
            for tok in self._corrections(folded):
                self._token(term, tok, FUZZY)
        elif (len(folded) >= 5 and folded.isalpha() and (named := self._named(folded)) < _RARE
              and len(self.text.tokens.get(folded, ())) < _RARE):  # `merkle`, `shenzen`, `navaro`,
            for tok in self._corrections(folded, names_only=True):  # `huwei`: a name's typo, even
                if not named or self._named(tok) > named:  # if it begins other words, a few
                    self._token(term, tok, FUZZY)  # articles misspell it too, or it names something
        #                                            rare (虎尾, a town) and the typo something more
        if not term.needles and len(folded) >= 5 and folded.isalpha():  # `lijiacho`: 李家超
            self._typo_terms(term, [folded])
        if not term.needles:
            term.add(text, EXACT)  # nothing known: still look for it literally
        return term

    def _marked(self, term: Term, typed: str, folded: str, marks: tuple[int, ...]) -> Term:
        """Pinyin typed with syllable apostrophes (`xi'an`, `Tiān'ānmén guǎngchǎng`): a name
        with that Latin alias as typed (Xi'an, Xi’an), the word written without them, and the
        names whose syllables break where the apostrophes do; no prefixes, no typos."""
        for form in {typed, typed.replace("’", "'"), typed.replace("'", "’")}:
            self._alias(term, form, EXACT)
        if folded in self.text.tokens:
            term.add(folded, EXACT)
        q = folded.replace(" ", "")
        self._pinyin_terms(term, q, False, titles=q not in self.text.tokens, marks=marks)
        if not term.needles:
            term.add(typed, EXACT)
        return term

    def _typo_terms(self, term: Term, words: list[str]) -> None:
        """The names a typo of their pinyin (`lijiacho`, `li jia cho`) or of some words of a longer
        name (`joint decleration`) spells, when nothing else matched (typos.py). Words that are all
        words of the archive (`hong kong police`) are not a typo: they stay words of their own."""
        if len(words) > 1 and all(w in self.text.tokens or w in self.by_token for w in words):
            return
        joined = "".join(words)
        found = self.typos.pinyin(joined) if looks_like_pinyin(joined) else []
        for e in found or self.typos.phrase(words):
            self._entity(term, e, FUZZY)

    def alias_tokens_with_prefix(self, prefix: str) -> list[str]:
        return with_prefix(self.alias_tokens, prefix)[:20]

    def _named(self, word: str) -> int:
        """How many articles name what the Latin word names (0: it names nothing)."""
        return sum(len(self.entities[e].articles) for e in self.by_token.get(word, ()))

    def _corrections(self, word: str, names_only: bool = False) -> list[str]:
        """Other Latin words of the archive one edit away (two from 8 letters), same first letter,
        names first: `kishda` -> kishida, but `kishida` never becomes `rashida`."""
        from ..names.typos import nearest  # (imports rapidfuzz: ~8 ms of every search otherwise)

        limit = 1 if len(word) <= 7 else 2
        for vocab in (self.alias_tokens,) if names_only else (self.alias_tokens, self.text.vocab):
            if found := nearest(word, vocab, limit, other_than=word):
                return found
        return []

    def _fuzzy_alias(self, term: Term, text: str) -> bool:
        """A whole name typed with a typo (`xi jinpign`, `zhong nansan`: 钟南山, not also 中南海)."""
        key = R.alias_key(text)
        if len(key) < 5:  # `jak ma`
            return False
        from ..names.typos import nearest_keys

        found = nearest_keys(key, self.alias_keys, 1 if len(key) < 9 else 2)
        for k in found:
            for e in self.by_alias[k]:
                self._entity(term, e, FUZZY)
        return bool(found)

