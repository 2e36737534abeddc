"""A query, from what is typed to the strings that count as a match.

    syntax.py     the query syntax (words, OR, "phrases", -exclusions, source:/date:/after:...,
                  sort:) -> a `Query`
    resolve.py    a query word -> the literal strings that match it (aliases, pinyin, typos),
                  with a confidence: a `Term`; pinyin typed with tone marks or apostrophes
                  as plain pinyin, its syllables breaking where the apostrophes say
    plan.py       a parsed query -> its terms per AND group and its exclusions: a `Plan`

Data flows syntax -> resolve -> plan; names come from names/, folding from text/, which words
the archive holds from index/. rank/ and the engine take a Plan from here.
"""
