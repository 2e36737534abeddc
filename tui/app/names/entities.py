"""Names panel data: rank and filter entities, draw their rows, list their articles (or any
listing of articles) as hits.

Pure functions (no Textual), safe to run in worker threads. File text is never markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from rich.style import Style
from rich.text import Text

from ...archive.search.engine import Hit
from ...archive.search.names import Entity
from ...archive.search.searcher import NameFinder
from ...archive.search.textindex import fold
from ...archive.store.archive import Archive
from ..article.render import DIM, match_pattern
from ..article.text import clean
from ..article.wrap import clip

KIND_LABELS = {"person": "人物 person", "organisation": "机构 organisation",
               "agreement": "协议 agreement", "place": "地点 place", "other": "其他 other"}
SNIPPET_BEFORE, SNIPPET_WIDTH = 12, 120


def ranked(entities: Iterable[Entity]) -> list[Entity]:
    """Most articles first, then by name; one row per entity key."""
    seen: dict[str, Entity] = {}
    for entity in entities:
        seen.setdefault(entity.key, entity)
    return sorted(seen.values(), key=lambda e: (-len(e.articles), e.name))


def find(index: NameFinder, text: str) -> list[Entity]:
    """Entities whose aliases contain `text` (any case), or that it spells in pinyin or with a typo
    (the index's `find_names`); all of them for an empty text."""
    return ranked(index.find_names(text) if text.strip() else index.entities)


def aliases_line(entity: Entity) -> str:
    others = [clean(a) for a in entity.aliases if clean(a) and clean(a) != clean(entity.name)]
    return " · ".join(others)


def entity_prompt(entity: Entity, width: int = 0) -> Text:
    """`岸田文雄  人物 person … 4 篇` over `Fumio Kishida · 岸田 · Kishida` (dim)."""
    count = Text(f"{len(entity.articles)} 篇", style=Style(color="cyan"))
    head = Text(clean(entity.name) or clean(entity.key), style=Style(bold=True))
    head.append("  " + KIND_LABELS.get(entity.kind, entity.kind), style=DIM)
    aliases = Text(aliases_line(entity) or "—", style=DIM)
    if width > 0:
        head = clip(head, max(4, width - count.cell_len - 1), 1)
        aliases = clip(aliases, width, 1)
        head.append(" " * max(1, width - head.cell_len - count.cell_len))
    else:
        head.append(" ")
    head.append_text(count)
    return Text("\n").join([head, aliases])


def article_ids(archive: Archive, entity: Entity) -> list[str]:
    """The entity's articles present in `archive`, newest first (the archive's order)."""
    wanted = set(entity.articles)
    return [a.id for a in archive.articles if a.id in wanted]


def entity_hits(archive: Archive, entity: Entity, limit: int) -> list[Hit]:
    """The entity's articles, newest first, each with a snippet around its first alias."""
    pattern = match_pattern(entity.aliases)
    hits: list[Hit] = []
    for article_id in article_ids(archive, entity)[:limit]:
        article = archive.get(article_id)
        body = article.text().replace("\n", " ")
        found = pattern.search(fold(body)) if pattern else None  # folded: either script matches
        text = body if found else article.title
        start = max(0, found.start() - SNIPPET_BEFORE) if found else 0
        end = min(len(text), start + SNIPPET_WIDTH)
        prefix, suffix = ("…" if start else ""), ("…" if end < len(text) else "")
        snippet = prefix + text[start:end] + suffix
        spans = _spans(pattern.finditer(fold(text), start, end) if pattern else (), start, len(prefix))
        hits.append(Hit(article.id, article.path, article.title, float(len(hits)), snippet, spans,
                        "alias", article.source, article.source_name, article.published))
    return hits


def listing_hits(archive: Archive, ids: list[str]) -> list[Hit]:
    """Articles as result rows (the newest listing of the archive or a tree node): each with the
    start of its text as the snippet. Reads bodies: run it off the UI thread."""
    hits: list[Hit] = []
    for article_id in ids:
        if article_id not in archive:
            continue
        article = archive.get(article_id)
        body = " ".join(article.text().split())
        snippet = body[:SNIPPET_WIDTH] + ("…" if len(body) > SNIPPET_WIDTH else "")
        hits.append(Hit(article.id, article.path, article.title, float(len(hits)), snippet, [],
                        "body", article.source, article.source_name, article.published))
    return hits


def _spans(found: Iterable[re.Match[str]], start: int, shift: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for m in found:
        a, b = m.span()
        if b > a:
            out.append((a - start + shift, b - start + shift))
    return out


def status_line(entity: Entity, shown: Sequence[Hit]) -> str:
    total = len(entity.articles)
    more = f" (first {len(shown)})" if len(shown) < total else ""
    return f"{clean(entity.name)} · {total} articles{more} · Esc: back to names"
