"""Turn the lines of a printed page back into paragraphs.

Text pulled out of a newspaper page breaks lines where the column ended, sometimes with a blank line in the middle
of a sentence, and drops photo captions or the next subheading into the middle of a paragraph. A line that does
not finish its sentence is therefore continued by the next body line, across blank lines and across the captions
and headings that interrupted it; those interruptions are kept, as their own paragraphs, after the paragraph
they interrupted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# After NFKC: 。 stays, ！？ become !?, … becomes "...".
# (…。 | ends a sentence in the cell of a flattened table.)
_CLOSERS = frozenset("\"'”’」』)]|")


def _ends_sentence(s: str) -> bool:
    """Whether a line ends its sentence: 。!? or ... or a full stop after a Chinese character, then only closing
    quotes, brackets, cell bars and spaces. Only the line's end is read (this runs for every line and paragraph)."""
    i = len(s)
    while i and (s[i - 1] in _CLOSERS or s[i - 1].isspace()):
        i -= 1
    if not i:
        return False
    last = s[i - 1]
    if last in "。!?":
        return True
    return last == "." and i >= 2 and ("\u4e00" <= s[i - 2] <= "\u9fff" or s[max(0, i - 3):i] == "...")
_INNER_PUNCT = re.compile(r"[,;。!?]")
# (【香港商报网讯】 opens a story; 【农业】2018年… / 【概况】 label a section of the same one.)
_LEAD = re.compile(r"^(?:本报讯|本刊讯|本报(?:记者|通讯员)|\((?:通讯员|记者|本报记者)|【[^】]{0,10}(?:讯|电)】)")
_BYLINE = re.compile(
    r"^(?:(?:本报记者|记者|通讯员|特约记者|见习记者|实习生|特约通讯员)(?:\s|:)|文/|文:|图/|图:|来源:|编辑:|责任编辑|撰稿:)"
)
# 政府驻地: 葛城街道… / 中文名: 城口县 — a field of an encyclopaedia-style infobox: a line of its own, never a
# headline over what follows.
_INFOBOX_FIELD = re.compile(
    r"^(?:中文名称?|外文名称?|别\s*名|简\s*称|行政区划代码|行政区类别|行政代码|区划代码|所属地区|所属地|隶属|地理位置|"
    r"面\s*积|总面积|下辖地区|下\s*辖|政府驻地|驻\s*地|电话区号|邮政编码|邮\s*编|气候条件|气候类型|著名景点|车牌代码|"
    r"人\s*口|总人口|常住人口|方\s*言|主要民族|民\s*族|机\s*场|火车站|官方网站|行政区域)\s*[:：]"
)
# 南京日报记者 陈蕾: a byline may open with the paper's name.
_PAPER_BYLINE = re.compile(r"^[\u4e00-\u9fff]{2,8}(?:日报|晚报|时报|报)(?:社)?(?:记者|通讯员|特约记者|见习记者)\s")
# 地区生产总值:186.42亿元,同比增长6.1% — a line of a figures table: a paragraph of its own, never a headline.
_TABLE_ROW = re.compile(r"^[\u4e00-\u9fff()]{2,24}[:]\s*[-+]?\d")
# A post's or a page's running header: "青山湖发布 2024-01-26 08:30 发表于江西", "城关报 2024年1月12日 星期五 第2版",
# and a WeChat account's "点击蓝字 关注我们". It names the publisher, not the place written about.
_RUNNING_HEADER = re.compile(
    r"^(?:原创\s+)?\S{2,20}\s+20\d{2}(?:-\d{1,2}-\d{1,2}|年\d{1,2}月\d{1,2}日)(?:\s|$)|点击(?:上方)?蓝字|关注我们\s*$"
    # 2023年3月16日 星期四 / (上接第6版) / a page number alone / 赣南日报 GANNAN DAILY
    r"|^20\d{2}年\d{1,2}月\d{1,2}日\s*(?:星期|周)[一二三四五六日天]|^\((?:上接|下转|转)第?\S{1,3}版\)$|^\d{1,3}$"
    r"|^[\u4e00-\u9fff]{2,8}(?:日报|晚报|时报|报)\s+[A-Z][A-Z ]+$"
    # 日期:2025年03月11日 作者:陈露 来源:中和镇人民政府 / 发布时间:2025-06-04 10:44 | 来源:江岸区发展和改革局
    r"|^(?:日期|发布日期|发布时间|时间|更新时间)\s*:\s*20\d{2}"
    # 当前位置:首页 > 重庆市电子地图 > / 您所在的位置: 首页 >> 新闻中心: a site's breadcrumb trail
    r"|^(?:当前位置|您的位置|您当前的位置|您所在的位置|所在位置|位置)\s*:.{0,40}>"
    # 首页 > 专题专栏 > 2020年文昌两会 > 解读报告: a trail without its label
    r"|^(?:网站)?首页\s*(?:>|»|›|/)"
    # 今日特推: 山东郯城县归昌乡… / 上一篇: …: a link to another story, named in the page's frame
    r"|^(?:今日特推|今日推荐|热点推荐|热门推荐|推荐阅读|相关阅读|相关新闻|相关文章|延伸阅读|上一篇|下一篇)\s*:"
)
# (记者 陈佳 通讯员 翠宣) on a line of its own closes a piece; the same bracket before text opens one.
_CLOSING_CREDIT = re.compile(r"^\((?:本报)?(?:记者|通讯员)[\u4e00-\u9fff\s]{2,30}\)$")
# 宁海路街道:… — a headline that opens with a place and a colon, however wide or isolated it is printed.
_PLACE_KICKER = re.compile(r"^[\u4e00-\u9fff]{1,10}(?:街道|镇|乡|社区|村|区|县|市)[:：|丨]")
# 17、下河乡 / 3. 城关镇: the heading of an entry in a list of places. It ends whatever text came before, finished
# or not (a truncated line must not run on into the next place's entry).
_PLACE_ENTRY = re.compile(r"^[\d一二三四五六七八九十]{1,3}\s*[、.]\s*[\u4e00-\u9fff]{1,10}"
                          r"(?:街道|镇|乡|社区|村|区|县|市)$")
