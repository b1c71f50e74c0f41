"""Which year a figure is about.

An explicit year (2022年, 2023 年, 二〇二三年, 2022年度) in the sentence or paragraph wins; relative words (今年, 去年,
上半年, 年底) are read against the publication date; otherwise the article's year: the one its headline or opening
clause names, else the publication year, or the year before for a review published in January–March that talks
about that year. Without a publication date an unknown year stays None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .lookahead import guarded

_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9}
_YEAR_FORMS = (
    # 预计2023全年…: a year run into 全年 / 上半年 without its 年.
    # 《当代经济》2012年第21期: the issue of a periodical, not a time.
    r"(?<![\d])(?<!\d\.)(?P<y>(?:19|20)\d{2})(?:\s*年(?!代|龄|级|限|薪|终奖|第\s*\d+\s*期)|(?=全年|上半年|下半年|前三季度))"
    # 二〇〇〇年, and 二000年 typed with the digits it shares with the Arabic ones.
    r"|(?P<cy>[〇零○一二][〇零○一二三四五六七八九0-9]{3})年"
    # 在06年末共有435名党员: a year by its last two digits, at its end or start (not 10年, ten years)
    r"|(?<![\d.])(?P<yy>\d{2})年(?=末|底|初)"
    # 去年以来 / 从去年到现在 count from a year up to now: no single year.
    # 面对去年同期高基数: a base to compare with, not the time of a figure.
    r"|(?<![近往历])(?P<rel>今年|本年|去年|上年|前年|明年|次年)(?!至今|到现在|到目前|底以来|同期的?高?基数)"
    # 新年的首月 / 新年伊始 in a page of the year's first months: the year just begun
    r"|(?P<new>新年(?:的)?(?:首月|第一个月|伊始|开局|首季|第一季度))"
    r"|(?P<half>上半年|下半年|年底|年末|年初|1\s*[-—~至]\s*12\s*月)"
    # 目前 / 截至目前 speak of now: the article's own year again, whatever year the paragraph named before; 截至目前
    # (as of the day of writing) is the year it was written in, even in a review of the year before.
    r"|(?P<now>目前|截至目前|截止目前|当前|如今|现如今)"
    # 过去一年 / 刚刚过去的一年: the year just ended when printed early in the next
    r"|(?P<past>过去(?:的)?一年|刚刚过去的一年|刚过去的一年)"
    # “十三五”期间 / 十二五末: a five-year plan's period, whose figures stand at its last year (2020, 2015)
    r"|(?P<plan>[“\"]?十(?P<plan_n>[一二三四五])五[”\"]?(?:期间|时期|末))"
)
_YEAR = guarded("0123456789〇零○一二三四五六七八九今本去上前明次下年目截当如现过刚“\"十新", _YEAR_FORMS)
# 去年以来 counts from a year up to now: no single year. 今年以来 is this year so far.
_SINCE = re.compile(r"以来")
_COMPARISON = re.compile(r"(?:比|较|同比|与|同|和|高于|低于|快于|慢于|超过|好于)$")
# 2017年8月以来,…共划分网格792个: from that month up to the time of writing.
_SINCE_MONTH = re.compile(r"(?:\d{1,2}\s*月份?(?:\d{1,2}\s*日)?|[上下]半年|底|初|末)?以来")
_SINCE_FULL_YEAR = re.compile(r"以来[,\s]*[^,;。!?]{0,12}?全年")
_TIMES_OF = re.compile(r"(?:底|末)?的\s*[\d.]+\s*倍")
# (两年平均增速是指以2019年相应同期数为基数…): the base year of a computed rate dates no figure.
_BASE_YEAR = re.compile(r"[^,;。!?()]{0,8}?为(?:基数|基期|基准|基年)")
_RECKONED_BY = re.compile(r"[^,;。!?]{0,10}?(?:计算|计|价格|汇率|口径)")
_SINCE_YEAR = re.compile(r"[从自]$")
_SINCE_YEAR_END = re.compile(r"\s*(?:起|开始|至今)")
# 自2022年印发《…》以来,…: the period runs from that year to now.
_SINCE_CLAUSE = re.compile(r"[^,;。!?]{0,40}?以来")
_CLAUSE_START = re.compile(r"(?:^|[,;:。!?])\s*$")
# 2024年4月29日 after a report's title is when it was issued, not the year it reports on.
_DATELINE = re.compile(r"\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
_MONTH_ONLY = re.compile(r"\s*\d{1,2}\s*月\s*[)）]?\s*")
# 比去年同期: a comparison of this year's months with last year's, no review of last year.
_REVIEW = re.compile(r"去年(?!同期)|上年(?!同期)|过去(?:的)?一年|一年(?:以)?来|回顾|总结")


@dataclass(frozen=True)
class YearMention:
    start: int
    end: int
    year: int | None  # None: "now", i.e. the article's own year


# Every form _YEAR reads holds one of these: most paragraphs hold none and skip the long alternation.
_YEAR_HINT = re.compile(r"年|目前|当前|如今|月|五")


# 比2007年增长17%: a rate on the year named (not 增长3倍, a multiple over years).
_RATE_ON = re.compile(r"(?:同期)?(?:相比)?,?(?:增长|增加|下降|减少|提高)了?\s*-?[\d.]+\s*%")


# 同比增长25.5%,比2019年1-2月份增长32.1%: beside a rate on the year before, a rate on a named year spans two years.
_YEAR_ON_YEAR = re.compile(r"同比|比去年|比上年|较去年|较上年|两年平均")


def _compared(text: str, m: re.Match) -> bool:
    """比2022年增加12个 / 是“十一五”末的1.6倍: a year or plan the figure is compared with."""
    return bool(_COMPARISON.search(text[max(0, m.start() - 2):m.start()]) or _TIMES_OF.match(text, m.end()))


def year_mentions(text: str, published: date | None) -> list[YearMention]:
    out: list[YearMention] = []
    if not _YEAR_HINT.search(text):
        return out
    named = None  # the last year the paragraph named in digits
    compared: list[YearMention] = []
    for m in _YEAR.finditer(text):
        if m.group("y"):
            if text[m.start() - 1:m.start()] == "以" and _BASE_YEAR.match(text, m.end()):
                continue
            if text[m.start() - 1:m.start()] == "按" and _RECKONED_BY.match(text, m.end()):
                continue  # 按2020年不变价格计算 / 按2023年平均汇率计算: how a figure is reckoned, not when it is of
            if text[m.start() - 1:m.start()] == "继":
                continue  # 这是继2021年突破100亿元之后…: the earlier milestone dates nothing after it
            if _compared(text, m):
                if _RATE_ON.match(text, m.end()):
                    compared.append(YearMention(m.start(), m.end(), int(m.group("y")) + 1))
                continue  # 比2022年增加12个 / 是1949年的1186倍 compare with that year; the figure is of another
            if published is not None and int(m.group("y")) < published.year and _SINCE_FULL_YEAR.match(text, m.end()):
                # 2019年以来,马寨镇全年规模以上工业总产值… printed in 2020: a full year's figure is of that year
                out.append(YearMention(m.start(), m.end(), int(m.group("y"))))
                named = int(m.group("y"))
                continue
            if _SINCE_YEAR.search(text[max(0, m.start() - 1):m.start()]) and _SINCE_YEAR_END.match(text, m.end()) \
                    or _SINCE_YEAR.search(text[max(0, m.start() - 1):m.start()]) \
                    and _SINCE_CLAUSE.match(text, m.end()) \
                    or (published is not None and int(m.group("y")) < published.year
                        and _SINCE_MONTH.match(text, m.end())):
                out.append(YearMention(m.start(), m.end(), None))
                continue  # 从2011年起,…建设了4家: a period running up to now
            out.append(YearMention(m.start(), m.end(), int(m.group("y"))))
            named = int(m.group("y"))
        elif m.group("plan"):
            if _compared(text, m):
                continue  # 是“十一五”末的1.6倍: compared with the plan's last year, not dated by it
            out.append(YearMention(m.start(), m.end(), 2010 + 5 * (_CN_DIGITS[m.group("plan_n")] - 1)))
        elif m.group("yy"):
            short = int(m.group("yy"))
            century = 2000 if short <= (published.year % 100 if published is not None else 30) else 1900
            out.append(YearMention(m.start(), m.end(), century + short))
        elif m.group("cy"):
            year = int("".join(str(_CN_DIGITS.get(c, c)) for c in m.group("cy")))
            if 1900 <= year <= 2100:
                out.append(YearMention(m.start(), m.end(), year))
        elif published is None:
            continue
        elif m.group("new"):
            out.append(YearMention(m.start(), m.end(), published.year if published.month <= 6 else published.year + 1))
        elif m.group("past"):
            out.append(YearMention(m.start(), m.end(), published.year - 1 if published.month <= 6 else published.year))
        elif m.group("now"):
            out.append(YearMention(m.start(), m.end(), published.year if m.group("now").startswith("截") else None))
        elif m.group("rel"):
            if _COMPARISON.search(text[max(0, m.start() - 2):m.start()]):
                continue  # 比上年增长 compares with last year; the figure is this year's
            if m.group("rel") not in ("今年", "本年") and _SINCE.match(text, m.end()):
                continue
            offset = {"今年": 0, "本年": 0, "去年": -1, "上年": -1, "前年": -2, "明年": 1, "次年": 1}[m.group("rel")]
            year = published.year + offset
            if offset == 0 and published.month <= 3 and named == published.year - 1:
                year = named  # 2024年是…之年。今年以来,… in a review printed in January: written about 2024
            out.append(YearMention(m.start(), m.end(), year))
        else:
            half = m.group("half")
            if half == "年初" and _GOAL_SET.match(text, m.end()):
                continue  # 超额完成年初预定目标: when the goal was set, not the time of the figure
            # A bare 上半年 / 年底 printed early in the year still points at the year just ended.
            if text[max(0, m.start() - 2):m.start()] in ("今年", "去年", "本年", "上年", "明年"):
                continue
            # Printed in January–March, a bare half or 年初 is the year just ended (a review looks back on it);
            # 年初以来 / 年初至今 run up to now.
            early = published.month <= 3 and not (half == "年初" and text.startswith(("以来", "至今"), m.end()))
            year = published.year - 1 if early else published.year
            if named is not None and named < year:
                year = named  # 2021年全区…;一季度、上半年…: the halves of the year the paragraph speaks of
            out.append(YearMention(m.start(), m.end(), year))
    if published is not None:
        # 较2020年增长30% in a report printed in 2026: growth over a five-year plan (2021–2025) on its base year,
        # not the rate of 2021.
        compared = [c for c in compared if (c.year - 1) % 5 or published.year - (c.year - 1) < 4]
    if named is None and compared and len({c.year for c in compared}) == 1 and not _YEAR_ON_YEAR.search(text):
        # 全年地区生产总值102.8亿元,比2007年增长17%, in a paragraph naming no year: a rate on the year before, so
        # the figures are of 2008.
        out = sorted(out + compared, key=lambda y: y.start)
    return out


_GOAL_SET = re.compile(r"(?:预定|确定|既定|制定|下达|提出|设定)?的?(?:目标|计划|任务)")
# 2023年以来, / 2022年, / 2023年上半年: a year opening a clause sets the time of what follows.
_OPENING_YEAR = re.compile(r"(?:^|[,;:。!?\n])\s*((?:19|20)\d{2})\s*年(?:以来|上半年|下半年|全年|度)?\s*[, ]")
# (新疆)2023年伊犁哈萨克自治州特克斯县国民经济和社会发展统计公报: a report named with its year.
_REPORT_YEAR = re.compile(r"((?:19|20)\d{2})\s*年[^。!?\n]{0,24}?(?:统计公报|工作报告|工作总结|国民经济和社会发展|"
                          r"计划执行情况|年度报告|工作要点)")


def written_on(title: str, first_body: str, published: date | None) -> date | None:
    """The date relative words (今年, 上半年) are read against. A report named with its year (江岸区2024年国民经济和
    社会发展计划执行情况…) was written in that year, however much later a site posted it: its 今年 is that year."""
    if published is None:
        return None
    report = _REPORT_YEAR.search(title) or _REPORT_YEAR.search(re.split(r"[。!?]", first_body, maxsplit=1)[0])
    if report and int(report.group(1)) < published.year:
        return date(int(report.group(1)), 12, 31)
    return published


# 截至/截止到 2023年底 is a time of counting, not a goal.
_GOAL_YEAR = re.compile(r"(?:(?<![截止])(?:到|至)|力争|计划|预计|争取)$")


def default_year(published: date | None, article_text: str) -> int | None:
    """The year of an article's figures when nothing closer says otherwise."""
    if published is None:
        # An undated 2022年驿城区国民经济和社会发展统计公报 is of its own year, whatever date its office signed it.
        report = _REPORT_YEAR.search(article_text, 0, _HEAD_CHARS)
        if report:
            return int(report.group(1))
        # An undated page: the latest year that opens a clause of the article (2023年以来,…), if any.
        opening = [int(m.group(1)) for m in _OPENING_YEAR.finditer(article_text)]
        if opening:
            return max(opening)
        # Else the latest year it names as the time of something (截至2023年底, 2022年全镇…), goals left out.
        named = [m.year for m in year_mentions(article_text, None) if m.year is not None
                 and not _GOAL_YEAR.search(article_text, max(0, m.start - 4), m.start)]
        return max(named) if named else None
    if published.month <= 3:
        so_far = _MONTHS_SO_FAR.search(article_text, 0, _HEAD_CHARS)
        if so_far and int(so_far.group(1)) < published.month:
            return published.year  # 1-2月 in a page of March: this year's first months, whatever else it compares
        previous = published.year - 1
        if any(m.year == previous for m in year_mentions(article_text, published)) or _REVIEW.search(article_text):
            return previous
    if published.month <= _LAST_MONTH_OF_RESULTS and _whole_year_result(article_text):
        # 全年实现地区生产总值40.49亿元 in a yearbook printed in September: a whole year's result is known only once
        # the year is over, so the undated figures beside it are of the year before the page.
        return published.year - 1
    return published.year


