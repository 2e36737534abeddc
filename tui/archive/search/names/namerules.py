"""Patterns and heuristics behind `names`: what a gloss looks like, where a Chinese name starts,
what kind of thing a name denotes."""

from __future__ import annotations

import re
from collections.abc import Collection

from ..text.fold import fold
from .words import common_words

HAN = "\u4e00-\u9fff\u3400-\u4dbf"
DOTS = "·•・‧"
# A gloss is found from its parenthesis (cheap to scan for), then what precedes it is read back.
PAREN = re.compile(r"[（(](?P<inner>[^（）()\n]{0,99}[A-Za-z][^（）()\n]{0,99})[）)]")
BEFORE = re.compile(
    rf"(?:[“\"「『](?P<q>[^”\"」』\n]{{1,24}})[”\"」』]|《(?P<b>[^《》\n]{{1,30}})》"
    rf"|(?P<run>[{HAN}{DOTS}]{{2,40}}))[ \t]{{0,2}}$"
)
BOOK = re.compile(r"《([^《》\n]{2,24})》")
HAN_ONLY = re.compile(rf"[{HAN}]+")
HAN_RUN = re.compile(rf"(?=.*[{HAN}])[{HAN}{DOTS}0-9]+")
LATIN_NAME = re.compile(r"(?=.*[A-Za-z])[A-Z0-9][A-Za-z0-9.&'’+\-]*(?: [A-Za-z0-9.&'’+\-]+){0,7}")
ACRONYM = re.compile(r"[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*")
BARE_ACRONYM = re.compile(r"(?<![A-Za-z0-9.\-/])[A-Z][A-Z0-9]{1,5}(?:-[A-Z0-9]{1,3})?(?![A-Za-z0-9/])")
CREDIT = re.compile(r"(?i)\b(?:Getty|Adobe ?Stock|Shutterstock|iStock|Pixabay|Unsplash|Pexels|Dreamstime|"
                    r"Wikimedia|Public Domain)\b")  # a picture's source, never a gloss
CITED_YEAR = re.compile(r"^(?:1[89]|20)\d\d[a-z]?$")
ALSO = re.compile(r"^(?:又称|简称|或称|下称|亦称|全称|英文|英语|即)[：:]?\s*")

# A person's name ends a run of words like 美国国务卿安东尼·布林肯: cut after the last title.
ROLE = re.compile(
    "国务卿|总统|首相|总理|主席|大臣|外相|防长|外长|大使|顾问|主任|研究员|学者|夫人|领导人|负责人|"
    "发言人|记者|议员|教授|司令|官员|局长|书记|委员|会长|社长|董事长|总裁|经理|创始人|作家|律师|专家|"
    "分析师|博士|先生|女士|国王|女王|王子|总督|市长|州长|省长|候选人|对手|主播|编辑|作者|演员|导演|法官|"
    "特使|代表|成员|助理|秘书|将军|上将|中将|少将|上校|队长|评论员|人士|部长|厅长|署长|院长|校长|处长|"
    "(?<=[县镇村所科组团师军行司馆班舰船])长"  # (长 alone is also 长子 "eldest son": 长子小唐纳·川普)
)
_CUT_ALL = re.compile("[的在给对向被把从为将是了说称于但该据]|有(?![限线机])")  # (有线电视新闻网)
_LEAD = re.compile("^(?:根据|由于|关于|对于|包括|年代|如果|因为|随着|[的于和与及在被以而但该是据让])+")
_CUT_PERSON = re.compile("[的在给对向被把从为将是了说称与及跟、]|和(?=.{2})")
# Words that glosses attach to but that are not names (`研究（Farboodi et al）`, `我们（We）`).
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


GENERIC = _words("""我们 他们 她们 公司 组织 新闻 时代 政策 决定 朋友 方法 科学 通知 研究 政治 今日
    成立 报道 报告 文章 网站 媒体 政府 国家 中国 美国 日本 问题 事件 项目 计划 系统 技术 平台 症状
    东方 西方 邻居 衰退 英文 中文 英语 全称 简称 广播 时报 法案 协议 网络 杂志 示意图 资料图 照片
    视频 截图 主义 运动 運動 图片 来源 摄影 学生 學生 行动 行動
    美方 中方 港方 台方 日方 英方 外方 官方 双方""")
