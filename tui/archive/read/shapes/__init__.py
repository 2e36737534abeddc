"""One module per file shape, each with `sniff(text) -> bool` and `parse(text, path)`.

SHAPES is in sniffing order: the most specific envelopes first (a saved page's JSON
comment, front matter), then the feed header, the mirror's `### title`, a bare HTML page,
and plain markdown last.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

from ...model import Article, Rejection
from . import feed, frontmatter, htmlpage, markdown, mirror, savedpage

SHAPES: tuple[ModuleType, ...] = (savedpage, frontmatter, feed, mirror, htmlpage, markdown)

Parser = Callable[[str, str], Article | Rejection]


def detect(text: str) -> tuple[str, Parser] | None:
    """(shape name, its parse function) for the first shape that recognises text."""
    for module in SHAPES:
        if module.sniff(text):
            return module.__name__.rsplit(".", 1)[-1], module.parse
    return None
