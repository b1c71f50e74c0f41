"""Downloads of every table as CSV, XLSX or JSON, with the same filters as the pages.

Every format streams from a server-side cursor, so memory stays flat however many rows there are; the facts
CSV is formatted in PostgreSQL, XLSX is written as zipped worksheet XML while rows arrive (reports/exports.py).
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
    name_parts = ["街道治理数据", TITLES[table]]
    if table == "facts":
        catalogue = selectors.metric_catalogue()
        metric_keys = tuple(dict.fromkeys(params.list_values(request.GET, "metric")))
        unknown = [k for k in metric_keys if k not in catalogue]
        if unknown:
            raise params.BadParameter(_("参数 metric：没有代码为 %(keys)s 的指标。")
                                      % {"keys": params.shown("、".join(unknown), 200)})
        columns = selectors.FACT_COLUMNS
        rows = selectors.iter_fact_tuples(filters=filters, metric_keys=metric_keys, base_url=base_url)
        name_parts += [catalogue[k].name_zh for k in metric_keys[:3]]
    elif table == "initiatives":
        columns = selectors.INITIATIVE_COLUMNS
        rows = selectors.iter_initiative_tuples(filters=filters, base_url=base_url)
    else:
        year = params.parse_year(request.GET, "year")
        if year is None:
            raise params.BadParameter(_("对比宽表需要指定年份，例如 ?year=2023。"))
        wide = selectors.wide_table(year=year, filters=filters)
        columns, rows = wide.columns, wide.rows
        name_parts.append(f"{year}年")
    now = timezone.localtime()
    if not filters.is_empty:
        name_parts.append("筛选")
    name_parts.append(now.strftime("%Y%m%d-%H%M"))
    filename = "_".join(name_parts) + f".{fmt}"
    described = params.describe_filters(filters)
    about = [("表格", TITLES[table]), *described, ("导出时间", now.isoformat(timespec="seconds")),
             ("来源", request.build_absolute_uri())]

    if fmt == "xlsx":
        stream = exports.iter_xlsx(rows, columns, sheet_title=TITLES[table], about=about, about_title="说明")
    elif fmt == "csv" and table == "facts":
        sql, sql_params = selectors.fact_csv_lines_sql(filters=filters, metric_keys=metric_keys, base_url=base_url)
        stream = exports.iter_csv_lines(sql, sql_params, columns)
    elif fmt == "csv":
        stream = exports.iter_csv(rows, columns)
    else:
        meta = {"table": table, "title": TITLES[table], "filters": dict(described),
                "exported_at": now.isoformat(timespec="seconds"), "source": request.build_absolute_uri()}
        stream = exports.iter_json(rows, columns, meta=meta)
    response = StreamingHttpResponse(stream, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "no-store"
    return response