STOP_ACRONYMS = _words("""THE NO US OK AND OF TO IN IS IT ON BY WE MY BE AT OR AN SO DO IF UP AM PM
    TV HE ME YES NOT BUT ALL FOR YOU ARE WAS HAS NEW ONE GMT UTC CST EST AD BC ID CO APP
    GDP GNP CPI PMI CEO""")  # (the last: common nouns, not names)
COUNTRIES = ("中华人民共和国", "澳大利亚", "菲律宾", "新加坡", "日本", "美国", "中国", "英国", "韩国",
             "朝鲜", "台湾", "香港", "法国", "德国", "俄罗斯", "印度", "澳洲", "欧盟", "加拿大", "越南")
_COUNTRY_WORDS = re.compile(r"\b(?:U\.?S\.?A?|American?|Japan(?:ese)?|China|Chinese|British|UK|Australian?|"
                            r"Korean?|Taiwan(?:ese)?|Hong Kong|French|German|Russian?|Indian?)\b")
_ROMAJI = re.compile(r"(?:(?:[kgsztdnhbpmr]y?|sh|ch|ts|[jfwy])?[aeiou]|n)+")
_STOP = {"for", "and", "of", "the", "a", "an", "on", "in", "at", "to", "&"}
_ORG_EN = re.compile(r"\b(?:Center|Centre|Institute|University|College|Company|Corporation|Corp|Inc|Ltd|"
                     r"Group|Council|Agency|Association|Foundation|Bank|Party|Steel|Department|Ministry|"
                     r"Committee|Commission|News|Times|Post|Voice|Forum|Office|Fund|Organi[sz]ation|"
                     r"Army|Navy|Force|Command|Bureau|Court|Parliament|Congress|Senate)\b")
_ORG_ZH = re.compile("(?:公司|集团|中心|研究所|研究院|大学|学院|协会|委员会|银行|组织|联盟|基金会|之音|之声|"
                     "电台|电视台|通讯社|新闻社|社|报|局|部|署|院|党|军|政府|议会|智库|司令部|法院|论坛)$")
_AGREEMENT_ZH = re.compile("(?:协议|协定|条约|公约|宣言|声明|法案|议定书|备忘录|伙伴关系|框架|法|规定|条例|"
                           "计划|倡议|战略|机制)$")
_AGREEMENT_EN = re.compile(r"\b(?:Agreement|Treaty|Pact|Accord|Convention|Act|Declaration|Partnership)\b")
_PLACE_ZH = re.compile("(?:省|市|县|州|岛|湾|海峡|群岛|半岛|山|河|湖)$")
_PLACE_EN = re.compile(r"\b(?:Islands?|Sea|Strait|City|Province|Bay|Peninsula|River|Mountains?)\b")


_NOT_IN_KEY = re.compile(rf"[\s{DOTS}.\-_《》]")


def alias_key(alias: str) -> str:
    """How aliases are compared: folded, without spaces, dots, hyphens and title brackets (《共同社》
    is 共同社)."""
    return _NOT_IN_KEY.sub("", fold(alias))


def clean_quoted(text: str) -> str:
    return " ".join(text.split())


_ORDINAL = re.compile("^第[一二三四五六七八九十百千0-9０-９]+[代届屆次期]")


def words_end_to_end(key: str) -> bool:
    """Whether `key` is common words of the language end to end (国际|广播电台, 一个|问题)."""
    common = common_words()
    ends = {0}
    for i in range(1, len(key) + 1):
        if any(j in ends and key[j:i] in common for j in range(max(0, i - 4), i - 1)):
            ends.add(i)
    return len(key) in ends


def plausible(zh: str) -> bool:
    """A Chinese name worth keeping: two Chinese characters or more, not a common word, not an
    ordinal (第五代 "the fifth generation", glossed 5G)."""
    name = zh.lstrip("?")
    if sum(1 for ch in name if "\u3400" <= ch <= "\u9fff") < 2 or name in GENERIC or _ORDINAL.match(name):
        return False
    return not any(not part for part in re.split(f"[{DOTS}]", name))


