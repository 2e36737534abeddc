"""The article model: what every archive file becomes, whatever its shape.

These are `msgspec.Struct`s so the cache can store them as MessagePack (fast, typed,
never pickle) and the CLI can print them as JSON with `to_dict`. They hold only strings, numbers
and each other, never a cycle, so they are `gc=False`: the cyclic collector never walks the 10^5
articles an archive holds (at 100k it spent ~1 s doing so in the app's first seconds).
"""

from __future__ import annotations

from typing import Any

import msgspec

#: Kinds of body block, in the order a reader meets them.
BLOCK_KINDS = ("paragraph", "heading", "quote", "caption", "image", "list", "table")


class Link(msgspec.Struct, frozen=True, gc=False):
    """A hyperlink kept from the body: its visible text and target.

    end: where the link's words end in its block's `text` (a character offset), so a reader can
    put the link's marker right after them; -1 when they could not be placed.
    """

    text: str
    url: str
    end: int = -1


class Block(msgspec.Struct, frozen=True, gc=False):
    """One unit of the body in reading order.

    kind: one of BLOCK_KINDS. `image` blocks carry the picture URL in `url` and its
    caption (if any) in `text`; the others carry plain text and the links found in it.
    `table` blocks hold their cells in `rows` (a tuple of rows, each a tuple of cell texts, in
    reading order; the first row is the header row when the table has one; rows may differ in
    length), and in `text` a plain rendering: one line per row, cells joined by ` | `.
    depth: how deep a `list` item is nested (0 for an item of a top-level list, 1 inside it...);
    0 for other kinds.
    """

    kind: str
    text: str
    links: tuple[Link, ...] = ()
    url: str = ""
    rows: tuple[tuple[str, ...], ...] = ()
    depth: int = 0


class Image(msgspec.Struct, frozen=True, gc=False):
    """The lead image of an article."""

    url: str
    caption: str = ""


class Article(msgspec.Struct, frozen=True, gc=False):
    """A parsed archive file.

    published: ISO 8601, a date (`2020-07-20`) or a datetime with its UTC offset
    (`2024-04-10T01:54:23+00:00`); "" when the file holds no date.
    archived: when the mirror saved it (ISO datetime, UTC), "" when unknown.
    date_approx: the file gives no publication date, so the article is placed by `archived`
    (`published` stays "": nothing false is claimed); see `when`.
    channel: on a platform source (YouTube, Medium, Matters, WeChat, Substack...), the channel or
    author the article belongs to; "" elsewhere.
    extraction: "" when a shape rule found the body; "fallback" when the text-density fallback did.
    """

    id: str
    path: str
    shape: str
    source: str
    source_name: str
    title: str
    url: str = ""
    published: str = ""
    archived: str = ""
    author: str = ""
    image: Image | None = None
    body: tuple[Block, ...] = ()
    date_approx: bool = False
    channel: str = ""
    extraction: str = ""

    @property
    def when(self) -> str:
        """The date the article is placed and filtered by: `published`, else the archive time
        when the date is approximate, else ""."""
        return self.published or (self.archived if self.date_approx else "")

    @property
    def year(self) -> str:
        return self.when[:4]

    @property
    def month(self) -> str:
        return self.when[5:7]

    def text(self) -> str:
        """The body as plain text, blocks separated by blank lines."""
        return body_text(self.body)

    def missing(self) -> list[str]:
        """Fields a reader would expect that this file did not provide."""
        wanted = {"title": self.title, "url": self.url, "published": self.published,
                  "body": self.body}
        return [name for name, value in wanted.items() if not value]

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of the command-line contract, with `date`: the day the article is placed
        by (`when`'s YYYY-MM-DD, approximate when `date_approx`), "" when it has none."""
        out: dict[str, Any] = msgspec.to_builtins(self)
        out["date"] = self.when[:10]
        return out


def body_text(body: tuple[Block, ...]) -> str:
    """Blocks as plain text, separated by blank lines: what is searched and indexed."""
    return "\n\n".join(b.text for b in body if b.text)


class Rejection(msgspec.Struct, frozen=True, gc=False):
    """A file that could not be read as an article, and why (one line, for people)."""

    path: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return msgspec.to_builtins(self)
