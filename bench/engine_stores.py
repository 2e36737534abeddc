"""Postings stores compared by bench/engines.py: which articles hold a folded literal string.

Every store answers `matches(needle)`: the article numbers whose folded text (today's haystacks,
exported once to WORK/hays.bin) holds `needle` at Latin word boundaries, exactly what
`TextIndex.matches` answers. A store first gives candidates from its postings, then each candidate
is checked with `textindex.contains` on the mapped text, the same check the home-made index does.

    home      today's persisted index (tui/archive/search), opened as the app opens it
    tantivy   field `t`: the folded text as Latin tokens and CJK character bigrams (a lone
              character stays itself), whitespace-tokenized, with positions: a needle is a phrase
              of its grams; field `u`: each distinct character once (one-character needles)
    fts5      the same two columns in a contentless FTS5 table (unicode61 with punctuation and
              symbols as token characters, so `+` of `2+2` is a token)
    trigram   FTS5's trigram tokenizer over the folded text (needles of 3+ characters), and a
              table of distinct characters and short Latin tokens for 1-2 character needles
"""

from __future__ import annotations

import mmap
import re
import sqlite3
from array import array
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Protocol

from tui.archive.search.index.textindex import contains
from tui.archive.search.text.fold import TOKEN, encode

_RUN = re.compile(r"[a-z0-9]+|[^\sa-z0-9\x00-\x1f\ud800-\udfff]+")
_LATIN = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_BATCH = 2000
FTS5_TOKENS = "unicode61 remove_diacritics 0 categories 'L* N* M* P* S* Co Cf'"


class Hays:
    """Article i's folded UTF-8 text, mapped from WORK/hays.bin (offsets in WORK/hays.off)."""

    def __init__(self, work: Path) -> None:
        self.off = array("Q")
        self.off.frombytes((work / "hays.off").read_bytes())
        with open(work / "hays.bin", "rb") as fh:
            self.mm = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)

    def __len__(self) -> int:
        return len(self.off) - 1

    def __getitem__(self, i: int) -> bytes:
        return self.mm[self.off[i]:self.off[i + 1]]

    def texts(self) -> Iterator[str]:
        for i in range(len(self)):
            yield self[i].decode("utf-8", "surrogatepass")


def grams(text: str) -> list[str]:
    """Latin tokens and, for each run of other characters, its bigrams (a lone character: itself)."""
    out: list[str] = []
    for m in _RUN.finditer(text):
        s = m.group()
        if s[0] in _LATIN or len(s) == 1:
            out.append(s)
        else:
            out.extend([s[i:i + 2] for i in range(len(s) - 1)])
    return out


def chars(text: str) -> list[str]:
    """The distinct characters with a posting list today (not Latin letters, digits, spaces)."""
    return sorted({c for m in _RUN.finditer(text) if m.group()[0] not in _LATIN for c in m.group()})


def needle_grams(needle: str) -> tuple[list[str], list[str]]:
    """The phrase of grams a needle's articles must hold, and characters they must also hold: a
    lone character at the needle's edge may be part of a longer run (a bigram) in the text, so it
    is asked of the character field instead. A superset: whitespace is not compared."""
    phrase: list[str] = []
    extra: list[str] = []
    for m in _RUN.finditer(needle):
        s = m.group()
        if s[0] in _LATIN:
            phrase.append(s)
        elif len(s) > 1:
            phrase.extend(s[i:i + 2] for i in range(len(s) - 1))
        elif m.start() > 0 and m.end() < len(needle):
            phrase.append(s)  # bounded inside the needle by Latin or space: a run of its own
        else:
            extra.append(s)
    return phrase, extra


class Store(Protocol):
    def candidates(self, needle: str) -> Iterable[int]: ...


def verified(store: Store, hays: Hays, needle: str) -> list[int]:
    key, mm, off = encode(needle), hays.mm, hays.off
    return [i for i in store.candidates(needle) if contains(mm, key, off[i], off[i + 1])]


# -- tantivy -------------------------------------------------------------------------------------
def tantivy_schema() -> Any:
    import tantivy

    sb = tantivy.SchemaBuilder()
    sb.add_unsigned_field("n", fast=True, indexed=False)
    sb.add_text_field("t", tokenizer_name="whitespace", index_option="position")
    sb.add_text_field("u", tokenizer_name="whitespace", index_option="basic")
    return sb.build()


def tantivy_add(writer: Any, n: int, text: str) -> None:
    import tantivy

    doc = tantivy.Document()
    doc.add_unsigned("n", n)
    doc.add_text("t", " ".join(grams(text)))
    doc.add_text("u", " ".join(chars(text)))
    writer.add_document(doc)


def tantivy_build(texts: Iterable[str], out: Path, heap: int = 100_000_000, threads: int = 2) -> None:
    import tantivy

    out.mkdir(parents=True, exist_ok=True)
    index = tantivy.Index(tantivy_schema(), path=str(out))
    writer = index.writer(heap_size=heap, num_threads=threads)
    for n, text in enumerate(texts):
        tantivy_add(writer, n, text)
    writer.commit()
    writer.wait_merging_threads()