_PLACE_PREFIX = re.compile(
    "^《?(?:香港版|港版|港区|港區|香港|中国|中國|中共|北京|美国|美國|台湾|臺灣|台灣)(?=..)")


_TITLE = ROLE.pattern.removesuffix("|(?<=[县镇村所科组团师军行司馆班舰船])长")  # (长 alone starts 长江)
_ROLE_EDGE = re.compile(f"^(?:{_TITLE})(?=..)|(?<=..)(?:{_TITLE})$")


def with_role(name: str) -> bool:
    """Whether a title word starts or ends `name` beside two characters or more (川普总统, 总统川普,
    中共总书记; not 总统府)."""
    return _ROLE_EDGE.search(name) is not None


def without_place(name: str) -> str:
    """An agreement's or a law's name without the place it is of (香港国安法 -> 国安法, 《香港國安法》
    -> 國安法》): the same law, named long or short."""
    return _PLACE_PREFIX.sub("", name)


def strip_lead(name: str) -> str:
    rest = _LEAD.sub("", name)
    return rest if len(rest) >= 2 else name


def is_japanese(latin: str) -> bool:
    words = latin.lower().split()
    return len(words) == 2 and all(_ROMAJI.fullmatch(w) for w in words)


def looks_person(latin: str) -> bool:
    words = latin.split()
    return (1 <= len(words) <= 4 and not ACRONYM.fullmatch(latin)
            and not _STOP & {w.lower() for w in words} and not _ORG_EN.search(latin)
            and not _AGREEMENT_EN.search(latin) and not _PLACE_EN.search(latin)
            and all(w[0].isupper() and not w.isupper() for w in words if w.lower() not in _STOP))


def trim_run(run: str, latin: str) -> tuple[str, bool]:
    """The Chinese name at the end of a run of Chinese text before a gloss, and whether a person.

    The boolean is False for organisations etc.; a person's name that could only be cut by length
    is returned with a leading `?` so that merging can prefer a better-attested alias.
    """
    words = latin.split()
    person = looks_person(latin) and (len(words) > 1 or any(d in run[-8:] for d in DOTS))
    if not person:
        name = strip_lead(_CUT_ALL.split(run)[-1])
        for country in COUNTRIES:
            rest = len(name) - len(country)
            if (name.startswith(country) and rest >= 3 and not _COUNTRY_WORDS.search(latin)
                    and not words_end_to_end(name[len(country):])):  # (法国|国际广播电台: RFI)
                name = name[len(country):]
                break
        if _ORG_ZH.search(name) or _AGREEMENT_ZH.search(name) or ACRONYM.fullmatch(latin):
            return name, False
        return (name if len(name) <= 12 else ""), False
    roles = list(ROLE.finditer(run))
    if roles and 2 <= len(run) - roles[-1].end() <= 10:
        return strip_lead(_CUT_PERSON.split(run[roles[-1].end():])[-1].strip(DOTS)), True
    name = strip_lead(_CUT_PERSON.split(run)[-1])
    if any(d in name for d in DOTS):
        first, _, tail = name.strip(DOTS).partition("·")
        return (first[-3:] + "·" + tail) if len(first) > 3 else name, True
    if _ORG_ZH.search(name) or len(name) > 8:
        return "", True
    width = 4 if is_japanese(latin) else 3
    return ("?" + name) if len(name) <= width else "", True


def kind_of(zh: str, latin: str) -> str:
    if _AGREEMENT_ZH.search(zh) or _AGREEMENT_EN.search(latin):
        return "agreement"
    if _ORG_ZH.search(zh) or _ORG_EN.search(latin):
        return "organisation"
    if _PLACE_ZH.search(zh) or _PLACE_EN.search(latin):
        return "place"
    return "other"


def initials(latin: str) -> str:
    """`Center for Strategic and International Studies` -> `CSIS` (three capitalised words or more)."""
    words = latin.split()
    caps = [w for w in words if w.lower() not in _STOP]
    if len(caps) < 3 or not all(w[0].isupper() for w in caps) or ACRONYM.fullmatch(latin):
        return ""
    return "".join(w[0] for w in caps)


