"""Derive the character tables newstui ships as package data (run once, when a pinned source changes).

    pip install '.[data]' && python tools/build_tables.py

Writes into tui/archive/search/data/:
- `fold.txt`: Traditional and variant characters and the one Simplified character each folds to,
  as two lines of equal length (`str.maketrans(line1, line2)`). Derived from OpenCC's dictionaries
  through the official `opencc` binding: every CJK code point is converted alone with the `t2s`,
  `tw2s` and `hk2s` configurations (so Taiwan and Hong Kong variant forms fold too) and kept when
  the result is exactly one other character. One character to one keeps every offset valid; the
  map is closed (folding twice changes nothing).
- `pinyin.txt`: one line per toneless syllable (`ü` typed as `v`): the syllable, a tab, every
  character whose most common reading it is. From pypinyin's one-character dictionary (Unihan and
  the 汉语拼音 lists).
Both sources are pinned in pyproject.toml's `data` extra; the index version digests these files,
so shipping new tables rebuilds every persisted index.
"""

from __future__ import annotations

import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "tui" / "archive" / "search" / "data"
CJK = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2EBEF), (0x2F800, 0x2FA1F))
CONFIGS = ("t2s", "tw2s", "hk2s")  # first wins where they disagree


def fold_table() -> dict[str, str]:
    import opencc

    chars = [chr(c) for start, end in CJK for c in range(start, end + 1)]
    table: dict[str, str] = {}
    for config in CONFIGS:
        converted = opencc.OpenCC(config).convert("\n".join(chars)).split("\n")
        if len(converted) != len(chars):
            sys.exit(f"opencc {config}: lines out of step")
        for ch, out in zip(chars, converted, strict=True):
            if len(out) == 1 and out != ch:
                table.setdefault(ch, out)
    for ch in list(table):  # close the map: a -> b -> c becomes a -> c
        seen = {ch}
        while table[ch] in table and table[ch] not in seen:
            seen.add(table[ch])
            table[ch] = table[table[ch]]
        if table[ch] == ch:
            del table[ch]
    return table


def pinyin_table() -> dict[str, list[str]]:
    from pypinyin.pinyin_dict import pinyin_dict

    by_syllable: dict[str, list[str]] = defaultdict(list)
    for code, readings in sorted(pinyin_dict.items()):
        first = readings.split(",", 1)[0]
        nfd = unicodedata.normalize("NFD", first).replace("u\u0308", "v")
        syllable = "".join(c for c in nfd if not unicodedata.combining(c)).lower()
        if syllable.isascii() and syllable.isalpha():
            by_syllable[syllable].append(chr(code))
    return dict(sorted(by_syllable.items()))


def main() -> None:
    DATA.mkdir(parents=True, exist_ok=True)
    fold = fold_table()
    keys = "".join(sorted(fold))
    (DATA / "fold.txt").write_text(keys + "\n" + "".join(fold[k] for k in keys) + "\n", encoding="utf-8")
    pinyin = pinyin_table()
    (DATA / "pinyin.txt").write_text("".join(f"{s}\t{''.join(cs)}\n" for s, cs in pinyin.items()),
                                     encoding="utf-8")
    print(f"fold.txt: {len(fold)} characters; pinyin.txt: {len(pinyin)} syllables, "
          f"{sum(map(len, pinyin.values()))} characters")


if __name__ == "__main__":
    main()
