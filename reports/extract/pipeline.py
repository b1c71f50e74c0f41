"""The extractor: page text in, articles, facts and initiatives out."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, localcontext
from functools import cached_property, lru_cache

from . import articles as art
from .catalogue import Catalogue, MetricSpec, default_catalogue
from .gazetteer import Gazetteer, Scope, default_gazetteer
from .initiatives import find_initiatives, is_place_slogan
from .layout import Paragraph, paragraphs
from .metrics import Recognition, accepts, clause_bounds, is_decline, match_metric, recognize
from .normalize import Normalized, normalize
from .places import RANK_AFTER, ZONE_WORDS, Mention, PlaceFinder, changes_place, is_neighbour, is_subject
from .quantities import Quantity, find_quantities
from .tables import find_tables, row_sentence
from .types import ArticleResult, Extraction, FactResult, InitiativeResult, Place
from .years import YearMention, default_year, lead_year, looks_back, nearest_year, title_year, written_on, year_mentions

EXTRACTOR_VERSION = "2026.12.16.1"

# A sentence ends at its stop, or at a bullet dash of a list run into one line (…目标迈进 [7] - 新增经营主体1.8万户).
# 实现了跨越式发展.2011年,全镇…: an ASCII full stop right after a Chinese character ends a sentence too (a decimal
# point stands between digits).
_SENTENCE = re.compile(r"[^。!?]*?(?:[。!?]+[\"'”’」』)]*|\s-\s|$)")
_ASCII_STOP = re.compile(r"[\u4e00-\u9fff]\.[\u4e00-\u9fff\d“]")  # (rare: most paragraphs skip the slower pattern)
_SENTENCE_ASCII = re.compile(r"[^。!?]*?(?:[。!?]+[\"'”’」』)]*|(?<=[\u4e00-\u9fff])\.(?=[\u4e00-\u9fff\d“])|\s-\s|$)")
_WAN = Decimal(10000)
_ATTRIBUTIVE = re.compile(r"\s*(?:级|量级|新闻发布会|发布会|"
                          # 进入GDP超300亿元的俱乐部, 跻身千亿元城市行列: a club of places, not the figure of one.
                          r"的?[\u4e00-\u9fff]{0,4}?(?:俱乐部|行列|阵营|梯队)|"
                          # 投资3亿元的数控设备项目: the money of one project, which it describes.
                          # (钱江摩托年产30万辆摩托车项目: the project's name may hold figures of its own.)
                          r"的[^,;:。!?()]{0,24}?(?:项目|工程)"
                          # 引进投资1000万元以上工业项目17个: a size class of projects or firms.
                          r"|(?<=以上)的?[\u4e00-\u9fff]{0,6}?(?:项目|工程|企业)"
                          # 引进投资1亿元高安超峰新能源有限公司…项目: the money of one firm's project.
                          r"|[\u4e00-\u9fff]{2,16}?(?:有限公司|有限责任公司|股份公司))")
_AS_OF = re.compile(r"(?:截至|截止|至)$")
_CHANGE_TO = re.compile(r"(?:增加|增长|提高|提升|上升|下降|减少|调整|扩大|发展|突破)?(?:到|至|为)")
_ACTION_ON_COMMUNITIES = re.compile(r"(?:建成|建立|建设|新建|组建|打造|成立|设立|覆盖|走访|联系|包联|结对|帮扶|深入|"
                                    r"进入|下沉|推动|推进|指导|组织|依托|发动|实现|开展|所有|全部|各个|多个|部分)")
# 黑龙江省齐齐哈尔市…: the province an address opens with.
_PROVINCE_OPENING = re.compile(r"\s*[\u4e00-\u9fff]{2,3}(?:省|自治区)")
# A community named only by a common noun as the subject of a clause: 该村划分3个网格, 社区将辖区划分为…
_COMMUNITY_SUBJECT = re.compile(
    r"^[\s“]*(?:目前|现在|如今|去年|今年|同时|此外)?\s*"
    r"(?P<who>(?:该|本|全|这个|(?:我们|咱们)[\u4e00-\u9fff]{0,4}?)?(?:社区|村|居民区|小区)(?:里)?"
    # 泾渭观澜社区共有网格员8人: a community the gazetteer does not know, named as the subject
    # (通山县将全县社区划分为…: a name holds no disposal mark or a county's or town's name before 社区.)
    r"|(?![各全每所该本我辖农乡城在])(?:(?![将把对向的县区市镇乡])[\u4e00-\u9fff]){2,6}?(?<![农乡城新])(?:社区|村)"
    r"(?![民委级镇]))"
    r"(?:网格|党总支部?|党委|党支部|居委会)?(?:共|已|还|也|都|先后)?"
    r"(?:将|把|划分|划了|划|设置|设立|设|建立|建成|建|配备|配|共有|现有|有|组建|成立|下设|下辖)"
)
_BARE_COMMUNITY = {"社区", "村", "居民区", "小区", "社区里", "村里"}
_OFFICE = re.compile(r"党总支|党委|党支部|居委会")
_SUBJECTLESS = re.compile(r"^\s*(?:共有|现有|拥有|有|共|划分|设|建有|建立|组建|配备|按照?|依据|根据)")
# 全村50名网格员迅速行动: a village's own count, right after 全村/该村.
_WHOLE_COMMUNITY = re.compile(r"[\s“]*(?P<who>(?:全|该|本)(?:村|社区))(?=\s*[\d一二三四五六七八九十两])")
# (王阔说,)在中山社区,像他这样的网格员有11名: a community the gazetteer does not know, fronted as the topic.
_FRONTED_COMMUNITY = re.compile(r"[\s“]*(?:[\u4e00-\u9fff]{2,4}(?:说|介绍|表示)[,:]\s*)?"
                                r"(?:(?:另外|此外|同时|而)[,\s]*)?在(?P<who>(?![各全每所该本我辖农乡城])"
                                r"[\u4e00-\u9fff]{2,6}?(?<![农乡城新])(?:社区|村)),")
# How far into a paragraph the place it opens with may stand (会泽县纸厂乡位于…).
_PARAGRAPH_OPENING_CHARS = 16
# What may open a sentence before a community that is its topic: 在周庄村,… / 上京村划分了… / 此外,在河西社区,…
# (欧梦婕所在的湖景社区有9个网格: the community someone works in.)
_TOPIC_OPENING = re.compile(r"[\s“]*(?:(?:另外|此外|同时|比如|例如|而)[,\s]*)?"
                            r"(?:在|以|我们|咱们|[\u4e00-\u9fff]{1,6}所在的)?\s*")


@dataclass(frozen=True)
class Limits:
    """Caps on the work one page may ask for; what lies beyond is left out with a warning, not an error.

    An issue of a district paper is a few tens of thousands of characters in a few dozen articles: these caps
    are far above any real one and keep a hostile or mistaken file from filling the database.
    """

    max_chars: int = 1_000_000
    max_article_chars: int = 100_000
    # The database numbers articles of an issue with a small integer (at most 32,767).
    max_articles: int = 2_000


@dataclass(frozen=True)
class ExtractConfig:
    published: date | None = None
    region: str | None = None
    limits: Limits = Limits()
    gazetteer: Gazetteer = field(default_factory=default_gazetteer, compare=False, repr=False)
    catalogue: Catalogue = field(default_factory=default_catalogue, compare=False, repr=False)
    # Noun phrases reviewers assigned to a metric ((phrase, metric key), …): a figure the catalogue leaves unnamed
    # whose phrase is one of them is read as that metric from then on.
    synonyms: tuple[tuple[str, str], ...] = ()


def default_config(*, published: date | None = None, region: str | None = None,
                   synonyms: tuple[tuple[str, str], ...] = ()) -> ExtractConfig:
    """A configuration sharing the process-wide gazetteer and catalogue (both built once, then cached)."""
    return ExtractConfig(published=published, region=region or None, gazetteer=default_gazetteer(),
                         catalogue=default_catalogue(), synonyms=tuple(synonyms))


@lru_cache(maxsize=64)
def _scope(gazetteer: Gazetteer, region: str | None, reading: Scope | None = None) -> tuple[Scope | None, Place | None]:
    scope = reading or gazetteer.scope_for(region)
    if scope is None:
        # 济宁经济技术开发区, 南昌高新区: a zone governed like a district but missing from the gazetteer is still
        # the place its own paper's 全区 means.
        if region and region.endswith(ZONE_WORDS):
            # 淮南高新区: a zone named after its city lies in that city, whose towns the page may name.
            city = next((c for n in (3, 2) for c in gazetteer.lookup(region[:n] + "市") if c.kind == "city"), None)
            if city is not None:
                return (Scope(province=city.province, city=city.name),
                        Place(name=region, kind="district", district=region, city=city.name, province=city.province))
            return None, Place(name=region, kind="district")
        return None, None
    if scope.district:
        place = gazetteer.district_of(scope)
    elif scope.city:
        place = next((p for p in gazetteer.lookup(scope.city) if p.kind == "city"), None)
    else:
        place = None
    return scope, place


def _unplaced_region(gazetteer: Gazetteer, region: str | None) -> Place | None:
    """通州区 of 北京 or of 南通, on a page that never says which: its towns stay unknown, but the paper's own 全区
    is still 通州区, whichever city it lies in."""
    if not region or not region.strip():
        return None
    region = region.strip()
    kinds = {p.kind for p in gazetteer.lookup(region)}
    if len(kinds) == 1 and kinds <= {"district", "county", "city"}:
        return Place(name=region, kind=kinds.pop())
    if not kinds and len(region) >= 3 and region.endswith(("区", "县", "旗")) and not gazetteer.readings_of(region):
        # 万盛区 or 双桥区 after their abolition: a district the gazetteer no longer lists is still what its own 全区
        # means.
        return Place(name=region, kind="county" if region.endswith(("县", "旗")) else "district")
    return None


@dataclass
class _Page:
    norm: Normalized
    paras: list[Paragraph]
    offsets: list[int]
    text: str

    def to_source(self, doc_start: int, doc_end: int) -> tuple[int, int]:
        """Offsets in the page text → offsets in the caller's original text."""
        return self._norm_offset(doc_start, False), self._norm_offset(doc_end - 1, True)

    def _norm_offset(self, doc_pos: int, after: bool) -> int:
        i = max(0, bisect.bisect_right(self.offsets, doc_pos) - 1)
        k = doc_pos - self.offsets[i]
        for start, end in self.paras[i].spans:
            if k < end - start:
                n = start + k
                break
            k -= end - start
        else:
            start, end = self.paras[i].spans[-1]
            n = end - 1
        src = self.norm.source
        if not src:
            return 0
        n = min(max(n, 0), len(src) - 1)
        return src[n] + 1 if after else src[n]


