"""Articles listed without a query as result rows: an entity's articles, the articles naming two
entities (`pair`), or a listing (the newest of the archive, a tree node's), each as a `Hit` with a
snippet.

An entity's rows light its aliases by the rule search matched them with (highlights.py): the
`Highlights` given, usually `SearchIndex.entity_terms(entity)`, so 罗斯 (Roth) is not lit inside
俄罗斯 in his listing, as it was not counted there when his articles were found. Reads bodies: run
it off the UI thread.
"""

from __future__ import annotations

from collections.abc import Iterable

from ...model import Article
from ...store.archive import Archive
from ..names.entities import Entity
from ..names.related import both
from .highlights import Highlights
from .hits import Hit

SNIPPET_BEFORE, SNIPPET_WIDTH = 12, 120


def article_ids(archive: Archive, entity: Entity) -> list[str]:
    """The entity's articles present in `archive`, newest first (the archive's order)."""
    wanted = set(entity.articles)
    return [a.id for a in archive.articles if a.id in wanted]


def entity_hits(archive: Archive, entity: Entity, lights: Iterable[str], limit: int) -> list[Hit]:
    """The entity's articles, newest first, each with a snippet around its first alias lit by
    `lights` (a `Highlights`, or plain strings lit wherever they occur)."""
    marks = Highlights.of(lights)
    hits: list[Hit] = []
    for article_id in article_ids(archive, entity)[:limit]:
        article = archive.get(article_id)
        body = article.text().replace("\n", " ")
        spans = marks.spans(body)
        text = body if spans else article.title
        if not spans:
            spans = marks.spans(text)
        start = max(0, spans[0][0] - SNIPPET_BEFORE) if text is body else 0
        end = min(len(text), start + SNIPPET_WIDTH)
        prefix, suffix = ("…" if start else ""), ("…" if end < len(text) else "")
        snippet = prefix + text[start:end] + suffix
        shift = len(prefix) - start
        shown = [(a + shift, b + shift) for a, b in spans if start <= a and b <= end]
        hits.append(Hit(article.id, article.path, article.title, float(len(hits)), snippet, shown,
                        "alias", article.source, article.source_name, article.published,
                        *_date(article)))
    return hits


def pair(a: Entity, b: Entity) -> Entity:
    """The articles naming both `a` and `b`, listed as one entity `A + B` with the aliases of both
    (`entity_hits` lists it; `lights_of_both` lights both in it)."""
    return Entity(f"{a.key}+{b.key}", f"{a.name} + {b.name}", "pair", [*a.aliases, *b.aliases], both(a, b))


def lights_of_both(a: Iterable[str], b: Iterable[str]) -> Highlights:
    """What two entities light (each `SearchIndex.entity_terms`), together: each alias kept from
    the longer names it was not counted inside for its own entity."""
    first, second = Highlights.of(a), Highlights.of(b)
    blockers = {k: [*first.blockers.get(k, []), *second.blockers.get(k, [])]
                for k in {*first.blockers, *second.blockers}}
    return Highlights([*first, *second], blockers, first.words or second.words,
                      first.loose | second.loose, first.capitals | second.capitals)


def listing_hits(archive: Archive, ids: list[str]) -> list[Hit]:
    """Articles as result rows (the newest listing of the archive or a tree node): each with the
    start of its text as the snippet, nothing lit."""
    hits: list[Hit] = []
    for article_id in ids:
        if article_id not in archive:
            continue
        article = archive.get(article_id)
        body = " ".join(article.text().split())
        snippet = body[:SNIPPET_WIDTH] + ("…" if len(body) > SNIPPET_WIDTH else "")
        hits.append(Hit(article.id, article.path, article.title, float(len(hits)), snippet, [],
                        "body", article.source, article.source_name, article.published,
                        *_date(article)))
    return hits


def _date(article: Article) -> tuple[str, bool]:
    """A hit's `date` and `date_approx` fields for an article."""
    return article.when[:10], article.date_approx and not article.published
