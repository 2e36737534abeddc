"""The user's settings: `config.toml` in the user config directory, read with tomllib.

    theme = "nord"                 # chosen in the command palette (remembered there)
    sort = "relevance"             # or "date": the order of search results
    script = "as-written"          # or "simplified" / "traditional": how Chinese text is shown
    pager = "less -R"              # for `p` (default: $PAGER, else less)
    save_folder = "~/news-saved"   # where `s` saves articles as Markdown

    [keys]                         # binding id = keys (see `?` or docs/keys-and-config.md for the ids)
    search = "slash,ctrl+f"

A broken file gives one message naming its line and the defaults are used. newstui writes the file
only when a setting is changed from the app (the theme), and then only that setting's line,
atomically, keeping everything else the user wrote. No Textual here (the CLI reads it too).
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path

from platformdirs import user_config_dir, user_documents_dir

from .archive.store.files import atomic_write, locked

ENV_CONFIG_DIR = "NEWSTUI_CONFIG_DIR"
FILE_NAME = "config.toml"
SORTS = ("relevance", "date")
SCRIPTS = ("as-written", "simplified", "traditional")
_CHOICES = {"sort": SORTS, "script": SCRIPTS}


@dataclass
class Config:
    theme: str = ""  # "": Textual's default
    sort: str = "relevance"
    script: str = "as-written"
    pager: str = ""  # "": $PAGER, else less
    save_folder: str = ""  # "": a newstui folder in the user's documents
    keys: dict[str, str] = field(default_factory=dict)

    def pager_command(self) -> str:
        return self.pager or os.environ.get("PAGER", "").strip() or "less"

    def save_dir(self) -> Path:
        if self.save_folder:
            return Path(self.save_folder).expanduser()
        return Path(user_documents_dir()) / "newstui"

    def to_toml(self) -> str:
        """The settings in force, as a config file would say them."""
        lines = [f"{f.name} = {json.dumps(getattr(self, f.name), ensure_ascii=False)}"
                 for f in fields(self) if f.name != "keys"]
        lines += ["", "[keys]"] + [f"{k} = {json.dumps(v, ensure_ascii=False)}" for k, v in self.keys.items()]
        return "\n".join(lines) + "\n"


def config_dir() -> Path:
    """$NEWSTUI_CONFIG_DIR, else platformdirs' user config dir (~/.config/newstui on Linux)."""
    env = os.environ.get(ENV_CONFIG_DIR, "").strip()
    return Path(env).expanduser() if env else Path(user_config_dir("newstui", appauthor=False))


def config_path() -> Path:
    return config_dir() / FILE_NAME


def _line_of(text: str, key: str) -> int:
    """The 1-based line where `key = ...` is set (0 when not found)."""
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
    return next((n for n, line in enumerate(text.splitlines(), 1) if pattern.match(line)), 0)


def _problem(path: Path, line: int, what: str) -> str:
    where = f"{path}, line {line}" if line else str(path)
    return f"Config {where}: {what}; using the defaults"


def load(path: Path | None = None) -> tuple[Config, str | None]:
    """The settings of `path` (default: `config_path()`), and one message when it is broken.

    A missing file is no problem. Any error (unreadable, not TOML, a wrong value) gives the
    defaults for everything and a message naming the line.
    """
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config(), None
    except (OSError, UnicodeDecodeError) as exc:
        return Config(), _problem(path, 0, f"cannot be read ({exc})")
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        at = re.search(r"line (\d+)", str(exc))  # Python 3.11's error has no lineno attribute
        line = int(at.group(1)) if at else 0
        return Config(), _problem(path, line, str(exc).split(" (at line")[0])
    config = Config()
    for key, value in doc.items():
        if key == "keys":
            if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
                return Config(), _problem(path, _line_of(text, "keys") or _first_table(text, "keys"),
                                          'keys must be a table of binding id = "key,key"')
            config.keys = {str(k): v for k, v in value.items()}
        elif key in {f.name for f in fields(Config)}:
            if not isinstance(value, str):
                return Config(), _problem(path, _line_of(text, key), f"{key} must be a string")
            if key in _CHOICES and value not in _CHOICES[key]:
                choices = ", ".join(_CHOICES[key])
                return Config(), _problem(path, _line_of(text, key), f"{key} must be one of {choices}")
            setattr(config, key, value)
        else:
            known = ", ".join(f.name for f in fields(Config))
            return Config(), _problem(path, _line_of(text, key) or _first_table(text, key),
                                      f"unknown setting {key!r} (known: {known})")
    return config, None


def _first_table(text: str, name: str) -> int:
    pattern = re.compile(rf"^\s*\[\s*{re.escape(name)}\s*\]")
    return next((n for n, line in enumerate(text.splitlines(), 1) if pattern.match(line)), 0)


def _with_setting(text: str, key: str, value: str) -> str:
    """`text` with the top-level `key` set to `value`: its line replaced, else one line added
    before the first table; every other line as the user wrote it."""
    line = f"{key} = {json.dumps(value, ensure_ascii=False)}"
    lines = text.splitlines()
    first_table = next((i for i, s in enumerate(lines) if s.lstrip().startswith("[")), len(lines))
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
    for i in range(first_table):
        if pattern.match(lines[i]):
            lines[i] = line
            break
    else:
        lines.insert(first_table, line)
    return "\n".join(lines) + "\n"


def save_setting(key: str, value: str, path: Path | None = None) -> str | None:
    """Set one top-level setting in the file (created if missing), atomically, under a lock.

    Everything else in the file is kept. A message (nothing written) when the file cannot be
    read as TOML or written; None when saved.
    """
    path = path or config_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with locked(path.with_name(FILE_NAME + ".lock")):
            try:
                text = path.read_text(encoding="utf-8")
            except FileNotFoundError:
                text = ""
            try:
                tomllib.loads(text)
                new = _with_setting(text, key, value)
                if tomllib.loads(new).get(key) != value:
                    raise ValueError(key)
            except (tomllib.TOMLDecodeError, ValueError):
                return f"Config {path} has an error: {key} not saved (fix the file, then choose again)"
            atomic_write(path, new.encode("utf-8"))
    except OSError as exc:
        return f"Cannot save {key} to {path}: {exc.strerror or exc}"
    return None
