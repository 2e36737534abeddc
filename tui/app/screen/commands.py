"""What the main screen does with articles: opens them (chosen, previewed, stepped to with `[`/`]`)
and runs the commands of the command table (tui/keymap/table.py) on them, each on the highlighted
article of the list with focus, else on the open one. main.py composes the screen, routes the
panes' messages and moves focus; it is a `ScreenCommands`.
"""

from __future__ import annotations

from textual import work
from textual.screen import Screen
from textual.widget import Widget

from ... import config
from ...archive.model import Article
from ..article.handoff import Handoff
from ..article.script import Script
from ..article.text import clean
from ..article.view import ArticleView
from ..commands.help import HelpScreen, NamePrompt
from ..loading.loaders import Session
from ..loading.waiting import INDEXING_NAMES, READING_ACTION, READING_ARTICLE, READING_NAMES
from ..search.status import plural
from .navigator import Navigator
from .preview import Preview

NARROW = 100  # below this many columns the list and the article take turns
COMPACT_NARROW = 80  # one-line rows sit beside the article from this width (20 titles at 80x24)


class ScreenCommands(Screen[None]):
    handoff: Handoff  # set once mounted

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.script = Script(session.config.script)  # shared by the panes that show file text
        self.walk: list[str] = []  # the list `[`/`]` step through
        self.opened: str | None = None  # the article shown (or on its way): `]]]` steps from here
        self.return_to: Widget | None = None  # the list the open article was chosen in
        self.preview = Preview(self, self._preview)
        # asked for while only the archive's outline is here (its index answers for every
        # article), done once the archive's records are decoded: an article chosen (id, list,
        # terms, origin), or "names"
        self._waiting: tuple[str, list[str], list[str], Widget] | str | None = None

    @property
    def nav(self) -> Navigator:
        return self.query_one("#nav", Navigator)

    @property
    def article(self) -> ArticleView:
        return self.query_one("#article", ArticleView)


    def set_status(self, text: str) -> None:
        self.nav.set_status(text)

    def open_article(self, article_id: str, ids: list[str], terms: list[str], origin: Widget,
                     *, preview: bool = False) -> None:
        """Show `article_id` (chosen in `origin`, whose list `ids` `[`/`]` walk). What is open is
        known at once, before the article is drawn: each of `]]]` typed together steps on from
        the one before. A `preview` leaves focus in the list and the article unread."""
        session = self.session
        if not preview:  # (what is chosen now replaces what waited)
            self._waiting = None
        if session.archive is None or article_id not in session.archive:
            if session.archive is not None and session.archive.partial and not preview:
                self._waiting = (article_id, ids, terms, origin)
                self.set_status(READING_ARTICLE)
            return
        self.walk, self.return_to, self.opened = ids, origin, article_id
        self._show(article_id, terms, preview)

    def open_waiting(self) -> bool:
        """The article (or the names) asked for while only the outline was here, now that the
        archive is; whether an article opens."""
        waiting, self._waiting = self._waiting, None
        if waiting == "names":
            self.action_names()
        elif isinstance(waiting, tuple):
            if self.session.archive is None or waiting[0] not in self.session.archive:
                self.notify("That article is not in the archive as read from disk", severity="warning",
                            timeout=4)
                return False
            self.open_article(*waiting)
        return isinstance(waiting, tuple)

    @work(exclusive=True, group="open")
    async def _show(self, article_id: str, terms: list[str], preview: bool) -> None:
        session = self.session
        assert session.archive is not None
        article = session.archive.get(article_id)
        await self.article.show_article(article, terms, bookmarked=session.state.is_bookmarked(article_id),
                                        convert=self.script.convert)
        self.refresh_bindings()
        if preview:
            return
        session.mark_read(article_id)
        if self.article.matches:
            self.set_status(f"{plural(len(self.article.matches), 'match')} · n/N jump between them")
        self.show_article_pane()

    def _preview(self, article_id: str, origin: Widget) -> None:
        if self.opened != article_id:
            self.open_article(article_id, self.nav.list_ids(origin), self.nav.terms_for(origin), origin,
                              preview=True)

    def show_article_pane(self) -> None:
        self.add_class("-reading")
        self.call_after_refresh(self.article.focus)

    def refresh_article_state(self, article_id: str) -> None:
        """Read/bookmark state of one article changed: relabel it wherever it shows."""
        self.nav.refresh_article(article_id)
        shown = self.article.article
        if shown is not None and shown.id == article_id:
            self.article.set_bookmarked(self.session.state.is_bookmarked(article_id))

    # -- commands (see tui/keymap/table.py) -------------------------------------------------------
    def target_article(self) -> str | None:
        """The highlighted article when a list has focus, else the open one."""
        highlighted = self.nav.highlighted_article()
        if highlighted:
            return highlighted
        return self.article.article.id if self.article.article else None

    def action_match(self, step: int) -> None:
        where = self.article.jump(step)
        if where is None:
            self.notify("No matches in this article", severity="warning", timeout=2)
        else:
            self.set_status(f"match {where[0]}/{where[1]}")

    def action_step(self, step: int) -> None:
        shown, ids = self.opened, self.walk
        if not ids:
            self.notify("No list to step through: open an article first", severity="warning", timeout=2)
            return
        index = ids.index(shown) if shown in ids else -1
        new = index + step
        if not 0 <= new < len(ids):
            self.notify(f"{'Last' if step > 0 else 'First'} article in this list ({len(ids)})", timeout=2)
            return
        article_id, origin = ids[new], self.return_to or self.nav.list_widget()
        terms = self.nav.select_article(origin, article_id, ids)
        self.open_article(article_id, ids, terms, origin)

    def _chosen(self) -> Article | None:
        article_id, archive = self.target_article(), self.session.archive
        if article_id is None or archive is None:
            self.notify("No article selected", severity="warning", timeout=2)
            return None
        if article_id not in archive:  # a search hit while only the outline is here
            self.notify(READING_ACTION, timeout=3)
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
        if article_id not in archive:
            self.notify(READING_ACTION, timeout=3)
            return
        now = state.toggle_bookmark(article_id)
        self.session.save_state()
        self.refresh_article_state(article_id)
        self.nav.bookmarks_changed()
        title = clean(archive.meta(article_id).title)
        self.notify(("★ Bookmarked: " if now else "Bookmark removed: ") + title, markup=False, timeout=3)

    def action_rescan(self) -> None:
        self.session.start_loading(rescan=True)

    def action_names(self) -> None:
        """The names panel; back from an entity's articles, the list keeps its place."""
        if self.session.index is None:
            self.notify(INDEXING_NAMES, timeout=3)
            return
        if self.session.archive is None or self.session.archive.partial:
            self._waiting = "names"  # (shown once the archive is read: `open_waiting`)
            self.set_status(READING_NAMES)
            return
        later = self.has_class("-narrow") and self.has_class("-reading")  # the panel shows after a refresh
        target = self.nav.show_names()
        self.remove_class("-reading")
        if later:
            self.call_after_refresh(target.focus)
        else:
            self.set_focus(target)  # at once: what is typed next filters the names

    def action_related(self) -> None:
        """`w` in the names panel: who is named with the highlighted name (again: the names)."""
        if not self.nav.show_related():
            self.notify("Highlight a name first (e: the names)", timeout=2)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self.session.keymap))

    def _reveal(self, key: str) -> None:
        if not self.nav.reveal(key):
            self.notify("Nothing there", timeout=2)
            return
        self.remove_class("-reading")
        self.nav.focus_tree(after_refresh=True)

    def action_show_newest(self) -> None:
        """The first screen's list: the archive's newest articles."""
        if self.nav.show_listing("newest"):
            self.remove_class("-reading")

    def action_compact(self) -> None:
        """One line per article, or full rows; remembered in the config."""
        compact = self.session.config.rows != "compact"
        self.session.config.rows = "compact" if compact else "full"
        self.nav.set_compact(compact)
        self.lay_out()
        problem = config.save_setting("rows", self.session.config.rows)
        self.notify(clean(problem) if problem else ("Compact list" if compact else "Full rows"),
                    severity="warning" if problem else "information", markup=False, timeout=3)

    def lay_out(self) -> None:
        """The list and the article side by side when they fit, else taking turns."""
        compact = self.session.config.rows == "compact"
        self.set_class(compact, "-compact")  # one-line rows: a wider list, so titles show
        self.set_class(self.size.width < (COMPACT_NARROW if compact else NARROW), "-narrow")

    def action_preview(self) -> None:
        on = self.preview.toggle()
        where = "" if not self.has_class("-narrow") else (
            f" (beside the list from {NARROW} columns, {COMPACT_NARROW} with one-line rows: v)")
        self.notify(f"Preview {'on' if on else 'off'}{where}", timeout=3)

    def action_list_node(self) -> None:
        """The newest articles of the highlighted tree node (of the whole archive above it)."""
        if not self.nav.list_node():
            self.notify("No articles there", timeout=2)

    async def action_script(self) -> None:
        """As written -> Simplified -> Traditional: titles, snippets and the open article."""
        self.script.cycle()
        self.nav.script_changed()
        shown = self.article.article
        if shown is not None:
            await self.article.show_article(shown, self.article.terms, convert=self.script.convert,
                                            bookmarked=self.session.state.is_bookmarked(shown.id))
        self.notify(f"Script: {self.script.label}", timeout=2)

    def action_toggle_sort(self) -> None:
        order = self.nav.toggle_sort()
        self.notify("Newest first" if order == "date" else "Best first", title="Sort", timeout=2)

    def action_save_search(self) -> None:
        query = self.nav.search_query()
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
