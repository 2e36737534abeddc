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
from collections.abc import Iterable
from pathlib import Path

from .model import Rejection

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
    files: dict[str, Key] = {}
    problems: list[Rejection] = []
    seen_dirs: set[tuple[int, int]] = set()
    for root in paths:
        path = os.path.abspath(os.fspath(root))
        try:
            st = os.stat(path)
        except OSError as exc:
            problems.append(Rejection(path, _stat_reason(path, exc)))
            continue
        if stat.S_ISDIR(st.st_mode):
            _walk(path, files, problems, seen_dirs)
        elif stat.S_ISREG(st.st_mode):
            files[path] = (st.st_size, st.st_mtime_ns)
        else:
            problems.append(Rejection(path, "not a regular file"))
    return files, problems


def _walk(root: str, files: dict[str, Key], problems: list[Rejection], seen: set[tuple[int, int]]) -> None:
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            st = os.stat(folder)
            if (st.st_dev, st.st_ino) in seen:
                continue  # a symlink loop, or a folder reached twice
            seen.add((st.st_dev, st.st_ino))
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            problems.append(Rejection(folder, f"cannot list folder: {exc.strerror}"))
            continue
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
        stack.extend(reversed(subfolders))


def _stat_reason(path: str, exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "broken symbolic link" if os.path.islink(path) else "no such file (vanished during the scan?)"
    return f"cannot read: {exc.strerror}"
