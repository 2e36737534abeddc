"""Article, result and tree-label rendering as `rich.text.Text`: file text is never markup.

Pure functions (no Textual): the widgets only place what these return.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import unquote

from rich.style import Style
from rich.table import Table
from rich.text import Text

from ...archive.model import Article
from ...archive.read.tables import CELL_SEP
from ...archive.search.rank.highlights import Highlights
from .grid import cell_offsets, draw
from .text import article_date, clean, clean_lines, clean_segment, source_label
from .wrap import clip

# Highlights use reverse video so they survive NO_COLOR (which drops colours, keeps attributes).
MATCH = Style(color="yellow", reverse=True)
CURRENT = Style(color="dark_orange", reverse=True, bold=True, underline=True)
DIM = Style(dim=True)
MARK = "★ "
Convert = Callable[[str], str]  # shows text in the reader's script, same length (script.py)


@dataclass
class Piece:
    """One paragraph-like unit of the article pane; `text` is where matches are searched."""

    kind: str
    text: str
    prefix: str = ""
    extra: str = ""  # a dim line under the text (image or link URL)
    marks: str = ""  # markers of links whose words were not placed, appended: " [1][2]"
    anchors: tuple[tuple[int, str], ...] = ()  # (offset in text, marker) after a link's words
    cells: tuple[tuple[tuple[int, int], ...], ...] = ()  # a table's cells: [start, end) in text


_STYLES: dict[str, Style] = {
    "title": Style(bold=True),
    "meta": Style(italic=True),
    "url": Style(dim=True, underline=True),
    "heading": Style(bold=True),
    "quote": Style(italic=True),
    "caption": Style(dim=True, italic=True),
    "image": Style(italic=True),
    "table": Style(),
    "list": Style(),
    "links": Style(bold=True),
}


def _image_piece(caption: str) -> Piece:
    """One line: `[图] caption`, or `[图]` alone (the address is not for reading)."""
    return Piece("image", clean(caption), "[图] ")


def shown_url(url: str) -> str:
    """A URL as a reader reads it: percent-escapes of UTF-8 decoded (`%E5%9B%BD` -> 国), one line."""
    try:
        decoded = unquote(url, errors="strict")
    except UnicodeDecodeError:
        decoded = url
    return clean(decoded)


def _list_prefix(depth: int) -> str:
    return "  " * min(depth, 8) + "• "


def article_pieces(article: Article, *, bookmarked: bool = False) -> list[Piece]:
    """The article in reading order: header, lead image, body blocks, numbered links."""
    meta = [source_label(article.source, article.source_name),
            article_date(article.published, article.archived, article.date_approx)]
    if article.author:
        meta.append(clean(article.author))
    pieces = [Piece("title", clean(article.title) or "(无标题 untitled)", MARK if bookmarked else "")]
    pieces.append(Piece("meta", " · ".join(m for m in meta if m)))
    if article.url:
        pieces.append(Piece("url", shown_url(article.url)))
    lead_url = ""
    if article.image and (article.image.url or article.image.caption):
        lead_url = article.image.url
        pieces.append(_image_piece(article.image.caption))
    links: list[tuple[str, str]] = []
    for block in article.body:
        if block.kind == "image":
            if block.url != lead_url or not lead_url:
                pieces.append(_image_piece(block.text))
            continue
        cells: tuple[tuple[tuple[int, int], ...], ...] = ()
        if block.kind == "table" and block.rows:
            text, cells = cell_offsets(tuple(tuple(clean(c) for c in row) for row in block.rows), CELL_SEP)
        else:
            text = clean_lines(block.text)
        if not text and not block.links:
            continue
        marks = ""
        anchors: list[tuple[int, str]] = []
        for link in block.links:
            links.append((clean(link.text), clean(link.url)))
            if 0 < link.end <= len(text) and text == block.text:  # cleaning kept the offsets
                anchors.append((link.end, f"[{len(links)}]"))
            else:
                marks += f"[{len(links)}]"
        prefix = _list_prefix(block.depth) if block.kind == "list" else "│ " if block.kind == "quote" else ""
        kind = block.kind if block.kind in _STYLES or cells else "paragraph"
        pieces.append(Piece(kind, text, prefix, marks=f" {marks}" if marks else "",
                            anchors=tuple(anchors), cells=cells))
    if links:
        pieces.append(Piece("links", "链接 Links"))
        for n, (text, url) in enumerate(links, 1):
            pieces.append(Piece("link", text or url, f"[{n}] ", url if text else ""))
    return pieces


UNMATCHED = frozenset({"meta", "url"})  # source/date and URL lines: not the article's text


def find_matches(pieces: list[Piece], terms: Iterable[str]) -> list[tuple[int, int, int]]:
    """(piece index, start, end) of every term occurrence in the title and the text, in reading
    order, in either Chinese script and any case (longest term first where they overlap)."""
    marks = Highlights.of(terms)  # the archive's rule: not inside a longer name the search skipped
    return [(i, a, b) for i, p in enumerate(pieces) if p.kind not in UNMATCHED
            for a, b in marks.spans(p.text)]


def _body(piece: Piece, spans: Iterable[tuple[int, int]], current: tuple[int, int] | None) -> Text:
    body = Text(piece.text, style=_STYLES.get(piece.kind, Style()))
    for start, end in spans:
        body.stylize(CURRENT if (start, end) == current else MATCH, start, end)
    return body


def render_table(piece: Piece, spans: Iterable[tuple[int, int]] = (),
                 current: tuple[int, int] | None = None) -> Table:
    """A table piece as a grid (grid.py), its matches highlighted in their cells."""
    return draw(_body(piece, spans, current), piece.cells, piece.anchors, piece.marks, DIM)


def render_piece(piece: Piece, spans: Iterable[tuple[int, int]] = (),
                 current: tuple[int, int] | None = None) -> Text:
    base = _STYLES.get(piece.kind, Style())
    out = Text(piece.prefix, style=DIM if piece.kind in ("link", "image") else base)
    body = _body(piece, spans, current)
    pos = 0
    for at, marker in piece.anchors:  # each link's marker right after its words
        out.append_text(body[pos:at])
        out.append(marker, style=DIM)
        pos = at
    out.append_text(body[pos:] if pos else body)
    if piece.marks:
        out.append(piece.marks, style=DIM)
    if piece.extra:
        out.append("\n")
        out.append(piece.extra, style=Style(dim=True, underline=True))
    return out


def highlighted(text: str, spans: Iterable[tuple[int, int]], style: Style = MATCH) -> Text:
    """A one-line snippet with `spans` (offsets into the raw `text`) highlighted.

    Each segment is cleaned separately, so offsets stay right even when controls are removed.
    """
    out = Text()
    pos = 0
    for start, end in sorted(s for s in spans if 0 <= s[0] < s[1] <= len(text)):
        if start < pos:
            continue
        out.append(clean_segment(text[pos:start]))
        out.append(clean_segment(text[start:end]), style=style)
        pos = end
    out.append(clean_segment(text[pos:]))
    return out


def _same(text: str) -> str:
    return text


def result_prompt(article: Article, snippet: str, spans: Iterable[tuple[int, int]], *,
                  read: bool, bookmarked: bool, width: int = 0, convert: Convert = _same,
                  title_spans: Iterable[tuple[int, int]] = ()) -> Text:
    """Title, source · date, snippet with the matches highlighted (`title_spans` in the title,
    `spans` in the snippet); wrapped CJK-aware to `width` (title and snippet at most two lines
    each) when a width is given. `convert` shows the title and snippet in the reader's script
    (keeping every character at its place: spans hold)."""
    title = Text(MARK if bookmarked else "", style="bold yellow")
    shown = highlighted(convert(article.title), title_spans) if article.title else Text("(无标题 untitled)")
    shown.stylize(Style(bold=not read, dim=read))
    title.append_text(shown)
    info = " · ".join(s for s in (source_label(article.source, article.source_name),
                                  article_date(article.published, article.archived, article.date_approx,
                                               time=False)) if s)
    line3 = highlighted(convert(snippet), spans)
    if read:
        line3.stylize(DIM)
    if width > 0:
        title, line3 = clip(title, width, 2), clip(line3, width, 2)
    return Text("\n").join([title, Text(info, style=DIM), line3])


def article_label(article: Article, *, read: bool, bookmarked: bool, convert: Convert = _same) -> Text:
    """A tree leaf: `★ 04-10 title`, dimmed once read; the title in the reader's script."""
    label = Text(MARK if bookmarked else "", style="bold yellow")
    day = clean(article.when[5:10])
    if day:
        label.append(f"≈{day} " if article.date_approx and not article.published else f"{day} ", style=DIM)
    label.append(clean(convert(article.title)) or "(无标题 untitled)", style=DIM if read else Style())
    return label


def count_label(name: str, count: int, style: Style | str = "") -> Text:
    label = Text(clean(name), style=style)
    label.append(f" ({count})", style=DIM)
    return label
