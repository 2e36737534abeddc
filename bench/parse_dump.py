"""Every file's parsed record as JSON lines, to show a parser change leaves the output alone.

    python bench/parse_dump.py dump OUT.jsonl FOLDER [FOLDER ...]
    python bench/parse_dump.py diff BEFORE.jsonl AFTER.jsonl      # exit 1 when any record differs

`dump` parses every file under the folders (sorted by path, in one process) with `parse_file`
and writes one line per file: the whole `Article` (title, dates, URL, author, image, every
block with its links, rows and depth, the extraction) or the `Rejection` with its reason.
`diff` lists the paths whose record differs, field by field (the first 200 characters of each side).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import msgspec

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tui.archive.model import Rejection
from tui.archive.read.parse import parse_file


def _paths(folders: list[str]) -> list[str]:
    out: list[str] = []
    for folder in folders:
        if os.path.isfile(folder):
            out.append(os.path.abspath(folder))
            continue
        for d, _, names in os.walk(folder):
            out.extend(os.path.abspath(os.path.join(d, n)) for n in names)
    return sorted(out)


def dump(out: str, folders: list[str]) -> int:
    enc = msgspec.json.Encoder()
    with open(out, "wb") as fh:
        for path in _paths(folders):
            got = parse_file(path)
            kind = "rejection" if isinstance(got, Rejection) else "article"
            fh.write(enc.encode({"kind": kind, "record": got}) + b"\n")
    return 0


def _load(path: str) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    with open(path, "rb") as fh:
        for line in fh:
            row = msgspec.json.decode(line)
            out[row["record"]["path"]] = row
    return out


def diff(before: str, after: str) -> int:
    a, b = _load(before), _load(after)
    changed = 0
    for path in sorted(set(a) | set(b)):
        x, y = a.get(path), b.get(path)
        if x == y:
            continue
        changed += 1
        print(f"== {path}")
        if x is None or y is None:
            print("   only in", "after" if x is None else "before")
            continue
        if x["kind"] != y["kind"]:
            print(f"   {x['kind']} -> {y['kind']}")
        rx, ry = x["record"], y["record"]
        for key in sorted(set(rx) | set(ry)):
            if rx.get(key) != ry.get(key):
                pad = " " * len(key)
                print(f"   {key}: {str(rx.get(key))[:200]!r}\n   {pad}  {str(ry.get(key))[:200]!r}")
    print(f"{changed} of {len(set(a) | set(b))} records differ")
    return 1 if changed else 0


def main(argv: list[str]) -> int:
    if len(argv) >= 3 and argv[0] == "dump":
        return dump(argv[1], argv[2:])
    if len(argv) == 3 and argv[0] == "diff":
        return diff(argv[1], argv[2])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
