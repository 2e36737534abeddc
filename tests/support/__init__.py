"""Helpers the tests share (no tests here).

    paths.py      where the repository, the seeds, the fixtures and ../shared are
    commands.py   `newstui ARGS` run as a separate process, as a user runs it
    app.py        the app under Pilot over a small hand-built archive, and the steps of a flow
    search.py     hand-made articles and an index over them
    hostile.py    hostile archive files (escapes, markup, binary, ...) and their expectations

Fixtures every test gets (its own data and config directories) are in tests/conftest.py.
"""
