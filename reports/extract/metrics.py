"""Decide which catalogue metric a quantity measures, from the words around it in its sentence.

Beyond one noun next to one number, three sentence patterns matter:

- a regrouping (将115个网格整合划分为93个网格, 由…调整为…): the number before the change is history, the one after it
  is the current state;
- a list (三次产业增加值分别为：0.8亿元、30.05亿元、19.98亿元): the values line up with the enumerated subject;
- a bare growth rate (增速5%, 同比增长15%): it belongs to the nearest measure before it in the sentence.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from .catalogue import Catalogue, MetricSpec
from .lookahead import guarded
from .quantities import Quantity

_FILLER = re.compile(
    r"(?:[\s:”\"]|全年|当年|则|上半年|前三季度|共计|合计|累计|总计|共|达到|高达|多达|达|为|是|有|增至|增加到|突破|首次|首度|一举|约为|已达|已有|已经|已|分别|完成|实现|录得|目前|初步测算|初步核算|历史性的|创纪录的|"
    # 专职网格员配备30人: a verb of staffing or having between the noun and its number.
    r"配备|配齐|配强|配有|配置|设有|建有|拥有|现有|建成|建立|组建|成立|设立|设置|"
    # 网格调整为98个 / 综治网格细化为6000余个: the count the noun was changed to is its current count.
    r"(?:重新|进一步)?(?:优化)?(?:调整|优化|整合|细化|细分|划分|合并|扩充|扩大|压缩|精简|缩减|减少|增加|增设|重组)(?:为|成|到|至)|"
    # 注册志愿者发展到1350人 / 零售总额跃升至1851.7亿元: the count or amount the noun grew to is its current one.
    r"(?:进一步|稳步|持续|逐步)?(?:发展|增长|扩大|扩展|上升|壮大|提高|提升|跃升|攀升|增加)(?:到|至)|"
    # GDP可实现140亿元: a figure expected at the time of writing. 经济总量…,2021年达到447.74亿元: the year of it.
    r"可|有望|预计|初步统计|(?:19|20)\d{2}年(?:底|末)?|"
    # 生产总值现价总量为972846万元 / 固定资产投资纳统65.92亿元: at current prices, as entered in the statistics.
    r"(?:按)?现价(?:总量)?|纳统|"
    # 零售总额是2020年的1.4倍、跃升至1851.7亿元: a ratio to an earlier year, told on the way to the figure.
    r"(?:是|为|相当于)(?:19|20)\d{2}年(?:底|末)?的[\d.]+倍[、,]?)*$"
)
_TRAILING_NOTE = re.compile(r"\([^()]{0,12}\)\s*$")
# 地区生产总值【1】(GDP)总量 / 工业总产值(现价,下同): a footnote mark, a bracketed abbreviation or a note on the
# prices, wherever it stands, is no word of the noun.
_NOTE_INSIDE = re.compile(r"\([A-Za-z]{2,6}\)|【\d{1,2}】|\[\d{1,2}\]|\((?:现价|可比价|不变价|当年价)?,?(?:下同)?\)")
_CLAUSE = re.compile(r"[,;:!?。]")
_REGROUP = re.compile(
    r"(?:调整|整合|划分|合并|优化|压缩|精简|缩减|扩大|扩展|扩充|增加(?!值)|减少|提升|提高|降低|增至|减至|升至|降至|变更|重组|细化|细分|"
    r"分为|变为|改为|撤并|合为|并为|整合为)[\u4e00-\u9fff]{0,4}?(?:为|成|到|至)?\s*$"
)
# 由原来的120个 / 从2019年的80亿元 … 到2023年的120亿元
_YEAR_OF = r"(?:(?:19|20)\d{2}年(?:底|末)?)?"
# 从改革开放之初的7991.5万元提高到133.64亿元: a start named by a time rather than a year.
_FROM = re.compile(r"(?:由|从)" + _YEAR_OF + r"(?:[\u4e00-\u9fff]{2,6}?(?:之初|初期|之时))?"
                   r"(?:原来|原有|原先|现有|此前)?的?\s*$")
_DATED_FROM = re.compile(r"(?:由|从)(?:19|20)\d{2}年(?:底|末)?(?:原来|原有|原先|现有|此前)?的?\s*$")
_TO = re.compile(r"(?:为|成|到|至)" + _YEAR_OF + r"的?\s*$")
# 比上年(以下简称同比)增长9.4%: a note on the comparison between it and the rate.
_COMPARISON_NOTE = r"\((?:下同|以下简称同比|以下同)\)"
_GROWTH = re.compile(
    # (生产总值15.25亿元,年增长率7.9%: the rate of the year on the year before.)
    r"(?:同比|比上年|较上年|较去年|比去年|与上年相比|年均|年(?=增长率))?(?:" + _COMPARISON_NOTE + r")?(?:分别)?"
    # 比上年增长(可比价)9.8%: a note on how the rate was reckoned may stand before it.
    r"(?P<dir>增长率?|增速|增幅|上升|提高|增加|下降|减少|降低|回落|下滑|比增|比降|(?<=上年|去年|同期)增|(?<=上年|去年|同期)降)(?:\([^()]{1,8}\))?(?:了|为|达到?)?\s*$"
)
_NO_SUBJECT = re.compile(
    r"^(?:[\s,、]|实际|全年|上半年|下半年|前三季度|一季度|今年|去年|上年|年初|当年|同期|其中|分别|较|比|与|同|和|相比|同比|年均|"
    r"增速|增幅|实现|完成|达到|共|按可比价格?(?:计算)?|按当年价格?(?:计算)?|按不变价格?(?:计算)?|按可比口径计算|初步核算|"
    + _COMPARISON_NOTE + r"|"
    # 生产总值达1040亿元,预计增长7%: an estimate of the same measure's growth.
    r"预计|预估|初步统计|"
    r"累计|并|且|也|还|均|约|总量|总额|规模|大关|现价|可比价?|按现价计算|负|\d{4}年|\d{1,2}月(?:份|底)?|[1-9]-\d{1,2}月)*$"
)
_DECLINE = ("下降", "减少", "降低", "回落", "下滑", "比降", "降")
# 年均增长8%: an average over several years, not the growth on the year before.
_AVERAGE_GROWTH = re.compile(r"年均(?:\(下同\))?(?:增长|增速|增幅|提高|增加)(?:了|为|达到?)?\s*$")
# Plans and goals: 将 followed by a verb is the future (将新建), 将 followed by a noun only marks the object (将辖区…);
# 占全年目标的106.7% / 完成目标 measure a result against its goal, they set none.
# 计划生育 (family planning) and 计划单列市 name no plan.
# 预期转弱 / 预期管理: expectations as a noun set no goal, nor does a result measured against them (超预期完成).
# (The look-behinds come after the word, so that only where it stands are they tried.)
_EXPECTED = (r"预期(?<!超预期)(?<!超出预期)(?<!超过预期)(?<!好于预期)(?<!高于预期)(?<!优于预期)(?<!符合预期)"
             r"(?<!达到预期)(?!转弱|减弱|偏弱|走弱|不稳|不足|管理|向好|改善|稳定|持续)")
# 发展计划目标任务总体完成较好: a plan or goal reported as done sets none for what follows.
# (计划建设的8个停车场全部投入使用: the plan's work reported as all in use, a few words on.)
_ALL_DONE = r"(?:全部|均已|已全部|均)(?:投入使用|投用|建成|完成|完工|竣工)"
_DONE = (r"(?!(?:目标)?(?:任务)?(?:总体|全面|顺利|圆满|超额|均已|已|基本)?(?:完成|执行|落实|实现)"
         r"|[^,;。]{0,20}?" + _ALL_DONE + ")")
# 占全年目标的106.7% / 完成年计划78.52%: the share of a goal or plan reached measures a result, it sets no goal.
_SHARE_OF = r"(?<![为占])(?<!占年)(?<!占全年)(?<!占年度)(?<!完成)(?<!完成年)(?<!完成全年)(?<!完成年度)"
_TARGET_FORMS = (
    r"力争|(?<!按)(?<!按照)" + _SHARE_OF + r"计划(?!生育|单列|[”\"])" + _DONE
    + r"|(?<!以)(?<![”\"])" + _SHARE_OF + r"目标" + _DONE + "|" + _EXPECTED +
    r"|拟|争取实现|确保|(?<!截止)(?<!截至)到20\d\d年(?:底|末)?(?!的)|下一步|明年|今后|"
    r"规划(?:建设|新建|建成)|将(?:要|会|继续|新建|建成|建设|完成|打造|新增|实施|推进|开展|达到|实现|突破|超过|增加|提升|力争|确保|"
    r"改造|改建|加装|安装|开工|新开工|启动|组建|培育|引进|招募|投资|投入|"
    r"在|于|陆续|逐步|再|进一步|持续|全面)|年内再|再新建|再新增|再增设|再建"
)
_TARGET = guarded("力计目预拟争确到下明今规将年再", _TARGET_FORMS)
# 还有2家日间照料中心正在建设中: what is still being built is a plan, not yet a count of the place's.
_UNDER_WAY = re.compile(r"[^,;。]{0,30}?(?:正在建设|正在建|正在筹建|建设中|筹建中|在建中)")
# 计划建设的8个停车场全部投入使用: the plan's count reported done right after it is a result.
_PLAN_DONE_AFTER = re.compile(r"^[^,;。]{0,12}?" + _ALL_DONE)
# 提出地区生产总值增长6.5%左右的预期目标: the words after a figure can make it a goal too.
_TARGET_AFTER = re.compile(r"^\s*(?:左右|以上|以内)?的?(?:预期|奋斗|发展|年度|工作)?目标")
_GOAL_FORMS = (
    # 以“网格连心”为目标 names an aim, not a figure to reach
    # (坚持“两点”定位、“两地”“两高”目标 / 实施“八项行动计划”: aims and plans a slogan names, no figure to reach.)
    r"力争|(?<!以)(?<![”\"])" + _SHARE_OF + r"目标" + _DONE + "|" + _EXPECTED
    + r"|(?<!按)(?<!按照)" + _SHARE_OF + r"计划(?!内|外|生育|单列|[”\"])" + _DONE
    + r"|重点抓好|重点做好|重点推进|主要任务|工作安排|(?:今年|明年|全年)[^,;。]{0,8}主要指标|"
    # 今年年底,…全市打造…200个以上: what is to stand by the end of the year under way
    r"(?<!截至)(?<!截止)(?<!至)今年年底前?,|"
    r"(?<!截止)(?<!截至)到20\d\d年(?:底|末)?(?!的)|下一步|明年|今后|"
    # 确保市场总量突破4.2万家,企业总数突破260家: what is to be ensured, clause after clause
    r"确保[^,;。]{0,12}?(?:突破|达到|完成|实现|超过)"
)
# 完成16.17亿元(目标79.5亿元,完成20.3%);固定资产投资完成3.32亿元: a goal quoted in brackets beside a result sets
# nothing for the clauses after it.
_ASIDE = re.compile(r"\([^()]{0,40}\)")
_GOAL = guarded("力目预计重主工今明全到下确", _GOAL_FORMS)
# 同比增长8%以上,完成区人代会批准增长8%以上目标;社会消费品零售总额473亿元 / 完成镇人代会年初预算计划38亿元的
# 61.92%;完成规模以上工业总产值…: a clause that measures a result against its goal or plan sets none after it.
_GOAL_MET = re.compile(r"(?:超额|顺利|全面|圆满)?(?:完成|实现|达到|超过|超出)")


def _goal_set(text: str) -> bool:
    for m in _GOAL.finditer(text):
        clause_start = max(text.rfind(c, 0, m.start()) for c in ",;:") + 1
        if not (m.group().startswith(("目标", "计划")) and _GOAL_MET.match(text, clause_start)):
            return True
    return False
# 较2020年增长30%: a rate over the years since the one named (the pipeline compares it with the figure's year).
_SINCE_YEAR = re.compile(r"(?:较|比|与|同|和)(?P<year>(?:19|20)\d{2})年(?:末|底)?(?:相比)?,?(?:增长|提高|增加|翻)")
_ONE_QUARTER = re.compile(r"(?<![前三])(?:第)?([一二三四])季度")
_ESTIMATE = re.compile(r"预计|预估|初步统计|初步核算|初步测算")
# 生产总值首次突破百亿元,达到102.3亿元: the round figure passed is a milestone; the value after it is the measure.
_PASSING = r"(?:首次|首度|历史性|一举|率先)?(?:突破|超过|跨越|迈上|站上|跨上|首破|跃过|跃上|越过|迈过|跨过|闯过)"
_MILESTONE = re.compile(_PASSING + r"\s*$")
_MILESTONE_WORDS = re.compile(_PASSING + r"?\s*$")
# 跨上70亿元台阶,达到72.1亿元: the threshold's own noun may stand between it and the restated value.
_THRESHOLD_NOUN = re.compile(r"[\s,、]*(?:新?(?:台阶|大关|关口))?[\s,、]*")
_RESTATED = re.compile(r"^\s*(?:(?:19|20)\d{2}年)?(?:并|已|累计|总量|规模)?(?:达到|达|为|至|增至|实现|录得|完成)\s*$")
_RESPECTIVELY = re.compile(r"分别(?:为|是|达到?|有|增长|完成|实现)[\s:]*")
_THREE_SECTORS = re.compile(
    r"(?:三次产业|一二三产业?|一、二、三产业?|第一、二、三产业?|第一、第二、第三产业|一、二、三次产业|"
    r"第一产业[、和及与]第二产业[、和及与]第三产业|一产[、和及与]二产[、和及与]三产)"
)
# 从2004年突破100亿元到2024年突破1000亿元: 到 a year after 从 a year closes a history, it sets no goal.
_FROM_YEAR_TO_YEAR = re.compile(r"[从由](?:19|20)\d{2}年[^,;。!?]*?到(?:19|20)\d{2}年")


def _history_span(sentence: str, c_start: int, start: int) -> str:
    """The clause before a figure, without a 从…年…到…年 history (whose 到2024年 is no goal)."""
    return _FROM_YEAR_TO_YEAR.sub("", sentence[c_start:start])


_COMPARED = re.compile(r"(?:同比|比上年|较上年|较去年|比去年|与上年相比)$")
_LIST_GAP = re.compile(r"^[\s、,和及与]*$")
_BARE_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])")
_LIST_GAP_BARE = re.compile(r"^(?:[\s、,和及与]|\d+(?:\.\d+)?(?=[\s、,和及与]))*$")
# Verbs and function words that end a noun phrase; labels of generic quantities are cut at them.
_VERBS = (
    "建成投用|建成|新建|新增|完成|开展|进行|实现|累计|建立|成立|打造|投入|投资|争取|整治|改造|安装|加装|发现|处置|"
    "收集|采集|举办|组织|提供|培育|引进|发放|帮助|解决|办理|接收|走访|慰问|选派|整合|推动|推进|设立|设置|配备|配齐|"
    "惠及|覆盖|涵盖|吸引|动员|承办|达到|创建|交办|推送|治理|接待|参与|参加|获得|获评|送上|出动|清理|清砍|落实|"
    "施划|提档升级|升级|修缮|规范|申报|实施|培养|孵化|登记|评选出|评选|产生|释放|聚集|集聚|汇集|入驻|建设|免费|"
    "突破|下降|增长|提高|上升|减少|降低|提出|正在|占|达|为|有|是|共|已|对|向|在|从|将|把|被|给|其中"
)
_VERB_RE = re.compile(_VERBS)
_FUNCTION_CUT = re.compile(r"[的和与及等或并]")


@dataclass(frozen=True)
class Recognition:
    metric: MetricSpec | None
    note: str
    label: str
    confidence: float
    history: bool = False  # the before-value of a regrouping
    target: bool = False
    # A 其中 part of a total given earlier in the sentence (its metric and where the total stands): the pipeline
    # keeps it as that metric only when it belongs to another place (全区…,其中玉林街道…).
    part_of: MetricSpec | None = None
    total_at: int = -1
    rule: str = ""  # which grammar named the metric (see FactResult.rule)
    since: int | None = None  # the year a rate is measured from, when the sentence names it


@dataclass(frozen=True)
class _Compiled:
    spec: MetricSpec
    before: re.Pattern | None
    after: re.Pattern | None
    requires: re.Pattern | None
    after_with: tuple[tuple[re.Pattern, re.Pattern], ...]
    before_with: tuple[tuple[re.Pattern, re.Pattern], ...]
    veto: re.Pattern | None
    note: re.Pattern | None


_COMPILED: dict[int, tuple[Catalogue, tuple[_Compiled, ...]]] = {}


def _compiled(catalogue: Catalogue) -> tuple[_Compiled, ...]:
    # Keyed by identity: hashing a catalogue hashes every spec, which is slower than the matching itself.
    cached = _COMPILED.get(id(catalogue))
    if cached is not None and cached[0] is catalogue:
        return cached[1]
    out = []
    for spec in catalogue.metrics:
        out.append(_Compiled(
            spec,
            re.compile("(?:" + "|".join(spec.before) + r")$") if spec.before else None,
            re.compile("(?:" + "|".join(spec.after) + ")") if spec.after else None,
            re.compile("(?:" + spec.after_requires + r")$") if spec.after_requires else None,
            tuple((re.compile(p), re.compile("(?:" + r + r")$")) for p, r in spec.after_with),
            tuple((re.compile("(?:" + p + r")$"), re.compile(r)) for p, r in spec.before_with),
            re.compile("(?:" + "|".join(spec.veto) + r")$") if spec.veto else None,
            re.compile(spec.note) if spec.note else None,
        ))
    if len(_COMPILED) > 16:
        _COMPILED.clear()
    _COMPILED[id(catalogue)] = (catalogue, tuple(out))
    return _COMPILED[id(catalogue)][1]


_FITTING: dict[tuple[int, str, str], tuple[Catalogue, tuple[_Compiled, ...]]] = {}


def _fitting(catalogue: Catalogue, family: str, unit: str) -> tuple[_Compiled, ...]:
    """The compiled metrics a quantity of this family and counting word may be, in catalogue order: matching a
    figure then tries only those (a page of 20,000 figures would otherwise test every metric for each)."""
    key = (id(catalogue), family, unit)
    cached = _FITTING.get(key)
    if cached is not None and cached[0] is catalogue:
        return cached[1]
    found = tuple(c for c in _compiled(catalogue) if _fits(c.spec, family, unit))
    if len(_FITTING) > 256:
        _FITTING.clear()
    _FITTING[key] = (catalogue, found)
    return found


def _fits(spec: MetricSpec, family: str, unit: str) -> bool:
    if spec.family in ("money", "percent"):
        return family == spec.family
    return family == "count" and unit in spec.counters


def accepts(spec: MetricSpec, q: Quantity) -> bool:
    """Whether a quantity's family and counting word fit a metric (亿元 for GDP, 个 for grids)."""
    if spec.family == "money":
        return q.family == "money"
    if spec.family == "percent":
        return q.family == "percent"
    return q.family == "count" and q.unit in spec.counters


