"""Searching the archive: the query syntax, how words become strings, the index and ranking.

    query.py       the query syntax (words, OR, "phrases", -exclusions, source:/date:/after:..., sort:)
    scripts.py     Traditional/variant -> Simplified folding, one character for one (data/fold.txt)
    pinyin.py      Chinese characters -> pinyin (data/pinyin.txt); romanize.py: Wade-Giles spellings
    cantonese.py   names as Hong Kong spells them (data/jyutping.txt, from rime-cantonese)
    lexicon.py     the shipped name lexicon (data/lexicon.tsv, from CC-CEDICT: data/LEXICON.md)
    namerules.py   names.py merge.py   names and agreements the archive glosses, merged with the
                   lexicon, with aliases and articles; timeline.py: an entity's articles per month
    words.py       names as words: a short name is not matched inside a longer one (data/words.txt)
    resolve.py     a query word -> the literal strings that count as a match (aliases, pinyin, typos)
    aliaskeys.py   what names are looked up by (alias keys, name tokens), derived from the entities
    typos.py       typos in a name's pinyin or in some words of a long Latin name
    aliastables.py the tables resolve.py looks names up in, derived once, stored in the index
    textindex.py   folded text and postings (which articles hold which character or token);
                   needles.py: many strings found in one text at once (Aho-Corasick)
    catalog.py     per-article columns a search shows (titles, dates, sources, paths)
    indexbuild.py  building the index (features computed in the parse workers) and writing it
    indexformat.py indexmapped.py indexcache.py   the persisted index: layout, parts read in
                   place, opening and checking it
    plan.py        a parsed query -> the terms to match (per AND group), the exclusions
    scoring.py     how a matching article is scored; snippets.py: where its snippet is cut
    highlights.py  what to light up in an opened article, by the rule search matched with
    engine.py      `SearchIndex`: a query -> hits, best first (or newest first), with snippets
    hits.py        a hit as shown: its snippet, highlights and where it matched
    searcher.py    the protocols the app searches through (so it needs no engine to be tested)
    quick.py       `newstui search` answered from the persisted index alone
    opening.py     the archive with its index: `load` (store's loader + indexing), `search_index`

Data flows store -> here: the index is built from the articles store/ parsed, and opened beside
the cache. Nothing in store/ or read/ imports from here.
"""
