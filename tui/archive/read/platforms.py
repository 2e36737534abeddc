"""Platform sources and their channels: YouTube, Medium, Matters, WeChat, Substack and the like.

On a platform, the source says little (26k articles all "YouTube"); a reader browses by channel
or author. `channel(source, url, author)` names it: the article's author, which is the name readers
know (`島民`, not `@islander`; a YouTube feed's author is the channel), else the handle in the URL
(`medium.com/@name`, `name.medium.com`, `matters.news/@name`, `name.substack.com`,
`youtube.com/@name`, `/channel/…`), else "". The archive groups a platform's articles by channel
under the platform (archive.py); a `source:` filter accepts the platform or the channel.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from .sources import host_of

#: Source keys of platforms: many independent channels/authors under one domain.
PLATFORMS = frozenset({"youtube", "medium", "matters", "wechat", "substack", "twitter", "telegram",
                       "facebook", "weibo", "blogspot", "wordpress.com", "vocus", "patreon", "podcast"})
_HANDLE = re.compile(r"^/(?:@|c/|user/|channel/|u/)([^/?#]{1,80})")
_SUBDOMAIN_PLATFORMS = ("medium.com", "substack.com", "blogspot.com", "wordpress.com")
_MAX = 60


def is_platform(source: str) -> bool:
    return source in PLATFORMS


def channel(source: str, url: str, author: str) -> str:
    """The channel or author of an article on a platform source; "" for other sources."""
    if source not in PLATFORMS:
        return ""
    return (" ".join(author.split()) or _from_url(url))[:_MAX]


def _from_url(url: str) -> str:
    host = host_of(url)
    for domain in _SUBDOMAIN_PLATFORMS:
        if host.endswith("." + domain):
            sub = host[: -len(domain) - 1]
            if sub not in ("www", "m", "cdn", "open"):
                return sub
    path = re.sub(r"^[a-zA-Z][\w+.-]*://[^/]+", "", url)
    m = _HANDLE.match(path)
    return unquote(m.group(1)) if m else ""
