"""The names panel over the bundled seeds (real loader and index), and highlights of names."""

from __future__ import annotations

import json
from pathlib import Path

from support.app import NARROW, WIDE, sample_archive, sync, until
from textual.widgets import Input

from tui.app.app import NewsApp
from tui.app.article.render import Piece, article_pieces, find_matches, render_piece
from tui.app.commands.help import help_text
from tui.app.names.entities import entity_prompt, find
from tui.archive.search.names.entities import Entity
from tui.archive.search.opening import build_index
from tui.archive.search.rank.listing import entity_hits
from tui.keymap.table import COMMANDS

KISHIDA_SEEDS = ["001", "000", "004", "002"]  # newest first; 003 (大纪元) never names him


def seed(app: NewsApp, article_id: str) -> str:
    assert app.archive is not None
    return Path(app.archive.meta(article_id).path).name[:3]


async def names_open(pilot, query: str = "") -> NewsApp:  # type: ignore[no-untyped-def]
    app: NewsApp = pilot.app
    # (the index answers over the archive's outline first; the names show once it is read)
    assert await until(pilot, lambda: app.index is not None and not app.archive.partial)  # type: ignore[union-attr]
    await pilot.press("e")
    await pilot.pause()
    await pilot.press(*query)
    panel = app.main.nav.names
    assert await until(pilot, lambda: panel.filter_box.value == query and not panel.pending()
                       and bool(panel.shown))
    await pilot.pause()
    return app


async def choose(pilot, query: str) -> NewsApp:  # type: ignore[no-untyped-def]
    app = await names_open(pilot, query)
    await pilot.press("enter")
    assert await until(pilot, lambda: app.main.nav.results.entity is not None
                       and bool(app.main.nav.results.hits)
                       and not app.main.workers_pending())
    await pilot.pause()
    return app


@sync
async def test_e_opens_names_most_articles_first_with_aliases_and_counts() -> None:
    async with NewsApp([]).run_test(size=WIDE) as pilot:
        app = await names_open(pilot)
        screen = app.main
        assert isinstance(screen.focused, Input) and screen.focused is screen.nav.names.filter_box
        shown = list(screen.nav.names.shown.values())
        counts = [len(e.articles) for e in shown]
        # the lexicon's names (中国, 日本, 华盛顿) are listed too, so 岸田文雄 is no longer first
        kishida = next(e for e in shown if e.name == "岸田文雄")
        assert counts == sorted(counts, reverse=True) and counts[0] >= len(kishida.articles) == 4
        row = str(screen.nav.names.rows.row(kishida.key))
        assert "岸田文雄" in row and "person" in row and "4 篇" in row
        assert "Fumio Kishida · 岸田 · Kishida" in row


@sync
async def test_filter_by_english_or_chinese_then_enter_lists_exactly_his_articles() -> None:
    for query in ("kishida", "岸田", "KISHIDA"):
        async with NewsApp([]).run_test(size=WIDE) as pilot:
            app = await choose(pilot, query)
            screen = app.main
            assert screen.nav.results.entity is not None and screen.nav.results.entity.name == "岸田文雄"
            assert [seed(app, i) for i in screen.nav.results.ids()] == KISHIDA_SEEDS
            assert screen.focused is screen.nav.results
            assert "岸田文雄 · 4 articles" in str(screen.query_one("#status").render())


@sync
async def test_pinyin_and_typo_filters_find_the_chinese_name() -> None:
    async with NewsApp([]).run_test(size=WIDE) as pilot:
        app = await names_open(pilot, "bulinken")
        assert [e.name for e in app.main.nav.names.shown.values()] == ["安东尼·布林肯"]
    async with NewsApp([]).run_test(size=WIDE) as pilot:
        app = await names_open(pilot, "kishda")
        assert [e.name for e in app.main.nav.names.shown.values()][:1] == ["岸田文雄"]


@sync
async def test_a_filter_key_its_names_and_their_count_are_painted_in_one_frame() -> None:
    async with NewsApp([]).run_test(size=WIDE) as pilot:
        app = await names_open(pilot)  # every name
        panel, status = app.main.nav.names, app.main.query_one("#status")
        frames: list[tuple[str, list[str], str]] = []
        display = app._display

        def painted(*args: object, **kwargs: object) -> None:  # every frame the terminal is sent
            frames.append((panel.filter_box.value, list(panel.shown), str(status.render())))
            display(*args, **kwargs)  # type: ignore[arg-type]

        app._display = painted  # type: ignore[method-assign]
        before = str(status.render())
        panel.filter_box.value = "kis"  # one change, as a key or a paste makes: fewer names
        assert await until(pilot, lambda: panel.filter_box.value == "kis" and not panel.pending())
        await pilot.pause(0.1)
        assert frames, "nothing painted"
        box, shown, line = frames[0]
        assert box == "kis" and shown == list(panel.shown) and line == str(status.render()) != before
        assert line.startswith(f"{panel.total} name"), line
        assert all(frame == frames[0] for frame in frames), frames  # nothing of the key painted later


