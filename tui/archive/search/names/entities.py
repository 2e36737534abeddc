"""Names and agreements the archive defines itself, with every alias and the articles using them.

Sources of entities, all read from article text:
- glosses: `乔·拜登（Joe Biden）`, `岸田文雄（Fumio Kishida）`, `“奥库斯”（澳英美，AUKUS）`,
  `《相互准入协议》(RAA)`, `澳英美三边安全伙伴关系（AUKUS、又称奥库斯协议）`;
- `《…》` titles of agreements, documents and publications;
- bare Latin acronyms (`AUKUS`, `G7`) seen in at least two articles.
Glosses sharing an English name, acronym or Chinese full name are one entity. Aliases add the
middle-dot-less form (`乔拜登`), the surname (`拜登`, `岸田`, `Kishida`) when no other entity
claims it more often, and initials of long English names (`CSIS`). An entity's articles are all
those containing any alias, wherever the alias was learned.
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, overload

import msgspec

from ..index.articleids import ArticleIds
from ..index.textindex import TextIndex
from ..text.fold import encode, fold
from . import namerules as R
from .merge import (
    Gloss,
    Union,
    attach,
    first_or_last_name,
    given_only,
    named,
    rare_long,
    trusted,
    without_credits,
    without_generic,
    without_given,
)
from .words import Words

if TYPE_CHECKING:
    from .lexicon import Entry  # (imported by `build`: opening a stored index needs no lexicon)

KINDS = ("person", "organisation", "agreement", "place", "other")


class Entity(msgspec.Struct, gc=False):
    key: str
    name: str
    kind: str
    aliases: list[str]
    articles: Sequence[str] = []  # ids; from a build or an index, read from numbers (articleids.py)

    def to_dict(self) -> dict[str, object]:
        return {**msgspec.to_builtins(self, enc_hook=list), "count": len(self.articles)}


_COUNTER = set("代届次位个名条项号")
_DATE = "年月日时時分秒"
_SUFFIX = re.compile(r"(?:Jr|Sr|II|III|IV)\.?")


def _split_inner(inner: str) -> tuple[list[str], list[str]]:
    latin: list[str] = []
    zh: list[str] = []
    if "/" in inner or R.CREDIT.search(inner):  # a photo credit
        return [], []
    for part in re.split(r"[，,、;；/]|\s+or\s+", inner):
        part = R.ALSO.sub("", part.strip(" \u3000\"“”'"))
        if not part:
            continue
        if R.CITED_YEAR.search(part):  # `(Johnson and Koyama, 2014b)`: a citation
            return [], []
        if latin and _SUFFIX.fullmatch(part):  # `Donald Trump, Jr.`: his son, not Donald Trump
            latin[-1] += " " + part
        elif R.LATIN_NAME.fullmatch(part) and len(part) >= 2 and " et al" not in part:
            latin.append(" ".join(part.split()))
        elif R.HAN_RUN.fullmatch(part) and len(part) >= 2:
            zh.append(part)
        else:
            return [], []  # a sentence, a date, a photo credit: not a gloss
    return latin, zh


def glosses(text: str) -> list[Gloss]:
    """The glosses and `《…》` titles in one article's text."""
    out: list[Gloss] = []
    for p in R.PAREN.finditer(text):
        latin, zh_inner = _split_inner(p.group("inner"))
        if not latin:
            continue
        m = R.BEFORE.search(text, max(0, p.start() - 44), p.start())
        if m is None:
            continue
        quoted = m.group("q") or m.group("b")
        if quoted:
            zh, person = [R.clean_quoted(quoted)], False
            if R.looks_person(latin[0]) and any(d in quoted for d in R.DOTS):
                person = True
        elif ((after_number := text[m.start() - 1:m.start()].isdigit())
              and m.group("run")[0] in _COUNTER):
            zh, person = [], False  # 第5代行动通讯（5G）: a name cut after its number names nothing
        else:  # (2019年中共（CCP）: the date's unit is not the name's)
            run = m.group("run").lstrip(_DATE) if after_number else m.group("run")
            name, person = R.trim_run(run, latin[0])
            zh = [name] if name else []
        zh = [z for z in zh + zh_inner if R.plausible(z)]
        if zh or R.ACRONYM.fullmatch(latin[0]):
            out.append(_make(zh, latin, person))
    for m in R.BOOK.finditer(text):
        title = m.group(1).strip()
        if 2 <= len(title) <= 24 and R.plausible(title) and not any(g.zh and g.zh[0] == title for g in out):
            # a short title may be a common word (《我们》, 《时代》): match it with its brackets
            out.append(Gloss([title if len(title) > 3 else m.group(0)], [], R.kind_of(title, "")))
    return out


