"""Where newstui keeps its own files (the data dir) and where the bundled seeds are."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

ENV_DATA_DIR = "NEWSTUI_DATA_DIR"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data directory: `override`, else $NEWSTUI_DATA_DIR, else platformdirs' user data dir.

    Nothing is created here: callers create what they need and cope with failure.
    """
    if override is not None:
        return Path(override).expanduser()
    env = os.environ.get(ENV_DATA_DIR, "").strip()
    if env:
        return Path(env).expanduser()
    return Path(user_data_dir("newstui", appauthor=False))


def bundled_seeds() -> Path:
    """The seed archive: `tui/seeds` inside an installed wheel, `seeds/` at the top of a checkout."""
    package = Path(__file__).resolve().parents[2]  # .../tui
    for candidate in (package / "seeds", package.parent / "seeds"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("the bundled seeds are missing from this installation")