def _page(text: str) -> _Page:
    norm = normalize(text)
    paras = paragraphs(norm.text)
    offsets = []
    pos = 0
    for p in paras:
        offsets.append(pos)
        pos += len(p.text) + 1
    return _Page(norm, paras, offsets, "\n".join(p.text for p in paras))


def extract(text: str, *, config: ExtractConfig) -> Extraction:
    """Run every stage over one page of text."""
    if not isinstance(text, str):
        raise TypeError("extract() takes the decoded text of a page; use decode_bytes() for bytes")
    limits = config.limits
    warnings = []
    if len(text) > limits.max_chars:
        warnings.append(f"正文有 {len(text):,} 字，超过每期 {limits.max_chars:,} 字的上限，"
                        f"只处理了前 {limits.max_chars:,} 字。如确需全部导入，请把文件拆成几份分别上传。")
        text = text[:limits.max_chars]
    page = _page(text)
    if not page.paras:
        return Extraction(version=EXTRACTOR_VERSION, warnings=tuple(warnings))
    gazetteer, catalogue = config.gazetteer, config.catalogue
    scope, scope_place = _scope(gazetteer, config.region)
    if scope is None and scope_place is None:
        # 江北区 is a district of 重庆 and of 宁波: the page's own names tell which.
        reading = gazetteer.reading_named_in(config.region, page.text)
        if reading is not None:
            scope, scope_place = _scope(gazetteer, config.region, reading)
        else:
            scope_place = _unplaced_region(gazetteer, config.region)
    zone = scope_place if scope_place is not None and scope_place.name.endswith(ZONE_WORDS) else None
    mentions = PlaceFinder(gazetteer, scope, zone).find(page.text)
    by_para: list[list[Mention]] = [[] for _ in page.paras]
    for m in mentions:
        i = bisect.bisect_right(page.offsets, m.start) - 1
        by_para[i].append(m)
    ctx = art.Context(page.paras, page.offsets, page.text, by_para, scope_place, gazetteer)

    results, facts, initiatives = [], [], []
    seen_facts, seen_initiatives = set(), set()
    synonyms = {phrase: spec for phrase, key in config.synonyms if (spec := catalogue.get(key)) is not None}
    spans = art.split(ctx)
    if len(spans) > limits.max_articles:
        warnings.append(f"分出 {len(spans):,} 篇文章，超过每期 {limits.max_articles:,} 篇的上限，"
                        f"只处理了前 {limits.max_articles:,} 篇。如确需全部导入，请把文件拆成几份分别上传。")
        spans = spans[:limits.max_articles]
    shortened = 0
    article_starts: list[int] = []
    for index, (first, last) in enumerate(spans):
        a_start = page.offsets[first]
        article_starts.append(a_start)
        # Paragraphs past the article's character cap are left out (the first one is always kept).
        kept = next((i for i in range(first + 1, last)
                     if page.offsets[i] + len(page.paras[i].text) - a_start > limits.max_article_chars), last)
        if kept < last:
            shortened += 1
            last = kept
        a_end = page.offsets[last - 1] + len(page.paras[last - 1].text)
        article_text = page.text[a_start:a_end]
        place = art.main_place(ctx, first, last)
        community = art.main_community(ctx, first, last)
        # 街道正在积极协调…: an article that speaks as a subdistrict it never names is not about the paper's district.
        voice = place is None and any(m.via == "local" and m.text in _OWN_VOICE for i in range(first, last)
                                      for m in ctx.mentions[i])
        title = art.title_text(ctx, first, last)
        first_body = next((p.text for p in page.paras[first:last] if p.kind == "body"), "")
        published = written_on(title, first_body, config.published)
        year = lead_year(first_body, title, published)
        year_source = "article"
        if year is None:
            year = default_year(published, article_text)
            year_source = "publication" if year is not None else "none"
        results.append(ArticleResult(index=index, title=title, text=article_text, place=place, year=year))
        review = looks_back(published, article_text)
        heading_year = year
        heading_place = None
        headline_facts: list[FactResult] = []
        body_figures: set[tuple[str | None, Place | None]] = set()
        topic = None
        section = None  # the measure a bulletin's section heading names (五、固定资产投资)
        for i in range(first, last):
            para = page.paras[i]
            if para.kind == "caption":
                # 常州市武进区湖塘镇 on a line of its own between sections: the town the section below is about.
                towns = [m for m in ctx.mentions[i] if m.place is not None and m.place.is_subdistrict_level]
                if len(towns) == 1 and len(para.text) <= 16 and para.text.rstrip().endswith(towns[0].text):
                    heading_place = towns[0].place
                continue
            if para.kind == "headline":
                if i != first:
                    towns = {m.place for m in ctx.mentions[i] if m.place is not None and m.place.is_subdistrict_level}
                    heading_place = towns.pop() if len(towns) == 1 else None
                # 国家统计局开州调查队2024年4月29日: a dateline tells when the page was printed, not what it is about.
                named = title_year(para.text, published)
                heading_year = named if named is not None else (year if i == first else heading_year)
                # 实有市场主体总数达到331.9万户 as a subheading: a figure the text below may never restate.
                walker = _Paragraph(page, ctx, i, a_start, place, scope_place, gazetteer, published, first)
                walker.fallback_year_source = "heading"
                walker.topic = topic
                headline_facts += [f for f in walker.facts(catalogue, index, heading_year) if f.metric is not None]
                topic = walker.topic
                section = _heading_measure(catalogue, para.text)
                continue
            if para.kind != "body":
                continue
            walker = _Paragraph(page, ctx, i, a_start, place, scope_place, gazetteer, published, first)
            walker.unnamed_subdistrict = voice
            walker.community_article = community
            walker.synonyms = synonyms
            walker.heading_place = heading_place
            walker.fallback_year_source = year_source if heading_year == year else "heading"
            walker.topic = topic
            walker.section = section
            walker.looks_back = review
            for fact in walker.facts(catalogue, index, heading_year):
                body_figures.add((fact.metric, fact.place))
                key = (fact.article, fact.place, fact.year, fact.metric, fact.value, fact.label, fact.value_start)
                if key not in seen_facts:
                    seen_facts.add(key)
                    facts.append(fact)
            topic = walker.topic
            for initiative in walker.initiatives(index, heading_year):
                key = (initiative.place, initiative.year, initiative.name)
                if key not in seen_initiatives:
                    seen_initiatives.add(key)
                    initiatives.append(initiative)
        # A figure the text restates, often more precisely (突破千亿元 over 1012.3亿元), is taken from the text.
        # A subheading's figure the body restates is the body's; a row of a list by place (金平区12家) is its own.
        facts += [f for f in headline_facts if (f.metric, f.place) not in body_figures]
    facts += _table_facts(page, mentions, catalogue, results, article_starts, scope_place, facts, gazetteer)
    if shortened:
        warnings.append(f"{shortened} 篇文章超过每篇 {limits.max_article_chars:,} 字的上限，超出部分的段落未处理。"
                        "这通常是分段识别失败（整期报纸连成一篇）；如需全部导入，请上传分好段落的文本。")
    return Extraction(articles=tuple(results), facts=tuple(facts),
                      initiatives=tuple(initiatives), version=EXTRACTOR_VERSION, warnings=tuple(warnings))


