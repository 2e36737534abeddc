"""The command line contract, run as a user would: a separate process, from another folder."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support.commands import newstui

import tui
from tui import cli
from tui.cli import articles

CONTRACT = {"id", "path", "source", "source_name", "title", "url", "published", "body"}


def _assert_one_line_error(done: subprocess.CompletedProcess[str]) -> None:
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("newstui: error: ") and done.stderr.count("\n") == 1
    assert "Traceback" not in done.stderr


def test_version(tmp_path: Path) -> None:
    done = newstui("--version", cwd=tmp_path)
    assert (done.returncode, done.stdout.strip()) == (0, f"newstui {tui.__version__}")


def test_help_lists_the_commands(tmp_path: Path) -> None:
    done = newstui("--help", cwd=tmp_path)
    assert done.returncode == 0
    assert all(name in done.stdout for name in ("export", "show", "check"))


def test_export_is_json_lines_of_full_articles(tmp_path: Path, seeds_dir: Path) -> None:
    done = newstui("export", seeds_dir, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    articles = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(articles) == 5
    for article in articles:
        assert article.keys() >= CONTRACT
        assert Path(article["path"]).is_absolute() and Path(article["path"]).parent == seeds_dir
        assert all({"kind", "text"} <= block.keys() for block in article["body"])
    assert any(article["body"] for article in articles)
    assert "\\u" not in done.stdout.replace("\\\\", "")  # UTF-8, not ASCII escapes


def test_export_into_a_closed_pipe_is_quiet(tmp_path: Path, seeds_dir: Path) -> None:
    root = tmp_path / "many"
    for i in range(40):
        shutil.copytree(seeds_dir, root / f"copy{i}")
    newstui("export", root, cwd=tmp_path)  # warm the cache so the output comes fast
    run = subprocess.Popen([sys.executable, "-m", "tui.cli", "export", str(root)], cwd=tmp_path,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert run.stdout is not None and run.stderr is not None
    run.stdout.readline()
    run.stdout.close()  # like `| head -1`
    stderr = run.stderr.read().decode()
    assert run.wait(timeout=60) == 0
    assert stderr == ""


def test_show_json_has_the_contract_fields(tmp_path: Path, seeds_dir: Path) -> None:
    seed = sorted(seeds_dir.iterdir())[0]
    done = newstui("show", seed, "--json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    article = json.loads(done.stdout)
    assert article.keys() >= CONTRACT
    assert article["path"] == str(seed) and article["title"] and article["body"]


def test_show_as_text_starts_with_the_title(tmp_path: Path, seeds_dir: Path) -> None:
    seed = sorted(seeds_dir.iterdir())[0]
    title = json.loads(newstui("show", seed, "--json", cwd=tmp_path).stdout)["title"]
    done = newstui("show", seed, cwd=tmp_path)
    assert done.returncode == 0 and done.stdout.splitlines()[0] == title


def test_show_a_file_that_is_not_an_article(tmp_path: Path) -> None:
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    done = newstui("show", empty, "--json", cwd=tmp_path)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.startswith(f"newstui: {empty}: ") and "Traceback" not in done.stderr


def test_check_passes_on_good_files(tmp_path: Path, seeds_dir: Path) -> None:
    done = newstui("check", seeds_dir, cwd=tmp_path)
    assert done.returncode == 0, done.stdout
    assert done.stdout.splitlines()[-1].startswith("5 files: 5 articles, 0 rejected")


def test_check_lists_rejected_files_and_fails(tmp_path: Path, archive_dir: Path) -> None:
    done = newstui("check", archive_dir, cwd=tmp_path)
    assert done.returncode == 1
    assert f"rejected  {archive_dir / 'empty.md'}: " in done.stdout
    assert " 1 rejected" in done.stdout.splitlines()[-1]
    report = json.loads(newstui("check", "--json", archive_dir, cwd=tmp_path).stdout)
    assert report["summary"]["rejected"] == 1
    assert report["rejected"][0]["path"] == str(archive_dir / "empty.md")


def test_check_reports_missing_fields(tmp_path: Path) -> None:
    bare = tmp_path / "bare.md"
    bare.write_text("### 只有标题的文章\n\n---\n\n第一段正文，没有日期，也没有链接。\n", encoding="utf-8")
    done = newstui("check", bare, cwd=tmp_path)
    missing = [line for line in done.stdout.splitlines() if line.startswith("missing")]
    assert missing and "url" in missing[0]


@pytest.mark.parametrize("args", [
    ["/no/such/archive"],
    ["export", "/no/such/archive"],
    ["check", "/no/such/archive"],
    ["show", "/no/such/file.md"],
    ["--no-such-option"],
    ["export", "--no-such-option"],
    ["show"],
])
def test_usage_errors_are_one_line_and_exit_2(tmp_path: Path, args: list[str]) -> None:
    _assert_one_line_error(newstui(*args, cwd=tmp_path))


def test_without_the_app_it_prints_a_summary(tmp_path: Path, seeds_dir: Path,
                                             monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    import importlib.util

    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    assert cli.main([str(seeds_dir)]) == 0
    assert "articles" in capsys.readouterr().out.splitlines()[0]


def test_ctrl_c_exits_130_quietly(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setitem(cli.COMMANDS, "export", cli.Command("", articles.setup_export, interrupted))
    assert cli.main(["export"]) == 130
    assert capsys.readouterr().err == ""


def test_config_show_names_a_keymap_clash_and_exits_1(config_dir: Path, tmp_path: Path) -> None:
    (config_dir / "config.toml").write_text('[keys]\nnames = "n"\n', "utf-8")
    done = newstui("config", "--show", cwd=tmp_path)
    assert done.returncode == 1
    assert "n: names and next_match" in done.stderr
    (config_dir / "config.toml").write_text('[keys]\nnames = "m"\n', "utf-8")
    assert newstui("config", "--show", cwd=tmp_path).returncode == 0
