"""The source tree: sources, years, months and articles, with bookmarks, saved searches, problems.

`source_tree.SourceTree` is filled from the archive and the reading state, and posts
`ArticleChosen`, `ProblemChosen` and `SavedSearchChosen` when a node is chosen.
"""