def _table_facts(page: _Page, mentions: list[Mention], catalogue: Catalogue, articles: list[ArticleResult],
                 article_starts: list[int], scope_place: Place | None, known: list[FactResult],
                 gazetteer: Gazetteer) -> list[FactResult]:
    """The figures of tables flattened into "|" cells (a ranking of districts, a bulletin's indicators), which no
    sentence states: each row is read as the sentence a report would print, the place from the row's label."""
    tables = find_tables(page.text)
    if not tables or not articles:
        return []
    have = {(f.place, f.year, f.metric, f.value) for f in known}
    mention_starts = [m.start for m in mentions]
    out: list[FactResult] = []
    for table in tables:
        for row in table.rows:
            index = bisect.bisect_right(article_starts, row.start) - 1
            if index < 0 or index >= len(articles):
                continue
            article, a_start = articles[index], article_starts[index]
            place, place_source = article.place or scope_place, "article" if article.place else "region"
            row_year = None
            if table.kind == "place":
                lo = bisect.bisect_left(mention_starts, row.label.start)
                hi = bisect.bisect_left(mention_starts, row.label.end)
                named = [m.place for m in mentions[lo:hi] if m.place is not None] \
                    or _spaced_label_place(gazetteer, row.label.text, scope_place)
                if not named:
                    continue  # 经开 | 395.02: a label the gazetteer cannot place is no place compared here
                place, place_source = named[0], "table"
            elif table.kind == "year":
                row_year = int(row.label.text[:4])
            sentence, at = row_sentence(table, row)
            quantities = find_quantities(sentence)
            recognitions = recognize(catalogue, sentence, [(q, q.start, q.end) for q in quantities])
            for q, rec in zip(quantities, recognitions, strict=True):
                if rec.metric is None or q.value_start not in at:
                    continue
                cell, column = at[q.value_start]
                year = column.year or row_year or article.year
                value, upper, unit = _canonical(q, rec.metric)
                key = (place, year, rec.metric.key, value)
                if key in have:
                    continue
                have.add(key)
                evidence = page.text[row.start:row.end]
                source_start, source_end = page.to_source(cell.start, cell.end)
                out.append(FactResult(
                    article=index, place=place, year=year, metric=rec.metric.key, label=rec.label, value=value,
                    upper=upper, unit=unit, approx="exact", note="表格", evidence=evidence,
                    start=row.start - a_start, end=row.end - a_start, value_start=cell.start - a_start,
                    value_end=cell.end - a_start, confidence=round(rec.confidence * 0.9, 3),
                    source_start=source_start, source_end=source_end, rule="table", place_source=place_source,
                    year_source="table" if column.year or row_year else "article"))
    return out


def _spaced_label_place(gazetteer: Gazetteer, label: str, scope_place: Place | None) -> list[Place]:
    """海 口 市, 陵 水 县: a table's row label spaced out to the width of the column, the one place of that name in the
    publication's province (the short form of an autonomous county included)."""
    compact = "".join(label.split())
    if compact == label or scope_place is None:
        return []
    found = [p for p in gazetteer.lookup(compact) if p.province == scope_place.province]
    return found if len(found) == 1 else []


_SECTOR_SHARES = frozenset({"va_primary", "va_secondary", "va_tertiary"})
_LIST_JOINS = ("、", "和", "及", "与", "以及")
# 街道正在…, 我镇地区生产总值…: words by which a subdistrict or town speaks of itself.
# [经济概况] / 【党建工作】 opening a paragraph: a section of a profile.
_SECTION_LABEL = re.compile(r"\s*[\[【][\u4e00-\u9fff]{2,6}[\]】]")
_OWN_VOICE = frozenset({"街道", "我街道", "本街道", "我镇", "本镇", "我乡", "本乡", "全街道", "全街", "全镇", "全乡"})
_AUTONOMOUS_REGION = re.compile(r"广西|新疆|西藏|宁夏|内蒙古")
_GROUP_SUM = re.compile(r"[、和](?:[\u4e00-\u9fff]{1,8})(?:[\d两三四五六七八九十]+)个?"
                        r"(?:市|县|区|县区|区县|镇|乡|镇街|街镇|街道)(?:共|合计|共计|累计)"
                        # 川渝两省市经济总量: provinces counted together
                        r"|(?:两|[\d三四五六七八九十]+个?)省(?!市级)(?:市|区|份|\(区、市\)|区市)?(?![委长政级、])")
_SEVERAL_TOWNS = re.compile(r"等(?:\d+个)?(?:街乡|街镇|镇街|乡镇|镇乡|街道|镇|乡)(?![长党委政府干])")
_CLAUSE_MARK = re.compile(r"[,;:。!?]")


def _quoted(text: str, lo: int, position: int) -> bool:
    """Whether ``position`` stands inside a “…” opened after ``lo``."""
    before = text[lo:position]
    return before.count("“") > before.count("”")


_SENTENCE_END = re.compile(r"[。!?]")
# 1996年撤乡建镇 / 1997年被命名为…: the date of an event in a place's history, which dates nothing after it.
# (1994年才建成通车, 1983年改乾丰人民公社为乾丰乡, 1995年3月迁至…, a leader's visit recalled: history too.)
_EVENT = re.compile(r"[^,;。!?]{0,12}?(?:撤乡|建镇|撤销|撤并|命名|更名|改名|改称|划归|划入|合并|建制|始建|建于|"
                    r"被评为|获评|荣获|列为|被列|授予|通车|成立|设立|析置|划出|迁至|迁入|迁到|搬迁至|考察|视察|"
                    r"改[\u4e00-\u9fff]{1,10}为|设[\u4e00-\u9fff]{1,4}[乡镇])")