def _make(zh: list[str], latin: list[str], person: bool) -> Gloss:
    kind = "person" if person else R.kind_of(zh[0] if zh else "", latin[0])
    short: list[str] = []
    extra_latin: list[str] = []
    for name in latin:
        if name.lower().startswith("the ") and len(name) > 5:
            extra_latin.append(name[4:])
        initials = R.initials(name)
        if kind != "person" and initials:
            extra_latin.append(initials)
    if kind == "person":
        for name in (z.lstrip("?") for z in zh):
            parts = re.split(f"[{R.DOTS}]", name)
            if len(parts) > 1:
                short.append(parts[-1])
            elif len(name) == 4 and R.is_japanese(latin[0]):
                short.append(name[:2])
        words = [w for w in latin[0].split() if w.rstrip(".") not in ("Jr", "Sr", "II", "III")]
        if len(words) >= 2:
            short.append(words[-1])
    else:
        short.extend(s for s in map(R.org_short, zh) if s and s not in R.GENERIC)  # (美方公司: not 美方)
    dots = f"[{R.DOTS}]"
    dotless = [re.sub(dots, "", z) for z in zh if not z.startswith("?") and re.search(dots, z)]
    return Gloss(zh + dotless, latin + extra_latin, kind, [s for s in short if len(s) >= 2])


def titled(text: str) -> set[str]:
    """The few characters after each title word (`外相林芳正与` -> `林芳正与`): where unglossed
    names start, so pinyin can spell them (`linfangzheng` -> 林芳正) without converting bodies."""
    out: set[str] = set()
    for m in R.ROLE.finditer(text):
        if m.end() - m.start() > 1:
            tail = R.HAN_ONLY.match(text, m.end(), m.end() + 4)
            if tail and len(tail.group()) >= 2:
                out.add(tail.group())
    return out


def acronyms(text: str) -> set[str]:
    return {m.group(0) for m in R.BARE_ACRONYM.finditer(text)} - R.STOP_ACRONYMS


