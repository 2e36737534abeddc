"""Build tui/archive/search/data/common_forms.txt: the lexicon's Chinese forms that are, first of
all, common words of the language (现代 "modern", not Hyundai; 和平 "peace", not Heping District).

    pip install jieba==0.42.1 && python tools/build_common_forms.py [JIEBA_DICT]

A form is listed when CC-CEDICT has it as a common word (data/words.txt) and jieba's dictionary
(jieba 0.42.1, MIT licence, `jieba/dict.txt`: word, frequency, part of speech) counts it often as
something other than a name: frequency >= 1000 with a tag that is not a name's (nr, nrt, nrfg, ns,
nt, nz), or frequency >= 5000 unless tagged a person's, place's or organisation's name (和平 is
tagged nz). Names that happen to be words too but are rare as words (波音 Boeing, 特斯拉 Tesla,
京都 Kyoto, 奔驰 Mercedes-Benz) or are mostly places (东北) stay names. Forms are folded to Simplified as
the lexicon's are (fold.txt). Plus tools/common_forms_extra.txt, forms the rule cannot decide
(高达 "as high as", which jieba tags a name; 本周 "this week"; 中国人 "Chinese people").
Attribution and licence: tui/archive/search/data/LEXICON.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tui.archive.search.names.lexicon import corrected, parse  # noqa: E402
from tui.archive.search.names.words import common_words  # noqa: E402
from tui.archive.search.text.fold import fold  # noqa: E402
from tui.archive.search.text.scripts import data_text  # noqa: E402

OUT = ROOT / "tui" / "archive" / "search" / "data" / "common_forms.txt"
EXTRA = Path(__file__).resolve().parent / "common_forms_extra.txt"
NAME_TAGS = {"nr", "nrt", "nrfg", "ns", "nt", "nz"}
OFTEN, ALWAYS = 1000, 5000
PLACE_OR_PERSON = {"nr", "nrt", "nrfg", "ns", "nt"}


def jieba_dict(arg: str | None) -> Path:
    if arg:
        return Path(arg)
    import jieba  # only to find its dictionary

    return Path(jieba.__file__).parent / "dict.txt"


def main() -> None:
    usage: dict[str, tuple[int, str]] = {}
    for line in jieba_dict(sys.argv[1] if len(sys.argv) > 1 else None).read_text("utf-8").splitlines():
        parts = line.split()
        if len(parts) == 3:
            word, freq, tag = parts[0], int(parts[1]), parts[2]
            key = fold(word)
            if freq > usage.get(key, (0, ""))[0]:
                usage[key] = (freq, tag)
    common = common_words()
    lexicon = corrected(parse(data_text("lexicon.tsv").splitlines()),
                        parse(data_text("lexicon_fixes.tsv").splitlines()))
    out = set()
    for entry in lexicon:
        for form in entry.zh:
            key = fold(form)
            freq, tag = usage.get(key, (0, ""))
            often = freq >= ALWAYS and tag not in PLACE_OR_PERSON
            if key in common and (often or (freq >= OFTEN and tag not in NAME_TAGS)):
                out.add(key)
    out.update(fold(line.strip()) for line in EXTRA.read_text("utf-8").splitlines()
               if line.strip() and not line.startswith("#"))
    OUT.write_text("".join(f"{k}\n" for k in sorted(out)), "utf-8")
    print(f"{len(out)} forms -> {OUT}")


if __name__ == "__main__":
    main()
