"""Names: the people, places, organisations and agreements an archive mentions, and how to find them.

    entities.py   `Entity` and `build`: glosses found in the articles, merged with the lexicon,
                  each with its aliases and articles
    namerules.py  the rules that read a gloss (`岸田文雄（Fumio Kishida）`) and name keys
    merge.py      glosses of one thing merged into one entity
    lexicon.py    the shipped name lexicon (data/lexicon.tsv, from CC-CEDICT: data/LEXICON.md)
    words.py      names as words: a short name is no match inside a longer one (罗斯 is not in
                  俄罗斯; data/words.txt)
    surnames.py   a Japanese surname alone (`tanaka`: 田中) counts where the text is about Japan
                  (data/surnames_ja.tsv, from CC-CEDICT)
    aliaskeys.py  what names are looked up by (alias keys, name tokens)
    aliastables.py the tables a query looks names up in, derived once, stored in the index
    typos.py      typos in a name's pinyin or in some words of a long Latin name
    related.py    who appears with whom: the names in the same articles more than by chance
                  (`CoMentions`, ranked by G²), and the articles naming both

Built from the index (index/) over folded text (text/) when an archive is indexed; query/
resolves words to these names and rank/ lights them as words.py says.
"""