def _head(text: str) -> str:
    """The clause before a number without the filler between noun and number (共/达/为…) or a note in brackets
    (地区生产总值(GDP)51亿元)."""
    text = _NOTE_INSIDE.sub("", text)
    text = text[: _FILLER.search(text).start()]
    stripped = _TRAILING_NOTE.sub("", text)
    return stripped[: _FILLER.search(stripped).start()] if stripped != text else text


def match_metric(catalogue: Catalogue, q: Quantity, head: str,
                 post: str, context: str = "") -> tuple[MetricSpec, str, float, str] | None:
    """The metric whose cue sits right before (``head``) or after (``post``) the quantity; None when none does
    or when a veto says the count belongs to someone else. ``context`` is the sentence before the clause."""
    # The verb a noun after the number needs (完成12个老旧小区改造) is one _head drops as filler: check it on the
    # clause as printed.
    raw, head = head.rstrip(), _head(head)
    post = post.lstrip(" ")  # 新增 51家 “长者照护之家”: a page's spacing around a figure
    fitting = _fitting(catalogue, q.family, q.unit if q.family == "count" else "")
    for c in fitting:
        if c.before is not None:
            m = c.before.search(head)
            if m:
                if c.veto is not None and c.veto.search(head[: m.start()]):
                    return None
                return c.spec, _note(c, m.group()), 0.9, "before"
        if c.after is not None:
            m = c.after.match(post)
            if m and (c.requires is None or c.requires.search(head) or c.requires.search(raw)):
                if c.veto is not None and c.veto.search(head):
                    # 把党支部建在194个网格上: the grids are named, another metric (the branches) is counted.
                    if any(p.match(post) and (r.search(head) or r.search(raw)) for o in fitting if o is not c
                           for p, r in o.after_with):
                        continue
                    return None
                return c.spec, _note(c, m.group()), 0.85, "after"
        for pattern, requires in c.after_with:
            m = pattern.match(post)
            vetoed = c.veto is not None and c.veto.search(head)
            if m and (requires.search(head) or requires.search(raw)) and not vetoed:
                return c.spec, _note(c, m.group()), 0.85, "after"
        # 35个项目集中签约,投资总额63.01亿元;8个项目集中开工,总投资4.42亿元: past a semicolon that opens another
        # set of projects, the words before it are of those others (新签约项目30个…;到位资金65.02亿元 stays one topic).
        after_semicolon = context[context.rfind(";") + 1:]
        near = after_semicolon if "项目" in after_semicolon else context
        for pattern, needed in c.before_with:
            m = pattern.search(head)
            if m and needed.search(near + head[: m.start()]):
                return c.spec, _note(c, m.group()), 0.8, "before_in_context"
    modified = _MODIFIED_NOUN.match(post) if q.family == "count" else None
    if modified is not None:
        # 组建7支由党员、积极分子等构成的志愿服务队 / 选派620余名党建引领专业网格员: a count names its noun after a
        # description of it; the noun the description leads to is the counted one.
        bare = post[modified.end():]
        if modified.group("plain") is None or q.unit in _PEOPLE_OR_TEAMS:
            found = match_metric(catalogue, q, raw, bare, context)
            if found is not None and found[3] == "after":
                return found
    return None


