"""What a match is shown as: its score, its snippet and what is lit in it.

    scoring.py    how a matching article is scored (title, mentions, confidence)
    snippets.py   where a hit's snippet is cut and the spans to light in it
    hits.py       a search's hits as shown (`Hit`, `Presenter`)
    highlights.py the one rule for what to light: a query's strings or an entity's aliases, not
                  inside a longer name the search did not match (`Highlights`)
    listing.py    an entity's articles, the articles naming two entities (`pair`, both lit) and
                  a listing of articles as hits, lit by that rule

Takes the terms of query/, the names as words of names/, the texts of index/; the engine and the
app show what it returns and light nothing of their own.
"""
