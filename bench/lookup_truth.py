"""The lookup benchmark's ground truth: the names table, the article texts, and which articles name
which entity, decided by the table's alias lists with plain substring tests (never by newstui's index).

Names file (TOML), one `[[entity]]` per person, place, organisation or agreement:

    [[entity]]
    key = "carrie-lam"                      # unique id, used by --only
    kind = "person"                         # person | place | organisation | agreement | other
    note = "Chief Executive of Hong Kong"   # optional, free text
    aliases = ["林郑月娥", "林鄭月娥", "林郑", "林鄭", "Carrie Lam"]
    exact_case = ["WHO"]                    # optional: Latin aliases matched case-sensitively
    exclude = ["四川普"]                    # optional: strings that contain an alias but are not it
    trap = true                             # optional: count wrong hits in each query's top 10
    [entity.queries]                        # form = query, or form = [query, query, ...]
    english = "carrie lam"
    pinyin = "linzhengyuee"
    simplified = "林郑月娥"
    traditional = "林鄭月娥"
    typo = "carrie lamm"
    cantonese = "lam cheng yuet-ngor"

Ground truth of an entity = the articles whose text (title + body) contains any alias, where:
- the text is NFKC-normalised (full-width Ｌａｔｉｎ becomes Latin) and zero-width characters dropped;
- every occurrence of an `exclude` string is masked first, so an alias found only inside one does not
  count (`罗斯` inside `俄罗斯`), while the same alias elsewhere in the article still does;
- an alias holding a Latin letter matches whole words only (no ASCII letter or digit on either side)
  and ignores case, unless it is listed in `exact_case` (acronyms like `WHO`);
- any other alias (Chinese) is a plain substring. Both scripts must be written out in `aliases`:
  the ground truth does no folding of its own.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

KINDS = ("person", "place", "organisation", "agreement", "other")
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_LATIN = re.compile(r"[A-Za-z]")


@dataclass
class Entity:
    key: str
    kind: str
    aliases: list[str]
    queries: list[tuple[str, str]]  # (form, query)
    exclude: list[str] = field(default_factory=list)
    exact_case: list[str] = field(default_factory=list)
    note: str = ""
    trap: bool = False  # a name that is also a common word: its top 10 hits are checked too

    def __post_init__(self) -> None:
        self._cjk = [normalize(a) for a in self.aliases if not _LATIN.search(a)]
        latin = [normalize(a) for a in self.aliases if _LATIN.search(a)]
        exact = {normalize(a) for a in self.exact_case}
        self._latin = [(a.split()[0].lower(), _word(a, a in exact)) for a in latin]
        self._exclude = sorted({normalize(e) for e in self.exclude}, key=len, reverse=True)

    def named_in(self, text: str, lower: str | None = None) -> bool:
        """Whether `text` (already normalized) names this entity under any alias; `lower` is
        `text.lower()`, passed in when many entities test the same text (a cheap prefilter)."""
        for e in self._exclude:
            if e in text:
                text = text.replace(e, "\x00" * len(e))
        if any(a in text for a in self._cjk):
            return True
        low = text.lower() if lower is None or self._exclude else lower
        return any(a in low and p.search(text) for a, p in self._latin)


def _word(alias: str, exact_case: bool) -> re.Pattern[str]:
    body = r"\s+".join(re.escape(part) for part in alias.split())
    return re.compile(r"(?<![A-Za-z0-9])" + body + r"(?![A-Za-z0-9])", 0 if exact_case else re.IGNORECASE)


def normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(_ZERO_WIDTH)


class TableError(ValueError):
    """The names file is not in the documented format."""


def load_names(path: Path) -> list[Entity]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise TableError(f"{path}: {err}") from err
    return parse_names(data.get("entity", []), str(path))


def parse_names(rows: Sequence[dict], where: str = "names") -> list[Entity]:
    entities: list[Entity] = []
    seen: set[str] = set()
    for i, row in enumerate(rows):
        key = row.get("key")
        at = f"{where}: entity {i + 1} ({key or 'no key'})"
        if not isinstance(key, str) or not key or key in seen:
            raise TableError(f"{at}: needs a unique string `key`")
        seen.add(key)
        kind = row.get("kind", "other")
        if kind not in KINDS:
            raise TableError(f"{at}: kind must be one of {', '.join(KINDS)}")
        aliases = _strings(row.get("aliases"), f"{at}: aliases")
        if not aliases:
            raise TableError(f"{at}: needs at least one alias")
        queries: list[tuple[str, str]] = []
        for form, value in dict(row.get("queries", {})).items():
            queries += [(form, q) for q in _strings([value] if isinstance(value, str) else value,
                                                      f"{at}: queries.{form}")]
        if not queries:
            raise TableError(f"{at}: needs at least one query")
        entities.append(Entity(key, kind, aliases, queries,
                               exclude=_strings(row.get("exclude", []), f"{at}: exclude"),
                               exact_case=_strings(row.get("exact_case", []), f"{at}: exact_case"),
                               note=str(row.get("note", "")), trap=bool(row.get("trap", False))))
    return entities


def _strings(value: object, at: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise TableError(f"{at}: must be a list of non-empty strings")
    return list(value)


# --- article texts ------------------------------------------------------------------------------

def article_text(article: dict) -> str:
    """Title + body block texts of one exported article, as the reader sees them."""
    parts = [str(article.get("title") or "")]
    parts += [str(b.get("text") or "") for b in article.get("body") or [] if isinstance(b, dict)]
    return "\n".join(parts)


def exported_texts(newstui: Sequence[str], archive: Path, env: dict[str, str]) -> Iterator[tuple[str, str]]:
    """(path, text) for every article `newstui export ARCHIVE` prints (newstui's parser decides
    what is article text: nav bars and ad lines it drops do not count)."""
    with subprocess.Popen([*newstui, "export", str(archive)], stdout=subprocess.PIPE, env=env,
                          text=True, encoding="utf-8", errors="replace") as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.strip():
                article = json.loads(line)
                yield article["path"], article_text(article)
    if proc.returncode:
        raise RuntimeError(f"newstui export exited with {proc.returncode}")


_TAG = re.compile(r"<[^>]*>")
_SKIP = re.compile(r"<(script|style)\b.*?</\1\s*>", re.S | re.I)


def raw_texts(archive: Path) -> Iterator[tuple[str, str]]:
    """(path, text) for every file under `archive`, tags stripped crudely: a cross-check that
    does not trust newstui's parser (chrome and nav bars then count as text)."""
    files = [archive] if archive.is_file() else sorted(p for p in archive.rglob("*") if p.is_file())
    for path in files:
        try:
            raw = path.read_bytes().decode("utf-8", errors="replace")
        except OSError:
            continue
        yield str(path.resolve()), html.unescape(_TAG.sub(" ", _SKIP.sub(" ", raw)))


def ground_truth(entities: Sequence[Entity],
                 texts: Iterable[tuple[str, str]]) -> tuple[dict[str, set[str]], int]:
    """Entity key -> paths of the articles naming it; and how many articles were read."""
    truth: dict[str, set[str]] = {e.key: set() for e in entities}
    n = 0
    for path, text in texts:
        n += 1
        text = normalize(text)
        lower = text.lower()
        for e in entities:
            if e.named_in(text, lower):
                truth[e.key].add(path)
    return truth, n
