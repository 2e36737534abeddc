"""Plain-text normalisation shared by every parser.

Everything that reaches the screen passes through here, so the rules are strict:

* terminal escape sequences are removed whole (CSI ``ESC [ ... X``, OSC ``ESC ] ... BEL`` or
  ``ESC \\``, other two-byte ``ESC X`` sequences), then every remaining C0/C1 control character;
* zero-width characters (U+200B-U+200D, U+2060, U+FEFF, soft hyphen) and bidi controls go;
* NBSP, U+3000 and the other Unicode spaces become ordinary spaces; CRLF and lone CR become LF;
* the *prettifier staircase* is flattened: a whitespace run that holds a line break (what
  BeautifulSoup's ``prettify()`` puts between inline pieces) vanishes between two CJK
  characters, or next to CJK punctuation, and becomes one space elsewhere. Whitespace runs
  without a line break are kept as one space even between CJK characters, because Chinese
  headlines and bylines use them as separators (``记者：陈品洁 责编：申铧``).

Markup-looking text (``[bold]x[/]``) is data and is left alone; the app never parses it.
"""

from __future__ import annotations

import re

# Terminal escape sequences: CSI (ESC [ or the C1 CSI), OSC / DCS / APC / PM / SOS strings
# terminated by BEL or ST, then any other ESC + one character.
_ESCAPES = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]PX^_]|[\x9d\x90\x98\x9e\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]?"
)
# C0/C1 controls except TAB/LF/CR (handled as whitespace), DEL; invisible and bidi formatting.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
    "\u00ad\u180e\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]"
)
# Every Unicode space except LF, which the callers treat specially.
_SPACES = re.compile("[\t\x0b\x0c \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_CJK = (
    "\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
    "\U00020000-\U0003134f"
)
# CJK punctuation and full-width forms: a line break next to one of these is never a space.
_CJK_PUNCT = "\u3000-\u303f\ufe30-\ufe4f\uff00-\uff65"
_IS_CJK = re.compile(f"[{_CJK}]").match
_IS_CJK_PUNCT = re.compile(f"[{_CJK_PUNCT}]").match
#: A run of spaces and line breaks holding a line break (after _normalise, the only whitespace).
_BREAKS = re.compile(r"[ \n]*\n[ \n]*")
_WHITESPACE = re.compile(r"\s+")
_PARAS = re.compile(r"\n[ \t\u00a0\u3000]*\n\s*")


def strip_controls(text: str) -> str:
    """Remove escape sequences, control and invisible characters; keep TAB, LF and CR.

    Fast path: plain text without any suspicious character is returned as is.
    """
    if "\x1b" in text or "\x9b" in text or "\x9d" in text:
        text = _ESCAPES.sub("", text)
    return _INVISIBLE.sub("", text)


def _normalise(text: str) -> str:
    """Controls out, CR/CRLF -> LF, all spaces -> one ASCII space (LF kept)."""
    text = strip_controls(text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _SPACES.sub(" ", text)


def _flatten(text: str) -> str:
    """Fold line breaks inside one paragraph: the staircase rule, else one space.

    Trimmed first (after _normalise the only whitespace left is spaces and line breaks), so
    every run of breaks left has a character on each side: the pieces between the runs are
    joined by what those two characters call for (no callback per run)."""
    text = text.strip()
    if "\n" not in text:
        return text
    pieces = _BREAKS.split(text)
    out = [pieces[0]]
    before = pieces[0][-1]
    for piece in pieces[1:]:
        out.append(_joint(before, piece[0]))
        out.append(piece)
        before = piece[-1]
    return "".join(out)


def _joint(before: str, after: str) -> str:
    """What a run of spaces and line breaks between two characters becomes: nothing between two
    CJK characters or next to CJK punctuation, one space elsewhere."""
    if _IS_CJK(before) and _IS_CJK(after):
        return ""
    if _IS_CJK_PUNCT(before) or _IS_CJK_PUNCT(after):
        return ""
    return " "


def clean_line(text: str) -> str:
    """One line of display text: no controls, line breaks folded, single spaces, trimmed."""
    return _flatten(_normalise(text))


def clean_url(url: str) -> str:
    """A link or image target from a file: no escapes or controls, no surrounding whitespace.

    Whitespace inside is dropped too (a URL never holds a raw space or line break; scrapers
    wrap long ones), so what is shown, opened or copied is one printable line.
    """
    return _WHITESPACE.sub("", strip_controls(url))


def clean_text(text: str) -> str:
    """Multi-line text: paragraphs (separated by a blank line) kept, each one flattened.

    Single line breaks inside a paragraph are soft, as in Markdown: they follow the
    staircase rule. Paragraphs come out separated by exactly one blank line.
    """
    text = _normalise(text)
    paras = (_flatten(p) for p in _PARAS.split(text))
    return "\n\n".join(p for p in paras if p)
