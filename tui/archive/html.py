"""HTML body -> blocks in reading order, chrome dropped.  (STUB: being replaced by the real one.)"""

from __future__ import annotations

from dataclasses import dataclass

from bs4 import BeautifulSoup

from .model import Block, Image


@dataclass
class Body:
    blocks: list[Block]
    image: Image | None = None  # the lead image, when the body starts with one


def body_blocks(html: str, base_url: str = "") -> Body:
    soup = BeautifulSoup(html, "lxml")
    text = soup.get_text("\n")
    blocks = [Block("paragraph", line.strip()) for line in text.splitlines() if line.strip()]
    return Body(blocks)
