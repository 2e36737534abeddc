"""The Resolver's tables (alias keys, name tokens, Words' names, Chinese aliases) are derived once,
stored in the index and read back: a process that opens the index never derives them again, and
finds exactly what a fresh build finds; a damaged table is never trusted."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest

from tui.archive.search.engine import SearchIndex
from tui.archive.search.names import aliaskeys, aliastables
from tui.archive.search.names.aliastables import AliasTables, KeyTable
from tui.archive.search.opening import build_index, load, search_index
from tui.archive.search.quick import from_index

QUERIES = ["kishida", "fumio kishida", "kishda", "bulinken", "岸田", "an bei jin san", "aukus", "csis",
           "linfangzheng", "kish", "Demosisto", "blinken OR 岸田", '"岸田"']


def _answers(index: SearchIndex) -> dict[str, list[tuple[str, float, str, list]]]:
    return {q: [(h.id, h.score, h.snippet, h.spans) for h in index.search(q)] for q in QUERIES}


def _no_deriving(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(entities: object) -> AliasTables:
        raise AssertionError("the alias tables were derived again instead of read from the index")

    monkeypatch.setattr(aliaskeys, "alias_tables", refuse)  # (resolve imports it when it derives)


def test_an_opened_index_reads_the_tables_and_answers_like_a_fresh_build(
        archive_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load([archive_dir])  # writes the cache and the index
    fresh = build_index(load([archive_dir]).archive)
    _no_deriving(monkeypatch)
    opened = search_index(load([archive_dir]))  # the app's way: beside the archive
    assert opened.persisted is not None
    assert _answers(opened) == _answers(fresh)
    quick = from_index([archive_dir], _answers)  # `newstui search`'s way: the index alone
    assert quick == _answers(fresh)
    assert any(quick.values())
    found = [e.key for e in opened.find_names("bulinken")]
    assert found == [e.key for e in fresh.find_names("bulinken")] != []


def test_the_stored_tables_are_the_derived_ones(archive_dir: Path) -> None:
    index = search_index(load([archive_dir]))
    derived = aliaskeys.alias_tables(index.entities)
    stored = index.resolver.tables
    for name in ("aliases", "tokens", "words"):
        ours, theirs = getattr(stored, name), getattr(derived, name)
        assert dict(ours) == dict(theirs) and ours.in_order() == theirs.in_order(), name
    assert (stored.han.texts, list(stored.han.entities)) == (derived.han.texts, list(derived.han.entities))
    assert stored.aliases.get("kishida") and stored.tokens.get("kishida")


def test_a_table_keeps_first_seen_order_and_values_in_their_order() -> None:
    table = KeyTable.decode(KeyTable.of({"b": [3, 1, 1], "a": {5, 2}, "c": []}).encode())
    assert list(table) == ["a", "b", "c"] and table.in_order() == ["b", "a", "c"]
    assert list(table["b"]) == [3, 1, 1] and sorted(table["a"]) == [2, 5] and list(table["c"]) == []
    assert "z" not in table and table.get("z") == () and 3 not in table
    with pytest.raises(KeyError):
        table["z"]


def test_a_damaged_table_is_reported_and_read_as_empty() -> None:
    good = KeyTable.of({"kishida": [0], "blinken": [1]})
    raw = msgspec.msgpack.decode(AliasTables(good, good, good, aliastables.Pairs([], aliastables.array("I")))
                                 .encode(), type=aliastables._Raw)
    offsets_wrong = msgspec.msgpack.encode(aliastables._Stored(["a", "b"], bytes(4), bytes(0), bytes(8)))
    damaged = msgspec.msgpack.encode(aliastables._Raw(
        msgspec.Raw(offsets_wrong), raw.tokens, msgspec.Raw(msgspec.msgpack.encode("not a table")), raw.han))
    reasons: list[str] = []
    tables = AliasTables.stored(damaged, reasons.append)
    assert list(tables.tokens) == ["blinken", "kishida"] and not reasons
    assert len(tables.aliases) == 0 and len(tables.words) == 0
    assert reasons == ["an alias table of the search index is damaged"] * 2


def test_an_index_whose_tables_do_not_decode_is_rebuilt(archive_dir: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    load([archive_dir])

    def undecodable(raw: bytes, on_damage: object) -> AliasTables:
        raise msgspec.DecodeError("bad tables")

    monkeypatch.setattr(AliasTables, "stored", undecodable)
    warm = load([archive_dir])
    index = search_index(warm)  # the file cannot be used: built again, with a notice
    assert any("search index" in n for n in warm.notices)
    assert index.search("kishida")
