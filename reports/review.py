"""Review of extracted facts: confirm, reject, correct, find conflicts, and re-extract without losing decisions.

The admin calls these; nothing here knows about requests or forms.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from reports.models import Fact

Status = Fact.ReviewStatus
DECIDED = (Status.CONFIRMED, Status.REJECTED, Status.CORRECTED)
# Fields whose change turns an extracted fact into a corrected one.
CORRECTING_FIELDS = ("value", "upper_value", "unit", "qualifier", "metric", "label", "subdistrict", "district",
                     "year")
EDITABLE_FIELDS = (*CORRECTING_FIELDS, "note")


def extractor_snapshot(fact: Fact) -> dict:
    """What the extractor said, in a form that survives renames and deletions of the rows it points to."""
    return {
        "metric": fact.metric.key if fact.metric_id else None,
        "label": fact.label,
        "value": str(fact.value),
        "upper_value": None if fact.upper_value is None else str(fact.upper_value),
        "unit": fact.unit,
        "qualifier": fact.qualifier,
        "subdistrict_id": fact.subdistrict_id,
        "subdistrict": fact.subdistrict.name if fact.subdistrict_id else None,
        "district_id": fact.district_id,
        "district": fact.district.name if fact.district_id else None,
        "year": fact.year,
        "value_start": fact.value_start,
        "value_end": fact.value_end,
        "extractor_version": fact.extractor_version,
    }


def confirm_facts(*, facts: QuerySet, user) -> int:
    """Mark facts as checked and right. Corrected facts stay corrected: they were checked when corrected."""
    # A reviewer who confirms a figure of a held repeat has checked it: it is published like any other.
    facts.filter(held=True).update(held=False)
    return facts.exclude(review_status__in=[Status.CONFIRMED, Status.CORRECTED]).update(
        review_status=Status.CONFIRMED, reviewed_by=user, reviewed_at=timezone.now())


def reject_facts(*, facts: QuerySet, user) -> int:
    """Mark facts as wrong: they disappear from the dashboard and exports but stay listed for review."""
    return facts.exclude(review_status=Status.REJECTED).update(
        review_status=Status.REJECTED, reviewed_by=user, reviewed_at=timezone.now())


@transaction.atomic
def correct_fact(*, fact_id: int, user, changes: dict) -> Fact:
    """Apply a reviewer's edits. Changing value, metric, place or year marks the fact corrected and keeps the
    extractor's original in ``Fact.extracted``; a note alone is just saved."""
    fact = (Fact.objects.select_for_update(of=("self",)).select_related("metric", "subdistrict", "district")
            .get(pk=fact_id))
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable by review: {sorted(unknown)}")
    changes = {name: value for name, value in changes.items() if getattr(fact, name) != value}
    if not changes:
        return fact
    correcting = any(name in CORRECTING_FIELDS for name in changes)
    if correcting and not fact.extracted:
        fact.extracted = extractor_snapshot(fact)
    for name, value in changes.items():
        setattr(fact, name, value)
    # A fact's district is always its place's district, so district filters need no join.
    if "subdistrict" in changes and fact.subdistrict is not None and "district" not in changes:
        fact.district = fact.subdistrict.district
    if "metric" in changes and fact.metric is not None and "label" not in changes:
        fact.label = fact.metric.name_zh
    if correcting:
        fact.held = False
        fact.review_status = Status.CORRECTED
        fact.reviewed_by = user
        fact.reviewed_at = timezone.now()
    fact.full_clean(exclude=["article"])
    fact.save()
    if "metric" in changes and fact.metric is not None:
        teach_synonym(phrase=(fact.extracted or {}).get("label", ""), metric=fact.metric,
                      was_candidate=(fact.extracted or {}).get("metric") is None, user=user)
    return fact


def teach_synonym(*, phrase: str, metric, was_candidate: bool, user) -> None:
    """A reviewer who names the metric of an unclassified figure teaches the extractor its phrase: the next
    extraction reads figures named by that phrase as the metric. Reassigning a classified figure teaches nothing
    (its phrase already names another metric), and a phrase keeps the first metric it was taught."""
    from reports.models import MetricSynonym

    phrase = phrase.strip()
    if not was_candidate or len(phrase) < 2 or phrase == metric.name_zh:
        return
    MetricSynonym.objects.get_or_create(phrase=phrase[:100], defaults={"metric": metric, "created_by": user})


