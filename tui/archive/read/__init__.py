"""Reading: the bytes of one file -> an `Article` (or a `Rejection` saying why not).

    decode.py   bytes -> str (UTF-8, GBK, Big5, UTF-16; binary refused)
    shapes/     one module per file shape: sniff the text, pick its title, date, URL and HTML body
    html.py     an HTML body -> blocks in reading order: the tree and its root; htmlwalk.py the
                single pass over it; chrome.py what chrome is
    content.py  which part of a page is the article (WordPress entry-content, conversations)
    fallback.py the main text by density, for pages no shape rule understands
    datehints.py   platforms.py   dates from weaker evidence; platform channels (YouTube, ...)
    dates.py    the date lines and datelines of each source -> ISO 8601 with the UTC offset
    sources.py  a URL, path or name -> the source's short key and display name
    text.py     cleaning lines and URLs, stripping control characters
    parse.py    the entry point: `parse_file(path)` / `parse_bytes(data, path)`

Nothing here knows about caches, indexes or the interface; store/ calls `parse_file` in its workers.
"""
