"""Columns of strings held joined (index/strings.py): read back as the list they were made from,
whatever the strings hold; swapped for equal strings held elsewhere; chained in place."""

from __future__ import annotations

from array import array

import pytest

from tui.archive.search.index.strings import SEP, Chain, Strings, chained

ODD = ["岸田文雄", "", "kishida\nfumio", SEP, "a", "", "美日2+2"]  # empty, and holding the separator


@pytest.mark.parametrize("values", [ODD, ["one"], [], ["", ""], ["x", "y\n", "z"]])
def test_strings_read_back_as_the_list_they_were_made_from(values: list[str]) -> None:
    column = Strings.of(values)
    assert len(column) == len(values)
    assert list(column) == values == [column[i] for i in range(len(values))]
    assert [column[-i] for i in range(1, len(values) + 1)] == [values[-i] for i in range(1, len(values) + 1)]
    assert column[1:3] == values[1:3] and column[::-2] == values[::-2]
    joined, starts = column.parts()
    assert list(Strings(joined, starts)) == values  # as an index file stores them
    for outside in (len(values), -len(values) - 1):
        with pytest.raises(IndexError):
            column[outside]


def test_places_that_cannot_be_the_strings_are_refused() -> None:
    for joined, starts in [("abc", [1]), ("abc", [0, 5]), ("abc", [])]:
        with pytest.raises(ValueError):
            Strings(joined, array("Q", starts))


def test_held_strings_are_read_from_then_on() -> None:
    column = Strings.of(["ab", "cd"])
    mine = ["".join(["a", "b"]), "".join(["c", "d"])]
    column.hold(mine)
    assert column[0] is mine[0] and list(column)[1] is mine[1] and column.parts() == Strings.of(mine).parts()
    with pytest.raises(ValueError):
        column.hold(["ab"])


def test_chained_columns_read_as_one() -> None:
    a, b = Strings.of(ODD), Strings.of(["x", "y"])
    both = chained(a, b)
    assert isinstance(both, Strings) and list(both) == [*ODD, "x", "y"]
    assert list(chained(Strings.of([]), b)) == ["x", "y"] and chained(["p"], b) == ["p", "x", "y"]
    chain = Chain(["q"], [], a, (), ["z"])
    assert len(chain) == len(ODD) + 2
    assert [chain[i] for i in range(len(chain))] == ["q", *ODD, "z"] == list(chain)
    assert chain[-1] == "z" and chain[1:3] == ["q", *ODD][1:3]
    with pytest.raises(IndexError):
        chain[len(chain)]
    assert len(Chain()) == 0