@transaction.atomic
def accept_repeats(*, articles: QuerySet, user) -> tuple[int, int]:
    """Accept articles held as near-repeats of earlier ones: their facts join the public pages like any
    automatic figure. Returns (articles accepted, facts released)."""
    from reports.models import Article

    # An article whose original was deleted since still holds its facts until accepted.
    waiting = Article.objects.filter(
        Q(duplicate_of__isnull=False, duplicate_accepted_at__isnull=True) | Q(facts__held=True),
        pk__in=articles.values("pk")).values("pk")
    ids = list(Article.objects.select_for_update().filter(pk__in=waiting).values_list("pk", flat=True))
    if not ids:
        return 0, 0
    Article.objects.filter(pk__in=ids).update(duplicate_accepted_by=user, duplicate_accepted_at=timezone.now())
    released = Fact.objects.filter(article_id__in=ids, held=True).update(held=False)
    return len(ids), released


def evidence_parts(fact: Fact) -> tuple[str, str, str]:
    """The evidence sentence split around the printed number, for highlighting; ("", "", sentence) if unknown."""
    evidence = fact.evidence
    if fact.value_start is None or fact.value_end is None:
        return evidence, "", ""
    start, end = fact.value_start - fact.start, fact.value_end - fact.start
    if not 0 <= start < end <= len(evidence):
        return evidence, "", ""
    return evidence[:start], evidence[start:end], evidence[end:]


@dataclass
class Conflict:
    """One place, year and metric for which different articles report different values."""

    subdistrict: object
    district: object
    year: int
    metric: object
    facts: list[Fact] = field(default_factory=list)

    @property
    def place(self):
        return self.subdistrict or self.district

    @property
    def values(self) -> list[Decimal]:
        return sorted({fact.value for fact in self.facts})


def conflicts(*, limit: int = 200) -> tuple[list[Conflict], int]:
    """Groups (place, year, metric) whose facts from different articles disagree; rejected facts don't count.

    Returns at most ``limit`` groups (most facts first) and the total number of conflicting groups.
    """
    # Figures of a near-repeat waiting for review make no conflict until the repeat is accepted.
    candidates = (
        Fact.objects.exclude(review_status=Status.REJECTED)
        .filter(metric__isnull=False, year__isnull=False, district__isnull=False, held=False)
    )
    groups = (
        candidates.values("subdistrict", "district", "year", "metric")
        .annotate(values=Count("value", distinct=True), articles=Count("article", distinct=True),
                  facts=Count("id"))
        .filter(values__gt=1, articles__gt=1)
        .order_by("-facts", "district", "subdistrict", "metric", "year")
    )
    total = groups.count()
    keys = list(groups[:limit])
    if not keys:
        return [], total
    match = Q()
    for key in keys:
        match |= Q(subdistrict=key["subdistrict"], district=key["district"], year=key["year"], metric=key["metric"])
    by_key = defaultdict(list)
    rows = (
        candidates.filter(match)
        .select_related("subdistrict", "district", "metric", "article__issue__publication")
        .order_by("value", "article__issue__published")
    )
    for fact in rows:
        by_key[(fact.subdistrict_id, fact.district_id, fact.year, fact.metric_id)].append(fact)
    result = []
    for key in keys:
        facts = by_key[(key["subdistrict"], key["district"], key["year"], key["metric"])]
        if facts:
            result.append(Conflict(subdistrict=facts[0].subdistrict, district=facts[0].district, year=key["year"],
                                   metric=facts[0].metric, facts=facts))
    return result, total


def decided_facts(*, issue_ids: Iterable[int]) -> QuerySet:
    return Fact.objects.filter(article__issue__in=list(issue_ids), review_status__in=DECIDED)


# --- Re-extraction ---------------------------------------------------------------------------------------------

@dataclass
class IssueChanges:
    issue_id: int
    name: str
    added: int = 0
    removed: int = 0
    unchanged: int = 0
    kept: int = 0
    orphaned: int = 0
    articles_added: int = 0
    articles_removed: int = 0
    error: str = ""