# 全年新增市场主体3612户,市场主体总量突破2.6万户: a sentence summing up the year reviewed dates its counts too.
_YEAR_REVIEWED = re.compile(r"全年|一年来|过去一年")
# 目前,该区已有4所…: a verb of having says the count stands at the time of writing.
_HAS_NOW = re.compile(r"已有|共有|现有|拥有|已建成|建有")


def _shares_of_other_whole(sentence: str, s_start: int, inside: list[Quantity],
                           recognitions: list[Recognition]) -> list[Recognition]:
    """全年民营经济增加值142.82亿元,其中:第一产业增加值9.2亿元…: the sectors after 其中 share out that other whole,
    not the place's economy."""
    out, whole_at = list(recognitions), None
    for i, (q, r) in enumerate(zip(inside, recognitions, strict=True)):
        if r.metric is None and q.family == "money" and r.label.endswith("增加值"):
            whole_at = q.end - s_start
        elif r.metric is not None and r.metric.key in _SECTOR_SHARES and whole_at is not None \
                and "其中" in sentence[whole_at:q.start - s_start]:
            out[i] = Recognition(None, "", r.label, 0.4)
        elif r.metric is not None and q.family == "money":
            whole_at = None  # another measure of the place's own stands between
    return out


class _Paragraph:
    """One body paragraph: its sentences, quantities, place mentions and years."""

    synonyms: dict[str, MetricSpec] = {}
    fallback_year_source = "article"
    heading_place: Place | None = None  # the one town a subheading above this paragraph names
    unnamed_subdistrict = False  # the article speaks as a subdistrict it never names
    community_article: Mention | None = None  # the one community the article is about
    topic: MetricSpec | None = None  # the measure the article last gave a figure of, for a breakdown by place
    looks_back = False  # the article reviews the year before its printing from its headline or lead
    wide_until: int | None = None  # the end of the last sentence that gave a province's or the country's figures
    wide_seen = placed_seen = False  # of the sentence being read: a wide figure, a figure of a place

    def __init__(self, page: _Page, ctx: art.Context, index: int, article_start: int, place: Place | None,
                 scope_place: Place | None, gazetteer: Gazetteer, published: date | None, first: int | None = None):
        self.page = page
        self.index = index
        self.first = index if first is None else first  # the article's first paragraph
        self.ctx = ctx
        self.text = page.paras[index].text
        self.offset = page.offsets[index]  # in the page text
        self.article_start = article_start
        self.place = place
        self.scope_place = scope_place
        self.gazetteer = gazetteer
        self.mentions = ctx.mentions[index]
        self.mention_starts = [m.start for m in self.mentions]
        self._topics: dict[str, Mention | None] = {}
        self.published = published
        self.section: MetricSpec | None = None
        # (sentence start, place) of the last figure a place was named for
        self.last_named: tuple[int, Place] | None = None

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        # Read only for a paragraph with a figure or a quoted name: most paragraphs of a page have neither.
        sentence = _SENTENCE_ASCII if _ASCII_STOP.search(self.text) else _SENTENCE
        return _bounded([(m.start(), m.end()) for m in sentence.finditer(self.text) if m.end() > m.start()],
                        self.text)

    @cached_property
    def years(self) -> list[YearMention]:
        # Read only for a paragraph with a figure or a name: most paragraphs of a page have neither.
        return year_mentions(self.text, self.published)

    @cached_property
    def year_ends(self) -> list[int]:
        return [m.end for m in self.years]

    def place_at(self, sentence_start: int, position: int) -> Place | None:
        """The last mention before ``position`` in its sentence that moves the topic elsewhere, else the article's."""
        return self.place_and_source(sentence_start, position)[0]

    def place_and_source(self, sentence_start: int, position: int) -> tuple[Place | None, str]:
        lo, hi = self.offset + sentence_start, self.offset + position
        inside = self._mentions_between(lo, hi)
        region_wide = next((x for x in inside if x.via == "generic" and x.text == "全区"), None)
        if region_wide is not None and _AUTONOMOUS_REGION.search(self.page.text, lo, region_wide.start):
            return None, "wide"  # 广西…全区社区网格2.51万个: 全区 of an autonomous region is as wide as 全省
        scoped = self._scope_word(inside, lo, hi)
        if scoped is not None:
            return scoped
        if _GROUP_SUM.search(self.page.text, lo, hi):
            return None, "wide"  # 成都、德阳、眉山、资阳4市共完成…: a sum over several places is none of theirs
        for m in reversed(inside):
            if _quoted(self.page.text, lo, m.start) or is_neighbour(self.page.text, m):
                continue  # “国梁镇中心小学…志愿服务队” names a team; 东邻遥观 says where the subject lies
            if m.via == "village" and m.place is not None and self.place is not None \
                    and not self.place.kind == "city" and m.place.district != self.place.district:
                continue  # a community of another district named inside a story is more likely a word than a place
            if changes_place(self.page.text, m):
                if m.via == "wide":
                    return None, "wide"
                if m.via == "local":
                    local = self._local_place(m)
                    # 全镇 never means the county, even when the town is unnamed; nor does a bare 街道 opening its
                    # clause (2019年街道完成固定资产投资15.6亿元) in a district's paper that names no subdistrict.
                    if local is not None or m.text[0] in "全我本该此" or m.text == "街道":
                        return local, "reference"
                    continue  # 乡镇(街道)党工委 in a city's story: no subdistrict to point back to
                found = self._pointed_back(m) if m.via == "generic" and m.text[0] == "该" else None
                found = found or self.ctx.place_of(m, self.place)
                if found is not None and found.is_subdistrict_level:
                    listed = self._listed(m, found, hi)
                    if listed is not None:
                        return listed
                elif found is not None and found.is_above_town:
                    paired = self._respective_districts(m, hi)
                    if paired is not None:
                        return paired, "sentence"
                if found is not None:
                    return found, "sentence"
        if self.wide_until is not None and not self.text[self.wide_until:sentence_start].strip():
            # 2021年,黑龙江省实现地区生产总值14879.2亿元…。按可比价计算,实际同比增长6.1%;分产业来看,…: the
            # sentence right after a province's figures that names no place goes on about the province.
            return None, "wide"
        if self.last_named is not None and self.last_named[0] <= sentence_start \
                and self.text.startswith("其中", sentence_start):
            # 2022年,全区地区生产总值279.33亿元。其中,第一产业…: the parts are of the total's place.
            return self.last_named[1], "sentence"
        several = _SEVERAL_TOWNS.search(self.page.text, lo, hi)
        if several is not None and not _CLAUSE_MARK.search(self.page.text, several.end(), hi):
            # 已在麦子店、潘家园等街乡新增停车位3173个: a figure summed over several towns is their district's.
            district = None
            if self.place is not None:
                district = self.place if self.place.is_district_level else self.gazetteer.district_of(self.place)
            if district is None and self.scope_place is not None and self.scope_place.is_district_level:
                district = self.scope_place
            if district is not None:
                return district, "list"
        section = self._section_subject()
        if section is not None and (self.place is None or self.place.is_above_town):
            return section, "article"
        opened = self._paragraph_subject
        if opened is not None and opened != self.place and (self.place is None or self.place.is_above_town):
            return opened, "paragraph"
        if self.place is None:
            if self.unnamed_subdistrict:
                return None, "reference"
            # A story naming no place in a district's, county's, zone's or city's own paper is about that area.
            if self.scope_place is not None and (self.scope_place.is_district_level or self.scope_place.kind == "city"):
                return self.scope_place, "region"
            return None, "none"
        return self.place, ("region" if self.place == self.scope_place else "article")

    @cached_property
    def _paragraph_subject(self) -> Place | None:
        """会泽县纸厂乡位于会泽县北部,…。有党员608名: a paragraph whose first words name a subdistrict or town (its
        parents before it at most) speaks of that place in the sentences that name none."""
        opening = None
        for m in self.mentions:
            if m.start - self.offset > _PARAGRAPH_OPENING_CHARS:
                break
            if m.place is None or m.via not in ("full", "short", "unlisted"):
                return None
            if m.place.is_subdistrict_level:
                opening = m
                break
        if opening is None:
            return None
        before = self.page.text[self.offset:opening.start]
        parents = "".join(m.text for m in self.mentions if m.end <= opening.start)
        if before.replace(parents, "", 1).strip(" “") or not is_subject(self.page.text, opening):
            return None
        return opening.place

    def _section_subject(self) -> Place | None:
        """[政区人口] 党家街道办事处位于…。[经济概况] 完成国内生产总值6.93亿: the labelled sections of a profile after
        the one that names its subdistrict or town speak of that place."""
        if not _SECTION_LABEL.match(self.text):
            return None
        for i in range(self.index - 1, max(self.first, self.index - 12) - 1, -1):  # bounded look back
            if not _SECTION_LABEL.match(self.page.paras[i].text):
                return None
            subjects = [m for m in self.ctx.mentions[i] if m.place is not None and m.place.is_subdistrict_level
                        and is_subject(self.page.text, m)]
            if subjects:
                return subjects[0].place
        return None

    def _scope_word(self, inside: list[Mention], lo: int, hi: int) -> tuple[Place | None, str] | None:
        """推动了全区579个网格全部实现…: 全区/全县/全市 inside the figure's own clause scopes it wherever it stands
        (not only opening the clause), unless it is what a share or a rank is of (占全区…, 位居全市第一)."""
        text = self.page.text
        if not inside:
            return None
        m = inside[-1]
        if m.via != "generic" or not m.text.startswith("全") or _CLAUSE_MARK.search(text, m.end, hi):
            return None
        if text[max(lo, m.start - 2):m.start].endswith(("占", "居", "在", "列", "于", "为", "比")) \
                or RANK_AFTER.match(text, m.end):
            return None  # 打造全区首个“津新驿站”: a rank within the district, not its figure
        place = self.ctx.place_of(m, self.place)
        return (place, "reference") if place is not None else None

    def _pointed_back(self, mention: Mention) -> Place | None:
        """新城区…。莲湖区工业稳中有进…。该区商贸业…: 该区 is the district named last before it in the paragraph."""
        kinds = {"区": ("district",), "县": ("county",), "市": ("city", "county", "district")}[mention.generic]
        index = bisect.bisect_left(self.mention_starts, mention.start)
        for m in reversed(self.mentions[max(0, index - 50):index]):  # bounded: one look back per figure
            if m.place is not None and m.place.kind in kinds \
                    and (mention.generic != "市" or m.place.name.endswith("市")):
                return m.place
        return None

    def _listed(self, last: Mention, place: Place, position: int) -> tuple[Place | None, str] | None:
        """长桥、龙华、漕河泾街道新建4家…: a figure after a list of subdistricts is their sum, the district's; with
        分别 (长桥街道、龙华街道分别建成3个、5个) the k-th figure is the k-th subdistrict's. None: no list."""
        text = self.page.text
        run = self._joined(last, "is_subdistrict_level", -1, 50)
        # 在徐家汇、湖南、龙华街道…: names too short to be told apart still make a list; villages of one town
        # (在船村、马家弄村建成老年食堂2家) are that town.
        places = {self.ctx.place_of(m, self.place) for m in run}
        if len(places) == 1 and (len(run) > 1 or last.via == "village" or text[last.start - 1:last.start] != "、"):
            return None
        respectively = text.rfind("分别", last.end, position)
        if respectively != -1:
            if len(run) == 1:
                return None
            k = len(find_quantities(text[respectively:position]))
            place = self.ctx.place_of(run[k], self.place) if k < len(run) else None
            return (place, "sentence") if place is not None else None
        for candidate in (self.place, self.scope_place):
            if candidate is not None and candidate.is_district_level and candidate.contains(place):
                return candidate, "list"
        district = self.gazetteer.district_of(place)
        return (district, "list") if district is not None else None

    def _joined(self, last: Mention, level: str, step: int, limit: int) -> list[Mention]:
        """The mentions joined to ``last`` by 、/和/及… whose places are of ``level`` (a Place property), walking
        back (step -1) or on (step 1), in page order, ``last`` included."""
        text = self.page.text
        run = [last]
        index = bisect.bisect_left(self.mention_starts, last.start) + step
        while 0 <= index < len(self.mentions) and len(run) < limit:
            m = self.mentions[index]
            gap = text[m.end:run[0].start] if step < 0 else text[run[-1].end:m.start]
            if gap not in _LIST_JOINS or m.place is None or not getattr(m.place, level):
                break
            if step < 0:
                run.insert(0, m)
            else:
                run.append(m)
            index += step
        return run

    def _respective_districts(self, last: Mention, position: int) -> Place | None:
        """常熟市和吴江区…分别为2800.16亿元、2377.28亿元: the k-th figure after 分别 is the k-th district's."""
        text = self.page.text
        respectively = text.rfind("分别", last.end, position)
        if respectively == -1:
            return None
        # The list runs both ways from the mention the place walk stopped at: 和吴江区 reads as a partner.
        run = self._joined(last, "is_above_town", -1, 20)[:-1] + self._joined(last, "is_above_town", 1, 20)
        if len(run) == 1 or run[-1].end > respectively:
            return None
        k = len(find_quantities(text[respectively:position]))
        return self.ctx.place_of(run[k], self.place) if k < len(run) else None

    def community_topic(self, sentence_start: int, position: int) -> Mention | None:
        """在周庄村,村里划分了9个网格 / 上京村划分了3个网格: a sentence opened by a community (社区/村) as its
        topic reports that community's own figures, not its subdistrict's; a subdistrict named as the subject
        later in the sentence (在X社区,街道建成…) takes the figures back."""
        lo, hi = self.offset + sentence_start, self.offset + position
        inside = self._mentions_between(lo, hi)
        named = self._named_community(inside, lo) or self._community_of_town(inside, lo)
        if named is not None:
            return named
        sentence = self.page.text[lo:hi]
        clause_start = max(sentence.rfind(c) for c in ",;:") + 1
        whole = _WHOLE_COMMUNITY.match(self.page.text, lo + clause_start, hi + 2)
        if whole is not None:
            return Mention(whole.start("who"), whole.end("who"), whole.group("who"), None, "local", "community")
        fronted = _FRONTED_COMMUNITY.match(sentence)
        if fronted is not None and not any(m.via != "village" and is_subject(self.page.text, m) for m in inside):
            return Mention(lo + fronted.start("who"), lo + fronted.end("who"), fronted.group("who"), None, "local",
                           "community")
        clause = sentence[clause_start:]
        word = _COMMUNITY_SUBJECT.match(clause)
        if word and word.group("who") in _BARE_COMMUNITY and self.place is not None \
                and self.place.kind == "city" and not _OFFICE.match(clause, word.end("who")):
            word = None  # 社区配备专兼职网格员约4325名 in a city's story: its communities together, the city's figure
        if word:
            # 该村划分3个网格 / 社区将辖区划分为微网格42个 / 村里有市场主体80余户: a community is the subject
            start = hi - len(clause) + word.start("who")
            return Mention(start, start + len(word.group("who")), word.group("who"), None, "local", "community")
        # 社区党总支下设7个党支部,…,共有党员763名: the community opening the sentence stays the subject of later
        # clauses that name no one else.
        word = _COMMUNITY_SUBJECT.match(sentence)
        if word and clause != sentence and not inside and _SUBJECTLESS.match(clause):
            return Mention(lo + word.start("who"), lo + word.end("who"), word.group("who"), None, "local", "community")
        return None

    def _topic(self, kind: str) -> Mention | None:
        """The first named place of this kind that is the subject of its clause in the paragraph, found once per
        kind (a search per 全镇 would be quadratic in a long paragraph)."""
        if kind not in self._topics:
            self._topics[kind] = next(
                (m for m in self.mentions if m.via in ("full", "short", "unlisted") and m.place is not None
                 and m.place.kind == kind and is_subject(self.page.text, m)), None)
        return self._topics[kind]

    def _mentions_between(self, lo: int, hi: int) -> list[Mention]:
        # Mentions are sorted by start: a slice per figure, not a scan of the paragraph (quadratic on a long one).
        return self.mentions[bisect.bisect_left(self.mention_starts, lo):bisect.bisect_left(self.mention_starts, hi)]

    def _community_of_town(self, inside: list[Mention], lo: int) -> Mention | None:
        """良庆镇新兰村打造…,把农户分为4个网格 / 红岸街道奋斗社区位于…: a sentence opened by a town and one of its
        communities (listed or not) reports that community's own figures."""
        if not inside:
            return None
        opening = self.page.text[lo:inside[0].start]
        if not (_TOPIC_OPENING.fullmatch(opening) or _PROVINCE_OPENING.fullmatch(opening)):
            return None
        last = inside[0]
        for m in inside[1:]:
            if m.start != last.end:
                break
            if m.via == "village" and last.place is not None and last.place.is_subdistrict_level:
                return m
            last = m
        if last.place is None or not last.place.is_subdistrict_level:
            return None
        word = art.COMMUNITY_AFTER_TOWN.match(self.page.text, last.end)
        if word is None or _ACTION_ON_COMMUNITIES.match(word.group()):
            return None  # 南坪街道建成社区养老服务中心两个: the town acting on communities, not one of them
        return Mention(word.start(), word.end(), word.group(), None, "local", "community")

    def _named_community(self, inside: list[Mention], lo: int) -> Mention | None:
        if not inside or inside[0].via != "village":
            return None
        first, text = inside[0], self.page.text
        opening = text[lo:first.start]
        fronted = opening.lstrip().startswith("在") and "," not in opening and text.startswith(",", first.end)
        if not (_TOPIC_OPENING.fullmatch(opening) or fronted):
            return None
        for m in inside[1:]:
            if m.via != "village" and is_subject(text, m):
                return None
        return first

    def _local_place(self, mention: Mention) -> Place | None:
        """全镇 / 该街道 / a bare 街道: the article's own place when it is of that kind, else the last place of that
        kind named before it in the article (a subject if there is one). Never the district."""
        if mention.text[0] in "该此":
            # 与奇山街道相邻的向阳街道…,该街道已划分网格88个: 该 points back to the last place of its kind.
            before = [m for m in self.mentions if m.start < mention.start and m.via in ("full", "short", "unlisted")
                      and m.place is not None and m.place.kind == mention.generic]
            if before:
                return before[-1].place
        if mention.text[0] not in "该此我本":
            # 华舍街道今年…;街道新建老年食堂2个: a bare 街道 after another subdistrict opened the sentence is that one.
            sentence_start = self.text.rfind("。", 0, mention.start - self.offset) + 1 + self.offset
            opener = next((m for m in self.mentions if sentence_start <= m.start < mention.start
                           and m.via in ("full", "short", "unlisted") and m.place is not None
                           and m.place.kind == mention.generic and is_subject(self.page.text, m)), None)
            if opener is not None:
                return opener.place
        # 盐山镇辖59个行政村…。镇党委辖68个党支部: the place this paragraph opened with, as the subject of a sentence.
        topic = self._topic(mention.generic)
        if topic is not None and topic.start < mention.start:
            return topic.place
        # 17、下河乡 over a town's entry in a list of towns: 全乡 in that entry is that township.
        if self.heading_place is not None and self.heading_place.kind == mention.generic:
            return self.heading_place
        if self.place is not None and self.place.kind == mention.generic:
            return self.place
        named = [m for i in range(self.first, self.index + 1) for m in self.ctx.mentions[i]
                 if m.start < mention.start and m.via in ("full", "short", "village") and m.place is not None
                 and m.place.kind == mention.generic and not is_neighbour(self.page.text, m)]
        for m in reversed(named):
            if is_subject(self.page.text, m):
                return m.place
        if named:
            return named[-1].place
        # 全镇 in a profile of 南江街道: a subdistrict that was a town is still called one in its own text.
        if mention.text[0] in "全我本" and self.place is not None and self.place.is_subdistrict_level:
            return self.place
        return None

    def year_at(self, position: int, sentence_end: int, fallback: int | None) -> int | None:
        return self.year_and_source(position, sentence_end, fallback)[0]

    def year_and_source(self, position: int, sentence_end: int, fallback: int | None) -> tuple[int | None, str]:
        # A year named after the figure speaks for it only within its part of the sentence: …共有敬老院1所;
        # 去年还建成… does not date the 敬老院.
        semicolon = self.text.find(";", position, sentence_end)
        end = semicolon if semicolon != -1 else sentence_end
        respective = self._respective_year(position)
        if respective is not None:
            return respective, "sentence"
        # nearest_year wants the last usable year before the figure, else the first after it: look only at those
        # (walking out from the figure) rather than filtering every year of the paragraph for every figure.
        years = self.years
        before = bisect.bisect_right(self.year_ends, position)
        usable = None
        for i in range(before - 1, -1, -1):
            if self._dates_figure(years[i], position):
                usable = years[i]
                break
            if self._is_history(years[i], position):
                return fallback, (self.fallback_year_source if fallback is not None else "none")
        if usable is None:
            usable = next((years[i] for i in range(before, len(years)) if years[i].start >= end
                           or (years[i].start >= position and self._dates_figure(years[i], position))), None)
        found = nearest_year([usable] if usable is not None else [], position, end)
        if found is not None:
            return found, "sentence"
        return fallback, (self.fallback_year_source if fallback is not None else "none")

    def _respective_year(self, position: int) -> int | None:
        """2021年和2020年招商引资到位资金分别为1021.19亿元和755.64亿元: the k-th value of a 分别 run is of the k-th
        year listed before it."""
        at = self.text.rfind("分别", 0, position)
        if at == -1:
            return None
        lo = max(self.text.rfind("。", 0, at), self.text.rfind(";", 0, at)) + 1
        if _SENTENCE_END.search(self.text, at, position):
            return None  # the 分别 closes an earlier sentence or clause set
        listed = _YEARS_LISTED.search(self.text, lo, at)
        if listed is not None:
            years = [int(y) for y in re.findall(r"(\d{4})\s*年", listed.group())]
        elif (span := _YEARS_SPAN.search(self.text, lo, at)) is not None \
                and 0 < int(span.group(2)) - int(span.group(1)) <= 10:
            years = list(range(int(span.group(1)), int(span.group(2)) + 1))
        else:
            return None
        k = len(find_quantities(self.text[at:position]))
        return years[k] if k < len(years) else None

    def _dates_figure(self, m: YearMention, position: int) -> bool:
        # 从2022年底的1.52万户增加到1.71万户: a starting year dates the starting value only.
        if self.text[m.start - 1:m.start] in ("从", "由") and _CHANGE_TO.search(self.text, m.end, position):
            return False
        # 截至2023年末有户籍人口58347人。下辖基层党组织26个: a date stamp holds for its own sentence only, and for
        # the parts after 其中 of the total it dates (截至2022年,…生产总值651.57亿元…。其中:第一产业增加值…).
        stamped = _AS_OF.search(self.text, max(0, m.start - 3), m.start) and "。" in self.text[m.end:position]
        if stamped and self.text.count("。", m.end, position) == 1:
            stamped = not self.text.startswith("其中", self.text.rfind("。", m.end, position) + 1)
        return not stamped and not self._is_history(m, position)

    def _is_history(self, m: YearMention, position: int) -> bool:
        # 1996年撤乡建镇,1997年被命名为革命老区镇。全镇…党员680名: the dates of a place's history, told before its
        # figures, date none of them (nor does any year told before them).
        return _EVENT.match(self.text, m.end) is not None \
            and _SENTENCE_END.search(self.text, m.end, position) is not None

    def facts(self, catalogue: Catalogue, article: int, heading_year: int | None):
        quantities = find_quantities(self.text)
        if not quantities:
            return
        starts = [q.start for q in quantities]
        other_whole = False  # the sentence before gave the value added of something no metric counts
        for s_start, s_end in self.sentences:
            # Sorted by start: a slice, not a scan of the paragraph per sentence (quadratic on a long paragraph).
            inside = quantities[bisect.bisect_left(starts, s_start):bisect.bisect_left(starts, s_end)]
            if not inside:
                continue
            sentence = self.text[s_start:s_end]
            relative = [(q, q.start - s_start, q.end - s_start) for q in inside]
            recognitions = recognize(catalogue, sentence, relative, topic=self.topic, section=self.section)
            if other_whole and sentence.startswith("其中"):
                # 民营经济增加值272.2亿元…。其中,第一产业(增加值)18.5亿元: the sectors' shares of that other whole.
                recognitions = [Recognition(None, "", r.label, 0.4)
                                if r.metric is not None and r.metric.key in _SECTOR_SHARES else r
                                for r in recognitions]
            recognitions = _shares_of_other_whole(sentence, s_start, inside, recognitions)
            # (…民营经济增加值1553.73亿元…。民营经济拉动地区生产总值增长2.6个百分点…。其中,第一产业…: a sentence of
            # rates alone in between keeps the other whole the subject.)
            rates_only = all(q.family in ("percent", "points") for q in inside)
            other_whole = (other_whole and rates_only and not sentence.startswith("其中")) or any(
                r.metric is None and q.family == "money" and r.label.endswith("增加值")
                for q, r in zip(inside, recognitions, strict=True))
            self.wide_seen = self.placed_seen = False
            for q, rec in zip(inside, recognitions, strict=True):
                fact = self._fact(q, rec, sentence, s_start, s_end, article, heading_year)
                if fact is not None:
                    yield fact
            # (A sentence that gives the place's own figures beside the province's, 低于全省…, hands on none.)
            self.wide_until = s_end if self.wide_seen and not self.placed_seen else None
            measures = [r.metric for r in recognitions if r.metric is not None and not r.metric.growth_of]
            if measures:
                self.topic = measures[-1]
            for q, rec in _named_facilities(catalogue, self.text, s_start, s_end):
                fact = self._fact(q, rec, sentence, s_start, s_end, article, heading_year)
                if fact is not None:
                    yield fact

    def _fact(self, q: Quantity, rec: Recognition, sentence: str, s_start: int, s_end: int, article: int,
              heading_year: int | None) -> FactResult | None:
        if rec.metric is not None and not rec.metric.sited:
            community = self.community_topic(s_start, q.start)
            if community is None and self.community_article is not None \
                    and self.place_and_source(s_start, q.start)[1] in ("article", "region"):
                community = self.community_article
            if community is not None:
                rec = Recognition(None, community.text, community.text + rec.metric.name_zh, rec.confidence * 0.6)
        if rec.metric is None and not rec.target and not rec.history:
            taught = self.synonyms.get(rec.label)
            if taught is not None and accepts(taught, q):
                rec = Recognition(taught, "", taught.name_zh, 0.7, rule=f"synonym:{rec.label}")
        if rec.metric is not None and _ATTRIBUTIVE.match(self.text, q.end):
            # GDP超千亿元新闻发布会, 迈上千亿级台阶: the figure qualifies another noun, it is not the measure.
            rec = Recognition(None, "里程碑", rec.label, 0.4, history=True)
        if q.weak and rec.metric is None:
            return None
        place, place_source = self.place_and_source(s_start, q.start)
        if rec.rule == "place_share":
            # 道里区17个、道外区21个: each share is of the place printed right before it.
            named = [m for m in self._mentions_between(self.offset + max(s_start, q.start - 14), self.offset + q.start)
                     if m.via in ("full", "short", "unlisted")]
            # (岳阳楼区95个,经开区2个: a row whose place is no name the gazetteer knows is no share of the row before)
            if named and re.search(r"[,、;]", self.page.text[named[-1].end:self.offset + q.start]):
                named = []
            place = self.ctx.place_of(named[-1], self.place) if named else None
            place_source = "sentence" if place is not None else "none"
        if place_source == "wide":
            self.wide_seen = self.wide_seen or rec.metric is not None
            return None  # 全省共划分网格8万个: a province's or the country's figure, of no place compared here
        self.placed_seen = self.placed_seen or (rec.metric is not None and place is not None)
        if rec.rule in ("breakdown", "place_share") and place_source in ("region", "article", "none"):
            # 分区域看,高新区实现产值1003.7亿元;其他区域…: a part of the breakdown whose place is not one we know is
            # not the whole area's figure.
            rec = Recognition(None, "", rec.label, 0.4)
        if rec.metric is not None and place is not None \
                and (q.family == "money" or (q.family == "percent" and rec.metric.growth_of)) and _share_of_own_whole(
                sentence, q.end - s_start, place):
            # 该县…农副产品加工业实现工业产值138.3亿元,占全县工业总产值的57.6%: a part of the place's own total.
            rec = Recognition(None, "占比", rec.label, 0.4)
        if rec.part_of is not None and place != self.place_at(s_start, s_start + rec.total_at):
            rec = Recognition(rec.part_of, "", rec.part_of.name_zh, 0.8, rule="part_of_other_place")
        if rec.metric is not None and place is not None and place_source in ("sentence", "reference"):
            self.last_named = (s_start, place)
        value, upper, unit = _canonical(q, rec.metric)
        if q.family == "percent" and rec.metric is not None and rec.metric.growth_of:
            c_start, _ = clause_bounds(sentence, q.start - s_start)
            if is_decline(sentence[c_start:q.start - s_start]):
                value = -value
        evidence, lead = _trimmed(sentence)
        start = self.offset - self.article_start + s_start + lead
        source_start, source_end = self.page.to_source(self.offset + q.value_start, self.offset + q.value_end)
        year, year_source = self.year_and_source(q.start, s_end, heading_year)
        if year_source == "publication" and rec.metric is not None and rec.metric.stock and not self.looks_back \
                and self.published is not None \
                and not any(s_start <= m.start < s_end and m.year is not None for m in self.years) \
                and not _YEAR_REVIEWED.search(sentence):
            # 全镇共有党员397名 in a review printed in February: what a place has stands at the time of writing,
            # not at the end of the year the review looks back on (从2022年底的…增加到 still speaks of that year).
            year = self.published.year
        elif rec.metric is not None and self.published is not None \
                and (rec.metric.stock or _HAS_NOW.search(sentence, 0, q.start - s_start)) \
                and (said := [m for m in self.years if s_start <= m.start < q.start]) and said[-1].year is None:
            # 目前,该区已有4所社区居家养老服务中心 in a review printed in January: 目前 is the time of writing.
            year = self.published.year
        if rec.since is not None and year is not None and year - rec.since >= 2:
            # 2025年…较2020年增长30%: growth over five years is no growth rate of the year.
            rec = Recognition(None, "多年累计", rec.label, 0.4)
        return FactResult(
            article=article,
            place=place,
            year=year,
            metric=rec.metric.key if rec.metric else None,
            label=rec.label,
            value=value,
            upper=upper,
            unit=unit,
            approx=q.approx,
            note=rec.note,
            evidence=evidence,
            start=start,
            end=start + len(evidence),
            value_start=self.offset - self.article_start + q.value_start,
            value_end=self.offset - self.article_start + q.value_end,
            confidence=round(rec.confidence * (0.9 if q.approx != "exact" else 1.0), 3),
            source_start=source_start,
            source_end=source_end,
            rule=rec.rule if rec.metric is not None else "",
            place_source=place_source,
            year_source=year_source,
        )

    def initiatives(self, article: int, heading_year: int | None):
        if not _quoted_text(self.text):
            return  # every name this stage reads is quoted
        for s_start, s_end in self.sentences:
            sentence = self.text[s_start:s_end]
            if not _quoted_text(sentence):
                continue
            found = find_initiatives(sentence)
            if not found:
                continue
            evidence, lead = _trimmed(sentence)
            start = self.offset - self.article_start + s_start + lead
            for f in found:
                place = self.place_at(s_start, s_start + f.start)
                if is_place_slogan(f.name, place.name if place is not None else None) \
                        or (self.scope_place is not None and is_place_slogan(f.name, self.scope_place.name)):
                    continue  # 打造“财富香河”: the place's slogan
                yield InitiativeResult(
                    article=article,
                    place=place,
                    year=self.year_at(s_start + f.start, s_end, heading_year),
                    name=f.name,
                    category=f.category,
                    description=evidence,
                    start=start,
                    end=start + len(evidence),
                    confidence=f.confidence,
                )