# A description between a counting word and its noun: a relative clause (由…组成的, …好的) or, for people and
# teams only, a few words of kind (党建引领专业网格员): 5个社区网格 names the communities, not the grids' kind.
_MODIFIED_NOUN = re.compile(
    r"(?:(?:由|以)?[^,;。!?]{1,24}?(?:组成|构成|组建|牵头|参与)的|(?:共有|拥有|涵盖|包括)[^,;。!?]{1,16}?的"
    r"|[^,;。!?、\d“”]{1,14}?(?:高|强|好|优|硬|实|精|专业|过硬|热心|热情|年轻)的"
    r"|(?P<plain>(?:党建引领|专业|专业化|骨干|优秀|精干|年轻|党员|业余)+))"
)
_PEOPLE_OR_TEAMS = ("名", "人", "位", "支")


def _note(c: _Compiled, cue: str) -> str:
    if c.note is None:
        return ""
    m = c.note.search(cue)
    return m.group().strip("“\"") if m else ""


# The longest clause in every corpus so far has 71 characters. Cues are searched in a figure's clause, once per
# figure: a clause of thousands of figures and no comma (a hostile file) would make that quadratic, so beyond
# MAX_CLAUSE_CHARS a figure sees only CLAUSE_WINDOW characters either side of it.
MAX_CLAUSE_CHARS = 200
CLAUSE_WINDOW = 32


@lru_cache(maxsize=4096)
def clause_bounds(sentence: str, position: int) -> tuple[int, int]:
    # Asked again and again for the same figure by the passes over a sentence: cached.
    # Marks further away than MAX_CLAUSE_CHARS only tell that the clause is over-long: look no further.
    lo = max(0, position - MAX_CLAUSE_CHARS - 1)
    start = 0 if lo == 0 else -1
    for m in _CLAUSE.finditer(sentence, lo, position):
        start = m.end()
    opened = sentence.rfind("(", max(0, start - 12), start) if start > 0 else -1
    if opened >= 0 and ")" not in sentence[opened:start] and ")" in sentence[start:position]:
        # 工业总产值(现价,下同)完成241.94亿元: a comma inside a bracketed note ends no clause.
        start = 0 if lo == 0 else -1
        for m in _CLAUSE.finditer(sentence, lo, opened):
            start = m.end()
    m = _CLAUSE.search(sentence, position, position + MAX_CLAUSE_CHARS + 1)
    end = m.start() if m else (len(sentence) if len(sentence) <= position + MAX_CLAUSE_CHARS else -1)
    if start < 0 or end < 0 or end - start > MAX_CLAUSE_CHARS:
        return max(start, position - CLAUSE_WINDOW), (end if 0 <= end < position + CLAUSE_WINDOW
                                                      else position + CLAUSE_WINDOW)
    return start, end


def label_for(q: Quantity, sentence: str, q_start: int, q_end: int) -> str:
    """A short noun phrase naming a generic quantity: the noun after its counting word, else the words before it."""
    c_start, c_end = clause_bounds(sentence, q_start)
    if q.family == "count":
        word = _lead_noun(sentence[q_end:c_end])
        if len(word) >= 2:
            return word
    head = _head(sentence[c_start:q_start])
    word = _tail_noun(head)
    if q.family == "percent":
        m = _GROWTH.search(head)
        if m and not word.endswith(m.group("dir")):
            word = _tail_noun(head[: m.start()]) + m.group("dir")
    return word or q.printed_unit


def _lead_noun(post: str) -> str:
    m = re.match(r"[“\"]?([\u4e00-\u9fff“”]{1,12})", post)
    if not m:
        return ""
    run = m.group(1)
    verb = _VERB_RE.search(run, 1)
    if verb:
        run = run[: verb.start()]
    run = _FUNCTION_CUT.split(run, maxsplit=1)[0]
    return run.replace("“", "").replace("”", "")[:10]


def _tail_noun(head: str) -> str:
    segment = re.split(r"[、()]", head.rstrip())[-1]
    m = re.search(r"[\u4e00-\u9fff“”]+$", segment)
    if not m:
        return ""
    run = whole = m.group()
    verbs = list(_VERB_RE.finditer(run))
    while verbs and verbs[-1].end() == len(run):
        run = run[: verbs[-1].start()]  # 停电原因占 → 停电原因
        verbs = [v for v in verbs[:-1] if v.end() <= len(run)]
    if verbs:
        run = run[verbs[-1].end():]
    if "的" in run:
        run = run.rsplit("的", 1)[1] or run
    run = run.replace("“", "").replace("”", "") or whole.replace("“", "").replace("”", "")
    return run[-10:]


def recognize(catalogue: Catalogue, sentence: str, quantities: list[tuple[Quantity, int, int]], *,
              topic: MetricSpec | None = None, section: MetricSpec | None = None) -> list[Recognition]:
    """One Recognition per quantity of a sentence; positions are (quantity, start, end) relative to the sentence.
    ``topic`` is the measure the sentences before it spoke of, which a breakdown by place carries on."""
    results: list[Recognition | None] = [None] * len(quantities)
    breakdown = topic if topic is not None and _BY_PLACE.search(sentence) else None
    history = _regrouped(sentence, quantities, catalogue)
    carried, passed = _milestones(sentence, quantities)
    quarters = len(set(_ONE_QUARTER.findall(sentence))) >= 2
    _lists(catalogue, sentence, quantities, results)
    if "为" in sentence:
        for i in _superseded(sentence, quantities):
            q, start, end = quantities[i]
            results[i] = Recognition(None, "修订前", label_for(q, sentence, start, end), 0.4, history=True)
    for i, (q, start, end) in enumerate(quantities):
        if results[i] is not None:
            continue
        c_start, c_end = clause_bounds(sentence, start)
        head, post = sentence[c_start:start], sentence[end:c_end]
        if i in carried:
            subject, restated_from = carried[i]
            head = subject + sentence[max(c_start, restated_from):start]
        if i in passed:
            results[i] = Recognition(None, "里程碑", label_for(q, sentence, start, end), 0.4, history=True)
            continue
        if i in history:
            # 从2022年底的1.52万户增加到1.71万户: a starting point with its own year is that year's value.
            dated = _DATED_FROM.search(head)
            found = match_metric(catalogue, q, _FROM.sub("", head), post) if dated else None
            results[i] = (Recognition(found[0], found[1], found[0].name_zh, found[2] - 0.05, rule="dated_start")
                          if found
                          else Recognition(None, "调整前", label_for(q, sentence, start, end), 0.5, history=True))
            continue
        distributed = _distributed(head) or _continued_stock(sentence, c_start, head)
        found = (match_metric(catalogue, q, distributed, post) if distributed else None) \
            or match_metric(catalogue, q, head, post, sentence[max(0, c_start - 30):c_start])
        if found is not None and found[3] == "before" and i > 0 and quantities[i - 1][2] > c_start:
            # 在418个网格建立315个网格党组织: the noun right after the count before is that count's, not this one's.
            rest = sentence[quantities[i - 1][2]:start]
            # (社区12个网格45个 pairs each noun with the number after it: a verb must stand between.)
            # (500万元以上固定资产投资完成6.77亿元: a threshold before the noun is no count of it.)
            threshold = sentence[:quantities[i - 1][2]].endswith(("以上", "以下")) or rest.startswith(("以上", "以下"))
            # (细分为561个网格7709个单元格: but where the count before was read with this noun after it, and had
            # none before it, the noun is that count's even with no verb between.)
            previous = results[i - 1]
            before_previous = sentence[c_start:quantities[i - 1][1]]
            counted_before = previous is not None and previous.rule == "after" and previous.metric is found[0] \
                and _head(before_previous) != before_previous.rstrip()
            if rest[:1] not in "、,和及与 " and not threshold \
                    and (_head(rest) != rest.rstrip().rstrip("”\"") or counted_before) \
                    and match_metric(catalogue, q, rest, "") is not None:
                found = match_metric(catalogue, q, "", post)
        if (gloss := _GLOSSED_LABEL.search(head)) is not None:
            # 划分四级网格(微网格)1082个: a label glossed in brackets is counted as the glossed thing.
            found = match_metric(catalogue, q, head[:gloss.start()] + gloss.group(1), post) or found
        if found is not None and q.weak and (not _COUNTING_VERB.search(head) or q.unit in ("名", "人", "位")):
            # “过去一个网格要管一千多户”: 一个 is an article, not a count of one; 设置一名社区网格员 staffs one unit.
            found = None
        if found is None and (gloss := _GLOSSED_NOUN.match(post)) is not None:
            # 共划分335个片区(网格): a local word for the counted thing, glossed with the common one in brackets.
            found = match_metric(catalogue, q, head, gloss.group(1) + post[gloss.end():])
        labelled = c_start > 0 and not head.strip() and sentence[c_start - 1] == ":"
        if found is None and c_start > 0:
            found = _named_in_clause_before(catalogue, q, sentence, c_start, head)
        if found is None and c_start > 0 and (labelled or _TOTAL_ONLY.match(head)):
            # 地区生产总值:8.6亿元 (a table-like line) / 每个网格配备1名专职网格员,共123名 / 9个社区全部建成社区养老
            # 服务站,共9个: the figure is of the noun that ends the clause before it.
            p_start, _ = clause_bounds(sentence, c_start - 1)
            found = match_metric(catalogue, q, sentence[p_start:c_start - 1], post if labelled else "")
            if found is not None:
                found = (*found[:3], "label_line" if labelled else "previous_clause")
        if found is None and _TOTAL_OF_BEFORE.match(head):
            # 规上工业产值增长9.6%,位列全市第三;总量574亿元: the total of the measure whose growth came before.
            found = _total_of_earlier_measure(catalogue, q, results[:i], sentence[:c_start])
        if found is None and _REACHED.fullmatch(head):
            # 全镇国内生产总值增长14.5%,达到15亿元: the level the growth just given reached.
            growth = results[i - 1] if i > 0 else None
            if growth is not None and growth.metric is not None and growth.metric.growth_of:
                found = _total_of_earlier_measure(catalogue, q, results[:i], sentence[:c_start])
        reached = i > 0 and quantities[i - 1][0].family == "percent" and quantities[i - 1][1] >= c_start \
            and _REACHED.fullmatch(sentence, quantities[i - 1][2], start) is not None
        if found is None and reached:
            # 全县地区生产总值增长12.6%达92.9亿元 / 第一产业增长9.1%达21.2亿元: the level reached by the measure whose
            # growth was given right before, in the same clause.
            rate_head = sentence[c_start:quantities[i - 1][1]]
            grew = _GROWTH.search(rate_head)
            if grew is not None:
                found = match_metric(catalogue, q, rate_head[:grew.start()], post)
        if found is None and q.family == "money" and _BARE_OUTPUT.fullmatch(_head(head).strip()) \
                and (firms := _last_match(_INDUSTRY_SUBJECT, sentence, 0, c_start)) is not None:
            # 全县规模工业企业235家,实现产值380亿元 / 规模以上工业企业完成增加值226.4亿元;总产值928.36亿元: a bare
            # output continues the firms the sentence opened with.
            found = match_metric(catalogue, q, firms.group() + "总产值", post)
        if found is None and q.family == "money" and _BARE_VALUE_ADDED.search(_head(head)) \
                and not re.search(r"[业产]", _head(head)):
            found = _value_added_of_topic(catalogue, q, sentence[:c_start], head)
        if found is None and breakdown is not None and accepts(breakdown, q) and _BARE_MEASURE.search(head):
            found = (breakdown, "", 0.7, "breakdown")
        if found is None and section is not None and accepts(section, q) \
                and (bare := _TOPIC_NOUN.search(head)) and bare.group(1).rstrip("额") in section.name_zh:
            # 五、固定资产投资 / 上半年完成投资额48.27亿元: the short noun of the measure the section is headed by.
            found = (section, "", 0.7, "section")
        if found is not None and (_locative(catalogue, found[0], q, head, post) or _PER_UNIT.search(head)
                                  or _PER_CAPITA.search(head)
                                  or _per_unit_before(sentence, c_start, start)
                                  or (q.family == "count" and _ACTORS.match(post))):
            found = None
        # 力争到2025年,全区网格员达到3000名: the goal can be set in an earlier clause of the sentence.
        target = bool(_TARGET.search(_history_span(sentence, c_start, start))
                      or _goal_set(_ASIDE.sub("", sentence[:c_start]))
                      or _TARGET_AFTER.match(post) or _UNDER_WAY.match(post)) \
            and not _PLAN_DONE_AFTER.match(post)
        if found is None and q.family == "percent":
            found = _growth(catalogue, sentence, quantities, i, results, head)
        if found is None and q.family == "percent" and i == 0 and c_start == 0 and topic is not None \
                and _GROWTH_OPENING.match(head) and (growth := catalogue.growth_metric(topic.key)) is not None:
            # 地区生产总值16.27亿元。比2013年增长15.4%: a sentence that opens with the rate continues the measure
            # of the sentence before.
            found = (growth, "", 0.7, "growth")
        if found is not None and q.family == "percent" and _AVERAGE_GROWTH.search(head):
            found = None  # 年均增长8%: an average over several years, not the growth on the year before
        if found is not None and q.family == "percent" and _ON_NAMED_YEAR.search(head) \
                and any(r is not None and r.metric is found[0] for r in results[:i]):
            found = None  # 同比增长22.3%,较2019年同期增长4.9%: beside the rate on the year before, one on an older base
        if found is None:
            results[i] = Recognition(None, "", label_for(q, sentence, start, end), 0.3 if q.weak else 0.5,
                                     target=target)
            continue
        spec, note, confidence, rule = found
        if target:
            results[i] = Recognition(None, "目标", label_for(q, sentence, start, end), 0.4, target=True)
            continue
        if spec.family in ("money", "percent") and quarters and _ONE_QUARTER.search(sentence[c_start:start]):
            results[i] = Recognition(None, "季度", label_for(q, sentence, start, end), 0.4)
            continue  # 一季度增长2.2%,二季度增长0.8%…: a quarter's figure in a breakdown by quarter
        summed = q.family == "money" and "累计" in sentence[c_start:start] \
            and (_SEVERAL_YEARS.search(sentence[:start]) or _AVERAGE_AFTER.match(sentence, end))
        if (spec.yearly and _SEVERAL_YEARS.search(sentence[:start])) or summed:
            # 五年来…累计实现地区生产总值138.7亿元 / 累计实现第三产业增加值69.5亿元,年均增长11.7%: a sum over
            # years (while 五年来…地区生产总值达到636.4亿元 is the level the last of them reached).
            results[i] = Recognition(None, "多年累计", label_for(q, sentence, start, end), 0.4)
            continue
        if _ESTIMATE.search(sentence[c_start:start]) or _ESTIMATE.search(sentence[:start][-12:]):
            note = "预计" if not note else note + ";预计"
        since = _SINCE_YEAR.search(head) if q.family == "percent" else None
        results[i] = Recognition(spec, note, spec.name_zh, confidence, rule=rule,
                                 since=int(since.group("year")) if since else None)
    for i in range(1, len(results)):
        r, before = results[i], results[i - 1]
        if r is not None and r.metric is not None and r.rule == "growth" and before is not None \
                and before.rule == "breakdown" and r.metric.growth_of == before.metric.key:
            results[i] = replace(r, rule="breakdown")  # the rate of a breakdown's part is a part's rate too
    _passed_after_value(sentence, quantities, results)
    _shared(catalogue, sentence, quantities, results)
    _shared_growth(catalogue, sentence, quantities, results)
    _after_values(catalogue, sentence, quantities, history, results)
    _parts(catalogue, sentence, quantities, results)
    # 下辖基层党支部13个。其中,…老干部党支部1个: a sentence opening with 其中 lists parts of the count before it.
    # (Money after 其中 is mostly a sector's or a place's share, read by the rules for those.)
    carried = topic is not None and topic.family not in ("money", "percent") and sentence.lstrip().startswith("其中")
    _subsets(catalogue, sentence, quantities, results, total_before=topic if carried else None)
    _place_shares(sentence, quantities, results)
    _place_row(sentence, quantities, results, topic)
    _tiers(results)
    _general_branches(sentence, quantities, results)
    _additions(sentence, quantities, results)
    return [r for r in results]  # type: ignore[misc]