@sync
async def test_open_from_names_highlights_aliases_and_n_walks_them() -> None:
    async with NewsApp([]).run_test(size=NARROW) as pilot:
        app = await choose(pilot, "kishida")
        screen = app.main
        await pilot.press("down", "enter")  # the second newest: seed 000, the summit article
        assert await until(pilot, lambda: screen.article.article is not None)
        await pilot.pause(0.1)
        view = screen.article
        assert seed(app, view.article.id) == "000" and screen.focused is view
        found = {view.pieces[i].text[s:e].lower() for i, s, e in view.matches}
        assert {"岸田", "fumio kishida"} <= found or {"岸田文雄", "fumio kishida"} <= found
        assert view.matches[0][0] == 0  # the title (拜登与岸田峰会…) is highlighted too
        await pilot.press("n")
        assert view.current == 0
        await pilot.press("n", "n")
        assert view.current == 2
        await pilot.press("N")
        assert view.current == 1
        rendered = view.query("Wrapped").first()
        assert any(span.style for span in rendered.text.spans)  # styled spans, not markup
        await pilot.press("escape")  # article -> its articles -> names -> tree
        await pilot.pause()
        assert screen.focused is screen.nav.results
        await pilot.press("escape")
        await pilot.pause()
        assert screen.focused is screen.nav.names.rows and screen.nav.switcher.current == "names"
        await pilot.press("escape")
        await pilot.pause()
        assert screen.focused is screen.nav.source_tree and screen.nav.results.entity is None


@sync
async def test_search_opened_article_highlights_terms_and_n_moves() -> None:
    async with NewsApp([]).run_test(size=WIDE) as pilot:
        app: NewsApp = pilot.app
        assert await until(pilot, lambda: app.index is not None)
        await pilot.press("slash", *"kishida")
        assert await until(pilot, lambda: len(app.main.nav.results.hits) == 4
                           and not app.main.workers_pending())
        await pilot.press("enter")
        assert await until(pilot, lambda: app.main.article.article is not None)
        await pilot.pause(0.1)
        view = app.main.article
        texts = {view.pieces[i].text[s:e] for i, s, e in view.matches}
        assert "Kishida" in texts or "岸田" in texts
        await pilot.press("n", "n")
        assert view.current == 1
        await pilot.press("N")
        assert view.current == 0


@sync
async def test_names_key_is_in_footer_help_and_palette() -> None:
    assert "e  人名 Names" in help_text().plain
    assert any(command.action == "names" for command in COMMANDS)
    async with NewsApp(archive=sample_archive()).run_test(size=WIDE) as pilot:
        assert await until(pilot, lambda: pilot.app.index is not None)
        await pilot.pause()
        footer = "\n".join(s.text for s in pilot.app.screen._compositor.render_strips())
        assert "e Names" in footer


def test_entity_rows_and_hits_are_data_not_markup() -> None:
    archive = sample_archive()
    hostile = Entity("x", "[bold]x[/]", "other", ["[bold]x[/]", "x\x1b[2J"], ["a6"])
    row = entity_prompt(hostile, 40)
    assert "[bold]x[/]" in row.plain and "\x1b" not in row.plain
    kishida = Entity("fk", "岸田文雄", "person", ["岸田文雄", "Fumio Kishida", "岸田"], ["a4", "a1"])
    hits = entity_hits(archive, kishida, kishida.aliases, 10)
    assert [h.id for h in hits] == ["a1", "a4"]  # newest first, whatever the entity's order
    first = hits[0]
    assert [first.snippet[s:e] for s, e in first.spans][:2] == ["岸田文雄", "Fumio Kishida"]
    index = build_index(archive)
    assert [e.name for e in find(index, "fumio")][:1] == ["岸田文雄"]


def test_highlights_cover_title_and_text_case_insensitively_as_styled_spans() -> None:
    article = sample_archive().get("a1")
    pieces = article_pieces(article)
    matches = find_matches(pieces, ["岸田文雄", "fumio kishida", "岸田", "KISHIDA"])
    kinds = {pieces[i].kind for i, _, _ in matches}
    assert {"title", "paragraph", "image"} <= kinds and not kinds & {"meta", "url"}
    words = [pieces[i].text[s:e] for i, s, e in matches]
    assert "Fumio Kishida" in words and "Kishida" in words and "岸田文雄" in words  # longest first
    title = [(s, e) for i, s, e in matches if i == 0]
    text = render_piece(pieces[0], title, title[0])
    assert text.plain == pieces[0].text and [(sp.start, sp.end) for sp in text.spans[1:]] == title
    hostile = render_piece(Piece("paragraph", "[b]岸田[/b]"), [(3, 5)])
    assert hostile.plain == "[b]岸田[/b]"  # file text is never markup


