"""Typo correction against the archive's vocabulary: the right word is not crowded out."""

from __future__ import annotations

from tui.archive.model import Article, Block
from tui.archive.search.opening import build_index
from tui.archive.store.archive import Archive


def _article(label: str, text: str) -> Article:
    return Article(id=label, path=f"/made/{label}.md", shape="made", source="made", source_name="made",
                   title=f"title {label}", body=(Block("paragraph", text),), published="2024-01-01")


def test_a_typo_finds_its_word_among_many_other_one_edit_neighbours() -> None:
    # 40 words one edit from "zats" but with another first letter ("bats", "cats", ... "b0ts")
    # used to fill the 30 candidates before the same-first-letter filter, losing "zaps".
    noise = [f"{c}ats" for c in "bcdefghijklmnopqrstuvwxy"] + [f"{c}ats" for c in "0123456789"]
    noise += ["zzzz word", "zebra stripes"]
    articles = [_article(f"n{i}", word) for i, word in enumerate(noise)]
    articles.append(_article("target", "the zaps were loud"))
    index = build_index(Archive(articles))
    assert [hit.id for hit in index.search("zats")] == ["target"]
