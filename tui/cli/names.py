"""`newstui names`: people, organisations and agreements with their aliases and articles."""

from __future__ import annotations

import argparse
import sys

from .common import add_paths, load_archive, safe


def setup_names(parser: argparse.ArgumentParser) -> None:
    add_paths(parser)
    parser.add_argument("--json", action="store_true",
                        help="print a JSON array of names with their aliases and articles")
    parser.add_argument("--related", metavar="NAME",
                        help="the names most often in the same articles as NAME (more than by chance)")
    parser.add_argument("--with", dest="together", metavar="OTHER",
                        help="with --related: the articles naming both NAME and OTHER")


def run_names(args: argparse.Namespace) -> int:
    import json

    from ..archive.search.names.entities import format_entities
    from ..archive.timeline import timeline

    archive, index = load_archive(args, index=True)
    entities = index.entities
    if args.related:
        from .related import related

        return related(args, archive, index)
    if not args.json:
        print(safe(format_entities(entities)))
        return 0
    out = []
    for entity in entities:
        articles = [archive.meta(i) for i in entity.articles if i in archive]
        out.append({**entity.to_dict(), **timeline(a.published for a in articles).to_dict(),
                    "articles": [{"id": a.id, "path": a.path, "title": a.title} for a in articles]})
    sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
    return 0
