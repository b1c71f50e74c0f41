"""Named local initiatives: a quoted name that a verb of creation introduces (打造“津新驿站”, 推出“一刻钟党群服务圈”).

Quotes also hold slogans (“疫情要防住,经济要稳住”), lists of four-character phrases (“排查、整改、培训、演练”), honours
(获评“全市文明交通安全劝导站”), goals (打造“城郊乡村振兴示范地”) and numbered campaign items (“八张报表”); none of
those is an initiative of the place.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_LEXICON = Path(__file__).with_name("lexicon") / "initiatives.toml"
# (「老字号长者餐厅」: pages in traditional script quote with corner brackets.)
_QUOTE = re.compile(r"“([^“”]{1,24})”|\"([^\"]{1,24})\"|「([^「」]{1,24})」")
# 申报创建/争创“五星级”党支部: a title applied for is an honour too.
_HONOUR = re.compile(r"(?:获评|荣获|评为|被评为|授予|命名为|入选|获得|表彰为|列为|认定为|获|申报|争创)[^,;。]{0,20}$")
# 创建2个“基层党建先锋”: a title given to several units by count is a rating, not a name.
_COUNTED_TITLE = re.compile(r"(?:\d+|[一二两三四五六七八九十]+)\s*[个名家所支]$")
_TITLE_END = re.compile(r"(?:先锋|标兵|模范|之星|明星|榜样|示范户|星级)$")
# 《创新发展“晋江经验”…》: a quote inside a document's title belongs to the title.
_IN_TITLE = re.compile(r"《[^》]*$")
# (打造“工贸型特色名镇”为目标: a goal; 推出“强富美高新睢宁”系列报道: a paper's series of stories.)
_NOT_AFTER = re.compile(r"^(?:称号|荣誉|奖|精神|理念|思想|要求|目标|目标任务|奋斗目标|战略|号召|口号|重要|主题|文件|"
                        r"系列文件|政策|[\u4e00-\u9fff]{1,4}(?:理念|思想|精神)|(?:\([^()]{0,6}\))?(?:国家级|省级|市级|区级|县级)示范|"
                        r"\s*(?:为|作为)(?:目标|方向|导向)|系列报道|专栏|栏目)")
# 全国最美农村公路, 省级示范…: a name opening with a level is a title awarded, not the place's own.
_LEVEL_TITLE = re.compile(r"^(?:全国|全省|全市|全区|国家级|省级|市级|区级|县级)")
_GOAL_END = re.compile(r"(?:示范[\u4e00-\u9fff]{0,3}|先行区|高地|之城|之地|之都|样板|标杆|新高地|目的地|"
                       r"[一二三四五六七八九十]极|案例)$")
# 建成“长者饭堂”85家, 打造3个“红色驿站”: what is counted is a kind of thing, not one named initiative.
_COUNTED_AFTER = re.compile(r"[”\"]?\s*(?:共|达到?|有)?\s*[\d两三四五六七八九十百千万]+(?:\.\d+)?\s*(?:余|多)?"
                            r"\s*(?:个|家|名|支|处|座|所|户|人|间)")  # (“四色四务”20项对企服务: the items it holds)
_COUNTED_BEFORE = re.compile(r"(?:\d+|[两三四五六七八九十百千]+)\s*(?:余|多)?\s*(?:个|家|名|支|处|座|所|项|户|条|间|批)"
                             r"\s*$")
_PARTNERED = re.compile(r"(?:与|同|联合)[^,;。]{1,24}?(?:共建|合建|共同打造|合作建设)")
_PROJECT_BEFORE = re.compile(r"(?:启动|开工|加快|规划|谋划)建设$")
# 互嵌式, 蜂巢式, 点单式: a manner of doing things, not a name.
_MANNER = re.compile(r"[\u4e00-\u9fff]式$")
_NUMBERED = re.compile(r"^[一二两三四五六七八九十百千\d]+(?:[张项大个条件类级支多化心年篇]|板块|$)")
# 区中心-街道所-社区站: levels joined by dashes describe a structure.
_SLOGAN = re.compile(r"[,、;:!?。—‘’'-]")
# “戚力同心”“睦邻驿家”等15个志愿服务品牌, “红扇子”“小挎包”两大核心品牌: a run of the place's own brands.
_RUN_OF_BRANDS = re.compile(r"^等?[\d一二两三四五六七八九十百余多个项大批]*[\u4e00-\u9fff]{0,8}?品牌")
# 三分之一: a fraction, not a name.
_FRACTION = re.compile(r"^[\d一二两三四五六七八九十百千]+分之[\d一二两三四五六七八九十百千]+$")
# 四个一, 五个一: a count of ones is a formula of requirements, not a method's name.
_COUNT_OF_ONES = re.compile(r"^[一二两三四五六七八九十]+个[一二两三四五六七八九十]+$")
# 红橙黄蓝 (四色预警): colours name levels of a scale.
_COLOURS = re.compile(r"^[红橙黄绿青蓝紫白黑灰]{3,}$")
# 总书记作出“湾底嘱托”: words and plans of the country's leaders, which places carry out.
_LEADERS = re.compile(r"(?:总书记|习近平|党中央|国务院)[^,;。“”]{0,8}$")
# 专岗+轮值, 平时+战时, 党建+网格治理: generic words joined by plus signs are a formula, not a name (1+4+N is a code).
_FORMULA = re.compile(r"^[^\dA-Za-z]*\+[^\dA-Za-z]*$")
# 一企一策, 一户一档, 一对一, 点对点: a common formula of how work is done, nobody's own name.
_NOT_NUMERAL = r"(?![二三四五六七八九十百千两])[\u4e00-\u9fff]"
# 一办七组 / 一室七组: how a command office is staffed for a task, not a name of the place's own.
_OFFICE_LAYOUT = re.compile(r"^[一二三四五六七八九十\d]+(?:办|室|部|中心)[一二三四五六七八九十\d]+(?:组|专班)$")
_ONE_EACH = re.compile(rf"^一{_NOT_NUMERAL}一{_NOT_NUMERAL}$|^[一点人户面]对[一多点人户面]$")
_TITLE_BEFORE = re.compile(r"(?:首批|第[一二三四五六七八九十\d]+批|国家级|省级|市级|区级|县级)[\u4e00-\u9fff]{0,5}$")
# 1422, 4+, 580, 1+4+N: a code made of digits, letters and plus signs.
_CODE = re.compile(r"^[\dA-Za-z+]+$")
# 四五六七, 一五一十, 三级五星: a name of numerals (with a measure word or two) is a code of steps or parts.
_NUMERALS = re.compile(r"^(?:[一二两三四五六七八九十百千]+[\u4e00-\u9fff]?){2,}$")
_NEXT_IN_RUN = re.compile(r"[、和及与]?(?:“[^“”]{1,24}”|\"[^\"]{1,24}\"|「[^「」]{1,24}」)")
# 打造殷北村“新风堂”, 打造全区首个“津新驿站”: a place or a count between the verb and the quote says where or how
# many, not what kind.
_PLACE_OR_COUNT_END = re.compile(r"(?:村|社区|小区|街道|镇|乡|区|县|市|"
                                 r"(?:首|第?[一二两三四五六七八九十\d]+)[个家座支所处条项批])$")
# (以“经济攻坚年”为主题: a theme is a slogan the work is done under, not a carrier of the place's own.)
# 把网格打造成发现风险的“第一阵地”, 打造成“完整社区”: what something is turned into is a goal or a figure of speech.
_MADE_INTO = re.compile(r"(?:打造|建设|塑造|培育)成(?:为)?(?![效员果绩])")
_CARRIER = re.compile(r"^\s*(?:为|作为)(?:载体|抓手|平台|品牌|牵引|引领)")


@dataclass(frozen=True)
class Lexicon:
    verbs: re.Pattern
    brand_after: re.Pattern
    code_noun: re.Pattern
    mechanism_after: re.Pattern
    qualified_after: re.Pattern
    generic_words: frozenset[str]
    longest_generic: int
    higher_level: frozenset[str]
    higher_level_before: re.Pattern
    metaphors: tuple[str, ...]  # also as the end of a name (桂溪加速度, 余杭答卷)
    slogan_qualities: re.Pattern
    method_after: re.Pattern
    body_ending: re.Pattern
    campaign_after: re.Pattern
    higher_subject: re.Pattern
    # 志愿江苏, 中国时尚服装特色小镇: named after a province or the country (掌上海淀 only holds 上海)
    higher_named: re.Pattern
    action_opening: re.Pattern
    descriptor_after: re.Pattern
    carrying_out: re.Pattern
    inventing_before: re.Pattern
    own_action_after: re.Pattern
    event: re.Pattern


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = tomllib.loads(_LEXICON.read_text(encoding="utf-8"))
    generic = frozenset(data["generic_words"])
    higher = _alternation([w for w in data["higher_level_subjects"] if len(w) >= 2])
    return Lexicon(
        verbs=re.compile("(?:" + _alternation(data["creation_verbs"]) + ")(?:了|出|起)?"),
        brand_after=re.compile(r"^[\u4e00-\u9fff·]{0,14}?(?:" + _alternation(data["brand_nouns"]) + ")"),
        code_noun=re.compile("^(?:" + _alternation(data["code_nouns"]) + ")"),
        mechanism_after=re.compile(r"^[\u4e00-\u9fff]{0,6}?(?:" + _alternation(data["mechanism_nouns"]) + ")"),
        qualified_after=re.compile("^(?:" + _alternation(data["qualified_heads"]) + ")"),
        generic_words=generic,
        longest_generic=max(map(len, generic)),
        higher_level=frozenset(data["higher_level"]),
        higher_level_before=re.compile("(?:" + _alternation(data["higher_level_before"]) + r")\s*$"),
        metaphors=tuple(data["metaphors"]),
        method_after=re.compile(r"^的?[\u4e00-\u9fff]{0,4}?(?:" + _alternation(data["method_nouns"]) + ")"),
        slogan_qualities=re.compile("^(?:" + _alternation(data["slogan_qualities"]) + ")"),
        body_ending=re.compile("(?:" + _alternation(data["body_endings"] + data["place_titles"]) + ")$"),
        campaign_after=re.compile("^(?:" + _alternation(data["campaign_after"]) + ")"),
        higher_subject=re.compile(r"^(?:\s|\d{4}年|今年|去年|近年来|同时|此外)*(?:"
                                  + _alternation(data["higher_level_subjects"]) + ")(?:省|市|自治区)?(?:委|政府)?"
                                  r"(?:大力|全面|深入|持续|率先)?(?:实施|推行|推进|开展|部署|启动|提出|打造|推出)"),
        higher_named=re.compile(f"^(?:{higher})|(?:{higher})$|中国"),
        action_opening=re.compile("^(?:" + _alternation(data["action_openings"]) + ")"),
        descriptor_after=re.compile("^(?:" + _alternation(data["descriptor_after"]) + ")"),
        carrying_out=re.compile("^(?:" + _alternation(data["carrying_out_verbs"]) + ")"),
        inventing_before=re.compile("(?:" + _alternation(data["inventing_qualifiers"]) + ")$"),
        own_action_after=re.compile("^(?:" + _alternation(data["own_action_nouns"]) + ")"),
        event=re.compile(r"^(?:首届|第[一二三四五六七八九十\d]+届)|(?:" + _alternation(data["event_endings"]) + ")$"),
    )


def is_place_slogan(name: str, place_name: str | None) -> bool:
    """财富香河 of 香河县, 品质圣泉 of 圣泉街道: a quality the place promises before its own short name."""
    if not place_name:
        return False
    stem = re.sub(r"(?:街道|镇|乡|新区|区|自治县|县|自治州|州|市|旗)$", "", place_name)
    quality = lexicon().slogan_qualities.match(name)
    rest = name[quality.end():] if quality is not None else ""
    return len(rest) >= 2 and stem.startswith(rest)


def _describes(lex: Lexicon, after: str) -> bool:
    """A layout or structure noun after the quote (“党建一体”格局), unless a longer mechanism noun reads there
    (“社区”治理体系 is a system of work, “3+6”现代农业体系 the make-up of an economy)."""
    descriptor = lex.descriptor_after.match(after)
    mechanism = lex.mechanism_after.match(after)
    return descriptor is not None and (mechanism is None or descriptor.end() >= mechanism.end())


def is_generic(name: str, words: frozenset[str], longest: int) -> bool:
    """Whether ``name`` is made only of generic words (社区+网格, 志愿服务+岗): a kind of thing, not a name."""
    reachable = [True] + [False] * len(name)
    for i in range(len(name)):
        if not reachable[i]:
            continue
        for size in range(1, min(longest, len(name) - i) + 1):
            if name[i:i + size] in words:
                reachable[i + size] = True
    return reachable[len(name)]


_CATEGORIES = (
    ("养老", r"养老|老人|老年|助餐|食堂|敬老|银龄|长者|为老"),
    ("网格治理", r"网格|议事|微格|自治|共治|善治"),
    ("平安法治", r"平安|法治|治安|调解|消防|矛盾|纠纷|警|安全|除险"),
    ("党建", r"党建|党群|党员|党组织|红岩|先锋|支部|党"),
    ("便民服务", r"驿站|便民|服务圈|服务站|为民|小哥|服务"),
    ("经济发展", r"经济|企业|产业|招商|营商|商圈|楼宇|项目|发展"),
    ("文化", r"文化|文明|志愿|体育|讲堂|文艺|读书|书香"),
)


@dataclass(frozen=True)
class FoundInitiative:
    name: str
    category: str
    start: int  # of the quoted name within the sentence
    end: int
    confidence: float


def categorize(name: str, context: str, head: str = "") -> str:
    """The category of the noun the name qualifies (“红岩能量值”网格激励机制), else of the name itself, else the one
    its sentence talks about most (ties: earlier wins). ``服务`` alone is too common to decide from the head noun."""
    for text in (head, name):
        for category, pattern in _CATEGORIES:
            if category == "便民服务" and text is head:
                pattern = r"驿站|便民|服务圈|服务站|为民"
            if text and re.search(pattern, text):
                return category
    best, hits = "其他", 0
    for category, pattern in _CATEGORIES:
        n = len(re.findall(pattern, context))
        if n > hits:
            best, hits = category, n
    return best


# “十四五”规划: the country's five-year plan, never a place's own.
_FIVE_YEAR_PLAN = re.compile(r"^十[一二三四五六七八九]五(?:规划)?$")
# 家门口5分钟服务圈, 15分钟生活圈: a reach of services, a common goal rather than a name of the place's own.
_MINUTES_CIRCLE = re.compile(r"^(?:家门口)?(?:\d+|[一二三四五六七八九十两半]+)分钟(?:[\u4e00-\u9fff]{0,8}圈)?$")


def find_initiatives(sentence: str) -> list[FoundInitiative]:
    lex = lexicon()
    out = []
    for m in _QUOTE.finditer(sentence):
        name = (m.group(1) or m.group(2) or m.group(3)).strip()
        clause_start = max((c.end() for c in re.finditer(r"[,;:。!?]|——", sentence[: m.start()])), default=0)
        before = sentence[clause_start:m.start()]
        after = sentence[m.end():m.end() + 24]
        # “产业富区”、“三产强区”和“总部经济”发展战略: the noun after a run of quotes is what each of them names.
        run_end = m.end()
        while (more := _NEXT_IN_RUN.match(sentence, run_end)) is not None:
            run_end = more.end()
        run_after = sentence[run_end:run_end + 24]
        verb = None
        for v in lex.verbs.finditer(before):
            verb = v
        gap = m.start() - (clause_start + verb.end()) if verb is not None else 99
        # 以“我为小哥讲党课”为载体 / “铂金智库”工作品牌: the place's own without a verb of creation.
        carried = before.rstrip().endswith("以") and bool(_CARRIER.match(after))
        # “逢四说事”的协商机制, “三色三事六议”工作法: a quote named as a method or mechanism of its own, no verb needed.
        branded = bool(lex.brand_after.match(after)) or bool(lex.method_after.match(after)) \
            or bool(_RUN_OF_BRANDS.match(run_after))  # 做强“红扇子”“小挎包”两大核心品牌: each quote of the run
        if gap > 24 and not carried and not branded:
            continue
        if verb is not None and gap <= 24 and lex.carrying_out.match(verb.group()) \
                and not lex.inventing_before.search(before, 0, verb.start()) \
                and not lex.own_action_after.match(run_after) \
                and not branded:
            continue  # 大力实施“七增计划”: carried out, not said to be the place's own
        if _FIVE_YEAR_PLAN.match(name) or _MINUTES_CIRCLE.match(name):
            continue
        code = bool(_CODE.match(name)) or bool(_NUMERALS.match(name))
        if not code and len(re.findall(r"[\u4e00-\u9fff]", name)) < 3 and (noun := lex.code_noun.match(after)):
            name += noun.group()  # “三缘”工作法 is the 三缘工作法
        if code:
            mechanism = lex.mechanism_after.match(after)
            if not mechanism and (after.startswith("的") or verb is None or before.endswith("的")):
                continue  # 形成了“三纵四横”的道路, 四通八达的“四铁三高两快”: numerals naming a layout, not a method
            noun = lex.code_noun.match(after)
            if _CODE.match(name) and noun:
                name += noun.group()  # “1422”工作法 is the 1422工作法
        elif (
            _SLOGAN.search(name)
            or _NUMBERED.match(name)
            # 善治, 四纵: two characters make a word or a slot of a layout, not a name (no annotated name is shorter)
            or len(re.findall(r"[\u4e00-\u9fff]", name)) < 3
        ):
            continue
        # 荣获“中国鞋都”“世界茄克之都”…等15项“国字号”: every quote of a run after an honour is one.
        unquoted = _QUOTE.sub("", before)
        # A quote qualified by 的 with no verb of creation before it is described, not named, unless a brand or
        # mechanism noun follows it; “一江多湖多公园”的景观带 describes what follows it.
        described = (before.endswith("的") and verb is None and not branded
                     and not lex.mechanism_after.match(after)) \
            or (after.startswith("的") and not lex.mechanism_after.match(after[1:])) \
            or ("的" in name and len(name) >= 6) \
            or "与" in name \
            or (after.startswith("等") and not _RUN_OF_BRANDS.match(after))  # “第一议题”等制度: one of a kind
        if _IN_TITLE.search(sentence, 0, m.start()) or (_COUNTED_TITLE.search(before) and _TITLE_END.search(name)):
            continue
        if _MADE_INTO.search(before):
            continue
        if _PROJECT_BEFORE.search(before):
            continue  # 启动建设“农科芯城”: a construction project
        if _COUNTED_AFTER.match(sentence, m.end()) or _COUNTED_BEFORE.search(before) \
                or (run_end > m.end() and _COUNTED_AFTER.match(run_after.removeprefix("等"))
                    and "品牌" not in run_after[:16]):
            # (成立了“助老暖心”“红心向党”等22个特色志愿服务队: the run is samples of a counted kind, while
            # 打造了“戚力同心”“睦邻驿家”等15个志愿服务品牌 names each brand of the place's own.)
            continue
        if _PARTNERED.search(before):
            continue  # 与南京大学研究院共建“产学研用”平台: built with a partner, not the place's own
        if (
            described
            or _HONOUR.search(unquoted)
            or _MANNER.search(name)
            or lex.action_opening.match(name)
            or _describes(lex, run_after)
            or lex.higher_subject.match(unquoted)
            or lex.higher_named.search(name)
            or _NOT_AFTER.match(run_after)
            or _GOAL_END.search(name)
            or _TITLE_BEFORE.search(before)
            or lex.qualified_after.match(run_after)
            or name in lex.higher_level
            or name.endswith(lex.metaphors)
            or lex.higher_level_before.search(before)
            or _LEADERS.search(unquoted)
            or _COUNT_OF_ONES.match(name)
            or _FRACTION.match(name)
            or _COLOURS.match(name)
            or _LEVEL_TITLE.match(name)
            or is_generic(name, lex.generic_words, lex.longest_generic)
            or _FORMULA.match(name)
            or _ONE_EACH.match(name)
            or _OFFICE_LAYOUT.match(name)
            or name.startswith("关于")
            or lex.body_ending.search(name)
            or lex.event.search(name)
            or lex.campaign_after.match(run_after)
        ):
            continue
        if verb is not None and not (code or carried or branded or lex.mechanism_after.match(after)):
            # 打造便民多元“幸福网”, 构建多元主体参与的立体化“创城墙”: words between the verb and the quote (other
            # quotes of a run aside) describe what is made; the quote is its epithet.
            between = _QUOTE.sub("", before[verb.end():]).strip("、和及与 ")
            # (首创网格共享驿站—“民生小站”: a dash or colon before the quote sets the name beside its kind.)
            if 4 <= len(between) <= 8 and not _PLACE_OR_COUNT_END.search(between) \
                    and not between.endswith(("—", "-", ":")):
                continue
        head = re.match(r"[\u4e00-\u9fff]{0,8}", sentence[m.end():]).group()
        confidence = 0.8 if (gap <= 8 or carried or branded) else 0.65
        out.append(FoundInitiative(name, categorize(name, sentence, head), m.start(), m.end(), confidence))
    return out
