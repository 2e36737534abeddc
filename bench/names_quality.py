"""Quality of the names index, as a strict reviewer reads it, and the checks that guard it.

    python bench/names_quality.py                       # seeds (all) and ../shared/real (top 150)
    python bench/names_quality.py --archive seeds --top 0
    python bench/names_quality.py --unjudged bench/out/unjudged.toml   # entities to judge, as TOML

Each archive's entities come from `newstui names ARCHIVE --json` (this checkout). Verdicts are
data, `bench/names_judgments.toml`: an entity is judged when a verdict has its name, kind and
aliases exactly (an entity that changes is judged again: it is listed as unjudged). Verdicts:
`ok`, `not-a-name`, `wrong-merge` (two referents, or a fragment of text among the aliases),
`wrong-label`, `wrong-kind`, `duplicate` (one referent left apart from its entity), each with the
reason. Target: at most 3% of judged entities not ok.

Automatic checks (no judgment needed), per class of mistake, counted over the same entities:
common-word labels (words.txt), URL words and English function words as aliases, acronyms that
are English words, country names not typed `place`, two entities with one alias key (duplicates),
lexicon common words (data/common_forms.txt) still names, a short Latin surname alone as a
person's alias (Lam, Wong).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_REAL = next((p / "shared" / "real" for p in REPO.parents if (p / "shared" / "real").is_dir()),
                    REPO.parent / "shared" / "real")
JUDGMENTS = Path(__file__).resolve().parent / "names_judgments.toml"
VERDICTS = ("ok", "not-a-name", "wrong-merge", "wrong-label", "wrong-kind", "duplicate")
TARGET = 0.03
DATA = REPO / "tui" / "archive" / "search" / "data"
URL_WORDS = {"www", "http", "https", "com", "html", "org", "net"}
ENGLISH = {"is", "who", "me", "it", "us", "am", "an", "as", "at", "be", "by", "do", "go", "he", "if", "in",
           "no", "of", "on", "or", "so", "to", "up", "we", "my", "tw", "live", "time", "can", "may", "will",
           "art", "sun", "one", "all", "new", "now"}
COUNTRIES = {"中国", "美国", "日本", "台湾", "香港", "英国", "法国", "德国", "俄罗斯", "印度", "韩国", "朝鲜",
             "加拿大", "澳大利亚", "澳洲", "越南", "菲律宾", "新加坡", "乌克兰", "伊朗", "以色列", "新西兰"}


def names_of(archive: Path, data_dir: str | None) -> list[dict]:
    path = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "PYTHONPATH": path}
    if data_dir:
        env["NEWSTUI_DATA_DIR"] = data_dir
    done = subprocess.run([sys.executable, "-m", "tui.cli", "names", str(archive), "--json"],
                          capture_output=True, env=env, check=True)
    return json.loads(done.stdout)


def signature(e: dict) -> tuple[str, str, tuple[str, ...]]:
    return e["name"], e["kind"], tuple(e["aliases"])


def load_judgments(path: Path) -> dict[tuple[str, str, tuple[str, ...]], dict]:
    if not path.exists():
        return {}
    out = {}
    for j in tomllib.loads(path.read_text("utf-8")).get("judged", []):
        if j["verdict"] not in VERDICTS:
            raise SystemExit(f"{path}: unknown verdict {j['verdict']!r} for {j['name']}")
        out[(j["name"], j["kind"], tuple(j["aliases"]))] = j
    return out


def _fold(text: str) -> str:
    sys.path.insert(0, str(REPO))
    from tui.archive.search.text.fold import fold

    return fold(text)


def checks(entities: list[dict]) -> dict[str, list[str]]:
    """Entity labels flagged by each automatic check."""
    words = set((DATA / "words.txt").read_text("utf-8").split())
    common = set((DATA / "common_forms.txt").read_text("utf-8").split())
    out: dict[str, list[str]] = {k: [] for k in (
        "common-word label", "URL word alias", "English word as acronym", "country not a place",
        "duplicate alias", "lexicon common word", "person by one Latin word")}
    owner: dict[str, str] = {}
    for e in entities:
        label, aliases = e["name"], e["aliases"]
        folded = [_fold(a) for a in aliases]
        if _fold(label) in words:
            out["common-word label"].append(label)
        if any(a.lower() in URL_WORDS for a in aliases):
            out["URL word alias"].append(label)
        if any(a.isupper() and a.lower() in ENGLISH for a in aliases):
            out["English word as acronym"].append(label)
        if any(f in COUNTRIES for f in folded[:1]) and e["kind"] != "place":
            out["country not a place"].append(label)
        if any(f in common for f in folded):
            out["lexicon common word"].append(label)
        if e["kind"] == "person" and any(a.isascii() and " " not in a and len(a) < 5 and any(
                a in b.split() for b in aliases if b != a) for a in aliases):  # Lam, Wong, Lee
            out["person by one Latin word"].append(label)
        for key in {re.sub(r"[\s·.\-《》]", "", f) for f in folded}:
            if key in owner and owner[key] != label:
                out["duplicate alias"].append(f"{owner[key]} / {label} ({key})")
            owner.setdefault(key, label)
    return out


def report(name: str, entities: list[dict], judged: dict, top: int) -> tuple[dict, list[dict]]:
    shown = entities[:top] if top else entities
    verdicts: Counter[str] = Counter()
    unjudged: list[dict] = []
    wrong: list[str] = []
    for e in shown:
        j = judged.get(signature(e))
        if j is None:
            unjudged.append(e)
            continue
        verdicts[j["verdict"]] += 1
        if j["verdict"] != "ok":
            wrong.append(f"| {e['count']} | {e['name']} | {j['verdict']} | {j.get('reason', '')} |")
    n = sum(verdicts.values())
    bad = n - verdicts["ok"]
    share = bad / n if n else None
    print(f"\n## {name}: {len(shown)} entities (of {len(entities)})\n")
    print(f"judged {n}, not ok {bad}" + (f" = {share:.1%}" if share is not None else "")
          + f" (target <= {TARGET:.0%}); unjudged {len(unjudged)}")
    print("verdicts: " + ", ".join(f"{v} {verdicts[v]}" for v in VERDICTS if verdicts[v]))
    if wrong:
        print("\n| articles | entity | verdict | reason |\n|---:|---|---|---|")
        print("\n".join(wrong))
    print("\nautomatic checks:")
    for check, flagged in checks(shown).items():
        print(f"- {check}: {len(flagged)}" + (f" ({', '.join(flagged[:8])})" if flagged else ""))
    return {"entities": len(shown), "judged": n, "not_ok": bad, "share_not_ok": share,
            "unjudged": len(unjudged), "verdicts": dict(verdicts)}, unjudged


def toml_of(archive: str, entities: list[dict]) -> str:
    rows = []
    for e in entities:
        aliases = ", ".join(json.dumps(a, ensure_ascii=False) for a in e["aliases"])
        rows.append(f'[[judged]]\narchive = "{archive}"  # {e["count"]} articles\n'
                    f'name = {json.dumps(e["name"], ensure_ascii=False)}\nkind = "{e["kind"]}"\n'
                    f'aliases = [{aliases}]\nverdict = "?"\nreason = ""\n')
    return "\n".join(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--archive", action="append", help="an archive (default: seeds and ../shared/real)")
    ap.add_argument("--top", type=int, default=150, help="entities by article count (0: all); seeds: all")
    ap.add_argument("--judgments", type=Path, default=JUDGMENTS)
    ap.add_argument("--data-dir", help="NEWSTUI_DATA_DIR for the names runs")
    ap.add_argument("--unjudged", type=Path, help="write the unjudged entities here as TOML to judge")
    ap.add_argument("--json", type=Path, default=REPO / "bench" / "out" / "names_quality.json")
    args = ap.parse_args()
    archives = [Path(a) for a in args.archive] if args.archive else [REPO / "seeds", DEFAULT_REAL]
    judged = load_judgments(args.judgments)
    results, todo = {}, []
    for archive in archives:
        if not archive.exists():
            print(f"\n## {archive}: absent, skipped")
            continue
        label = "seeds" if archive.name == "seeds" else archive.name
        entities = names_of(archive, args.data_dir)
        results[label], unjudged = report(label, entities, judged, 0 if label == "seeds" else args.top)
        todo.append(toml_of(label, unjudged))
    if args.unjudged:
        args.unjudged.parent.mkdir(parents=True, exist_ok=True)
        args.unjudged.write_text("\n".join(t for t in todo if t), "utf-8")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2), "utf-8")


if __name__ == "__main__":
    main()
