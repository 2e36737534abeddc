"""Searching: the search box, the results pane, and the list of rows the results (and the names
panel) are drawn in.

What is typed in `box.SearchBox` reaches `results.SearchResults` through the navigator (Down past
the newest search posts `SearchBox.ToList`). The results pane searches in a worker against the
index, draws its hits as `rows.ResultsList` rows, and posts `ArticleChosen`, `StatusChanged` and
`SearchResults.Listed`.
"""
