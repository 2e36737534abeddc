"""Rich `Text` wrapped where the archive's line-breaking rule allows (archive/linebreak.py: CJK
characters are break points, kinsoku, no Latin word split); Textual and Rich only break at spaces.
"""

from __future__ import annotations

from rich.text import Text

from ...archive.linebreak import cell_len, line_starts, wrap_offsets

__all__ = ["clip", "hanging", "wrap", "wrap_lines", "wrap_offsets"]


def wrap(text: Text, width: int) -> Text:
    """`text` with newlines inserted so no line is wider than `width` cells (trailing spaces trimmed)."""
    return _broken(text, wrap_offsets(text.plain, width))


def hanging(text: Text, width: int, hang: int) -> Text:
    """`text` wrapped to `width` with its first `hang` characters (a prefix such as `  • `) hanging:
    the lines after the first start under the text, not under the prefix."""
    room = width - cell_len(text.plain[:hang])
    if hang <= 0 or room < 8:
        return wrap(text, width)
    head, body = text[:hang], text[hang:]
    indent = " " * cell_len(head.plain)
    lines = wrap_lines(body, room)
    out = head + lines[0]
    for line in lines[1:]:
        out.append("\n" + indent)
        out.append_text(line)
    return out


def _broken(text: Text, offsets: list[int]) -> Text:
    if not offsets:
        return text
    lines = text.divide(offsets)
    for line in lines:
        line.rstrip()
    return Text("\n", end="").join(lines)


def wrap_lines(text: Text, width: int) -> list[Text]:
    return list(wrap(text, width).split("\n", allow_blank=True))


def clip(text: Text, width: int, lines: int) -> Text:
    """At most `lines` wrapped lines of `text`, the last ending in `…` when something was cut.

    One line of text (no newline, as titles and snippets are) is wrapped only up to the character
    that starts the line after the last shown: a result's snippet is several lines long and two
    show; wrapping is greedy, so the lines before are the same as the whole text's."""
    width = max(2, width)
    plain = text.plain
    if "\n" in plain:
        offsets = wrap_offsets(plain, width)
    else:
        offsets = []
        for at, seen, _ in line_starts(plain, width):
            offsets.append(at)
            if len(offsets) == lines:
                text = text[: seen + 1]  # the shown lines, and what tells that more was cut
                break
    wrapped = _broken(text, offsets).split("\n", allow_blank=True)
    if len(wrapped) <= lines:
        return Text("\n", end="").join(wrapped)
    kept = wrapped[:lines]
    last = kept[-1]
    if last.cell_len >= width:
        last.truncate(max(1, width - 1))
    last.append("…")
    return Text("\n", end="").join(kept)
