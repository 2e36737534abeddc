"""Wade–Giles (and Taiwanese passport) spellings read as Hanyu pinyin: `tsai ing-wen` -> caiyingwen,
`mao tse-tung` -> maozedong, `teng hsiao-ping` -> dengxiaoping.

Typed on a keyboard, Wade–Giles loses its apostrophes and umlauts (`ch'` and `ch` both become
`ch`), so each syllable gives the few pinyin syllables it may stand for; the pinyin index keeps
only the combinations that spell a name it knows. The table is the standard Wade–Giles to pinyin
correspondence, small enough to write out. Names whose usual spelling is neither (Cantonese
`Joshua Wong`, Gwoyeu Romatzyh `Ma Ying-jeou`, `Chiang Kai-shek`) come from the lexicon instead.
"""

from __future__ import annotations

import itertools
import re

# initial -> pinyin initials it may stand for (aspiration marks dropped)
_INITIALS = (("tz", ("z", "c")), ("ts", ("z", "c")), ("ss", ("s",)), ("sz", ("s",)), ("hs", ("x",)),
             ("ch", ("zh", "ch", "j", "q")), ("sh", ("sh",)), ("k", ("g", "k")), ("p", ("b", "p")),
             ("t", ("d", "t")), ("j", ("r",)), ("m", ("m",)), ("n", ("n",)), ("f", ("f",)), ("l", ("l",)),
             ("h", ("h",)), ("s", ("s",)), ("y", ("y",)), ("w", ("w",)))
# final -> pinyin finals
_FINALS = {"ung": ("ong",), "iung": ("iong",), "ih": ("i",), "ieh": ("ie",), "ien": ("ian",),
           "ueh": ("ue", "ve"), "uen": ("un",), "o": ("e", "o", "uo"), "u": ("u", "i", "v"),
           "erh": ("er",), "eh": ("e",), "iu": ("iu",), "yu": ("you", "yu")}
_ALONE = {"i": ("yi",), "in": ("yin",), "ing": ("ying",), "u": ("wu",), "erh": ("er",), "yu": ("you", "yu"),
          "yung": ("yong",), "yeh": ("ye",), "yen": ("yan",), "yueh": ("yue",), "yun": ("yun",)}
_SYLLABLE = re.compile(r"[a-z]{1,6}")
_LIMIT = 32  # combinations tried per name


def syllable(wg: str) -> tuple[str, ...]:
    """The pinyin syllables a typed Wade–Giles syllable may be (itself included)."""
    wg = wg.lower()
    if wg in _ALONE:
        return tuple(dict.fromkeys((*_ALONE[wg], wg)))
    options: tuple[str, ...] = ("",)
    rest = wg
    for initial, pinyin in _INITIALS:
        if wg.startswith(initial):
            options, rest = pinyin, wg[len(initial):]
            break
    finals = _FINALS.get(rest, (rest,))
    out = [o + f for o in options for f in finals]
    return tuple(dict.fromkeys([*out, wg]))


def readings(text: str) -> list[str]:
    """Pinyin spellings (no spaces) that `text`, read as Wade–Giles syllables, may stand for;
    [] when it is not made of syllables (`tsai ing-wen` -> [..., 'caiyingwen', ...])."""
    parts = [p for p in re.split(r"[\s\-'’]+", text.lower()) if p]
    if len(parts) < 2 or not all(_SYLLABLE.fullmatch(p) for p in parts):
        return []
    options = [syllable(p) for p in parts]
    return ["".join(c) for c in itertools.islice(itertools.product(*options), _LIMIT * 8)][: _LIMIT * 8]
