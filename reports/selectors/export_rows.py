"""Exports: tuples straight from the database cursor, so a full export streams at database speed."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import translation

from reports.formatting import COUNT_UNITS, format_value
from reports.models import Fact

from .base import FactFilter
from .catalogue import article_url_template, metric_catalogue
from .cells import FACT_VALUES, build_cells

# (column key, Chinese header, English header, number format for XLSX or None)
# Facts and initiatives share the columns that say where and when, and those that give the source.
_PLACE_COLUMNS = [
    ("id", "编号", "id", None),
    ("district", "区县", "district", None),
    ("place", "街道/镇", "subdistrict", None),
    ("year", "年份", "year", "0"),
]
_SOURCE_COLUMNS = [
    ("newspaper", "报纸", "newspaper", None),
    ("published", "出版日期", "published", "yyyy-mm-dd"),
    ("article_id", "文章编号", "article id", None),
    ("article_title", "文章标题", "article title", None),
    ("evidence", "原文句子", "evidence", None),
    ("source", "来源链接", "source link", None),
]
FACT_COLUMNS = [
    *_PLACE_COLUMNS,
    ("metric", "指标代码", "metric", None),
    ("metric_name", "指标", "metric name", None),
    ("label", "名目", "label", None),
    ("value", "数值", "value", "#,##0.####"),
    ("upper_value", "上限", "upper value", "#,##0.####"),
    ("unit", "单位", "unit", None),
    ("qualifier", "限定", "qualifier", None),
    ("display", "显示值", "as printed", None),
    ("note", "备注", "note", None),
    ("review_status", "审核状态", "review status", None),
    *_SOURCE_COLUMNS,
]



def chinese_words(choices) -> dict[str, str]:
    """Stored codes of a choice field and their Chinese labels, whatever the reader's language: the CSV and XLSX
    headers are Chinese, so are the words in them (约, 已确认 rather than about, confirmed)."""
    with translation.override("zh-hans"):
        return {value: str(label) for value, label in choices.choices}


_FACT_EXPORT_FIELDS = ("id", "district__name", "subdistrict__name", "year", "metric__key", "metric__name_zh",
                       "label", "value", "upper_value", "unit", "metric__unit", "qualifier", "note", "review_status",
                       "article__issue__publication__name", "article__issue__published", "article_id",
                       "article__title", "evidence")


def iter_fact_tuples(*, filters: FactFilter | None = None, metric_keys: tuple[str, ...] = (),
                     base_url: str = "", chunk_size: int = 5000, words: bool = False):
    """Rows of the long facts table, aligned with ``FACT_COLUMNS``, read with a server-side cursor. With
    ``words``, qualifier and review status are Chinese words (for people), else the stored codes (for programs)."""
    qualifiers = chinese_words(Fact.Qualifier) if words else {}
    statuses = chinese_words(Fact.ReviewStatus) if words else {}
    queryset = (filters or FactFilter()).facts()
    if metric_keys:
        queryset = queryset.filter(metric__key__in=metric_keys)
    url = base_url + article_url_template()
    display_cache: dict[tuple, str] = {}
    for (pk, district, place, year, metric, metric_name, label, value, upper, unit, metric_unit, qualifier, note,
         status, newspaper, published, article_id, title, evidence) in (
            queryset.order_by("pk").values_list(*_FACT_EXPORT_FIELDS).iterator(chunk_size=chunk_size)):
        unit = metric_unit or unit
        key = (value, upper, unit, qualifier)
        display = display_cache.get(key)
        if display is None:
            display = format_value(value, unit=unit, qualifier=qualifier, upper=upper, en=False)
            if len(display_cache) < 50_000:
                display_cache[key] = display
        if words:
            qualifier, status = qualifiers.get(qualifier, qualifier), statuses.get(status, status)
        yield (pk, district or "", place or district or "", year, metric or "", metric_name or "", label, value,
               upper, unit, qualifier, display, note, status, newspaper, published, article_id, title, evidence,
               url.format(article_id) + f"?fact={pk}#fact-{pk}")


def display_sql(value: str, upper: str, unit: str, qualifier: str) -> tuple[str, list]:
    """SQL for ``format_value`` in Chinese over the given column expressions, with its parameters.

    The full CSV export formats in the database so rows stream at database speed; tests/dashboard/test_cells.py
    checks this against ``format_value`` case by case.
    """
    units = sorted(COUNT_UNITS)
    magnitude = f"greatest(abs({value}), abs(coalesce({upper}, {value})))"
    divisor = (f"(CASE WHEN {unit} = '元' AND {magnitude} >= 100000000 THEN 100000000 "
               f"WHEN {unit} = '元' AND {magnitude} >= 10000 THEN 10000 "
               f"WHEN {unit} = '万元' AND {magnitude} >= 10000 THEN 10000 "
               f"WHEN {unit} = ANY(%s) AND {magnitude} >= 100000000 THEN 100000000 "
               f"WHEN {unit} = ANY(%s) AND {magnitude} >= 10000 THEN 10000 ELSE 1 END)")
    shown = (f"(CASE WHEN {unit} = '元' AND {magnitude} >= 100000000 THEN '亿元' "
             f"WHEN {unit} = '元' AND {magnitude} >= 10000 THEN '万元' "
             f"WHEN {unit} = '万元' AND {magnitude} >= 10000 THEN '亿元' "
             f"WHEN {unit} = ANY(%s) AND {magnitude} >= 100000000 THEN '亿' || {unit} "
             f"WHEN {unit} = ANY(%s) AND {magnitude} >= 10000 THEN '万' || {unit} ELSE {unit} END)")

    def number(column: str) -> str:
        scaled = f"({column}::numeric / {divisor})"
        places = f"(CASE WHEN abs({scaled}) >= 1000 THEN 1 WHEN abs({scaled}) >= 1 THEN 2 ELSE 4 END)"
        return f"trim_scale(round({scaled}, {places}))::text"

    text = (f"({number(value)} || CASE WHEN {upper} IS NOT NULL AND {upper} <> {value} "
            f"THEN '–' || {number(upper)} ELSE '' END)")
    sql = (f"(CASE {qualifier} WHEN 'about' THEN '近' || {text} WHEN 'over' THEN {text} || '+' "
           f"WHEN 'under' THEN '不足' || {text} ELSE {text} END || {shown})")
    # Every placeholder is the list of count units.
    return sql, [units] * sql.count("%s")


def fact_csv_sql(*, filters: FactFilter | None = None, metric_keys: tuple[str, ...] = (),
                 base_url: str = "") -> tuple[str, list, list[str]]:
    """A query whose columns are the cells of the facts CSV, in ``FACT_COLUMNS`` order, for PostgreSQL's own CSV
    writer (exports.iter_csv_copy); with the names of the text columns, which the CSV always quotes.

    Text is neutralised here as exports.neutralise does; the database does the rest, so the full export runs at
    the speed PostgreSQL formats rows.
    """
    queryset = (filters or FactFilter()).facts()
    if metric_keys:
        queryset = queryset.filter(metric__key__in=metric_keys)
    inner_sql, inner_params = queryset.order_by().values(
        "id", "year", "label", "value", "upper_value", "unit", "qualifier", "note", "review_status", "article_id",
        "evidence", "district__name", "subdistrict__name", "metric__key", "metric__name_zh", "metric__unit",
        "article__issue__publication__name", "article__issue__published", "article__title").query.sql_with_params()

    def text(column: str) -> str:
        # A formula prefix gets a leading apostrophe. A comparison of the first character rather than a regular
        # expression: this runs for a dozen cells of every row.
        value = f"coalesce({column}::text, '')"
        return f"(CASE WHEN left({value}, 1) IN ('-', '=', '+', '@', chr(9), chr(13)) THEN '''' ELSE '' END || {value})"

    unit = "coalesce(nullif(i.\"metric__unit\", ''), i.unit, '')"
    display, display_params = display_sql("i.value", "i.upper_value", unit, "i.qualifier")
    prefix, suffix = article_url_template().split("{}")
    source = "%s || i.article_id::text || %s || '?fact=' || i.id::text || '#fact-' || i.id::text"

    def word(column: str, choices) -> tuple[str, list]:
        pairs = list(chinese_words(choices).items())
        cases = " ".join("WHEN %s THEN %s" for _pair in pairs)
        return f"(CASE {column} {cases} ELSE {column} END)", [v for pair in pairs for v in pair]

    qualifier_sql, qualifier_params = word("i.qualifier", Fact.Qualifier)
    status_sql, status_params = word("i.review_status", Fact.ReviewStatus)
    # The words, unit, displayed value and link are computed once per row in an ordered subquery, which PostgreSQL
    # does not fold into the outer query (that would compute them again wherever they are quoted); ordered by id
    # before the cells are built, the rows come from a scan of the primary key or a sort of narrow rows.
    ordered = (f"SELECT i.*, {unit} AS shown_unit, {qualifier_sql} AS qualifier_word, {display} AS display, "
               f"{status_sql} AS status_word, {source} AS source_link FROM ({inner_sql}) AS i ORDER BY i.id")
    # (expression, quoted): numbers and dates are written bare, a missing one as an empty cell.
    cells = [
        ("f.id", False), (text('f."district__name"'), True),
        (text('coalesce(f."subdistrict__name", f."district__name")'), True), ("f.year", False),
        (text('f."metric__key"'), True), (text('f."metric__name_zh"'), True), (text("f.label"), True),
        ("trim_scale(f.value)::text", False), ("trim_scale(f.upper_value)::text", False),
        (text("f.shown_unit"), True), (text("f.qualifier_word"), True), (text("f.display"), True),
        (text("f.note"), True), (text("f.status_word"), True), (text('f."article__issue__publication__name"'), True),
        ("to_char(f.\"article__issue__published\", 'YYYY-MM-DD')", False), ("f.article_id", False),
        (text('f."article__title"'), True), (text("f.evidence"), True), (text("f.source_link"), True),
    ]
    names = [f"c{n}" for n in range(len(cells))]
    sql = (f"SELECT {', '.join(f'{expression} AS {name}' for (expression, _q), name in zip(cells, names, strict=True))}"
           f" FROM ({ordered}) AS f")
    # Placeholders in the order they appear: qualifier words, the displayed value, status words, the link, filters.
    params = [*qualifier_params, *display_params, *status_params, base_url + prefix, suffix, *inner_params]
    return sql, params, [name for (_e, quoted), name in zip(cells, names, strict=True) if quoted]


def count_facts(*, filters: FactFilter | None = None, metric_keys: tuple[str, ...] = ()) -> int:
    queryset = (filters or FactFilter()).facts()
    if metric_keys:
        queryset = queryset.filter(metric__key__in=metric_keys)
    return queryset.count()


def iter_fact_rows(queryset: QuerySet[Fact] | None = None, chunk_size: int = 2000):
    """Dict rows keyed by ``FACT_COLUMNS`` (the ``export_facts`` command)."""
    keys = [c[0] for c in FACT_COLUMNS]
    if queryset is not None:
        ids = set(queryset.values_list("pk", flat=True))
        rows = (r for r in iter_fact_tuples(chunk_size=chunk_size) if r[0] in ids)
    else:
        rows = iter_fact_tuples(chunk_size=chunk_size)
    for row in rows:
        yield dict(zip(keys, row, strict=True))


INITIATIVE_COLUMNS = [
    *_PLACE_COLUMNS,
    ("name", "举措名称", "initiative", None),
    ("category", "类别", "category", None),
    *_SOURCE_COLUMNS,
]


def iter_initiative_tuples(*, filters: FactFilter | None = None, base_url: str = "", chunk_size: int = 5000):
    url = base_url + article_url_template()
    for (pk, district, place, year, name, category, newspaper, published, article_id, title, evidence) in (
            (filters or FactFilter()).initiatives().order_by("pk").values_list(
                "id", "district__name", "subdistrict__name", "year", "name", "category",
                "article__issue__publication__name", "article__issue__published", "article_id", "article__title",
                "evidence").iterator(chunk_size=chunk_size)):
        yield (pk, district or "", place or district or "", year, name, category, newspaper, published, article_id,
               title, evidence, url.format(article_id) + f"?initiative={pk}#initiative-{pk}")


def count_initiatives(*, filters: FactFilter | None = None) -> int:
    return (filters or FactFilter()).initiatives().count()


@dataclass
class WideTable:
    columns: list[tuple]
    rows: list[tuple]


def wide_table(*, filters: FactFilter, year: int | None = None, metric_keys: tuple[str, ...] = ()) -> WideTable:
    """Subdistricts × metrics: one numeric column per metric, notes on approximations and conflicts; a row per
    place and year (one year with ``year``, else every year the filters allow). With ``metric_keys`` the columns
    are those metrics in that order, reported or not; without, every metric reported.

    Built from cells, so conflicts and component sums follow the same rules as the charts.
    """
    catalogue = metric_catalogue()
    by_id = {m.id: m for m in catalogue.values()}
    queryset = filters.facts().filter(metric__isnull=False, subdistrict__isnull=False, year__isnull=False)
    if year is not None:
        queryset = queryset.filter(year=year)
    if metric_keys:
        metrics = [catalogue[k] for k in metric_keys if k in catalogue]
        queryset = queryset.filter(metric_id__in=[m.id for m in metrics])
    else:
        metric_ids = set(queryset.values_list("metric_id", flat=True).distinct().order_by())
        metrics = [m for m in catalogue.values() if m.id in metric_ids]
    places: dict[tuple[int, int], dict] = {}
    # Chunks keep memory flat for a year with many thousands of places.
    for cell in build_cells(queryset.values(*FACT_VALUES).iterator(chunk_size=5000), by_id):
        entry = places.setdefault((cell.place_id, cell.year), {"place": cell.place, "district": cell.district,
                                                               "year": cell.year, "values": {}, "notes": []})
        primary = cell.primary
        entry["values"][cell.metric.key] = primary.value
        unit = cell.metric.unit
        if cell.conflict:
            shown = " / ".join(format_value(r.value, unit=unit, qualifier=r.qualifier, upper=r.upper, en=False)
                               for r in cell.readings)
            entry["notes"].append(f"{cell.metric.name_zh}：数据冲突 {shown}")
        elif (primary.qualifier != Fact.Qualifier.EXACT or primary.upper is not None
              or any("预计" in (f["note"] or "") for f in primary.facts)):
            shown = format_value(primary.value, unit=unit, qualifier=primary.qualifier, upper=primary.upper,
                                 en=False)
            # An estimate (预计) says so beside its number, as on the charts.
            estimate = "（预计）" if any("预计" in (f["note"] or "") for f in primary.facts) else ""
            entry["notes"].append(f"{cell.metric.name_zh}：{shown}{estimate}")
    columns = [("district", "区县", "district", None), ("place", "街道/镇", "subdistrict", None),
               ("year", "年份", "year", "0")]
    columns += [(m.key, f"{m.name_zh}（{m.unit}）" if m.unit else m.name_zh,
                 f"{m.name_en} ({m.unit})" if m.unit else m.name_en, "#,##0.####") for m in metrics]
    columns.append(("notes", "说明（约数与冲突）", "notes (approximate and conflicting values)", None))
    rows = []
    for entry in sorted(places.values(), key=lambda e: (e["district"], e["place"], e["year"])):
        rows.append((entry["district"], entry["place"], entry["year"],
                     *[entry["values"].get(m.key) for m in metrics], "；".join(entry["notes"])))
    return WideTable(columns=columns, rows=rows)