# 全年实现… as a result, not 全年计划/全年目标 or a goal (力争全年…); an estimate (预计) is of the year under way.
_WHOLE_YEAR = re.compile(r"(?<!预计)(?<!力争)(?<!确保)(?<!争取)(?<!预期)全年(?!计划|目标|任务|预计|有望|将)")
_LAST_MONTH_OF_RESULTS = 10  # (pages of November and December may already sum up the year under way)


def _whole_year_result(article_text: str) -> bool:
    """Does the article state a figure for a whole year (全年实现…40.49亿元), not a plan or estimate of one?"""
    for m in _WHOLE_YEAR.finditer(article_text):
        start = max(article_text.rfind("。", 0, m.start()), article_text.rfind("\n", 0, m.start())) + 1
        end = article_text.find("。", m.end())
        sentence = article_text[start:end if end != -1 else len(article_text)]
        clause = _CLAUSE_AFTER.match(article_text, m.end()).group()
        # (为完成全年固定资产投资任务奠定基础: the year's task, with no figure of its own.)
        if _DIGIT.search(clause) and not _PLAN_WORD.search(clause) \
                and not any(word in sentence for word in ("预计", "年以来", "今年")):
            return True
    return False


_CLAUSE_AFTER = re.compile(r"[^,;。!?\n]{0,40}")
_DIGIT = re.compile(r"\d")
_PLAN_WORD = re.compile(r"任务|计划|目标|预期|力争")


