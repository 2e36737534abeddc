"""The command palette's commands (Ctrl+P): those of the command table with a palette name, each
run on the main screen with the keys the user's keymap gives it."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from ...keymap.shown import palette_entries
from ..screen.main import MainScreen


class PaletteCommands(Provider):
    """The palette's commands; each runs on the main screen."""

    def _main(self) -> MainScreen | None:
        stack = self.app.screen_stack
        return stack[0] if stack and isinstance(stack[0], MainScreen) else None

    def _run(self, action: str) -> None:
        main = self._main()
        self.app.call_later((main or self.app.screen).run_action, action)

    def _entries(self) -> list[tuple[str, str, str]]:
        main = self._main()
        return list(palette_entries(main.session.keymap if main is not None else None))

    async def discover(self) -> Hits:
        for name, action, help_ in self._entries():
            yield DiscoveryHit(name, partial(self._run, action), help=help_)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, action, help_ in self._entries():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(self._run, action), help=help_)
