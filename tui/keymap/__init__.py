"""The browser's commands as plain data, readable without Textual (the CLI checks a keymap too).

table.py holds `COMMANDS`: each command's binding id, default keys, footer label, help line and
palette name. shown.py turns the table and the user's keymap (binding id -> keys, from the
config) into what people read: key names, the help rows, the welcome lines, the palette entries
and the docs' Markdown key table. clashes.py names the keys a keymap gives to two commands.
The app (tui/app/commands/) makes its bindings, help screen and palette from these.
"""
