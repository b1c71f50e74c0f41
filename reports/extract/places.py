"""Find place names in a page and decide which place a sentence speaks about.

Full names (圣泉街道, 江北区, 永嘉路社区) are looked up in the gazetteer at every administrative suffix. A name held
by several places is settled by the publication's region, then by a parent named right before it (锦江区锦官驿街道);
a name still ambiguous, or a bare common word (城区, 高新区), is no mention at all.

Short forms (圣泉, 江北) are only trusted for places whose full name the same page prints, or for the region's own
district: two-character place stems are ordinary words too often (红岩先锋 is not 先锋镇).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from .gazetteer import Gazetteer, Scope, town_kind
from .types import Place

# Names in the gazetteer that are also everyday words; only a parent named right before makes them places.
GENERIC_NAMES = frozenset(
    "城区 郊区 矿区 新区 市区 高新区 开发区 经开区 新城区 老城区 中心区 工业区 社区 小区 景区 园区 片区 街区 辖区 山区 "
    "林区 库区 老区 东区 西区 南区 北区 城关镇 城关街道 城关乡 新城街道 新村 中心村 城中村 "
    # planning words (小城镇人口, 重点中心镇, 卫星镇) that some towns are named
    "小城镇 中心镇 卫星镇".split()
)
_PARTNER_BEFORE = frozenset("与同跟赴")
# …of which these are districts' names in some cities (西安市新城区, 包头市昆都仑区…).
_DISTRICT_WORDS = frozenset("城区 郊区 矿区 新区 新城区 老城区 中心区 东区 西区 南区 北区".split())
SHORT_STOPWORDS = frozenset(
    "先锋 中山 城关 新华 人民 胜利 解放 和平 建设 光明 团结 红旗 东风 新城 城南 城北 城东 城西 城中 高新 开发 "
    "经开 新区 老城 中心 太平 长安 永安 兴隆 东城 西城 南城 北城 新村 花园 文化 民主 幸福 友谊 前进 红星 复兴 "
    "振兴 和谐 育才 工业 商业 滨江 江南 江北岸 河西 河东 城区 社区 新街 老街 大街 朝阳 向阳 红岩 新民 新建 新兴".split()
)
_SUFFIX = re.compile(r"街道|苏木|[镇乡区县市旗州盟村]|街(?![道头巷区坊面边])|办(?![事理法公])")
# What may follow a city's short name used for the city (广州全市, 广州:, 广州已建成…).
_CITY_SHORT_FOLLOW = frozenset(":：,、 \n在共已有的全将0123456789")
# 柳州加装电梯, 广州新增…: the city's short name as the subject of a verb of its work.
_CITY_SHORT_WORDS = ("全市", "市区", "城区", "加装", "新增", "新建", "建成", "完成", "实现", "累计", "持续", "打造",
                     "推进", "构建", "启动", "开展", "率先", "今年", "去年", "上半年", "前三季度")
# 截至10月底,今年杭州老旧小区新增…: the city's short name opening a clause after a time is its subject.
_CLAUSE_OPENING_TIME = re.compile(r"[\n,;:。!?](?:今年|去年|\d{4}\s*年(?:以来)?|目前|如今)[,\s]?$")
# (2022年南昌高新区, 邢台县: a longer name that starts with the city's short one.)
_LONGER_PLACE = re.compile(r"[\u4e00-\u9fff]{0,2}(?:区|县|市|镇|乡|街道|园)")
_MUNICIPALITIES = ("北京市", "上海市", "天津市", "重庆市")
_VENUES_AFTER = re.compile(r"(?:[、和及与][\u4e00-\u9fff]{1,8}?)*等(?:地|城市|省市|国家|地区)")
# Development zones: governed like districts, named after a city, often missing from the gazetteer.
ZONE_WORDS = ("高新技术产业开发区", "经济技术开发区", "经济开发区", "工业园区", "高新区", "开发区", "经开区", "新区",
              "园区", "示范区", "试验区", "实验区", "合作区", "管理区", "保税区")
# A town or subdistrict the gazetteer does not know (renamed, merged, newer than its data): a name opening a
# headline or a clause, ending in 街道/镇/乡. Taken only when the page names it at least twice or in a
# "<place>:" headline, and never from everyday words (全镇, 各乡镇, 特色小镇, 城乡).
_UNLISTED = re.compile(
    r"(?:^|(?<=[\n,;:。!?、“\s])|(?<=[\n,;:。!?]在)|(?<=\d年,))(?P<name>[\u4e00-\u9fff]{2,4}?(?:街道|镇|乡))"
    r"(?![镇乡村区长委政府党级域里内外])" + r"(?!(?<=乡)[风土亲愁贤情音邻味])"  # 党建引领乡风文明: 乡风 is a word
    r"(?!(?<=城乡)建设)"  # 市住房城乡建设委: urban and rural construction, no township
)
# A development zone or industrial park by its own name (保山产业园区, 寿县经济开发区, 红岛经济区).
_UNLISTED_ZONE = re.compile(
    r"(?:^|(?<=[\n,;:。!?、“\s])|(?<=[\n,;:。!?]在)|(?<=年,)|(?<=\d年))"
    r"(?P<name>[\u4e00-\u9fff]{2,8}?(?P<suffix>经济技术开发区|经济开发区|高新技术产业开发区|工业园区|产业园区|经济区|"
    r"高新区|经开区))"
)
_ZONE_SUFFIX = re.compile(r"经济技术开发区|经济开发区|高新技术产业开发区|工业园区|产业园区|经济区|高新区|经开区")
# Kinds of zones and parks, not names (省级经济开发区, 现代农业产业园区, 各工业园区, 县城工业园区).
_NOT_A_ZONE = re.compile(
    r"^(?:全|各|本|该|这|其|我|省级|国家级|市级|县级|区级|重点|特色|现代|农业|生态|循环|物流|科技|文化|旅游|创业|"
    r"创新|小微|民营|中小|乡镇|镇级|村级|工业|产业|示范|主|县城|城区|开发|新建|建设|入驻|进入|依托|推动|打造)"
    r"|[的和与及在是为了对向把将]|(?:农业|物流|科技|文化|旅游|创业|食品|化工|医药|电商|现代)$"
)
_AFTER_DISTRICT = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,4}?(?:街道|镇|乡))(?![镇乡村区长委政府党级域里内外])"
                             r"(?!(?<=乡)[风土亲愁贤情音邻味])")
_NOT_A_NAME = re.compile(
    # opening words: 全镇, 各乡镇, 特色小镇, 城乡, 相邻乡镇 …
    # a numeral opens a count (三镇, 两个乡镇, 十大街道) but also names (七圩镇, 三江镇, 九龙镇)
    r"^[两三四五六七八九十几多一](?:[个乡镇村街区县市家所座大小]|$)|"
    r"^(?:全|各|本|该|我|每|这|那|此|其|特色|建制|小|城|集|重|强|名|古|新|老|边|周边|"
    r"相邻|临近|附近|沿线|所在|乡|镇|村|市|县|区|城乡|农村|美丽|文明|卫生|示范|中心|特色小|历史文化名|全国|省级|市级|"
    r"县级|区级|街|街道|山区|库区|贫困|偏远|兄弟|其他|其余|周围|所辖|下辖|辖区|辖)"
    # anywhere: 目前全镇, 今年该镇, 实现乡镇; before the suffix: an epithet, time or verb
    # (商贸重镇, 华侨之乡, 上半年街道, 依托街道)
    r"|[全各本该每这那此其个名年由对向从与和及]|[重大强古小新老之]$|目前|现在|如今|当前|截至|实现|推进|建设|打造|乡镇|"
    r"依托|通过|围绕|推动|聚焦|坚持|组织|带领|发挥|联合|协调|指导|支持|帮助|全力|积极|完成|召开|经过"
    # 位列乡镇第一: a ranking among towns, and 乡镇 / 镇乡 themselves
    r"|位列|位居|排名|排在|列全|居全|[乡镇]$"
    # 未返乡人员: who has not come home, no township
    r"|返$|^未"
)
# 全旗 / 我旗: a banner of 内蒙古 is a county.
_GENERIC = re.compile(r"(?:全|我|本|该)(区|县|市|旗)(?![委场民容政级属直内外帜舰下])")
# 全省 / 全国: a level above every place the dashboard compares; its figures belong to none of them.
_WIDE = re.compile(r"(?:全|我|本)(省|国)(?![委级属直内外])")
_PROVINCE = re.compile(
    r"(?:(?:河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|"
    r"台湾)省?|内蒙古(?:自治区)?|广西(?:壮族自治区)?|西藏(?:自治区)?|宁夏(?:回族自治区)?|新疆(?:维吾尔自治区)?)"
    # 湖南路街道, 广东日报, 江西财经大学: a province's name inside another name.
    r"(?!路|街|道|籍|菜|人民|话|人|老乡|同乡|[\u4e00-\u9fff]{0,6}?(?:大学|学院|学校|医院|公司|集团|银行|日报|电视|"
    r"卫视|广播|研究院|研究所|协会|商会|中心|高速|农信|交通|厅|局))"
)
# 全镇 / 该街道 / 镇里 / a bare 街道 opening a clause: the subdistrict or town being written about, never a district.
_LOCAL = re.compile(
    r"(?:全|我|本|该|此)(街道|镇|乡)(?![长村区域级委政府干])|全(街)(?![巷头区坊面边道])|([镇乡])里(?![乡邻])(?=[\u4e00-\u9fff])|"
    r"(街道)|([镇乡])(?=党委|政府|人大|纪委)"
)
_LOCAL_KIND = {"街道": "subdistrict", "街": "subdistrict", "镇": "town", "乡": "township"}
_PLACE_SUFFIX_AFTER = ("街道", "镇", "乡", "区", "县", "市", "村", "社区")
_LONGER_NAME = re.compile(r"[\u4e00-\u9fff]{1,2}(?:街道|镇|乡)(?![长党委政府干])")
# 美丽宜居乡村 holds 宜居乡, 建设平安镇街 holds 平安镇: a one-character suffix that starts a word is no suffix.
_WORD_AFTER_SUFFIX = {
    "乡": set("村镇土愁贤亲情野间邻风里"), "镇": set("街村区域级"), "村": set("民级委居社组庄落集寨务干规"),
    "区": set("域县级委划间块位"), "县": set("域城级委区乡市"), "市": set("场民级委区县容政值面井"),
}
# 高台县城关镇: the county's seat town after the county, not the word 县城.
_SEAT_TOWN = re.compile(r"城(?:关|郊|厢|区|中|东|西|南|北)(?:镇|乡|街道)")
# 分乡镇来看 (a breakdown by town) holds 分乡镇, a town of 夷陵区.
_WORDS_HOLDING_NAMES = re.compile(r"分(?:乡镇|镇街|街镇)(?=来?看|情况|统计)|"
                                 r"文明村镇|文明乡镇|文明城镇|文明村居|美丽村镇|特色村镇|历史文化名镇|历史文化名村")
# Before a town or village of another district, a name that is really mentioned stands after a break or a
# preposition (在大足区龙水镇, 赴宜居乡, 与三河村) rather than inside a phrase.
_STRONG_BEFORE = re.compile(
    r"(?:^|[\s,;:。!?、()“”—]|在|赴|到|与|和|及|同|从|向|对|至|帮扶|结对|相邻的|毗邻的|邻近的|周边的)$"
)
# A CJK character that does not end a word before a name: the name is the tail of a longer one.
_EMBEDDED_BEFORE = re.compile(r"[\u4e00-\u9fff](?<![区县市镇乡在于和与及的对到从向由是为])")
_UNLISTED_HEAD = re.compile(r"[\u4e00-\u9fff]{1,4}")
_CLAUSE_BREAK = re.compile(r"[,;:。!?()\[\]|]")  # | divides the cells of a table printed as text
_SUBJECT_PREFIX = re.compile(
    r"^(?:本报讯|在|由|据|经|从|对|向|与|和|而|今年|去年|目前|当前|近年来|同时|此外|其中|另外|并|还|也|将|已|均|共|全|"
    r"[上下]半年|全年|前?[一二三四两]季度|截至\d{1,2}月底?|以来|年初|年底|年末|"
    r"据悉|据了解|截至目前|截至|[\s\d年月日底初]|\d{4}\s*年|\d{1,2}\s*[-—~至]\s*\d{1,2}\s*(?:月份?|季度)|"
    # 沈阳市人民政府披露大东区共改造…: the place after a verb of reporting is what is reported on
    r"[^,;。]{0,20}?(?:披露|获悉|了解到|获知|显示|透露)|"
    # GDP最多的为渝北区,为1293.35亿元: the place a ranking names first is what the figure after it is of
    r"[^,;。]{1,12}?(?:最高|最低|最多|最少|最大|最小|最快|最慢)的(?:是|为)|"
    # 位于渝东南板块的酉阳县,GDP增速…: a place introduced by where it lies
    r"(?:位于|地处|坐落于|坐落在)[^,;。]{1,16}?的)*$"
)
_ORG_AFTER = re.compile(
    # (以环翠区为中心: a verb between the place and 中心 makes the place no office's; 安溪四大中心市场 counts
    # the county's market towns.)
    r"^(?![一二三四五六七八九十两几多]大)(?:(?![为是的在以和与及])[\u4e00-\u9fff]){0,3}?(?:民政局|局|委员会|委|政府|党委|党工委|办事处|办|公司|法院|检察院|分局|中心|部门|部|团)"
)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    place: Place | None
    via: str  # full | short | village | generic | local | unlisted | wide (全省, 全国)
    generic: str = ""  # 区, 县 or 市 for 全区/我县/本市; the place kind a local word (全镇, 该街道) stands for


# Names of one zone: 万盛经开区 is the 万盛经济技术开发区, 南昌高新区 the 南昌高新技术产业开发区.
_ZONE_FAMILIES = (("经济技术开发区", "经济开发区", "经开区"), ("高新技术产业开发区", "高新区"))


def zone_names(zone: str) -> tuple[str, ...]:
    """The ways a page prints the zone a paper is for: its own name and its stem with each word of its family."""
    for family in _ZONE_FAMILIES:
        suffix = next((w for w in family if zone.endswith(w)), None)
        if suffix and len(zone) > len(suffix):
            return tuple(zone[: -len(suffix)] + w for w in family)
    return (zone,)


class PlaceFinder:
    def __init__(self, gazetteer: Gazetteer, scope: Scope | None, zone: Place | None = None):
        self.gazetteer = gazetteer
        self.scope = scope
        self.zone = zone  # the development zone the paper is for, which the gazetteer does not list
        self.zone_names = zone_names(zone.name) if zone is not None else ()
        self.villages = gazetteer.villages_in(scope) if scope and scope.city else {}
        self.village_lengths = gazetteer.village_lengths_in(scope) if scope and scope.city else {}
        self._lengths: dict[tuple[str, int], tuple[int, ...]] = {}
        self.streets = _streets(gazetteer, scope)
        self.short_streets = _short_streets(gazetteer, scope)
        self.street_lengths = sorted({len(n) for n in self.streets}, reverse=True)

    def find(self, text: str) -> list[Mention]:
        """Every place mention in ``text`` (a whole page), sorted by position."""
        scope = self.scope
        raw = self._full_candidates(text)
        mentions = self._resolve_all(text, raw, scope)
        if scope is None:
            scope = _dominant_scope(mentions)
            if scope is not None:
                self.villages = self.gazetteer.villages_in(scope) if scope.city else {}
                self.village_lengths = self.gazetteer.village_lengths_in(scope) if scope.city else {}
                self._lengths = {}
                raw = self._full_candidates(text)
                mentions = self._resolve_all(text, raw, scope)
        mentions += self._short_mentions(text, mentions, scope)
        mentions += self._unlisted(text, mentions, scope)
        taken = _Taken(mentions)
        mentions += [Mention(m.start(), m.end(), m.group(), None, "generic", "县" if m.group(1) == "旗" else m.group(1))
                     for m in _GENERIC.finditer(text) if not taken.overlaps(m.start(), m.end())]
        mentions += [Mention(m.start(), m.end(), m.group(), None, "wide", m.group(1))
                     for m in _WIDE.finditer(text) if not taken.overlaps(m.start(), m.end())]
        # 湖南实名注册志愿者达1289万人: a province as the subject is as wide as 全省. One printed right before the
        # place it holds (湖南省长沙市) only says where that lies.
        starts = {m.start for m in mentions if m.place is not None}
        mentions += [Mention(m.start(), m.end(), m.group(), None, "wide", "省")
                     for m in _PROVINCE.finditer(text) if not taken.overlaps(m.start(), m.end())
                     and m.end() not in starts]
        named = _Taken([m for m in mentions if m.place is not None or m.via == "generic"])
        for m in _LOCAL.finditer(text):
            if named.overlaps(m.start(), m.end()):
                continue
            kind = _LOCAL_KIND[next(g for g in m.groups() if g)]
            local = Mention(m.start(), m.end(), m.group(), None, "local", kind)
            # A bare 街道 is the place only as the subject of its clause (2023年,街道集聚企业…), not 各街道/两街道.
            # 镇党委下设基层党组织158个: the town's own office opening a clause.
            if (m.group(4) or m.group(5)) and (not is_subject(text, local, organs=False)
                                               or text[m.start() - 1:m.start()] in ("(", "/", "、")):
                continue  # 乡镇(街道)党工委, 镇/街道: a kind of office named in passing, not this one
            mentions.append(local)
        mentions.sort(key=lambda m: m.start)
        return _addressed(mentions)

    # -- names the gazetteer lacks --------------------------------------------------------------------------
    def _unlisted(self, text: str, mentions: list[Mention], scope: Scope | None) -> list[Mention]:
        """Mentions of a subdistrict or town missing from the gazetteer, placed in the publication's district
        (or city): without them its figures would fall to the district or to a neighbour named nearby."""
        if scope is None or not (scope.district or scope.city):
            return []
        known = {m.text for m in mentions}
        taken = _Taken(mentions)
        counts: dict[str, int] = {}
        names: set[str] = set()
        for m in _UNLISTED.finditer(text):
            name = m.group("name")
            stem = name[:-2] if name.endswith("街道") else name[:-1]
            # 新篁镇“十一五”工作总结…: the name the page's first line opens with is what the page is about, even
            # with a first character that usually starts an everyday word (新, 老, 城).
            opens_page = not text[:m.start("name")].strip() and len(stem) >= 2 and not stem.startswith(("全", "各"))
            if name in known or name in self.gazetteer.by_name or (_NOT_A_NAME.search(stem) and not opens_page) \
                    or stem in SHORT_STOPWORDS or taken.overlaps(m.start("name"), m.end("name")):
                continue
            line_start = text[m.start("name") - 1:m.start("name")] in ("", "\n")
            kicker = line_start and text.startswith((":", "：", "|", "丨"), m.end("name"))
            if kicker or opens_page or counts.setdefault(name, text.count(name)) >= 2:
                names.add(name)
        # 邹城市平阳寺镇位于…: a name printed right after its district (or county-level city) is that district's town.
        parents: dict[str, Place] = {}
        for d in mentions:
            if d.place is None or not d.place.is_district_level or not d.place.district:
                continue
            after = _AFTER_DISTRICT.match(text, d.end)
            if after is None:
                continue
            name = after.group("name")
            stem = name[:-2] if name.endswith("街道") else name[:-1]
            if name in known or name in self.gazetteer.by_name or _NOT_A_NAME.search(stem) \
                    or stem in SHORT_STOPWORDS or taken.overlaps(d.end, after.end()):
                continue
            names.add(name)
            parents.setdefault(name, d.place)
        out = []
        zones = self._unlisted_zones(text, mentions, known, taken)
        for canonical in set(zones.values()):
            place = unlisted_town(canonical, scope)
            for printed in [p for p, c in zones.items() if c == canonical]:
                for m in re.finditer(re.escape(printed), text):
                    if not taken.overlaps(m.start(), m.end()):
                        out.append(Mention(m.start(), m.end(), printed, place, "unlisted"))
        for name in names:
            parent = parents.get(name)
            place = unlisted_town(name, parent) if parent is not None \
                else self._listed_as(name, scope) or unlisted_town(name, scope)
            for m in re.finditer(re.escape(name), text):
                if not taken.overlaps(m.start(), m.end()):
                    out.append(Mention(m.start(), m.end(), name, place, "unlisted"))
        return out

    def _unlisted_zones(self, text: str, mentions: list[Mention], known: set[str], taken: _Taken) -> dict[str, str]:
        """保山产业园区实现工业总产值…, 青岛红岛经济区…: a development zone or industrial park the gazetteer lacks,
        named as the page prints it (after the city or county it lies in, if that stands before it), when the page
        names it twice or more. Its figures are the zone's, not its county's. Each printed form maps to the zone's
        name: its longest form the page prints (梅州经开区 and 梅州经济开发区 are one zone)."""
        found: dict[str, str] = {}
        ends = {m.end for m in mentions if m.place is not None}
        # Found from their suffixes, the name read in the few characters before each (one scan of the page).
        for suffix in _ZONE_SUFFIX.finditer(text):
            m = _UNLISTED_ZONE.search(text, max(0, suffix.start() - 8), suffix.end())
            if m is None or m.end() != suffix.end():
                continue
            name = m.group("name")
            # 青岛红岛经济区: the city printed before the zone only says where it lies.
            inner = next((e for e in range(m.start("name") + 2, m.end("name") - 3) if e in ends), None)
            if inner is not None and len(text[inner:m.start("suffix")]) >= 2:
                name = text[inner:m.end("name")]
            stem = name[: -len(m.group("suffix"))]
            if name in known or name in self.gazetteer.by_name or _NOT_A_ZONE.search(stem) \
                    or taken.overlaps(m.end("name") - len(name), m.end("name")):
                continue
            forms = [f for f in zone_names(name) if f in text] or [name]
            if sum(text.count(f) for f in forms) >= 2:
                canonical = max(forms, key=len)
                found.update({f: canonical for f in forms if f not in known})
        return found

    def _listed_as(self, name: str, scope: Scope) -> Place | None:
        """拉乌乡 for 拉乌彝族乡, 城月镇 for 城月镇人民政府: one listed place of the region whose name starts with
        the stem and ends with the same suffix."""
        stem, kind = (name[:-2], "subdistrict") if name.endswith("街道") else (name[:-1], town_kind(name))
        found = {p for p in self.gazetteer.towns_in(scope) if p.kind == kind and p.name.startswith(stem)
                 and p.name != name}
        return found.pop() if len(found) == 1 else None

    def _page_streets(self, text: str) -> tuple[dict[str, Place], list[int]]:
        """The one-character forms to look up on this page: 新华街 (two characters before 街 are mostly a street's
        name) only where the page also prints it after its district (花都区新华街), with its office (新华街党工委) or
        as the subject of where it lies (新华街位于…)."""
        confirmed = {}
        if self.short_streets and "街" in text:
            district = self.scope.district if self.scope is not None else None
            before = tuple(w for w in (district, district[:-1] if district and len(district) >= 3 else None) if w)
            for name, place in self.short_streets.items():
                if name in text and (any(w + name in text for w in before)
                                     or re.search(re.escape(name) + _STREET_OFFICE, text)):
                    confirmed[name] = place
        if not confirmed:
            return self.streets, self.street_lengths
        streets = self.streets | confirmed
        return streets, sorted({len(n) for n in streets}, reverse=True)

    def _name_lengths(self, last: str, longest: int) -> tuple[int, ...]:
        """Lengths, longest first, of the listed names and villages ending in ``last``: the only ones to look up."""
        key = (last, longest)
        lengths = self._lengths.get(key)
        if lengths is None:
            found = self.gazetteer.name_lengths_ending(last) | self.village_lengths.get(last, frozenset())
            lengths = self._lengths[key] = tuple(sorted((n for n in found if 2 <= n <= longest), reverse=True))
        return lengths

    # -- full names ------------------------------------------------------------------------------------------
    def _full_candidates(self, text: str) -> list[tuple[int, int, str, tuple[Place, ...], str]]:
        lookup = self.gazetteer.by_name
        villages = self.villages
        # Longer entries are farms and development zones with company-like names, never printed in full.
        longest = min(self.gazetteer.max_name_length, 12)
        out: list[tuple[int, int, str, tuple[Place, ...], str]] = []
        taken_until = -1
        # 省级文明村镇 holds 明村镇: a word that contains a place's name inside it is no mention of the place.
        inside_words = [(w.start(), w.end()) for w in _WORDS_HOLDING_NAMES.finditer(text)]
        streets, street_lengths = self._page_streets(text)
        for match in _SUFFIX.finditer(text):
            end = match.end()
            if match.group() in ("街", "办"):
                # X街 / X办 is a place only for the paper's own subdistricts: look those names up, nothing else.
                name = next((n for k in street_lengths if (n := text[end - k:end]) in streets), None)
                if name is not None and end - len(name) >= taken_until \
                        and not any(a < end - len(name) < b for a, b in inside_words):
                    out.append((end - len(name), end, name, (streets[name],), "full"))
                    taken_until = end
                continue
            found = None
            for length in self._name_lengths(text[end - 1], longest):
                start = end - length
                if start < taken_until or start < 0:
                    continue
                name = text[start:end]
                places = lookup.get(name)
                if places:
                    found = (start, end, name, places, "full")
                    break
                towns = villages.get(name)
                if towns and not _word_village(name, text[end:end + 1]):
                    found = (start, end, name, towns, "village")
                    break
            if found and any(a < found[0] < b for a, b in inside_words):
                continue
            if found is None and self.zone is not None:
                name = next((n for n in self.zone_names if text.startswith(n, end - len(n))), None)
                if name is not None and end - len(name) >= taken_until:
                    found = (end - len(name), end, name, (self.zone,), "full")
            # 西安市新城区: an everyday word right after a named parent is that parent's place (settled in _pick).
            # 城关街道 in 蒙城县's paper: an everyday name is the paper's own town where its district has one so named.
            own = found is not None and self.scope is not None and self.scope.district is not None \
                and any(self.scope.score(p) == 3 for p in found[3])
            # 高台县城关镇: an everyday name right after the district that has a town so named is that town.
            own = own or (found is not None and bool(out) and out[-1][1] == found[0]
                          and any(p.district == out[-1][2] and p.is_subdistrict_level for p in found[3]))
            if found and (_is_text(found[2]) or own or (found[2] in _DISTRICT_WORDS and out
                                                        and out[-1][1] == found[0] and out[-1][2].endswith("市"))):
                follow = text[found[1]:found[1] + 1]
                # X区划 is a word (行政区划), but a community 划分 its grids: X社区划分了12个网格.
                if follow and follow in _WORD_AFTER_SUFFIX.get(found[2][-1], ()) \
                        and not (found[2].endswith("社区") and follow == "划") \
                        and not _SEAT_TOWN.match(text, found[1]):
                    continue
                if follow == "道" and found[2][-1] in "县乡" and text[found[1] + 1:found[1] + 2] != "路":
                    continue  # 新建县道白石山至琵河: a county road (县道), not the old 新建县
                out.append(found)
                taken_until = found[1]
        return out

    def _resolve_all(self, text: str, raw, scope: Scope | None) -> list[Mention]:
        resolved: list[Mention] = []
        towns_named = {p for (_, _, _, places, via) in raw if via == "full" for p in places if len(places) == 1}
        # Districts the page names settle towns that several districts of the region have.
        districts_named = set()
        for _, _, name, places, _ in raw:
            district = _pick(name, tuple(p for p in places if p.is_district_level), scope, None, None)
            if district is not None:
                districts_named.add((district.city, district.name))
        # Without a region, a town and a district that several provinces share settle each other when the page
        # names both (长寿路街道 and 普陀区: the 长寿路街道 of 上海市普陀区).
        pairs = _named_pairs(raw) if scope is None else None
        for start, end, name, places, via in raw:
            prev = resolved[-1] if resolved else None
            # 淮南市高新区三和镇: a zone word the gazetteer cannot place may stand between a town and its city.
            parent = prev.place if prev and prev.place and (start - prev.end <= 1
                                                            or text[prev.end:start] in ZONE_WORDS) else None
            place = _pick(name, places, scope, parent, towns_named if via == "village" else None, districts_named)
            if len(places) > 1 and via == "full":
                # 宁波江北区: the short name of its city just before a name several cities share settles it.
                led = [p for p in places if p.city and p.city.endswith("市") and len(p.city) >= 3
                       and text.startswith(p.city[:-1], start - len(p.city) + 1)]
                if not led:
                    # 安徽蒙城城关街道: the short name of its county right before a name many counties share.
                    led = [p for p in places if p.is_subdistrict_level and p.district and len(p.district) >= 3
                           and p.district.endswith(("县", "市", "区")) and text.startswith(p.district[:-1],
                                                                                    start - len(p.district) + 1)]
                if len(led) == 1:
                    place = led[0]
            if place is None and pairs is not None and via == "full" and len(places) > 1:
                paired = [p for p in places if (p.city, p.district) in pairs]
                place = paired[0] if len(paired) == 1 else None
            if place is not None and place.is_subdistrict_level and scope is not None and scope.score(place) == 0 \
                    and _EMBEDDED_BEFORE.match(text[start - 1:start]):
                # 赛罕区兴安南路街道, unlisted, holds 南路街道 of another province: the whole name after the district
                # printed before it is a subdistrict of that district.
                place = None
                if prev is not None and prev.place is not None and prev.place.is_district_level \
                        and _UNLISTED_HEAD.fullmatch(text, prev.end, start):
                    name, start = text[prev.end:end], prev.end
                    place = unlisted_town(name, prev.place)
            strong_suffix = name.endswith(("街道", "社区"))
            if (place is not None and parent is None and place.is_subdistrict_level and not strong_suffix
                    and (scope is None or scope.score(place) < 3)
                    and not _STRONG_BEFORE.search(text[max(0, start - 4):start])
                    and not _has_sibling(place, towns_named)):
                place = None
            if place is None and via == "full" and scope is not None and scope.district \
                    and name.endswith(("街道", "镇", "乡")) and not any(p.city == scope.city for p in places) \
                    and text.count(name) >= 2:
                # 大同街道 in a 青白江区 paper, where the gazetteer knows only a 大同街道 of other cities (and the
                # renamed 大同镇 here): a subdistrict the page keeps naming is the paper's own.
                # (常郭镇, listed as the former 常郭乡, holds 郭镇 of 陕西: a name always printed after the same
                # character that cannot stand before a name is the tail of the page's longer one.)
                heads = {text[m.start() - 1:m.start()] for m in re.finditer(re.escape(name), text)}
                place = unlisted_town(name, scope)
                if len(heads) == 1 and _EMBEDDED_BEFORE.fullmatch(text[start - 1:start]):
                    name, start = text[start - 1:end], start - 1
                    # 其中城镇常住人口: 中城镇 of another province inside 其中 + 城镇, no name at all.
                    stem = name[:-2] if name.endswith("街道") else name[:-1]
                    place = None if _NOT_A_NAME.search(stem) else unlisted_town(name, scope)
            resolved.append(Mention(start, end, name, place, via))
        return resolved

    # -- short forms -----------------------------------------------------------------------------------------
    def _short_mentions(self, text: str, mentions: list[Mention], scope: Scope | None) -> list[Mention]:
        wanted: dict[str, set[Place]] = {}
        for m in mentions:
            if m.place is not None and m.via == "full" and m.place.kind != "city":
                for short in self.gazetteer.short_names(m.place):
                    wanted.setdefault(short, set()).add(m.place)
        if scope is not None and scope.city:
            # 广州全市…: a paper of a city or of one of its districts writes the city's short name.
            for place in self.gazetteer.lookup(scope.city):
                if place.kind == "city":
                    for short in self.gazetteer.short_names(place):
                        wanted.setdefault(short, set()).add(place)
        if scope is not None and scope.district:
            own = [p for p in self.gazetteer.lookup(scope.district) if p.city == scope.city]
            for place in own:
                for short in self.gazetteer.short_names(place):
                    wanted.setdefault(short, set()).add(place)
        # 2022年上海共完成加装电梯2303台: the four municipalities are written by their short names in any paper.
        for name in _MUNICIPALITIES:
            if name[:2] in text:
                for place in self.gazetteer.lookup(name):
                    if place.kind == "city":
                        wanted.setdefault(name[:2], set()).add(place)
        # 香洲、金湾和斗门三个行政区: the districts of the paper's city by their short names, in a list of them.
        listed: set[str] = set()
        if scope is not None and scope.city:
            for place in self.gazetteer.districts_of(scope.city):
                for short in self.gazetteer.short_names(place):
                    if short not in wanted and len(short) >= 2 and short in text:
                        wanted.setdefault(short, set()).add(place)
                        listed.add(short)
        table = {s: next(iter(ps)) for s, ps in wanted.items() if len(ps) == 1 and s not in SHORT_STOPWORDS}
        if not table:
            return []
        pattern = _alternation(tuple(sorted(table)))
        out = []
        taken = _Taken(mentions)
        for match in pattern.finditer(text):
            start, end = match.span()
            if taken.overlaps(start, end):
                continue
            short = match.group()
            follow = text[end:end + 2]
            if short in listed and not (text[start - 1:start] in _LIST_MARKS or follow[:1] in _LIST_MARKS):
                continue
            if table[short].kind == "city" and not (follow[:1] in _CITY_SHORT_FOLLOW
                                                   or any(follow.startswith(w) for w in _CITY_SHORT_WORDS)
                                                   or (_CLAUSE_OPENING_TIME.search(text, max(0, start - 8), start)
                                                       and not _LONGER_PLACE.match(text, end))):
                continue  # 杭州电子科技大学, 南昌高新区: a name that only starts with the city's
            if table[short].is_subdistrict_level and _LONGER_NAME.match(text, end):
                continue  # 中山路街道, 茶元头街道: a longer name that starts with a listed town's short one
            if any(follow.startswith(s) for s in _PLACE_SUFFIX_AFTER):
                other = next((short + s for s in _PLACE_SUFFIX_AFTER if follow.startswith(s)), "")
                if self.gazetteer.lookup(other) and table[short].name != other:
                    continue  # 三江镇 elsewhere is not 三江街道
                if table[short].kind in ("district", "county") and other.endswith(("镇", "乡", "街道")):
                    continue  # 防城镇 (listed or not) is a town named after 防城区, not the district
            out.append(Mention(start, end, short, table[short], "short"))
        return out


_LIST_MARKS = ("、", "和", "及", "与")


def _streets(gazetteer: Gazetteer, scope: Scope | None) -> dict[str, Place]:
    """五里桥街 for 五里桥街道, 拱辰办 for its office (拱辰街道办事处): the subdistricts of the paper's own district by
    their one-character forms (only there: elsewhere X街 is mostly a street, X办 an office of something else)."""
    if scope is None or not scope.district:
        return {}
    subdistricts = [p for p in gazetteer.towns_in(scope) if p.name.endswith("街道") and not p.name.endswith("街街道")]
    streets = {p.name[:-2] + "街": p for p in subdistricts if len(p.name) >= 5}
    return streets | {p.name[:-2] + "办": p for p in subdistricts}


def _short_streets(gazetteer: Gazetteer, scope: Scope | None) -> dict[str, Place]:
    """新华街 for 新华街道: the paper's own subdistricts with a two-character name, by their one-character form."""
    if scope is None or not scope.district:
        return {}
    return {p.name[:-2] + "街": p for p in gazetteer.towns_in(scope)
            if p.name.endswith("街道") and len(p.name) == 4 and not p.name.endswith("街街道")}


