"""Build tui/archive/search/data/words.txt, common Chinese words (not names), from CC-CEDICT.

    pip install '.[data]' && python tools/build_words.py [CEDICT_FILE]

words.py uses them to tell a name *built on* a shorter name from a different name that merely
contains its characters: in 全球马格尼茨基法案 the part before 马格尼茨基 is a word of the
language (全球, "global"), so the act is named after Magnitsky; in 巴基斯坦 the part before 斯坦
is no word (a piece of a transliteration), so it is another name. Kept: CC-CEDICT entries whose
pinyin is all lower case (CC-CEDICT capitalises proper nouns, so transliterations and names stay
out), two to four Chinese characters, not only a surname or a variant spelling; folded to
Simplified as the index folds text (data/fold.txt). One word a line, sorted.
Source and licence as for lexicon.tsv (CC-CEDICT, CC BY-SA 4.0): data/LEXICON.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "tui" / "archive" / "search" / "data" / "words.txt"


def build(lines: list[str]) -> list[str]:
    from build_lexicon import LINE

    from tui.archive.search.text.fold import fold
    from tui.archive.search.text.pinyin import is_han

    words: set[str] = set()
    for line in lines:
        m = LINE.match(line)
        if not m:
            continue
        _, simplified, reading, gloss = m.groups()
        if any(s[:1].isupper() for s in reading.split()) or "surname" in gloss or "variant of" in gloss:
            continue
        word = fold(simplified)
        if 2 <= len(word) <= 4 and all(is_han(ch) for ch in word):
            words.add(word)
    return sorted(words)


def main() -> None:
    sys.path[:0] = [str(HERE), str(HERE.parent)]
    from build_lexicon import _cedict_lines

    words = build(_cedict_lines(sys.argv[1] if len(sys.argv) > 1 else None))
    OUT.write_text("".join(w + "\n" for w in words), encoding="utf-8")
    print(f"{OUT.name}: {len(words)} words")


if __name__ == "__main__":
    main()
