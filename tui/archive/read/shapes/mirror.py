"""Mirror page: `### title`, an underline, a markdown nav bar, image + caption, the body
HTML (often prettified), markdown promo lines between, and a trailer with the original URL
(`原文链接（需翻墙）：`, `原文链接：`, `原文地址（需翻墙访问）：`), a share block and a
tracking `<img src='http://gfw-breaker.win/...'>` at the end.

The markdown lines are chrome and are removed here; the remaining HTML goes to body_blocks.
The date is in the body's `【…】` dateline (found by `finish`) or in the original URL.
"""

from __future__ import annotations

import re

from ...model import Article, Rejection
from .base import SNIFF_CHARS, Draft, finish

_HEAD = re.compile(r"\A\s*#{1,3}[ \t]+(?P<title>[^\n]+?)[ \t#]*\n(?:[ \t]*\n)*"
                   r"[ \t]*(?:-{3,}|={3,})[ \t]*(?:\n|\Z)")
_TRAILER_WORDS = ("原文链接", "原文連結", "原文地址", "原文網址", "原文网址",
                  "原始链接", "来源链接", "本文链接")
_TRAILER = re.compile(
    r"^[ \t]*(?:<[^>\n]*>[ \t]*)*(?:" + "|".join(_TRAILER_WORDS) + ")"
    r"[^：:\n]{0,16}[：:][ \t]*(?:<a[^>]*>)?[ \t]*(?P<url>(?:https?:)?//[^\s<>\"')]+)[^\n]*$",
    re.M)
# Markdown chrome lines: headings (nav bars, promos `#### 💥 …`), rules, link-only lines.
# Each match starts at the line break before its line (the text gets one in front): a literal
# first character lets re skip from line to line instead of trying `^` at every position.
_MD_LINE = re.compile(r"\n(?:[ \t]*#{1,6}[ \t][^\n]*|[ \t]*(?:-{3,}|\*{3,}|_{3,}|={3,})[ \t]*"
                      r"|[ \t]*\[[^\]\n]*\]\([^)\n]*\)(?:[ \t]*(?:&nbsp;|\|)*[ \t]*\[[^\]\n]*\]\([^)\n]*\))*"
                      r"[ \t]*)(?=\n|\Z)")
# The mirror's share block: `手机上长按并复制下列链接或二维码分享本文章：` + its link + QR image.
_SHARE_WORDS = ("长按并复制下列链接", "長按並複製下列鏈接", "分享本文章")
_SHARE = re.compile(r"^[^\n]*(?:" + "|".join(_SHARE_WORDS) + r")[^\n]*\n"
                    r"(?:[ \t]*(?:https?://\S+[ \t]*)?(?:<a [^\n]*</a>)?[ \t]*(?:<br\s*/?>)?[ \t]*\n)*", re.M)
_TRACKING = re.compile(r"<img\b[^>]*(?:width=['\"]?0(?:px)?['\"]?|gfw-breaker\.win)[^>]*/?>", re.I)


def sniff(text: str) -> bool:
    return _HEAD.match(text[:SNIFF_CHARS]) is not None


def parse(text: str, path: str) -> Article | Rejection:
    head = _HEAD.match(text)
    if not head:
        return Rejection(path, "not an article: no ### title")
    rest = text[head.end():]
    url = ""
    # The multi-line patterns are tried only when their keyword is there: scanning for a plain
    # word is ~50x cheaper than starting the pattern at every position of the page;
    # and then only from the first line holding it (every match starts on such a line).
    at = _first_line_with(rest, _TRAILER_WORDS)
    if at >= 0:
        tail = rest[at:]
        trailers = list(_TRAILER.finditer(tail))
        if trailers:
            url = balanced(trailers[-1].group("url"))
            rest = rest[:at] + _TRAILER.sub("", tail)
    at = _first_line_with(rest, _SHARE_WORDS)
    if at >= 0:
        rest = rest[:at] + _SHARE.sub("", rest[at:])
    rest = _TRACKING.sub("", rest)
    rest = _MD_LINE.sub("\n", "\n" + rest)[1:]
    return finish(Draft(title=head.group("title"), url=url, html=rest), path, "mirror")


def balanced(url: str) -> str:
    """A URL without the closing brackets the text around it added: `…（图）.html` stays whole,
    `(原文：https://x/a）` loses its `）` (a full-width bracket closes only one it opened)."""
    for opening, closing in (("（", "）"), ("(", ")")):
        while url.endswith(closing) and url.count(closing) > url.count(opening):
            url = url[:-1]
    return url


def _first_line_with(text: str, words: tuple[str, ...]) -> int:
    """Where the first line holding any of `words` starts; -1 when none is there."""
    found = [i for i in (text.find(w) for w in words) if i >= 0]
    return text.rfind("\n", 0, min(found)) + 1 if found else -1
