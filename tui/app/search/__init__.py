"""Searching: the results pane and the list of rows it (and the names panel) is drawn in.

What is typed reaches `results.SearchResults` through the navigator; it searches in a worker
against the index, draws its hits as `rows.ResultsList` rows, and posts `ArticleChosen`,
`StatusChanged` and `SearchResults.Listed`.
"""
