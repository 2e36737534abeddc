"""`newstui search` (with saved searches and an order) and `newstui saved`.

    newstui search 'kishida OR blinken after:6m' ~/news          hits, best first
    newstui search --sort date kishida ~/news                     newest first
    newstui search --save japan 'kishida OR 岸田' ~/news          save the query, then run it
    newstui search --saved japan ~/news                           run a saved query
    newstui saved [--json]  /  newstui saved --remove japan       list / forget saved queries

Saved searches live in the data directory (tui/userdata/saved.py). The search itself is
answered from the persisted index when the files are unchanged (quick.py), else after loading.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from ..archive.datelabel import article_date
from ..archive.search.query.syntax import SORTS, SYNTAX, parse
from .common import (
    PROG,
    UsageError,
    add_paths,
    answer_from_index,
    check_paths,
    load_archive,
    one_line,
    positive,
    print_json,
    safe,
)

if TYPE_CHECKING:
    from ..archive.search.engine import Hit
    from ..userdata.saved import SavedSearches


def syntax_help() -> str:
    """The query syntax, for `--help`."""
    width = max(len(example) for example, _ in SYNTAX)
    return "query syntax:\n" + "\n".join(f"  {example:<{width}}  {what}" for example, what in SYNTAX)


def setup_search(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = syntax_help()
    parser.add_argument("query", metavar="QUERY", nargs="?",
                        help="what to look for (see the syntax below); none with --saved")
    add_paths(parser)
    parser.add_argument("--no-serve", action="store_true",
                        help=f"search in this process even if '{PROG} serve' runs for the archive")
    parser.add_argument("--json", action="store_true", help="print a JSON array of hits, best first")
    parser.add_argument("--limit", type=positive, default=20, metavar="N", help="at most N hits (default 20)")
    parser.add_argument("--sort", choices=SORTS,
                        help="relevance: best first; date: newest first (overrides sort: in the query)")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--save", metavar="NAME", help="save QUERY as NAME in the data directory, then run it")
    which.add_argument("--saved", metavar="NAME",
                       help="run the search saved as NAME ('newstui saved' lists them)")


def _warn(message: str) -> None:
    print(f"{PROG}: {one_line(message)}", file=sys.stderr)


def _saved_searches() -> SavedSearches:
    """The saved searches, with a warning on stderr when not all of them could be read."""
    from ..userdata.saved import SavedSearches

    saved = SavedSearches.load()
    if saved.problem:
        _warn(saved.problem)
    return saved


def _query(args: argparse.Namespace) -> tuple[str, int]:
    """The query to run, and 1 when --save could not write it (the search still runs). The saved
    searches are read only with --save or --saved: a plain search imports nothing of them."""
    if args.saved is not None:
        if args.query is not None:
            args.paths.insert(0, args.query)  # with --saved, every argument is a path
        check_paths(args.paths)
        saved = _saved_searches()
        query = saved.get(args.saved)
        if query is None:
            raise UsageError(f"no saved search named {one_line(args.saved)!r}; '{PROG} saved' lists them")
        return query, 0
    if args.query is None or not args.query.strip():
        raise UsageError("a QUERY is needed (or --saved NAME)")
    check_paths(args.paths)
    if args.save is None:
        return args.query, 0
    saved = _saved_searches()
    try:
        problem = saved.save(args.save, args.query)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if problem:
        _warn(problem)
        return args.query, 1
    return args.query, 0


def run_search(args: argparse.Namespace) -> int:
    from ..archive.search.engine import SearchIndex

    query, status = _query(args)
    sys.stderr.write(query_notes(query))

    def ask(index: SearchIndex) -> list[Hit]:
        return index.search(query, limit=args.limit, sort=args.sort)

    hits = answer_from_index(args, ask)
    if hits is None:
        hits = ask(load_archive(args, index=True)[1])
    found, out, err = hits_output(hits, args.json)
    sys.stdout.write(out)
    sys.stderr.write(err)
    return status or found


def query_notes(query: str) -> str:
    """What `newstui search` warns of a query (an unknown source, a bad date...), a line each."""
    return "".join(f"{PROG}: {one_line(note)}\n" for note in parse(query).notes)


def hits_output(hits: list[Hit], as_json: bool) -> tuple[int, str, str]:
    """What `newstui search` prints of its hits (in-process and served alike): (exit status, stdout,
    stderr). Nothing matched: status 1, as grep and rg, with `no matches` on stderr (or `[]` on
    stdout with --json)."""
    if not hits:
        return 1, "[]\n" if as_json else "", "" if as_json else "no matches\n"
    return 0, hits_text(hits, as_json) + "\n", ""


def hits_text(hits: list[Hit], as_json: bool) -> str:
    """The hits as `newstui search` prints them (JSON, or text made safe for a terminal)."""
    return hits_to_json(hits) if as_json else safe(format_hits(hits))


def setup_saved(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help='print a JSON array of {"name", "query"}')
    parser.add_argument("--remove", metavar="NAME", help="forget the search saved as NAME")


def run_saved(args: argparse.Namespace) -> int:
    saved = _saved_searches()
    if args.remove is not None:
        if saved.get(args.remove) is None:
            raise UsageError(f"no saved search named {one_line(args.remove)!r}")
        problem = saved.remove(args.remove)
        if problem:
            _warn(problem)
            return 1
        return 0
    items = saved.items()
    if args.json:
        print_json([{"name": name, "query": query} for name, query in items])
    elif not items:
        print(f"no saved searches (save one with: {PROG} search --save NAME QUERY)")
    else:
        width = min(max(len(name) for name, _ in items), 30)
        for name, query in items:
            print(f"{one_line(name):<{width}}  {one_line(query)}")
    return 0


def hits_to_json(hits: list[Hit]) -> str:
    """The `newstui search --json` output: a JSON array of hit objects, best first."""
    return json.dumps([h.to_dict() for h in hits], ensure_ascii=False, indent=2)


def format_hits(hits: list[Hit], mark: tuple[str, str] = ("[", "]")) -> str:
    """Readable text for `newstui search`: one block per hit, matches bracketed in the snippet."""
    if not hits:
        return "no matches"
    lines: list[str] = []
    for n, h in enumerate(hits, 1):
        snippet, done = h.snippet, 0
        parts: list[str] = []
        for a, b in h.spans:
            parts += [snippet[done:a], mark[0], snippet[a:b], mark[1]]
            done = b
        parts.append(snippet[done:])
        date = article_date(h.published, h.date, h.date_approx, time=False) or "undated"
        lines += [f"{n:>3}. {h.title}  ({h.source_name or h.source}, {date}, {h.matched}, {h.score:g})",
                  f"     {''.join(parts)}", f"     {h.path}"]
    return "\n".join(lines)
