"""`newstui names --related NAME [--with OTHER]`: who is named in the same articles as NAME, more
often than by chance (archive/search/names/related.py: the names panel's list, same order and
numbers), or the articles naming both, newest first (the panel's pair listing)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .common import safe as _safe


def _named(index: Any, name: str) -> int | None:
    """The entity `name` names: one with that alias exactly, else the first the filter finds."""
    from ..archive.search.text.fold import fold

    found = index.find_names(name)
    exact = [e for e in found if any(fold(a) == fold(name) for a in e.aliases)]
    pick = (exact or found)[:1]
    return next((i for i, e in enumerate(index.entities) if pick and e is pick[0]), None)


def related(args: argparse.Namespace, archive: Any, index: Any) -> int:
    """`names --related NAME [--with OTHER]`: who is named with NAME, or the articles naming both."""
    import json

    from ..archive.search.names.related import both
    from ..archive.search.names.related import related as named_with

    e = _named(index, args.related)
    if e is None:
        print(f"newstui: no name {args.related!r} in this archive", file=sys.stderr)
        return 1
    entity = index.entities[e]
    if args.together:
        f = _named(index, args.together)
        if f is None:
            print(f"newstui: no name {args.together!r} in this archive", file=sys.stderr)
            return 1
        other = index.entities[f]
        shared = set(both(entity, other))
        rows = [a for a in archive.articles if a.id in shared]  # newest first, as the app lists them
        if args.json:
            sys.stdout.write(json.dumps([{"id": a.id, "path": a.path, "title": a.title} for a in rows],
                                        ensure_ascii=False, indent=2) + "\n")
        else:
            head = f"{entity.name} + {other.name}: {len(rows)} article{'s' if len(rows) != 1 else ''}"
            print(_safe("\n".join([head, *(f"{a.published[:10]:<10}  {a.title}" for a in rows)])))
        return 0
    found = named_with(index.entities, e, len(archive.articles))
    if args.json:
        sys.stdout.write(json.dumps([{"name": r.entity.name, "key": r.entity.key, "kind": r.entity.kind,
                                      "aliases": r.entity.aliases, "together": r.together,
                                      "lift": round(r.lift, 2), "score": round(r.score, 1)} for r in found],
                                    ensure_ascii=False, indent=2) + "\n")
        return 0
    lines = [f"{r.together:>5}  x{r.lift:<5.1f} {r.entity.kind:<12} {' · '.join(r.entity.aliases[:4])}"
             for r in found]
    print(_safe(f"named with {entity.name} ({len(entity.articles)} articles; articles together, times "
                "chance), most surprising first:\n" + "\n".join(lines)
                if lines else f"no name is more often with {entity.name} than by chance"))
    return 0
