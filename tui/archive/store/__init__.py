"""Keeping the archive: which files there are, parsing the changed ones, the cache, the `Archive`.

    paths.py     the data directory and the bundled seeds
    location.py  where the cache + index live (the user's data dir, or an index dir shared by many
                 users), whether this process may write there, who can (`Place`, `locate`)
    asbuilt.py   a cache opened read-only exactly as built, and what changed in the files since
    scanning.py  the files under the archive's roots, with size and mtime; problems for the rest
    workers.py   parsing on all cores (read.parse in worker processes), bodies encoded for the cache
    cache.py     the cache file: article records + zlib'd bodies, atomic writes under a lock
    sharing.py   one copy of the strings records repeat (paths, sources' names), decoded or parsed
    archive.py   the in-memory `Archive`: articles by id, by source and date; bodies read on demand
    summary.py   the first screen kept beside the cache (newest articles, counts): read in ms
    stamps.py    a digest of the files' paths, sizes and mtimes: "has anything changed?"
    watch.py     inotify: has anything changed since we began watching? (`newstui serve`)
    identity.py  what names a cache: its roots and the parser version that wrote it
    files.py     atomic writes and locks for every file newstui keeps; stats.py: `check --stats`
    loader.py    scan -> parse what changed -> write the cache -> an Archive (`load`)
    segments.py  the archive as a base cache and a small delta of the files changed since, merged
                 into a new base when it grows (`load`: what search/opening.py calls)
    manifest.py  which base and delta make the archive now: the commit point, replaced atomically
    turns.py     long loops here wait while a search runs in the same process (`turn`, `foreground`)

Data flows files -> read -> here. The search index is built beside the cache, but this package
does not know how: the loader takes an `Indexing` (loader.py) that search/ supplies.
"""