def _after_values(catalogue: Catalogue, sentence: str, quantities: list[tuple[Quantity, int, int]],
                  history: set[int], results: list[Recognition | None]) -> None:
    """网格由原来的120个调整为98个: the new value is described by the words around the old one."""
    for i in history:
        j = i + 1
        current = results[j]
        if current is None or current.metric is not None or current.target:
            continue
        q1, s1, e1 = quantities[i]
        if re.search(r"[,;。!?]", sentence[e1:quantities[j][1]]):
            continue  # 原有97个…,新增11个,…增至108个: the figure right after is not the new value
        c_start, _ = clause_bounds(sentence, s1)
        head = _FROM.sub("", sentence[c_start:s1])
        found = match_metric(catalogue, quantities[j][0], head, sentence[e1:quantities[j][1]])
        if found is not None:
            spec, note, confidence, _ = found
            results[j] = Recognition(spec, note, spec.name_zh, confidence - 0.05, rule="regrouped")


_GROWTH_WORD = re.compile(r"(?:同比|比上年)?(?:增长|增幅|下降)")
# 分镇街看 / 从分乡镇来看: what follows gives, place by place, the measure the sentences before were about; each
# place's figure names the measure by its verb or a bare head (拱辰办实现产值5.3亿元, 比增8.62%).
# 分区县看 / 各县(市、区)投资增速…,其中…: a breakdown of the measure by place.
_BY_PLACE = re.compile(r"[从按]?分(?:乡镇|镇街|镇|街道|镇\(街道\)|街镇|乡|区县|县区|区|县|片区|区域)"
                       r"(?:来?看|情况看|统计)|各(?:县\(市、区\)|县市区|区县|县区|乡镇|镇街|街镇)")
_BARE_MEASURE = re.compile(r"(?:实现|完成|达到?|为)(?:产值|总值|总额|总量|投资)?\s*$")
_ON_NAMED_YEAR = re.compile(r"(?:比|较|与)(?:19|20)\d{2}年")
_REACHED = re.compile(r"\s*(?:达到|达)\s*")
_TOTAL_OF_BEFORE = re.compile(r"^\s*(?:总量|总额|总值)(?:为|达到?|完成|实现)?\s*$")


def _total_of_earlier_measure(catalogue: Catalogue, q: Quantity, earlier: list[Recognition | None],
                              before: str) -> tuple[MetricSpec, str, float, str] | None:
    for r in reversed(earlier):
        if r is None or r.metric is None:
            continue
        base = catalogue.get(r.metric.growth_of) if r.metric.growth_of else r.metric
        if base is not None and accepts(base, q):
            return base, "", 0.75, "total_of_earlier"
        return None
    # 固定资产投资增长15.5%,…;总量58.1亿元: a measure the catalogue has no growth rate for.
    growth = _last_match(_GROWTH_WORD, before, 0, len(before))
    if growth is None:
        return None
    clause = before[:growth.start()]
    clause = clause[max(clause.rfind(c) for c in ",;:。") + 1:]
    found = match_metric(catalogue, q, clause, "")
    return (found[0], found[1], 0.7, "total_of_earlier") if found else None


_AREA_WORD = re.compile(r"全(?:街道?|镇|乡|区|县|市)|"
                        r"(?:街道|镇|乡|区|县|市)(?:全年|上半年|前三季度)?(?:共|累计)?(?:实现|完成)")
# 实现增加值4.1亿元: value added named by its verb alone; what it is the value added of stands earlier.
_BARE_VALUE_ADDED = re.compile(r"(?:^|[\s,]|实现|完成|创造)增加值$")
# 第一产业稳中有进,全年实现增加值4.1亿元: a sector opening an earlier clause of the sentence owns it.
# (全县实现农林牧渔业总产值126.9亿元,实现增加值69.94亿元: the sector may follow the verb of its own figure.)
_SECTOR_TOPIC = re.compile(r"(?:^|[,;:)])\s*(?:\d{4}年,?)?(?:全年|[\u4e00-\u9fff]{1,8}?(?:街道|镇|乡|区|县|市))?"
                           r"(?:实现|完成)?(第[一二三]产业|[一二三]产|[\u4e00-\u9fff]{1,4}业)")


# 新增规模工业企业48家、高新技术企业26家、市场主体4798个: the verb opening a list of counted items holds for each.
# 注册登记志愿服务组织340个、志愿者10余万名 / 现有…: a stock verb holds for each item as well.
_LIST_VERB = re.compile(r"(?P<verb>新增|新建|新登记|新发展|新培育|新引进|新设立|"
                        r"新注册|新入驻|培育|建成|引进|现有|共有|拥有|已有|(?:实名)?注册(?=登记|[\u4e00-\u9fff]))")


# 现有志愿服务队伍27支,志愿者3948人: a bare noun after a comma is one more item of the stock the clause before
# opened with its verb and closed with its count.
_STOCK_OPENING = re.compile(r"^[\u4e00-\u9fff]{0,12}?(?P<verb>现有|共有|拥有|已有)")
_ENDS_COUNTED = re.compile(r"\d\s*[万亿]?[余多]?(?:个|支|家|名|人|户|所|处|座)$")


# (the bracket closes the noun: 村(社区)居家养老服务中心 names the kind of place a facility serves, no gloss)
_GLOSSED_NOUN = re.compile(r"[\u4e00-\u9fff]{1,4}\(([\u4e00-\u9fff]{1,6})\)(?![\u4e00-\u9fff])")
_GLOSSED_LABEL = re.compile(r"[\u4e00-\u9fff]{1,4}\(([\u4e00-\u9fff]{2,6})\)\s*$")
_BARE_OUTPUT = re.compile(r"(?:实现|完成)?(?:工业)?总?产值")
_INDUSTRY_SUBJECT = re.compile(r"(?:规模以上|规上|规模)工业(?:企业)?")


def _continued_stock(sentence: str, c_start: int, head: str) -> str | None:
    noun = head.strip()
    if c_start == 0 or sentence[c_start - 1] != "," or not re.fullmatch(r"[\u4e00-\u9fff]{2,8}", noun) \
            or _VERB_RE.search(noun):
        return None
    p_start, _ = clause_bounds(sentence, c_start - 1)
    previous = sentence[p_start:c_start - 1]
    m = _STOCK_OPENING.match(previous)
    return m.group("verb") + noun if m and _ENDS_COUNTED.search(previous) else None


