"""The index on disk: written once beside the cache, then opened in milliseconds.

    build.py      building the index (features computed in the parse workers) and writing it
    runs.py       posting lists built in bounded memory: sorted runs on disk past a budget, merged
    format.py     the file's layout, footer and version (what code and tables shape it)
    mapped.py     the parts read in place (texts, posting lists, entities), checked when read
    section.py    the meta section checksummed and decoded in place, a field at a time
    reading.py    opening a stored index and checking it against the cache it indexes
    segments.py   a base index and a delta's (store/segments.py) joined into one SearchIndex

Stores what index/, names/ and the engine hold, and gives back a `SearchIndex` (engine.py):
it sits above the engine, under opening.py and quick.py.
"""
