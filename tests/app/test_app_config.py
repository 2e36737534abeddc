"""The config file: keymap by binding id, a remembered theme, a broken file, `newstui config`."""

from __future__ import annotations

import re
from pathlib import Path

from support.app import WIDE, make_app, ready, sync, until
from support.commands import newstui
from textual.widgets import Input

from tui import config
from tui.app.commands.help import HelpScreen

USER_FILE = """# my settings
sort = "relevance"   # best first

[keys]
search = "ctrl+f"
bookmark = "m"
"""


def footer(pilot) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(s.text for s in pilot.app.screen._compositor.render_strips())


@sync
async def test_keymap_by_binding_id_remaps_keys_footer_and_help(config_dir: Path) -> None:
    (config_dir / "config.toml").write_text(USER_FILE, "utf-8")
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        assert "Ctrl+F Search" in footer(pilot) and "/ Search" not in footer(pilot)
        await pilot.press("slash")  # no longer the search key
        await pilot.pause()
        assert not isinstance(screen.focused, Input)
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert screen.focused is screen.nav.search
        await pilot.press("escape", "m")  # to the newest articles; m bookmarks the highlighted one
        await pilot.pause()
        assert screen.nav.results.current_article() in app.state.bookmarks
        assert any("Bookmarked" in n.message for n in app._notifications)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert await until(pilot, lambda: re.search(r"│ Ctrl\+F +搜索", footer(pilot)) is not None)
        assert re.search(r"│ m +Bookmark", footer(pilot)) and not re.search(r"│ / +搜索", footer(pilot))


@sync
async def test_theme_chosen_in_palette_is_remembered_and_the_file_kept(config_dir: Path) -> None:
    path = config_dir / "config.toml"
    path.write_text(USER_FILE, "utf-8")
    async with make_app().run_test(size=WIDE) as pilot:
        await ready(pilot)
        pilot.app.action_change_theme()
        await pilot.pause(0.2)
        await pilot.press(*"nord")
        await pilot.pause(0.3)
        await pilot.press("enter")
        assert await until(pilot, lambda: pilot.app.theme == "nord")
        await pilot.pause(0.1)
    text = path.read_text("utf-8")
    assert 'theme = "nord"' in text and "# my settings" in text and 'bookmark = "m"' in text
    assert text.replace('theme = "nord"\n', "") == USER_FILE  # nothing else rewritten
    async with make_app().run_test(size=WIDE) as pilot:
        await ready(pilot)
        assert pilot.app.theme == "nord"


@sync
async def test_a_broken_line_is_named_and_every_other_setting_kept(config_dir: Path) -> None:
    (config_dir / "config.toml").write_text('theme = "nord"\nsort = \n[keys]\nbookmark = "m"\n', "utf-8")
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = await ready(pilot)
        assert app.is_running and app.theme == "nord" and app.config.sort == "relevance"
        assert app.config.keys == {"bookmark": "m"}
        said = [n.message for n in app._notifications if "config.toml" in n.message]
        assert len(said) == 1 and "line 2" in said[0] and "sort has no value" in said[0]
        await pilot.press("slash")  # the default keys work
        await pilot.pause()
        assert screen.focused is screen.nav.search


@sync
async def test_unknown_values_and_binding_ids_are_named(config_dir: Path) -> None:
    (config_dir / "config.toml").write_text('[keys]\nfly = "f"\n', "utf-8")
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        assert any("'fly' is not a binding id" in n.message for n in app._notifications)
    (config_dir / "config.toml").write_text('script = "klingon"\n', "utf-8")
    settings, problem = config.load()
    assert settings == config.Config() and problem is not None and "line 1" in problem
    assert '"as-written", "simplified", "traditional"' in problem


def test_an_unquoted_value_keeps_the_rest_and_says_how_to_write_it(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('theme = "nord"\nsort = date\n\n[keys]\nsearch = "ctrl+f"\nbookmark = m\n', "utf-8")
    settings, problem = config.load(path)
    assert settings.theme == "nord" and settings.sort == "relevance"  # the bad line's default
    assert settings.keys == {"search": "ctrl+f"}
    assert problem is not None
    assert 'line 2: quote strings: sort = "date"' in problem
    assert 'line 6: quote strings: bookmark = "m"' in problem


def test_save_setting_changes_one_line_and_refuses_a_broken_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    assert config.save_setting("theme", "nord", path) is None  # no file yet: created
    assert path.read_text("utf-8") == 'theme = "nord"\n'
    path.write_text('theme = "x"  # old\n# keep me\n[keys]\nquit = "Q"\n', "utf-8")
    assert config.save_setting("theme", "gruvbox", path) is None
    assert path.read_text("utf-8") == 'theme = "gruvbox"\n# keep me\n[keys]\nquit = "Q"\n'
    path.write_text("theme = \n", "utf-8")
    problem = config.save_setting("theme", "nord", path)
    assert problem is not None and path.read_text("utf-8") == "theme = \n"  # never rewritten


def test_cli_config_path_and_show(tmp_path: Path, config_dir: Path) -> None:
    done = newstui("config", "--path", cwd=tmp_path)
    assert done.returncode == 0 and done.stdout.strip() == str(config_dir / "config.toml")
    (config_dir / "config.toml").write_text('sort = "date"\n[keys]\nsearch = "ctrl+f"\n', "utf-8")
    done = newstui("config", "--show", cwd=tmp_path)
    assert done.returncode == 0 and 'sort = "date"' in done.stdout and 'search = "ctrl+f"' in done.stdout
    (config_dir / "config.toml").write_text('sort = "dated"\n', "utf-8")
    done = newstui("config", "--show", cwd=tmp_path)
    assert done.returncode == 1 and "line 1" in done.stderr and 'sort = "relevance"' in done.stdout
    assert 'pager = ""' not in done.stdout and 'save_folder = ""' not in done.stdout  # what it will use
