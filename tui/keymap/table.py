"""Every command of the browser, defined once (`KeyCommand`): binding id, keys, footer label, help
line, palette. Plain data: no Textual.

The footer (through the bindings tui/app/commands/table.py builds), the `?` help, the command
palette, the welcome text, the docs' key table and the user's keymap (binding id -> keys, see
config) all read `COMMANDS`. A row with no `help` is shown on the help line above it (`n N`: next /
previous match). Rows without an `action` only document keys that widgets already handle (Enter,
j k, ...).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KeyCommand:
    id: str  # the binding id: what a keymap in the config file names
    keys: str  # Textual key names, comma-separated
    action: str = ""  # a MainScreen action ("app.x" for the app's); "" documents keys only
    label: str = ""  # in the footer ("" : not in the footer)
    help: str = ""  # the help line ("" : its keys join the line above)
    palette: str = ""  # its name in the command palette ("" : not there)
    palette_help: str = ""
    brief: str = ""  # in the welcome text
    footer: int = 0  # position in the footer (1, 2, ...), with `label`
    typing: bool = False  # offered while a text box has focus
    typed_after: bool = False  # moves focus to where the next keys are typed: acts on arrival
    remap: bool = True  # the keymap may change its keys


COMMANDS: list[KeyCommand] = [
    KeyCommand("search", "slash", "focus_search", "Search",
            help="搜索 Focus the search box; results update as you type",
            palette="Search 搜索", palette_help="Focus the search box", brief="search", footer=1,
            typed_after=True),
    KeyCommand("history", "up,down",
            help="In the search box: earlier / later searches (then Down: to the list)",
            remap=False),
    KeyCommand("toggle_sort", "ctrl+o", "toggle_sort",
            help="Sort the results by relevance or by date (newest first)",
            palette="Toggle sort: relevance / date", palette_help="Best first or newest first", typing=True),
    KeyCommand("save_search", "ctrl+s", "save_search",
            help="Keep the search: it shows under Saved searches in the tree",
            palette="Save this search", palette_help="Name the query in the box; it shows in the tree",
            typing=True),
    KeyCommand("open", "enter", help="打开 Open the selected result or tree article", brief="open",
            footer=3, remap=False),
    KeyCommand("back", "escape", "back", "Back", help="返回 Leave the search box / go back", brief="back",
            footer=4, typing=True),
    KeyCommand("move", "j,k,up,down", help="Move in lists; scroll the article", remap=False),
    KeyCommand("ends", "g,G", help="First / last item; top / bottom of the article", remap=False),
    KeyCommand("page", "pageup,pagedown,space", help="Page up / down", remap=False),
    KeyCommand("next_pane", "tab", "cycle(1)", help="Cycle panes: search -> list -> article", typing=True),
    KeyCommand("prev_pane", "shift+tab", "cycle(-1)", typing=True),
    KeyCommand("names", "e", "names", "Names",
            help="人名 Names: people, organisations, agreements; type to filter, Enter lists articles",
            palette="Names 人名", palette_help="People, organisations and agreements; Enter lists articles",
            brief="names", footer=2, typed_after=True),
    KeyCommand("related", "w", "related",
            help="同现 In the names: who is named with the highlighted name (more than by chance); "
                 "Enter lists the articles naming both",
            palette="Named with 同现",
            palette_help="The names most often in the same articles as the highlighted one"),
    KeyCommand("next_match", "n", "match(1)", "Match",
            help="Next / previous match (highlighted names) in the open article",
            palette="Next match", palette_help="Next match in the open article", brief="matches", footer=5),
    KeyCommand("prev_match", "N", "match(-1)", palette="Previous match",
            palette_help="Previous match in the open article"),
    KeyCommand("prev_article", "left_square_bracket", "step(-1)", "Prev/next",
            help="Previous / next article in the current list", palette="Previous article",
            palette_help="Previous article in the current list", brief="prev/next", footer=6),
    KeyCommand("next_article", "right_square_bracket", "step(1)", palette="Next article",
            palette_help="Next article in the current list"),
    KeyCommand("list_node", "l", "list_node",
            help="最新 List the newest articles of the highlighted tree node",
            palette="List this node's newest articles",
            palette_help="The newest articles of the highlighted tree node"),
    KeyCommand("show_newest", "", "show_newest",
            help="最新 Newest: the first screen's list again (also 最新 Newest and 全部 All in the tree)",
            palette="Newest articles 最新", palette_help="The newest articles of the whole archive"),
    KeyCommand("compact", "v", "compact",
            help="Compact list: one line per article (date, source, title), or full rows; remembered",
            palette="Compact list / full rows",
            palette_help="One line per article, or title, source and snippet",
            brief="compact"),
    KeyCommand("preview", "P", "preview",
            help="Preview: the highlighted article shows beside the list as you move (wide terminals)",
            palette="Preview on / off", palette_help="Show the highlighted article beside the list"),
    KeyCommand("script", "t", "script",
            help="文字 Text as written, in Simplified or in Traditional characters",
            palette="Script: as written / 简体 / 繁體",
            palette_help="Cycle the script titles and articles show in", brief="简/繁", footer=12),
    KeyCommand("copy_url", "y", "hand_off('copy_url')",
            "Copy", help="Copy the article URL (OSC 52, works over SSH)",
            palette="Copy article URL", palette_help="Copy the URL with OSC 52", brief="copy URL", footer=7),
    KeyCommand("copy_text", "c", "hand_off('copy_text')",
            help="Copy the article text (OSC 52; inside tmux too, see the docs)",
            palette="Copy article text", palette_help="Copy the whole article as text with OSC 52"),
    KeyCommand("pager", "p", "hand_off('pager')",
            help="Read the article in your pager ($PAGER, or pager in the config)",
            palette="Open in pager", palette_help="Hand the article to the pager", brief="pager", footer=13),
    KeyCommand("open_url", "o", "hand_off('open_url')",
            help="Open the URL in a browser (shown instead where there is no display)",
            palette="Open URL", palette_help="Open the article's URL with the system's opener"),
    KeyCommand("save", "s", "hand_off('save')",
            help="Save the article as Markdown (save_folder in the config)",
            palette="Save as Markdown", palette_help="Save the article as a Markdown file", brief="save",
            footer=14),
    KeyCommand("bookmark", "b", "bookmark", "Mark", help="Bookmark / unbookmark (★ Bookmarks in the tree)",
            palette="Toggle bookmark", palette_help="Bookmark or unbookmark the article", brief="bookmark",
            footer=8),
    KeyCommand("show_bookmarks", "", "show_bookmarks", palette="Bookmarks 书签",
            palette_help="Show the bookmarks in the tree"),
    KeyCommand("rescan", "r", "rescan",
            help="Rescan the paths and show new articles", palette="Rescan archive",
            palette_help="Re-read the paths and show new articles", brief="rescan", footer=9),
    KeyCommand("show_problems", "exclamation_mark", "show_problems",
            help="⚠ Problems: the files that could not be read as articles, and why",
            palette="Problems 无法读取", palette_help="Files that could not be read as articles"),
    KeyCommand("palette", "ctrl+p", help="Command palette: every command by name", remap=False),
    KeyCommand("help", "question_mark", "help", "Help", help="This help", palette="Keys help",
            palette_help="All the keys", brief="help", footer=10),
    KeyCommand("quit", "q", "quit", "Quit", help="Quit (in the search box q types q; Ctrl+Q quits)",
            palette="Quit", palette_help="Quit newstui", brief="quit", footer=11),
    KeyCommand("quit_anywhere", "ctrl+q", "app.quit", "Quit", typing=True),
]

BY_ID = {c.id: c for c in COMMANDS}
