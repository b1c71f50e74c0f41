"""Statistical tables that reached the text flattened into cells between "|" (a ranking of districts, a bulletin's
table of indicators): the rows hold bare numbers that no sentence reads, their measure and unit stand in the header.

A table is a run of short cells. Its header is the cells before the first row: the row label's column (区域, 年份,
指标) and one column per measure (2021年GDP(亿元), 增速(%)). Each row is rewritten as the sentence a report would print
(GDP1196.3亿元,增长7%), so the catalogue and its grammar name the measures; this module only finds the cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Cells are short; a gap with a sentence in it ends the table.
_MAX_CELL = 40
_MIN_PIPES = 5
_MAX_COLUMNS = 8
_MAX_ROWS = 200  # a table's rows read at most; a longer run of cells is read as the tables that follow
_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")
_RANK = re.compile(r"排行|排名|排序|序号|名次")
_PLACE_LABEL = re.compile(r"区域|地区|地域|城市|县市区|县\(市、?区\)|区县|县区|乡镇|镇街|街镇|单位名称|^单位$|^名称$|"
                          r"^市\s*县$|^市\s*州$")
_YEAR_LABEL = re.compile(r"(?:年份|年度)$|^时间$")
_INDICATOR_LABEL = re.compile(r"指\s*标|项\s*目|^名称$")
_RATE_WORDS = re.compile(r"增速|增长|增幅|增减|同比|比上年|±")
_PLAN = re.compile(r"目标|计划|预期|任务")
_UNIT_IN = re.compile(r"[(（]\s*(亿元|万元|元|%|个|家|户|人|名)\s*[)）]")
_YEAR_IN = re.compile(r"((?:19|20)\d{2})\s*年")
_ROW_YEAR = re.compile(r"^((?:19|20)\d{2})\s*年?$")
_UNIT_COLUMN = re.compile(r"(?:计量)?单位$")
_ROW_UNIT = re.compile(r"亿元|万元|元|个|家|户|人|名")
# 单位:亿元 printed above a table: the unit of its figures.
_TABLE_UNIT = re.compile(r"单位\s*[:：]\s*(亿元|万元|元|个|家|户|人)")


@dataclass(frozen=True)
class Cell:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Column:
    label: str  # the measure's words, unit and year taken out (GDP, 地区生产总值), or "" for a rate
    unit: str | None
    year: int | None
    growth: bool


@dataclass(frozen=True)
class Row:
    label: Cell  # the place, year or indicator the row is about
    values: tuple[tuple[Column, Cell], ...]
    start: int
    end: int


@dataclass(frozen=True)
class Table:
    kind: str  # place | year | indicator: what the row labels are
    rows: tuple[Row, ...]


def find_tables(text: str) -> list[Table]:
    """The tables of a page, with their rows: cells between "|", or a cell on each line (a web page's table copied as
    text: 市 县 / 绝对数 / (亿元) / … / 海 口 市 / 797.49 / 8.1)."""
    groups = [_cells(text, group) for group in _pipe_groups(text)] if text.count("|") >= _MIN_PIPES else []
    groups += _line_groups(text)
    tables = []
    for cells in groups:
        at = 0
        while at < len(cells):
            table, at = _read(text, cells, at)
            if table is not None:
                tables.append(table)
    return tables


# A table copied a cell a line: runs of short lines, a unit in brackets on its own line belonging to the cell above.
_MIN_LINE_CELLS = 9
_UNIT_ONLY = re.compile(r"[(（][^()（）]{1,6}[)）]")
_NUMBER_LINE = re.compile(r"\n[ \t]*[-+]?\d+(?:\.\d+)?%?[ \t]*\n")


def _line_groups(text: str) -> list[list[Cell]]:
    if _NUMBER_LINE.search(text) is None:
        return []  # no line holds a bare figure: no table a cell a line (most pages; one scan)
    groups: list[list[Cell]] = []
    current: list[Cell] = []
    for m in re.finditer(r"[^\n]+", text):
        line = m.group()
        stripped = line.strip()
        if not stripped:
            continue
        if len(stripped) > 16 or "|" in stripped or stripped.endswith(("。", ";", ",")):
            if len(current) >= _MIN_LINE_CELLS:
                groups.append(current)
            current = []
            continue
        start = m.start() + len(line) - len(line.lstrip())
        cell = Cell(start, start + len(stripped), stripped)
        if current and _UNIT_ONLY.fullmatch(stripped):
            above = current[-1]
            current[-1] = Cell(above.start, cell.end, above.text + stripped)  # 绝对数 / (亿元)
            continue
        current.append(cell)
    if len(current) >= _MIN_LINE_CELLS:
        groups.append(current)
    return [g for g in groups if sum(_numeric(c) for c in g) >= 4]


def _pipe_groups(text: str) -> list[list[int]]:
    groups: list[list[int]] = []
    current: list[int] = []
    for m in re.finditer(r"\|", text):
        if current and (m.start() - current[-1] > _MAX_CELL or "。" in text[current[-1]:m.start()]):
            if len(current) >= _MIN_PIPES:
                groups.append(current)
            current = []
        current.append(m.start())
    if len(current) >= _MIN_PIPES:
        groups.append(current)
    return groups


def _cells(text: str, pipes: list[int]) -> list[Cell]:
    # The cell before the first "|" starts after the line or sentence before it, and after a title printed on
    # the same line (重庆市历年GDP对比表 年份 |), though not inside a spaced-out word (指 标 |).
    head_end = len(text[:pipes[0]].rstrip())
    line_start = max(text.rfind(c, max(0, head_end - _MAX_CELL), head_end) for c in "\n。;") + 1
    space = text.rfind(" ", line_start, head_end)
    if space >= 0 and head_end - space > 2:
        line_start = space + 1
    bounds = [(line_start, pipes[0])] + [(a + 1, b) for a, b in zip(pipes, pipes[1:], strict=False)]
    cells = []
    for a, b in bounds:
        raw = text[a:b]
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            cells.append(Cell(a + lead, a + lead + len(stripped), stripped))
    return cells


def _numeric(cell: Cell) -> bool:
    return _NUMBER.fullmatch(cell.text.replace(",", "").rstrip("%")) is not None


def _column(label: str, table_unit: str | None) -> Column | None:
    if _PLAN.search(label):
        return None  # 2023年预期目标: a goal, not a result
    unit = _UNIT_IN.search(label)
    year = _YEAR_IN.search(label)
    growth = bool(_RATE_WORDS.search(label))
    if unit is not None and unit.group(1) == "%" and not growth:
        return None  # 比重(%): a share of the whole, not a rate of growth
    words = _UNIT_IN.sub("", label)
    words = _YEAR_IN.sub("", words).strip()
    return Column(label="" if growth else words, unit="%" if growth else (unit.group(1) if unit else table_unit),
                  year=int(year.group(1)) if year else None, growth=growth)


def _with_unit_printed(text: str, column: Column, cells: list[Cell]) -> Column:
    """重庆市 | 29129.03 under 2022年GDP, with no unit in the header: the unit the page's text prints after one of the
    column's figures (2022年重庆市年实现地区生产总值29129.03亿元) is the column's."""
    for cell in cells:
        number = cell.text.replace(",", "")
        if not _NUMBER.fullmatch(number) or len(number.replace(".", "").lstrip("0")) < 3:
            continue  # a short figure (12) could be anything else the text prints
        m = re.search(r"(?<![\d.])" + re.escape(number) + r"\s*(" + _ROW_UNIT.pattern + ")", text)
        if m is not None:
            return Column(label=column.label, unit=m.group(1), year=column.year, growth=False)
    return column


def _read(text: str, all_cells: list[Cell], at: int) -> tuple[Table | None, int]:
    """The table whose header starts at cell ``at``, and the cell after it (past at least one number, so that the
    caller moves on: each cell is read about once)."""
    found = next((i for i in range(at, len(all_cells)) if _numeric(all_cells[i])), None)
    if found is None:
        return None, len(all_cells)
    cells = all_cells[at:found + 1 + _MAX_COLUMNS * _MAX_ROWS]
    first_number = found - at
    if first_number < 2:
        return None, found + 1
    # A ranking opens each row with its rank (1 | 海宁市 | 1196.3): the header is every cell before the first
    # number. Otherwise each row opens with its label (2018年 | 20363.19, 地区生产总值 | 567.9).
    ranked = bool(_RANK.search(cells[0].text))
    # (A column of units puts a second word before each row's first number: 地区生产总值 | 亿元 | 770.79.)
    unit_cells = 1 if any(_UNIT_COLUMN.match(c.text) for c in cells[:first_number]) else 0
    width = first_number if ranked else first_number - 1 - unit_cells
    if not 2 <= width <= _MAX_COLUMNS:
        return None, found + 1
    header, body = cells[:width], cells[width:]
    label_at = 1 if ranked else 0
    # 重庆市历年GDP对比表 年份: a table's title may run into its first label.
    label_head = header[label_at].text.split()[-1] if len(header[label_at].text.split()[-1]) >= 2 \
        else header[label_at].text
    if _YEAR_LABEL.search(label_head):
        kind = "year"
    elif _INDICATOR_LABEL.search(label_head):
        kind = "indicator"
    elif _PLACE_LABEL.search(label_head):
        kind = "place"
    else:
        return None, found + 1
    unit_line = _TABLE_UNIT.search(text, max(0, header[0].start - 60), header[0].end)
    # 附表:2018年上半年各市县地区生产总值及增速 / 市县 | 绝对数(亿元) | …: a column of the bare amount measures what the
    # table's title names, in the year it names.
    title = _title(text, header[0].start)
    title_measure = _TITLE_MEASURE.search(title) if title else None
    # 指标名称 | 单位 | 1季度累计 | 增长速度(±%): a column of units gives each row's own.
    unit_at = next((i for i, h in enumerate(header) if i > label_at and _UNIT_COLUMN.match(h.text)), None)
    columns = [None if i <= label_at or i == unit_at else _column(h.text, unit_line.group(1) if unit_line else None)
               for i, h in enumerate(header)]
    if title_measure is not None:
        title_year = _YEAR_IN.search(title)
        columns = [Column(label=title_measure.group("measure") if _AMOUNT_ONLY.fullmatch(c.label) else c.label,
                          unit=c.unit, year=c.year or (int(title_year.group(1)) if title_year else None),
                          growth=c.growth) if c is not None else None for c in columns]
    first_rows = body[:width * 8]  # the text is searched for a few of a column's figures, not all of a long table's
    columns = [_with_unit_printed(text, col, first_rows[i::width])
               if col is not None and col.unit is None and not col.growth else col
               for i, col in enumerate(columns)]
    # (2022年GDP | 2021年GDP | …: the columns of one measure in other years share the unit found for one of them.)
    found_units = {c.label: c.unit for c in columns if c is not None and c.unit is not None and c.label}
    columns = [Column(label=c.label, unit=found_units[c.label], year=c.year, growth=False)
               if c is not None and c.unit is None and c.label in found_units else c for c in columns]
    rows = []
    used = width
    for r in range(0, len(body) - width + 1, width):
        row = body[r:r + width]
        label = row[label_at]
        numbers = [(columns[i], c) for i, c in enumerate(row) if i > label_at and i != unit_at]
        if _numeric(label) or not all(_numeric(c) for _, c in numbers):
            break  # the table has ended, or its rows are not the header's width
        if unit_at is not None:
            unit = _ROW_UNIT.fullmatch(row[unit_at].text)
            numbers = [(Column(col.label, unit.group() if unit else None, col.year, False)
                        if col is not None and not col.growth else col, c) for col, c in numbers]
        if kind == "year" and not _ROW_YEAR.match(label.text):
            break
        used += width
        values = tuple((col, c) for col, c in numbers if col is not None)
        if values:
            rows.append(Row(label=label, values=values, start=row[0].start, end=row[-1].end))
    return (Table(kind=kind, rows=tuple(rows)) if rows else None), max(at + used, found + 1)


# The title's measure: the words after the places it covers (各市县, 各区县) and before 及增速 / 情况 / 表.
_TITLE_MEASURE = re.compile(r"(?:各市县|各县市区?|各区县|各县区|各市州|各地|各乡镇|各镇街?|各街道)"
                            r"(?P<measure>[\u4e00-\u9fffA-Z]{2,12}?)(?:及|和|与|情况|统计|一览|表|$)")
_AMOUNT_ONLY = re.compile(r"绝对[数值额]|总量|数值|数额|金额|完成数|绝对量")


def _title(text: str, header_start: int) -> str:
    """The line printed right before a table's header (its title), if short."""
    before = text[max(0, header_start - 120):header_start].rstrip()
    line = before.rsplit("\n", 1)[-1].strip()
    return line if len(line) <= 60 else ""


def row_sentence(table: Table, row: Row) -> tuple[str, dict[int, tuple[Cell, Column]]]:
    """The sentence a report would print for the row (GDP1196.3亿元,增长7%), and the cell and column of the value
    that starts at each position of it."""
    sentence = ""
    at: dict[int, tuple[Cell, Column]] = {}
    measure = ""
    for column, cell in row.values:
        number = cell.text.replace(",", "").rstrip("%")
        if column.growth:
            head = ("," if sentence else measure) + "增长"
            unit = "%"
        else:
            measure = _UNIT_IN.sub("", row.label.text).strip() if table.kind == "indicator" else column.label
            own = _UNIT_IN.search(row.label.text) if table.kind == "indicator" else None
            unit = own.group(1) if own else column.unit
            if not measure or unit is None:
                continue
            head = ("," if sentence else "") + measure
        at[len(sentence) + len(head)] = (cell, column)
        sentence += head + number + unit
    return sentence + "。", at