@dataclass
class ReextractSummary:
    version: str = ""
    issues: list[IssueChanges] = field(default_factory=list)

    @property
    def failed(self) -> list[IssueChanges]:
        return [change for change in self.issues if change.error]

    def total(self, name: str) -> int:
        return sum(getattr(change, name) for change in self.issues if not change.error)

    def message_zh(self) -> str:
        done = len(self.issues) - len(self.failed)
        if not self.issues:
            return "没有可重新抽取的期次（只处理状态为“完成”的期次）。"
        message = (
            f"已用抽取器 {self.version} 重新抽取 {done} 期：自动数据新增 {self.total('added')} 条、"
            f"删除 {self.total('removed')} 条、未变 {self.total('unchanged')} 条；"
            f"保留审核结果 {self.total('kept') + self.total('orphaned')} 条"
        )
        if self.total("orphaned"):
            message += f"（其中 {self.total('orphaned')} 条在新结果中已无对应句子，仍原样保留，请复核）"
        message += "。"
        for change in self.failed:
            message += f"第 {change.issue_id} 期（{change.name}）未能重新抽取：{change.error}"
        return message

    def lines_en(self) -> list[str]:
        lines = []
        for c in self.issues:
            if c.error:
                lines.append(f"issue {c.issue_id} ({c.name}): failed: {c.error}")
            else:
                lines.append(f"issue {c.issue_id} ({c.name}): +{c.added} -{c.removed} ={c.unchanged} auto facts, "
                             f"{c.kept} decisions kept, {c.orphaned} decisions without a match (kept), "
                             f"articles +{c.articles_added} -{c.articles_removed}")
        lines.append(f"extractor {self.version}: {len(self.issues) - len(self.failed)} issues re-extracted, "
                     f"{len(self.failed)} failed; auto facts +{self.total('added')} -{self.total('removed')} "
                     f"={self.total('unchanged')}; decisions kept {self.total('kept') + self.total('orphaned')}")
        return lines


def _signature(fact: Fact) -> tuple:
    """What makes two automatic facts "the same" across extractor runs."""
    return (fact.article_id, fact.evidence, fact.metric_id, fact.label, fact.value, fact.upper_value,
            fact.qualifier, fact.subdistrict_id, fact.district_id, fact.year, fact.value_start)


def _decision_keys(fact: Fact) -> tuple[tuple, tuple]:
    """A decided fact is found again by article, evidence sentence and the metric the extractor gave it
    (a correction may have changed the metric, so the original from ``extracted`` counts)."""
    original = fact.extracted or {}
    metric = original["metric"] if "metric" in original else (fact.metric.key if fact.metric_id else None)
    label = original.get("label", fact.label)
    value = original.get("value", str(fact.value))
    base = (fact.article_id, fact.evidence, metric or f"label:{label}")
    return (*base, _canonical(value)), base


def _canonical(value) -> str:
    return f"{Decimal(str(value)).normalize():f}"


def reextract(*, issues: Iterable) -> ReextractSummary:
    """Run the current extractor again on each issue: automatic facts and initiatives are replaced, reviewers'
    decisions (confirmed, rejected, corrected) are kept and re-attached to the matching new result."""
    from reports.extract import EXTRACTOR_VERSION

    summary = ReextractSummary(version=EXTRACTOR_VERSION)
    for issue in issues:
        summary.issues.append(_reextract_issue(issue))
    return summary


def _reextract_issue(issue) -> IssueChanges:
    from reports import services

    changes = IssueChanges(issue_id=issue.pk, name=str(issue))
    try:
        extraction = services.read_and_extract_issue(issue=issue).extraction
        with transaction.atomic():
            _replace_results(issue, extraction, changes)
    except services.IngestError as error:
        changes.error = error.message_zh
    return changes


