"""The article pane and the display text every pane shows.

`view.ArticleView` places the pieces `render` makes of an article (text from files is cleaned by
`text` and never parsed as markup, wrapped CJK-aware by `wrap`, shown in the reader's `script`);
`notices` are the texts it shows when no article is open; `handoff` hands an article to other
programs (pager, URL opener, clipboard, a Markdown file). Only `view` imports Textual widgets.
"""
