"""Who published an article: domain -> (short key, display name, Latin label).

Evidence, strongest first: the article URL's domain; the publisher named in a body
dateline (`【大纪元…】`); the hosts the article's images come from; a folder name in the
file's path (weak: `pages/soh7/`, `articles/美国之音/`). Unknown domains fall back to their
registrable domain (`example.co.uk`) as both key and name.
"""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlsplit

import msgspec


class Source(msgspec.Struct, frozen=True):
    key: str
    name: str  # display name, usually Chinese: 美国之音
    label: str = ""  # Latin label for the tree and for typing without an IME: VOA

    @property
    def display(self) -> str:
        return f"{self.name} {self.label}" if self.label and self.label != self.name else self.name


_KNOWN: dict[str, tuple[str, str, tuple[str, ...]]] = {
    # key: (name, label, registrable domains)
    "voa": ("美国之音", "VOA", ("voachinese.com", "voanews.com", "voacantonese.com", "voatibetan.com")),
    "rfi": ("法广", "RFI", ("rfi.fr", "rfi.my")),
    "bbc": ("BBC中文", "BBC", ("bbc.com", "bbc.co.uk", "bbci.co.uk", "bbc.in")),
    "dw": ("德国之声", "DW", ("dw.com", "dw.de")),
    "epochtimes": ("大纪元", "Epoch Times", ("epochtimes.com", "epochtimes.com.tw", "dajiyuan.com",
                                          "epochweekly.com", "theepochtimes.com")),
    "ntdtv": ("新唐人", "NTDTV", ("ntdtv.com", "ntdtv.com.tw", "ntd.tv", "ntd.com")),
    "rfa": ("自由亚洲电台", "RFA", ("rfa.org",)),
    "soh": ("希望之声", "Sound of Hope", ("soundofhope.org", "soh.tw")),
    "secretchina": ("看中国", "Secret China", ("secretchina.com", "kanzhongguo.com", "visiontimes.com")),
    "nyt": ("纽约时报", "NYT", ("nytimes.com", "nytcn.me", "nyt.com")),
    "ft": ("FT中文网", "FT", ("ft.com", "ftchinese.com", "ftacademy.cn")),
    "reuters": ("路透", "Reuters", ("reuters.com", "reutersmedia.net")),
    "cdt": ("中国数字时代", "China Digital Times", ("chinadigitaltimes.net",)),
    "wechat": ("微信公众号", "WeChat", ("weixin.qq.com",)),
    "minghui": ("明慧网", "Minghui", ("minghui.org",)),
    "matters": ("Matters", "Matters", ("matters.news", "matters.town")),
    "medium": ("Medium", "Medium", ("medium.com",)),
    "paopao": ("泡泡", "Pao Pao", ("pao-pao.net",)),
    "youtube": ("YouTube", "YouTube", ("youtube.com", "youtu.be")),
    "substack": ("Substack", "Substack", ("substack.com",)),
    "iyouport": ("IYP", "IYouPort", ("iyouport.org",)),
    "chinafile": ("ChinaFile", "ChinaFile", ("chinafile.com",)),
    "initium": ("端传媒", "Initium", ("theinitium.com", "initiummedia.com")),
    "cna": ("中央社", "CNA", ("cna.com.tw",)),
    "zaobao": ("联合早报", "Zaobao", ("zaobao.com", "zaobao.com.sg")),
    "aboluowang": ("阿波罗新闻网", "Aboluowang", ("aboluowang.com",)),
    "twitter": ("Twitter", "X", ("twitter.com", "x.com")),
}
_BY_DOMAIN = {d: key for key, (_, _, domains) in _KNOWN.items() for d in domains}
#: Publisher names as written in datelines and mastheads (Simplified and Traditional).
_BY_NAME = {
    "大纪元": "epochtimes", "大紀元": "epochtimes", "新唐人": "ntdtv", "希望之声": "soh",
    "希望之聲": "soh", "看中国": "secretchina", "看中國": "secretchina", "明慧网": "minghui",
    "明慧網": "minghui", "美国之音": "voa", "美國之音": "voa", "自由亚洲电台": "rfa",
    "自由亞洲電台": "rfa", "德国之声": "dw", "德國之聲": "dw", "法广": "rfi", "法廣": "rfi",
    "法国国际广播电台": "rfi", "路透": "reuters", "中国数字时代": "cdt", "纽约时报": "nyt",
    "紐約時報": "nyt", "金融时报": "ft", "BBC": "bbc",
}
#: Hosts of the mirrors themselves: their URLs say nothing about the publisher.
_MIRRORS = ("github.com", "githubusercontent.com", "gfw-breaker.win", "weserv.nl", "archive.org",
            "archive.ph", "archive.today")
