"""The in-memory archive: articles, their source/year/month grouping, and the files rejected."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..model import Article, Rejection
from ..read.platforms import is_platform


@dataclass
class Month:
    key: str  # "07"
    ids: list[str] = field(default_factory=list)
    size: int | None = None  # an outline's month (summary.py): its count, its ids not yet known

    @property
    def count(self) -> int:
        return len(self.ids) if self.size is None else self.size


@dataclass
class Year:
    key: str  # "2020", or "" for undated
    months: list[Month] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(m.count for m in self.months)


@dataclass
class SourceGroup:
    """A source and its articles by year and month; on a platform (YouTube, Medium...) also by
    channel: `channels` holds one group per channel (key and name: the channel, "" for articles
    without one), each with its own years, most articles first."""

    key: str
    name: str
    years: list[Year] = field(default_factory=list)
    channels: list[SourceGroup] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(y.count for y in self.years)


class Archive:
    """Articles newest first, looked up by id, grouped by source -> year -> month.

    `get(id)` is the way to obtain an article to *display*: a cache may load bodies lazily,
    so entries in `articles` are allowed to carry an empty body.

    An *outline* (`Archive.outline`, from store/summary.py) stands in for a big archive while it
    is decoded: its newest articles, and its sources, years and months with their counts only.
    """

    def __init__(
        self,
        articles: Iterable[Article],
        rejections: Iterable[Rejection] = (),
        body_loader: Callable[[str], Article] | None = None,
    ) -> None:
        self.articles: list[Article] = sorted(articles, key=lambda a: (a.when, a.title), reverse=True)
        self.rejections: list[Rejection] = sorted(rejections, key=lambda r: r.path)
        self._by_id: dict[str, Article] = {a.id: a for a in self.articles}
        self._body_loader = body_loader
        self._tree: list[SourceGroup] | None = None
        self._total: int | None = None  # an outline's count of articles

    @classmethod
    def outline(cls, newest: Iterable[Article], tree: list[SourceGroup], total: int,
                rejections: Iterable[Rejection] = (),
                body_loader: Callable[[str], Article] | None = None) -> Archive:
        """The first screen of an archive of `total` articles: `newest` of them (no bodies) and its
        `tree` of counts (months with `size` and no ids). `partial` is True."""
        archive = cls(newest, rejections, body_loader)
        archive._tree, archive._total = tree, total
        return archive

    @property
    def partial(self) -> bool:
        """An outline: only the newest articles are here, the rest is on its way."""
        return self._total is not None

    def __len__(self) -> int:
        return len(self.articles) if self._total is None else self._total

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._by_id

    def get(self, article_id: str) -> Article:
        """The full article (body included). KeyError when unknown."""
        article = self._by_id[article_id]
        if self._body_loader is not None and not article.body:
            return self._body_loader(article_id)
        return article

    def meta(self, article_id: str) -> Article:
        """The article as held in memory (body possibly empty): cheap."""
        return self._by_id[article_id]

    def tree(self) -> list[SourceGroup]:
        """Sources by descending article count; years and months newest first (computed once: the
        articles never change; 0.2 s at 100k, and the app asks for it on every status line)."""
        if self._tree is None:
            self._tree = self._group()
        return self._tree

    def _group(self) -> list[SourceGroup]:
        groups: dict[str, SourceGroup] = {}
        channels: dict[tuple[str, str], SourceGroup] = {}
        for article in self.articles:  # newest first, so a source's years and months come in runs
            group = groups.setdefault(article.source, SourceGroup(article.source, article.source_name))
            _place(group, article)
            if is_platform(article.source):
                key = (article.source, article.channel)
                if key not in channels:
                    channels[key] = SourceGroup(article.channel, article.channel)
                    group.channels.append(channels[key])
                _place(channels[key], article)
        for group in groups.values():
            group.channels.sort(key=lambda g: (-g.count, g.key))
        return sorted(groups.values(), key=lambda g: (-g.count, g.key))


def _place(group: SourceGroup, article: Article) -> None:
    """Append an article to its year and month of group (articles come newest first)."""
    if not group.years or group.years[-1].key != article.year:
        group.years.append(Year(article.year))
    year = group.years[-1]
    if not year.months or year.months[-1].key != article.month:
        year.months.append(Month(article.month))
    year.months[-1].ids.append(article.id)