def build(article_glosses: list[list[Gloss]], bare: Counter[str], index: TextIndex,
          ids: list[str], lexicon: Sequence[Entry] | None = None,
          tick: Callable[[], object] | None = None) -> list[Entity]:
    """Merge glosses into entities, and the archive's entities with the lexicon's entries present
    in it (default: those of the shipped lexicon, `lexicon.present`); find every article
    mentioning each. `tick` is called now and then (a caller stops the build by raising there)."""
    step = tick or _nothing
    from . import nametexts as T  # (building only: opening a stored index reads none of these)
    from .boilerplate import Boilerplate

    if lexicon is None:
        from .lexicon import present
        lexicon = present(index)
    step()
    forms = _lexicon_forms(lexicon)
    # 大卫（David Alton）: a given name alone is no name of the person the English gives in full
    given = {fold(z): {a.lower() for a in e.latin} for e in lexicon if first_or_last_name(e) for z in e.zh}
    # 詹姆斯（James Biden）: a name the archive glosses as someone's given name is no one's surname
    glossed = [g for gl in article_glosses for g in gl]
    as_given = {fold(z) for g in glossed for z in g.zh if given_only(z, g.latin, given)}
    as_given |= {first for g in glossed if g.kind == "person" for z in g.zh  # 罗伯特 of 罗伯特·奥布莱恩
                 if (first := fold(re.split(f"[{R.DOTS}]", z.lstrip("?"))[0])) in given
                 and first != fold(z.lstrip("?"))}
    alone_latin = _given_latin()
    items = [g for g in (without_given(g, given, alone_latin) for g in without_generic(without_credits(
        [g for gl in article_glosses for g in named(gl, forms)]), forms)) if g.zh or g.latin]
    known = {fold(a) for g in items for a in g.latin}
    items += [Gloss([], [a], "other") for a, n in sorted(bare.items()) if n >= 2 and fold(a) not in known]
    archived = len(items)
    # the lexicon's `other` is what CC-CEDICT's gloss did not tell: the name may (法新社, 巴黎协定)
    lex = [Gloss(list(e.zh), list(e.latin), e.kind if e.kind != "other" else R.kind_of(e.zh[0], e.latin[0]))
           for e in lexicon]
    attached = attach(items, lex)
    items += lex
    uf = Union(len(items))
    owner: dict[str, int] = {}
    for i, g in enumerate(items[:archived]):
        if i in attached:
            if attached[i] >= 0:
                uf.union(archived + attached[i], i)
            continue
        # (a person's name guessed by length, `?里德` of `入住里德（Walter Reed）`, joins no one)
        # nor a given name or surname alone (约翰逊 of Boris, of Lyndon and of Ron Johnson)
        sure = [z for z in g.zh if not z.startswith("?") and fold(z) not in given]
        for alias in sure + [a for a in g.latin if not _derived(a, g.latin) and not _loose(a, g)]:
            k = R.alias_key(alias.lstrip("?"))
            if k in owner:
                uf.union(owner[k], i)
            else:
                owner[k] = i
    for i, g in enumerate(items[:archived]):  # 香港国安法, 港版国安法, 《香港國安法》 are 国安法
        for z in g.zh if g.kind == "agreement" else ():
            law = owner.get(R.alias_key(R.without_place(z)))
            if law is not None and attached.get(i, 0) >= 0:
                uf.union(law, i)
    short_of: dict[str, set[int]] = defaultdict(set)  # an archive short form -> the entities using it
    for i, g in enumerate(items[:archived]):
        for short in g.short:
            short_of[R.alias_key(short)].add(uf.find(i))
    joined = {a for a in attached.values() if a >= 0}
    for j, g in enumerate(lex):  # 奥斯汀 (Austin) is the surname of the archive's 劳埃德·奥斯汀
        found = {uf.find(r) for z in g.zh for r in short_of.get(R.alias_key(z), ())}
        if j not in joined and len(found) == 1:
            root = found.pop()
            if first_or_last_name(g):  # it lends the surname the person has, not its other forms
                mine = {k for k, roots in short_of.items() if root in roots}  # (约翰逊, not 詹森)
                lent = [z for z in g.zh if R.alias_key(z) in mine and fold(z) not in as_given]
                if not lent:  # (罗伯特 of 阿兰·罗伯特 is also 罗伯特·奥布莱恩's given name: no loan)
                    continue
                items[archived + j] = Gloss(lent,
                                            [a for a in g.latin if R.alias_key(a) in mine], g.kind)
            uf.union(root, archived + j)
    groups: dict[int, array] = defaultdict(lambda: array("I"))  # (4 bytes a gloss, not an int's 32)
    for i in range(len(items)):
        if attached.get(i, 0) >= 0:  # a gloss naming two lexicon entries names nothing
            groups[uf.find(i)].append(i)
    # a given name or surname alone (安东尼 Anthony, 奥斯汀 Austin) is no person: such an entry
    # only lends its forms to an archive's person it is the surname of (joined above)
    alone = {archived + j for j, e in enumerate(lexicon) if first_or_last_name(e)}
    groups = {r: m for r, m in groups.items() if not set(m) <= alone}
    # the archive wins: an entity it glosses takes its kind from the archive's glosses
    merged = [_merge([items[i] for i in members], Counter(items[i].kind for i in members if i < archived),
                     [items[i] for i in members if i >= archived],
                     [items[i] for i in members if i < archived])
              for members in groups.values()]
    del items, glossed, uf, owner, groups  # (one entry per gloss of the archive: not needed below)
    # `Lam` alone is also Matthew Lam and Pok Fu Lam, `Hunter Biden` is not Joe Biden
    known = {z for _, _, a, _ in merged for z in a if not z.isascii()}
    names = {fold(z) for z in known} | forms
    given_latin = {a for latin in given.values() for a in latin}
    merged = [(n, k, [z for z in (T.person_aliases(a, given_latin) if k == "person" else a)
                      if not R.fragment(z, known)
                      and (fold(z) in forms or not R.holds_another(z, held, k == "person"))
                      and not (k == "person" and given_only(z, a, given)) and not R.prefixed(z, held, names)],
               [x for x in sh if T.stands_alone(x, a + sh) and (k == "person" or not x.isascii())
                and fold(x) not in as_given and x.lower() not in alone_latin])  # (罗伯特, Robert of
              # 阿兰·罗伯特 are also 罗伯特·奥布莱恩's; a lexicon given name in English stands for no one)
              for n, k, a, sh, held in ((*m, set(m[2])) for m in merged)]  # (Nations: not the UN's)
    _cut_short([m[2] for m in merged])
    _same_names([m[2] if m[1] != "person" else [] for m in merged])  # (two people share a surname)
    entity_of = {R.alias_key(a): e for e, m in enumerate(merged) for a in m[2]}
    words = Words(((a, e) for e, (_, _, aliases, shorts) in enumerate(merged) for a in aliases + shorts),
                  [m[1] for m in merged])
    words.find_all_inside()  # the blockers of every alias are asked for below
    step()
    index.match_all(fold(a) for m in merged for a in m[2] + m[3])  # one pass over the texts
    step()
    # each entity's articles as a sorted array while the others are found (a set of ints took
    # ~60 bytes an article, and common names are in most articles), a set again when used
    full: list[array] = []
    for e, (_, _, aliases, _) in enumerate(merged):
        if e % _TICK == 0:
            step()
        full.append(_numbers(T.articles(index, aliases, words, e)))
    claims: dict[str, list[int]] = defaultdict(list)
    for e, (_, _, _, shorts) in enumerate(merged):
        for s in shorts:
            if entity_of.get(R.alias_key(s), e) == e:
                claims[s].append(e)
    for s, es in claims.items():
        ranked = sorted(set(es), key=lambda e: -len(full[e]))
        if len(ranked) == 1 or len(full[ranked[0]]) > len(full[ranked[1]]):
            merged[ranked[0]][2].append(s)
            full[ranked[0]] = _numbers(T.articles(index, [s], words, ranked[0]).union(full[ranked[0]]))
    out: list[Entity] = []
    boilerplate = Boilerplate.of(index)  # a name only an advertisement repeats names nothing here
    for e, (name, kind, aliases, _) in enumerate(merged):
        if e % _TICK == 0:
            step()
        found, full[e] = set(full[e]), _NONE
        found -= boilerplate.only_inside(index, [encode(fold(a)) for a in aliases], found)
        if not found or not aliases or (kind == "person" and T.given_name(aliases, given, as_given)):
            continue
        aliases = list(dict.fromkeys(aliases))
        if kind != "person":  # (孕育救世主信仰 of one sentence is no name of Christianity)
            moment = T.momentary(index, aliases, words, e, forms)
            aliases = [a for a in aliases if a not in moment]
            # 天安门 is also the English articles' Tiananmen
            for spelled in T.spelled(index, aliases):
                aliases.append(spelled)
                found.update(index.as_written(spelled) or ())
        name = T.label(index, aliases, words, e, name, kind)
        aliases.remove(name)
        aliases.insert(0, name)
        key = next((a for a in aliases if R.LATIN_NAME.fullmatch(a)), name)
        out.append(Entity(fold(key), name, kind, aliases, ArticleIds(ids, array("I", sorted(found)))))
    out.sort(key=lambda e: (-len(e.articles), e.key))
    return out