# The longest sentence in every corpus so far has 208 characters. Recognition looks at a figure's whole sentence,
# so a "sentence" without a full stop for pages on end (a table flattened into one line, or a hostile file) makes
# the work grow with the square of its length; such a run is cut into pieces, at a clause mark where there is one.
MAX_SENTENCE_CHARS = 600
_CLAUSE_MARK = re.compile(r"[,;:、]")


# 建成投用圣泉街道养老服务中心、社区养老服务站5个: a facility named after its own place and built is one facility,
# though no numeral says so.
_BUILT_NAMED = re.compile(r"(?:建成投用|建成并投入使用|建成并投用|建成投运|建成|新建|启用|投用)了?"
                          r"(?P<owner>[\u4e00-\u9fff]{2,8}?(?:街道|镇|乡))")


_SITED: dict[int, tuple[Catalogue, list]] = {}


# 2021年和2020年…分别为…: years listed for the values of a 分别 run.
_SENTENCE_END = re.compile(r"[。;]")
_YEARS_LISTED = re.compile(r"(?:19|20)\d{2}\s*年(?:\s*[、和与及]\s*(?:19|20)\d{2}\s*年)+")
# 2002年—2003年,…分别为9850万元、9882万元: a span of years listed value by value.
_YEARS_SPAN = re.compile(r"((?:19|20)\d{2})\s*年?\s*[-—–~至到]+\s*((?:19|20)\d{2})\s*年")


