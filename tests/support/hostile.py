"""A folder of every hostile file beside good ones (no tests here): for the hostile tests of
end_to_end/ and contracts/.

`build(root)` writes it and returns a `Hostile` that says what each file should become:
the good and re-encoded seeds (with the title/body they must keep), and the files that must be
rejected with a reason.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from support.paths import ROOT, SEEDS

#: A Traditional-Chinese fixture whose every character exists in Big5 (the seeds are Simplified).
BIG5_SOURCE = (ROOT / "tests/fixtures/NodeBE4__teahouse/_posts"
               / "2021-06-11-荷蘭漢學生與河堤閒話：手寫與才華和看不見的日偏蝕.md")

#: What a file may say in a title or body; none of it may reach a terminal or be parsed as markup.
ESCAPES = "\x1b]0;pwned\x07 \x1b[2J \x1b]52;c;AAAA\x07 \x08 \x00"
MARKUP = "[bold red]x[/] [@click=app.quit]quit[/]"
HOSTILE_TITLE = f"{MARKUP} 敌意标题 {ESCAPES} end"
#: The title as it must be shown: markup kept literally, escapes and controls gone.
HOSTILE_TITLE_SHOWN = "[bold red]x[/] [@click=app.quit]quit[/] 敌意标题 end"
HOSTILE_URL = "https://example.org/pwned\x1b]52;c;AAAA\x07/\x1b[2J"
#: Control characters that must never appear in any output (TAB, LF and CR excepted).
CONTROLS = bytes(b for b in range(32) if b not in (9, 10, 13)) + b"\x7f"

BIG_BYTES = 50 * 1024 * 1024
DEEP = 50_000
LONG_TITLE = 20_000


def seed(n: int) -> Path:
    return sorted(SEEDS.iterdir())[n]


def feed_file(title: str, url: str, body: str) -> str:
    """A feed archive (the most common shape) with the given title, URL and HTML body."""
    return (f"<!--1712714343000-->\n[{title}]({url})\n------\n\n"
            f"<div><i>Wed, 10 Apr 2024 01:54:23 GMT</i></div>{body}\n")


@dataclass
class Hostile:
    root: Path
    #: file -> the file whose parse it must equal in title and body (a re-encoding), or itself.
    good: dict[Path, Path] = field(default_factory=dict)
    #: files that are articles whatever else is odd about them (names, markup, escapes).
    articles: list[Path] = field(default_factory=list)
    #: files (and links) that must be rejected, each with a reason.
    rejected: list[Path] = field(default_factory=list)


def build(root: Path) -> Hostile:
    """Write every hostile case into `root` (created) beside copies of the seeds."""
    root.mkdir(parents=True, exist_ok=True)
    h = Hostile(root)
    good = root / "good"
    good.mkdir()
    for i in range(5):
        dest = good / seed(i).name
        shutil.copyfile(seed(i), dest)
        h.good[dest] = dest

    enc = root / "encodings"
    enc.mkdir()
    for name, original, encoding in [("gbk.txt", seed(2), "gbk"), ("gbk2.txt", seed(4), "gbk"),
                                     ("utf16.txt", seed(0), "utf-16"), ("big5.md", BIG5_SOURCE, "big5")]:
        (enc / name).write_bytes(original.read_text(encoding="utf-8").encode(encoding))
        h.good[enc / name] = original

    bad = root / "bad"
    bad.mkdir()
    rejected = {
        "binary.md": bytes(range(256)) * 64,
        "empty.md": b"",
        "blank.md": b" \n\t\r\n   \n",
        "nul.md": b"\0" * 8192,
        "invalid-utf8.md": bytes(range(0x80, 0x100)) * 40,
        "not-an-article.txt": "只是一些文字，没有标题。\n".encode() * 20,
    }
    for name, data in rejected.items():
        (bad / name).write_bytes(data)
        h.rejected.append(bad / name)
    big = bad / "fifty-megabytes.md"
    head = seed(0).read_bytes()
    with big.open("wb") as out:
        out.write(head)
        line = "<p>填充文字 padding 填充文字 padding 填充文字</p>\n".encode() * 1000
        while out.tell() < BIG_BYTES:
            out.write(line)
    h.rejected.append(big)

    odd = root / "odd"
    odd.mkdir()
    cases = {
        "deep.md": feed_file("深层嵌套的文章", "https://example.org/deep",
                             "<div>" * DEEP + "<p>最深处的文字。</p>" + "</div>" * DEEP),
        "deep-unclosed.md": feed_file("深层嵌套未闭合", "https://example.org/deep2",
                                      "<span><b>" * DEEP + "最深处的文字。"),
        "long-title.md": feed_file("长" * LONG_TITLE, "https://example.org/long", "<p>正文。</p>"),
        "markup.md": feed_file(HOSTILE_TITLE, HOSTILE_URL,
                               f"<p>正文 {MARKUP} {ESCAPES} 结束</p>"
                               f'<p><a href="{HOSTILE_URL}">链接 {ESCAPES}</a></p>'
                               f'<img src="https://example.org/i.jpg\x1b[2J"><p>说明 {ESCAPES}</p>'),
        "mirror-markup.md": f"### {HOSTILE_TITLE}\n\n---\n\n<p>【大纪元2022年01月11日讯】{MARKUP}"
                            f" {ESCAPES}</p>\n原文链接：{HOSTILE_URL}\n",
        "damaged-utf8.md": seed(1).read_bytes()[:600] + b"\xff\xfe" + seed(1).read_bytes()[600:],
    }
    for name, text in cases.items():
        path = odd / name
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        h.articles.append(path)

    names = root / "names"
    names.mkdir()
    for name in ("new\nline.txt", "esc\x1b]0;pwned\x07\x1b[2J.txt", "bell\x07back\x08tab\t.txt",
                 "bad-bytes-\udcff.txt"):
        dest = names / name
        try:
            shutil.copyfile(seed(3), dest)
        except (UnicodeEncodeError, OSError):
            continue
        h.articles.append(dest)

    links = root / "links"
    (links / "x.md").mkdir(parents=True)  # a directory named like an article
    shutil.copyfile(seed(3), links / "x.md" / "inside.txt")
    h.articles.append(links / "x.md" / "inside.txt")
    (links / "loop").symlink_to(links, target_is_directory=True)
    (links / "self.md").symlink_to(links / "self.md")
    (links / "dangling.md").symlink_to(root / "nowhere.md")
    h.rejected += [links / "self.md", links / "dangling.md"]
    if hasattr(os, "mkfifo"):
        os.mkfifo(links / "fifo.md")  # never opened: it would block
    return h
