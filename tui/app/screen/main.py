"""The main screen: the left column (navigator.py) and the article pane; routing, focus, commands.

Each pane owns its state: the tree (sources, bookmarks, problems), the results pane (query, hits,
paging), the names panel (filter, names), the article view (the open article, its matches). They
post `ArticleChosen`, `EntityChosen`, `ProblemChosen` and `StatusChanged`; the app's loading
worker's messages arrive here too. The screen routes them and decides where focus goes, and runs
the commands (bound in commands/table.py), each on the highlighted article of the list with
focus, else on the open one. It asks the navigator (the left column), never the lists in it.
"""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Input

from ...archive.model import Article
from ...keymap.shown import not_while_typing
from ..article.handoff import Handoff
from ..article.notices import problem_text, welcome_text
from ..article.script import Script
from ..article.text import clean
from ..article.view import ArticleView
from ..commands.help import HelpScreen, NamePrompt
from ..commands.table import screen_bindings
from ..loading.loaders import Session
from ..loading.messages import ArchiveLoaded, IndexReady, LoadingDone, LoadingFailed, LoadingProgress
from ..loading.waiting import INDEXING_NAMES
from ..messages import ArticleChosen, ProblemChosen
from ..search.results import SearchResults
from .navigator import Navigator

NARROW = 100  # below this many columns the list and the article take turns
_NOT_WHILE_TYPING = not_while_typing()


class MainScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = list(screen_bindings())
    handoff: Handoff  # set once mounted

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.script = Script(session.config.script)  # shared by the panes that show file text
        self.walk: list[str] = []  # the list `[`/`]` step through
        self.return_to: Widget | None = None  # the list the open article was chosen in

    def compose(self) -> ComposeResult:
        session = self.session
        with Horizontal(id="body"):
            yield Navigator(session.state, session.history, session.saved, self.script, session.latency,
                            sort="date" if session.config.sort == "date" else None, id="nav")
            yield ArticleView(id="article")
        yield Footer(compact=True, show_command_palette=False)

    @property
    def nav(self) -> Navigator:
        return self.query_one("#nav", Navigator)

    @property
    def article(self) -> ArticleView:
        return self.query_one("#article", ArticleView)

    def workers_pending(self) -> bool:
        """Whether the results pane is still searching (tests, screenshots)."""
        return self.nav.pending()

    def set_status(self, text: str) -> None:
        self.nav.set_status(text)

    async def on_mount(self) -> None:
        self.handoff = Handoff(self.app, self.session.config, self.session.roots)
        await self.article.show_message(welcome_text(None, self.session.keymap))
        self.nav.focus_tree()
        self.session.start_loading()

    def on_resize(self) -> None:
        self.set_class(self.size.width < NARROW, "-narrow")

    # -- the loading worker's messages (through the app) ------------------------------------------
    def on_loading_progress(self, message: LoadingProgress) -> None:
        self.nav.progress(message.done, message.total, indexing=message.indexing)

    async def on_archive_loaded(self, message: ArchiveLoaded) -> None:
        self.nav.archive_loaded(message.archive, indexed=self.session.index is not None)
        if self.article.article is None:
            await self.article.show_message(welcome_text(message.archive, self.session.keymap))

    def on_index_ready(self, message: IndexReady) -> None:
        self.nav.index_ready(message.index)

    def on_loading_done(self, message: LoadingDone) -> None:
        self.nav.loading_done()

    def on_loading_failed(self, message: LoadingFailed) -> None:
        self.nav.loading_failed()

    # -- what the panes chose ------------------------------------------------------------------
    def on_search_results_listed(self, message: SearchResults.Listed) -> None:
        target = self.nav.show_listed(message.listing)
        if target is not None:
            self.remove_class("-reading")
            self.set_focus(target)  # at once: a key pressed next (/ ...) moves it on

    async def on_problem_chosen(self, message: ProblemChosen) -> None:
        await self.article.show_message(problem_text(message.rejection))
        self.show_article_pane()

    def on_article_chosen(self, message: ArticleChosen) -> None:
        self.nav.article_opened(message.origin)
        self.open_article(message.article_id, message.ids, message.terms, message.origin)

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
        self.nav.refresh_article(article_id)
        shown = self.article.article
        if shown is not None and shown.id == article_id:
            self.article.set_bookmarked(self.session.state.is_bookmarked(article_id))

    # -- focus -----------------------------------------------------------------------------------
    def on_descendant_focus(self, event: object) -> None:
        self.set_class(self.focused is self.article, "-reading")
        self.refresh_bindings()

    def action_cycle(self, step: int) -> None:
        panes: list[Widget] = [*self.nav.cycle_order(), self.article]
        now = next((i for i, p in enumerate(panes) if p is self.focused), -1)
        target = panes[(now + step) % len(panes)]
        self.set_class(target is self.article, "-reading")
        self.call_after_refresh(target.focus)

    def action_focus_search(self) -> None:
        later = self.has_class("-narrow") and self.has_class("-reading")  # the box shows after a refresh
        self.remove_class("-reading")
        self.nav.focus_search(after_refresh=later)

    def action_back(self) -> None:
        if self.focused is self.article:
            target: Widget = self.nav.list_widget()
            if self.nav.is_article_list(self.return_to) and self.return_to is not None:
                target = self.return_to if self.return_to.display else target
            self.remove_class("-reading")
            self.set_status(self.nav.pane_status())
            self.call_after_refresh(target.focus)
        elif self.nav.entity_has_focus():
            self.action_names()
        elif not self.nav.back():
            self.remove_class("-reading")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in _NOT_WHILE_TYPING and isinstance(self.focused, Input):
            return False
        if action == "back" and self.nav.tree_has_focus() and not self.has_class("-reading"):
            return False
        if action == "match" and not self.article.matches:
            return None
        if action == "step" and not self.walk:
            return None
        return True

    # -- commands (see commands/table.py) ----------------------------------------------------------
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
        shown, ids = self.article.article, self.walk
        if not ids:
            self.notify("No list to step through: open an article first", severity="warning", timeout=2)
            return
        index = ids.index(shown.id) if shown is not None and shown.id in ids else -1
        new = index + step
        if not 0 <= new < len(ids):
            self.notify("Last article in this list" if step > 0 else "First article in this list", timeout=2)
            return
        article_id, origin = ids[new], self.return_to or self.nav.list_widget()
        terms = self.nav.select_article(origin, article_id, ids)
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
        self.nav.focus_tree(after_refresh=True)

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