def _distributed(head: str) -> str | None:
    cut = head.rfind("、")
    if cut == -1:
        return None
    m = _LIST_VERB.search(head, 0, head.find("、"))
    if m is None or not re.search(r"\d", head[m.end():cut]):
        return None
    return m.group("verb") + head[cut + 1:]


def _value_added_of_topic(catalogue: Catalogue, q: Quantity, before: str,
                          head: str) -> tuple[MetricSpec, str, float, str] | None:
    """The value added of the sector an earlier clause opened with; with no sector named in the sentence, the
    area's whole value added, i.e. its GDP, when the sentence names the area (全街道共实现增加值18.25亿元): a bare
    实现增加值8.0亿元 may continue a paragraph on one industry."""
    topics = _SECTOR_TOPIC.findall(before)
    if not topics and (not _AREA_WORD.search(before + head) or "工业" in before or "企业" in before):
        # 实现规模以上工业总产值74.99亿元…;实现增加值22.90亿元 / 27家规模以上企业实现产值…,实现增加值8.10亿元:
        # industry's or the firms' value added, not the area's.
        return None
    noun = topics[-1] + "增加值" if topics else "地区生产总值"
    found = match_metric(catalogue, q, noun, "")
    return (found[0], found[1], 0.75, "value_added_topic") if found else None


# 每千人拥有市场主体数122户 / 人均…: a ratio to the population or the area, not a count.
_PER_CAPITA = re.compile(r"(?:每(?:[一二两三四五六七八九十百千万]+|\d+)?(?:万|千|百)?(?:人|户|名|位|平方公里|公里)|"
                         r"人均|户均|平均每)[^,;。]{0,12}$")
# 每个网格配备网格员1名 / 每50户配备不少于两名党员: staffing per unit, not the total.
_PER_UNIT = re.compile(
    r"每(?:一|\d+)?(?:个|名|栋|幢|座|户|位|家|支|条)(?!月|季度|星期|小时|工作日)[\u4e00-\u9fff]{1,8}?"
    r"(?:都|均|至少)?(?:配备|配置|配齐|配强|配|设置|设立|设有|安排|落实|明确|建有|拥有|有|设|打造|建成|建设|新建)"
)
# 每个网格设有指导员各1名,并选聘1名网格长和2名网格员: the staffing of each unit runs on into the next clauses of
# the sentence until a total (共/总/全…) takes over.
_PER_UNIT_ANYWHERE = re.compile(_PER_UNIT.pattern.replace("(?:都|均|至少)?", "[^,;。]{0,12}?(?:都|均|至少)?"))
_TOTAL_WORD = re.compile(r"其中|共|总|合计|累计|全(?:街道?|镇|乡|区|县|市)|辖区")


# 按照每个实践站设1名专职人员…的要求,成立志愿服务分队40余个: the standard ends with its own noun.
_STANDARD_END = re.compile(r"的(?:要求|标准|原则|思路|模式)")


def _per_unit_before(sentence: str, clause_start: int, position: int) -> bool:
    last = _last_match(_PER_UNIT_ANYWHERE, sentence, 0, clause_start)
    return last is not None and not _TOTAL_WORD.search(sentence, last.end(), position) \
        and not _STANDARD_END.search(sentence, last.end(), position)


def _last_match(pattern: re.Pattern, text: str, start: int, end: int) -> re.Match | None:
    last = None
    for last in pattern.finditer(text, start, end):  # noqa: B007 - only the last match is wanted
        pass
    return last

# Verbs that make a lone 一 a count (全镇设置一个一级网格, 建成一个养老服务中心) rather than an article.
_COUNTING_VERB = re.compile(
    r"共|设|划分|划|建|有|配备|配|组建|成立|达到|达|新增|开办|开设|打造|形成|改造|提升|投用|启用|运营|完成"
)
# 五、固定资产投资 / 上半年完成投资额48.27亿元: the short noun under a section heading that names the measure.
_TOPIC_NOUN = re.compile(r"(?:完成|实现)(投资额?|总额|总值|产值|增加值)\s*$")
# The head of a figure that only sums up the clause before it (…每个网格配备1名网格员,共123名).
_TOTAL_ONLY = re.compile(
    r"^\s*(?:(?:目前|现在|如今|现|已)?(?:共|共计|合计|总计|累计|总共|一共)(?:配备|配齐|有|达到?|为)?"
    r"|(?:目前|现在|如今|现)(?:已|共)?(?:有|达到?)"
    # 规划建设59个社区养老驿站,已建成18个: what is done of the noun the clause before planned.
    r"|(?:目前|现)?已(?:经)?(?:建成|完成|投用|投入使用|开工))\s*$"
)
# 10名网格员获评…, 120名网格员同台竞技: the people counted are those who won, competed or took part.
# 派驻183名党员入驻微网格, 700余个党组织包保网格: those counted are the agents of a piece of work.
_ACTORS = re.compile(
    r"^[\u4e00-\u9fff“”]{0,6}(?:员|者|工|代表|干部|人才|组织|支部|单位)们?"
    r"(?:共同|集体|分别|先后|同时|正在|正|在|都|也|还|纷纷|全部|全体|主动)?"
    # (3个党支部被县委评为先进单位: an honour given by someone named between 被 and the verb)
    r"(?:获评|获得|荣获|获颁|获奖|获提名|被评为|被[\u4e00-\u9fff]{1,6}?(?:评为|授予|命名为|表彰为|确定为)|入选|参赛|"
    r"参加|参与|同台|竞技|报名|接受|受到|出动|"
    r"入驻|进驻|下沉|包保|包联|结对|认领|兼任|联(?:系|住|包)?(?:户|住户|群众|网格|楼栋)|到社区报到|报到|"
    r"说|表示|介绍|告诉|坦言|感慨|笑着说|回忆)"
)
_LOCATIVE_VERB = re.compile(
    r"^[\u4e00-\u9fff“”\"]{1,10}?(?:上|中|内|里)?(?:均|全部|都|率先)?"
    r"(?:开展|推行|实施|试点|推广|设立|建立|组建|成立|配备|举办|打造|安装|部署|上线)"
)


def _locative(catalogue: Catalogue, spec: MetricSpec, q: Quantity, head: str, post: str) -> bool:
    """在74个网格建立党支部 says where something was done, not how many grids there are; a cue that itself spans
    the verb (网格建立网格党支部 → grid party branches) still counts, and 在133个网格的基础上 is a base value."""
    if q.family != "count" or not re.search(r"(?:在|于)\s*$", _head(head)):
        return False
    verb = _LOCATIVE_VERB.match(post)
    if verb is None:
        return False
    compiled = next(c for c in _compiled(catalogue) if c.spec is spec)
    cue = compiled.after.match(post) if compiled.after is not None else None
    return cue is None or cue.end() < verb.end()


def _opens_with_among(sentence: str, c_start: int, start: int) -> bool:
    """Whether the clause of a figure opens with 其中, also where 其中 stands as a clause of its own (其中,企业2.6万家 /
    其中:村民小组党支部182个)."""
    return sentence[c_start:start].lstrip().startswith("其中") \
        or sentence[:c_start].rstrip().endswith(("其中,", "其中:"))


def _parts(catalogue: Catalogue, sentence: str, quantities: list[tuple[Quantity, int, int]],
           results: list[Recognition | None]) -> None:
    """市场主体总数1.08万户,其中企业3200余家: a bare noun after 其中 names a part of the total before it, which
    the catalogue may measure as a metric of its own (stock or flow as its parent)."""
    for i, (q, start, end) in enumerate(quantities):
        r = results[i]
        if r is None or r.metric is not None or r.target or r.history:
            continue
        c_start, c_end = clause_bounds(sentence, start)
        head = sentence[c_start:start].lstrip()
        if not _opens_with_among(sentence, c_start, start):
            continue
        noun = _head(head[2:] if head.startswith("其中") else head).strip()
        parent = next((results[j].metric for j in range(i - 1, -1, -1)
                       if results[j] is not None and results[j].metric is not None), None)
        if parent is None:
            continue
        for c in _compiled(catalogue):
            if parent.key not in c.spec.part_of or not accepts(c.spec, q) or c.after is None:
                continue
            named = c.after.fullmatch(noun) if noun else c.after.match(sentence[end:c_end])
            if named:
                results[i] = Recognition(c.spec, _note(c, named.group()), c.spec.name_zh, 0.8, rule="part")
                break


def _subsets(catalogue: Catalogue, sentence: str, quantities: list[tuple[Quantity, int, int]],
             results: list[Recognition | None], *, total_before: MetricSpec | None = None) -> None:
    """……210人，其中专职网格员80人: a part of a total already given is not a second total. ``total_before`` is the
    measure whose total the sentence before gave, when this one opens with 其中."""
    _parts_of_a_qualified_total(catalogue, sentence, quantities, results)
    seen: dict[str, int] = {total_before.key: 0} if total_before is not None else {}
    notes: dict[str, str] = {total_before.key: ""} if total_before is not None else {}
    # 有党员76名,其中干部党员13名,下岗党员34名: the parts run on, clause after clause, until a semicolon.
    listing: dict[str, int] = {}
    for i, (q, start, end) in enumerate(quantities):
        r = results[i]
        if r is None or r.metric is None:
            continue
        key = r.metric.key
        c_start, _ = clause_bounds(sentence, start)
        if key in seen and _TIER.match(r.note) and _TIER.match(notes[key]) and r.note != notes[key]:
            continue  # 其中一级网格15个、二级网格55个: the levels of one system, each whole, none a part of another
        # 下设7个党支部,其中机关党支部1个,楼院党支部6个: once 其中 follows the total, the clauses after it are parts
        # up to a semicolon, whether or not the first part read as the metric.
        among = sentence.rfind("其中", seen[key], start) if key in seen else -1
        sums_up = sentence[c_start:start].lstrip().startswith(("共", "合计", "总计"))
        opens = key in seen and (_opens_with_among(sentence, c_start, start)
                                 or (among != -1 and ";" not in sentence[among:start] and not sums_up))
        continues = key in listing and ";" not in sentence[listing[key]:start]
        if opens or continues or (key in seen and _in_brackets_after_total(sentence, quantities, results, i)):
            results[i] = Recognition(None, "其中", label_for(q, sentence, start, end), 0.5, part_of=r.metric,
                                     total_at=seen[key])
            listing[key] = end
            continue
        listing.pop(key, None)
        seen.setdefault(key, start)
        notes.setdefault(key, r.note)


def _in_brackets_after_total(sentence: str, quantities: list[tuple[Quantity, int, int]],
                             results: list[Recognition | None], i: int) -> bool:
    """党的基层组织421个(党委10个,党总支部34个,党支部377个): figures in brackets right after a total of the same
    measure break it down."""
    opened = sentence.rfind("(", 0, quantities[i][1])
    if opened < 0 or ")" in sentence[opened:quantities[i][1]]:
        return False
    r = results[i]
    return any(quantities[j][2] == opened and results[j] is not None and results[j].metric is r.metric
               for j in range(i))