_NONE = array("I")
_TICK = 256  # entities between two calls of `build`'s tick


def _nothing() -> None:
    return None


def _numbers(articles: set[int]) -> array:
    return array("I", sorted(articles))


def _merge(gs: list[Gloss], archive_kinds: Counter[str] | None = None, lex: Sequence[Gloss] = (),
           archive: Sequence[Gloss] = ()) -> tuple[str, str, list[str], list[str]]:
    zh = Counter(z for g in gs for z in g.zh)
    latin = Counter(a for g in gs for a in g.latin)
    shorts = list(dict.fromkeys(s for g in gs for s in g.short))
    if lex:
        zh, latin, shorts = trusted(zh, latin, shorts, lex, archive)
    counted = archive_kinds or Counter(g.kind for g in gs)
    if 0 < counted["person"] * 2 < counted.total():  # a virus glossed once beside a person's dots
        counted = Counter({k: n for k, n in counted.items() if k != "person"})
    kinds = set(counted)
    told = {g.kind for g in lex} - {"other"}
    if told and (kinds == {"other"} or "person" not in told):  # 中国（China）; the United Nations
        kinds = told  # glossed once with a person's dots, Taipei once as the TAIPEI Act
    kind = next(k for k in KINDS if k in kinds)
    zh = rare_long(zh, {fold(z) for g in lex for z in g.zh})
    # ties: the form written in Simplified (the lexicon gives both scripts once), then by the text
    # (the order glosses arrive in varies with the parse workers' hash seeds)
    order = sorted(zh, key=lambda z: (z.startswith("?"), -zh[z], -len(z), fold(z) != z, z))
    zh_names = R.drop_guessed_prefixes(order, shorts, person=kind == "person")
    name = zh_names[0] if zh_names else min(latin, key=lambda a: (-latin[a], -len(a), a)) if latin else ""
    return name, kind, zh_names + sorted(latin, key=lambda a: (-latin[a], -len(a), a)), shorts


