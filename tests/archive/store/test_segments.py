"""Files added, changed or removed after the cache was built: only they are parsed (a delta
segment beside the base), and every search finds what a clean build of the same files finds,
loaded or answered from the persisted indexes alone (quick.py)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from support.segments import Answers, answers, bring_back, clean, held_back

from tui.archive.search import opening
from tui.archive.search.quick import from_index
from tui.archive.store import cache, manifest, segments
from tui.archive.store.loader import LoadResult


def loaded(root: Path) -> tuple[object, Answers]:
    result = opening.load([root])
    return result, answers(opening.search_index(result))


def quick(root: Path) -> Answers | None:
    return from_index([root], lambda index: answers(index), processes=1)


@pytest.fixture
def archive(tmp_path: Path) -> tuple[Path, list[Path]]:
    return held_back(tmp_path)


def test_added_files_are_parsed_alone_and_found_as_in_a_clean_build(
        archive: tuple[Path, list[Path]], tmp_path: Path) -> None:
    root, later = archive
    first = opening.load([root])
    assert first.segments is None and first.parsed > 50
    opening.search_index(first)
    bring_back(tmp_path, later)
    result, found = loaded(root)
    assert result.parsed == len(later) and result.segments is not None  # type: ignore[attr-defined]
    expected = clean(root, tmp_path / "clean")
    assert found == expected
    assert quick(root) == expected
    assert any(h for h in expected.values())


def test_a_changed_and_a_removed_file(archive: tuple[Path, list[Path]], tmp_path: Path) -> None:
    root, _ = archive
    opening.search_index(opening.load([root]))
    files = sorted(p for p in root.rglob("*.md"))
    changed, removed = files[3], files[4]
    more = "\n\n香港政府今天宣布新冠措施。\n"
    changed.write_text(changed.read_text(encoding="utf-8") + more, encoding="utf-8")
    removed.unlink()
    result, found = loaded(root)
    assert result.parsed == 1  # type: ignore[attr-defined]
    expected = clean(root, tmp_path / "clean")
    assert found == expected and quick(root) == expected
    assert str(removed) not in {r.path for r in result.archive.rejections}  # type: ignore[attr-defined]
    assert all(a.path != str(removed) for a in result.archive.articles)  # type: ignore[attr-defined]


def test_the_delta_grows_by_the_new_files_only(archive: tuple[Path, list[Path]], tmp_path: Path) -> None:
    root, later = archive
    opening.search_index(opening.load([root]))
    bring_back(tmp_path, later)
    last = later.pop()
    shutil.move(last, tmp_path / "last")
    assert opening.load([root]).parsed == len(later)
    shutil.move(tmp_path / "last", last)
    again = opening.load([root])
    assert again.parsed == 1 and again.changed
    unchanged = opening.load([root])
    assert unchanged.parsed == 0 and not unchanged.changed and unchanged.segments is not None
    assert answers(opening.search_index(unchanged)) == clean(root, tmp_path / "clean")


def test_a_big_delta_is_merged_into_a_new_base(archive: tuple[Path, list[Path]], tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> None:
    root, later = archive
    opening.search_index(opening.load([root]))
    monkeypatch.setattr(segments, "DELTA_MIN", 3)
    bring_back(tmp_path, later)
    merged = opening.load([root])
    assert merged.segments is None and merged.parsed == len(later)
    left = [p.name for p in (data_dir / "cache").iterdir()]
    assert not [n for n in left if n.endswith((".manifest", ".delta.cache"))]
    assert answers(opening.search_index(merged)) == clean(root, tmp_path / "clean")


def test_files_put_back_as_they_were_leave_no_delta(archive: tuple[Path, list[Path]], tmp_path: Path,
                                                    data_dir: Path) -> None:
    root, later = archive
    opening.search_index(opening.load([root]))
    extra = root / "extra.md"
    shutil.copy(tmp_path / "held" / f"0{later[0].suffix}", extra)
    assert opening.load([root]).segments is not None
    extra.unlink()
    back = opening.load([root])
    assert back.segments is None and back.changed
    assert not list((data_dir / "cache").glob("*.manifest"))


def test_the_app_opens_the_delta_at_once(archive: tuple[Path, list[Path]], tmp_path: Path) -> None:
    root, later = archive
    opening.search_index(opening.load([root]))
    bring_back(tmp_path, later)
    result = opening.load([root])
    cached = segments.open_cached([root])
    assert cached is not None and not cached.changed
    assert sorted(a.id for a in cached.archive.articles) == sorted(a.id for a in result.archive.articles)


@pytest.mark.parametrize("damage", ["manifest garbage", "manifest gone", "delta cache garbage",
                                    "delta index garbage", "delta cache gone"])
def test_a_damaged_or_missing_delta_is_rebuilt(archive: tuple[Path, list[Path]], tmp_path: Path,
                                                data_dir: Path, damage: str) -> None:
    root, later = archive
    opening.search_index(opening.load([root]))
    bring_back(tmp_path, later)
    opening.search_index(opening.load([root]))
    cache_file = next((data_dir / "cache").glob("*.delta.cache"))
    base = cache_file.with_name(cache_file.name.replace(".delta.cache", ".cache"))
    target = {"manifest": manifest.manifest_path(base), "delta cache": cache_file,
              "delta index": data_dir / "index" / (cache_file.stem + ".index")}[damage.rsplit(" ", 1)[0]]
    if damage.endswith("gone"):
        target.unlink()
    else:
        target.write_bytes(os.urandom(target.stat().st_size))
    expected = clean(root, tmp_path / "clean")
    assert quick(root) in (None, expected)  # never a wrong answer
    result = opening.load([root])
    assert answers(opening.search_index(result)) == expected
    if damage in ("delta cache garbage", "delta index garbage"):
        assert any("rebuilding" in n for n in result.notices)
    assert quick(root) == expected


def test_a_merge_parses_nothing_again(archive: tuple[Path, list[Path]], tmp_path: Path, data_dir: Path
                                      ) -> None:
    root, later = archive
    opening.search_index(opening.load([root]))
    bring_back(tmp_path, later)
    assert opening.load([root], merge=False).parsed == len(later)
    merged = opening.load([root], merge=True)
    assert merged.parsed == 0 and merged.segments is None
    assert not [p for p in (data_dir / "cache").iterdir() if p.name.endswith((".manifest", ".delta.cache"))]
    assert answers(opening.search_index(merged)) == clean(root, tmp_path / "clean")
    assert opening.load([root]).segments is None


def _page(root: Path, name: str, body: str) -> None:
    (root / f"{name}.md").write_text(
        f"<!--1712714343000-->\n[{name} 报道](https://example.com/a/{name}.html)\n------\n\n"
        f"<div><i>Wed, 10 Apr 2024 01:54:23 GMT</i></div><p>{body}</p>\n", encoding="utf-8")


def test_a_delta_completes_a_japanese_surname_where_the_text_is_about_japan(tmp_path: Path) -> None:
    # the lexicon's 山下 `Yamashita` is a surname alone: a new file naming it near 日本 joins its
    # articles, one where 山下 is "at the foot of the hill" does not (names/surnames.py)
    root = tmp_path / "archive"
    root.mkdir()
    _page(root, "000", "日本歌手山下智久周一出席活动。")
    for n in range(1, 40):
        _page(root, f"{n:03d}", "今天的天气很好，大家出门散步。")
    opening.search_index(opening.load([root]))
    _page(root, "hill", "我们从山下走到山顶，又回到山下。")
    _page(root, "singer", "日本媒体说，山下智久周二发表新歌。")
    result = opening.load([root])
    assert result.segments is not None  # the two new files are a delta beside the base
    index = opening.search_index(result)
    yamashita = [e for e in index.entities if "山下" in e.aliases]
    assert len(yamashita) == 1
    by_title = {a.title: a.id for a in result.archive.articles}
    assert set(yamashita[0].articles) == {by_title["000 报道"], by_title["singer 报道"]}


def _decodes(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The cache files decoded from now on (CacheFile.open), in order."""
    opened: list[Path] = []
    real = cache.CacheFile.open

    def counted(path: Path, parser_version: str) -> cache.CacheFile | None:
        opened.append(path)
        return real(path, parser_version)

    monkeypatch.setattr(cache.CacheFile, "open", staticmethod(counted))
    return opened


