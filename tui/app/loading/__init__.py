"""Loading the archive and its index in the app's worker thread.

`loaders` says where the archive comes from (the cache, the files, or a fixed archive in tests);
`run.LoadingRun` drives one load and posts typed messages (messages.py) to the app, which keeps
the archive and index and passes them on to the main screen; `follow.Follower` watches the
archive's folders in a worker of its own and asks for a load when files arrive, change or go
(what arrived is said: `follow.arrivals`). Nothing here touches a widget.
"""
