"""Cells and readings: the one road every reader-facing number takes.

Every reader-facing number goes through ``build_cells``: a *cell* is one place, year and metric; each article
that reports it gives one *reading*. Readings that disagree are all kept and the cell is flagged as a conflict,
so no view ever has to pick a winner silently. Rejected facts never reach a cell; corrected facts already hold
the corrected value (the extractor's original is kept in ``Fact.extracted``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd
from django.db.models import QuerySet

from reports.formatting import english, format_value, scope_mark, value_marks
from reports.models import Fact

from .base import REVIEWED_STATUSES, STATUS_RANK
from .catalogue import MetricInfo, article_url_template

# What grouping and ranking need; names and titles (DETAIL_VALUES) are fetched for the cells that are shown.
LIGHT_VALUES = ("id", "subdistrict_id", "district_id", "year", "metric_id", "value", "upper_value", "unit",
                "qualifier", "note", "review_status", "article_id", "article__issue__published", "cumulative")
DETAIL_VALUES = ("subdistrict__name", "district__name", "article__title", "article__issue__publication__name")
FACT_VALUES = LIGHT_VALUES + DETAIL_VALUES


@dataclass
class Reading:
    """What one article says about a cell."""

    facts: list[dict]
    value: Decimal
    upper: Decimal | None
    qualifier: str
    # An article that splits the figure by type (社区养老服务站 5, 中心敬老院 1) gives parts that add up...
    components: list[dict] = field(default_factory=list)
    # ...or a total with a breakdown that need not (网格员 44 名，其中专职 33 名).
    parts: list[dict] = field(default_factory=list)
    # The fact whose sentence prints this value, when the reading's own fact was corrected to it.
    printed: dict | None = None

    @property
    def source(self) -> dict:
        """The fact a link from this reading goes to: one whose sentence states the value shown."""
        return self.printed or self.first

    @property
    def first(self) -> dict:
        return self.facts[0]

    @property
    def reviewed(self) -> bool:
        """A person checked the number this reading draws: every component of a sum, or the figure itself (a
        total's breakdown does not decide it)."""
        if self.components:
            return all(f["review_status"] in REVIEWED_STATUSES for f in self.components)
        parts = {id(f) for f in self.parts}
        return any(f["review_status"] in REVIEWED_STATUSES for f in self.facts if id(f) not in parts)

    @property
    def rank(self) -> tuple:
        published = self.first["article__issue__published"] or dt.date.min
        return (max(STATUS_RANK.get(f["review_status"], 0) for f in self.facts), published, self.first["article_id"])


@dataclass
class Cell:
    place_key: str
    place_id: int
    place: str
    level: str
    district: str
    year: int | None
    metric: MetricInfo
    readings: list[Reading]

    @property
    def conflict(self) -> bool:
        return len({(r.value, r.upper) for r in self.readings}) > 1

    @property
    def primary(self) -> Reading:
        return self.readings[0]


def _reading_from(facts: list[dict], metric: MetricInfo) -> list[Reading]:
    """Readings of one article for one cell."""
    distinct: dict[tuple, dict] = {}
    # The same number said twice is one fact; the reviewed mention stands for it, and leads the reading, so
    # the reading's link goes to the sentence a person checked.
    # (Ties go by id: the database returns rows in no fixed order, and a page, its copied link and an export must
    # show the same parts in the same order.)
    for fact in sorted(facts, key=lambda f: (-STATUS_RANK.get(f["review_status"], 0), f["id"])):
        distinct.setdefault((fact["value"], fact["upper_value"], fact["qualifier"], fact["note"]), fact)
    facts = list(distinct.values())
    # One number said once (or repeated with another qualifier) is one reading; the same number under two
    # notes (专职 5, 兼职 5) is two parts and is handled below.
    if len({(f["value"], f["upper_value"], f["note"]) for f in facts}) == 1:
        return [Reading(facts=facts, value=facts[0]["value"], upper=facts[0]["upper_value"],
                        qualifier=facts[0]["qualifier"])]
    plain = [f for f in facts if not f["note"]]
    noted = [f for f in facts if f["note"]]
    plain_values = {(f["value"], f["upper_value"]) for f in plain}
    if len(plain_values) == 1 and noted:
        return [Reading(facts=plain + noted, value=plain[0]["value"], upper=plain[0]["upper_value"],
                        qualifier=plain[0]["qualifier"], parts=noted)]
    if not plain and metric.additive and len({f["note"] for f in noted}) == len(noted):
        qualifiers = {f["qualifier"] for f in noted}
        upper = None
        if any(f["upper_value"] is not None for f in noted):
            upper = sum((f["upper_value"] if f["upper_value"] is not None else f["value"]) for f in noted)
        return [Reading(facts=noted, value=sum(f["value"] for f in noted), upper=upper,
                        qualifier=qualifiers.pop() if len(qualifiers) == 1 else Fact.Qualifier.ABOUT,
                        components=noted)]
    # The article itself gives different numbers for the same thing: every one is its own reading.
    by_value: dict[tuple, list[dict]] = defaultdict(list)
    for fact in facts:
        by_value[(fact["value"], fact["upper_value"])].append(fact)
    return [Reading(facts=group, value=group[0]["value"], upper=group[0]["upper_value"],
                    qualifier=group[0]["qualifier"]) for group in by_value.values()]


def _link_printed(readings: list[Reading], others: list[Reading]) -> None:
    """A corrected reading links to a sentence that prints its value when another article of the cell does:
    a reprint corrected back to 168 should send the reader to the sentence that says 168, not to its 186."""
    for reading in readings:
        if reading.first["review_status"] != Fact.ReviewStatus.CORRECTED or reading.components:
            continue
        for other in [*others, *readings]:
            if (other is not reading and other.first["review_status"] != Fact.ReviewStatus.CORRECTED
                    and (other.value, other.upper) == (reading.value, reading.upper)):
                reading.printed = other.first
                break


def build_cells(rows, catalogue_by_id: dict[int, MetricInfo]) -> list[Cell]:
    """Group fact rows (``FACT_VALUES`` dicts) into cells; the most trusted, most recent reading first."""
    grouped: dict[tuple, dict[int, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        if row["subdistrict_id"] is not None:
            place = ("s", row["subdistrict_id"])
        elif row["district_id"] is not None:
            place = ("d", row["district_id"])
        else:
            continue
        grouped[(place, row["year"], row["metric_id"])][row["article_id"]].append(row)
    cells = []
    for (place, year, metric_id), by_article in grouped.items():
        metric = catalogue_by_id[metric_id]
        readings = [r for facts in by_article.values() for r in _reading_from(facts, metric)]
        # The publication rule: once a person has checked a figure for the cell (confirmed or corrected),
        # automatic readings of it are no longer published beside it, and neither draw nor raise a conflict.
        if any(r.reviewed for r in readings):
            superseded = [r for r in readings if not r.reviewed]
            readings = [r for r in readings if r.reviewed]
            _link_printed(readings, superseded)
        readings.sort(key=lambda r: r.rank, reverse=True)
        first = readings[0].first
        subdistrict = place[0] == "s"
        cells.append(Cell(
            place_key=f"{place[0]}{place[1]}", place_id=place[1],
            place=first.get("subdistrict__name") if subdistrict else first.get("district__name"),
            level="subdistrict" if subdistrict else "district", district=first.get("district__name") or "",
            year=year, metric=metric, readings=readings,
        ))
    return cells


def attach_details(cells: list[Cell]) -> list[Cell]:
    """Fill in place names, titles and newspapers of cells built from ``LIGHT_VALUES`` rows (one query)."""
    facts = {f["id"]: f for cell in cells for r in cell.readings for f in [*r.facts, *filter(None, [r.printed])]}
    for row in Fact.objects.filter(pk__in=list(facts)).values("id", *DETAIL_VALUES):
        facts[row.pop("id")].update(row)
    for cell in cells:
        first = cell.primary.first
        cell.place = first["subdistrict__name"] if cell.level == "subdistrict" else first["district__name"]
        cell.district = first["district__name"] or ""
    return cells


CELL_COLUMNS = ["place_key", "place_id", "place", "level", "district", "year", "metric", "metric_name", "unit",
                "value", "upper", "qualifier", "display", "note", "breakdown", "components", "fact_id", "article_id",
                "url", "source", "title", "review_status", "primary", "conflict", "readings", "reading_values", "marks",
                "reviewed", "scope"]


def cells_frame(cells: list[Cell]) -> pd.DataFrame:
    """One row per reading; ``primary`` marks the reading a chart draws, ``conflict`` the disagreeing cells."""
    url = article_url_template()
    en = english()
    names: dict[int, str] = {}
    records = []
    for cell in cells:
        conflict = cell.conflict
        unit = cell.metric.unit
        name = names.get(cell.metric.id)
        if name is None:
            name = names[cell.metric.id] = cell.metric.name
        values = [format_value(r.value, unit=unit, qualifier=r.qualifier, upper=r.upper, en=en)
                  for r in cell.readings]
        for index, reading in enumerate(cell.readings):
            first = reading.source
            breakdown = reading.components or reading.parts
            published = first["article__issue__published"]
            records.append({
                "place_key": cell.place_key, "place_id": cell.place_id, "place": cell.place, "level": cell.level,
                "district": cell.district, "year": cell.year, "metric": cell.metric.key,
                "metric_name": name, "unit": unit,
                "value": float(reading.value), "upper": float(reading.upper) if reading.upper is not None else None,
                "qualifier": reading.qualifier, "display": values[index], "note": reading.first["note"],
                "breakdown": ("; " if en else "，").join(
                    f"{f['note']} {format_value(f['value'], unit=unit, qualifier=f['qualifier'], en=en)}"
                    for f in breakdown) if breakdown else "",
                "components": [(f["note"], float(f["value"]), f["id"]) for f in reading.components],
                "fact_id": first["id"], "article_id": first["article_id"],
                "url": url.format(first["article_id"]) + f"?fact={first['id']}#fact-{first['id']}",
                "source": " ".join(filter(None, [first["article__issue__publication__name"],
                                                 published.isoformat() if published else ""])),
                "title": first["article__title"], "review_status": reading.first["review_status"],
                "primary": index == 0, "conflict": conflict, "readings": len(cell.readings),
                "reading_values": values,
                "marks": value_marks(reading.qualifier, " ".join(f["note"] or "" for f in reading.facts)),
                "reviewed": reading.reviewed,
                # A reading of one part alone (专职 grid workers, one kind of facility) is narrower than the metric.
                "scope": scope_mark(cell.metric.key, "", True) if any(f.get("cumulative") for f in reading.facts)
                else "" if reading.components or reading.parts or len(reading.facts) != 1
                else scope_mark(cell.metric.key, reading.first["note"]),
            })
    return pd.DataFrame.from_records(records, columns=CELL_COLUMNS)


def records(frame: pd.DataFrame) -> list[dict]:
    """Rows of a frame as dicts, column by column: DataFrame.to_dict("records") boxes every value and costs
    ~10 ms per thousand rows."""
    if frame.empty:
        return []
    columns = list(frame.columns)
    values = [frame[column].tolist() for column in columns]
    return [dict(zip(columns, row, strict=True)) for row in zip(*values, strict=True)]


def readings_by_place_and_year(frame: pd.DataFrame, *, place_keys: list[str], years: list[int],
                               metric_key: str | None = None) -> list[dict]:
    """A table row per place, a column per year holding every reading (conflicts show all; empty = 未报告)."""
    cells: dict[tuple[str, int], list[dict]] = defaultdict(list)
    for record in records(frame):
        if metric_key is None or record["metric"] == metric_key:
            cells[(record["place_key"], int(record["year"]))].append(record)
    return [{"key": key, "id": int(key[1:]), "years": [cells.get((key, y), []) for y in years]} for key in place_keys]


def cells_for(queryset: QuerySet[Fact], catalogue: dict[str, MetricInfo]) -> pd.DataFrame:
    by_id = {m.id: m for m in catalogue.values()}
    return cells_frame(build_cells(queryset.filter(metric__isnull=False).values(*FACT_VALUES), by_id))


def latest_per_place(frame: pd.DataFrame) -> pd.DataFrame:
    """Keep each place's and metric's latest reported year (within the filters), as the grapher does."""
    if frame.empty:
        return frame
    latest = frame.groupby(["place_key", "metric"])["year"].transform("max")
    return frame[frame["year"] == latest]


