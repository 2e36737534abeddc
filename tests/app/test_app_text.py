"""File text is data: no markup, no control characters; CJK wrapping; NO_COLOR-safe highlights."""

from __future__ import annotations

from rich.text import Text
from support.app import HOSTILE, WIDE, at_tree, make_app, search, sync

from tui.app.article.render import CURRENT, MATCH, highlighted
from tui.app.article.text import clean, source_label
from tui.app.article.wrap import clip, wrap, wrap_offsets
from tui.archive.read.sources import display_name


def test_clean_strips_escape_sequences_and_controls() -> None:
    assert clean("\x1b]52;c;AAAA\x07x\u202e\u200by\r\nz\x9b") == "xy z"  # whole sequences go
    assert clean(HOSTILE) == "[bold]x[/] [@click=app.quit]q end"


def test_highlight_offsets_survive_removed_controls() -> None:
    text = highlighted("a\x1b[1m b 岸田 c", [(8, 10)])  # a whole escape sequence removed
    assert text.plain == "a b 岸田 c"
    assert [(text.plain[s.start:s.end], s.style) for s in text.spans] == [("岸田", MATCH)]


def test_highlights_use_attributes_that_survive_no_color() -> None:
    assert MATCH.reverse and CURRENT.reverse and CURRENT.bold and CURRENT.underline


def test_source_label_fallbacks() -> None:
    assert source_label("voa", "美国之音") == "美国之音 VOA"
    assert source_label("rfi", "") == "法广 RFI"  # known key: the table's name, not the stored one
    assert source_label("epochtimes", "大纪元") == "大纪元 Epoch Times"
    assert source_label("", "德国之声") == "德国之声"
    assert source_label("nei.st", "nei.st") == "nei.st"  # unknown key: no KeyError, no upper-casing
    assert source_label("unknown", "unknown") == "未知来源 Unknown"
    assert source_label("", "") == "未知来源 Unknown"
    assert source_label("x.org", "\x1b[2Jx.org") == "x.org"  # controls never reach the terminal


def test_display_name_is_safe_for_any_key() -> None:
    assert display_name("voa", "") == "美国之音 VOA"
    assert display_name("nei.st", "nei.st") == "nei.st"
    assert display_name("example.org", "") == "example.org"


def test_cjk_wraps_at_characters_not_only_spaces() -> None:
    text = "美国总统乔·拜登(Joe Biden)和日本首相岸田文雄在白宫发表联合声明，开启双方战略合作的新时代。"
    lines = wrap(Text(text), 20).plain.split("\n")
    assert all(Text(line).cell_len <= 20 for line in lines)
    assert min(Text(line).cell_len for line in lines[:-1]) >= 16  # no big gap after "(Joe"
    assert not any(line.startswith(("，", "。")) for line in lines)  # no line starts with punctuation
    assert wrap_offsets("hello world", 5) == [6]


def test_a_clipped_snippet_shows_its_first_wrapped_lines_and_says_more_follows() -> None:
    sentence = "美国总统乔·拜登(Joe Biden)和日本首相岸田文雄在白宫发表联合声明，开启双方战略合作的新时代。"
    text = Text(sentence * 3)
    text.stylize("bold", 4, 8)  # 乔·拜登
    full = wrap(text.copy(), 20).split("\n")
    shown = clip(text.copy(), 20, 2).split("\n")
    assert len(shown) == 2 and shown[0].plain == full[0].plain
    assert shown[1].plain.endswith("…") and full[1].plain.startswith(shown[1].plain[:-1].rstrip())
    assert shown[1].cell_len <= 20
    assert shown[0].spans == full[0].spans  # the highlight stays on the name
    short = Text("岸田文雄")
    assert clip(short, 20, 2).plain == "岸田文雄"  # what fits is shown whole, with no "…"


@sync
async def test_hostile_titles_show_literally_and_run_nothing() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = await at_tree(pilot)
        unknown = next(n for n in screen.nav.source_tree.root.children if str(n.label).startswith("未知来源"))
        unknown.expand()
        for node in list(unknown.children):
            node.expand()
            await pilot.pause()  # a year makes its months when it is opened
            for month in node.children:
                month.expand()
        await pilot.pause()
        leaf = screen.nav.source_tree._leaves["a6"][0]
        assert "[bold]x[/] [@click=app.quit]q end" in str(leaf.label)
        screen.nav.source_tree.move_cursor(leaf)
        await pilot.press("enter")
        await pilot.pause(0.1)
        assert screen.article.pieces[0].text == "[bold]x[/] [@click=app.quit]q end"
        assert screen.article.pieces[2].text == "https://example.org/x"
        await pilot.click("#article")
        await pilot.press("y")
        await pilot.pause()
        assert app.is_running
        shown = "\n".join(s.text for s in app.screen._compositor.render_strips())
        assert "[bold]x[/]" in shown and "\x1b" not in shown and "\x07" not in shown
        assert all("\x1b" not in n.message for n in app._notifications)
    await_search = make_app()
    async with await_search.run_test(size=WIDE) as pilot:
        screen = await search(pilot, "bold")
        assert "a6" in screen.nav.results.hits
        assert "[bold]x[/]" in screen.nav.results.row("a6").plain
