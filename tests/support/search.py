"""Hand-made articles and the index over them, for the search tests (no tests here)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest

from support.paths import ROOT
from tui.archive.model import Article, Block
from tui.archive.search.engine import SearchIndex
from tui.archive.search.names.entities import Entity
from tui.archive.search.opening import build_index, load_archive
from tui.archive.store.archive import Archive

SEEDS = ROOT / "seeds"


def made(label: str, title: str, body: str, source: str = "test", published: str = "2023-01-01") -> Article:
    """An article written for a test: one paragraph, id `label`."""
    return Article(id=label, path=f"/made/{label}.md", shape="made", source=source, source_name=source,
                   title=title, published=published, body=(Block("paragraph", body),))


def index_of(articles: Iterable[Article], data_dir: Path, *, with_seeds: bool = False) -> SearchIndex:
    """The index over `articles` (after the five bundled seeds), its cache in `data_dir`."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NEWSTUI_DATA_DIR", str(data_dir))
        seeds = load_archive([SEEDS]) if with_seeds else None
        found = [seeds.get(a.id) for a in seeds.articles] if seeds is not None else []
        return build_index(Archive(found + list(articles)))


def named(index: SearchIndex, alias: str) -> list[Entity]:
    """The entities of `index` having `alias` among their aliases."""
    return [e for e in index.entities if alias in e.aliases]


def found(index: SearchIndex, query: str) -> set[str]:
    """The ids of the articles a search for `query` finds."""
    return {h.id for h in index.search(query, limit=1000)}
