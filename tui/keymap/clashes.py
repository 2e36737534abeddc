"""Keys a keymap gives to two commands. The app says them on start, in the welcome text and the
help; `newstui config --show` names them and exits 1."""

from __future__ import annotations

from collections.abc import Mapping

from .shown import key_name, split_keys
from .table import COMMANDS, KeyCommand


def _keys(command: KeyCommand, keymap: Mapping[str, str]) -> list[str]:
    """The keys the table and the keymap give `command`, before any clash is settled."""
    return split_keys(keymap.get(command.id, command.keys) if command.remap else command.keys)


def clashes(keymap: Mapping[str, str]) -> list[str]:
    """One line per key the keymap sets that another command has too, e.g. `n: names and
    next_match (names runs it; next_match lost it)`. The table's own keys never clash."""
    said = []
    for at, command in enumerate(COMMANDS):
        if not command.remap or command.id not in keymap:
            continue
        for key in split_keys(keymap[command.id]):
            for other in COMMANDS:
                if other is command or key not in _keys(other, keymap):
                    continue
                if other.remap and other.id in keymap:
                    if COMMANDS.index(other) > at:  # both set by the keymap: named once
                        said.append(f"{key_name(key)}: given to both {command.id} and {other.id}")
                elif other.action:
                    said.append(f"{key_name(key)}: {command.id} and {other.id} "
                                f"({command.id} runs it; {other.id} lost it)")
                else:
                    said.append(f"{key_name(key)}: {command.id} and {other.id} "
                                f"(where {other.id} acts, {key_name(key)} does that)")
    return said


def clash_message(keymap: Mapping[str, str]) -> str | None:
    """The clashes as one message (None when there is none)."""
    found = clashes(keymap)
    return "Keymap clash: " + "; ".join(found) if found else None
