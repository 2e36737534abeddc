"""Key actions of the main screen that act on an article: match, step, copy, bookmark, views."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .help import HelpScreen
from .text import clean

if TYPE_CHECKING:
    from .screen import MainScreen


class ScreenActions:
    """Mixed into MainScreen (kept apart to keep each file short)."""

    def target_article(self: MainScreen) -> str | None:
        """The highlighted article when a list has focus, else the open one."""
        focused = self.focused
        if focused is self.tree and self.tree.current_article():
            return self.tree.current_article()
        if focused is self.results and self.results.current_article():
            return self.results.current_article()
        return self.article.article.id if self.article.article else None

    def action_match(self: MainScreen, step: int) -> None:
        where = self.article.jump(step)
        if where is None:
            self.notify("No matches in this article", severity="warning", timeout=2)
        else:
            self.set_status(f"match {where[0]}/{where[1]}")

    def action_step(self: MainScreen, step: int) -> None:
        shown = self.article.article
        ids = self.current_ids
        if not ids:
            self.notify("No list to step through: open an article first", severity="warning", timeout=2)
            return
        index = ids.index(shown.id) if shown is not None and shown.id in ids else -1
        new = index + step
        if not 0 <= new < len(ids):
            self.notify("Last article in this list" if step > 0 else "First article in this list", timeout=2)
            return
        article_id = ids[new]
        origin = self.return_to
        if origin is self.results and article_id in self.hits:
            self.results.highlighted = self.results.get_option_index(article_id)
        elif origin is self.tree:
            self.tree.select_article(article_id, ids)
        self.open_article(article_id, ids, origin or self.list_widget())

    def action_copy_url(self: MainScreen) -> None:
        article_id = self.target_article()
        if article_id is None or self.app.archive is None:
            self.notify("No article selected", severity="warning", timeout=2)
            return
        url = clean(self.app.archive.meta(article_id).url)
        if not url:
            self.notify("This article has no URL", severity="warning", timeout=3)
            return
        self.app.copy_to_clipboard(url)
        self.notify(f"Copied URL (OSC 52): {url}", title="y", markup=False, timeout=4)

    def action_bookmark(self: MainScreen) -> None:
        article_id = self.target_article()
        if article_id is None or self.app.archive is None:
            self.notify("No article selected", severity="warning", timeout=2)
            return
        now = self.app.state.toggle_bookmark(article_id)
        self.app.save_state()
        self.refresh_article_state(article_id)
        self.tree.refresh_bookmarks()
        title = clean(self.app.archive.meta(article_id).title)
        self.notify(("★ Bookmarked: " if now else "Bookmark removed: ") + title, markup=False, timeout=3)

    def action_rescan(self: MainScreen) -> None:
        self.app.start_loading(rescan=True)

    def action_names(self: MainScreen) -> None:
        """The names panel; back from an entity's articles, the list keeps its place."""
        if self.app.index is None:
            self.notify("正在建立索引 Indexing… names follow when it is done", timeout=3)
            return
        if self.query_text:
            self.search.value = ""  # searching and browsing names take turns
        self.switcher.current = "names"
        self.names.refill()
        if "names" in self.pane_status:
            self.set_status(self.pane_status["names"])
        self.remove_class("-reading")
        target = self.names.list if self.entity is not None else self.names.filter
        self.call_after_refresh(target.focus)

    def action_help(self: MainScreen) -> None:
        self.app.push_screen(HelpScreen())

    def _show_tree_node(self: MainScreen, key: str) -> None:
        if self.query_text:
            self.search.value = ""
        node = next((n for n in self.tree.root.children if n.data and n.data.key == key), None)
        if node is None:
            self.notify("Nothing there", timeout=2)
            return
        node.expand()
        self.tree.move_cursor(node)
        self.remove_class("-reading")
        self.call_after_refresh(self.tree.focus)

    def action_show_bookmarks(self: MainScreen) -> None:
        self._show_tree_node("bookmarks")

    def action_show_problems(self: MainScreen) -> None:
        self._show_tree_node("problems")

    async def action_quit(self: MainScreen) -> None:
        self.app.exit(0)
