"""Searching the archive, in layers: each folder imports only from the folders above it here.

    text/     folding (either script, any case, any width), pinyin, older romanisations,
              Cantonese: strings in, strings out
    index/    the index in memory: folded texts and their postings, the catalog, the titles
    names/    the names the archive mentions (glosses, lexicon, merging), names as words, the
              tables and typos they are looked up by
    query/    the query syntax, a word -> the strings that match it, a query -> its plan
    rank/     scores, snippets, hits, and the one rule for what to light (highlights.py)
    engine.py    `SearchIndex`: a query -> hits, best first (or newest first), with snippets;
                 an entity -> what to light in its articles
    searcher.py  the protocols the app searches through (so it needs no engine to be tested)
    disk/     the index on disk: building and writing it, its layout, opening and checking it,
              a base segment's and a delta's searched as one (segments.py)
    opening.py   the archive with its index: `load` (store's loader + indexing), `search_index`
    quick.py     `newstui search` answered from the persisted index alone (base + delta)
    shared.py    the archive and index from where they live: written there, or a shared index
                 dir opened read-only as built (else the user's own copy, with one notice)

A lower layer never imports a higher one (tests/contracts/test_import_graph.py); data/ holds the shipped
tables (folding, readings, lexicon, common words) the layers read.

Data flows store -> here: the index is built from the articles store/ parsed, and opened beside
the cache. Nothing in store/ or read/ imports from here.
"""