def _parts_of_a_qualified_total(catalogue: Catalogue, sentence: str, quantities: list[tuple[Quantity, int, int]],
                                results: list[Recognition | None]) -> None:
    """共有28个居民区党组织,其中党总支16个,党支部12个: the total before 其中 is of one kind (a sector's
    organizations), so are its parts, up to a semicolon. Such a total is unread, its qualifier vetoes the metric; its
    noun without the qualifier still names the metric the parts would be read as."""
    if "其中" not in sentence:
        return
    for i, (q, start, _) in enumerate(quantities):
        c_start, _ = clause_bounds(sentence, start)
        if not _opens_with_among(sentence, c_start, start):
            continue
        before = [j for j in range(i) if quantities[j][2] <= c_start and quantities[j][0].family == q.family]
        total = results[before[-1]] if before else None
        if total is None or total.metric is not None or total.target or total.history:
            continue
        t_q, t_start, t_end = quantities[before[-1]]
        t_clause_start, t_clause_end = clause_bounds(sentence, t_start)
        head, post = _head(sentence[t_clause_start:t_start]), sentence[t_end:t_clause_end]
        if _LEVELS.match(post):
            continue  # 划定三个层级网格,其中一级网格15个: a count of levels is no total of the parts after it
        readings = [match_metric(catalogue, t_q, head[k:], "") for k in range(max(1, len(head) - 12), len(head) - 1)]
        readings += [match_metric(catalogue, t_q, "", post[k:]) for k in range(1, min(len(post), 12) - 1)]
        kinds = {found[0].key for found in readings if found is not None}
        end = sentence.find(";", start)
        for k in range(i, len(quantities)):
            p_q, p_start, p_end = quantities[k]
            if end != -1 and p_start > end:
                break
            part = results[k]
            if part is not None and part.metric is not None and part.metric.key in kinds:
                results[k] = Recognition(None, "其中", label_for(p_q, sentence, p_start, p_end), 0.5)


_LEVELS = re.compile(r"个?(?:层级|层次|级)")


# 近三年来 / 五年间 / "十四五"以来 / 党的十八大以来: a span of several years, not one.
_AVERAGE_AFTER = re.compile(r"\s*[,;、]?\s*(?:年均|平均每年)(?:增长|递增|增速)")
_SEVERAL_YEARS = re.compile(
    # (?<!\d): 2023年中江县 is a year and a name, not 3年中 (in three years).
    r"近(?:[两二三四五六七八九十]|[2-9]|1\d)年|(?:[两二三四五六七八九十]|(?<!\d)(?:[2-9]|1\d))年(?:来|间|以来|中|累计)|"
    r"[\"“]?十[一二三四五]五[\"”]?(?:以来|期间)|十八大以来"
    # 自2016年启动建设至今,累计完成…: a sum since a year named, up to now
    r"|[自从](?:19|20)\d{2}年[^,;。]{0,12}?(?:至今|以来)"
)
_ADDITION = re.compile(r"(?:新增|新建|新开|新设|增设|新开办|新改建|新投用)[^,;]{0,12}$")


def _same_kind(a: str, b: str) -> bool:
    """社区嵌入式养老服务站 and 社区养老服务站 are one kind of facility: the nouns end alike (or carry no note)."""
    if not a or not b:
        return a == b
    shared = 0
    while shared < min(len(a), len(b)) and a[-1 - shared] == b[-1 - shared]:
        shared += 1
    return shared >= min(3, len(a), len(b))


def _additions(sentence: str, quantities: list[tuple[Quantity, int, int]], results: list[Recognition | None]) -> None:
    """新增老年助餐点6个,全街道老年助餐点达到14个: an addition followed in the sentence by the new total of the same
    thing is part of that total; the total is the measure, the addition stays a generic figure."""
    for i, r in enumerate(results):
        if r is None or r.metric is None:
            continue
        c_start, _ = clause_bounds(sentence, quantities[i][1])
        if not _ADDITION.search(sentence[c_start:quantities[i][1]]):
            continue
        for j in range(i + 1, len(results)):
            later = results[j]
            if later is None or later.metric is not r.metric or not _same_kind(r.note, later.note) \
                    or later.rule == "place_share":
                continue  # (其中巴州区3001个: a place's share of the addition, no new total)
            j_start, _ = clause_bounds(sentence, quantities[j][1])
            if not _ADDITION.search(sentence[j_start:quantities[j][1]]):
                results[i] = Recognition(None, "新增", "新增" + (r.note or r.label), 0.5)
                break


_TIER = re.compile(r"^(?:([一二三四五六]|[1-6])级|(总)|(一般))")
_TIER_RANK = {c: i for i, c in enumerate("一二三四五六", 1)} | {str(i): i for i in range(1, 7)} | {"总": 0, "一般": 9}


def _tiers(results: list[Recognition | None]) -> None:
    """一级网格1个、二级网格14个、三级网格123个: in a tiered system the deepest level is the count of the metric; the
    levels above it (the whole subdistrict, its communities) are kept as generic quantities."""
    tiered: dict[str, list[tuple[int, int]]] = {}
    for i, r in enumerate(results):
        m = _TIER.match(r.note) if r is not None and r.metric is not None else None
        if m:
            tiered.setdefault(r.metric.key, []).append((_TIER_RANK[next(g for g in m.groups() if g)], i))
    for levels in tiered.values():
        if len({rank for rank, _ in levels}) < 2:
            continue
        deepest = max(rank for rank, _ in levels)
        for rank, i in levels:
            if rank < deepest:
                r = results[i]
                results[i] = Recognition(None, r.note, r.note + r.metric.name_zh.rstrip("数"), 0.5)


def _general_branches(sentence: str, quantities: list[tuple[Quantity, int, int]],
                      results: list[Recognition | None]) -> None:
    """下设10个党总支部,58个党支部: general branches counted beside the branches are another level of the same
    organisations; the branches are the count (as with the finest level of grids)."""
    kinds: dict[int, str] = {}
    for i, (_, start, end) in enumerate(quantities):
        r = results[i]
        if r is None or r.metric is None or r.metric.key != "party_organizations":
            continue
        c_start, _ = clause_bounds(sentence, start)
        around = sentence[end:end + 4] if sentence[end:end + 1] in "个党" else sentence[max(c_start, start - 4):start]
        m = _BRANCH_KIND.search(around)
        if m:
            kinds[i] = m.group()
    if "党支部" in kinds.values():
        for i, kind in kinds.items():
            if kind != "党支部":
                r = results[i]
                results[i] = Recognition(None, "党总支", r.label, 0.5)


_BRANCH_KIND = re.compile(r"党总支|党支部")


def _strip_note(text: str) -> str:
    return _TRAILING_NOTE.sub("", text)


def _passed_after_value(sentence: str, quantities: list[tuple[Quantity, int, int]],
                        results: list[Recognition | None]) -> None:
    """实现地区生产总值2055.62亿元,…,这也是GDP首次突破2000亿元: a threshold said to be passed after the value
    itself was given is no second value."""
    for i, (q, start, _) in enumerate(quantities):
        r = results[i]
        if r is None or r.metric is None:
            continue
        c_start, _ = clause_bounds(sentence, start)
        if not (_MILESTONE.search(sentence[c_start:start]) or _MILESTONE.search(sentence[c_start:start + 2])):
            continue  # (突破 may be printed as the figure's own qualifier)
        if any(results[j] is not None and results[j].metric is r.metric and quantities[j][0].value >= q.value
               for j in range(i)):
            results[i] = Recognition(None, "里程碑", r.label, 0.4, history=True)


def _milestones(sentence: str, quantities: list[tuple[Quantity, int, int]]) -> tuple[dict[int, tuple[str, int]],
                                                                                     set[int]]:
    """X首次突破百亿元,达到102.3亿元: the value restated after a milestone takes the milestone's subject
    (returned as a head to prepend, with where the restating words start), and the milestone itself is no
    measurement."""
    carried: dict[int, tuple[str, int]] = {}
    passed: set[int] = set()
    for i in range(len(quantities) - 1):
        q1, s1, e1 = quantities[i]
        q2, s2, _ = quantities[i + 1]
        if q1.family != q2.family:
            continue
        c1, _ = clause_bounds(sentence, s1)
        printed = sentence[c1:s1 + 2]
        if not (_MILESTONE.search(sentence[c1:s1]) or _MILESTONE.search(printed)):
            continue
        c2, _ = clause_bounds(sentence, s2)
        if c2 <= s1:
            c2 = sentence.rfind("、", e1, s2) + 1 or c2  # 迈上3万亿元新台阶、达到30145.79亿元: 、 parts the two
        if c2 <= s1 or not _RESTATED.match(sentence[c2:s2]) or not _THRESHOLD_NOUN.fullmatch(sentence[e1:c2]):
            continue
        carried[i + 1] = (_MILESTONE_WORDS.sub("", sentence[c1:s1]), c2)
        passed.add(i)
    return carried, passed


_BEFORE_CHANGE = re.compile(r"(优化|调整|整合|改革|合并|撤并|重组|改制|规范)前\s*[,:]")
_PREVIOUS = re.compile(r"(?:原有|原来|原先|此前|以往)的?[\u4e00-\u9fff]{0,4}?\s*$")  # 原有(网格)115个
_NEW_TOTAL = re.compile(
    r"(?:增至|增加到|增长到|调整为|调整到|变为|达到|达|扩大到|扩展到|扩充到|提升到|提高到|划分为|整合为|优化为|合并为)\s*$"
)


# A bare verb before the figure, or a verb and a short noun (完成投资).
_BARE_LEVEL = re.compile(r"^\s*(?:实现|完成|达到?|为)\s*$")
_DONE_NOUN = re.compile(r"(?:完成|实现)([\u4e00-\u9fff]{2,4})\s*$")
# How a figureless clause can end on the measure it names: it keeps growing, or it ranks first.
_KEEPS_GROWING = re.compile(r"(?:保持|实现|呈现)[\u4e00-\u9fff]{0,4}(?:增长|上升|回升|向好)(?:态势)?$|"
                            r"(?:最高|最低|最多|最少|最大|居首|第一)(?:的(?:是|为)[\u4e00-\u9fff]{2,10})?$")
_DIGIT = re.compile(r"\d")


def _named_in_clause_before(catalogue: Catalogue, q: Quantity, sentence: str, c_start: int,
                            head: str) -> tuple[MetricSpec, str, float, str] | None:
    """The measure a figureless clause just named, for the figure of the clause after it:
    固定资产投资保持平稳增长,实现0.32亿元 / GDP最高,为1203.43亿元 (a bare verb after a measure that keeps growing or
    ranks first), and 固定资产投资增势强劲,累计完成投资202.3亿元 (a short noun that ends the measure named; money
    only)."""
    bare = _BARE_LEVEL.match(head)
    short = None if bare or q.family != "money" else _DONE_NOUN.search(head)
    if not bare and short is None:
        return None
    p_start, _ = clause_bounds(sentence, c_start - 1)
    previous = sentence[p_start:c_start - 1]
    if _DIGIT.search(previous):
        return None
    if bare:
        growing = _KEEPS_GROWING.search(previous)
        found = match_metric(catalogue, q, previous[:growing.start()], "") if growing else None
    else:
        at = previous.rfind(short.group(1))
        found = match_metric(catalogue, q, previous[:at + len(short.group(1))], "") if at > 0 else None
        if found is not None and found[0].family != "money":
            found = None
    return (*found[:3], "previous_clause") if found is not None else None


