"""Which articles' titles hold a string: the folded titles of every article, searched all at once.

Ranking a large match set asks, for each of a term's strings, which of the articles holding it
hold it in their title (scoring.quick_scores). Asking each article (`needle in title`, ~3,000-7,000
of them for `trump` or `华`) was a third of such a keystroke; one `str.find` pass over all the
titles joined finds the same for a string many articles hold, and typing on asks for the same
strings again, so those answers are remembered (a few hundred strings, as sets of article numbers).
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Sequence

from .strings import Strings

_REMEMBERED = 512  # strings whose title holders are kept
_PASS_FROM = 2000  # articles from which one pass over all the titles is cheaper than asking each
_STEP_COST = 16  # a step of the pass (find, bisect, add) costs about as much as asking 16 titles


class Titles:
    """The folded titles (textindex.fold) of articles 0..n-1."""

    def __init__(self, folded: Sequence[str]) -> None:
        self.folded = folded
        # all joined, and where each title starts there
        self.joined, self.starts = Strings.of(folded).parts()
        self._holders: dict[str, frozenset[int]] = {}

    @classmethod
    def stored(cls, joined: str, starts: array) -> Titles:
        """The titles as an index file stores them, `joined` and their `starts` (ValueError when
        these cannot be such): each title is cut from `joined` when asked for, so that opening an
        index makes no string per title (300k of them: ~0.2 s and ~45 MB)."""
        titles = cls.__new__(cls)
        titles.folded, titles.joined, titles.starts = Strings(joined, starts), joined, starts
        titles._holders = {}
        return titles

    def holding(self, needle: str, among: Sequence[int]) -> set[int] | frozenset[int]:
        """The articles of `among` whose folded title holds `needle` (a plain substring, as
        `needle in title`): asked of each title for a few thousand articles (a pass over all the
        titles costs about as much as ~2,000 such questions), else found in one pass and kept."""
        found = self._holders.get(needle)
        if found is None:
            if len(among) < _PASS_FROM:
                folded = self.folded
                return {i for i in among if needle in folded[i]}
            found = frozenset(self._find(needle))
            if len(self._holders) >= _REMEMBERED:
                self._holders.clear()
            self._holders[needle] = found
        return found.intersection(among) if found else set()

    def _find(self, needle: str) -> set[int]:
        """The titles holding `needle`: found in the joined titles, title by title from each one
        found to the next title's start (a title holding it five times costs one step); once the
        steps pass what asking every title costs, the titles left are asked (`2` is in 115k of
        300k titles, 300k times: step by step 0.9 s, asked ~50 ms)."""
        if not needle:
            return set(range(len(self.folded)))
        joined, starts, folded, size = self.joined, self.starts, self.folded, len(needle)
        out: set[int] = set()
        steps = len(folded) // _STEP_COST
        at = joined.find(needle)
        while at >= 0:
            i = bisect_right(starts, at) - 1
            end = starts[i] + len(folded[i])
            if at + size > end:  # across a separator: not in title i
                at = joined.find(needle, at + 1)
                continue
            out.add(i)
            steps -= 1
            if steps < 0:  # common: the rest asked title by title
                out.update(j for j in range(i + 1, len(folded)) if needle in folded[j])
                break
            at = joined.find(needle, end)  # on to the next title
        return out

