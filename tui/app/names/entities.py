"""Names panel data: rank and filter entities, draw their rows. (Their articles, and any listing of
articles, come as hits from the search layer: search/rank/listing.py.)

Pure functions (no Textual), safe to run in worker threads. File text is never markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.style import Style
from rich.text import Text

from ...archive.search.engine import Hit
from ...archive.search.names.entities import Entity
from ...archive.search.names.related import Related
from ...archive.search.searcher import NameFinder
from ..article.render import DIM
from ..article.text import clean
from ..article.wrap import clip
from ..search.status import plural

KIND_LABELS = {"person": "人物 person", "organisation": "机构 organisation",
               "agreement": "协议 agreement", "place": "地点 place", "other": "其他 other"}


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
    return _two_lines(entity, Text(f"{len(entity.articles)} 篇", style=Style(color="cyan")), width)


def _two_lines(entity: Entity, count: Text, width: int) -> Text:
    """The entity's name and kind with `count` at the right, over its other aliases (dim)."""
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


def status_line(entity: Entity, shown: Sequence[Hit]) -> str:
    total = len(entity.articles)
    more = f" (first {len(shown)})" if len(shown) < total else ""
    return f"{clean(entity.name)} · {plural(total, 'article')}{more} · Esc: back to names"


def pair_status(a: Entity, b: Entity, total: int, shown: Sequence[Hit]) -> str:
    """`习近平 + 李克强: 426 articles · Esc: back to 习近平's names`."""
    more = f" (first {len(shown)})" if len(shown) < total else ""
    return (f"{clean(a.name)} + {clean(b.name)}: {plural(total, 'article')}{more}"
            f" · Esc: back to {clean(a.name)}'s names")


def together(r: Related) -> str:
    """`426 篇 ×4.4`: articles naming both, and how many times chance."""
    return f"{r.together} 篇 ×{r.lift:.1f}" if r.lift < 100 else f"{r.together} 篇 ×{r.lift:.0f}"


def related_prompt(r: Related, width: int = 0) -> Text:
    """A related name's row: `李克强  人物 person … 426 篇 ×4.4` over its other aliases (dim)."""
    return _two_lines(r.entity, Text(together(r), style=Style(color="cyan")), width)


def related_strip(found: Sequence[Related] | None, width: int = 0) -> Text:
    """Under the names: `同现 with 李克强 426 · 任志强 299 · …  (w)` (None: still working)."""
    line = Text("同现 with ", style=DIM)
    if found is None:
        line.append("…", style=DIM)
        return line
    if not found:
        line.append("no name more often than by chance", style=DIM)
        return line
    for n, r in enumerate(found):
        if n:
            line.append(" · ", style=DIM)
        line.append(clean(r.entity.name))
        line.append(f" {r.together}", style=Style(color="cyan"))
    line = clip(line, max(8, width - 4), 2) if width > 0 else line
    line.append("  (w)", style=Style(bold=True))
    return line
