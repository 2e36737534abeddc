"""Text, before any index: how a string is folded and read aloud.

    fold.py       `fold`: script-, case- and width-folded text of the same length (the form
                  every text, query and alias is matched in); Latin word boundaries; `TOKEN`
    scripts.py    Traditional/variant -> Simplified, one character for one (data/fold.txt)
    pinyin.py     Chinese characters -> pinyin (data/pinyin.txt)
    romanize.py   Wade-Giles and older spellings -> pinyin (`mao tse-tung`)
    cantonese.py  names as Hong Kong spells them (data/jyutping.txt)

Strings in, strings out: nothing here knows of articles, names or queries, and nothing here
imports from the layers above (index/, names/, query/, rank/, disk/).
"""
