"""What a row of the results pane shows: full (title, source · date, snippet) or compact (one
line: date, source, title). The query's matches are lit in the title as search lights them
(the searcher's `Highlights` for the query or the entity), in the snippet by the hit's spans.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import Protocol

from rich.style import Style
from rich.text import Text

from ...archive.model import Article
from ...archive.search.engine import Hit
from ...archive.search.rank.highlights import Highlights
from ...archive.store.archive import Archive
from ...userdata.reading import ReadingState
from ..article.render import DIM, MARK, highlighted, result_prompt
from ..article.script import Script
from ..article.text import source_label
from ..article.wrap import clip


class Rows(Protocol):
    """What the rows are of (the results pane): the hits listed, the archive, what to light."""

    archive: Archive | None

    @property
    def hits(self) -> Mapping[str, Hit]: ...

    def terms(self) -> list[str]: ...


class RowText:
    def __init__(self, results: Rows, state: ReadingState, script: Script) -> None:
        self.results, self.state, self.script = results, state, script
        self.compact = False
        self._lit: tuple[list[str] | None, Highlights] = (None, Highlights())
        self._spans: dict[str, list[tuple[int, int]]] = {}  # title -> its spans, for `_lit`

    def title_spans(self, title: str) -> list[tuple[int, int]]:
        """Where the query's (or the entity's) matches are in `title`, by search's rule (each
        title's found once per query: a row's key and its drawing both ask)."""
        terms = self.results.terms()
        if terms is not self._lit[0]:
            self._lit, self._spans = (terms, Highlights.of(terms)), {}
        if not terms:
            return []
        found = self._spans.get(title)
        if found is None:
            found = self._spans[title] = self._lit[1].spans(title)
        return found

    def meta(self, article_id: str) -> Article:
        """The article of a row: as the archive holds it, or while only its outline is there (the
        index searched before the cache is decoded), as its hit names it."""
        archive = self.results.archive
        if archive is not None and article_id in archive:
            return archive.meta(article_id)
        return as_article(self.results.hits[article_id])

    def key(self, article_id: str, width: int) -> Hashable:
        """Everything a row shows (see `prompt`)."""
        hit, state = self.results.hits[article_id], self.state
        title = self.meta(article_id).title
        return (article_id, self.compact, hit.snippet, tuple(map(tuple, hit.spans)),
                tuple(self.title_spans(title)), width, state.is_read(article_id),
                state.is_bookmarked(article_id), self.script.mode)

    def prompt(self, article_id: str, width: int) -> Text:
        hit, state = self.results.hits[article_id], self.state
        article = self.meta(article_id)
        read, marked = state.is_read(article_id), state.is_bookmarked(article_id)
        spans = self.title_spans(article.title)
        if self.compact:
            return compact_row(article.when[:10], source_label(article.source, article.source_name),
                               self.script.convert(article.title), spans, width=width, read=read,
                               bookmarked=marked)
        return result_prompt(article, hit.snippet, hit.spans, width=width, read=read, bookmarked=marked,
                             convert=self.script.convert, title_spans=spans)


def as_article(hit: Hit) -> Article:
    """What a row shows of an article (no body), from its hit."""
    return Article(hit.id, hit.path, "", hit.source, hit.source_name, hit.title, published=hit.published,
                   archived=hit.date if hit.date_approx else "", date_approx=hit.date_approx)


def compact_row(day: str, source: str, title: str, spans: list[tuple[int, int]], *, width: int,
                read: bool, bookmarked: bool) -> Text:
    """`2024-04-10 美国之音 title…`: one line, the title cut with `…` at `width` (the source by its
    first word: its Chinese name where it has one)."""
    row = Text(MARK if bookmarked else "", style="bold yellow")
    row.append(f"{day or '----------'} ", style=DIM)
    row.append(f"{source.split(' ')[0][:8]} ", style=Style(color="cyan", dim=read))  # 美国之音, not VOA
    shown = highlighted(title, spans) if title else Text("(无标题 untitled)")
    shown.stylize(Style(dim=True) if read else Style(bold=True))
    row.append_text(shown)
    return clip(row, width, 1) if width > 0 else row
