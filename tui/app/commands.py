"""Command palette provider: every key's command, by name."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

COMMANDS: list[tuple[str, str, str]] = [
    ("Search 搜索", "focus_search", "Focus the search box (/)"),
    ("Names 人名", "names", "People, organisations and agreements; Enter lists articles (e)"),
    ("Bookmarks 书签", "show_bookmarks", "Show the bookmarks in the tree"),
    ("Toggle bookmark", "bookmark", "Bookmark or unbookmark the article (b)"),
    ("Copy article URL", "copy_url", "Copy the URL with OSC 52 (y)"),
    ("Next article", "step(1)", "Next article in the current list (])"),
    ("Previous article", "step(-1)", "Previous article in the current list ([)"),
    ("Next match", "match(1)", "Next match in the open article (n)"),
    ("Previous match", "match(-1)", "Previous match in the open article (N)"),
    ("Rescan archive", "rescan", "Re-read the paths and show new articles (r)"),
    ("Problems 无法读取", "show_problems", "Files that could not be read as articles"),
    ("Keys help", "help", "All the keys (?)"),
    ("Quit", "app.quit", "Quit newstui (q, Ctrl+Q)"),
]


class NewsCommands(Provider):
    def _run(self, action: str) -> None:
        screen = self.app.screen_stack[0] if self.app.screen_stack else self.app.screen
        self.app.call_later(screen.run_action, action)

    async def discover(self) -> Hits:
        for name, action, help_ in COMMANDS:
            yield DiscoveryHit(name, partial(self._run, action), help=help_)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, action, help_ in COMMANDS:
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(self._run, action), help=help_)
