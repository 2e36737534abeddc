"""An article as plain text or as Markdown: one rendering for the CLI and the app.

`to_text` is what `newstui show FILE` prints and what the app hands to a pager or copies;
`to_markdown` is what `newstui show FILE --format markdown` prints and what the app's `s` saves.
Both walk the article in reading order: title, source · date · author, URL, lead image, body
blocks. `safe` turns file text into terminal- or file-safe text (the CLI shows control characters
escaped; the app strips them with `read.text.strip_controls`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from .model import Article
from .read.text import strip_controls

Safe = Callable[[str], str]

_TEXT_PREFIX = {"heading": "## ", "quote": "> ", "caption": "[图] ", "list": "• "}
_MD_PREFIX = {"heading": "## ", "quote": "> ", "caption": "*", "list": "- "}
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|])")


def one_line(text: str, safe: Safe = strip_controls) -> str:
    return safe(text.replace("\r", " ").replace("\n", " ").replace("\t", " ")).strip()


def to_text(article: Article, safe: Safe = strip_controls) -> str:
    """The article as plain text for a terminal or a pager."""
    head = [one_line(article.title, safe) or "(untitled)"]
    facts = [f"{article.source_name} ({article.source})", article.published, article.author]
    head.append(" · ".join(one_line(f, safe) for f in facts if f))
    if article.url:
        head.append(one_line(article.url, safe))
    if article.image is not None:
        head.append(f"[image] {one_line(article.image.caption, safe)} <{one_line(article.image.url, safe)}>"
                    .strip())
    body = []
    lead = article.image.url if article.image is not None else None
    for block in article.body:
        if block.kind == "image":
            if block.url != lead:  # the lead is shown above, once
                body.append(f"[image] {safe(block.text)} <{one_line(block.url, safe)}>")
        else:
            body.append(_TEXT_PREFIX.get(block.kind, "") + safe(block.text))
    return "\n".join(head) + "\n\n" + "\n\n".join(body) + "\n"


def _md(text: str, safe: Safe) -> str:
    """File text as Markdown text: markup characters escaped, so it reads as written."""
    return _MD_SPECIAL.sub(r"\\\1", safe(text))


def _md_url(url: str, safe: Safe) -> str:
    return one_line(url, safe).replace(" ", "%20").replace(")", "%29").replace("(", "%28")


def to_markdown(article: Article, safe: Safe = strip_controls) -> str:
    """The article as a Markdown document (links and images kept as Markdown links)."""
    out = [f"# {_md(one_line(article.title, safe), safe) or '(untitled)'}", ""]
    facts = [article.source_name or article.source, article.published, article.author]
    out += [" · ".join(_md(one_line(f, safe), safe) for f in facts if f), ""]
    if article.url:
        out += [f"<{_md_url(article.url, safe)}>", ""]
    lead = ""
    if article.image is not None and article.image.url:
        lead = article.image.url
        out += [f"![{_md(one_line(article.image.caption, safe), safe)}]({_md_url(lead, safe)})", ""]
    for block in article.body:
        if block.kind == "image":
            if block.url and block.url != lead:
                out += [f"![{_md(one_line(block.text, safe), safe)}]({_md_url(block.url, safe)})", ""]
            continue
        text = _md(block.text.strip(), safe)
        if not text:
            continue
        if block.kind == "quote":
            text = "\n".join("> " + line for line in text.splitlines())
        elif block.kind == "caption":
            text = f"*{text}*"
        else:
            text = _MD_PREFIX.get(block.kind, "") + text
        links = [f"[{_md(one_line(link.text, safe), safe) or 'link'}]({_md_url(link.url, safe)})"
                 for link in block.links if link.url]
        out += [text + ("  \n" + " · ".join(links) if links else ""), ""]
    return "\n".join(out).rstrip("\n") + "\n"


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
