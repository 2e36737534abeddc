"""Bytes -> text: the encodings Chinese news archives are found in, and binary detection.

Order of trust: a byte-order mark, then strict UTF-8 (by far the most common), then the
legacy Chinese encodings (GB18030 is a superset of GBK and GB2312; Big5 for Traditional
archives), chosen by which decodes strictly with the most CJK text. Never raises.
"""

from __future__ import annotations

import codecs
import re

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_LEGACY = ("gb18030", "big5")
#: Very common characters in Simplified and Traditional news text: right decodings hit them often.
_COMMON = re.compile("[的是不了在人有我他这這个個们們中国國年月日大来來上为為和说說会會时時出也对對就要以到]")
#: Bytes that never occur in text (the C0 controls other than NUL, tab, LF, FF, CR and ESC).
_CONTROL_BYTES = bytes(b for b in range(1, 32) if b not in (9, 10, 12, 13, 27))


class DecodeError(ValueError):
    """The bytes are not text; `args[0]` is a one-line reason for people."""


def looks_binary(data: bytes) -> bool:
    """Many NUL or control bytes in the first 8 KB: not a text file.

    Binary formats are full of them (a tenth of random bytes are controls); a scraped text file
    may carry a few stray ones (a NUL or a backspace in a title), which the parsers strip.
    """
    head = data[:8192]
    nuls = head.count(0)
    if nuls > max(8, len(head) // 200):
        return True
    controls = nuls + len(head) - len(head.translate(None, _CONTROL_BYTES))  # one pass, not 26
    if controls <= max(32, len(head) // 50):
        return False
    # A text file damaged by a run of one stray byte (a scraper's `\x10` x 600) is still text:
    # binary formats hold many different controls, and rarely decode as UTF-8.
    kinds = {b for b in head.translate(None, bytes(range(32, 256))) if b not in (9, 10, 12, 13)}
    return len(kinds) > 2 or not _utf8(head)


def _utf8(head: bytes) -> bool:
    """The bytes decode as UTF-8, but for a character cut at the end of the sample."""
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(head) - 3 and exc.reason == "unexpected end of data"
    return True


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding) or raise DecodeError with the reason."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                raise DecodeError(f"undecodable: bad {encoding} after its byte-order mark") from None
    if looks_binary(data):
        raise DecodeError("binary file: not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best: tuple[int, str, str] | None = None
    for encoding in _LEGACY:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = len(_COMMON.findall(text[:20000]))
        if best is None or score > best[0]:
            best = (score, text, encoding)
    if best is not None:
        return best[1], best[2]
    # Mostly UTF-8 with a few damaged bytes (a truncated download): keep it, mark the damage.
    text = data.decode("utf-8", "replace")
    if text.count("\ufffd") <= max(3, len(text) // 1000):
        return text, "utf-8 (damaged)"
    raise DecodeError("undecodable: not UTF-8, UTF-16, GB18030 or Big5 text")
