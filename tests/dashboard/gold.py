"""Facts from the seed pages, created directly through the models.

The rows come from the hand-checked gold file (values, places, years and evidence sentences of the five seed
pages) and the article texts are the seed pages themselves, so every evidence span points at the real sentence.
This gives the dashboard tests real data that does not depend on the extractor.
"""

import json
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from reports.models import Article, District, Fact, Initiative, Metric, NewsletterIssue, Publication, Subdistrict

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "fixtures" / "seeds"
# A copy of the hand-checked gold facts, kept with the seed pages so a fresh clone needs nothing beside it.
GOLD = SEEDS / "gold.jsonl"

# Catalogue entries for the metrics the gold file uses (the real catalogue lives in reports/extract/).
METRICS = {
    "grid_count": ("网格数", "Grids", "个", "grid"),
    "micro_grid_count": ("微网格数", "Micro-grids", "个", "grid"),
    "grid_workers": ("网格员", "Grid workers", "人", "grid"),
    "grid_party_branches": ("网格党支部", "Grid party branches", "个", "party"),
    "elderly_care_sites": ("养老服务设施", "Elderly care sites", "个", "elderly"),
    "gdp": ("地区生产总值", "GDP", "亿元", "economy"),
    "gdp_growth_pct": ("地区生产总值增速", "GDP growth", "%", "economy"),
    "industrial_output": ("工业总产值", "Industrial output", "亿元", "economy"),
    "industrial_output_growth_pct": ("工业总产值增速", "Industrial output growth", "%", "economy"),
    "va_primary": ("第一产业增加值", "Primary-sector value added", "亿元", "economy"),
    "va_secondary": ("第二产业增加值", "Secondary-sector value added", "亿元", "economy"),
    "va_tertiary": ("第三产业增加值", "Tertiary-sector value added", "亿元", "economy"),
    "market_entities_new": ("新增市场主体", "New market entities", "家", "market"),
    "market_entities_total": ("市场主体总量", "Market entities", "家", "market"),
    "enterprises_total": ("企业数", "Enterprises", "家", "market"),
    "party_organizations": ("党组织数", "Party organisations", "个", "party"),
}
DISTRICTS = {"江津区": "500116", "綦江区": "500110", "渝中区": "500103", "江北区": "500105"}
SUBDISTRICTS = {"圣泉街道": "江津区", "几江街道": "江津区", "三江街道": "綦江区", "化龙桥街道": "渝中区"}
# Initiatives the seed pages name, with the sentence that names them.
INITIATIVES = [
    ("000_d238ae38aa525291", "圣泉街道", 2023, "津新驿站", "党建引领", "打造全区首个“津新驿站”"),
    ("001_0e5f378dd849a7a6", "几江街道", 2023, "一刻钟党群服务圈", "党建引领", "推出“一刻钟党群服务圈”"),
    ("001_0e5f378dd849a7a6", "几江街道", 2023, "2121服务为你", "为民服务", "形成“2121服务为你”为民服务活动品牌"),
]


def gold_rows(*, required_only: bool = True) -> list[dict]:
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if r.get("required") or not required_only]


def find_span(text: str, evidence: str) -> tuple[int, int]:
    start = text.find(evidence)
    if start >= 0:
        return start, start + len(evidence)
    # The printed page breaks lines anywhere, and the gold file normalizes spaces around numbers.
    match = re.search(r"\s*".join(map(re.escape, evidence.replace(" ", ""))), text)
    if match is None:
        raise LookupError(evidence)
    return match.start(), match.end()


@dataclass
class Gold:
    metrics: dict[str, Metric] = field(default_factory=dict)
    districts: dict[str, District] = field(default_factory=dict)
    subdistricts: dict[str, Subdistrict] = field(default_factory=dict)
    articles: dict[str, Article] = field(default_factory=dict)
    facts: list[Fact] = field(default_factory=list)
    initiatives: list[Initiative] = field(default_factory=list)

    def fact(self, place: str, year: int, metric: str) -> Fact:
        return next(f for f in self.facts if (f.subdistrict or f.district).name == place and f.year == year
                    and f.metric.key == metric)