# (天塔街位于天津市河西区西南部: a profile opening with where the subdistrict lies names it as well.)
_STREET_OFFICE = r"(?:党工委|办事处|街道办|位于|地处)"


def _named_pairs(raw) -> set[tuple]:
    """(city, district) pairs that both a town and a district named on the page can be."""
    towns, districts = set(), set()
    for _, _, _, places, via in raw:
        if via != "full":
            continue
        for p in places:
            if p.is_subdistrict_level:
                towns.add((p.city, p.district))
            elif p.is_district_level:
                districts.add((p.city, p.district))
    return towns & districts


def _addressed(mentions: list[Mention]) -> list[Mention]:
    """莆田市城厢区 / 重庆市江津区圣泉街道: a place printed right after the place that holds it is one mention of the
    innermost place; the outer names only say where it lies, and must not become the subject of the clause."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if prev is not None and prev.end == m.start and prev.place is not None and m.place is not None \
                and prev.place != m.place and (prev.place.contains(m.place) or _zone_of(prev.place, m.place)):
            out[-1] = Mention(prev.start, m.end, prev.text + m.text, m.place, m.via, m.generic)
        else:
            out.append(m)
    return out


def _zone_of(outer: Place, inner: Place) -> bool:
    """重庆市万盛经开区: a zone the gazetteer cannot place, printed after a city or province, lies in it."""
    return inner.city is None and inner.name.endswith(ZONE_WORDS) and outer.kind in ("city", "province")


@lru_cache(maxsize=256)
def _alternation(names: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))


def _word_village(name: str, follow: str) -> bool:
    """新建社区养老服务驿站: a community named with an everyday word (新建, 幸福), run into the noun after it, is
    that word and the ordinary 社区."""
    stem = re.sub(r"(?:社区|村|居委会)$", "", name)
    return stem in SHORT_STOPWORDS and bool(follow) and "\u4e00" <= follow <= "\u9fff" and follow not in "的"


def _is_text(name: str) -> bool:
    return name not in GENERIC_NAMES


class _Taken:
    """The spans of some mentions, asked whether a span overlaps any of them: a binary search, not a scan of every
    mention for every match (quadratic on a page naming thousands of places)."""

    def __init__(self, mentions: list[Mention]):
        spans = sorted((m.start, m.end) for m in mentions)
        self.starts = [start for start, _ in spans]
        self.ends = [end for _, end in spans]
        self.longest = max((end - start for start, end in spans), default=0)

    def overlaps(self, start: int, end: int) -> bool:
        # Only a mention starting less than ``longest`` before ``start`` can reach past it.
        first = bisect.bisect_right(self.starts, start - self.longest)
        last = bisect.bisect_left(self.starts, end)
        return any(self.ends[i] > start for i in range(first, last))


def _pick(name: str, places: tuple[Place, ...], scope: Scope | None, parent: Place | None,
          towns_named: set[Place] | None, districts_named: set[tuple] | None = None) -> Place | None:
    if not places:
        return None
    if towns_named is not None:  # a village: answer with its town
        if len(places) > 1:
            named = [p for p in places if p in towns_named]
            places = tuple(named) if named else places
    if parent is not None:
        inside = [p for p in places if parent.contains(p)]
        if len(inside) == 1:
            return inside[0]
    if name in GENERIC_NAMES:
        return None
    if scope is not None:
        scores = [scope.score(p) for p in places]
        top = max(scores)
        if top > 0:
            best = [p for p, s in zip(places, scores, strict=True) if s == top]
            if len(best) > 1 and districts_named:
                best = [p for p in best if (p.city, p.district) in districts_named] or best
            return best[0] if len(best) == 1 else None
    if towns_named is not None:
        return None  # villages outside the region are too ambiguous to use
    if len(places) == 1 and len(name) >= 3:
        return places[0]
    return None


def _has_sibling(place: Place, towns_named: set[Place]) -> bool:
    """出动电城镇党员志愿服务队伍46支,博贺镇…: a town the page names beside another of its own district is meant as
    a place, even inside a phrase."""
    return any(p != place and p.is_subdistrict_level and p.district == place.district and p.city == place.city
               for p in towns_named)


def _dominant_scope(mentions: list[Mention]) -> Scope | None:
    cities = Counter((m.place.province, m.place.city) for m in mentions
                     if m.place is not None and m.place.kind != "city" and m.place.city)
    if not cities:
        return None
    (province, city), _ = cities.most_common(1)[0]
    return Scope(province=province, city=city)


def unlisted_town(name: str, parent: Place | Scope) -> Place:
    """A subdistrict or town the gazetteer lacks, in the district (and city, province) of ``parent``."""
    return Place(name=name, kind=town_kind(name), district=parent.district, city=parent.city,
                 province=parent.province, admin_code=None)


def is_subject(text: str, mention: Mention, organs: bool = True) -> bool:
    """Does the clause start with this place (after time words), or is it the place's own office speaking?
    With ``organs`` False only the position counts (各街道党工委 is no subject, 街道党工委 at a clause start is)."""
    if organs and _ORG_AFTER.match(text[mention.end:mention.end + 8]):
        return True
    head = text[max(0, mention.start - 40):mention.start]
    # A new paragraph starts a clause too (盐山镇辖59个行政村 after a list of towns without punctuation).
    line_start = "\n" in head
    if line_start:
        head = head.rsplit("\n", 1)[1]
    breaks = list(_CLAUSE_BREAK.finditer(head))
    prefix = head[breaks[-1].end():] if breaks else head
    if not breaks and not line_start and mention.start > 40:
        return False
    return bool(_SUBJECT_PREFIX.match(prefix.strip()))


# 打造全区首个“津新驿站”, 全区率先: a rank within the wider area, not a figure or a subject of it.
RANK_AFTER = re.compile(r"(?:首|第一|唯一|率先|最|前列|领先|排名|之最|仅有|独有|同类)")
# 东邻遥观,西接牛塘 / 与白水镇接壤: the places a place borders, named to say where it lies.
_NEIGHBOUR_BEFORE = re.compile(r"(?:[东南西北]|东南|东北|西南|西北)(?:邻|接|连|靠|临|界|与)$|"
                               r"(?:毗邻|相邻|紧邻|邻近|比邻)$")
_NEIGHBOUR_AFTER = re.compile(r"[、和及与\u4e00-\u9fff]{0,12}?(?:接壤|相邻|毗邻|交界|相连|为邻|相望)")


# 在全区网格工作的基础上: what the subject builds on or is led by, after 在.
_FRAME_AFTER = re.compile(r"[^,;。!?]{0,16}?(?:基础上|带动下|支持下|指导下|领导下|框架下|部署下)")
# 党家街道办事处位于济南市市中区西南部: the place that holds the subject, named to say where it lies.
# (Only higher names may stand between: 位于龙游县的湖镇镇 is the subject, not where it lies.)
_LOCATED_IN = re.compile(r"(?:位于|地处|坐落于|坐落在|地属|隶属于?)(?:[\u4e00-\u9fff]{1,10}?[省市州盟])?$")


def is_neighbour(text: str, mention: Mention) -> bool:
    """Is the mention one of the places the subject borders or lies in (东邻遥观, 北与金马镇毗邻, 位于市中区西南部)?"""
    if _NEIGHBOUR_BEFORE.search(text, max(0, mention.start - 3), mention.start) \
            or _LOCATED_IN.search(text, max(0, mention.start - 14), mention.start):
        return True
    if text[mention.start - 1:mention.start] not in ("与", "和", "同", "、"):
        return False  # 湖塘镇与遥观镇相邻: the subject is no neighbour of its own
    clause_end = _CLAUSE_BREAK.search(text, mention.end)
    end = clause_end.start() if clause_end else len(text)
    return bool(_NEIGHBOUR_AFTER.match(text, mention.end, end))


def is_organ(text: str, mention: Mention) -> bool:
    """Is the mention the name of the place's office (雁塔区委, 区民政局) rather than of the place?"""
    return bool(_ORG_AFTER.match(text[mention.end:mention.end + 8]))


