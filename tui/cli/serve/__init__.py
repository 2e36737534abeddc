"""`newstui serve`: a resident process that keeps an archive's search index open, and its client.

    server.py   `newstui serve [PATH ...]`: opens the index, watches the files, answers on a
                Unix socket while the index is current
    client.py   asks that server first on every `newstui search` (imports nothing of the engine,
                nor argparse); None from `ask` means: search in this process as before

A request is the command line, the working directory and the data dir; the answer is the exit
status and the bytes the in-process search would have printed.
"""