# 五、固定资产投资 / 社会消费品零售总额 as a section heading of a bulletin: the measure the section reports.
_SECTION_NUMBER = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}|\d{1,2})\s*[、.．]\s*"
                             r"|^\s*[(（][一二三四五六七八九十\d]{1,3}[)）]\s*")
_MONEY = find_quantities("1亿元")[0]  # a figure to ask the catalogue which money measure a heading names


def _heading_measure(catalogue: Catalogue, heading: str) -> MetricSpec | None:
    text = _SECTION_NUMBER.sub("", heading).strip()
    if not 2 <= len(text) <= 12:
        return None
    found = match_metric(catalogue, _MONEY, text, "")
    return found[0] if found is not None else None


_SHARE_OF_WHOLE = re.compile(r"^占(?:全|该|本|我)(县|区|市|镇|乡|街道|旗)(?![委政级属直])")
_GROWTH_CLAUSE = re.compile(r"^(?:同比|比上年|较上年)?(?:增长|增加|下降|减少)[\d.]+%$")


def _share_of_own_whole(sentence: str, after: int, place: Place) -> bool:
    """Whether the figure ending at ``after`` is given as a share of its own place's whole right after it, its
    growth aside (产值138.3亿元,增长60.4%,占全县工业总产值的57.6%): a town's share of 全县 is that town's figure, a
    county's share of 全县 is a part of it."""
    rest = re.split(r"[;。]", sentence[after:], maxsplit=1)[0]
    for clause in rest.split(",")[1:3]:
        m = _SHARE_OF_WHOLE.match(clause.strip())
        if m:
            whole = m.group(1)
            return place.name.endswith(whole) or (place.kind == "county" and whole in ("县", "旗"))
        if not _GROWTH_CLAUSE.match(clause.strip()):
            return False
    return False