def changes_place(text: str, mention: Mention) -> bool:
    """Whether a mention makes the numbers after it (in its sentence) belong to another place."""
    if text[mention.start - 1:mention.start] == "在" and _FRAME_AFTER.match(text, mention.end):
        return False  # 在全区网格工作的基础上,…划分微网格1082个: what the subject builds on, not the subject
    if text[mention.start - 1:mention.start] in _PARTNER_BEFORE:
        return False  # 与北京经济技术开发区开展战略合作: a partner of the subject, not the subject
    if _VENUES_AFTER.match(text, mention.end):
        return False  # 先后在天津、深圳、韩国首尔等地召开招商会: where the subject went, not the subject
    if mention.via in ("generic", "local", "wide"):
        # 全区率先试行…, 全市第一: a rank within the wider area, said of the place the text is about
        return is_subject(text, mention) and not (mention.text.startswith("全") and RANK_AFTER.match(text, mention.end))
    if mention.place is None:
        return False
    if mention.place.is_subdistrict_level:
        return True
    return is_subject(text, mention)


def generic_place(mention: Mention, context: Place | None, scope_place: Place | None,
                  gazetteer: Gazetteer) -> Place | None:
    """全区 / 我县 / 本市 → the district or city of the place being written about."""
    if mention.via == "local":
        return context if context is not None and context.kind == mention.generic else None
    base = context or scope_place
    if base is None:
        return None
    if mention.generic == "市" and scope_place is not None and scope_place.is_district_level \
            and scope_place.name.endswith("市"):
        return scope_place  # 我市 in the paper of a county-level city (浏阳市) is that city, not 长沙市
    if mention.generic in ("区", "县"):
        if base.is_district_level and not base.name.endswith(mention.generic) and scope_place is not None \
                and scope_place.is_district_level and scope_place.name.endswith(mention.generic):
            return scope_place  # 常宁市党政代表团来我县考察: 我县 in 祁东县's paper is no 市 its visitors come from
        if base.is_district_level:
            return base
        if mention.generic == "区" and scope_place is not None and scope_place.name.endswith(ZONE_WORDS):
            return scope_place  # 全区 in a zone's paper is the zone, whichever district holds its towns on paper
        if base.is_subdistrict_level and base.district:
            return gazetteer.district_of(base)
        if scope_place is not None and scope_place.is_district_level and base.contains(scope_place):
            return scope_place  # 全区 in a district's report that names its city first (成都市双流区…)
        return None
    if base.kind == "city":
        return base
    return next((p for p in gazetteer.lookup(base.city or "") if p.kind == "city"), None)