# 1-2月 / 1至2月: the months of the year so far, when they end before the month the page was printed in.
_MONTHS_SO_FAR = re.compile(r"(?<![\d.])1\s*[-—~至到]\s*(\d{1,2})\s*月")


_HEAD_CHARS = 200


def looks_back(published: date | None, article_text: str) -> bool:
    """Whether an article printed in January–March reviews the year before from its opening lines (its headlines,
    byline and lead: 数说2023, ——太平店镇2023年经济社会发展综述, 刚刚过去的2023年): then even its undated counts
    are of that year's end."""
    if published is None or published.month > 3:
        return False
    head = article_text[:_HEAD_CHARS]
    previous = published.year - 1
    return str(previous) in head or bool(_REVIEW.search(head)) \
        or any(m.year == previous for m in year_mentions(head, published))


def is_dateline(text: str, mention: YearMention) -> bool:
    """2024年4月29日 after a report's title: when it was issued, not the year it is about."""
    # 驻马店市驿城区统计局 / 2023年5月 (or (2023 年 4 月)) on a line of its own under a bulletin's title is when it was
    # signed too.
    return bool(_DATELINE.match(text, mention.end)) \
        or (not text[:mention.start].strip(" (（") and _MONTH_ONLY.fullmatch(text, mention.end) is not None)


