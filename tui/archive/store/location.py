"""Where the archive's cache and search index live, and whether this process may write them.

    place = locate(roots, named="/srv/newstui")   # Place(directory, shared, writable, named_by)

Two kinds of directory. The user's own data dir (paths.data_dir) holds a private cache + index,
and always the user's reading state, bookmarks, saved searches and history (userdata/), whatever
`locate` says. An index directory shared by many users is named by `--index-dir`, else
$NEWSTUI_INDEX_DIR, else the config's `index_dir` (the caller passes the flag and the setting:
this layer reads no config); without one, a system-wide directory (SYSTEM_DIRS) is used when it
already holds a cache for these roots. Whoever can write the shared directory keeps it current;
everyone else opens it read-only (search/shared.py), and messages name its owner (`owner`) and
the command that rebuilds it (`rebuild_command`).
"""

from __future__ import annotations

import os
import shlex
import stat
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from platformdirs import site_data_dir

from .cache import cache_path
from .files import creation_mode
from .paths import bundled_seeds
from .paths import data_dir as own_data_dir

ENV_INDEX_DIR = "NEWSTUI_INDEX_DIR"

#: Looked in, in order, when no index dir is named: the first holding a cache for the roots is used.
#: On Linux /var/lib/newstui (the FHS place for a program's state; platformdirs' site data dir,
#: /usr/local/share, is meant for static files); elsewhere platformdirs' site data dir.
SYSTEM_DIRS: tuple[Path, ...] = ((Path("/var/lib/newstui"),) if sys.platform.startswith("linux")
                                 else (Path(site_data_dir("newstui", appauthor=False)),))


@dataclass(frozen=True)
class Place:
    """Where the cache + index are for one set of roots, and what this process may do there."""

    directory: Path
    shared: bool = False  # a named or system-wide index dir, not the user's own data dir
    writable: bool = True  # False: open read-only, never rebuild, never lock, never clean up
    named_by: str = ""  # "--index-dir", "$NEWSTUI_INDEX_DIR", "config", "system" (for messages)

    @property
    def file_mode(self) -> int | None:
        """The mode new cache and index files get: in a shared dir what the umask gives ordinary
        files (0644 under umask 022), so readers can open them; None (0600) in the user's own."""
        return creation_mode() if self.shared else None


def locate(roots: Sequence[str], named: str | os.PathLike[str] | None = None,
           configured: str | None = None, data_dir: str | os.PathLike[str] | None = None) -> Place:
    """The place of `roots`' cache + index: `named` (the --index-dir flag), else $NEWSTUI_INDEX_DIR,
    else `configured` (the config's index_dir), else the first SYSTEM_DIRS entry holding a cache
    for `roots`, else the user's own data dir (`data_dir` overrides it, as in paths.data_dir)."""
    env = os.environ.get(ENV_INDEX_DIR, "").strip()
    for value, named_by in ((named, "--index-dir"), (env, f"${ENV_INDEX_DIR}"), (configured, "config")):
        if value:
            directory = Path(value).expanduser().absolute()
            return Place(directory, True, writable(directory), named_by)
    for directory in SYSTEM_DIRS:
        if cache_path(directory, roots).is_file():
            return Place(directory, True, writable(directory), "system")
    return Place(own_data_dir(data_dir))


def writable(directory: Path) -> bool:
    """Can this process write the cache + index in `directory` (create files in its cache/ and
    index/, or create those, or the directory itself)? Asked of the OS (os.access: permissions,
    a read-only mount), never by trying: a reader must leave no trace."""
    wanted = os.W_OK | os.X_OK
    subdirs = [directory / "cache", directory / "index"]
    if directory.is_dir():
        return all(os.access(d if d.is_dir() else directory, wanted) for d in subdirs)
    parent = directory.parent
    while not parent.is_dir() and parent != parent.parent:
        parent = parent.parent
    return os.access(parent, wanted)


def owner(directory: Path) -> str:
    """Who can rebuild `directory`, for people: its owner's name (and its group when the group
    may write it), e.g. "newsadmin" or "root or a member of group news"."""
    try:
        info = directory.stat()
    except OSError:
        return "whoever can write it"
    try:
        import pwd

        name = pwd.getpwuid(info.st_uid).pw_name
    except (ImportError, KeyError):
        name = f"user {info.st_uid}"
    if info.st_mode & stat.S_IWGRP:
        try:
            import grp

            name += f" or a member of group {grp.getgrgid(info.st_gid).gr_name}"
        except (ImportError, KeyError):
            name += f" or a member of group {info.st_gid}"
    return name


def rebuild_command(roots: Sequence[str], directory: Path) -> str:
    """The command that builds or refreshes the cache + index of `roots` in `directory`."""
    paths = [] if list(roots) == [str(bundled_seeds())] else list(roots)
    return shlex.join(["newstui", "index", *paths, "--index-dir", str(directory)])