def load_gold() -> Gold:
    gold = Gold()
    for position, (key, (name_zh, name_en, unit, category)) in enumerate(METRICS.items()):
        gold.metrics[key], _ = Metric.objects.get_or_create(
            key=key, defaults={"name_zh": name_zh, "name_en": name_en, "unit": unit, "category": category,
                               "position": position})
    for name, code in DISTRICTS.items():
        gold.districts[name], _ = District.objects.get_or_create(
            city="重庆市", name=name, defaults={"admin_code": code, "province": "重庆市"})
    for name, district in SUBDISTRICTS.items():
        gold.subdistricts[name], _ = Subdistrict.objects.get_or_create(
            district=gold.districts[district], name=name, defaults={"short_name": name.removesuffix("街道")})
    manifest = json.loads((SEEDS / "manifest.json").read_text(encoding="utf-8"))
    for number, entry in enumerate(manifest["issues"]):
        doc = entry["file"].removesuffix(".txt")
        text = (SEEDS / entry["file"]).read_text(encoding="utf-8")
        publication, _ = Publication.objects.get_or_create(name=entry["publication"])
        issue = NewsletterIssue.objects.create(
            publication=publication, published=date.fromisoformat(entry["published"]), original_name=entry["file"],
            sha256=f"{number:064d}", status=NewsletterIssue.Status.DONE)
        title = next(line.strip() for line in text.splitlines() if line.strip())
        gold.articles[doc] = Article.objects.create(issue=issue, position=0, title=title[:500], text=text)
    for row in gold_rows():
        article = gold.articles[row["doc"]]
        year = row["year"][0] if isinstance(row["year"], list) else row["year"]
        place = row["place"]
        subdistrict = gold.subdistricts.get(place)
        district = subdistrict.district if subdistrict else gold.districts[place]
        start, end = find_span(article.text, row["evidence"])
        value = Decimal(str(row["value"]))
        number = re.search(re.escape(str(row["value"])), article.text[start:end])
        fact = Fact.objects.create(
            subdistrict=subdistrict, district=district, year=year, metric=gold.metrics[row["metric"]],
            label=gold.metrics[row["metric"]].name_zh, value=value, unit=gold.metrics[row["metric"]].unit,
            qualifier=row["approx"], note=row["note"] if len(row["note"]) < 40 else "", article=article,
            evidence=article.text[start:end], start=start, end=end,
            value_start=start + number.start() if number else None, value_end=start + number.end() if number else None,
        )
        if subdistrict is not None and article.subdistrict_id is None:
            Article.objects.filter(pk=article.pk).update(subdistrict=subdistrict, district=district, year=year)
        gold.facts.append(fact)
    for doc, place, year, name, category, evidence in INITIATIVES:
        article = gold.articles[doc]
        start, end = find_span(article.text, evidence)
        subdistrict = gold.subdistricts[place]
        gold.initiatives.append(Initiative.objects.create(
            subdistrict=subdistrict, district=subdistrict.district, year=year, name=name, category=category,
            article=article, evidence=article.text[start:end], start=start, end=end))
    from reports.search import index_articles

    index_articles(Article.objects.all())
    return gold


def add_article(gold: Gold, *, text: str, published: date, publication: str = "江津日报", title: str = "") -> Article:
    """Another newspaper article, for conflicts and review scenarios."""
    publication_row, _ = Publication.objects.get_or_create(name=publication)
    issue = NewsletterIssue.objects.create(publication=publication_row, published=published,
                                           original_name="extra.txt", sha256=f"extra-{NewsletterIssue.objects.count()}",
                                           status=NewsletterIssue.Status.DONE)
    return Article.objects.create(issue=issue, position=0, title=title or text[:20], text=text)


def add_fact(article: Article, *, place: Subdistrict, year: int, metric: Metric, value, evidence: str,
             qualifier: str = "exact", note: str = "", review_status: str = "auto") -> Fact:
    start, end = find_span(article.text, evidence)
    return Fact.objects.create(subdistrict=place, district=place.district, year=year, metric=metric,
                               label=metric.name_zh, value=Decimal(str(value)), unit=metric.unit,
                               qualifier=qualifier, note=note, article=article, evidence=evidence,
                               start=start, end=end, review_status=review_status)