def _named_facilities(catalogue: Catalogue, text: str, s_start: int, s_end: int):
    """(Quantity, Recognition) of one facility for each built facility named after its place in the sentence;
    the quantity spans the facility's name, which is what its fact's evidence points at."""
    sited = _SITED.get(id(catalogue))
    if sited is None or sited[0] is not catalogue:
        sited = _SITED[id(catalogue)] = (catalogue, [(spec, re.compile("(?:" + "|".join(spec.after) + ")"))
                                                     for spec in catalogue.metrics if spec.sited and spec.after])
    for m in _BUILT_NAMED.finditer(text, s_start, s_end):
        for spec, noun in sited[1]:
            found = noun.match(text, m.end())
            if not found or found.end() > s_end:
                continue
            follow = text[found.end():found.end() + 2]
            if not follow or follow[0] not in "、,;。和及" or re.match(r"[、,]?\s*\d", follow):
                continue  # 养老服务中心3个: the count is printed
            q = Quantity(m.start("owner"), found.end(), m.start("owner"), found.end(), Decimal(1), None, "个", "个",
                         "count", "exact", True, False)
            kind = found.group().strip("“”\"")
            yield q, Recognition(spec, f"{kind}（未写数量，按1个计）", spec.name_zh, 0.6, rule="named_facility")
            break


