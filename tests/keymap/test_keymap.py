"""The command table as plain data: its keymap clashes and the docs' key table."""

from __future__ import annotations

from support.paths import ROOT

from tui.keymap.clashes import clashes
from tui.keymap.shown import help_rows, markdown_table, with_markdown_table
from tui.keymap.table import COMMANDS

DOC = ROOT / "docs" / "keys-and-config.md"


def test_the_table_itself_has_no_clash_and_a_remap_onto_a_taken_key_is_named() -> None:
    assert clashes({}) == []
    assert clashes({"bookmark": "m"}) == []
    assert clashes({"names": "n"}) == ["n: names and next_match (names runs it; next_match lost it)"]
    assert clashes({"names": "x", "save": "x"}) == ["x: given to both names and save"]


def test_the_key_that_lost_a_clash_is_not_shown_for_the_command_that_lost_it() -> None:
    rows = dict((what, keys) for keys, what in help_rows({"names": "n"}))
    match = next(c.help for c in COMMANDS if c.id == "next_match")
    assert rows[match] == "N"


def test_the_docs_hold_exactly_the_key_table_of_the_command_table() -> None:
    doc = DOC.read_text("utf-8")
    assert with_markdown_table(doc) == doc, "regenerate it: python -m tui.keymap docs/keys-and-config.md"
    assert markdown_table() in doc
    for command in COMMANDS:
        if command.help:
            assert command.help in doc
