"""Build tui/archive/search/data/jyutping.txt: the Cantonese reading of each character, for names
typed as Hong Kong spells them (`heung gong` 香港, `lee ka-chiu` 李家超; see search/cantonese.py).

    pip install '.[data]' && python tools/build_jyutping.py

Source: rime-cantonese (CC BY 4.0, https://github.com/rime/rime-cantonese), the copy inside the
pinned `pycantonese` package (`data/rime_cantonese/chars_to_jyutping.json`: each character's most
common reading in Jyutping). Tones are dropped (nobody types them in a name). Characters are
folded to Simplified as the index folds text (data/fold.txt); where several Traditional characters
fold to one, the reading of the character itself wins, else the first seen. One line per toneless
syllable: the syllable, a tab, every character read so. Attribution: data/LEXICON.md.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from importlib.resources import files
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "tui" / "archive" / "search" / "data" / "jyutping.txt"


def main() -> None:
    sys.path.insert(0, str(HERE.parent))
    from tui.archive.search.text.fold import fold
    from tui.archive.search.text.pinyin import is_han

    raw = files("pycantonese").joinpath("data/rime_cantonese/chars_to_jyutping.json").read_text("utf-8")
    readings: dict[str, str] = json.loads(raw)
    table: dict[str, str] = {}
    for ch, jyutping in readings.items():
        syllable = re.sub(r"\d", "", jyutping.split()[0]) if jyutping else ""
        if len(ch) != 1 or not is_han(ch) or not syllable.isalpha():
            continue
        key = fold(ch)
        if key == ch or key not in table:
            table[key] = syllable
    by_syllable: dict[str, list[str]] = defaultdict(list)
    for ch, syllable in sorted(table.items()):
        by_syllable[syllable].append(ch)
    OUT.write_text("".join(f"{s}\t{''.join(chs)}\n" for s, chs in sorted(by_syllable.items())),
                   encoding="utf-8")
    print(f"{OUT.name}: {len(table)} characters, {len(by_syllable)} syllables")


if __name__ == "__main__":
    main()
