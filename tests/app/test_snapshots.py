"""SVG snapshots at 80x24 and 120x40 over a fixed hand-built archive and a fixed substring index.

The parsers and the search engine change under the app; these pin only what the app draws.
Update with: pytest tests/app/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from support.app import sample_archive
from textual.pilot import Pilot
from textual.widgets import Input

from tui.app.app import NewsApp
from tui.app.loading.loaders import Loaded
from tui.app.search import results
from tui.archive.search.engine import Hit
from tui.archive.search.names.entities import Entity

SIZES = [(80, 24), (120, 40)]


@pytest.fixture(autouse=True)
def _frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """The status line says how long a search took ("· 0 ms"): a loaded machine must not change
    the picture."""
    monkeypatch.setattr(results, "time", SimpleNamespace(perf_counter=lambda: 0.0))


ENTITIES = [
    Entity("fumio kishida", "岸田文雄", "person", ["岸田文雄", "Fumio Kishida", "岸田", "Kishida"],
           ["a1", "a4"]),
    Entity("joe biden", "乔·拜登", "person", ["乔·拜登", "乔拜登", "Joe Biden", "拜登", "Biden"], ["a1"]),
    Entity("antony blinken", "安东尼·布林肯", "person", ["安东尼·布林肯", "Antony Blinken", "布林肯"],
           ["a2"]),
    Entity("aukus", "奥库斯", "agreement", ["奥库斯", "AUKUS"], ["a3"]),
    Entity("white house", "白宫", "organisation", ["白宫"], ["a1"]),
    Entity("us-japan alliance", "美日同盟", "agreement", ["美日同盟", "同盟"], ["a1", "a4"]),
]


class FixedIndex:
    """A deterministic substring index (title, then body), standing in for the real engine."""

    def __init__(self) -> None:
        self.archive = sample_archive()
        self.entities = ENTITIES

    def find_names(self, text: str) -> list[Entity]:
        return [e for e in self.entities if any(text.lower() in a.lower() for a in e.aliases)]

    def terms(self, query: str) -> list[str]:
        return query.split()

    def entity_terms(self, entity: Entity) -> list[str]:
        return list(entity.aliases)

    def search_counted(self, query: str, limit: int = 50, sort: str | None = None) -> tuple[list[Hit], int]:
        hits = []
        for art in self.archive.articles:
            text = art.title + " " + art.text()
            at = text.find(query)
            if at >= 0:
                start = max(0, at - 12)
                snippet = text[start:at + len(query) + 40]
                span = (at - start, at - start + len(query))
                hits.append(Hit(art.id, art.path, art.title, 1.0, snippet, [span]))
        return hits[:limit], len(hits)


def make_app() -> NewsApp:
    index = FixedIndex()
    return NewsApp(loader=lambda progress: Loaded(index.archive, index))


async def settle(pilot: Pilot) -> None:
    app = pilot.app
    for _ in range(100):
        await pilot.pause(0.02)
        screen = app.screen_stack[0]
        if app.index is not None and not screen.workers_pending() and not screen.nav.names.pending():
            break
    await pilot.pause(0.1)


def steps(*keys: str):  # type: ignore[no-untyped-def]
    async def run(pilot: Pilot) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        app = pilot.app
        app.clear_notifications()
        for box in app.screen.query(Input):  # the cursor shown whenever the picture is taken
            box._pause_blink(visible=True)  # (Textual is pinned; a blink made pictures flaky)
        await pilot.pause(0.1)

    return run


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_first_screen(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(), terminal_size=size, run_before=steps())


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_source_tree_after_esc(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(), terminal_size=size, run_before=steps("escape"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_article_in_traditional(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(), terminal_size=size, run_before=steps("enter", "t", "t"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_search_results(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(), terminal_size=size, run_before=steps("slash", "岸", "田"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_article_with_matches(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(), terminal_size=size,
                        run_before=steps("slash", "岸", "田", "enter", "n", "n"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_help(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(), terminal_size=size, run_before=steps("question_mark"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_names_panel(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(), terminal_size=size, run_before=steps("e"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_names_filtered_then_articles(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(), terminal_size=size, run_before=steps("e", *"kishida", "enter"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_article_from_names_highlights_aliases(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    keys = steps("e", *"kishida", "enter", "enter", "n")
    assert snap_compare(make_app(), terminal_size=size, run_before=keys)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_names_related_to_the_highlighted_one(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(), terminal_size=size, run_before=steps("e", "down", "w"))


def test_hostile_title_shows_literally(snap_compare) -> None:  # type: ignore[no-untyped-def]
    keys = steps("slash", "b", "o", "l", "d", "enter")
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=keys)


def test_compact_list_at_80x24(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=steps("v"))


def test_preview_beside_the_list_at_120x40(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=steps("v", "j"))
