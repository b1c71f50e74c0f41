"""Named local initiatives: a quoted name that a verb of creation introduces (打造“津新驿站”, 推出“一刻钟党群服务圈”).

Quotes also hold slogans (“疫情要防住,经济要稳住”), lists of four-character phrases (“排查、整改、培训、演练”), honours
(获评“全市文明交通安全劝导站”), goals (打造“城郊乡村振兴示范地”) and numbered campaign items (“八张报表”); none of
those is an initiative of the place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_QUOTE = re.compile(r"“([^“”]{2,16})”|\"([^\"]{2,16})\"")
_VERB = re.compile(
    r"(?:打造|推出|创建|成立|建立|形成|探索|实施|创新|培育|推行|构建|创设|创立|搭建|组建|开通|上线|设立|开设|启动|首创|新建|"
    r"建成|推广)(?:了|出|起)?"
)
_HONOUR = re.compile(r"(?:获评|荣获|评为|被评为|授予|命名为|入选|获得|表彰为|列为|认定为|获)[^,;。]{0,12}$")
_NOT_AFTER = re.compile(r"^(?:称号|荣誉|奖|精神|理念|思想|要求|目标|目标任务|奋斗目标|战略|号召|口号|重要|主题)")
_GOAL_END = re.compile(r"(?:示范地|示范街|示范区|先行区|高地|之城|之地|样板|标杆|新高地)$")
_NUMBERED = re.compile(r"^[一二两三四五六七八九十百千\d]+(?:[张项大个条件类级支多化心年]|板块|$)")
_SLOGAN = re.compile(r"[,、;:!?。+—]")
_TITLE_BEFORE = re.compile(r"(?:首批|第[一二三四五六七八九十\d]+批|国家级|省级|市级|区级|县级)[\u4e00-\u9fff]{0,5}$")
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


def find_initiatives(sentence: str) -> list[FoundInitiative]:
    out = []
    for m in _QUOTE.finditer(sentence):
        name = (m.group(1) or m.group(2)).strip()
        clause_start = max((c.end() for c in re.finditer(r"[,;:。!?]|——", sentence[: m.start()])), default=0)
        before = sentence[clause_start:m.start()]
        verb = None
        for v in _VERB.finditer(before):
            verb = v
        if verb is None or m.start() - (clause_start + verb.end()) > 24:
            continue
        after = sentence[m.end():m.end() + 12]
        if (
            _SLOGAN.search(name)
            or _HONOUR.search(before)
            or _NOT_AFTER.match(after)
            or _GOAL_END.search(name)
            or _NUMBERED.match(name)
            or _TITLE_BEFORE.search(before)
            or len(re.findall(r"[\u4e00-\u9fff]", name)) < 2
        ):
            continue
        gap = m.start() - (clause_start + verb.end())
        head = re.match(r"[\u4e00-\u9fff]{0,8}", sentence[m.end():]).group()
        out.append(FoundInitiative(name, categorize(name, sentence, head), m.start(), m.end(),
                                   0.8 if gap <= 8 else 0.65))
    return out
