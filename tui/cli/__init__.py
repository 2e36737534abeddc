"""The command line: `newstui [PATH ...]` opens the app; subcommands print text or JSON.

    entry.py      main() (the `newstui` console script) and the command table, COMMANDS
    common.py     what the commands share: usage errors, text made safe for a terminal, paths
                  checked, the archive loaded, JSON printed, parsers whose errors are one line
    browse.py     `newstui [PATH ...]`: the app (imported only here, and only on a terminal),
                  else the archive's summary
    articles.py   `export`, `show`        check.py   `check`
    search.py     `search`, `saved`       names.py   `names`
    config.py     `config`
    serve/        `serve`: server.py keeps an index open; client.py asks it, before anything else
                  is imported, on every `newstui search`

Data flows one way: argv -> entry.main -> (a running server, for `search`) -> the command's
module, imported when it runs -> the archive (tui.archive) and the user's data (tui.userdata) ->
text or JSON on stdout, messages on stderr. Nothing here imports Textual at module level.
"""

from __future__ import annotations

from .entry import main

__all__ = ["main"]
