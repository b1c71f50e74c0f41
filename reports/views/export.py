"""Downloads of every table as CSV, XLSX or JSON, with the same filters as the pages.

Every format streams, so memory stays flat however many rows there are: the facts CSV is written by PostgreSQL
(COPY), the rest read from a server-side cursor; XLSX is written as zipped worksheet XML while rows arrive
(reports/exports.py).
"""

from django.http import Http404, StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from reports import exports, selectors
from reports.views import params
from reports.views.common import reader_view

TITLES = {"facts": "数据明细", "wide": "对比宽表", "initiatives": "特色举措"}
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@reader_view
def export(request, table: str, fmt: str):
    if table not in TITLES or fmt not in CONTENT_TYPES:
        raise Http404
    filters = params.parse_filters(request.GET)
    base_url = request.build_absolute_uri("/").rstrip("/")
    catalogue = selectors.metric_catalogue()
    metric_keys = tuple(dict.fromkeys(params.list_values(request.GET, "metric")))
    unknown = [k for k in metric_keys if k not in catalogue]
    if unknown:
        raise params.BadParameter(_("参数 metric：没有代码为 %(keys)s 的指标。")
                                  % {"keys": params.shown("、".join(unknown), 200)})
    year = None
    if table == "facts":
        columns = selectors.FACT_COLUMNS
        rows = selectors.iter_fact_tuples(filters=filters, metric_keys=metric_keys, base_url=base_url,
                                          words=fmt != "json")
    elif table == "initiatives":
        # Initiatives have no metric: a metric choice carried over from the page does not apply to them.
        metric_keys = ()
        columns = selectors.INITIATIVE_COLUMNS
        rows = selectors.iter_initiative_tuples(filters=filters, base_url=base_url)
    else:
        year = params.parse_year(request.GET, "year")
        if year is None and filters.year_from is None and filters.year_to is None:
            raise params.BadParameter(_("对比宽表需要指定年份，例如 ?year=2023，或年份范围 "
                                        "?year_from=2021&year_to=2023。"))
        wide = selectors.wide_table(year=year, filters=filters, metric_keys=metric_keys)
        columns, rows = wide.columns, wide.rows
    now = timezone.localtime()
    metric_names = [catalogue[k].name_zh for k in metric_keys]
    described = params.describe_filters(filters, metric_names=metric_names, year=year)
    filename = _file_name(TITLES[table], described, now=now, fmt=fmt)
    about = [("表格", TITLES[table]), *described, ("导出时间", now.isoformat(timespec="seconds")),
             ("来源", request.build_absolute_uri())]

    if fmt == "xlsx":
        stream = exports.iter_xlsx(rows, columns, sheet_title=TITLES[table], about=about, about_title="说明")
    elif fmt == "csv" and table == "facts":
        sql, sql_params, quoted = selectors.fact_csv_sql(filters=filters, metric_keys=metric_keys, base_url=base_url)
        stream = exports.iter_csv_copy(sql, sql_params, columns, quoted=quoted)
    elif fmt == "csv":
        stream = exports.iter_csv(rows, columns)
    else:
        parameters = params.filter_pairs_grouped(filters)
        if metric_keys:
            parameters["metric"] = list(metric_keys)
        if year is not None:
            parameters["year"] = year
        meta = {"table": table, "title": TITLES[table], "filters": dict(described), "parameters": parameters,
                "exported_at": now.isoformat(timespec="seconds"), "source": request.build_absolute_uri()}
        stream = exports.iter_json(rows, columns, meta=meta)
    response = StreamingHttpResponse(stream, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "no-store"
    return response


# A file name stays well under the 255 bytes file systems allow (a Chinese character is 3 bytes in UTF-8).
MAX_NAME_CHARS = 70
UNSAFE_IN_NAMES = str.maketrans({c: "-" for c in '\\/:*?"<>|'})


def _file_name(title: str, described: list[tuple[str, str]], *, now, fmt: str) -> str:
    """街道治理数据_数据明细_江津区_2022-2023_网格数-微网格数_20261206-1830.csv: every filter in a few words, the
    longest lists cut short with 等N项."""
    parts = ["街道治理数据", title]
    for _label, value in described:
        if value == params.ALL_FILTERS:
            continue
        if value.endswith("–…"):
            value = value[:-2] + "起"
        elif value.startswith("…–"):
            value = value[2:] + "止"
        items = value.split("、")
        text = "-".join(items[:3]) + (f"等{len(items)}项" if len(items) > 3 else "")
        parts.append(text.replace("–", "-").replace("…", "").strip("-").translate(UNSAFE_IN_NAMES))
    stem = "_".join(p for p in parts if p)
    if len(stem) > MAX_NAME_CHARS:
        stem = stem[:MAX_NAME_CHARS - 1] + "…"
    return f"{stem}_{now.strftime('%Y%m%d-%H%M')}.{fmt}"
