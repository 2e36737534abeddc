"""What the panes say while the search index is being built (one text, each pane's ending)."""

from __future__ import annotations

INDEXING = "正在建立索引 Indexing…"
INDEXING_PLACEHOLDER = f"/ 搜索 {INDEXING.lower()} (type now, results follow)"  # the search box
INDEXING_RESULTS = f"{INDEXING} results follow"  # the results pane's status
INDEXING_NAMES = f"{INDEXING} names follow when it is done"  # `e` before the names are known
