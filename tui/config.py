"""The user's settings: `config.toml` in the user config directory, read with tomllib.

    theme = "nord"                 # chosen in the command palette (remembered there)
    sort = "relevance"             # or "date": the order of search results
    script = "as-written"          # or "simplified" / "traditional": how Chinese text is shown
    pager = "less -R"              # for `p` (default: $PAGER, else less)
    save_folder = "~/news-saved"   # where `s` saves articles as Markdown
    rows = "full"                  # or "compact": one line per article in lists (`v` toggles it)
    index_dir = "/srv/newstui"     # a shared index dir an admin keeps (docs/sharing.md)

    [keys]                         # binding id = keys (see `?` or docs/keys-and-config.md for the ids)
    search = "slash,ctrl+f"

A broken line or a wrong value gives one message naming the line and what it wants; that
setting keeps its default and every other setting is used. newstui writes the file
only when a setting is changed from the app (the theme, `v`'s rows), and then only that setting's line,
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
ROWS = ("full", "compact")
_CHOICES = {"sort": SORTS, "script": SCRIPTS, "rows": ROWS}
DEFAULT_THEME = "textual-dark"  # Textual's own default, used when no theme is set


@dataclass
class Config:
    theme: str = ""  # "": Textual's default
    sort: str = "relevance"
    script: str = "as-written"
    pager: str = ""  # "": $PAGER, else less
    save_folder: str = ""  # "": a newstui folder in the user's documents
    rows: str = "full"  # or "compact": one line per article in the lists
    index_dir: str = ""  # "": none named (a system-wide one, else the user's own data dir)
    keys: dict[str, str] = field(default_factory=dict)

    def pager_command(self) -> str:
        return self.pager or os.environ.get("PAGER", "").strip() or "less"

    def save_dir(self) -> Path:
        if self.save_folder:
            return Path(self.save_folder).expanduser()
        return Path(user_documents_dir()) / "newstui"

    def in_force(self) -> dict[str, str]:
        """Each setting as newstui will really use it (the pager and folder it falls back to)."""
        settings = {"theme": self.theme or DEFAULT_THEME, "sort": self.sort, "script": self.script,
                    "pager": self.pager_command(), "save_folder": str(self.save_dir()), "rows": self.rows}
        if self.index_dir:  # else where the index lives depends on the archive (store/location.py)
            settings["index_dir"] = str(Path(self.index_dir).expanduser())
        return settings

    def to_toml(self) -> str:
        """The settings in force, as a config file would say them."""
        lines = [f"{key} = {json.dumps(value, ensure_ascii=False)}" for key, value in self.in_force().items()]
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


def _first_table(text: str, name: str) -> int:
    pattern = re.compile(rf"^\s*\[\s*{re.escape(name)}\s*\]")
    return next((n for n, line in enumerate(text.splitlines(), 1) if pattern.match(line)), 0)


_TABLE = re.compile(r"^\s*\[\s*([A-Za-z0-9_.-]+)\s*\]\s*(#.*)?$")
_SETTING = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=\s*(.*?)\s*$")


def _what_is_wrong(line: str, error: str) -> str:
    """What a line that is not TOML wants, in the user's terms."""
    setting = _SETTING.match(line)
    if not setting:
        return f"not a setting ({error})"
    key, value = setting.groups()
    value = value.split("#")[0].strip() if not value.startswith(("'", '"')) else value
    if not value:
        return f"{key} has no value"
    if not value.startswith(("'", '"', "[", "{")):
        return f'quote strings: {key} = "{value}"'
    return error


def _salvage(text: str) -> tuple[dict[str, object], list[tuple[int, str]]]:
    """What can be read of a file that is not TOML as a whole: each line on its own.

    A line that cannot be read is named (with what it wants); every other setting is kept.
    """
    doc: dict[str, object] = {}
    problems: list[tuple[int, str]] = []
    table: dict[str, object] = doc
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        header = _TABLE.match(line)
        if header:
            found = doc.setdefault(header.group(1), {})
            table = found if isinstance(found, dict) else {}
            continue
        try:
            table.update(tomllib.loads(line))
        except tomllib.TOMLDecodeError as exc:
            problems.append((number, _what_is_wrong(line, str(exc).split(" (at line")[0])))
    return doc, problems


def _apply(doc: dict[str, object], text: str) -> tuple[Config, list[tuple[int, str]]]:
    """The settings `doc` gives; each wrong value is named and its default kept."""
    config = Config()
    problems: list[tuple[int, str]] = []
    known = [f.name for f in fields(Config)]
    for key, value in doc.items():
        if key == "keys":
            if not isinstance(value, dict):
                problems.append((_line_of(text, "keys"), 'keys must be a table of binding id = "key,key"'))
                continue
            for binding, keys in value.items():
                if isinstance(keys, str):
                    config.keys[str(binding)] = keys
                else:
                    problems.append((_line_of(text, str(binding)), f'quote the keys: {binding} = "key,key"'))
        elif key in known:
            if not isinstance(value, str):
                problems.append((_line_of(text, key), f'{key} must be a quoted string: {key} = "..."'))
            elif key in _CHOICES and value not in _CHOICES[key]:
                choices = ", ".join(f'"{c}"' for c in _CHOICES[key])
                problems.append((_line_of(text, key), f"{key} must be one of {choices}"))
            else:
                setattr(config, key, value)
        else:
            problems.append((_line_of(text, key) or _first_table(text, key),
                             f"unknown setting {key!r} (known: {', '.join(known)})"))
    return config, problems


def _message(path: Path, problems: list[tuple[int, str]]) -> str:
    said = "; ".join(f"line {line}: {what}" if line else what for line, what in problems)
    return f"Config {path}: {said} (the default is used there; every other setting is kept)"


def load(path: Path | None = None) -> tuple[Config, str | None]:
    """The settings of `path` (default: `config_path()`), and one message when any is wrong.

    A missing file is no problem. A line that is not TOML, or a wrong value, is named with what
    it wants, and its default used; every valid setting is kept. An unreadable file gives the
    defaults and a message.
    """
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config(), None
    except (OSError, UnicodeDecodeError) as exc:
        return Config(), f"Config {path} cannot be read ({exc}); using the defaults"
    try:
        doc: dict[str, object] = tomllib.loads(text)
        problems: list[tuple[int, str]] = []
    except tomllib.TOMLDecodeError:
        doc, problems = _salvage(text)
    config, wrong = _apply(doc, text)
    problems += wrong
    return config, (_message(path, sorted(problems)) if problems else None)


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
