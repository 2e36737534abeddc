"""The list the results and the names panel are drawn in (tui/app/search/rows.py), on its own in a small app:
rows made once, the cursor keys, paging, Enter and the mouse, and a resize that re-wraps the rows."""

from __future__ import annotations

from rich.text import Text
from support.app import sync
from textual import on
from textual.app import App, ComposeResult

from tui.app.search.rows import ResultsList

IDS = [f"r{i}" for i in range(30)]


class RowsApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.made: list[tuple[str, int]] = []  # (row id, width) of every row the list asked for
        self.chosen: list[str] = []
        self.lit: list[str] = []

    def prompt(self, row_id: str, width: int) -> Text:
        self.made.append((row_id, width))
        return Text(f"title {row_id}\n" + "w" * width)  # two lines, the second as wide as the row

    def compose(self) -> ComposeResult:
        yield ResultsList(self.prompt, row_key=lambda row_id, width: (row_id, width), id="rows")

    @property
    def rows(self) -> ResultsList:
        return self.query_one(ResultsList)

    @on(ResultsList.Selected)  # decorated, as the app's panes are (Textual matches base classes too)
    def _chosen(self, message: ResultsList.Selected) -> None:
        self.chosen.append(message.row_id)

    @on(ResultsList.Highlighted)
    def _lit(self, message: ResultsList.Highlighted) -> None:
        self.lit.append(message.row_id)


@sync
async def test_rows_are_made_once_and_drawn_with_a_divider() -> None:
    app = RowsApp()
    async with app.run_test(size=(40, 12)) as pilot:
        rows = app.rows
        rows.focus()
        rows.show(IDS)
        await pilot.pause()
        assert len(app.made) == len(IDS) and rows.row_count == 30
        assert rows.virtual_size.height == 30 * 3 - 1  # two lines a row, a divider between rows
        first = rows.render_line(0).text
        assert first.startswith(" title r0")
        assert set(rows.render_line(2).text.strip()) == {"─"}
        rows.show(IDS[5:])  # the next keystroke's answer: rows already made are not made again
        await pilot.pause()
        assert len(app.made) == len(IDS)
        assert rows.current_article() == "r5" and rows.row("r5") is not None and rows.row("r0") is None


@sync
async def test_cursor_keys_paging_enter_and_wrap_around() -> None:
    app = RowsApp()
    async with app.run_test(size=(40, 12)) as pilot:
        rows = app.rows
        rows.focus()
        rows.show(IDS)
        await pilot.pause()
        await pilot.press("down", "j")
        assert rows.current_article() == "r2"
        await pilot.press("k")
        assert rows.current_article() == "r1"
        await pilot.press("pagedown")
        assert rows.highlighted is not None and rows.highlighted > 2  # a page on (12 lines: ~4 rows)
        assert rows.scroll_offset.y > 0  # the cursor stays in view
        await pilot.press("G")
        assert rows.current_article() == "r29"
        await pilot.press("down")  # past the last: back to the first
        assert rows.current_article() == "r0" and rows.scroll_offset.y == 0
        await pilot.press("up")
        assert rows.current_article() == "r29"
        await pilot.press("g", "enter")
        await pilot.pause()
        assert app.chosen == ["r0"]
        assert app.lit[-1] == "r0"


@sync
async def test_a_click_chooses_the_row_under_the_mouse_and_extend_keeps_the_cursor() -> None:
    app = RowsApp()
    async with app.run_test(size=(40, 12)) as pilot:
        rows = app.rows
        rows.show(IDS[:3])
        await pilot.pause()
        await pilot.click(ResultsList, offset=(3, 4))  # line 4: the second line of the second row
        await pilot.pause()
        assert app.chosen == ["r1"]
        await pilot.click(ResultsList, offset=(3, 2))  # a divider chooses nothing
        await pilot.pause()
        assert app.chosen == ["r1"]
        rows.extend(IDS[3:6])
        await pilot.pause()
        assert rows.current_article() == "r1" and rows.ids() == IDS[:6]
        assert rows.virtual_size.height == 6 * 3 - 1


@sync
async def test_a_narrower_list_redraws_its_rows_at_the_new_width() -> None:
    app = RowsApp()
    async with app.run_test(size=(40, 12)) as pilot:
        rows = app.rows
        rows.show(IDS[:2])
        await pilot.pause()
        wide = rows.row("r0")
        await pilot.resize_terminal(30, 12)
        await pilot.pause()
        narrow = rows.row("r0")
        assert wide is not None and narrow is not None
        assert len(narrow.plain.split("\n")[1]) < len(wide.plain.split("\n")[1])
        assert all(len(strip.text) <= 30 for strip in (rows.render_line(y) for y in range(5)))


@sync
async def test_a_hidden_list_draws_its_rows_once_it_is_shown() -> None:
    """Rows given to a hidden list (the results pane behind the tree) are drawn when it shows, at
    its width: not first at no width and then again (a first key paid for its rows twice)."""
    app = RowsApp()
    async with app.run_test(size=(40, 12)) as pilot:
        rows = app.rows
        rows.display = False
        await pilot.pause()
        rows.show(IDS[:3])
        rows.extend(IDS[3:4])
        await pilot.pause()
        assert app.made == [] and rows.ids() == IDS[:4] and rows.row("r0") is None
        rows.display = True
        await pilot.pause()
        assert app.made == [(i, 38 - 2) for i in IDS[:4]]  # 40 columns, less the scroll bar, less padding
        assert rows.render_line(0).text.startswith(" title r0")


@sync
async def test_a_list_hidden_after_it_was_shown_draws_new_rows_at_once() -> None:
    """The results pane goes behind the tree when the search box is cleared; the next query's rows
    are drawn as they come, at the width the list had, so they are on screen in the frame that
    shows the list (not in a second one after its layout), and not drawn again then."""
    app = RowsApp()
    async with app.run_test(size=(40, 12)) as pilot:
        rows = app.rows
        rows.show(IDS[:2])
        await pilot.pause()
        rows.display = False
        await pilot.pause()
        app.made.clear()
        rows.show(IDS[2:5])
        assert app.made == [(i, 38 - 2) for i in IDS[2:5]] and rows.row("r2") is not None
        rows.display = True
        await pilot.pause()
        assert app.made == [(i, 38 - 2) for i in IDS[2:5]]  # not drawn again as it shows
        assert rows.render_line(0).text.startswith(" title r2")
        rows.display = False
        await pilot.resize_terminal(30, 12)  # narrower while hidden: drawn again as it shows
        await pilot.pause()
        rows.display = True
        await pilot.pause()
        assert app.made[-1] == ("r4", 28 - 2)
        assert all(len(strip.text) <= 30 for strip in (rows.render_line(y) for y in range(5)))


@sync
async def test_choosing_a_row_is_not_moving_the_cursor() -> None:
    """Enter posts `Selected` only: a `Highlighted` handler (the names panel's timeline, the
    results' next page) does not run again for it."""
    app = RowsApp()
    async with app.run_test(size=(40, 12)) as pilot:
        rows = app.rows
        rows.focus()
        rows.show(IDS[:3])
        await pilot.pause()
        lit = list(app.lit)
        await pilot.press("enter")
        await pilot.pause()
        assert app.chosen == ["r0"] and app.lit == lit
