"""The manifest: which base and delta segments make the archive now, and the files they hold.

    <data dir>/cache/<hash>.cache          the base segment's cache (its index in index/)
    <data dir>/cache/<hash>.delta.cache    the delta segment's cache (its index in index/)
    <data dir>/cache/<hash>.manifest       this: JSON, replaced atomically (the commit point)

A `Manifest` names each segment by its cache's identity (meta crc, count, write time), the base
paths the delta removes (deleted, or superseded by a newer version of the file in the delta) and
the digest of the files base and delta hold together (stamps.py). It is written last, after both
segments' files are in place: a reader trusts a segment only when the file on disk has the identity
the manifest names, so a process killed between two renames leaves a manifest that names files no
longer there, which readers ignore (and the next load rebuilds the delta from the files).
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import msgspec

from .files import atomic_write, locked

FORMAT = 1


class Manifest(msgspec.Struct):
    format: int
    base: list[Any]  # the base cache's identity: [meta crc, count, write time]
    delta: list[Any]  # the delta cache's identity
    removed: list[str]  # base paths the delta removes, sorted
    stamps: list[int]  # stamps.digest of the files base and delta hold: [count, sum]


def manifest_path(cache_file: Path) -> Path:
    return cache_file.with_name(cache_file.stem + ".manifest")


def delta_path(cache_file: Path) -> Path:
    """The delta segment's cache file beside the base's (its index: search/disk/format.index_path)."""
    return cache_file.with_name(cache_file.stem + ".delta.cache")


def read(cache_file: Path) -> Manifest | None:
    """The manifest beside the base cache `cache_file`; None when there is none or it is damaged
    (then nothing is trusted beyond the base, and the next load writes a new one)."""
    try:
        raw = manifest_path(cache_file).read_bytes()
    except OSError:
        return None
    try:
        found = msgspec.json.decode(raw, type=Manifest)
    except (msgspec.DecodeError, msgspec.ValidationError):
        return None
    return found if found.format == FORMAT else None


def write(cache_file: Path, manifest: Manifest, mode: int | None = None) -> None:
    """Replace the manifest (temp file, fsync, rename) under the base cache's lock. OSError.
    `mode`: the file's permissions (default 0600; a shared index dir's are readable)."""
    data = msgspec.json.encode(manifest)
    with locked(cache_file.with_suffix(".lock"), mode):
        atomic_write(manifest_path(cache_file), data, mode)


def drop(cache_file: Path, index_of: Any = None) -> None:
    """Forget the delta: the manifest first (so that nothing names the delta), then its files
    (`index_of(cache file)`: where its index is, when the caller knows)."""
    delta = delta_path(cache_file)
    doomed = [manifest_path(cache_file), delta]
    if index_of is not None:
        doomed.append(index_of(delta))
    for path in doomed:
        with contextlib.suppress(OSError):
            path.unlink()
