"""The reader's script: show Chinese text in Simplified or Traditional characters, or as written.

Conversion is OpenCC's (phrase-aware: 头发 -> 頭髮, 发展 -> 發展; Traditional in Taiwan's standard
forms: 峰會, 為). Highlights, snippets' spans and `n`/`N` hold offsets into the text as written, so a
shown text must keep every character at its place: a converted text of the same length is used as
is (OpenCC's phrase tables map phrases to phrases of the same length), else each character is
converted on its own, and one that would become several stays as written. Search never sees the
converted text: it runs on the archive. No Textual here.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

MODES = ("as-written", "simplified", "traditional")
LABELS = {"as-written": "原文 as written", "simplified": "简体 Simplified", "traditional": "繁體 Traditional"}
_CONFIGS = {"simplified": "t2s", "traditional": "s2tw"}  # Taiwan forms: 峰會, 為 (not 峯, 爲)


@functools.cache
def _converter(mode: str) -> Callable[[str], str]:
    import opencc  # imported when first needed: most readers never switch

    return opencc.OpenCC(_CONFIGS[mode]).convert  # type: ignore[no-any-return]


def _has_cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in text)


def same_length(convert: Callable[[str], str], text: str) -> str:
    """`convert(text)` with every character at its place (see the module docstring)."""
    out = convert(text)
    if len(out) == len(text):
        return out
    chars = [convert(ch) for ch in text]
    return "".join(c if len(c) == 1 else ch for ch, c in zip(text, chars, strict=True))


class Script:
    """The script text is shown in; `convert` is what every pane applies to file text."""

    def __init__(self, mode: str = "as-written") -> None:
        self.mode = mode if mode in MODES else "as-written"

    @property
    def label(self) -> str:
        return LABELS[self.mode]

    def cycle(self) -> str:
        self.mode = MODES[(MODES.index(self.mode) + 1) % len(MODES)]
        return self.mode

    def convert(self, text: str) -> str:
        if self.mode == "as-written" or not text or not _has_cjk(text):
            return text
        return same_length(_converter(self.mode), text)
