"""The shipped lexicon of proper names, and the part of it an archive uses.

data/lexicon.tsv (built by tools/build_lexicon.py from CC-CEDICT, CC BY-SA 4.0: see
data/LEXICON.md) holds ~16k people, places, organisations and agreements, one a line:
`kind<TAB>Chinese forms<TAB>English names`, Traditional and Simplified forms both written, regional
transliterations already joined through their English name (特朗普|川普 · Trump · Donald Trump).

`glosses(index)` runs at index build time only: the entries with a Chinese form present in the
archive, as `names.Gloss`es for `names.build` to merge with the archive's own glosses (which win
where they disagree). What it finds is persisted with the index's entities, so no later process
reads the lexicon. Its forms are checked against the index's postings: a form whose characters
are not all in the archive costs a few look-ups, the rest a `matches` each (kept as phrase
postings, so searching a lexicon name later is a look-up).

The parse workers find the lexicon's forms and English names in each article as they compute its
index features (`found_in`, one Aho-Corasick pass over the folded text): the builder gathers each
one's articles and hands them to the index (`TextIndex.found_elsewhere`), so `names.build` reads
the texts again only for the aliases the archive itself glosses.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import msgspec

from ..index.needles import Needles
from ..index.textindex import TextIndex, read_to_match
from ..text.fold import fold
from ..text.scripts import data_text
from .words import common_forms


class Entry(msgspec.Struct, frozen=True, gc=False):
    kind: str
    zh: tuple[str, ...]
    latin: tuple[str, ...]


_CALENDAR = re.compile(r"(?:January|February|March|April|May|June|July|August|September|October|"
                       r"November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)")


# two countries named together (美日 US-Japan, 中朝 China and North Korea): a relation, no name
_COUNTRY = (r"(?:USA?|U\.S\.|America|Japan|China|Sino|(?:North |South )?Korea|Russia|India|Taiwan|UK|EU|"
            r"Europe|Chinese|British|English|Japanese|American|Korean|Russian|Indian|European|French|German)")
# a people or a language beside its country (German beside Germany, 德语 beside 德国): not the country
_DEMONYM = re.compile(r"[A-Z][a-z]+(?:ese|ish|ian|an|ch)")
_LANGUAGE = re.compile("[语語文]$")
_PAIR = re.compile(rf"{_COUNTRY}(?:-| and ){_COUNTRY}n?")


@functools.cache
def entries() -> tuple[Entry, ...]:
    """Every lexicon entry (read once per process, at index build time), as `usable` keeps them
    after data/lexicon_fixes.tsv corrected them."""
    fixes = parse(data_text("lexicon_fixes.tsv").splitlines())
    return tuple(with_suffixed(usable(corrected(parse(data_text("lexicon.tsv").splitlines()), fixes),
                                      common_forms())))


def with_suffixed(lexicon: list[Entry]) -> list[Entry]:
    """`lexicon` with a place's entry joined by the entry of its name with 市 or 省 when they share
    an English name (武汉 and 武汉市 are Wuhan, 辽宁 and 辽宁省 Liaoning): one place, not two."""
    at = {fold(z): i for i, e in enumerate(lexicon) for z in e.zh}
    into: dict[int, int] = {}
    for i, e in enumerate(lexicon):
        for z in e.zh:
            j = at.get(fold(z[:-1]), i) if z[-1:] in "市省" else i
            shared = {a.lower() for a in e.latin} & {a.lower() for a in lexicon[j].latin}
            if j != i and j not in into and i not in into.values() and shared:
                into[i] = j
                break
    joined = {j: list(lexicon[j].zh) for j in into.values()}
    latin = {j: list(lexicon[j].latin) for j in into.values()}
    for i, j in into.items():
        joined[j] += [z for z in lexicon[i].zh if z not in joined[j]]
        latin[j] += [a for a in lexicon[i].latin if a not in latin[j]]
    return [Entry(e.kind if e.kind != "other" else "place", tuple(joined[i]), tuple(latin[i])) if i in joined
            else e for i, e in enumerate(lexicon) if i not in into]


def corrected(lexicon: list[Entry], fixes: list[Entry]) -> list[Entry]:
    """`lexicon` with each fix an entry of its own: its forms and names leave every other entry
    (kind `-`: they are dropped)."""
    zh = {fold(z) for f in fixes for z in f.zh}
    latin = {a.lower() for f in fixes for a in f.latin}
    out = []
    for e in lexicon:
        kept = tuple(z for z in e.zh if fold(z) not in zh)
        if kept:
            out.append(Entry(e.kind, kept, tuple(a for a in e.latin if a.lower() not in latin)))
    return out + [f for f in fixes if f.kind != "-"]


def usable(lexicon: list[Entry], common: frozenset[str]) -> list[Entry]:
    """The entries that can name something in a text: no Chinese form that is first of all a common
    word of the language (`common`: data/common_forms.txt; 现代 "modern" is not Hyundai, 和平
    "peace" not Heping District: their longer forms, 现代汽车, still count), no day or month, and
    some English name left; no pair of countries; no people or language beside its country (德国
    is not 德语, Germany not German); a given name or surname is not its famous bearers
    (`one_word`)."""
    out = []
    for e in lexicon:
        zh = tuple(z for z in e.zh if fold(z) not in common)
        latin = e.latin
        if e.kind == "person":
            latin = one_word(latin)
        if any(not _DEMONYM.fullmatch(a) for a in latin):
            latin = tuple(a for a in latin if not _DEMONYM.fullmatch(a))
        if any(not _LANGUAGE.search(z) for z in zh):
            zh = tuple(z for z in zh if not _LANGUAGE.search(z))
        if zh and latin and not any(_CALENDAR.fullmatch(a) or _PAIR.fullmatch(a) for a in latin):
            out.append(Entry(e.kind, zh, latin))
    return out


def one_word(latin: tuple[str, ...]) -> tuple[str, ...]:
    """A person entry's English names, without its famous bearers when it is a given name or a
    surname of several people: CC-CEDICT's 詹姆斯 is `James`, `LeBron James`, `Saint James` and
    `Jacob`, its 约翰逊 `Johnson`, `Johnson & Johnson` and `Boris Johnson`, its 大卫 `David`,
    `Davy` and `Jacques-Louis David`. Such an entry names no one alone (merge.first_or_last_name);
    the archive glosses the full names it uses. A surname with one bearer (佩洛西: `Pelosi`,
    `Nancy Pelosi`) stays that person."""
    single = [a for a in latin if " " not in a and "-" not in a and not a.islower()]  # (not pinyin)
    full = [_words(a) for a in latin if " " in a or "-" in a]
    if not single or not full:
        return latin
    stems = {w[:4] for words in full for w in words}  # (Zelenskyy of Volodymyr Zelensky, Erdoğan)
    bearers = {frozenset((words[0][:4], words[-1][:4])) for words in full}  # (Abe Shinzo, Shinzo Abe)
    if all(_words(a)[0][:4] in stems for a in single) and len(bearers) < 2:
        return latin
    return tuple(a for a in latin if " " not in a and "-" not in a)


def _words(name: str) -> list[str]:
    plain = unicodedata.normalize("NFKD", name.lower()).encode("ascii", "ignore").decode()
    return plain.replace("-", " ").split() or [name.lower()]


@functools.cache
def forms() -> tuple[str, ...]:
    """Every entry's Chinese forms and English names, folded, that finding means reading texts
    (no posting list answers them): what the parse workers look for in each article, sorted."""
    keys = {fold(name) for e in entries() for name in (*e.zh, *e.latin)}
    return tuple(sorted(k for k in keys if read_to_match(k)))


@functools.cache
def _forms_matcher() -> Needles:
    return Needles(forms())


def found_in(hay: bytes) -> list[int]:
    """The numbers (in `forms()`) of the forms an article's folded text holds, in number order
    (run in the parse workers: the automaton is built once per process)."""
    return sorted(_forms_matcher().found_in(hay))


def parse(lines: list[str]) -> list[Entry]:
    out: list[Entry] = []
    for line in lines:
        parts = line.rstrip("\n").split("\t")
        if len(parts) == 3 and parts[1]:
            latin = tuple(n for n in parts[2].split("|") if n)
            out.append(Entry(parts[0], tuple(parts[1].split("|")), latin))
    return out


def present(index: TextIndex, lexicon: tuple[Entry, ...] | list[Entry] | None = None) -> list[Entry]:
    """The entries one of whose Chinese forms some article of `index` contains (with all their
    forms: a variant the archive never writes, 中英聯合宣告, still names the entry when typed)."""
    chars = index.chars
    seen: dict[str, bool] = {}
    out: list[Entry] = []
    lexicon = entries() if lexicon is None else lexicon
    # one pass over the texts for every form whose characters all occur (textindex.match_all)
    keys = {fold(f) for e in lexicon for f in e.zh}
    index.match_all(k for k in keys if all(ch in chars for ch in set(k)))
    for entry in lexicon:
        for form in entry.zh:
            key = fold(form)
            found = seen.get(key)
            if found is None:
                found = all(ch in chars for ch in set(key)) and bool(index.matches(key))
                seen[key] = found
            if found:
                out.append(entry)
                break
    return out
