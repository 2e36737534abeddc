"""Searching the archive: the query syntax, how words become strings, the index and ranking.

    query.py       the query syntax (words, OR, "phrases", -exclusions, source:/date:/after:..., sort:)
    pinyin.py      Chinese characters -> pinyin, so Latin letters find Chinese names
    namerules.py   names.py     names and agreements the archive glosses, with aliases and articles
    resolve.py     a query word -> the literal strings that count as a match (aliases, pinyin, typos)
    textindex.py   folded text and postings (which articles hold which character or token)
    catalog.py     per-article columns a search shows (titles, dates, sources, paths)
    indexbuild.py  building the index (features computed in the parse workers) and writing it
    indexcache.py  the persisted index: opening and checking it
    plan.py        a parsed query -> the terms to match (per AND group), the exclusions
    engine.py      `SearchIndex`: a query -> hits, best first (or newest first), with snippets
    quick.py       `newstui search` answered from the persisted index alone
    saved.py       saved searches and the search history (JSON in the data directory)
    opening.py     the archive with its index: `load` (store's loader + indexing), `search_index`

Data flows store -> here: the index is built from the articles store/ parsed, and opened beside
the cache. Nothing in store/ or read/ imports from here.
"""