def _replace_results(issue, extraction, changes: IssueChanges) -> None:
    from django.db.models import F

    from reports import places, services
    from reports.models import Article, Initiative, NewsletterIssue
    from reports.reference import metrics_by_key
    from reports.search import index_articles

    # Lock the issue so two re-extractions of it cannot interleave.
    issue = (NewsletterIssue.objects.select_for_update(of=("self",)).select_related("publication", "region")
             .get(pk=issue.pk))
    resolver = places.PlaceResolver()
    old_articles = list(issue.articles.order_by("position"))
    old_auto = list(Fact.objects.filter(article__issue=issue, review_status=Status.AUTO))
    decided = list(Fact.objects.select_for_update(of=("self",)).filter(article__issue=issue,
                                                                        review_status__in=DECIDED)
                   .select_related("metric"))

    # Articles are kept (same row, same id) when the extractor produces the same text again, so facts and links
    # pointing at them stay valid; positions are parked out of the way first to respect their unique constraint.
    Article.objects.filter(issue=issue).update(position=F("position") + 10000)
    unmatched = {}
    for article in old_articles:
        unmatched.setdefault(article.text, []).append(article)
    by_index, fresh = {}, []
    for position, result in enumerate(extraction.articles):
        row = services.article_row(result, issue=issue, resolver=resolver)
        row.position = position
        reuse = unmatched.get(result.text)
        if reuse:
            existing = reuse.pop(0)
            for name in ("position", "title", "subdistrict", "district", "year"):
                setattr(existing, name, getattr(row, name))
            existing.save(update_fields=["position", "title", "subdistrict", "district", "year"])
            row = existing
        else:
            fresh.append(row)
        by_index[result.index] = row
    Article.objects.bulk_create(fresh)
    changes.articles_added = len(fresh)
    repeats = services.mark_near_duplicates(articles=fresh)

    leftovers = [article for rows in unmatched.values() for article in rows]
    decided_articles = {fact.article_id for fact in decided}
    next_position = len(extraction.articles)
    for article in leftovers:
        if article.pk in decided_articles:
            # The extractor no longer produces this article, but reviewers made decisions on its facts: keep both.
            article.position = next_position
            article.save(update_fields=["position"])
            next_position += 1
        else:
            article.delete()
            changes.articles_removed += 1

    Fact.objects.filter(article__issue=issue, review_status=Status.AUTO).delete()
    Initiative.objects.filter(article__issue=issue).delete()

    exact, loose = defaultdict(list), defaultdict(list)
    for fact in decided:
        exact_key, loose_key = _decision_keys(fact)
        exact[exact_key].append(fact)
        loose[loose_key].append(fact)
    matched = set()
    metrics = metrics_by_key()
    new_facts = []
    for result in extraction.facts:
        article = by_index[result.article]
        base = (article.pk, result.evidence, result.metric or f"label:{result.label}")
        candidate = _take(exact[(*base, _canonical(result.value))], matched) or _take(loose[base], matched)
        if candidate is None and result.rule.startswith("synonym:"):
            # A figure a reviewer classified, read now through the phrase it taught: the same decision.
            taught = (article.pk, result.evidence, "label:" + result.rule.removeprefix("synonym:"))
            candidate = _take(exact[(*taught, _canonical(result.value))], matched) or _take(loose[taught], matched)
        if candidate is not None:
            # The decision stands; only where the sentence sits may have moved.
            Fact.objects.filter(pk=candidate.pk).update(start=result.start, end=result.end,
                                                        value_start=result.value_start, value_end=result.value_end)
            continue
        new_facts.append(services.fact_row(result, article, resolver, metrics, extraction.version))
    Fact.objects.bulk_create(new_facts)
    changes.kept = len(matched)
    changes.orphaned = len(decided) - len(matched)

    before = {_signature(fact) for fact in old_auto}
    after = {_signature(fact) for fact in new_facts}
    changes.unchanged = len(before & after)
    changes.added = len(after - before)
    changes.removed = len(before - after)

    Initiative.objects.bulk_create(
        [services.initiative_row(result, by_index[result.article], resolver, extraction.version)
         for result in extraction.initiatives],
        ignore_conflicts=True,
    )
    index_articles(list(by_index.values()))
    NewsletterIssue.objects.filter(pk=issue.pk).update(extractor_version=extraction.version,
                                                       warnings="\n".join([*extraction.warnings, *repeats]))


def _take(candidates: list, matched: set):
    for fact in candidates:
        if fact.pk not in matched:
            matched.add(fact.pk)
            return fact
    return None
