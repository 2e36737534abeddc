"""The command table as people read it: key names, help rows, welcome lines, palette entries and
the docs' Markdown key table, for the keys in force (the table's, changed by the user's keymap)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from .table import COMMANDS, KeyCommand

_NAMES = {"slash": "/", "question_mark": "?", "left_square_bracket": "[", "right_square_bracket": "]",
          "escape": "Esc", "enter": "Enter", "tab": "Tab", "space": "Space", "pageup": "PgUp",
          "pagedown": "PgDn", "up": "↑", "down": "↓", "left": "←", "right": "→", "home": "Home",
          "end": "End", "backspace": "Backspace", "delete": "Del", "comma": ",", "full_stop": ".",
          "minus": "-", "plus": "+", "colon": ":", "semicolon": ";", "apostrophe": "'", "at": "@",
          "number_sign": "#", "asterisk": "*", "exclamation_mark": "!", "quotation_mark": '"',
          "vertical_line": "|", "tilde": "~", "grave_accent": "`", "less_than_sign": "<",
          "greater_than_sign": ">", "equals_sign": "=", "backslash": "\\", "underscore": "_"}


def key_name(key: str) -> str:
    """`shift+tab` -> `Shift+Tab`, `question_mark` -> `?`, `n` -> `n`."""
    *mods, last = key.strip().split("+")
    shown = _NAMES.get(last, (last.upper() if mods else last) if len(last) == 1 else last.capitalize())
    return "+".join([m.capitalize() for m in mods] + [shown])


def split_keys(keys: str) -> list[str]:
    return [k.strip() for k in keys.split(",") if k.strip()]


def keys_of(command: KeyCommand, keymap: Mapping[str, str] | None = None) -> list[str]:
    """The keys that run `command`: the keymap's or the table's, less any key the keymap gave to
    another command (the keymap wins a clash, as in the app; clashes.py names it)."""
    keymap = keymap or {}
    own = keymap.get(command.id, command.keys) if command.remap else command.keys
    taken = {k for c in COMMANDS if c is not command and c.remap and c.id in keymap
             for k in split_keys(keymap[c.id])}
    return [k for k in split_keys(own) if k not in taken]


def _row_commands(start: int) -> list[KeyCommand]:
    """The command at `start` and the rows without help line that follow it."""
    rows = [COMMANDS[start]]
    for command in COMMANDS[start + 1:]:
        if command.help or (command.palette and not command.keys):
            break
        if command.keys:
            rows.append(command)
    return rows


def key_column(command: KeyCommand, keymap: Mapping[str, str] | None = None, *, sep: str = " ",
               same_scope: bool = False) -> str:
    """The keys shown for a command: its own and those of the rows folded into its line.

    `same_scope`: only rows that act in the same place (the footer: `q`, not `q Ctrl+Q`).
    """
    at = COMMANDS.index(command)
    rows = [c for c in _row_commands(at) if not same_scope or c is command
            or c.action.startswith("app.") == command.action.startswith("app.")]
    return sep.join(key_name(k) for c in rows for k in keys_of(c, keymap))


def help_rows(keymap: Mapping[str, str] | None = None) -> list[tuple[str, str]]:
    return [(key_column(c, keymap), c.help) for c in COMMANDS if c.help]


def welcome_lines(keymap: Mapping[str, str] | None = None) -> list[str]:
    """`/ search · e names · Enter open · Esc back`, ... (four, three, four, three, three to a line)."""
    items = []
    for c in sorted(COMMANDS, key=lambda c: c.footer or len(COMMANDS)):
        if c.brief:
            letters = all(k.isalpha() and len(k) == 1 for k in keys_of(c))
            items.append(f"{key_column(c, keymap, sep='/' if letters else ' ', same_scope=True)} {c.brief}")
    lines, at = [], 0
    for size in (4, 3, 4, 3, 3):
        if at < len(items):
            lines.append(" · ".join(items[at:at + size]))
        at += size
    return lines


def not_while_typing() -> set[str]:
    """Action names hidden from the footer (and disabled) while a text box has focus."""
    return {c.action.split("(")[0] for c in COMMANDS if c.action and not c.typing}


def palette_entries(keymap: Mapping[str, str] | None = None) -> Iterator[tuple[str, str, str]]:
    """(name, action, help with its keys) of each command in the palette."""
    for c in COMMANDS:
        if c.palette:
            rows = [r for r in _row_commands(COMMANDS.index(c)) if r is c or not r.palette]
            keys = ", ".join(key_name(k) for r in rows for k in keys_of(r, keymap))
            yield c.palette, c.action, c.palette_help + (f" ({keys})" if keys else "")


def markdown_table(keymap: Mapping[str, str] | None = None) -> str:
    """The help rows as a Markdown table: binding id(s) for `[keys]`, keys, what they do."""
    lines = ["| id | key | does |", "| --- | --- | --- |"]
    for at, command in enumerate(COMMANDS):
        if not command.help:
            continue
        rows = _row_commands(at)
        ids = " / ".join(f"`{c.id}`" for c in rows if c.remap and c.keys) or (
            f"`{command.id}`" if command.action else "")
        keys = " ".join(f"`{key_name(k)}`" for c in rows for k in keys_of(c, keymap)) or "palette (`Ctrl+P`)"
        lines.append(f"| {ids} | {keys} | {command.help} |")
    return "\n".join(lines) + "\n"


def with_markdown_table(doc: str) -> str:
    """`doc` (docs/keys-and-config.md) with its key table replaced by `markdown_table()`."""
    start = doc.index("| id | key | does |")
    end = doc.find("\n\n", start)
    end = len(doc) if end < 0 else end + 1
    return doc[:start] + markdown_table() + doc[end:]
