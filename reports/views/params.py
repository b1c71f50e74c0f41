"""Query-parameter parsing for the reader's pages and exports.

Every view state lives in the URL, so every parameter is validated here: a bad one raises ``BadParameter``
with a message the reader can act on, and the view answers 400 instead of failing later with a 500.
"""

import re
import unicodedata
from urllib.parse import urlencode

from django.utils import translation
from django.utils.translation import gettext as _

from reports import selectors
from reports.models import District, Fact, Metric, Subdistrict

YEAR_MIN, YEAR_MAX = 1949, 2100
MAX_IDS = 50
MAX_PAGE = 100_000
# ASCII digits only (str.isdigit() also takes "²" and "٢"), at most 18 of them so int() stays cheap and in range.
INTEGER = re.compile(r"-?[0-9]{1,18}")
ID = re.compile(r"[0-9]{1,18}")
FILTER_KEYS = ("district", "subdistrict", "year_from", "year_to", "category", "status")


class BadParameter(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def shown(raw: str, limit: int = 40) -> str:
    """A received value as a message may quote it: short, and without control characters such as NUL."""
    text = "".join("\ufffd" if unicodedata.category(ch) in ("Cc", "Cs") else ch for ch in raw[:limit])
    return text + ("…" if len(raw) > limit else "")


def list_values(query, name: str) -> list[str]:
    # Forms send repeated keys (?subdistrict=1&subdistrict=2); hand-written links often use commas.
    values = []
    for raw in query.getlist(name):
        values.extend(part.strip() for part in raw.split(",") if part.strip())
    return values


def parse_int(query, name: str, *, minimum: int, maximum: int, default=None):
    raw = query.get(name, "").strip()
    if not raw:
        return default
    if INTEGER.fullmatch(raw) is None:
        if re.fullmatch(r"-?[0-9]+", raw):
            raise BadParameter(_("参数 %(name)s 应在 %(min)s 到 %(max)s 之间，收到 %(value)s。")
                               % {"name": name, "min": minimum, "max": maximum, "value": shown(raw, 20)})
        raise BadParameter(_("参数 %(name)s 应为整数，收到“%(value)s”。") % {"name": name, "value": shown(raw)})
    value = int(raw)
    if not minimum <= value <= maximum:
        raise BadParameter(_("参数 %(name)s 应在 %(min)s 到 %(max)s 之间，收到 %(value)s。")
                           % {"name": name, "min": minimum, "max": maximum, "value": value})
    return value


def parse_ids(query, name: str, *, limit: int = MAX_IDS) -> tuple[int, ...]:
    ids = []
    for raw in list_values(query, name):
        if ID.fullmatch(raw) is None:
            raise BadParameter(_("参数 %(name)s 应为编号（正整数），收到“%(value)s”。")
                               % {"name": name, "value": shown(raw)})
        if int(raw) not in ids:
            ids.append(int(raw))
    if len(ids) > limit:
        raise BadParameter(_("参数 %(name)s 最多可选 %(limit)s 项，收到 %(count)s 项。")
                           % {"name": name, "limit": limit, "count": len(ids)})
    return tuple(ids)


def parse_choice(query, name: str, choices, *, default=None):
    raw = query.get(name, "").strip()
    if not raw:
        return default
    if raw not in choices:
        raise BadParameter(_("参数 %(name)s 的取值“%(value)s”无效，可选：%(choices)s。")
                           % {"name": name, "value": shown(raw), "choices": "、".join(choices)})
    return raw


def parse_year(query, name: str, *, default=None):
    return parse_int(query, name, minimum=YEAR_MIN, maximum=YEAR_MAX, default=default)


def parse_page(query) -> int:
    return parse_int(query, "page", minimum=1, maximum=MAX_PAGE, default=1)


def parse_view(query) -> str:
    return parse_choice(query, "view", ("chart", "table"), default="chart")


def _known(model, ids, name: str, label: str) -> None:
    if not ids:
        return
    missing = sorted(set(ids) - selectors.existing_ids(model, ids))
    if missing:
        raise BadParameter(_("参数 %(name)s：没有编号为 %(ids)s 的%(label)s。")
                           % {"name": name, "ids": "、".join(map(str, missing)), "label": label})


# What each accepted ``status`` value keeps. 已确认 (confirmed) is a checked figure, so a corrected one counts too;
# ``corrected`` alone still selects corrections only.
STATUS_VALUES = {
    **selectors.REVIEW_CHOICES,
    Fact.ReviewStatus.CONFIRMED.value: selectors.REVIEWED_STATUSES,
    Fact.ReviewStatus.CORRECTED.value: (Fact.ReviewStatus.CORRECTED,),
}


def parse_filters(query, *, max_subdistricts: int = MAX_IDS) -> selectors.FactFilter:
    districts = parse_ids(query, "district")
    subdistricts = parse_ids(query, "subdistrict", limit=max_subdistricts)
    year_from = parse_year(query, "year_from")
    year_to = parse_year(query, "year_to")
    if year_from is not None and year_to is not None and year_from > year_to:
        raise BadParameter(_("起始年份 %(start)s 晚于结束年份 %(end)s。") % {"start": year_from, "end": year_to})
    category = parse_choice(query, "category", Metric.Category.values)
    statuses = []
    for raw in list_values(query, "status"):
        if raw == Fact.ReviewStatus.REJECTED:
            raise BadParameter(_("已驳回的数据不对外显示，不能按此状态筛选。"))
        if raw not in STATUS_VALUES:
            raise BadParameter(_("参数 status 的取值“%(value)s”无效，可选：%(choices)s。")
                               % {"value": shown(raw), "choices": "、".join(STATUS_VALUES)})
        for status in STATUS_VALUES[raw]:
            if status not in statuses:
                statuses.append(status)
    _known(District, districts, "district", _("区县"))
    _known(Subdistrict, subdistricts, "subdistrict", _("街道/镇"))
    return selectors.FactFilter(districts=districts, subdistricts=subdistricts, year_from=year_from,
                                year_to=year_to, category=category, statuses=tuple(statuses))


def filter_pairs(filters: selectors.FactFilter) -> list[tuple[str, object]]:
    pairs = [("district", d) for d in filters.districts]
    pairs += [("subdistrict", s) for s in filters.subdistricts]
    if filters.year_from is not None:
        pairs.append(("year_from", filters.year_from))
    if filters.year_to is not None:
        pairs.append(("year_to", filters.year_to))
    if filters.category:
        pairs.append(("category", filters.category))
    choice = filters.review_choice
    pairs += [("status", choice)] if choice else [("status", s) for s in filters.statuses]
    return pairs


def query_string(pairs) -> str:
    return urlencode([(k, v) for k, v in pairs if v is not None and v != ""])


ALL_FILTERS = "全部（不含已驳回的数据）"


def filter_pairs_grouped(filters: selectors.FactFilter) -> dict[str, object]:
    """The filters as parameter names and values, lists where a parameter repeats (for JSON metadata)."""
    grouped: dict[str, object] = {}
    for key, value in filter_pairs(filters):
        if key in ("district", "subdistrict", "status"):
            grouped.setdefault(key, []).append(value)
        else:
            grouped[key] = value
    return grouped


def describe_filters(filters: selectors.FactFilter, *, metric_names=(),
                     year: int | None = None) -> list[tuple[str, str]]:
    """The filters in words, for the XLSX sheet and JSON metadata that record what an export contains, and for
    its file name. Always Chinese, like the sheets' headers."""
    rows = []
    if filters.districts:
        names = District.objects.filter(pk__in=filters.districts).values_list("name", flat=True)
        rows.append(("区县", "、".join(names)))
    if filters.subdistricts:
        names = dict(Subdistrict.objects.filter(pk__in=filters.subdistricts).values_list("pk", "name"))
        rows.append(("街道/镇", "、".join(names[i] for i in filters.subdistricts if i in names)))
    if year is not None:
        rows.append(("年份", f"{year}年"))
    elif filters.year_from is not None or filters.year_to is not None:
        rows.append(("年份", f"{filters.year_from or '…'}–{filters.year_to or '…'}"))
    if metric_names:
        rows.append(("指标", "、".join(metric_names)))
    if filters.category:
        with translation.override("zh-hans"):
            rows.append(("指标类别", str(Metric.Category(filters.category).label)))
    if filters.statuses:
        choice = dict(review_choices()).get(filters.review_choice)
        with translation.override("zh-hans"):
            rows.append(("审核状态", str(choice) if choice else
                         "、".join(str(Fact.ReviewStatus(s).label) for s in filters.statuses)))
    return rows or [("筛选条件", ALL_FILTERS)]


def review_choices() -> list[tuple[str, str]]:
    """The review filter's options; an office publishing reviewed figures only has no 未审核 to offer."""
    choices = [("reviewed", _("已审核（已确认或已更正）"))]
    if not selectors.reviewed_only():
        choices.append(("auto", _("未审核（自动抽取）")))
    return choices