_AUTHOR_LIST = re.compile(r"^[\u4e00-\u9fff]{2,3}(?:\s+[\u4e00-\u9fff]{2,3}){1,5}$")
_CREDIT = re.compile(
    r"^(?:\(?(?:本版)?(?:图文|图片|照片|文字|图|文)?(?:均|资料)?由.{1,25}提供\)?|(?:本版)?(?:图文|图片)由.*|.{0,12}提供\)?)$"
)
_PAGE_CREDIT = re.compile(r"^(?:本版|本期)")
_CAPTION = re.compile(
    r"(?:(?:通讯员|记者|摄影|本报)\s*[\u4e00-\u9fff]{2,4}(?:\s+[\u4e00-\u9fff]{2,4})*\s*摄$"
    r"|^图为|,图为|^(?:上|下|左|右)?图:|^图片:"
    # 活动现场。(龙华区供图): a photo's credit in brackets closes its caption.
    r"|\([\u4e00-\u9fff\s/、]{1,24}(?:供图|摄)\)$)"
)


@dataclass
class Paragraph:
    kind: str  # body | headline | caption | byline | author | credit | header (a post's or page's running header)
    text: str = ""
    spans: list[tuple[int, int]] = field(default_factory=list)  # pieces of the normalized text, in reading order
    lead: bool = False  # starts an article (本报讯 …)
    kicker: bool = False  # a headline that introduces the next one (鼎山街道： / …目标——)
    page_credit: bool = False
    row: bool = False  # one line of a table printed as "指标:数值", a paragraph of its own
    deferred: list[Paragraph] = field(default_factory=list)

    def add(self, start: int, end: int, text: str) -> None:
        self.spans.append((start, end))
        self.text += text

    @property
    def terminal(self) -> bool:
        return _ends_sentence(self.text)


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    text: str
    gap: int  # blank lines before it
    first: bool
    last: bool
    gap_after: int


