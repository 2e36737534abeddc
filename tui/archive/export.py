"""An article as plain text or as Markdown: one rendering for the CLI and the app.

`to_text` is what `newstui show FILE` prints and what the app hands to a pager or copies;
`to_markdown` is what `newstui show FILE --format markdown` prints and what the app's `s` saves.
Both walk the article in reading order: title, source · date · author, URL, lead image, body
blocks, and write its structure as Markdown does: `## ` headings, `- ` list items indented by
their depth, `> ` quotes, tables as Markdown tables (tabletext.py). The text is wrapped to a width
with the CJK line-breaking rules of linebreak.py; the Markdown's paragraphs are not (a renderer
reflows them). `safe` turns file text into terminal- or file-safe text (the CLI shows control
characters escaped; the app strips them with `read.text.strip_controls`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from .datelabel import article_date
from .linebreak import wrap_plain
from .model import Article, Block
from .read.text import strip_controls
from .tabletext import markdown_table

Safe = Callable[[str], str]

#: The width of text written for no terminal (a file, a pipe).
TEXT_WIDTH = 80
#: Markdown tables are lined up when they fit this many cells.
MARKDOWN_TABLE_WIDTH = 120
_PREFIX = {"heading": "## ", "quote": "> ", "caption": "[图] "}
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|])")


def one_line(text: str, safe: Safe = strip_controls) -> str:
    return safe(text.replace("\r", " ").replace("\n", " ").replace("\t", " ")).strip()


def _facts(article: Article, name: str, safe: Safe) -> str:
    date = article_date(article.published, article.archived, article.date_approx)
    return " · ".join(one_line(f, safe) for f in (name, date, article.author) if f)


def _joined(parts: list[tuple[str, str]]) -> str:
    """Blocks' texts, a blank line between them but none between two items of one list."""
    out: list[str] = []
    for n, (kind, text) in enumerate(parts):
        if n:
            out.append("\n" if kind == "list" == parts[n - 1][0] else "\n\n")
        out.append(text)
    return "".join(out)


def _image_text(caption: str, url: str, safe: Safe) -> str:
    return f"[图] {one_line(caption, safe)} <{one_line(url, safe)}>".replace("[图]  <", "[图] <")


def to_text(article: Article, safe: Safe = strip_controls, width: int = TEXT_WIDTH) -> str:
    """The article as plain text for a terminal or a pager, wrapped to `width` cells (URLs are
    never broken: they stay whole on their line to be copied)."""
    def wrapped(text: str, first: str = "", rest: str = "") -> str:
        return "\n".join(wrap_plain(text, width, first, rest))

    head = [wrapped(one_line(article.title, safe) or "(untitled)"),
            wrapped(_facts(article, f"{article.source_name} ({article.source})", safe))]
    if article.url:
        head.append(one_line(article.url, safe))
    lead = ""
    if article.image is not None:
        lead = article.image.url
        head.append(_image_text(article.image.caption, lead, safe))
    parts: list[tuple[str, str]] = []
    for block in article.body:
        if block.kind == "image":
            if block.url != lead:  # the lead is shown above, once
                parts.append(("image", _image_text(block.text, block.url, safe)))
        elif block.kind == "table" and block.rows:
            cell: Safe = lambda t: safe(t).replace("|", "\\|")  # noqa: E731
            parts.append(("table", "\n".join(markdown_table(block.rows, width, cell))))
        elif block.kind == "list":
            indent = "  " * block.depth
            parts.append(("list", wrapped(safe(block.text), indent + "- ", indent + "  ")))
        elif block.kind == "quote":
            parts.append(("quote", wrapped(safe(block.text), "> ", "> ")))
        elif block.text:
            prefix = _PREFIX.get(block.kind, "")
            rest = "     " if block.kind == "caption" else ""  # under the caption, past `[图] `
            parts.append((block.kind, wrapped(safe(block.text), prefix, rest)))
    return "\n".join(head) + "\n\n" + _joined(parts) + "\n"


def _md(text: str, safe: Safe) -> str:
    """File text as Markdown text: markup characters escaped, so it reads as written."""
    return _MD_SPECIAL.sub(r"\\\1", safe(text))


def _md_url(url: str, safe: Safe) -> str:
    return one_line(url, safe).replace(" ", "%20").replace(")", "%29").replace("(", "%28")


def _md_block(block: Block, safe: Safe) -> str:
    """One body block (not an image) as Markdown; "" when it holds nothing."""
    if block.kind == "table" and block.rows:
        return "\n".join(markdown_table(block.rows, MARKDOWN_TABLE_WIDTH, lambda t: _md(t, safe)))
    text = _md(block.text.strip(), safe)
    if not text:
        return ""
    if block.kind == "quote":
        return "\n".join("> " + line for line in text.splitlines())
    if block.kind == "caption":
        return f"*{text}*"
    if block.kind == "list":
        indent = "  " * block.depth
        return indent + "- " + text.replace("\n", "\n" + indent + "  ")
    return ("## " + text.replace("\n", " ")) if block.kind == "heading" else text


def to_markdown(article: Article, safe: Safe = strip_controls) -> str:
    """The article as a Markdown document (links and images kept as Markdown links)."""
    out = [f"# {_md(one_line(article.title, safe), safe) or '(untitled)'}", ""]
    out += [_md(_facts(article, article.source_name or article.source, safe), safe), ""]
    if article.url:
        out += [f"<{_md_url(article.url, safe)}>", ""]
    lead = ""
    if article.image is not None and article.image.url:
        lead = article.image.url
        out += [f"![{_md(one_line(article.image.caption, safe), safe)}]({_md_url(lead, safe)})", ""]
    parts: list[tuple[str, str]] = []
    for block in article.body:
        if block.kind == "image":
            if block.url and block.url != lead:
                caption = _md(one_line(block.text, safe), safe)
                parts.append(("image", f"![{caption}]({_md_url(block.url, safe)})"))
            continue
        text = _md_block(block, safe)
        if not text:
            continue
        links = [f"[{_md(one_line(link.text, safe), safe) or 'link'}]({_md_url(link.url, safe)})"
                 for link in block.links if link.url]
        if links and block.kind == "table":
            text += "\n\n" + " · ".join(links)
        elif links:  # on a line of their own inside the block (a list item's continuation)
            text += "  \n" + ("  " * (block.depth + 1) if block.kind == "list" else "") + " · ".join(links)
        parts.append((block.kind, text))
    return ("\n".join(out) + "\n" + _joined(parts)).rstrip("\n") + "\n"


def file_name(article: Article, limit: int = 60) -> str:
    """A file name for the saved article: date and title, letters and digits joined by hyphens.

    Full-width forms read as their ASCII kin (NFKC); quotes, brackets and every other punctuation
    but `+` and `.` go (`‘Beijing’s Global Media Offensive’` -> `Beijings-Global-Media-Offensive`),
    so the name is safe on any filesystem and easy to type in a shell.
    """
    title = unicodedata.normalize("NFKC", strip_controls(article.title))
    title = re.sub(r"(?<=\w)['’](?=\w)", "", title)  # Beijing’s -> Beijings
    title = "".join(c if c.isalnum() or c in "+." else " " for c in title)  # 2+2, 5.0 stay
    title = re.sub(r"\s+", "-", title.strip())[:limit].strip("-.") or "article"
    day = article.published[:10]
    return f"{day}-{title}.md" if re.fullmatch(r"\d{4}-\d{2}-\d{2}", day) else f"{title}.md"
