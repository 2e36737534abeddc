"""The status line's words: counts with their plurals, and a status wrapped between its parts
(never cut: the status line grows a line or two instead)."""

from __future__ import annotations

from rich.cells import cell_len

SEP = " · "


def plural(count: int, word: str, words: str | None = None) -> str:
    """`1 match`, `2 matches`, `0 results`."""
    if count == 1:
        return f"{count} {word}"
    return f"{count} {words or (word + 'es' if word.endswith(('ch', 'sh', 's', 'x')) else word + 's')}"


def wrapped(text: str, width: int) -> str:
    """`text` ("a · b · c") in lines of at most `width` cells, broken between its parts; a part
    longer than a line keeps its own line(s) (the widget wraps it)."""
    if width <= 0 or cell_len(text) <= width:
        return text
    lines: list[str] = []
    for part in text.split(SEP):
        if lines and cell_len(lines[-1] + SEP + part) <= width:
            lines[-1] += SEP + part
        else:
            lines.append(part)
    return "\n".join(lines)


def results_status(shown: int, total: int, sort: str | None, elapsed: float, notes: list[str]) -> str:
    """`12 of 40 results · newest first · 3 ms`, then what the query did not understand."""
    count = f"{shown} of {plural(total, 'result')}" if total > shown else plural(shown, "result")
    order = {"date": "newest first", "relevance": "best first"}.get(sort or "", "")
    return SEP.join([count, *([order] if order else []), f"{elapsed * 1000:.0f} ms", *notes])


def listing_status(title: str, what: str) -> str:
    """A listing's status: its title, what it holds, and the keys that leave it."""
    return SEP.join([title, what, "Enter reads", "Esc: tree"])
