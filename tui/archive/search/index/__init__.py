"""The index in memory: which articles hold which character, token or string.

    textindex.py  folded article texts ("haystacks") and their postings: the candidates of a
                  string, verified with `bytes.find`
    needles.py    many strings found in one text at once (Aho-Corasick)
    catalog.py    per-article columns a search shows (titles, dates, sources, paths)
    titles.py     the folded titles, searched all at once
    strings.py    columns of strings held joined (ids, titles), each cut out when read
    articleids.py an entity's articles as article numbers (as stored)
    joined.py     two segments' texts and postings seen as one (a base and its delta)

Text comes in folded (text/); names/, query/ and rank/ ask this layer which articles hold a
string. It imports text/ only.
"""