# 2019年南渡镇政府工作报告 is delivered early in 2019 and accounts for 2018; its figures are that year's. The
# 完成情况 / 执行情况 of a year's report tells what was done in that same year.
# (中山街道2023年上半年政府工作报告 reports on the half-year it names.)
_WORK_REPORT_AFTER = re.compile(r"\s*年?(?![^。!?\n]{0,16}?(?:半年|季度))[^。!?\n]{0,16}?政府工作报告"
                                r"(?![^。!?\n]{0,6}?(?:完成|执行|落实|进展|分工))")


# 习近平总书记2024年6月在宁夏考察时指出…: the date of a visit recalled, not the time the page is about.
_VISIT = re.compile(r"[^,;。!?]{0,12}?(?:考察|视察)")


def title_year(title: str, published: date | None) -> int | None:
    """The year a headline names for its article, the dateline aside."""
    for m in year_mentions(title, published):
        if m.year is not None and not is_dateline(title, m) and not _VISIT.match(title, m.end):
            return m.year - 1 if _WORK_REPORT_AFTER.match(title, m.end) else m.year
    return None


def lead_year(text: str, title: str, published: date | None) -> int | None:
    """A year printed in the headline, or opening a clause of the first sentence (2022年，三江街道…)."""
    year = title_year(title, published)
    if year is not None:
        return year
    sentences = re.split(r"[。!?]", _BYLINE.sub("", text, count=1), maxsplit=8)
    first_sentence = sentences[0]
    report = _REPORT_YEAR.search(first_sentence)
    if report:
        year = int(report.group(1))
        return year - 1 if _WORK_REPORT_AFTER.match(first_sentence, report.end(1)) else year
    # 汤祚国:去年以来,…。2017年,我市…: a lead that opens with a time span dates the article by the next sentence.
    opening = [first_sentence]
    if len(sentences) > 1 and _SPAN_LEAD.search(first_sentence):
        opening.append(sentences[1])
    for sentence in opening:
        for m in year_mentions(sentence, published):
            if m.year is not None and _CLAUSE_START.search(sentence[:m.start]) \
                    and sentence[m.end:m.end + 1] in (",", " ", ""):
                return m.year
    # 运粮湖管理区是潜江市西部口子镇,…。2021年,运粮湖管理区贯彻落实…: a lead that describes the place before it
    # speaks of a year, in the sentences of its first paragraph.
    for sentence in sentences[1:]:
        m = _LATER_OPENING_YEAR.match(sentence)
        if m and (published is None or int(m.group(1)) <= published.year):
            return int(m.group(1))
    return None


# 2021年,运粮湖管理区贯彻落实…: a sentence that opens with a year and then names who acts (not an event: 1958年建镇).
_LATER_OPENING_YEAR = re.compile(r"\s*((?:19|20)\d{2})年(?:度)?\s*,\s*"
                                 r"(?:[\u4e00-\u9fff]{2,8}?(?:街道|镇|乡|区|县|市)|全(?:区|县|市|镇|乡|街道?)|我(?:区|县|市|镇|乡))")


# 本报讯(通讯员 何明)2023年,…: the byline before a lead is no clause of it.
_BYLINE = re.compile(r"^\s*(?:[^\s,。!?()]{0,8}?讯)?\s*\([^()]{1,30}\)\s*")
_SPAN_LEAD = re.compile(r"(?:以来|近年来|这些年|一年来|过去一年)")


def nearest_year(mentions: list[YearMention], position: int, sentence_end: int) -> int | None:
    """The last year named before ``position`` in the paragraph, else the first after it up to ``sentence_end``;
    None where that mention is "now" (目前) or there is none: the caller's article year applies."""
    before = [m for m in mentions if m.end <= position]
    if before:
        return before[-1].year
    after = [m for m in mentions if position <= m.start < sentence_end]
    return after[0].year if after else None
