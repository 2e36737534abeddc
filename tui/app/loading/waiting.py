"""What the panes say while the search index is being built (one text, each pane's ending), and
while the archive's records are read after its outline is shown."""

from __future__ import annotations

INDEXING = "正在建立索引 Indexing…"
INDEXING_PLACEHOLDER = f"/ 搜索 {INDEXING.lower()} (type now, results follow)"  # the search box
INDEXING_RESULTS = f"{INDEXING} results follow"  # the results pane's status
INDEXING_NAMES = f"{INDEXING} names follow when it is done"  # `e` before the names are known
READING = "读取 Loading the archive… "
READING_ARTICLE = f"{READING}the article opens once it is read"  # Enter on a search hit meanwhile
READING_NAMES = f"{READING}the names show once it is read"  # `e` meanwhile
READING_ACTION = f"{READING}try again in a moment"  # a command on an article not read yet