def _bounded(sentences: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    out = []
    for start, end in sentences:
        while end - start > MAX_SENTENCE_CHARS:
            limit = start + MAX_SENTENCE_CHARS
            cut = max((m.end() for m in _CLAUSE_MARK.finditer(text, start + MAX_SENTENCE_CHARS // 2, limit)),
                      default=limit)
            out.append((start, cut))
            start = cut
        out.append((start, end))
    return out


def _quoted_text(text: str) -> bool:
    return "“" in text or '"' in text or "「" in text


def _trimmed(sentence: str) -> tuple[str, int]:
    stripped = sentence.lstrip()
    lead = len(sentence) - len(stripped)
    return stripped.rstrip(), lead


def _canonical(q: Quantity, metric: MetricSpec | None) -> tuple[Decimal, Decimal | None, str]:
    """The value in the metric's unit (亿元 for GDP); generic money in 万元 (元 below 1万), other values as printed."""
    if metric is not None:
        scale = Decimal(metric.scale)
        return _tidy(q.value / scale), (_tidy(q.upper / scale) if q.upper is not None else None), metric.unit
    if q.family == "money" and q.value >= _WAN:
        return _tidy(q.value / _WAN), (_tidy(q.upper / _WAN) if q.upper is not None else None), "万元"
    if q.family == "money":  # 每餐只需12元: small sums stay in 元 (0.0012万元 reads as nonsense)
        return _tidy(q.value), (_tidy(q.upper) if q.upper is not None else None), "元"
    return _tidy(q.value), (_tidy(q.upper) if q.upper is not None else None), q.unit


def _tidy(value: Decimal) -> Decimal:
    """Drop trailing zeros without switching to an exponent (1E+3)."""
    with localcontext() as context:
        # Past the default 28 digits (a flood of digits before 个) quantize raised InvalidOperation and lost the
        # whole page; such a value is kept here and dropped as out of range where it is stored.
        context.prec = max(context.prec, len(value.as_tuple().digits) + 2, value.adjusted() + 2)
        value = value.normalize()
        return value.quantize(Decimal(1)) if value == value.to_integral_value() else value