def _given_latin() -> frozenset[str]:
    """The English given names and surnames of the shipped lexicon (John, Mike, Johnson), lower
    case: an archive's gloss by one of them alone names no one, though the archive never writes
    the lexicon's Chinese forms."""
    from .lexicon import entries

    return frozenset(a.lower() for e in entries() if first_or_last_name(e) for a in e.latin)


def _cut_short(entities: list[list[str]]) -> None:
    """The entities named only by the start of one other entity's name (《自由亚洲》 of
    自由亚洲电台, Radio Free Asia: a title cut short), their names moved to that entity (one with an
    English name: not the start of a programme's title, 希望之声 of 希望之声时事热点)."""
    keys = sorted((R.alias_key(a), e) for e, aliases in enumerate(entities) for a in aliases)
    english = {e for e, aliases in enumerate(entities) if any(a.isascii() for a in aliases)}
    for e, aliases in enumerate(entities):
        if not aliases or any(a.isascii() for a in aliases):
            continue
        targets: set[int] = set()
        for key in sorted({R.alias_key(a) for a in aliases}):
            mine: set[int] = set()  # each name must start the one other's (纳德吉罗兰 starts none)
            at = bisect.bisect_left(keys, (key, -1))
            while at < len(keys) and keys[at][0].startswith(key):
                if keys[at][1] != e and keys[at][0] != key and keys[at][1] in english:
                    mine.add(keys[at][1])
                elif keys[at][1] != e:
                    mine.add(-1)  # the same name elsewhere, or a longer one with no English: no cut
                if len(mine) > 1:
                    break
                at += 1
            targets |= mine
            if len(mine) != 1 or len(targets) != 1 or -1 in targets:
                break
        else:
            if len(targets) == 1 and entities[t := targets.pop()]:  # (not one already moved)
                entities[t].extend(a for a in aliases if a not in entities[t])
                aliases.clear()


def _same_names(entities: list[list[str]]) -> None:
    """An entity whose Chinese names are all another's is that one (中共病毒疫情 glossed once as
    `COVID-10` is the 中共病毒疫情 of COVID-19): its names move there."""
    owners: dict[str, set[int]] = defaultdict(set)
    for e, aliases in enumerate(entities):
        for a in aliases:
            if not a.isascii():
                owners[R.alias_key(a)].add(e)
    for e, aliases in enumerate(entities):
        han = {R.alias_key(a) for a in aliases if not a.isascii()}
        if not han:
            continue
        shared = set.intersection(*(owners[k] for k in han)) - {e}
        if len(shared) == 1 and (f := shared.pop()) != e and entities[f]:
            entities[f].extend(a for a in aliases if a not in entities[f])
            aliases.clear()


def _loose(alias: str, g: Gloss) -> bool:
    """Whether a gloss's short acronym (`AFP`, `PRC`, `AP`) is too ambiguous to join its Chinese
    name to another's: Agence France-Presse and the Australian Federal Police are both AFP."""
    return bool(g.zh) and len(alias) <= 4 and R.ACRONYM.fullmatch(alias) is not None


def _derived(alias: str, latin: list[str]) -> bool:
    """Whether `alias` is the initials made of another of `latin` (PRC of Pew Research Center):
    an alias to find it by, not evidence that it is what else is called so (中共's PRC)."""
    return any(R.initials(a) == alias for a in latin if a != alias)


def _lexicon_forms(lexicon: Sequence[Entry]) -> frozenset[str]:
    return frozenset(fold(z) for e in lexicon for z in e.zh)


def entities_to_json(entities: list[Entity]) -> str:
    """The `newstui names --json` output: an array of {key, name, kind, aliases, articles, count}."""
    import json

    return json.dumps([e.to_dict() for e in entities], ensure_ascii=False, indent=2)


def format_entities(entities: list[Entity]) -> str:
    """Readable text for `newstui names`: one line per entity, most articles first."""
    if not entities:
        return "no names found"
    width = max(len(str(len(e.articles))) for e in entities)
    return "\n".join(f"{len(e.articles):>{width}}  {e.kind:<12} {' · '.join(e.aliases)}" for e in entities)


class Kinds(Sequence[str]):
    """Each entity's kind, read from the entity when asked (the index decodes entities lazily)."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        self._entities = entities

    def __len__(self) -> int:
        return len(self._entities)

    @overload
    def __getitem__(self, e: int) -> str: ...
    @overload
    def __getitem__(self, e: slice) -> Sequence[str]: ...
    def __getitem__(self, e: int | slice) -> str | Sequence[str]:
        if isinstance(e, slice):
            return [self._entities[i].kind for i in range(*e.indices(len(self)))]
        return self._entities[e].kind
