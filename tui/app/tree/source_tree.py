"""The source -> year -> month -> article tree, with bookmarks and problems nodes.

Article leaves are added lazily when their month is expanded, so big archives stay fast.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from ...archive.model import Rejection
from ...archive.store.archive import Archive, SourceGroup
from ...userdata.reading import ReadingState
from ..article.render import DIM, article_label, count_label
from ..article.script import Script
from ..article.text import clean, source_label
from ..messages import ArticleChosen, ListingChosen, ProblemChosen, SavedSearchChosen


@dataclass
class NodeData:
    kind: str  # "group" | "list" (article ids, lazily expanded) | "article" | "problem" | "saved" | "listing"
    key: str
    ids: list[str] = field(default_factory=list)
    article_id: str = ""
    rejection: Rejection | None = None
    loaded: bool = False
    query: str = ""  # a saved search's query
    months: list[tuple[Text, NodeData]] = field(default_factory=list)  # a year's, added on expand


Node = TreeNode[NodeData]


def _add_years(parent: Node, group: SourceGroup, key: str) -> None:
    """A group's years (and months, unless a year has only undated articles) under parent. A
    year's month nodes are made when it is first expanded: a 30k archive has ~4,000 months, and
    making their nodes up front was half of the app's time from the first frame to a usable tree."""
    for year in group.years:
        ykey = f"{key}/{year.key}"
        if len(year.months) == 1 and not year.months[0].key:
            parent.add(count_label(year.key or "未注明日期 undated", year.count),
                       NodeData("list", ykey, list(year.months[0].ids)))
            continue
        months = [(count_label(f"{year.key}-{month.key}" if month.key else "—", month.count),
                   NodeData("list", f"{ykey}/{month.key}", list(month.ids))) for month in year.months]
        parent.add(count_label(year.key or "未注明日期 undated", year.count),
                   NodeData("group", ykey, months=months))  # months are nodes once it is opened


