"""Which files an archive holds: folders walked recursively, never following a loop.

    files, problems = scan_files(paths)   # absolute path -> (size, mtime_ns); Rejections
    scan(paths)                           # just the paths

Dot-folders (.git) and media/binary suffixes are skipped inside folders; a file named explicitly
is always tried. Pipes, sockets and devices are reported, never opened; vanished files and
broken links are reasons, not crashes.
"""

from __future__ import annotations

import os
import stat
from collections import deque
from collections.abc import Iterable
from pathlib import Path

from ..model import Rejection
from . import turns

#: Never articles: skipped inside folders (a file named explicitly is always tried).
_SKIPPED = """
    .jpg .jpeg .png .gif .webp .bmp .ico .svg .tif .tiff .avif .heic .psd
    .mp3 .mp4 .m4a .m4v .wav .ogg .oga .webm .mov .avi .mkv .flv
    .zip .gz .tgz .bz2 .xz .zst .7z .rar .tar .jar .whl
    .pdf .doc .docx .xls .xlsx .ppt .pptx .epub
    .exe .dll .so .dylib .o .a .pyc .class .bin .iso .dmg
    .woff .woff2 .ttf .otf .eot .css .js .map
    .db .sqlite .sqlite3 .pkl .pickle .npy .parquet
"""
SKIP_SUFFIXES = frozenset(_SKIPPED.split())


Key = tuple[int, int]  # (size, mtime_ns)


def scan(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The article-like files under `paths` (files and folders, recursively), sorted per folder."""
    found, _ = scan_files(paths)
    return [Path(p) for p in found]


def scan_files(paths: Iterable[str | os.PathLike[str]]) -> tuple[dict[str, Key], list[Rejection]]:
    """Absolute path -> (size, mtime_ns) of every file to read, and the paths that cannot be."""
    walk = Walk(paths)
    walk.run(walk.folders)
    return walk.files, walk.problems


class Walk:
    """One scan: the roots named, then folders listed one at a time (`run`), possibly split:
    `expand` lists folders breadth-first until enough are pending to share between processes
    (stamps.py), each of which runs its share with the same rules."""

    def __init__(self, paths: Iterable[str | os.PathLike[str]]) -> None:
        self.files: dict[str, Key] = {}
        self.problems: list[Rejection] = []
        self.seen: set[tuple[int, int]] = set()
        self.folders: list[str] = []  # pending, in the order `run` takes them (a stack: last first)
        for root in paths:
            path = os.path.abspath(os.fspath(root))
            try:
                st = os.stat(path)
            except OSError as exc:
                self.problems.append(Rejection(path, _stat_reason(path, exc)))
                continue
            if stat.S_ISDIR(st.st_mode):
                self.folders.insert(0, path)
            elif stat.S_ISREG(st.st_mode):
                self.files[path] = (st.st_size, st.st_mtime_ns)
            else:
                self.problems.append(Rejection(path, "not a regular file"))

    def run(self, stack: list[str]) -> None:
        """List every folder in `stack` and below (depth first, sorted: the order files are parsed)."""
        while stack:
            turns.turn()
            stack.extend(reversed(self._list(stack.pop())))

    def expand(self, enough: int) -> None:
        """List pending folders breadth first until `enough` are pending (or none are left)."""
        queue = deque(reversed(self.folders))
        while queue and len(queue) < enough:
            queue.extend(self._list(queue.popleft()))
        self.folders = list(reversed(queue))

    def _list(self, folder: str) -> list[str]:
        """Record the files of `folder`; its subfolders."""
        files, problems = self.files, self.problems
        try:
            st = os.stat(folder)
            if (st.st_dev, st.st_ino) in self.seen:
                return []  # a symlink loop, or a folder reached twice
            self.seen.add((st.st_dev, st.st_ino))
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            problems.append(Rejection(folder, f"cannot list folder: {exc.strerror}"))
            return []
        subfolders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue  # .git, .github, .DS_Store, editors' files
            try:
                if entry.is_dir():
                    subfolders.append(entry.path)
                elif entry.is_file():
                    name = entry.name
                    dot = name.rfind(".")
                    if dot <= 0 or name[dot:].lower() not in SKIP_SUFFIXES:  # splitext, cheaper
                        st = entry.stat()
                        files[entry.path] = (st.st_size, st.st_mtime_ns)
                elif entry.is_symlink():
                    problems.append(Rejection(entry.path, "broken symbolic link"))
                else:  # never opened: reading a pipe would block the scan
                    problems.append(Rejection(entry.path, "not a regular file (a pipe, socket or device)"))
            except OSError as exc:
                problems.append(Rejection(entry.path, _stat_reason(entry.path, exc)))
        return subfolders


def _stat_reason(path: str, exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "broken symbolic link" if os.path.islink(path) else "no such file (vanished during the scan?)"
    return f"cannot read: {exc.strerror}"


def encodable(path: str) -> bool:
    """Whether `path` is UTF-8: a file name of undecodable bytes is kept in memory, never written
    to the cache or its summary."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
