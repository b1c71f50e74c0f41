"""The article page: its text cut into segments around facts and initiatives."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from reports.formatting import english, format_value
from reports.models import Article, Fact, Initiative

from .base import FactFilter, public_facts
from .metric import conflicting_fact_ids


@dataclass
class Segment:
    text: str
    facts: tuple[int, ...] = ()
    initiatives: tuple[int, ...] = ()
    value_of: tuple[int, ...] = ()
    current: bool = False
    anchors: tuple[str, ...] = ()
    label: str = ""
    record_url: str = ""
    conflict: bool = False


def highlight_segments(text: str, *, facts: list[dict], initiatives: list[dict],
                       current: str | None = None) -> list[Segment]:
    """Cut the article text at every span boundary so each piece knows which facts and initiatives cover it.

    Spans overlap (two facts from one sentence), so the text is split flat rather than nested.
    """
    length = len(text)
    spans = []
    for fact in facts:
        start, end = max(0, fact["start"]), min(length, fact["end"])
        if end > start:
            spans.append(("fact", fact["id"], start, end))
        if fact.get("value_start") is not None and fact.get("value_end") is not None:
            v_start, v_end = max(0, fact["value_start"]), min(length, fact["value_end"])
            if v_end > v_start:
                spans.append(("value", fact["id"], v_start, v_end))
    for initiative in initiatives:
        start, end = max(0, initiative["start"]), min(length, initiative["end"])
        if end > start:
            spans.append(("initiative", initiative["id"], start, end))
    cuts = sorted({0, length, *[s[2] for s in spans], *[s[3] for s in spans]})
    anchors_at: dict[int, list[str]] = defaultdict(list)
    for kind, record_id, start, _end in spans:
        if kind != "value":
            name = f"{kind}-{record_id}"
            if name not in anchors_at[start]:
                anchors_at[start].append(name)
    segments = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        covering = [s for s in spans if s[2] <= start and s[3] >= end]
        fact_ids = tuple(sorted({s[1] for s in covering if s[0] == "fact"}))
        initiative_ids = tuple(sorted({s[1] for s in covering if s[0] == "initiative"}))
        value_of = tuple(sorted({s[1] for s in covering if s[0] == "value"}))
        names = [f"fact-{i}" for i in fact_ids] + [f"initiative-{i}" for i in initiative_ids]
        segments.append(Segment(text=text[start:end], facts=fact_ids, initiatives=initiative_ids, value_of=value_of,
                                current=current is not None and current in names,
                                anchors=tuple(anchors_at.get(start, ()))))
    return segments


@dataclass
class ArticleData:
    article: Article
    segments: list[Segment]
    facts: list[dict]
    initiatives: list[dict]


def article_data(*, article_id: int, current: str | None = None) -> ArticleData:
    article = (Article.objects.select_related("issue__publication", "subdistrict", "district")
               .get(pk=article_id))
    facts = list(public_facts().filter(article_id=article_id).order_by("start", "pk").values(
        "id", "start", "end", "value_start", "value_end", "value", "upper_value", "unit", "qualifier", "note",
        "year", "label", "review_status", "evidence", "subdistrict_id", "subdistrict__name", "district__name",
        "metric__key", "metric__name_zh", "metric__name_en", "metric__unit", "metric_id", "district_id"))
    initiatives = list(Initiative.objects.filter(article_id=article_id).order_by("start", "pk").values(
        "id", "start", "end", "name", "category", "year", "subdistrict_id", "subdistrict__name", "district__name",
        "evidence"))
    conflicts = conflicting_fact_ids([f for f in facts if f["metric_id"]], FactFilter())
    metric_url = reverse("reports:metric", args=["KEY"])
    place_url = reverse("reports:subdistrict", args=[987654321])
    for fact in facts:
        unit = fact["metric__unit"] or fact["unit"]
        fact["display"] = format_value(fact["value"], unit=unit, qualifier=fact["qualifier"], upper=fact["upper_value"])
        fact["place"] = fact["subdistrict__name"] or fact["district__name"] or ""
        fact["name"] = (fact["metric__name_en"] if english() and fact["metric__name_en"] else fact["metric__name_zh"]) \
            or fact["label"]
        fact["conflict"] = fact["id"] in conflicts
        fact["current"] = current == f"fact-{fact['id']}"
        fact["status_label"] = Fact.ReviewStatus(fact["review_status"]).label
        if fact["metric__key"]:
            record = metric_url.replace("KEY", fact["metric__key"])
            if fact["subdistrict_id"]:
                record += f"?subdistrict={fact['subdistrict_id']}"
            fact["record_url"] = f"{record}#fact-{fact['id']}"
        else:
            fact["record_url"] = f"#fact-{fact['id']}"
    for initiative in initiatives:
        initiative["record_url"] = (place_url.replace("987654321", str(initiative["subdistrict_id"]))
                                    + f"#initiative-{initiative['id']}") if initiative["subdistrict_id"] else ""
    segments = highlight_segments(article.text, facts=facts, initiatives=initiatives, current=current)
    fact_by_id = {f["id"]: f for f in facts}
    initiative_by_id = {i["id"]: i for i in initiatives}
    for segment in segments:
        covering = [fact_by_id[i] for i in segment.facts] + [initiative_by_id[i] for i in segment.initiatives]
        segment.label = "；".join(
            f"{f['place']} {f['year'] or ''} {f['name']} {f['display']}".strip() if "display" in f
            else f"{_('特色举措')}：{f['name']}" for f in covering)
        records = [f["record_url"] for f in covering if f.get("record_url")]
        segment.record_url = records[0] if records else ""
        segment.conflict = any(fact_by_id[i]["conflict"] for i in segment.facts)
    return ArticleData(article=article, segments=segments, facts=facts, initiatives=initiatives)


