"""The preview: as the cursor moves in the results or the tree, the highlighted article shows in
the article pane (fzf's preview, newsboat's split), without taking focus or marking it read.

Only when the article pane shows beside the list (wide terminals, or 80 columns with one-line
rows; narrower, the list and the article take turns). The cursor's last stop is shown `DELAY`
seconds after it stops, so holding `j` moves the cursor, not the pane.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.timer import Timer
from textual.widget import Widget

DELAY = 0.06  # seconds the cursor rests before its article is shown


class Preview:
    def __init__(self, screen: Widget, show: Callable[[str, Widget], None]) -> None:
        """`show(article id, list)` opens the article beside the list without focus."""
        self.screen, self.show = screen, show
        self.on = True
        self._timer: Timer | None = None

    def toggle(self) -> bool:
        self.on = not self.on
        return self.on

    def moved(self, article_id: str | None, origin: Widget) -> None:
        """The cursor of `origin` is on `article_id` (None: not on an article)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if not self.on or article_id is None or self.screen.has_class("-narrow") or not origin.has_focus:
            return
        self._timer = self.screen.set_timer(DELAY, lambda: self._due(article_id, origin))

    def _due(self, article_id: str, origin: Widget) -> None:
        self._timer = None
        if origin.has_focus:  # the reader has gone elsewhere meanwhile: nothing to preview
            self.show(article_id, origin)