def _kind_after(catalogue: Catalogue, q: Quantity, post: str) -> str | None:
    """The metric the noun right after a count names, whatever verb the clause has."""
    for c in _fitting(catalogue, q.family, q.unit if q.family == "count" else ""):
        if c.after is not None and c.after.match(post):
            return c.spec.key
    return None


def _other_kinds(catalogue: Catalogue | None, q1: Quantity, post1: str, q2: Quantity, post2: str) -> bool:
    """将46个网格细分为433个微网格: units split into units of another kind are both there, neither replaced."""
    if catalogue is None or q1.family != "count":
        return False
    first, second = _kind_after(catalogue, q1, post1), _kind_after(catalogue, q2, post2)
    return bool(first and second and first != second)


def _regrouped(sentence: str, quantities: list[tuple[Quantity, int, int]],
               catalogue: Catalogue | None = None) -> set[int]:
    """Indexes of quantities that are the old value of a change to another value (115 → 93), including 原有N个…
    when a later figure of the sentence in the same unit is what the count grew or changed to."""
    out = set()
    for i, (q1, s1, _) in enumerate(quantities):
        if not _PREVIOUS.search(sentence[max(0, s1 - 10):s1]):
            continue
        for q2, s2, e2 in quantities[i + 1:]:
            c2, _ = clause_bounds(sentence, s2)
            if q2.unit == q1.unit and _NEW_TOTAL.search(_strip_note(sentence[c2:s2])):
                if not _other_kinds(catalogue, q1, sentence[quantities[i][2]:s2], q2, sentence[e2:e2 + 12]):
                    out.add(i)
                break
    # 优化前,那龙镇共有党支部17个…;优化后,…党支部28个: the counts told before a change are the old ones.
    for before in _BEFORE_CHANGE.finditer(sentence):
        if not re.search(before.group(1) + r"后", sentence[before.end():]):
            continue
        stop = re.compile(r"[;。]|" + before.group(1) + r"后").search(sentence, before.end())
        end = stop.start() if stop else len(sentence)
        out.update(i for i, (_, start, _) in enumerate(quantities) if before.end() <= start < end)
    for i in range(len(quantities) - 1):
        q1, s1, e1 = quantities[i]
        q2, s2, _ = quantities[i + 1]
        if q1.unit != q2.unit:
            continue
        between = sentence[e1:s2]
        if re.search(r"[,;。!?]", between):
            continue
        if _REGROUP.search(between) or (_FROM.search(sentence[max(0, s1 - 8):s1]) and _TO.search(between)):
            e2 = quantities[i + 1][2]
            if not _other_kinds(catalogue, q1, between, q2, sentence[e2:e2 + 12]):
                out.add(i)
    return out


def _superseded(sentence: str, quantities: list[tuple[Quantity, int, int]]) -> set[int]:
    """生产总值、第二产业增加值分别由614.26亿元、352.16亿元修订为605.78亿元、339.34亿元: the figures as first
    published, replaced by the revised ones."""
    out: set[int] = set()
    for revised in _REVISED.finditer(sentence):
        since = sentence.rfind("由", max(0, revised.start() - 60), revised.start())
        if since >= 0 and not re.search(r"[;。]", sentence[since:revised.start()]):
            out.update(i for i, (_, start, _) in enumerate(quantities) if since < start < revised.start())
    return out


_REVISED = re.compile(r"(?:修订|修正|核定|更正|调整)为")


def _lists(catalogue: Catalogue, sentence: str, quantities: list[tuple[Quantity, int, int]],
           results: list[Recognition | None]) -> None:
    """X、Y、Z分别为a、b、c: give each value the metric of its item."""
    _listed_before_values(catalogue, sentence, quantities, results)
    for m in _RESPECTIVELY.finditer(sentence):
        subject_start = 0
        for c in re.finditer(r"[,;。!?]", sentence[: m.start()]):
            subject_start = c.end()
        subject = sentence[subject_start:m.start()]
        items = _items(subject)
        # …全省占比分别达到32.4%: shares, not growth rates.
        growth_list = bool(re.search(r"增长|增速|增幅|下降|比增", m.group() + subject[-6:])) and "占" not in subject
        run = []  # (item position, quantity index)
        position = 0
        cursor = m.end()
        for i, (_, start, end) in enumerate(quantities):
            if start < m.end():
                continue
            gap = sentence[cursor:start]
            if not _LIST_GAP_BARE.match(gap):
                break
            # 分别为0、3.2亿元、151.8亿元: a bare number takes the unit of the list and keeps its place in it.
            position += len(_BARE_NUMBER.findall(gap))
            run.append((position, i))
            position += 1
            cursor = end
        if len(items) < 2 and position >= 2 and run and _head(subject).strip():
            # 巩义市和新密市排名第二和第三,GDP总量分别为784.08亿元和765.89亿元: one measure, a value per place.
            items = [_head(subject)] * position
        if len(items) < 2 or position != len(items) or not run:
            continue
        for position, i in run:
            item = items[position]
            q = quantities[i][0]
            found = match_metric(catalogue, q, item, "")
            if found is None and q.family == "percent" and growth_list:
                # 规上工业总产值、固定资产投资同比分别增长6.2%、-19.3%: each item's growth rate.
                found = match_metric(catalogue, q, _COMPARED.sub("", item) + "增长", "")
            if found is not None:
                spec, note, _, _ = found
                results[i] = Recognition(spec, note, spec.name_zh, 0.85, rule="list")
            else:
                results[i] = Recognition(None, "", item[-10:], 0.5)


def _listed_before_values(catalogue: Catalogue, sentence: str, quantities: list[tuple[Quantity, int, int]],
                          results: list[Recognition | None]) -> None:
    """全区分别实现生产总值、财政总收入、固定资产投资42.24亿元、1.43亿元、10.65亿元: the nouns listed right before a
    run of as many values name them in order (without 分别为 between them and the values)."""
    if "、" not in sentence:
        return  # (the nouns are listed with 、: a sentence without one holds no such list)
    i = 0
    while i < len(quantities):
        run = _value_run(sentence, quantities, i)
        if len(run) < 2 or not _joined(sentence, quantities, run) or any(results[j] is not None for j in run):
            i = run[-1] + 1
            continue
        start = quantities[i][1]
        clause_start = max((c.end() for c in re.finditer(r"[,;。!?:]", sentence[:start])), default=0)
        items = _items(sentence[clause_start:start])
        if len(items) == len(run):
            for item, j in zip(items, run, strict=True):
                found = match_metric(catalogue, quantities[j][0], item, "")
                results[j] = (Recognition(found[0], found[1], found[0].name_zh, 0.85, rule="list") if found
                              else Recognition(None, "", item[-10:], 0.5))
        i = run[-1] + 1


def _value_run(sentence: str, quantities: list[tuple[Quantity, int, int]], first: int) -> list[int]:
    """The quantities listed from ``first`` on with nothing but 、/和 between them (3个、5个 / 5.1%、6.2%)."""
    run = [first]
    while run[-1] + 1 < len(quantities) \
            and _LIST_GAP_BARE.match(sentence[quantities[run[-1]][2]:quantities[run[-1] + 1][1]]):
        run.append(run[-1] + 1)
    return run


_PLACE_ITEM = re.compile(r"^[\u4e00-\u9fff]{1,3}$|(?:街道|镇|乡|区|县|市|社区|村)$")


def _shared(catalogue: Catalogue, sentence: str, quantities: list[tuple[Quantity, int, int]],
            results: list[Recognition | None]) -> None:
    """长桥街道、龙华街道分别建成养老服务站3个、5个: places listed before 分别 and their values after it; the
    values share the one noun the sentence names (after 分别, after the last value, or ending the list)."""
    for m in re.finditer("分别", sentence):
        c_start, _ = clause_bounds(sentence, m.start())
        subject = sentence[c_start:m.start()]
        parts = [p for p in re.split(r"[、和及与]", subject) if p]
        if len(parts) < 2 or not all(_PLACE_ITEM.search(p) for p in parts[:-1]):
            continue
        first = next((i for i, (_, start, _) in enumerate(quantities) if start >= m.end()), None)
        if first is None:
            continue
        run = _value_run(sentence, quantities, first)
        if len(run) != len(parts):
            continue
        last = quantities[run[-1]]
        _, c_end = clause_bounds(sentence, last[1])
        noun = parts[-1] if _PLACE_ITEM.search(parts[-1]) is None else ""
        head = noun + sentence[m.end():quantities[first][1]]
        for i in run:
            current = results[i]
            if current is not None and (current.metric is not None or current.history or current.target):
                continue
            found = match_metric(catalogue, quantities[i][0], head, sentence[last[2]:c_end])
            if found is not None:
                spec, note, _, _ = found
                results[i] = Recognition(spec, note, spec.name_zh, 0.8, rule="list")


# 其中道里街道17个、新华街道21个 / 分布情况为:道里区17个 / 金水区完成2786个: a place with its bare share of the
# total before it.
_PLACE_SHARE = re.compile(r"^[\s、,;:]*(?:(?:其中|分布(?:情况)?(?:为|是|如下)?|分别(?:为|是))[\s,:]*)?"
                          r"[\u4e00-\u9fff]{1,10}?(?:街道|镇|乡|区|县|市|州|盟|旗)"
                          r"(?:有|为|共|共有|建成|建有|完成)?\s*$")
# (改造的170个老旧小区分别为:岳阳楼区95个,经开区2个…: a total broken down by place after a colon)
_SHARES_FOLLOW = re.compile(r"其中|(?:分布(?:情况)?(?:为|是|如下)?|分别(?:为|是))\s*:")


def _place_shares(sentence: str, quantities: list[tuple[Quantity, int, int]],
                  results: list[Recognition | None]) -> None:
    """全区共建成养老服务站50个,其中道里街道17个、新华街道21个: each place's bare figure after a total is a share of
    that measure. The pipeline keeps a share only where it can name the place."""
    for j, total in enumerate(results):
        if total is None or total.metric is None or total.target or total.history:
            continue
        cursor = quantities[j][2]
        for i in range(j + 1, len(quantities)):
            q, start, end = quantities[i]
            gap = sentence[cursor:start]
            current = results[i]
            if current is not None and (current.metric is not None or current.history or current.target):
                break
            if i == j + 1:
                # the shares start after 其中 / 分布情况为: (the total's noun may come between)
                markers = list(_SHARES_FOLLOW.finditer(gap))
                if not markers:
                    break
                gap = gap[markers[-1].start():]
            if not _PLACE_SHARE.match(gap) or not accepts(total.metric, q):
                break
            results[i] = Recognition(total.metric, "", total.metric.name_zh, 0.75, rule="place_share")
            cursor = end


# 金平区12家 on a line of its own under 各区县数量: a row of a list by place, of the measure spoken of before it.
_PLACE_ROW = re.compile(r"^\s*[\u4e00-\u9fff]{1,10}?(?:街道|镇|乡|区|县|市)\s*(?:有|为|共|共有|建成|建有|:)?\s*$")
_ROW_END = re.compile(r"^\s*[,;。、]?\s*$")


