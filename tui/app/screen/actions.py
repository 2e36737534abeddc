"""What the main screen's commands do (bound in commands.py), and opening an article.

Each acts on the highlighted article of the list with focus, else on the open one.
"""

from __future__ import annotations

from textual import work
from textual.widget import Widget

from ...archive.model import Article
from ..article.text import clean
from ..commands.help import HelpScreen, NamePrompt
from ..search.results import SearchResults
from ..tree.source_tree import SourceTree
from .panes import Panes


class Actions(Panes):
    # -- opening -------------------------------------------------------------------------------
    @work(exclusive=True, group="open")
    async def open_article(self, article_id: str, ids: list[str], terms: list[str], origin: Widget) -> None:
        session = self.session
        if session.archive is None or article_id not in session.archive:
            return
        article = session.archive.get(article_id)
        self.walk, self.return_to = ids, origin
        await self.article.show_article(article, terms, bookmarked=session.state.is_bookmarked(article_id),
                                        convert=self.script.convert)
        session.mark_read(article_id)
        if self.article.matches:
            self.set_status(f"{len(self.article.matches)} matches · n/N jump between them")
        self.show_article_pane()
        self.refresh_bindings()

    def show_article_pane(self) -> None:
        self.add_class("-reading")
        self.call_after_refresh(self.article.focus)

    def refresh_article_state(self, article_id: str) -> None:
        """Read/bookmark state of one article changed: relabel it wherever it shows."""
        self.source_tree.refresh_article(article_id)
        if article_id in self.results.hits:
            self.results.refresh_row(article_id)
        shown = self.article.article
        if shown is not None and shown.id == article_id:
            self.article.set_bookmarked(self.session.state.is_bookmarked(article_id))

    # -- commands (see commands.py) --------------------------------------------------------------
    def target_article(self) -> str | None:
        """The highlighted article when a list has focus, else the open one."""
        focused = self.focused
        if focused is self.source_tree and self.source_tree.current_article():
            return self.source_tree.current_article()
        if focused is self.results and self.results.current_article():
            return self.results.current_article()
        return self.article.article.id if self.article.article else None

    def action_match(self, step: int) -> None:
        where = self.article.jump(step)
        if where is None:
            self.notify("No matches in this article", severity="warning", timeout=2)
        else:
            self.set_status(f"match {where[0]}/{where[1]}")

    def action_step(self, step: int) -> None:
        shown, ids = self.article.article, self.walk
        if not ids:
            self.notify("No list to step through: open an article first", severity="warning", timeout=2)
            return
        index = ids.index(shown.id) if shown is not None and shown.id in ids else -1
        new = index + step
        if not 0 <= new < len(ids):
            self.notify("Last article in this list" if step > 0 else "First article in this list", timeout=2)
            return
        article_id, origin = ids[new], self.return_to or self.list_widget()
        if isinstance(origin, (SearchResults, SourceTree)):
            origin.select_article(article_id, ids)
        terms = self.results.terms() if origin is self.results else []
        self.open_article(article_id, ids, terms, origin)

    def _chosen(self) -> Article | None:
        article_id, archive = self.target_article(), self.session.archive
        if article_id is None or archive is None:
            self.notify("No article selected", severity="warning", timeout=2)
            return None
        return archive.get(article_id)

    def action_hand_off(self, how: str) -> None:
        """y c p o s: the chosen article to the clipboard, the pager, a browser, a file."""
        if article := self._chosen():
            self.handoff.run(how, article)

    def action_bookmark(self) -> None:
        article_id, archive, state = self.target_article(), self.session.archive, self.session.state
        if article_id is None or archive is None:
            self.notify("No article selected", severity="warning", timeout=2)
            return
        now = state.toggle_bookmark(article_id)
        self.session.save_state()
        self.refresh_article_state(article_id)
        self.source_tree.refresh_bookmarks()
        title = clean(archive.meta(article_id).title)
        self.notify(("★ Bookmarked: " if now else "Bookmark removed: ") + title, markup=False, timeout=3)

    def action_rescan(self) -> None:
        self.session.start_loading(rescan=True)

    def action_names(self) -> None:
        """The names panel; back from an entity's articles, the list keeps its place."""
        if self.session.index is None:
            self.notify("正在建立索引 Indexing… names follow when it is done", timeout=3)
            return
        target = self.nav.show_names()
        self.remove_class("-reading")
        self.call_after_refresh(target.focus)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self.session.keymap))

    def _reveal(self, key: str) -> None:
        if not self.nav.reveal(key):
            self.notify("Nothing there", timeout=2)
            return
        self.remove_class("-reading")
        self.call_after_refresh(self.source_tree.focus)

    def action_list_node(self) -> None:
        """The newest articles of the highlighted tree node (of the whole archive above it)."""
        title, ids = self.nav.node_listing()
        if not ids:
            self.notify("No articles there", timeout=2)
            return
        self.results.list_articles(title, ids)

    async def action_script(self) -> None:
        """As written -> Simplified -> Traditional: titles, snippets and the open article."""
        self.script.cycle()
        self.results.redraw()
        self.source_tree.relabel()
        shown = self.article.article
        if shown is not None:
            await self.article.show_article(shown, self.article.terms, convert=self.script.convert,
                                            bookmarked=self.session.state.is_bookmarked(shown.id))
        self.notify(f"Script: {self.script.label}", timeout=2)

    def action_toggle_sort(self) -> None:
        order = self.results.toggle_sort()
        self.notify("Newest first" if order == "date" else "Best first", title="Sort", timeout=2)

    def action_save_search(self) -> None:
        query = self.results.query_text
        if not query:
            self.notify("Type a search first, then save it", severity="warning", timeout=3)
            return

        def save(name: str | None) -> None:
            if name:
                self.notify(clean(self.nav.save_search(name)), markup=False, timeout=5)

        self.app.push_screen(NamePrompt(query), save)

    def action_show_bookmarks(self) -> None:
        self._reveal("bookmarks")

    def action_show_problems(self) -> None:
        self._reveal("problems")

    def action_quit(self) -> None:
        self.app.exit(0)
