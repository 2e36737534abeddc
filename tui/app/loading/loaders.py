"""Where the app's archive comes from: its outline or the last cache at once, then the files,
then the index.

`Loader.outline()` runs first (the summary of the last cache: newest articles and counts, read in
milliseconds at any size); then `Loader.early_index()` (the index persisted beside the last cache,
opened from its own columns: search answers from here on, no article record decoded); then
`Loader.early()` (the last cache decoded, searched by that index; no file scanned);
`Loader.load()` next, which proves the files current and takes the index already opened when
they are. All run in the app's
loading worker thread, never on the UI thread. `build_index` also runs there.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ...archive.search import opening, quick, shared
from ...archive.search.engine import SearchIndex
from ...archive.search.searcher import Lookup
from ...archive.store import loader, segments, summary
from ...archive.store.archive import Archive
from ...archive.store.cache import cache_path
from ...archive.store.identity import parser_version, roots_of
from ...archive.store.loader import LoadResult
from ...archive.store.location import Place
from ...archive.store.paths import data_dir as own_data_dir
from ...config import Config
from ...userdata.history import History
from ...userdata.reading import ReadingState
from ...userdata.saved import SavedSearches
from ..latency import Latency

Progress = Callable[[int, int], None]


@dataclass
class Loaded:
    archive: Archive
    index: Lookup | None = None  # None: the worker builds it
    notices: list[str] = field(default_factory=list)  # cache problems etc., shown as notifications
    changed: bool = True  # False: the same files as the cached archive (keep what is shown)
    after: Callable[[], object] | None = None  # run once it is shown (the names' new articles, a merge,
    #                                            the early index taking the archive's strings)


class Loader:
    """The default gives nothing from a cache; subclasses override `load` (and `outline`, `early`)."""

    def outline(self) -> Archive | None:
        """The first screen of the archive as last cached (`Archive.outline`), or None."""
        return None

    def early_index(self) -> Lookup | None:
        """The index persisted with the last cache, searched before the cache is decoded (`early`
        then shows that cache's archive); None: none to open as it is."""
        return None

    def early(self) -> Loaded | None:
        """The archive as last cached, without looking at the files, with the index persisted
        beside it (`index` None when there is none to open as it is): search answers while `load`
        proves the files current. None: no usable cache."""
        return None

    def load(self, progress: Progress) -> Loaded:
        raise NotImplementedError


class Disk(Loader):
    """`paths` (the bundled seeds when empty) through `tui.archive.store.loader` and its cache, in
    `place` (the user's data dir, or a shared index dir: opened read-only when not writable)."""

    def __init__(self, paths: list[Path], place: Place) -> None:
        self.paths, self.place = list(paths), place
        self._shown: list[Any] | None = None  # the identity of the cache(s) last handed out
        self._opened: dict[tuple[Any, ...], SearchIndex] = {}  # the base index, kept for the next load
        self._warm: SearchIndex | None = None  # the index `early_index` or `early` opened and warmed
        self._problems: set[tuple[str, str]] | None = None  # the rejections of the archive handed out
        self._early: LoadResult | None = None  # what `early` decoded: the first `load` takes it as it is

    def outline(self) -> Archive | None:
        roots = roots_of(self.paths)
        found = summary.read(cache_path(self.place.directory, roots), parser_version())
        if found is None and not self.place.writable:  # an unusable shared one: the reader's own copy
            found = summary.read(cache_path(own_data_dir(), roots), parser_version())
        return found

    def early_index(self) -> Lookup | None:
        # Opened from the index's own columns (quick.py), no article record decoded: ~0.7 s at
        # 300k articles, where decoding the cache and making its archive take 2-3 s. Kept in
        # `_opened` under its cache's identity, so `early` and `load` take it as it is when
        # the cache they read is that one.
        bases: dict[tuple[Any, ...], SearchIndex] = {}
        index = quick.open_alone(self.paths, data_dir=self.place.directory, read_only=not self.place.writable,
                                 bases=bases)
        if index is None:
            return None
        self._opened.clear()
        self._opened.update(bases)
        index.warm()  # (before it is searched: its lazy parts built in one thread)
        self._warm = index
        return index  # type: ignore[no-any-return]

    def early(self) -> Loaded | None:
        # (reads only; a shared index this process may not write is read as built, without a delta)
        opened = segments.open_cached if self.place.writable else loader.open_cached
        result = opened(self.paths, data_dir=self.place.directory)
        if result is None and not self.place.writable:  # an unusable shared one: the reader's own copy
            result = segments.open_cached(self.paths)
        if result is None:
            return None
        self._shown = segments.identity_of(result)
        self._problems = _problems(result.archive)
        self._early = result if self.place.writable else None
        # the index as persisted (never built here), kept in `_opened` for `load` to take as it is
        index = opening.persisted_index(result, self._opened, read_only=not self.place.writable)
        after: Callable[[], object] | None = None
        if index is not None and index is not self._warm:
            index.warm()  # (before it is searched: its lazy parts built in one thread)
            self._warm = index
        elif index is not None and result.segments is None:  # opened alone by `early_index`: its
            after = functools.partial(index.catalog.share, result.archive.meta)  # ids, titles and dates
        return Loaded(result.archive, index=index, notices=result.notices, changed=False, after=after)

    def load(self, progress: Progress) -> Loaded:
        # (the cache `early` decoded is not decoded again while it is the file on disk: that held
        # the interpreter ~1 s at 300k articles, and a keystroke waited for it)
        known, self._early = self._early, None
        result = shared.load(self.paths, progress, place=self.place, merge=False, known=known)
        # the index persisted with the cache (opened in milliseconds), or rebuilt on all cores
        index = opening.search_index(result, progress, self._opened)
        if index is not self._warm:  # (the one `early` opened is searched already: warm)
            index.warm()
        # the files as the cache holds them, but maybe another cache than the one shown: a shared
        # one rebuilt by its admin (read as built), ours rewritten by another instance
        shown = segments.identity_of(result)
        problems = _problems(result.archive)  # (the scan's too: a broken link, a folder not read)
        changed = result.changed or shown != self._shown or problems != self._problems
        self._shown, self._problems = shown, problems
        merge = segments.merge_due(result)

        def after() -> None:
            """Once shown: the index's texts checked (not at the keystrokes that first read them),
            the names' article lists read (a delta's found in one pass), and the base and a delta
            past its share merged into a new base (the index shown stays valid: its files are
            open); the next load opens it."""
            index.check()
            opening.read_names(index)
            if merge:
                opening.search_index(shared.load(self.paths, place=self.place, merge=True))

        return Loaded(result.archive, index=index, notices=result.notices, changed=changed, after=after)


def _problems(archive: Archive) -> set[tuple[str, str]]:
    return {(r.path, r.reason) for r in archive.rejections}


class Function(Loader):
    """A plain `progress -> Loaded` function (tests)."""

    def __init__(self, fn: Callable[[Progress], Loaded]) -> None:
        self.fn = fn

    def load(self, progress: Progress) -> Loaded:
        return self.fn(progress)


class Fixed(Loader):
    """Always `archive` (tests, snapshots, screenshots)."""

    def __init__(self, archive: Archive) -> None:
        self.archive = archive

    def load(self, progress: Progress) -> Loaded:
        return Loaded(self.archive)


def build_index(archive: Archive, progress: Progress | None = None) -> SearchIndex:
    """The search index with its lazy parts (pinyin tables) built, so the first search is quick."""
    index = opening.build_index(archive, progress)
    index.warm()
    return index


class Session(Protocol):
    """What the main screen asks of the app: the archive and index it keeps, the reading state."""

    archive: Archive | None
    index: Lookup | None
    state: ReadingState
    config: Config
    history: History
    saved: SavedSearches
    latency: Latency

    @property
    def keymap(self) -> Mapping[str, str]: ...

    @property
    def roots(self) -> list[Path]: ...

    def mark_read(self, article_id: str) -> None: ...

    def save_state(self) -> None: ...

    def start_loading(self, rescan: bool = False) -> None: ...