class TantivyStore:
    def __init__(self, path: Path) -> None:
        import tantivy

        self.t = tantivy
        self.index = tantivy.Index.open(str(path))
        self.schema = self.index.schema
        self.searcher = self.index.searcher()

    def reload(self) -> None:
        self.index.reload()
        self.searcher = self.index.searcher()

    def query(self, needle: str) -> Any:
        t = self.t
        if TOKEN.fullmatch(needle):
            return t.Query.term_query(self.schema, "t", needle)
        if len(needle) == 1:
            return t.Query.term_query(self.schema, "u", needle)
        phrase, extra = needle_grams(needle)
        parts = [t.Query.term_query(self.schema, "u", c) for c in extra]
        if len(phrase) == 1:
            parts.append(t.Query.term_query(self.schema, "t", phrase[0]))
        elif phrase:
            parts.append(t.Query.phrase_query(self.schema, "t", phrase))
        if not parts:
            return t.Query.all_query()
        return parts[0] if len(parts) == 1 else t.Query.boolean_query([(t.Occur.Must, q) for q in parts])

    def candidates(self, needle: str) -> list[int]:
        s = self.searcher
        hits = s.search(self.t.Query.const_score_query(self.query(needle), 1.0), limit=max(1, s.num_docs),
                        count=False).hits
        return sorted(s.fast_field_values("n", [a for _, a in hits]))


# -- SQLite FTS5 ---------------------------------------------------------------------------------
def _quote(tokens: Iterable[str]) -> str:
    return '"' + " ".join(tokens).replace('"', '""') + '"'


def fts5_create(db: sqlite3.Connection, trigram: bool) -> None:
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("CREATE TABLE docs(n INTEGER PRIMARY KEY)")
    if trigram:
        db.execute("CREATE VIRTUAL TABLE g USING fts5(x, content='', columnsize=0, tokenize='trigram')")
        db.execute(f"CREATE VIRTUAL TABLE w USING fts5(u, content='', columnsize=0, detail=none, "
                   f"tokenize=\"{FTS5_TOKENS}\")")
    else:
        db.execute(f"CREATE VIRTUAL TABLE p USING fts5(t, u, content='', columnsize=0, "
                   f"tokenize=\"{FTS5_TOKENS}\")")


def fts5_rows(n: int, text: str, trigram: bool, db: sqlite3.Connection) -> None:
    db.execute("INSERT INTO docs(n) VALUES (?)", (n,))
    if trigram:
        clean = text.encode("utf-8", "replace").decode("utf-8")  # lone surrogates: "?"
        short = [t for t in set(TOKEN.findall(text)) if len(t) <= 2]
        db.execute("INSERT INTO g(rowid, x) VALUES (?, ?)", (n, clean))
        db.execute("INSERT INTO w(rowid, u) VALUES (?, ?)", (n, " ".join(chars(text) + short)))
    else:
        db.execute("INSERT INTO p(rowid, t, u) VALUES (?, ?, ?)",
                   (n, " ".join(grams(text)), " ".join(chars(text))))


def fts5_build(texts: Iterable[str], out: Path, trigram: bool) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(out, isolation_level=None)
    fts5_create(db, trigram)
    db.execute("BEGIN")
    for n, text in enumerate(texts):
        fts5_rows(n, text, trigram, db)
        if n % _BATCH == _BATCH - 1:
            db.execute("COMMIT")
            db.execute("BEGIN")
    db.execute("COMMIT")
    for table in ("g", "w") if trigram else ("p",):
        db.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


class Fts5Store:
    def __init__(self, path: Path, trigram: bool) -> None:
        self.db = sqlite3.connect(path, isolation_level=None)
        self.trigram = trigram
        self.count = self.db.execute("SELECT count(*) FROM docs").fetchone()[0]

    def _rows(self, table: str, match: str) -> list[int]:
        sql = f"SELECT rowid FROM {table} WHERE {table} MATCH ? ORDER BY rowid"
        return [r[0] for r in self.db.execute(sql, (match,))]

    def candidates(self, needle: str) -> Iterable[int]:
        if self.trigram:
            if len(needle) >= 3:
                return self._rows("g", "x : " + _quote([needle]))
            if TOKEN.fullmatch(needle) or len(needle) == 1:
                return self._rows("w", _quote([needle]))
            keys = chars(needle) + TOKEN.findall(needle)
            if not keys:
                return range(self.count)
            return self._rows("w", " AND ".join(_quote([k]) for k in keys))
        if TOKEN.fullmatch(needle):
            return self._rows("p", "t : " + _quote([needle]))
        if len(needle) == 1:
            return self._rows("p", "u : " + _quote([needle]))
        phrase, extra = needle_grams(needle)
        parts = ["u : " + _quote([c]) for c in extra] + (["t : " + _quote(phrase)] if phrase else [])
        if not parts:
            return range(self.count)
        return self._rows("p", " AND ".join(parts))
