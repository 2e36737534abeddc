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

import msgspec

from ..index.needles import Needles
from ..index.textindex import TextIndex, read_to_match
from ..text.fold import fold
from ..text.scripts import data_text


class Entry(msgspec.Struct, frozen=True, gc=False):
    kind: str
    zh: tuple[str, ...]
    latin: tuple[str, ...]


@functools.cache
def entries() -> tuple[Entry, ...]:
    """Every lexicon entry (read once per process, at index build time)."""
    return tuple(parse(data_text("lexicon.tsv").splitlines()))


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
