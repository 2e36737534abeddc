"""The command table and what shows it: footer bindings, the command palette, the `?` help.

`table.COMMANDS` defines every command once; the screen's and the app's bindings, the palette's
commands (`palette`), the help screen (`help`) and the welcome text are all built from it.
"""
