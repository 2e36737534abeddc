"""The benchmark's archive generator makes files the parser reads as distinct, dated, varied articles."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest
from support.paths import ROOT

from tui.archive.model import Article
from tui.archive.read.parse import parse_file

N = 60
SEED = 1


def _load_generator() -> ModuleType:
    path = ROOT / "bench" / "generate.py"
    spec = importlib.util.spec_from_file_location("bench_generate", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


gen = _load_generator()


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("gen") / "archive"
    manifest = gen.generate(N, out, seed=SEED)
    return out, manifest


def test_files_are_articles_with_distinct_titles_years_and_sources(archive: tuple[Path, dict]) -> None:
    out, _ = archive
    paths = [p for p in sorted(out.rglob("*")) if p.is_file()]
    assert len(paths) == N
    results = [parse_file(p) for p in paths]
    rejected = [r for r in results if not isinstance(r, Article)]
    assert not rejected, rejected[:3]
    articles = [r for r in results if isinstance(r, Article)]
    titles = [a.title for a in articles]
    assert len(set(titles)) == N, "titles must be unique"
    years = {a.published[:4] for a in articles if a.published}
    assert len(years) >= 5, years
    assert all("2015" <= y <= "2025" for y in years), years
    dated = sum(1 for a in articles if a.published)
    assert dated >= 0.8 * N, f"only {dated}/{N} articles have a date"
    sources = {a.source for a in articles}
    assert len(sources) >= 10, sources
    assert len({a.url for a in articles if a.url}) == sum(1 for a in articles if a.url), "URLs must be unique"


def test_known_names_are_injected_exactly(archive: tuple[Path, dict]) -> None:
    out, manifest = archive
    texts = [p.read_bytes().decode("utf-8", "replace") for p in out.rglob("*") if p.is_file()]
    for name in (gen.MARKER_EN, gen.MARKER_ZH, gen.AGREEMENT_EN, gen.AGREEMENT_ZH):
        assert sum(name in t for t in texts) == manifest["known"][name], name
    assert manifest["known"][gen.AGREEMENT_EN] == round(N * gen.AGREEMENT_FRACTION)
    # The manifest lives beside the archive, never inside it.
    assert gen.manifest_path(out).parent == out.parent
    assert json.loads(gen.manifest_path(out).read_text(encoding="utf-8"))["n"] == N


def test_generation_is_deterministic_for_a_seed(tmp_path: Path, archive: tuple[Path, dict]) -> None:
    out, _ = archive
    again = tmp_path / "again"
    gen.generate(N, again, seed=SEED)
    assert _files(again) == _files(out)
    other = tmp_path / "other"
    gen.generate(N, other, seed=SEED + 1)
    assert _files(other) != _files(out)
