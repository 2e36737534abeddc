"""The reader's script: titles, snippets and articles as written, in Simplified or in Traditional;
search and highlights still work (offsets hold: conversion keeps every character at its place)."""

from __future__ import annotations

from pathlib import Path

from support.app import WIDE, open_first, ready, search, sync, until

from tui.app.app import NewsApp
from tui.app.article.script import Script, same_length
from tui.archive.model import Article, Block
from tui.archive.store.archive import Archive

TRADITIONAL = Article(id="t1", path="/archive/rfa/1.md", shape="hand", source="rfa",
                      source_name="自由亞洲電台", title="習近平與拜登會談 討論臺灣問題",
                      published="2024-05-01",
                      body=(Block("paragraph", "美國總統拜登與習近平舉行會談，雙方討論了臺灣問題。"),))
SIMPLIFIED = Article(id="s1", path="/archive/voa/1.md", shape="hand", source="voa", source_name="美国之音",
                     title="拜登头发发白 专家谈美国经济发展", published="2024-04-01",
                     body=(Block("paragraph", "里面说，美国经济发展后来放缓。"),))


def make_app() -> NewsApp:
    return NewsApp(archive=Archive([TRADITIONAL, SIMPLIFIED]))


def test_conversion_keeps_every_character_in_place() -> None:
    for text in ("头发发展里面后来", "習近平與拜登會談", "Biden 拜登 mixed 文字", ""):
        for mode in ("simplified", "traditional"):
            assert len(Script(mode).convert(text)) == len(text)
    assert Script("traditional").convert("头发 发展") == "頭髮 發展"  # phrase-aware: 发 is 髮 or 發
    assert Script("simplified").convert("習近平與拜登會談") == "习近平与拜登会谈"
    assert Script("as-written").convert("習近平") == "習近平"
    assert same_length(lambda t: t.replace("x", "yy"), "axb") == "axb"  # a longer result falls back


@sync
async def test_t_shows_results_and_article_in_the_chosen_script_with_highlights() -> None:
    async with make_app().run_test(size=WIDE) as pilot:
        screen = await search(pilot, "習近平")
        row = screen.nav.results.row("t1")
        assert "習近平與拜登會談" in row.plain
        await pilot.press("escape", "t")  # Simplified
        assert await until(pilot, lambda: "习近平与拜登会谈" in screen.nav.results.row("t1").plain)
        row = screen.nav.results.row("t1")
        marked = [row.plain[s.start:s.end] for s in row.spans if "reverse" in str(s.style)]
        assert "习近平" in marked  # the highlight moved with the text
        await open_first(pilot, screen)
        view = screen.article
        assert view.pieces[0].text == "习近平与拜登会谈 讨论台湾问题"
        found = {view.pieces[i].text[s:e] for i, s, e in view.matches}
        assert found == {"习近平"}  # matched as written (習近平), shown in Simplified
        await pilot.press("n")
        assert view.current == 0
        await pilot.press("t")  # Traditional: the open article follows
        assert await until(pilot, lambda: view.pieces[0].text == "習近平與拜登會談 討論臺灣問題")


@sync
async def test_script_from_the_config_applies_at_start(config_dir: Path) -> None:
    (config_dir / "config.toml").write_text('script = "traditional"\n', "utf-8")
    async with make_app().run_test(size=WIDE) as pilot:
        screen = await ready(pilot)  # the newest articles, in Traditional
        titles = [screen.nav.results.row(i).plain.split("\n")[0] for i in screen.nav.results.ids()]
        assert titles == ["習近平與拜登會談 討論臺灣問題", "拜登頭髮發白 專家談美國經濟發展"]
