"""Ingest: one pipeline behind the admin upload, the ``ingest`` command and background tasks.

``register_issue`` records an uploaded file (rejecting duplicates by SHA-256);
``process_issue`` reads it, runs the extractor and stores articles, facts and
initiatives in one transaction, so a failure leaves no partial rows.
"""

import hashlib
import time
from dataclasses import dataclass, field
from datetime import date

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from reports import places
from reports.extract import EXTRACTOR_VERSION, Extraction, default_config, extract
from reports.models import Article, Fact, Initiative, Metric, NewsletterIssue, Publication
from reports.readers import ReadError, read_document
from reports.reference import metrics_by_key


class IngestError(Exception):
    """A file could not be ingested; ``message_zh`` is shown to the user."""

    def __init__(self, message_zh: str, message_en: str = ""):
        super().__init__(message_en or message_zh)
        self.message_zh = message_zh
        self.message_en = message_en or message_zh


class DuplicateIssue(IngestError):
    def __init__(self, existing: NewsletterIssue):
        when = timezone.localtime(existing.uploaded_at).strftime("%Y-%m-%d %H:%M")
        super().__init__(
            f"该文件已于 {when} 导入过（{existing.publication} {existing.published or ''}，"
            f"文件名 {existing.original_name}，编号 {existing.pk}），未重复导入。",
            f"This file was already imported on {when} as issue {existing.pk} ({existing.original_name}).",
        )
        self.existing = existing


@dataclass
class IngestSummary:
    issue: NewsletterIssue
    articles: int = 0
    facts: int = 0
    initiatives: int = 0
    unattributed_facts: int = 0
    kept_reviews: int = 0
    notes: list[str] = field(default_factory=list)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def get_publication(*, name: str, region: str | None = None) -> Publication:
    publication, created = Publication.objects.get_or_create(name=name.strip())
    if region and publication.region is None:
        publication.region = places.district_for_region(region)
        if publication.region is not None:
            publication.save(update_fields=["region"])
    return publication


def register_issue(
    *,
    data: bytes,
    filename: str,
    publication: Publication,
    published: date | None,
    region=None,
    uploaded_by=None,
) -> NewsletterIssue:
    """Store the uploaded bytes as a queued issue; raise DuplicateIssue for bytes seen before."""
    digest = sha256_of(data)
    existing = NewsletterIssue.objects.filter(sha256=digest).select_related("publication").first()
    if existing is not None:
        raise DuplicateIssue(existing)
    issue = NewsletterIssue(
        publication=publication,
        published=published,
        region=region,
        original_name=filename[:255],
        sha256=digest,
        uploaded_by=uploaded_by,
        status=NewsletterIssue.Status.QUEUED,
    )
    try:
        with transaction.atomic():
            issue.original_file.save(filename, ContentFile(data), save=False)
            issue.save()
    except IntegrityError:
        # Another upload of the same bytes won the race.
        issue.original_file.delete(save=False)
        raise DuplicateIssue(NewsletterIssue.objects.get(sha256=digest)) from None
    return issue


def process_issue(*, issue: NewsletterIssue) -> IngestSummary:
    """Read, extract and store one issue; on failure mark it failed with a Chinese message and re-raise."""
    started = time.monotonic()
    NewsletterIssue.objects.filter(pk=issue.pk).update(status=NewsletterIssue.Status.PROCESSING)
    try:
        with issue.original_file.open("rb") as handle:
            data = handle.read()
        try:
            document = read_document(data, issue.original_name)
        except ReadError as error:
            raise IngestError(error.message_zh, error.message_en) from error
        region_row = issue.region or issue.publication.region
        region = region_row.name if region_row else None
        extraction = extract(document.text, config=default_config(published=issue.published, region=region))
        with transaction.atomic():
            summary = _store(issue=issue, extraction=extraction)
            issue.file_format = document.file_format
            issue.encoding = document.encoding
            issue.status = NewsletterIssue.Status.DONE
            issue.error_message = ""
            issue.extractor_version = extraction.version
            issue.processed_at = timezone.now()
            issue.duration_ms = int((time.monotonic() - started) * 1000)
            issue.save()
        return summary
    except Exception as error:
        message = error.message_zh if isinstance(error, IngestError) else (
            f"处理时发生内部错误（{type(error).__name__}），未写入任何数据。请联系管理员。"
        )
        NewsletterIssue.objects.filter(pk=issue.pk).update(
            status=NewsletterIssue.Status.FAILED,
            error_message=message,
            processed_at=timezone.now(),
            duration_ms=int((time.monotonic() - started) * 1000),
        )
        issue.refresh_from_db()
        raise


def ingest_file(
    *,
    data: bytes,
    filename: str,
    publication: Publication,
    published: date | None,
    uploaded_by=None,
) -> IngestSummary:
    """Register and process synchronously (the ``ingest`` command and tests)."""
    issue = register_issue(data=data, filename=filename, publication=publication, published=published,
                           uploaded_by=uploaded_by)
    return process_issue(issue=issue)


def _store(*, issue: NewsletterIssue, extraction: Extraction) -> IngestSummary:
    summary = IngestSummary(issue=issue)
    resolver = places.PlaceResolver()
    articles = []
    for result in extraction.articles:
        subdistrict, district = resolver.resolve(result.place)
        articles.append(Article(issue=issue, position=result.index, title=result.title[:500], text=result.text,
                                subdistrict=subdistrict, district=district, year=result.year))
    Article.objects.bulk_create(articles)
    article_by_index = {a.position: a for a in articles}
    summary.articles = len(articles)

    metrics = metrics_by_key()
    facts = [_fact(result, article_by_index[result.article], resolver, metrics, extraction.version)
             for result in extraction.facts]
    Fact.objects.bulk_create(facts)
    summary.facts = len(facts)
    summary.unattributed_facts = sum(1 for f in facts if f.subdistrict_id is None and f.district_id is None)

    initiatives = []
    for result in extraction.initiatives:
        subdistrict, district = resolver.resolve(result.place)
        initiatives.append(Initiative(
            subdistrict=subdistrict, district=district, year=result.year, name=result.name[:100],
            category=result.category, article=article_by_index[result.article], evidence=result.description,
            start=result.start, end=result.end, confidence=result.confidence, extractor_version=extraction.version,
        ))
    Initiative.objects.bulk_create(initiatives, ignore_conflicts=True)
    summary.initiatives = len(initiatives)
    from reports.search import index_articles

    index_articles(articles)
    return summary


def _fact(result, article: Article, resolver: "places.PlaceResolver", metrics: dict[str, Metric], version: str) -> Fact:
    subdistrict, district = resolver.resolve(result.place)
    metric = metrics.get(result.metric) if result.metric else None
    return Fact(
        subdistrict=subdistrict,
        district=district,
        year=result.year,
        metric=metric,
        label=(result.label or (metric.name_zh if metric else ""))[:200] or "?",
        value=result.value,
        upper_value=result.upper,
        unit=result.unit[:16],
        qualifier=result.approx,
        note=result.note[:200],
        article=article,
        evidence=result.evidence,
        start=result.start,
        end=result.end,
        value_start=result.value_start,
        value_end=result.value_end,
        confidence=result.confidence,
        extractor_version=version,
    )


__all__ = [
    "EXTRACTOR_VERSION",
    "DuplicateIssue",
    "IngestError",
    "IngestSummary",
    "get_publication",
    "ingest_file",
    "process_issue",
    "register_issue",
]
