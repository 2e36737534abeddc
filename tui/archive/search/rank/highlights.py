"""What to highlight in an opened article, by the rule search matched with.

`SearchIndex.terms(query)` gives a `Highlights`: the strings to light up (a list, as before) and,
per string, the longer names it is no match inside (words.py: `罗斯` is not lit inside `俄罗斯`
when the query was `罗斯`, as the search did not match it there; a quoted phrase is lit
everywhere). `spans(text)` finds them as the snippets do (snippets.spans_of): folded text (either
script, any case), Latin words whole, longest string first where two overlap.
`SearchIndex.entity_terms(entity)` gives an entity's aliases the same way, with the longer names
its articles were not counted inside (names/entities.py); a plain list of strings is highlighted
the same way, without blockers.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import TYPE_CHECKING

from ...read.text import strip_controls
from ..names.surnames import far_from_japan
from ..names.words import across, covered
from ..text.fold import fold
from .snippets import not_in_capitals, spans_of

if TYPE_CHECKING:
    from ..names.words import Words


class Highlights(list[str]):
    def __init__(self, strings: Iterable[str] = (),
                 blockers: Mapping[str, list[tuple[str, int]]] | None = None,
                 words: Words | None = None, loose: Collection[str] = (),
                 capitals: Collection[str] = (), near_japan: Collection[str] = ()) -> None:
        super().__init__(strings)
        #: folded string -> (longer name, offset of the string in it) it is not a match inside
        self.blockers = dict(blockers or {})
        #: with `words`, the folded strings of two Chinese characters not lit across a word
        #: boundary (沿海|地区 holds no 海地), as search found them
        self.words, self.loose = words, frozenset(loose)
        #: the folded strings search found as written in capitals (a name's acronym, `WHO`): lit
        #: only where the text writes them so, not the English "who"
        self.capitals = frozenset(capitals)
        #: the folded Japanese surnames found alone (`tanaka`: 田中): lit only where the text
        #: around them is about Japan, as search found them (names/surnames.py)
        self.near_japan = frozenset(near_japan)

    @classmethod
    def of(cls, strings: Iterable[str]) -> Highlights:
        return strings if isinstance(strings, Highlights) else cls(strings)

    @staticmethod
    def key(string: str) -> str:
        """What `string` is looked for as (folded, one space between words): `blockers`' keys."""
        return fold(" ".join(strip_controls(string).split()))

    def spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of each match in `text` as written, in order."""
        low = fold(text)
        needles = sorted({k for s in self if (k := self.key(s))}, key=len, reverse=True)
        inside = {(k, at) for k in needles for at in covered(low, self.blockers.get(k, []))}
        if self.words is not None:
            inside |= {(k, at) for k in needles if k in self.loose for at in across(low, k, self.words)}
        inside |= not_in_capitals(text, low, self.capitals)
        inside |= {(k, at) for k in needles if k in self.near_japan for at in far_from_japan(low, k)}
        return spans_of(low, needles, 0, len(low), 0, inside)
