"""Plain markdown or text: `# title` (or a title underlined with `===`), then paragraphs.

The most general shape, tried last. A body written in Markdown (or plain text) is rendered
by mdbody.py; a tag-dense HTML body keeps its HTML, with its loose text lines made paragraphs
(`to_html`). A first line of `<url>` or `原文链接：url` gives the article URL.
"""

from __future__ import annotations

import html
import re

from ...model import Article, Rejection
from .. import mdbody
from .base import SNIFF_CHARS, Draft, finish
from .mirror import _TRAILER

_HEAD = re.compile(r"\A\s*(?:#[ \t]+(?P<a>[^\n]+?)[ \t#]*"
                   r"|(?P<b>[^\n<#][^\n]{0,200}?)[ \t]*\r?\n[ \t]*={3,}[ \t]*)(?:\r?\n|\Z)")
_LINK = re.compile(r"\[([^\]\n]+)\]\(((?:https?:)?//[^)\s]+)\)")
_TAG = re.compile(r"^\s*</?[a-zA-Z][^>]*>")


def sniff(text: str) -> bool:
    return _HEAD.match(text[:SNIFF_CHARS]) is not None


def to_html(text: str) -> str:
    out = []
    for para in re.split(r"\n[ \t]*\n", text):
        if not para.strip():
            continue
        if _TAG.match(para):
            out.append(para)
            continue
        escaped = html.escape(para.strip(), quote=False)
        linked = _LINK.sub(lambda m: f'<a href="{html.escape(m[2])}">{m[1]}</a>', escaped)
        kind = "h2" if re.match(r"#{2,6}\s", para) else "p"
        out.append(f"<{kind}>{linked.lstrip('#').strip()}</{kind}>")
    return "\n".join(out)


def parse(text: str, path: str) -> Article | Rejection:
    head = _HEAD.match(text)
    if not head:
        return Rejection(path, "not an article: no title line")
    rest = text[head.end():]
    url = ""
    if m := _TRAILER.search(rest):
        url = m.group("url")
        rest = _TRAILER.sub("", rest)
    body = mdbody.to_html(rest) if mdbody.is_markdown(rest) else to_html(rest)
    return finish(Draft(title=head.group("a") or head.group("b") or "", url=url, html=body),
                  path, "markdown")
