"""One object of a kind per app (`one_per_app`): the frame hold, the idle collector. Kept by the
app it serves and gone with it; tests run many apps in one process."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar
from weakref import WeakKeyDictionary

from textual.app import App

T = TypeVar("T")

_KEPT: WeakKeyDictionary[App[object], dict[object, object]] = WeakKeyDictionary()


def one_per_app(app: App[object], make: Callable[[App[object]], T]) -> T:
    """The object `make(app)` made for `app` the first time it was asked for."""
    kept = _KEPT.setdefault(app, {})
    found = kept.get(make)
    if found is None:
        found = kept[make] = make(app)
    return found  # type: ignore[return-value]
