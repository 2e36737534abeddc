"""Search over an Archive.  (STUB: a plain substring scan; the real engine replaces it.)

The API is the contract the app and CLI use:
    index = SearchIndex.build(archive)
    hits = index.search("kishida", limit=50)      # best first
    index.terms("kishida")                         # strings to highlight inside an article
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .archive import Archive


@dataclass(frozen=True)
class Hit:
    id: str
    path: str
    title: str
    score: float
    snippet: str
    spans: list[tuple[int, int]] = field(default_factory=list)  # [start, end) in snippet
    matched: str = "body"  # "title" | "alias" | "body"


class SearchIndex:
    def __init__(self, archive: Archive) -> None:
        self.archive = archive

    @classmethod
    def build(cls, archive: Archive) -> SearchIndex:
        return cls(archive)

    def terms(self, query: str) -> list[str]:
        return [w for w in query.split() if w]

    def search(self, query: str, limit: int = 50) -> list[Hit]:
        q = query.strip().lower()
        if not q:
            return []
        hits: list[Hit] = []
        for meta in self.archive.articles:
            art = self.archive.get(meta.id)
            if q in art.title.lower():
                i = art.title.lower().index(q)
                hits.append(Hit(art.id, art.path, art.title, 100.0, art.title, [(i, i + len(q))], "title"))
                continue
            text = art.text()
            i = text.lower().find(q)
            if i >= 0:
                start = max(0, i - 30)
                snippet = text[start:i + len(q) + 30].replace("\n", " ")
                hits.append(Hit(art.id, art.path, art.title, 50.0, snippet, [(i - start, i - start + len(q))]))
        return hits[:limit]
