"""The user's own data, kept in the data directory ($NEWSTUI_DATA_DIR, else the user data dir):
what they read and bookmarked, the searches they saved and the ones they typed.

    store.py     one small JSON document store: atomic writes, a lock for read-modify-write,
                 a damaged file kept as NAME.corrupt.N (never overwritten) with what could be
                 read of it kept, a clear message when the data dir cannot be read or written
    reading.py   ReadingState: read marks and bookmarks (state.json)
    saved.py     SavedSearches: named queries (saved.json)
    history.py   History: queries searched (history.json)

Data flows: the app and the CLI load a value (plus a message when not all of it could be read),
change it in memory, and save; every save re-reads the file under the lock and applies only this
instance's change, so instances running at once keep each other's data. No Textual and nothing
of the app here (a test enforces it): the callers show the messages.
"""
