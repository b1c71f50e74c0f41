"""Numbers with their units, as newsletters print them.

Only a number followed by a unit or counting word is a quantity (133 个, 51.03 亿元, 近1000家, 十余名, 1500-2000人,
5%, 百分之八十); bare numbers are dates, codes or names. Chinese numerals are converted only inside such a match,
never across a text: 一网统管 and 三次产业 stay words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
MULTIPLIERS = {"万亿": Decimal(10) ** 12, "亿": Decimal(10) ** 8, "万": Decimal(10) ** 4, "千": Decimal(1000),
               "百": Decimal(100)}

# unit → (family, canonical unit). Longer spellings first so 人次 wins over 人, 千伏 over the multiplier 千.
UNITS: dict[str, tuple[str, str]] = {
    "元": ("money", "元"),
    "%": ("percent", "%"),
    "个百分点": ("points", "个百分点"),
    "平方公里": ("area", "平方公里"),
    "平方米": ("area", "平方米"),
    "平米": ("area", "平方米"),
    "m2": ("area", "平方米"),
    "亩": ("area", "亩"),
    "公顷": ("area", "公顷"),
    "公里": ("length", "公里"),
    "千米": ("length", "公里"),
    "米": ("length", "米"),
    "吨": ("mass", "吨"),
    "公斤": ("mass", "公斤"),
    "千克": ("mass", "公斤"),
    "千瓦时": ("energy", "千瓦时"),
    "千瓦": ("power", "千瓦"),
    "千伏": ("voltage", "千伏"),
}
COUNTERS = (
    "人次 户次 家次 场次 批次 件次 辆次 处次 个 名 处 户 家 所 栋 幢 台 人 座 支 条 项 场 次 件 位 辆 套 间 张 "
    "块 盏 期 批 只 头 部 本 份 篇 段 路 类 种 起 宗 笔 单 棵 株 把 艘 架 门 根 趟 届 轮 组 队 对 片"
).split()
for _counter in COUNTERS:
    UNITS.setdefault(_counter, ("count", _counter))

# A counting word followed by these characters is part of another word (4个月, 三次产业, 一次性, 条件).
_UNIT_BREAKS = {
    "个": ("月", "小时", "工作日", "星期", "季度", "年头", "别", "性", "案"),
    "次": ("产业", "性", "日", "要", "生"),
    "名": ("义", "字", "称", "单", "额", "片", "录", "列", "优", "校", "牌", "城"),
    "条": ("件", "例", "款", "约"),
    "项": ("目",),
    "场": ("所", "景", "地", "馆", "面", "合", "次"),
    "所": ("有", "在", "以", "谓", "属", "得"),
    "台": ("账", "阶", "风", "湾"),
    "座": ("谈", "位"),
    "支": ("部", "持", "付", "出", "撑", "柱"),
    "人": ("民", "员", "才", "们", "士", "家", "大", "社", "选"),
    "处": ("理", "置", "室", "长", "级", "罚"),
    "期": ("间", "待", "望", "盼", "限"),
    "家": ("庭", "长", "属", "园", "乡", "门", "风"),
    "户": ("籍", "口", "外", "型"),
    "部": ("门", "署", "分", "长", "队"),
    "类": ("似",),
    "件": ("事",),
    "间": ("隙",),
    "张": ("贴",),
    "头": ("脑",),
    "本": ("地", "级", "土"),
    "段": ("落",),
    "路": ("线", "径", "段", "口"),
    "起": ("来", "到", "步"),
    "种": ("植", "类", "子", "养"),
    "届": ("次",),
    "轮": ("次",),
    "组": ("织", "建", "长"),
    "队": ("伍", "员", "长"),
    "对": ("接", "象", "口"),
    "片": ("区",),
    "门": ("口", "户"),
}

# …but a counting word may also stand before a word that starts like one of those: 5家长者食堂 is 5 家 of 长者食堂.
# (90名城市网格员, 20名城区网格员: the kind of the people counted, not 名城, a famous city.)
_UNIT_THEN_WORD = {"家": ("长者",), "处": ("长者",), "名": ("城市", "城区", "城镇", "城乡", "城管")}

# Neither kind of numeral starts inside a run of its own digits: a match there would be refused by _build
# anyway (the digit before it is a blocker), and retrying every position of a long run is quadratic (50,000
# digits took minutes). Arabic runs are possessive since nothing after a number begins with a digit; Chinese
# ones are not, since a unit may begin with a numeral (三千瓦 is 3 千瓦).
_CN_DIGITS = "零〇两一二三四五六七八九十百千万亿"
_CN_NUM = (rf"(?<![{_CN_DIGITS}])[{_CN_DIGITS}]+"
           r"(?:点[零〇一二三四五六七八九]+)?")
_AR_NUM = r"(?<!\d)(?:\d++(?:,\d{3})+(?:\.\d++)?|\d++(?:\.\d++)?)"
_NUM = rf"(?:{_AR_NUM}|{_CN_NUM})"
_UNIT_ALT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
# Words that qualify a figure printed before it (迈上70亿元台阶: a threshold passed, like 突破).
_OPENING = ("将近", "接近", "大约", "超过", "不到", "不足", "不少于", "至少", "突破", "迈上", "跨上", "站上", "跨越",
            "近", "约", "超", "逾")
# Before a bare 亿 or 万 only the words of size or of a threshold passed, not of a lower bound (不少于…).
_BARE_OPENING = tuple(w for w in _OPENING if w not in ("不到", "不足", "不少于", "至少"))


def _opened_by(words: tuple[str, ...], numerals: str) -> str:
    """The optional opening word of a figure, behind a look-ahead on the characters a figure can start with: where
    none stands (most characters of a page) the scan moves on before trying each word (a third of its time)."""
    first = "".join(sorted({w[0] for w in words}))
    return rf"(?=[{first}{numerals}\d\s])(?P<pre>{'|'.join(words)})?\s*"


_QUANTITY = re.compile(
    _opened_by(_OPENING, _CN_DIGITS) +
    rf"(?P<num>{_NUM})"
    rf"(?:\s*(?:-|~|—|至|到)\s*(?P<hi>{_NUM}))?"
    # 10余万人 / 40多万人: the qualifier may stand before the multiplier.
    r"\s*(?:(?P<post0>余|多)(?=万亿|亿|万|千))?(?P<mult>万亿|亿|万|千|百)?"
    r"(?P<post1>余|多)?\s*"
    rf"(?P<unit>{_UNIT_ALT})"
    r"(?P<post2>以上|以下|以内|左右|上下|有余)?"
)
# GDP突破500亿大关 / 总产值达1.2亿, / 迈上4.7万亿新台阶: 亿 closing a figure with no unit is an amount of 元.
_BARE_YI = re.compile(
    _opened_by(_BARE_OPENING, "") +
    rf"(?P<num>{_AR_NUM})\s*(?P<mult>万亿|亿)(?P<post1>余|多)?(?=大关|台阶|新台阶|[,。;!?]|$)"
)
# 注册志愿者620万 / 党员突破1.2万,: people counted in 万 with no word for people after, the noun naming them just
# before (within the clause).
_BARE_WAN = re.compile(
    _opened_by(_BARE_OPENING, "") +
    rf"(?P<num>{_AR_NUM})\s*(?P<mult>万)(?P<post1>余|多)?(?=[,。;!?、]|$)"
)
_FIRMS_BEFORE = re.compile(r"(?:市场主体|经营主体|商事主体|企业)(?:总量|总数|数量)?[^,;。!?\d]{0,8}$")
_PEOPLE_BEFORE = re.compile(r"(?:志愿者|义工|党员|网格员)(?:人数|总数|队伍)?[^,;。!?\d]{0,8}$")
_PERCENT_WORDS = re.compile(
    rf"(?P<pre>将近|接近|大约|超过|不到|不足|不少于|至少|近|约|超|逾)?百分之(?P<num>{_CN_NUM}|{_AR_NUM})"
    r"(?P<post2>以上|以下|以内|左右)?"
)
_APPROX = {"将近": "about", "接近": "about", "大约": "about", "近": "about", "约": "about", "左右": "about",
           "上下": "about", "超过": "over", "超": "over", "逾": "over", "突破": "over", "迈上": "over",
           "跨上": "over", "站上": "over", "跨越": "over", "不少于": "over", "至少": "over", "余": "over",
           "多": "over", "以上": "over", "有余": "over", "不到": "under", "不足": "under", "以下": "under",
           "以内": "under"}
# Characters before a Chinese numeral that make it part of a word or an ordinal (第一, 数十, 统一, 唯一).
_CN_BLOCKERS = set("第数几若每逐某单唯统合同之其周星礼初一二三四五六七八九十百千万亿两零〇")
_AR_BLOCKERS = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.+-/_#")
# Abbreviations a measure is printed with, run into its figure (实现GDP15亿元): the letters name the measure, they
# are no part of a code such as A4 or G20.
_MEASURE_ABBREVIATIONS = ("GDP", "CPI", "PPI")
# 81个总网格+961个一般网格: a plus after a word joins counted items; after a digit it builds a code (1+3+N).
_JOINED_COUNT = re.compile(r"[\u4e00-\u9fff]\+")


@dataclass(frozen=True)
class Quantity:
    start: int  # the whole expression, qualifiers and unit included
    end: int
    value_start: int  # the number as printed, multiplier included (1300万, 一千三百万)
    value_end: int
    value: Decimal  # in the base unit: 元 for money, % for percent, a count otherwise
    upper: Decimal | None
    unit: str  # canonical unit (元, %, 个, 平方米 …)
    printed_unit: str  # as printed (亿元, 个 …)
    family: str  # money | percent | points | count | area | length | …
    approx: str  # exact | about | over | under
    chinese: bool
    weak: bool  # a lone 一 (一个, 一张): usually an article, not a count


def parse_chinese_number(text: str) -> Decimal | None:
    """一千三百万 → 13000000, 三点五 → 3.5, 两 → 2, 万 → 10000; None when ``text`` is no well-formed numeral."""
    if not text:
        return None
    if "点" in text:
        whole, _, frac = text.partition("点")
        if not frac or any(c not in _DIGITS or c == "两" for c in frac):
            return None
        base = parse_chinese_number(whole) if whole else Decimal(0)
        if base is None:
            return None
        return base + Decimal("0." + "".join(str(_DIGITS[c]) for c in frac))
    if text[0] in "百千":
        text = "一" + text  # 逾千户, 突破百亿元: a round number names its unit alone
    if text.count("亿") > 1 and "万亿" not in text:
        return None
    if "亿" in text:
        hi, _, lo = text.rpartition("亿")
        high = _below_yi(hi) if hi else 1
        low = _below_yi(lo, colloquial=10 ** 7) if lo else 0
        if high is None or low is None:
            return None
        return Decimal(high) * 10 ** 8 + low
    value = _below_yi(text)
    return None if value is None else Decimal(value)


def _below_yi(text: str, colloquial: int | None = None) -> int | None:
    if text.count("万") > 1:
        return None
    if "万" in text:
        hi, _, lo = text.partition("万")
        high = _below_wan(hi) if hi else 1
        low = _below_wan(lo, colloquial=1000) if lo else 0
        if high is None or low is None:
            return None
        return high * 10 ** 4 + low
    return _below_wan(text, colloquial=colloquial)


def _below_wan(text: str, colloquial: int | None = None) -> int | None:
    total = 0
    digit = None
    last_unit = None
    zero = False
    for ch in text:
        if ch in ("零", "〇"):
            if digit is not None:
                return None
            zero = True
            continue
        if ch in _DIGITS:
            if digit is not None:
                return None
            digit = _DIGITS[ch]
        elif ch in _SMALL_UNITS:
            unit = _SMALL_UNITS[ch]
            if last_unit is not None and unit >= last_unit:
                return None
            if digit is None:
                if unit == 10 and (total == 0 or zero):
                    digit = 1
                else:
                    return None
            total += digit * unit
            digit = None
            last_unit = unit
            zero = False
        else:
            return None
    if digit is not None:
        if zero:
            total += digit  # 一百零五
        elif last_unit is None:
            # A lone digit after 万 or 亿 counts the next order down: 三万五 is 35,000.
            total += digit * colloquial if colloquial else digit
        elif last_unit >= 100:
            total += digit * last_unit // 10  # 一千五 = 1500, 三百五 = 350
        else:
            total += digit
    return total


def parse_number(text: str) -> Decimal | None:
    """Arabic (3,500 / 51.03) or Chinese numerals to a Decimal."""
    text = text.strip()
    if not text:
        return None
    if text[0].isdigit():
        try:
            return Decimal(text.replace(",", ""))
        except InvalidOperation:
            return None
    return parse_chinese_number(text)


# Quoted speech holds clauses (“去年全镇生产总值是32.7亿元,增长了6.1%。”); a quoted name holds none.
_SPEECH = re.compile(r"[,;。!?,;]")
# A quoted chain of levels with counts (“镇指挥中心—四大板块—30个村(社)网格—132个微网格”) describes a structure
# and its sizes: its numbers are counts, not part of a name.
_CHAIN_LINK = re.compile(r"[—→+]|-(?=\D)")
_CHAIN_COUNT = re.compile(r"\d+\s*(?:个|名|支|家|处)[\u4e00-\u9fff(]")


def _masked(text: str) -> list[tuple[int, int]]:
    """Spans inside “quotes” and 《titles》, where numbers are names (“2121服务为你”, 《1+1+3 …流程图》)."""
    spans = []
    for opener, closer in (("“", "”"), ("《", "》"), ("「", "」"), ('"', '"')):
        pos = 0
        while True:
            i = text.find(opener, pos)
            if i < 0:
                break
            # Bounded: a closer further than 60 characters away is refused anyway, and an unbounded look for a
            # closer that never comes rescans the rest of the text from every opener.
            j = text.find(closer, i + 1, i + 61)
            if j < 0:
                pos = i + 1
                continue
            if not _SPEECH.search(text, i + 1, j) and not _counted_chain(text[i + 1:j]):
                spans.append((i, j + 1))
            pos = j + 1
    if "(即" in text:
        # “一格两员”(即1个网格、1名网格员): numbers spelling out what a quoted name stands for, not counts
        spans += [(m.start() + 1, m.end()) for m in _SPELLED_OUT.finditer(text)]
    return spans


_SPELLED_OUT = re.compile(r"[”\"]\s*\(即[^()]{1,40}\)")


def _counted_chain(quoted: str) -> bool:
    return len(_CHAIN_LINK.findall(quoted)) >= 2 and len(_CHAIN_COUNT.findall(quoted)) >= 2


def _covered(text: str) -> bytearray:
    """1 at every position inside a masked span: one lookup per number instead of a scan of every span."""
    covered = bytearray(len(text))
    for a, b in _masked(text):
        covered[a:b] = b"\x01" * (b - a)
    return covered


def _bare(text: str, pattern: re.Pattern, mult: str, masked: bytearray, taken: set[int], family: str,
          unit: str) -> list[Quantity]:
    """Numbers with a multiplier and no unit after it (1.2亿, 620万), looked for only where the multiplier is."""
    out: list[Quantity] = []
    for m in pattern.finditer(text) if mult in text else ():
        blocked = text[m.start("num") - 1:m.start("num")] in _AR_BLOCKERS \
            and not text.endswith(_MEASURE_ABBREVIATIONS, 0, m.start("num"))  # 锦界GDP680亿
        if masked[m.start("num")] or m.start("num") in taken or blocked:
            continue
        value = parse_number(m.group("num"))
        if value is None:
            continue
        approx = _APPROX.get(m.group("pre") or m.group("post1") or "", "exact")
        start = m.start() if m.group("pre") else m.start("num")
        printed = m.group("mult")
        out.append(Quantity(start, m.end(), m.start("num"), m.end("mult"), value * MULTIPLIERS[printed], None, unit,
                            printed, family, approx, False, False))
    return out


def find_quantities(text: str) -> list[Quantity]:
    masked = _covered(text)
    out: list[Quantity] = []
    for m in _QUANTITY.finditer(text):
        q = _build(text, m, masked)
        if q is not None:
            out.append(q)
    # The rarer forms are looked for only where their key character is: a scan per paragraph each otherwise.
    for m in _PERCENT_WORDS.finditer(text) if "百分之" in text else ():
        if masked[m.start()]:
            continue
        value = parse_number(m.group("num"))
        if value is None:
            continue
        approx = _APPROX.get(m.group("pre") or m.group("post2") or "", "exact")
        start = m.start() if m.group("pre") else m.start("num") - 3
        out.append(Quantity(start, m.end(), m.start("num") - 3, m.end("num"), value, None, "%", "%", "percent",
                            approx, True, False))
    taken = {q.value_start for q in out}
    out += _bare(text, _BARE_YI, "亿", masked, taken, "money", "元")
    # 注册志愿者620万: only after a noun for people.
    # (经营主体总量达21.41万: firms counted in 万 with the noun naming them just before.)
    for q in _bare(text, _BARE_WAN, "万", masked, taken, "count", "人"):
        if _PEOPLE_BEFORE.search(text, max(0, q.start - 20), q.start):
            out.append(q)
        elif _FIRMS_BEFORE.search(text, max(0, q.start - 20), q.start):
            out.append(replace(q, unit="户"))
    out.sort(key=lambda q: q.start)
    return out


def _build(text: str, m: re.Match, masked: bytearray) -> Quantity | None:
    num = m.group("num")
    num_start = m.start("num")
    if masked[num_start]:
        return None
    chinese = not num[0].isdigit()
    before = text[num_start - 1] if num_start > 0 else ""
    # 同比分别增长5.2%、-6.2%: a minus sign after a word or a list mark makes a rate negative (2020-2023 and A-1
    # are ranges and codes, not signs).
    negative = before in "-−" and m.group("unit") == "%" and not m.group("pre") \
        and (num_start < 2 or not (text[num_start - 2].isascii() and text[num_start - 2].isalnum()))
    if chinese:
        if before in _CN_BLOCKERS:
            return None
    elif negative:
        pass
    elif (before in _AR_BLOCKERS and not text.endswith(_MEASURE_ABBREVIATIONS, 0, num_start)
          and not _JOINED_COUNT.match(text, max(0, num_start - 2))) \
            or (before == "," and num_start > 1 and text[num_start - 2].isdigit()):
        return None
    unit = m.group("unit")
    follow = text[m.end("unit"):m.end("unit") + 3]
    if not m.group("post2") and any(follow.startswith(b) for b in _UNIT_BREAKS.get(unit, ())) \
            and not any(follow.startswith(w) for w in _UNIT_THEN_WORD.get(unit, ())):
        return None
    if chinese and num in ("百", "千", "万", "亿") and not (m.group("post1") or m.group("pre")):
        return None  # a bare 百 / 千 / 万 before a counting word is a word (千家万户, 百条意见), not a number
    value = parse_number(num)
    if value is None:
        return None
    if negative:
        value, num_start = -value, num_start - 1
    family, canonical = UNITS[unit]
    mult = m.group("mult")
    if mult:
        if family == "count" and mult == "百" and chinese:
            return None
        value *= MULTIPLIERS[mult]
    upper = None
    if m.group("hi"):
        upper = parse_number(m.group("hi"))
        if upper is not None and mult:
            upper *= MULTIPLIERS[mult]
        if upper is not None and upper <= value:
            upper = None
    qualifier = m.group("pre") or m.group("post0") or m.group("post1") or m.group("post2") or ""
    approx = _APPROX.get(qualifier, "exact")
    if m.group("pre") and (m.group("post0") or m.group("post1") or m.group("post2")):
        approx = _APPROX[m.group("pre")]
    start = m.start() if m.group("pre") else num_start
    value_end = m.end("mult") if mult else m.end("num")
    if m.group("hi"):
        value_end = max(value_end, m.end("hi"))
    weak = chinese and num == "一" and not mult
    return Quantity(start, m.end(), num_start, value_end, value, upper, canonical, (mult or "") + unit, family,
                    approx, chinese, weak)