def _lines(text: str) -> list[_Line]:
    raw: list[tuple[int, int, str]] = []
    pos = 0
    for piece in text.split("\n"):
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            raw.append((pos + lead, pos + lead + len(stripped), stripped))
        else:
            raw.append((pos, pos, ""))
        pos += len(piece) + 1
    out: list[_Line] = []
    gap = 0
    nonblank = [i for i, r in enumerate(raw) if r[2]]
    for n, i in enumerate(nonblank):
        start, end, s = raw[i]
        prev = nonblank[n - 1] if n else -1
        nxt = nonblank[n + 1] if n + 1 < len(nonblank) else len(raw)
        gap = i - prev - 1 if n else 0
        out.append(_Line(start, end, s, gap, n == 0, n == len(nonblank) - 1, nxt - i - 1))
    return out


def _wrap_width(lines: list[_Line]) -> int:
    """The column width of a page printed with hard line breaks, or 0 when paragraphs are single lines."""
    lengths = sorted(len(line.text) for line in lines)
    if len(lengths) < 8:
        return 0
    width = lengths[int(0.8 * (len(lengths) - 1))]
    if width > 45 or width < 8:
        return 0
    near = sum(1 for n in lengths if n >= 0.75 * width)
    return width if near >= 0.5 * len(lengths) else 0


# Original URL: http://… / 原文链接: — where a copy was taken from: a line of its own, part of no text.
_SOURCE_LINE = re.compile(r"^(?:(?:Original URL|URL|Source|原文链接|原文地址|原文网址|来源网址|本文链接)\s*[:：]\s*)?https?://\S+$",
                          re.IGNORECASE)


def _classify(line: _Line, width: int, next_line: _Line | None) -> Paragraph:
    s = line.text
    n = len(s)
    if "://" in s and _SOURCE_LINE.match(s.strip()):
        return Paragraph("header")
    if n > 60:
        # A long line is a lead, a caption or running text: none of the short forms below can match it.
        if _LEAD.match(s):
            return Paragraph("body", lead=True)
        if ("摄" in s or "图" in s) and _CAPTION.search(s):
            return Paragraph("caption")
        return Paragraph("body", row=_cells_row(s))
    if _CLOSING_CREDIT.match(s):
        return Paragraph("author")
    # 发布日期:2025年07月08日 is the page's date line, not a row of figures.
    if n <= 60 and _RUNNING_HEADER.search(s) and not _INNER_PUNCT.search(s):
        return Paragraph("header")
    if n <= 60 and ":" in s and (_TABLE_ROW.match(s) or _INFOBOX_FIELD.match(s)):
        return Paragraph("body", row=True)
    if _cells_row(s):
        return Paragraph("body", row=True)
    # 本报记者 张华 on a line of its own is a byline; 本报记者 张华 报道:今年… opens the text.
    if n <= 30 and (_BYLINE.match(s) or _PAPER_BYLINE.match(s)) and not _INNER_PUNCT.search(s) \
            and not _ends_sentence(s):
        return Paragraph("byline", lead=bool(_LEAD.match(s)))
    if _LEAD.match(s):
        # 【溧阳市招商】2019年南渡镇政府工作报告: a bracketed column name over a title, not the lead of a text.
        if s.startswith("【") and n <= 40 and not _INNER_PUNCT.search(s) and not _ends_sentence(s):
            return Paragraph("headline")
        return Paragraph("body", lead=True)
    if _CAPTION.search(s):
        return Paragraph("caption")
    if n <= 40 and _CREDIT.match(s) and "提供" in s or n <= 20 and _PAGE_CREDIT.match(s) and "由" in s:
        return Paragraph("credit", page_credit=bool(_PAGE_CREDIT.match(s)))
    if n <= 30 and (_BYLINE.match(s) or _PAPER_BYLINE.match(s)) and not _INNER_PUNCT.search(s):
        return Paragraph("byline")
    if n <= 60 and _RUNNING_HEADER.search(s) and not _INNER_PUNCT.search(s):
        return Paragraph("header")
    if n <= 20 and _AUTHOR_LIST.match(s):
        return Paragraph("author")
    terminal = _ends_sentence(s)
    inner = bool(_INNER_PUNCT.search(s[:-1]))
    headline_like = (
        n <= 40
        and (not inner or n <= 10)
        and (not terminal or (n <= 12 and s.rstrip("\"'”’」』)").endswith(("!", "?"))))
        and not (width and n >= 0.75 * width and not s.endswith((":", "——")))
    )
    set_apart = line.gap_after >= 1 or bool(next_line and _RUNNING_HEADER.search(next_line.text))
    if n <= 40 and _PLACE_KICKER.match(s) and not terminal and (not _INNER_PUNCT.search(s) or set_apart):
        # 中和镇:深耕“微网格”,细作“大治理” set apart from the text: a headline, commas and all.
        return Paragraph("headline", kicker=s.endswith((":", "——", "—")))

    # A single line set apart by a wide gap is a photo caption, unless a headline or a lead follows it.
    isolated = line.gap >= 2 and not line.first and (line.gap_after >= 1 or line.last) and n <= 60
    if isolated and (terminal or line.last or not (
            next_line and next_line.gap <= 1 and (_LEAD.match(next_line.text) or _looks_headline(next_line.text)))):
        return Paragraph("caption")
    if headline_like:
        return Paragraph("headline", kicker=s.endswith((":", "——", "—")))
    return Paragraph("body")