def _place_row(sentence: str, quantities: list[tuple[Quantity, int, int]], results: list[Recognition | None],
               topic: MetricSpec | None) -> None:
    if topic is not None and _SHARES_OPEN.match(sentence):
        _place_clauses(sentence, quantities, results, topic)
        return
    if topic is None or len(quantities) != 1 or (results[0] is not None and results[0].metric is not None):
        return
    q, start, end = quantities[0]
    if _PLACE_ROW.match(sentence[:start]) and _ROW_END.match(sentence[end:]) and accepts(topic, q):
        results[0] = Recognition(topic, "", topic.name_zh, 0.7, rule="place_share")


# 我市新增停车泊位7754个。其中巴州区3001个,完成年度任务的100%;恩阳区670个…: a sentence that opens with 其中 after a
# total breaks it down by place, one clause a place (what else a clause says of its place is left alone).
_SHARES_OPEN = re.compile(r"^\s*其中[\s,:]*[\u4e00-\u9fff]{1,10}?(?:街道|镇|乡|区|县|市)")


def _place_clauses(sentence: str, quantities: list[tuple[Quantity, int, int]], results: list[Recognition | None],
                   topic: MetricSpec) -> None:
    for i, (q, start, _) in enumerate(quantities):
        if (results[i] is not None and results[i].metric is not None) or not accepts(topic, q):
            continue
        if q.chinese and q.approx == "over":
            continue  # 其中海宁市超千亿元: a threshold passed, the figure itself follows
        c_start, _ = clause_bounds(sentence, start)
        if _PLACE_SHARE.match(sentence[c_start:start]):
            results[i] = Recognition(topic, "", topic.name_zh, 0.7, rule="place_share")


_GROWTH_BEFORE_RESPECTIVE = re.compile(r"(?:增长|增速|增幅|比增)$")
_RESPECTIVE_IS = re.compile(r"(?:为|是|达到?)\s*")
_RESPECTIVE_GROWTH = re.compile(r"(?:同比|(?:比|较)(?:上年|去年)(?:同期)?)?(?:增长|增速|增幅|比增)(?:了|为|达到?)?\s*")


def _shared_growth(catalogue: Catalogue, sentence: str, quantities: list[tuple[Quantity, int, int]],
                   results: list[Recognition | None]) -> None:
    """…分别实现地区生产总值12.5亿元、8.3亿元,分别增长5.1%、6.2%: each rate of a 分别 run is the growth of the
    measure the values before it were given."""
    for m in re.finditer("分别", sentence):
        g = _RESPECTIVE_GROWTH.match(sentence, m.end())
        if g is None and _GROWTH_BEFORE_RESPECTIVE.search(sentence, 0, m.start()):
            g = _RESPECTIVE_IS.match(sentence, m.end())  # 同比增幅分别为31.7%、17.2%
        c_start, _ = clause_bounds(sentence, m.start())
        if g is None or not _NO_SUBJECT.match(sentence[c_start:m.start()]):
            continue  # 城乡居民人均可支配收入分别增长5%、7.1%: rates of a measure of their own
        first = next((i for i, (q, start, _) in enumerate(quantities) if start == g.end() and q.family == "percent"),
                     None)
        if first is None:
            continue
        run = list(itertools.takewhile(lambda i: quantities[i][0].family == "percent",
                                       _value_run(sentence, quantities, first)))
        if _pair_with_measures(catalogue, sentence, quantities, results, run):
            continue
        # The rates are of the values listed right before them (城镇、农村居民人均可支配收入28735元、13847元,分别
        # 增长8.3%、10.2%): when those name no metric, nothing earlier does either.
        last_value = next((j for j in range(run[0] - 1, -1, -1) if quantities[j][0].family != "percent"), None)
        base = results[last_value].metric if last_value is not None and results[last_value] is not None else None
        growth = catalogue.growth_metric(base.key) if base is not None else None
        if growth is None:
            continue
        for i in run:
            current = results[i]
            if current is None or (current.metric is None and not current.history and not current.target):
                results[i] = Recognition(growth, "", growth.name_zh, 0.8, rule="growth")


# 规上工业总产值58.01亿元、增加值13.8亿元,分别增长7.8%、7.85%: measures listed with 、, each with its own noun
# (not a place's name: 甲镇12亿元、乙镇8亿元 is one measure of several places).
_JOINED_ONLY = re.compile(r"\s*[、和及]\s*")


def _joined(sentence: str, quantities: list[tuple[Quantity, int, int]], indices: list[int]) -> bool:
    """Whether the quantities at ``indices`` follow each other with nothing but 、/和/及 between them."""
    return all(_JOINED_ONLY.fullmatch(sentence, quantities[a][2], quantities[b][1])
               for a, b in itertools.pairwise(indices))
_RESPECTIVE_VALUES = re.compile(r"分别(?:为|是|达到?|完成|实现)\s*$")
_MEASURE_LISTED = re.compile(r"、[\u4e00-\u9fff]{2,8}(?<![镇乡区县市村道])$")


def _pair_with_measures(catalogue: Catalogue, sentence: str, quantities: list[tuple[Quantity, int, int]],
                        results: list[Recognition | None], run: list[int]) -> bool:
    """完成地区生产总值164亿元,实现工业总产值480亿元,同比分别增长9.4%和8.5%: as many rates as measures given
    each in a clause of its own are their growth rates in order, a measure the catalogue has no rate for
    included (主营业务收入). False when the values before are not such measures (one measure listed for several
    places), which leaves the rates to the caller."""
    values = [j for j in range(run[0] - 1, -1, -1) if quantities[j][0].family != "percent"][: len(run)][::-1]
    if len(run) < 2 or len(values) != len(run):
        return False
    # (…等三项指标分别为49.26亿元、77亿元、29.69亿元,分别增长9.2%、3%、1.3%: values of a 分别 list, one per item.)
    # (…实现生产总值、固定资产投资42.24亿元、10.65亿元,分别同比增长14.5%、34.2%: values read as a list likewise.)
    listed = results[values[0]] is not None and results[values[0]].rule == "list"
    respective = (listed or _RESPECTIVE_VALUES.search(sentence, 0, quantities[values[0]][1]) is not None) \
        and _joined(sentence, quantities, values)
    apart = all(clause_bounds(sentence, quantities[a][1]) != clause_bounds(sentence, quantities[b][1])
                or _MEASURE_LISTED.match(sentence, quantities[a][2], quantities[b][1])
                for a, b in itertools.pairwise(values))
    if not respective and not apart:
        return False
    for j, i in zip(values, run, strict=True):
        base = results[j].metric if results[j] is not None else None
        growth = catalogue.growth_metric(base.key) if base is not None else None
        current = results[i]
        if current is not None and (current.history or current.target):
            continue
        label = current.label if current is not None else ""
        results[i] = (Recognition(growth, "", growth.name_zh, 0.8, rule="growth") if growth is not None
                      else Recognition(None, "", label, 0.4))
    return True


_ENDS_WITH_YEAR = re.compile(r"(?:19|20)\d{2}\s*年$")
_OPENS_WITH_YEAR = re.compile(r"^(?:19|20)\d{2}\s*年")
_SUMMED_UP = re.compile(r"等(?:[一二三四五六七八九十两\d]+(?:项|个|类|大))?[\u4e00-\u9fff]{0,8}$")


def _items(subject: str) -> list[str]:
    m = _THREE_SECTORS.search(subject)
    if m:
        rest = subject[m.end():]
        # 第一、二、三产业实现增加值分别为…: the verb between the sectors and their measure is no part of it.
        rest = re.sub(r"^(?:产业|产)", "", rest)
        rest = re.sub(r"^(?:分别)?(?:累计)?(?:实现|完成|达到|达)", "", rest)
        return [f"第{n}产业{rest}" for n in "一二三"]
    # GDP、规上工业总产值、出口交货值等三项主要经济指标分别为…: the summing-up noun after 等 is no item's.
    subject = _SUMMED_UP.sub("", subject)
    parts = [p for p in re.split(r"[、和及与]", subject) if p]
    if len(parts) < 2:
        return []
    last = parts[-1]
    # 2021年和2020年招商引资到位资金分别为…: years listed, one measure for each (the pipeline dates each value).
    if all(_ENDS_WITH_YEAR.search(p) for p in parts[:-1]) and _OPENS_WITH_YEAR.match(last):
        return [_OPENS_WITH_YEAR.sub("", last)] * len(parts)
    # 专职、兼职网格员 → 专职网格员, 兼职网格员: short leading items share the last item's head noun.
    out = []
    for part in parts[:-1]:
        if len(part) < len(last) and len(part) <= 3 and not part.isascii():
            out.append(part + last[len(part):])
        else:
            out.append(part)
    out.append(last)
    return out


_GROWTH_OPENING = re.compile(r"\s*(?:比上年|比去年|同比|较上年|较去年|(?:比|较)(?:19|20)\d{2}年)(?:同期)?"
                             r"(?:增长|增加|提高)了?\s*$")


def _growth(catalogue: Catalogue, sentence: str, quantities: list[tuple[Quantity, int, int]], i: int,
            results: list[Recognition | None], head: str) -> tuple[MetricSpec, str, float, str] | None:
    """A bare rate after a growth word belongs to the nearest measure before it in the sentence."""
    m = _GROWTH.search(head.rstrip())
    if not m:
        return None
    # 社会消费品零售总额增长9.8%: a noun of its own in the clause owns the rate, even without a value of its own
    # (only the words after any earlier figure of the clause count: 生产总值51亿元、增长5%).
    start = quantities[i][1]
    before = head[: m.start()]
    earlier = [e for _, s_, e in quantities[:i] if start - len(head) <= s_ and e <= start]
    if earlier:
        before = sentence[max(earlier):start - len(head) + m.start()]
    if not _NO_SUBJECT.match(before.lstrip("、")):
        return None
    for j in range(i - 1, -1, -1):
        q, qs, qe = quantities[j]
        if ";" in sentence[qe:start]:
            return None  # 生产总值731.8亿元,增长0.5%;固定资产投资…,增长8.4%: another item of the list
        if q.family == "percent":
            c_start, _ = clause_bounds(sentence, qs)
            earlier = sentence[c_start:qs].rstrip()
            g = _GROWTH.search(earlier)
            if g and not _NO_SUBJECT.match(earlier[: g.start()]):
                return None  # the nearest subject before this rate is another measure's
            continue
        base = results[j]
        if base is None:
            c_start, c_end = clause_bounds(sentence, quantities[j][1])
            found = match_metric(catalogue, q, sentence[c_start:quantities[j][1]], sentence[quantities[j][2]:c_end])
            base_spec = found[0] if found else None
        else:
            base_spec = base.metric
        if base_spec is None:
            return None
        growth = catalogue.growth_metric(base_spec.key)
        return (growth, "", 0.8, "growth") if growth is not None else None
    return None


def is_decline(head: str) -> bool:
    m = _GROWTH.search(head.rstrip())
    # 同比负增长3.4%: a growth below zero.
    return bool(m and (m.group("dir") in _DECLINE or head[: m.start("dir")].endswith("负")))
