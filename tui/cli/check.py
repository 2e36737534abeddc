"""`newstui check`: the files that are not articles and the fields missing per file; `--stats`."""

from __future__ import annotations

import argparse

from .common import add_paths, load_archive, one_line, print_json, safe


def setup_check(parser: argparse.ArgumentParser) -> None:
    add_paths(parser)
    parser.add_argument("--json", action="store_true", help="print the findings as one JSON object")
    parser.add_argument("--stats", action="store_true",
                        help="per source and shape: articles, empty/short/lost bodies, undated,"
                             " approximate dates, fallback-extracted")


def run_check(args: argparse.Namespace) -> int:
    archive = load_archive(args)
    if args.stats:
        return _check_stats(archive, args.json)
    rejected = [r.to_dict() for r in archive.rejections]
    missing = []
    for meta in sorted(archive.articles, key=lambda a: a.path):
        absent = archive.get(meta.id).missing()  # get(): the body, which the archive loads lazily
        if absent:
            missing.append({"path": meta.path, "id": meta.id, "missing": absent})
    summary = {"files": len(archive) + len(rejected), "articles": len(archive),
               "rejected": len(rejected), "incomplete": len(missing)}
    if args.json:
        print_json({"summary": summary, "rejected": rejected, "missing": missing})
    else:
        for r in rejected:
            print(f"rejected  {one_line(r['path'])}: {one_line(r['reason'])}")
        for m in missing:
            print(f"missing   {one_line(m['path'])}: {', '.join(m['missing'])}")
        print(f"{summary['files']} files: {summary['articles']} articles, {summary['rejected']} rejected,"
              f" {summary['incomplete']} with missing fields")
    return 1 if rejected else 0


def _check_stats(archive, as_json: bool) -> int:
    from ..archive.store import stats

    rows = stats.collect(archive.get(meta.id) for meta in archive.articles)
    if as_json:
        print_json({"rejected": len(archive.rejections), "columns": list(stats.COLUMNS),
                    "rows": [{"source": r.source, "shape": r.shape, **r.counts, "lost_paths": r.lost,
                              "undated_paths": r.undated} for r in [*rows, stats.total(rows)]]})
    else:
        print(safe(stats.table(rows)))
        print(f"{len(archive.rejections)} files rejected; lost = a short body (under {stats.SHORT}"
              f" characters) although the file holds {stats.SHORT}+ more characters of text")
    return 0