def org_short(zh: str) -> str:
    for suffix in ("股份有限公司", "有限公司", "公司", "集团"):
        if zh.endswith(suffix) and len(zh) - len(suffix) >= 2:
            return zh[: -len(suffix)]
    return ""


_FUNCTION_CHARS = set("当让令向对给跟同随经由为将把从若因使和与及在被以而但该是据的于自")


def _sentence_words(prefix: str) -> bool:
    """Whether what precedes a known name in a longer alias is words of a sentence: a common word
    or a title ending it (如果, 维护, 参选人), a function character, not a given name (乔·)."""
    if prefix[-1:] in DOTS:  # 麦克·蓬佩奥: a given name before the surname
        return False
    return bool(prefix) and (_LEAD.fullmatch(prefix) is not None or prefix in _FUNCTION_CHARS
                             or ROLE.search(prefix) is not None
                             or any(prefix[i:] in common_words() for i in range(len(prefix) - 1)))


def fragment(name: str, known: set[str]) -> bool:
    """Whether a Chinese alias is words of a sentence before a known name (由中华人民共和国,
    华裔和中国共产党, 一位来自华盛顿州): read back from a parenthesis, not a name of its own."""
    for i in range(1, len(name) - 1):
        if name[i:] in known and (name[i - 1] in _FUNCTION_CHARS or _LEAD.fullmatch(name[:i])):
            return True
    return False


def prefixed(name: str, aliases: Collection[str], names: Collection[str]) -> bool:
    """Whether a Chinese alias is one or two characters of its sentence before another alias of
    the same entity (战者乔·拜登, 党彭斯, 接受福克斯新闻台): not a given name before a dot (乔·拜登,
    乔拜登 beside 乔·拜登), a known name (`names`: 香港国安法, 中华民国) or a place (港区国安法)."""
    for cut in (1, 2):
        head, other = name[:cut], name[cut:]
        if len(other) < 2 or other not in aliases or other.isascii():
            continue
        if (head[-1] in DOTS or fold(head) in names or _PLACE_PREFIX.match(name)
                or any(head + d + other in aliases for d in DOTS)):
            continue
        return True
    return False


def drop_guessed_prefixes(names: list[str], others: list[str], person: bool = True) -> list[str]:
    """Drop names guessed by length (marked `?`), or any name of a non-person, when another alias
    ends them (`当地…低于世界卫生组织` goes, `世界卫生组织` stays)."""
    sure = [n for n in names if not n.startswith("?")] + others
    out: list[str] = []
    for n in names:
        if n.startswith("?") or not person:
            n = n.lstrip("?")
            if any(len(s) >= 2 and s != n and n.endswith(s) for s in sure):
                continue
        elif any(len(s) >= 2 and s != n and n.endswith(s) and _sentence_words(n[: -len(s)]) for s in sure):
            continue  # 如果乔·拜登, 维护拜登, 参选人川普: words of the sentence before a name
        if n not in out:
            out.append(n)
    return out


def holds_another(name: str, aliases: Collection[str], person: bool) -> bool:
    """Whether a Chinese alias is another alias of the same entity after words of its sentence
    (川普夫妇双双诊断出中共病毒, 接受福克斯新闻台, 子小唐纳·川普, 中共政协会议): read back from a
    parenthesis, it finds nothing the shorter alias does not. A longer form of the name (奥库斯协议,
    福克斯新闻网), the place a law or a body is of (香港国安法), and a person's given name before a
    dot (乔·拜登, 唐纳德·川普, and 乔拜登 beside it) are not such words."""
    key = alias_key(name)
    for other in aliases:
        inner = alias_key(other)
        if other.isascii() or len(inner) < 2 or inner == key or inner not in key:
            continue
        head, _, tail = key.partition(inner)
        if not head or (not tail and _PLACE_PREFIX.match(key)):
            continue
        if person and not tail and len(head) <= 3 and (
                any(d in name for d in DOTS) or any(name[:len(head)] + d + name[len(head):] in aliases
                                                    for d in DOTS)):
            continue  # a given name and a surname
        return True
    return False
