"""A Markdown body -> HTML, so Markdown posts give the same blocks as HTML bodies do.

Jekyll, Hugo, Hexo and wiki mirrors of reposted WeChat, Zhihu and Pincong posts write their
bodies in Markdown, often with HTML blocks mixed in. `is_markdown(body)` sniffs a body by its
content (Markdown line syntax against HTML tags); `to_html(body)` renders it with markdown-it-py
(CommonMark plus tables and strikethrough, raw HTML kept), and html.py's walk makes the blocks:
headings, paragraphs, quotes, nested lists, code, tables, images with captions, numbered links.

Only bodies sniffed as Markdown pay for markdown-it; its parser is built once per process.
Rendering details a reader notices:
* an image's alt text is its caption, unless it is a placeholder (`image`, `图片`, a file name);
* a soft line break between two CJK characters joins them (`家乡，\\n收割` reads `家乡，收割`),
  elsewhere it is a space;
* kramdown/Pandoc attribute lists (`{.is-warning}`, `# Tabs {.tabset}`) are dropped: they style
  the page, they are not text;
* a tab set (a heading marked `{.tabset}`, as wikis write them) is page furniture: the heading
  (`Tabs`) and its tabs' labels (the headings one level under it: `B站`, `YouTube`, `播客`) go,
  the tabs' content stays; the set ends at the next heading of its level or above.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

__all__ = ["is_markdown", "to_html"]

#: Lines only Markdown writes: headings, quotes, list items, table rules, fences, images, links.
_MD_LINE = re.compile(
    r"^[ \t]{0,3}(?:#{1,6}[ \t]+\S|>|[-*+][ \t]+\S|\d{1,3}[.)][ \t]+\S|```|~~~"
    r"|\|?[ \t]*:?-{3,}:?[ \t]*\|)"
    r"|!\[[^\]\n]*\]\(|\]\((?:https?:)?/", re.M)
#: HTML tags of the kinds bodies are written in (a `<kbd>` or `<br>` in a Markdown post is few).
_HTML_TAG = re.compile(r"<(?:p|div|br|span|a|img|h[1-6]|li|ul|ol|table|tr|td|section|figure"
                       r"|strong|b|em|blockquote|font|center)[\s/>]", re.I)
#: Blank-line separated chunks starting with a tag, and chunks of prose at the margin (not a tag,
#: not indented as prettified HTML text is): Markdown interleaves a few HTML blocks with prose.
_TAG_CHUNK = re.compile(r"(?:\A|\n[ \t]*\n)[ \t]*<")
_PROSE_CHUNK = re.compile(r"(?:\A|\n[ \t]*\n)[^\s<][^\n]{9,}")
#: Attribute lists: a line of its own (`{.is-warning}`, `{: .note}`) or a heading's tail.
_ATTR_LINE = re.compile(r"^[ \t]*\{:?[ \t]*[.#][\w\- .#=:\"']*\}[ \t]*$", re.M)
_ATTR_TAIL = re.compile(r"[ \t]+\{:?[ \t]*[.#][\w\- .#=:\"']*\}[ \t]*$", re.M)
_TABSET = re.compile(r"^[ \t]{0,3}(#{1,6})[ \t][^\n]*\{:?[ \t]*\.tabset\b[^}\n]*\}[ \t]*$")
_HEADING = re.compile(r"^[ \t]{0,3}(#{1,6})(?:[ \t]|$)")
_PLACEHOLDER_ALT = re.compile(
    r"^(?:image|img|picture|photo|pic|图片?|圖片?|配图|配圖|插图|插圖|livestream|cover|banner|\d+)$"
    r"|\.(?:jpe?g|png|gif|webp|bmp|svg)$", re.I)
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")
#: At most this many characters are rendered (bounded work; html.py bounds its input the same way).
MAX_MARKDOWN = 3_000_000


def is_markdown(body: str) -> bool:
    """True when body is written in Markdown (or plain text), False when it is an HTML body.

    HTML bodies are tag-dense, their text inside tags or indented under them (prettified);
    Markdown bodies hold few tags (a `<kbd>`, an embedded `<figure>`) against lines of Markdown
    syntax and paragraphs of prose starting at the margin. Plain text reads right as Markdown too.
    """
    sample = body[:200_000]
    tags = len(_HTML_TAG.findall(sample))
    if tags < 3 or len(_MD_LINE.findall(sample)) * 3 >= tags:
        return True
    html_chunks = len(_TAG_CHUNK.findall(sample))
    return len(_PROSE_CHUNK.findall(sample)) > html_chunks


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True, "maxNesting": 40}).enable(["table", "strikethrough"])
    md.add_render_rule("image", _image)
    md.add_render_rule("softbreak", _softbreak)
    return md


def to_html(body: str) -> str:
    """The body rendered as HTML (raw HTML blocks kept as written, attribute lists dropped)."""
    text = body[:MAX_MARKDOWN]
    if "{" in text:
        text = _ATTR_TAIL.sub("", _ATTR_LINE.sub("", _without_tab_labels(text)))
    return _parser().render(text)


def _without_tab_labels(text: str) -> str:
    """The text without its tab sets' headings and tab labels (see the module's docstring)."""
    if ".tabset" not in text:
        return text
    out: list[str] = []
    level = 0  # the open tab set's heading level; 0 outside one
    for line in text.split("\n"):
        tabset = _TABSET.match(line)
        heading = tabset or _HEADING.match(line)
        if heading:
            depth = len(heading.group(1))
            if tabset:
                level = depth
                continue
            if level and depth == level + 1:
                continue  # a tab's label
            if level and depth <= level:
                level = 0
        out.append(line)
    return "\n".join(out)


def _image(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    src = html.escape(str(token.attrGet("src") or ""))
    alt = " ".join(t.content for t in (token.children or []) if t.type in ("text", "code_inline")).strip()
    if not alt or _PLACEHOLDER_ALT.search(alt):
        return f'<img src="{src}">'
    return f'<img src="{src}"><span class="caption">{html.escape(alt)}</span>'


def _softbreak(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    before = tokens[idx - 1].content[-1:] if idx > 0 else ""
    after = tokens[idx + 1].content[:1] if idx + 1 < len(tokens) else ""
    if before and after and _CJK.match(before) and _CJK.match(after):
        return ""
    return "\n"
