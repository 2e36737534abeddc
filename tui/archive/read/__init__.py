"""Reading: the bytes of one file -> an `Article` (or a `Rejection` saying why not).

    decode.py   bytes -> str (UTF-8, GBK, Big5, UTF-16; binary refused)
    shapes/     one module per file shape: sniff the text, pick its title, date, URL and HTML body
    html.py     an HTML body -> blocks in reading order, chrome dropped (chrome.py: what chrome is)
    dates.py    the date lines and datelines of each source -> ISO 8601 with the UTC offset
    sources.py  a URL, path or name -> the source's short key and display name
    text.py     cleaning lines and URLs, stripping control characters
    parse.py    the entry point: `parse_file(path)` / `parse_bytes(data, path)`

Nothing here knows about caches, indexes or the interface; store/ calls `parse_file` in its workers.
"""