_SECOND_LEVEL = {"co", "com", "net", "org", "gov", "edu", "ac", "or", "ne", "go"}
_SRC = re.compile(r"""(?:src|href)\s*=\s*["']?((?:https?:)?//[^"'\s>]+)""", re.I)
_FOLDER_HINTS = (("soh", "soh"), ("epoch", "epochtimes"), ("ntd", "ntdtv"), ("rfa", "rfa"),
                 ("voa", "voa"), ("bbc", "bbc"), ("minghui", "minghui"), ("secretchina", "secretchina"))


def make(key: str) -> Source:
    name, label, _ = _KNOWN[key]
    return Source(key, name, label)


def display_name(key: str, name: str) -> str:
    """`美国之音 VOA` for a known key; else the name given, else the key (never raises)."""
    if key in _KNOWN:
        return make(key).display
    if key == UNKNOWN.key:
        return UNKNOWN.display
    return name or key


def registrable(host: str) -> str:
    """`www.bbc.co.uk` -> `bbc.co.uk`; `cn.nytimes.com` -> `nytimes.com` (no suffix list)."""
    labels = [part for part in host.lower().strip(".").split(".") if part]
    if len(labels) <= 2 or re.fullmatch(r"[\d.]+", host):
        return ".".join(labels)
    if labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def host_of(url: str) -> str:
    if not url:
        return ""
    if "://" not in url[:12]:
        url = "//" + url.lstrip("/")
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def known_key(host: str) -> str:
    """The known source key of a host, trying each parent domain ('' if unknown)."""
    parts = host.split(".")
    for i in range(len(parts) - 1):
        key = _BY_DOMAIN.get(".".join(parts[i:]))
        if key:
            return key
    return ""


def is_mirror(url: str) -> bool:
    host = host_of(url)
    return not host or any(host == m or host.endswith("." + m) for m in _MIRRORS) or bool(
        re.fullmatch(r"[\d.]+", host))


def from_url(url: str) -> Source | None:
    """The source of an article URL; a generic one for unknown domains; None for mirrors."""
    if is_mirror(url):
        return None
    host = host_of(url)
    key = known_key(host)
    if key:
        return make(key)
    domain = registrable(host)
    return Source(domain, domain, domain) if domain else None


def from_name(publisher: str) -> Source | None:
    """A publisher as named in a dateline (`大纪元`, `新唐人`) -> its source."""
    for name, key in _BY_NAME.items():
        if name in publisher:
            return make(key)
    return None


def from_text(html: str) -> Source | None:
    """The known source most of the page's images and links point to (not mirrors)."""
    votes: Counter[str] = Counter()
    for m in _SRC.finditer(html[:200_000]):
        if not is_mirror(m.group(1)):
            key = known_key(host_of(m.group(1)))
            if key:
                votes[key] += 1
    return make(votes.most_common(1)[0][0]) if votes else None


def from_path(path: str) -> Source | None:
    """Weak evidence: a folder named after a source (`pages/soh7/`, `articles/美国之音/`)."""
    folders = [part.lower() for part in re.split(r"[\\/]", path)[:-1]]
    for folder in reversed(folders):
        if folder in _BY_DOMAIN:
            return make(_BY_DOMAIN[folder])
        by_name = from_name(folder) if not folder.isascii() else None
        if by_name:
            return by_name
        for prefix, key in _FOLDER_HINTS:
            if re.fullmatch(rf"{prefix}\d*", folder):
                return make(key)
    return None


UNKNOWN = Source("unknown", "未知来源", "Unknown")


def identify(url: str = "", publisher: str = "", html: str = "", path: str = "") -> Source:
    """Best evidence first: URL domain, dateline publisher, image/link hosts, folder name."""
    by_url = from_url(url) if url else None
    if by_url and by_url.key in _KNOWN:
        return by_url
    return (from_name(publisher) if publisher else None) or (by_url) or from_text(html) or (
        from_path(path)) or UNKNOWN