@sync
async def test_names_panel_shows_the_highlighted_name_over_time() -> None:
    async with NewsApp([]).run_test(size=WIDE) as pilot:
        app = await names_open(pilot, "kishida")
        screen = app.main
        spark = screen.query_one("#names-spark")
        dates = screen.query_one("#names-dates")
        assert await until(pilot, lambda: "→" in str(dates.render()))
        assert str(dates.render()).startswith("2022-01-07 → 2024-07-28 · 31 months")
        assert spark.display and len(spark.data) == 31 and sum(spark.data) == 4  # his four articles
        assert spark.data[0] == 1 and spark.data[-1] == 1 and spark.data.count(0) == 27
        await pilot.press(*["backspace"] * 7, *"qxzqxz")  # a filter that matches nothing: no timeline
        assert await until(pilot, lambda: str(dates.render()) == "" and not spark.display)


def test_cli_names_json_carries_counts_per_month(tmp_path: Path) -> None:
    from support.commands import newstui

    done = newstui("names", "--json", cwd=tmp_path)
    kishida = next(e for e in json.loads(done.stdout) if e["name"] == "岸田文雄")
    assert kishida["months"] == {"2022-01": 1, "2024-03": 1, "2024-04": 1, "2024-07": 1}
    assert (kishida["first"], kishida["last"]) == ("2022-01-07", "2024-07-28")
    assert sum(kishida["months"].values()) == kishida["count"] == 4


@sync
async def test_who_appears_with_whom_then_the_articles_naming_both_and_back() -> None:
    async with NewsApp([]).run_test(size=NARROW) as pilot:
        app = await names_open(pilot, "kishida")
        screen, panel = app.main, app.main.nav.names
        strip = screen.query_one("#names-with")
        # under the names, as the cursor rests: who is named with him, with the articles together
        assert await until(pilot, lambda: "东京 4" in str(strip.render()))
        await pilot.press("down", "w")  # from the filter to the names, then his related names
        listed = panel.named_with
        assert await until(pilot, lambda: bool(listed.found) and panel.rows.row_count == len(listed.found))
        assert screen.focused is panel.rows
        names = [r.entity.name for r in listed.found.values()]
        assert names[:2] == ["东京", "华盛顿"] and "乔·拜登" in names
        assert "同现 Named with 岸田文雄 · 4 篇" in str(strip.render())
        status = str(screen.query_one("#status").render())
        assert "named with 岸田文雄 more than by chance" in status
        first = panel.rows.row(panel.rows.ids()[0])
        assert first is not None and "东京" in first.plain and "4 篇 ×1.2" in first.plain
        biden = next(r for r in listed.found.values() if r.entity.name == "乔·拜登")
        while panel.current_related() is not biden:
            await pilot.press("down")
        await pilot.press("enter")  # the articles naming both
        results = screen.nav.results
        assert await until(pilot, lambda: results.pair is not None and bool(results.hits)
                           and not screen.workers_pending())
        await pilot.pause()
        assert screen.focused is results and len(results.hits) == biden.together == 3
        status = str(screen.query_one("#status").render())
        assert "岸田文雄 + 乔·拜登: 3 articles" in status
        await pilot.press("enter")  # the newest of them, both lit
        assert await until(pilot, lambda: screen.article.article is not None)
        await pilot.pause(0.1)
        article = screen.article
        lit = {article.pieces[i].text[s:e] for i, s, e in article.matches}
        assert lit & {"拜登", "乔·拜登", "Biden", "Joe Biden"}
        assert lit & {"岸田", "岸田文雄", "Kishida", "Fumio Kishida"}
        await pilot.press("escape")  # the article -> the articles naming both
        await pilot.pause()
        assert screen.focused is results
        await pilot.press("escape")  # -> his related names, where the other was chosen
        await pilot.pause()
        assert screen.focused is panel.rows and panel.current_related() is biden
        await pilot.press("escape")  # -> the names, on him; Enter: his own articles again
        await pilot.pause()
        assert screen.focused is panel.rows and not listed.open
        assert panel.current() is not None and panel.current().name == "岸田文雄"
        await pilot.press("enter")
        assert await until(pilot, lambda: results.pair is None and len(results.hits) == 4
                           and not screen.workers_pending())
        assert "岸田文雄 · 4 articles" in str(screen.query_one("#status").render())


def test_related_names_are_the_command_lines(tmp_path: Path) -> None:
    """The panel and `newstui names --related` give the same names and numbers."""
    from support.commands import newstui

    from tui.archive.search.names.related import CoMentions
    from tui.archive.search.opening import load_archive

    archive = load_archive([Path(__file__).parents[2] / "seeds"])
    index = build_index(archive)
    kishida = next(e for e in index.entities if e.name == "岸田文雄")
    panel = CoMentions(index.entities, len(archive.articles)).of(kishida)
    done = newstui("names", "--related", "kishida", "--json", cwd=tmp_path)
    printed = json.loads(done.stdout)
    assert [(r["name"], r["together"]) for r in printed] == [(r.entity.name, r.together) for r in panel]
    assert printed and all(r["lift"] == round(x.lift, 2) for r, x in zip(printed, panel, strict=True))