def _cells_row(s: str) -> bool:
    """1 | 海宁市 | 1196.3 | 7 |: a row of a flattened table, never a headline that would open an article."""
    return s.count("|") >= 2 and not _ends_sentence(s)


def _looks_headline(s: str) -> bool:
    return len(s) <= 40 and not _INNER_PUNCT.search(s[:-1]) and not _ends_sentence(s)


def _wide_headline(line: _Line, width: int) -> bool:
    """On a hard-wrapped page a headline can be as wide as the column. After a finished sentence, a line set
    apart by blank lines on both sides and without any sentence punctuation is one."""
    s = line.text
    return bool(width and len(s) <= 40 and not line.first and line.gap >= 1 and line.gap_after >= 1
                and not _INNER_PUNCT.search(s) and not _ends_sentence(s) and not _LEAD.match(s))


def paragraphs(text: str) -> list[Paragraph]:
    """Paragraphs of a normalized page, in reading order."""
    lines = _lines(text)
    width = _wrap_width(lines)
    out: list[Paragraph] = []
    open_para: Paragraph | None = None

    def close() -> None:
        nonlocal open_para
        if open_para is not None:
            out.append(open_para)
            out.extend(open_para.deferred)
            open_para.deferred = []
            open_para = None

    for i, line in enumerate(lines):
        if open_para is None and out and out[-1].row and lines[i - 1].text.endswith(("、", ",")):
            out[-1].add(line.start, line.end, line.text)  # 下辖地区: 葛城街道、复兴街道、 / 坪坝镇等…: a value run on
            continue
        para = _classify(line, width, lines[i + 1] if i + 1 < len(lines) else None)
        if para.kind == "body" and not para.row and open_para is None and _wide_headline(line, width):
            para = Paragraph("headline", kicker=line.text.endswith((":", "——", "—")))
        if open_para is not None and para.kind == "headline" and _PLACE_ENTRY.match(line.text):
            close()
        if open_para is not None:
            continues = para.kind == "body" and not para.lead
            if not continues and line.gap == 0 and para.kind == "headline" and width:
                continues = True  # a short last line of a wrapped paragraph
            if continues:
                open_para.add(line.start, line.end, line.text)
                if open_para.terminal:
                    close()
                continue
            if para.kind in ("caption", "headline") and len(open_para.deferred) < 3:
                para.add(line.start, line.end, line.text)
                open_para.deferred.append(para)
                continue
            close()
        if para.row:
            close()
            para.add(line.start, line.end, line.text)
            out.append(para)
            continue
        if para.kind == "credit" and out and out[-1].kind == "credit" and line.gap == 0:
            # 本版图文由袁孝椿 / 肖彦 刘彦麟提供: one credit printed over two lines.
            out[-1].add(line.start, line.end, line.text)
            continue
        para.add(line.start, line.end, line.text)
        if para.kind == "body" and not para.terminal:
            open_para = para
        else:
            out.append(para)
    close()
    # 数说2023丨湖坊镇这份年度“成绩单”请查收! over a post's header line is its headline, exclamation and all.
    if len(out) > 1 and out[0].kind == "body" and len(out[0].text) <= 40 and out[1].kind in ("header", "byline"):
        out[0].kind = "headline"
    return out