def test_the_cache_decoded_at_start_is_not_decoded_again_by_the_load_that_follows(
        archive: tuple[Path, list[Path]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root, later = archive
    opening.search_index(opening.load([root]))
    known = segments.open_cached([root])
    assert known is not None
    decoded = _decodes(monkeypatch)
    same = opening.load([root], known=known)
    assert same is known and not same.changed and decoded == []  # nothing changed: the start's result
    bring_back(tmp_path, later)
    known = segments.open_cached([root])
    decoded.clear()
    result, found = loaded_with(root, known)
    assert result.segments is not None and result.parsed == len(later)
    assert result.cache not in decoded  # the base's records are the start's (only the new delta is read)
    assert found == clean(root, tmp_path / "clean")


def test_a_cache_rewritten_since_the_start_is_decoded_anew(
        archive: tuple[Path, list[Path]], monkeypatch: pytest.MonkeyPatch) -> None:
    root, _ = archive
    opening.search_index(opening.load([root]))
    known = segments.open_cached([root])
    assert known is not None and known.identity is not None
    known.identity = [known.identity[0] ^ 1, *known.identity[1:]]  # as if another instance wrote it since
    decoded = _decodes(monkeypatch)
    result = opening.load([root], known=known)
    assert result is not known and decoded == [result.cache] and len(result.archive) == len(known.archive)


def loaded_with(root: Path, known: object) -> tuple[LoadResult, Answers]:
    result = opening.load([root], known=known)  # type: ignore[arg-type]
    return result, answers(opening.search_index(result))