class SourceTree(Tree[NodeData]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
    ]

    def __init__(self, script: Script, **kwargs: object) -> None:
        super().__init__(Text("newstui"), **kwargs)  # type: ignore[arg-type]
        self.script = script
        self.show_root = False
        self.guide_depth = 2
        self.archive: Archive | None = None
        self.state: ReadingState | None = None
        self._leaves: dict[str, list[Node]] = {}
        self.bookmarks_node: Node | None = None
        self.saved_node: Node | None = None
        self.saved: list[tuple[str, str]] = []  # (name, query) of the saved searches
        self.saved_counts: dict[str, int] = {}

    def action_first(self) -> None:
        self.cursor_line = 0

    def action_last(self) -> None:
        self.cursor_line = max(0, self.last_line)

    def populate(self, archive: Archive, state: ReadingState) -> None:
        """(Re)build from the archive, keeping which nodes were expanded."""
        expanded = {n.data.key for n in self._walk() if n.data and n.is_expanded}
        first = not expanded and self.archive is None
        cursor = self.cursor_node.data.key if self.cursor_node and self.cursor_node.data else None
        self.archive, self.state = archive, state
        self.clear()
        self._leaves = {}
        top = Style(bold=True, color="green")
        self.root.add_leaf(Text("最新 Newest", style=top), NodeData("listing", "newest"))
        self.root.add_leaf(count_label("全部 All", len(archive), top), NodeData("listing", "all"))
        self.bookmarks_node = self.root.add(Text(""), NodeData("list", "bookmarks"))
        self._label_bookmarks()
        self.saved_node = None
        self._add_saved()
        for group in archive.tree():
            src = self.root.add(count_label(source_label(group.key, group.name), group.count, "bold"),
                                NodeData("group", f"s/{group.key}"), expand=first)
            if not group.channels:
                _add_years(src, group, f"s/{group.key}")
            for channel in group.channels:  # a platform: its channels, then their years
                ckey = f"s/{group.key}/@{channel.key}"
                cnode = src.add(count_label(clean(channel.name) or "未注明频道 no channel", channel.count),
                                NodeData("group", ckey))
                _add_years(cnode, channel, ckey)
        if archive.rejections:
            probs = self.root.add(count_label("⚠ 无法读取 Problems", len(archive.rejections), "bold red"),
                                  NodeData("group", "problems"))
            for rej in archive.rejections:
                label = Text(clean(rej.path.rsplit("/", 1)[-1]), style=DIM)
                probs.add_leaf(label, NodeData("problem", f"p/{rej.path}", rejection=rej))
        todo = list(self.root.children)
        while todo:  # expanded again, top down: a year makes its months when it is filled
            node = todo.pop()
            if node.data and node.data.key in expanded:
                self._fill(node)
                node.expand()
                todo.extend(node.children)
        again = next((n for n in self._walk() if cursor and n.data and n.data.key == cursor), None)
        if again is not None:
            self.call_after_refresh(self.move_cursor, again)
        else:
            self.cursor_line = 0

    def _walk(self) -> list[Node]:
        out: list[Node] = []
        stack = list(self.root.children)
        while stack:
            node = stack.pop()
            out.append(node)
            stack.extend(node.children)
        return out

    def _label_bookmarks(self) -> None:
        if self.bookmarks_node is not None and self.state is not None:
            n = len([i for i in self.state.bookmarks if self.archive and i in self.archive])
            style = Style(bold=True, color="yellow")
            self.bookmarks_node.set_label(count_label("★ 书签 Bookmarks", n, style))
            self.bookmarks_node.allow_expand = True

    def _fill(self, node: Node) -> None:
        data = node.data
        if data is not None and data.months:
            for label, month in data.months:
                node.add(label, month)
            data.months = []
            return
        if data is None or data.kind != "list" or data.loaded or self.archive is None:
            return
        data.loaded = True
        if data.key == "bookmarks" and self.state is not None:
            data.ids = [i for i in self.state.bookmarks if i in self.archive]
        for article_id in data.ids:
            leaf = node.add_leaf(self._article_label(article_id), NodeData("article", article_id,
                                                                         article_id=article_id))
            self._leaves.setdefault(article_id, []).append(leaf)

    def _article_label(self, article_id: str) -> Text:
        assert self.archive is not None and self.state is not None
        return article_label(self.archive.meta(article_id), read=self.state.is_read(article_id),
                             bookmarked=self.state.is_bookmarked(article_id), convert=self.script.convert)

    def relabel(self) -> None:
        """Every article leaf again (the reader's script changed)."""
        for article_id, leaves in self._leaves.items():
            for leaf in leaves:
                leaf.set_label(self._article_label(article_id))

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[NodeData]) -> None:
        self._fill(event.node)

    # -- saved searches: a node under Bookmarks, one child per search with its live count ------------
    def set_saved(self, saved: list[tuple[str, str]], counts: dict[str, int] | None = None) -> None:
        self.saved = list(saved)
        if counts is not None:
            self.saved_counts = counts
        if self.archive is not None:
            self._add_saved()

    def _add_saved(self) -> None:
        expanded = self.saved_node.is_expanded if self.saved_node is not None else True
        if self.saved_node is not None:
            self.saved_node.remove()
            self.saved_node = None
        if not self.saved or self.bookmarks_node is None:
            return
        node = self.root.add(Text("☆ 已存搜索 Saved searches", style=Style(bold=True, color="cyan")),
                             NodeData("group", "saved"), after=self.bookmarks_node, expand=expanded)
        for name, query in self.saved:
            count = self.saved_counts.get(name)
            label = count_label(name, count) if count is not None else Text(clean(name))
            label.append(f"  {clean(query)}", style=DIM)
            node.add_leaf(label, NodeData("saved", f"q/{name}", query=query))
        self.saved_node = node

    @on(Tree.NodeSelected)
    def _selected(self, event: Tree.NodeSelected[NodeData]) -> None:
        event.stop()
        data = event.node.data
        if data is None:
            return
        if data.kind == "article":
            self.post_message(ArticleChosen(data.article_id, self.ids_around(event.node), [], self))
        elif data.kind == "problem" and data.rejection is not None:
            self.post_message(ProblemChosen(data.rejection))
        elif data.kind == "saved":
            self.post_message(SavedSearchChosen(data.query))
        elif data.kind == "listing":
            self.post_message(ListingChosen(data.key))

    def refresh_article(self, article_id: str) -> None:
        """Relabel an article's leaves (read or bookmark state changed)."""
        for leaf in self._leaves.get(article_id, []):
            leaf.set_label(self._article_label(article_id))

    def refresh_bookmarks(self) -> None:
        node = self.bookmarks_node
        if node is None or node.data is None:
            return
        for leaf in node.children:
            if leaf.data and leaf.data.article_id in self._leaves:
                self._leaves[leaf.data.article_id].remove(leaf)
        node.remove_children()
        node.data.loaded = False
        self._label_bookmarks()
        if node.is_expanded:
            self._fill(node)

    def reveal(self, key: str) -> bool:
        """Unfold a top node (`bookmarks`, `problems`) and put the cursor on it."""
        node = next((n for n in self.root.children if n.data and n.data.key == key), None)
        if node is None:
            return False
        node.expand()
        self.move_cursor(node)
        return True

    def current_article(self) -> str | None:
        node = self.cursor_node
        return node.data.article_id if node and node.data and node.data.kind == "article" else None

    def select_article(self, article_id: str, ids: list[str]) -> None:
        """Move the cursor to the leaf of `article_id` in the list `ids` (if that leaf exists)."""
        for leaf in self._leaves.get(article_id, []):
            if leaf.parent and leaf.parent.data and leaf.parent.data.ids == ids:
                self.move_cursor(leaf)
                return

    def ids_under(self, node: Node) -> list[str]:
        """Every article under `node`, newest first (years and months are listed newest first)."""
        data = node.data
        if data is not None and data.kind == "list":
            if data.key == "bookmarks" and self.state is not None and self.archive is not None:
                return [i for i in self.state.bookmarks if i in self.archive]
            return list(data.ids)
        pending = [i for _, month in data.months for i in month.ids] if data is not None else []
        return pending + [i for child in node.children for i in self.ids_under(child)]

    def node_key(self) -> str:
        """The key of the highlighted node (an article's or a problem's: of the node above it);
        "" when there is none."""
        node = self.cursor_node
        if node is not None and node.data is not None and node.data.kind in ("article", "problem"):
            node = node.parent
        return node.data.key if node is not None and node.data is not None else ""

    def listing_of(self, key: str) -> tuple[str, list[str]]:
        """(title, ids newest first) of the node `key` (("", []) when the tree has none)."""
        for node in self._walk():
            data = node.data
            if data is not None and data.key == key:
                return clean(str(node.label)).rsplit(" (", 1)[0], self.ids_under(node)
            for label, month in data.months if data is not None else []:
                if month.key == key:
                    return clean(label.plain).rsplit(" (", 1)[0], list(month.ids)
        return "", []

    def ids_around(self, node: Node) -> list[str]:
        """The ids of the list an article leaf belongs to."""
        parent = node.parent
        return list(parent.data.ids) if parent and parent.data else []
