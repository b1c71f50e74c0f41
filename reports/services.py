"""Ingest: one pipeline behind the admin upload, the ``ingest`` command and background tasks.

``register_issue`` records an uploaded file (rejecting duplicates by SHA-256);
``process_issue`` reads it, runs the extractor and stores articles, facts and
initiatives in one transaction, so a failure leaves no partial rows.
"""

import dataclasses
import hashlib
import logging
import re
import threading
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import DateTimeField, ExpressionWrapper, F, Q
from django.db.models.functions import Now
from django.utils import timezone

from reports import budget, places, similarity
from reports.extract import EXTRACTOR_VERSION, Extraction, Limits
from reports.models import (
    Article,
    ArticleBand,
    District,
    Fact,
    Initiative,
    Metric,
    MetricSynonym,
    NewsletterIssue,
    Publication,
)
from reports.readers import ReadError, detect_format, unpack_zip
from reports.readers.names import clean_filename, format_excess, format_size, member_path, storage_name
from reports.reference import metrics_by_key

logger = logging.getLogger(__name__)


class IngestError(Exception):
    """A file could not be ingested; ``message_zh`` is shown to the user."""

    def __init__(self, message_zh: str, message_en: str = ""):
        super().__init__(message_en or message_zh)
        self.message_zh = message_zh
        self.message_en = message_en or message_zh


class IssueNotQueued(Exception):
    """``process_issue`` was asked to process an issue that is not waiting to be processed."""


class LeaseLost(IssueNotQueued):
    """This run's lease expired and another run took the issue over: this run's results are thrown away."""


class DuplicateIssue(IngestError):
    def __init__(self, existing: NewsletterIssue):
        when = timezone.localtime(existing.uploaded_at).strftime("%Y-%m-%d %H:%M")
        status = ""
        if existing.status != NewsletterIssue.Status.DONE:
            status = f"，当前状态：{existing.get_status_display()}"
        super().__init__(
            f"这个文件的内容与 {when} 上传的第 {existing.pk} 期（{existing.publication} "
            f"{existing.published or '日期未填'}，文件名 {existing.original_name}{status}）完全相同，未重复导入。",
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


@dataclass(frozen=True)
class IncomingFile:
    """One file as received: from the admin upload, the ``ingest`` command or a zip archive."""

    name: str
    data: bytes


@dataclass
class UploadOutcome:
    """What became of one uploaded file; ``message_zh`` is shown to the user as is."""

    QUEUED = "queued"
    REQUEUED = "requeued"
    DUPLICATE = "duplicate"
    REFUSED = "refused"
    IGNORED = "ignored"  # operating-system clutter in a zip (__MACOSX, .DS_Store, Thumbs.db), named in the message

    filename: str
    status: str
    message_zh: str
    issue: NewsletterIssue | None = None
    message_en: str = ""


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def max_upload_bytes() -> int:
    return settings.GOVDASH_MAX_UPLOAD_BYTES


def megabytes(size: int) -> str:
    return format_size(size)


def oversize_error(*, filename: str, size: int | None) -> IngestError:
    limit = max_upload_bytes()
    shown, cap = format_excess(size or 0, limit)
    actual = f"有 {shown}，" if size else ""
    return IngestError(
        f"文件“{clean_filename(filename)}”{actual}超过单个文件上限 {cap}，未读取也未保存。"
        "请拆分后分别上传，或请管理员调大 GOVDASH_MAX_UPLOAD_BYTES。",
        f"{filename} is larger than the {limit}-byte upload limit.",
    )


def check_upload_size(*, filename: str, size: int) -> None:
    """Refuse a file by its announced size, before anyone reads its bytes."""
    if size > max_upload_bytes():
        raise oversize_error(filename=filename, size=size)


def get_publication(*, name: str, region: str | None = None, district: District | None = None) -> Publication:
    """The newspaper called ``name``, created if new; its region (a name, or a District row) is set once."""
    publication, created = Publication.objects.get_or_create(name=name.strip())
    if publication.region is None and (district or region):
        publication.region = district or places.district_for_region(region)
        if publication.region is not None:
            publication.save(update_fields=["region"])
    return publication


def register_issue(
    *,
    data: bytes,
    filename: str,
    publication: Publication,
    published: date | None,
    region: District | None = None,
    uploaded_by=None,
) -> NewsletterIssue:
    """Store the uploaded bytes as a queued issue; raise DuplicateIssue for bytes seen before."""
    issue, _requeued = _register(data=data, filename=filename, publication=publication, published=published,
                                 region=region, uploaded_by=uploaded_by)
    return issue


def _register(*, data, filename, publication, published, region, uploaded_by) -> tuple[NewsletterIssue, bool]:
    digest = sha256_of(data)
    existing = NewsletterIssue.objects.filter(sha256=digest).select_related("publication").first()
    if existing is not None:
        if existing.status != NewsletterIssue.Status.FAILED:
            raise DuplicateIssue(existing)
        # A failed issue holds no data, only the file and the reason; uploading it again means "try again"
        # (after a fix to the reader or the extractor), under the details given this time.
        updated = NewsletterIssue.objects.filter(pk=existing.pk, status=NewsletterIssue.Status.FAILED).update(
            publication=publication, published=published, region=region, uploaded_by=uploaded_by,
            original_name=filename[:255], status=NewsletterIssue.Status.QUEUED, error_message="",
            processed_at=None, duration_ms=None,
        )
        if not updated:
            raise DuplicateIssue(NewsletterIssue.objects.get(pk=existing.pk))
        existing.refresh_from_db()
        return existing, True
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
            # Names reaching here are cleaned (readers.names); storage_name bounds the bytes once more.
            issue.original_file.save(storage_name(filename), ContentFile(data), save=False)
            issue.save()
    except IntegrityError:
        # Another upload of the same bytes won the race.
        issue.original_file.delete(save=False)
        raise DuplicateIssue(NewsletterIssue.objects.get(sha256=digest)) from None
    except OSError as error:
        logger.exception("Storing upload %r failed", filename)
        raise IngestError(f"文件“{filename}”无法保存到服务器（{error.strerror or type(error).__name__}），未导入。"
                          "请稍后重试；如果反复出现，请联系管理员检查磁盘空间。",
                          f"{filename} could not be stored: {error}") from error
    return issue, False


def expand_upload(*, file: IncomingFile, ignored: list[str] | None = None) -> list[IncomingFile]:
    """The files inside a zip archive, or the file itself; IngestError when it cannot be accepted at all.

    Every name that comes back is cleaned and bounded (``readers.names``): archive members are named
    ``archive.zip/folder/name``. Names of operating-system clutter skipped in an archive are added to ``ignored``.
    """
    name = clean_filename(file.name)
    check_upload_size(filename=name, size=len(file.data))
    try:
        file_format = detect_format(file.data, name)
    except ReadError as error:
        raise IngestError(error.message_zh, error.message_en) from error
    if file_format != "zip":
        return [IncomingFile(name=name, data=file.data)]
    try:
        members = unpack_zip(file.data, archive_name=name, max_member_bytes=max_upload_bytes(),
                             max_total_bytes=4 * max_upload_bytes(), ignored=ignored)
    except ReadError as error:
        raise IngestError(error.message_zh, error.message_en) from error
    if not members:
        raise IngestError(f"压缩包“{name}”里没有可导入的文件。", f"{name} is an empty archive.")
    return [IncomingFile(name=member_path(name, member.name), data=member.data) for member in members]


@dataclass
class _Checked:
    file: IncomingFile
    error: IngestError | None = None


def check_files(*, files: Iterable[IncomingFile]) -> tuple[list[_Checked], list[UploadOutcome]]:
    """Every file of one upload (each zip member too) checked, nothing stored: the first half of accept_files."""
    checked, notes = [], []
    for upload in files:
        ignored: list[str] = []
        try:
            candidates, refusal = expand_upload(file=upload, ignored=ignored), None
        except IngestError as error:
            candidates, refusal = [], error
        if ignored:
            archive = clean_filename(upload.name)
            shown = "、".join(ignored[:5]) + (f" 等 {len(ignored)} 个" if len(ignored) > 5 else "")
            notes.append(UploadOutcome(archive, UploadOutcome.IGNORED,
                                       f"压缩包“{archive}”中的系统附带文件已忽略（不是报纸）：{shown}。",
                                       message_en=f"{archive}: skipped {len(ignored)} operating-system files."))
        if refusal is not None:
            checked.append(_Checked(IncomingFile(clean_filename(upload.name), b""), refusal))
        for candidate in candidates:
            checked.append(_Checked(candidate, _check_one(candidate)))
    return checked, notes


def _check_one(file: IncomingFile) -> IngestError | None:
    try:
        check_upload_size(filename=file.name, size=len(file.data))
        file_format = detect_format(file.data, file.name)
    except ReadError as error:
        return IngestError(error.message_zh, error.message_en)
    except IngestError as error:
        return error
    if file_format == "zip":
        return IngestError(f"“{file.name}”是压缩包中的压缩包，不会再解开。请把其中的文件直接放进外层压缩包后重新上传。",
                           f"{file.name} is an archive inside an archive.")
    return None


def accept_files(
    *,
    files: Iterable[IncomingFile],
    publication: Publication,
    published: date | None,
    region: District | None = None,
    uploaded_by=None,
    enqueue: bool = True,
) -> list[UploadOutcome]:
    """Check every uploaded file (zip archives unpacked), then register and queue each acceptable one.

    Cheap checks (name, size, type, archive safety) run on every file and member before anything is stored,
    so an upload never ends halfway: each refused file is named with its reason, the others are queued, and
    nothing is left out unsaid. Reading and extraction happen in the background task.
    """
    checked, outcomes = check_files(files=files)
    for item in checked:
        if item.error is not None:
            outcomes.append(UploadOutcome(item.file.name, UploadOutcome.REFUSED, item.error.message_zh,
                                          message_en=item.error.message_en))
            continue
        outcomes.append(_accept_one(file=item.file, publication=publication, published=published, region=region,
                                    uploaded_by=uploaded_by, enqueue=enqueue))
    return outcomes


def summarise(outcomes: list[UploadOutcome]) -> str | None:
    """One line over several files: how many were queued, refused and already known; None for a single file."""
    counted = [o for o in outcomes if o.status != UploadOutcome.IGNORED]
    if len(counted) < 2:
        return None
    queued = sum(o.status in (UploadOutcome.QUEUED, UploadOutcome.REQUEUED) for o in counted)
    refused = [o for o in counted if o.status == UploadOutcome.REFUSED]
    duplicate = sum(o.status == UploadOutcome.DUPLICATE for o in counted)
    parts = [f"本次共 {len(counted)} 个文件：{queued} 个已排队处理"]
    if duplicate:
        parts.append(f"{duplicate} 个此前已导入")
    if refused:
        parts.append(f"{len(refused)} 个被拒绝、未保存（{'、'.join(f'“{o.filename}”' for o in refused[:10])}"
                     f"{' 等' if len(refused) > 10 else ''}，原因见下）")
    return "，".join(parts) + "。"


def _accept_one(*, file, publication, published, region, uploaded_by, enqueue) -> UploadOutcome:
    try:
        # The issue row and its task row commit together: no queued issue without a task, no task without an issue.
        with transaction.atomic():
            issue, requeued = _register(data=file.data, filename=file.name, publication=publication,
                                        published=published, region=region, uploaded_by=uploaded_by)
            if enqueue:
                enqueue_issue(issue=issue)
    except DuplicateIssue as duplicate:
        return UploadOutcome(file.name, UploadOutcome.DUPLICATE, f"“{file.name}”：{duplicate.message_zh}",
                             duplicate.existing, duplicate.message_en)
    except IngestError as error:
        return UploadOutcome(file.name, UploadOutcome.REFUSED, error.message_zh, message_en=error.message_en)
    issue.refresh_from_db()
    if requeued:
        message = f"“{file.name}”此前处理失败，已按本次填写的信息重新排队处理（编号 {issue.pk}）。"
        return UploadOutcome(file.name, UploadOutcome.REQUEUED, message, issue)
    message = f"“{file.name}”已上传，排队处理中（编号 {issue.pk}）。"
    return UploadOutcome(file.name, UploadOutcome.QUEUED, message, issue)


def enqueue_issue(*, issue: NewsletterIssue) -> None:
    from reports.tasks import process_issue_task

    result = process_issue_task.enqueue(issue_id=issue.pk)
    NewsletterIssue.objects.filter(pk=issue.pk).update(task_id=str(result.id)[:64])


def retry_issues(*, issues: Iterable[NewsletterIssue]) -> int:
    """Queue failed issues again (after a fix, or once a worker is running); returns how many were queued."""
    count = 0
    for issue in issues:
        with transaction.atomic():
            updated = NewsletterIssue.objects.filter(pk=issue.pk, status=NewsletterIssue.Status.FAILED).update(
                status=NewsletterIssue.Status.QUEUED, error_message="", started_at=None, processed_at=None,
                duration_ms=None, lease_owner="", lease_expires_at=None, attempts=0)
            if updated:
                enqueue_issue(issue=issue)
                count += 1
    return count


STALLED_MESSAGE = ("处理中断：后台处理进程在处理这期报纸时连续 {attempts} 次中途停止（例如进程被终止、服务器重启"
                   "或超出资源限制），未写入任何数据。请检查文件后，选中这期报纸，使用“重新处理选中的失败期次”。")


class WorkerLost(Exception):
    """Recorded on a task row whose worker stopped before finishing it (the class path is what is stored)."""


WORKER_LOST = f"{__name__}.WorkerLost"


def _lease_end():
    # Database time on both sides of every comparison: workers on several machines need not agree on the clock.
    return ExpressionWrapper(Now() + timedelta(seconds=settings.GOVDASH_LEASE_SECONDS),
                             output_field=DateTimeField())


def _lease_expired() -> Q:
    return Q(lease_expires_at__isnull=True) | Q(lease_expires_at__lte=Now())


def _seconds_ago(seconds: float):
    return ExpressionWrapper(Now() - timedelta(seconds=seconds), output_field=DateTimeField())


def claim_issue(*, issue_id: int, owner: str) -> bool:
    """Take the lease of a queued issue (or of one whose lease expired); False when it is done, failed, or
    leased by a live run, in which case the caller does nothing.

    One conditional UPDATE: PostgreSQL re-checks the condition under the row lock, so of two runs claiming
    at once exactly one wins.
    """
    Status = NewsletterIssue.Status
    return bool(NewsletterIssue.objects.filter(pk=issue_id).filter(
        Q(status=Status.QUEUED) | (Q(status=Status.PROCESSING) & _lease_expired())
    ).update(status=Status.PROCESSING, lease_owner=owner, lease_expires_at=_lease_end(), started_at=Now(),
             attempts=F("attempts") + 1))


def renew_lease(*, issue_id: int, owner: str) -> bool:
    """Extend the lease while the run holds it; False once it has lost it."""
    return bool(NewsletterIssue.objects.filter(pk=issue_id, lease_owner=owner,
                                               status=NewsletterIssue.Status.PROCESSING)
                .update(lease_expires_at=_lease_end()))


class LeaseHeartbeat:
    """Renews an issue's lease from a thread while the run works, so a long run is never taken for a dead one."""

    def __init__(self, *, issue_id: int, owner: str):
        self.issue_id, self.owner = issue_id, owner
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, name=f"lease-{issue_id}", daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc_info):
        self._stop.set()
        self._thread.join(timeout=settings.GOVDASH_LEASE_SECONDS)

    def _beat(self):
        interval = settings.GOVDASH_LEASE_SECONDS / 3
        try:
            while not self._stop.wait(interval):
                try:
                    if not renew_lease(issue_id=self.issue_id, owner=self.owner):
                        return  # taken over: storing will find out and throw this run's results away
                except DatabaseError:
                    # The database is away for a moment: the lease holds for two more beats.
                    logger.warning("Renewing the lease of issue %s failed", self.issue_id, exc_info=True)
                    connection.close()
        finally:
            connection.close()  # this thread's own connection


@dataclass
class Recovery:
    requeued: int = 0
    failed: int = 0
    lost_tasks: int = 0


def recover_stalled_work() -> Recovery:
    """Recover what dead workers left: run by every worker now and then and by the issue list.

    An issue 处理中 whose lease expired is queued again (nothing was stored: storing is one transaction), or
    failed with the reason after ``GOVDASH_MAX_ATTEMPTS`` runs; a task row RUNNING under a worker whose
    heartbeat stopped is marked failed; a queued issue whose task was lost that way is queued again.
    """
    recovery = Recovery()
    Status = NewsletterIssue.Status
    stalled = NewsletterIssue.objects.filter(_lease_expired(), status=Status.PROCESSING)
    for issue_id in list(stalled.values_list("pk", flat=True)):
        with transaction.atomic():
            # skip_locked: another worker is recovering it, or its run is storing right now.
            issue = stalled.select_for_update(skip_locked=True).filter(pk=issue_id).first()
            if issue is None:
                continue
            if issue.attempts >= settings.GOVDASH_MAX_ATTEMPTS:
                NewsletterIssue.objects.filter(pk=issue.pk).update(
                    status=Status.FAILED, error_message=STALLED_MESSAGE.format(attempts=issue.attempts),
                    processed_at=Now(), lease_owner="", lease_expires_at=None)
                recovery.failed += 1
            else:
                NewsletterIssue.objects.filter(pk=issue.pk).update(status=Status.QUEUED, lease_owner="",
                                                                   lease_expires_at=None)
                enqueue_issue(issue=issue)
                recovery.requeued += 1
    if _uses_task_table():
        recovery.lost_tasks = _fail_lost_tasks()
        recovery.requeued += _requeue_orphaned_issues()
    if recovery.requeued or recovery.failed or recovery.lost_tasks:
        logger.warning("Recovered stalled work: %s", recovery)
    return recovery


def _uses_task_table() -> bool:
    from django_tasks import task_backends
    from django_tasks_db import DatabaseBackend

    return isinstance(task_backends["default"], DatabaseBackend)


def _fail_lost_tasks() -> int:
    from django_tasks_db.models import DBTaskResult

    from reports.models import WorkerHeartbeat

    lease_ago = _seconds_ago(settings.GOVDASH_LEASE_SECONDS)
    alive = list(WorkerHeartbeat.objects.filter(seen_at__gt=lease_ago).values_list("worker_id", flat=True))
    # worker_ids lists every worker that claimed the row; the last one runs it.
    running = DBTaskResult.objects.running().filter(started_at__lt=lease_ago)
    lost = [task.pk for task in running.only("pk", "worker_ids") if not task.worker_ids or task.worker_ids[-1]
            not in alive]
    WorkerHeartbeat.objects.filter(seen_at__lt=_seconds_ago(24 * 3600)).delete()
    if not lost:
        return 0
    return DBTaskResult.objects.running().filter(pk__in=lost).update(
        status="FAILED", finished_at=Now(), exception_class_path=WORKER_LOST,
        traceback="The worker running this task stopped (killed, or lost its database) before finishing it.\n")


def _requeue_orphaned_issues() -> int:
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).values_list("pk", flat=True)
    waiting_ids = {str(pk) for pk in waiting}
    # Issues registered for a synchronous run (``ingest``) have no task: give them a lease's time to be claimed.
    orphans = NewsletterIssue.objects.filter(status=NewsletterIssue.Status.QUEUED,
                                             uploaded_at__lt=_seconds_ago(settings.GOVDASH_LEASE_SECONDS))
    count = 0
    for issue in orphans.only("pk", "task_id"):
        if issue.task_id in waiting_ids:
            continue
        with transaction.atomic():
            locked = orphans.select_for_update(skip_locked=True).filter(pk=issue.pk, task_id=issue.task_id).first()
            if locked is not None:
                enqueue_issue(issue=locked)
                count += 1
    return count


def process_issue(*, issue: NewsletterIssue, owner: str | None = None) -> IngestSummary:
    """Read, extract and store one issue; on failure mark it failed with a Chinese message and re-raise.

    The run holds the issue's lease (``owner``, the task's id when run by a worker) and renews it while it
    works. Raises IssueNotQueued when the issue is done, failed or leased by a live run (a task delivered
    twice, or one already processed): nothing is done then.
    """
    started = time.monotonic()
    owner = owner or uuid.uuid4().hex
    if not claim_issue(issue_id=issue.pk, owner=owner):
        raise IssueNotQueued(issue.pk)
    issue.status = NewsletterIssue.Status.PROCESSING
    try:
        with LeaseHeartbeat(issue_id=issue.pk, owner=owner):
            processed = read_and_extract_issue(issue=issue)
            document, extraction = processed.document, processed.extraction
            with transaction.atomic():
                accepted = _accepted_repeats(issue=issue)
                _lock_leased(issue=issue, owner=owner)
                summary = _store(issue=issue, extraction=extraction, accepted=accepted)
                summary.notes = list(extraction.warnings) + summary.notes
                issue.file_format = document.file_format
                issue.encoding = document.encoding
                issue.status = NewsletterIssue.Status.DONE
                issue.error_message = ""
                issue.warnings = "\n".join(summary.notes)
                issue.extractor_version = extraction.version
                issue.processed_at = timezone.now()
                issue.duration_ms = int((time.monotonic() - started) * 1000)
                issue.lease_owner, issue.lease_expires_at = "", None
                issue.save(update_fields=["file_format", "encoding", "status", "error_message", "warnings",
                                          "extractor_version", "processed_at", "duration_ms", "lease_owner",
                                          "lease_expires_at"])
        return summary
    except LeaseLost:
        logger.warning("Issue %s was taken over by another run; this run's results are discarded", issue.pk)
        issue.refresh_from_db()
        raise
    except Exception as error:
        if isinstance(error, IngestError):
            message = error.message_zh
        else:
            logger.exception("Processing issue %s failed", issue.pk)
            name = error.type_name if isinstance(error, budget.ChildFailed) else type(error).__name__
            message = f"处理时发生内部错误（{name}），未写入任何数据。请联系管理员查看日志。"
        # Only while this run still holds the lease: a run that lost it must not overwrite its successor's outcome.
        NewsletterIssue.objects.filter(pk=issue.pk, lease_owner=owner).update(
            status=NewsletterIssue.Status.FAILED,
            error_message=message,
            warnings="",
            processed_at=timezone.now(),
            duration_ms=int((time.monotonic() - started) * 1000),
            lease_owner="",
            lease_expires_at=None,
        )
        issue.refresh_from_db()
        raise


def _lock_leased(*, issue: NewsletterIssue, owner: str) -> None:
    """Lock the issue row for storing, if this run still holds its lease; LeaseLost otherwise.

    Under this lock no other run can store or take the issue over, and whatever an earlier run of the issue
    left is replaced, in the same transaction, by what this run stores.
    """
    held = NewsletterIssue.objects.select_for_update().filter(
        pk=issue.pk, lease_owner=owner, status=NewsletterIssue.Status.PROCESSING).values_list("pk", flat=True)
    if not list(held):
        raise LeaseLost(issue.pk)
    Article.objects.filter(issue_id=issue.pk).delete()


def _accepted_repeats(*, issue: NewsletterIssue) -> dict[str, tuple]:
    """Texts of the issue's articles a reviewer already accepted as repeats, with who and when: processing the
    issue again must not hold them a second time."""
    rows = Article.objects.filter(issue_id=issue.pk, duplicate_accepted_at__isnull=False).values_list(
        "text", "duplicate_accepted_by_id", "duplicate_accepted_at")
    return {text: (user_id, at) for text, user_id, at in rows}


def processing_budget() -> budget.Budget:
    return budget.Budget(seconds=settings.GOVDASH_PROCESSING_TIME_LIMIT_SECONDS,
                         memory_mb=settings.GOVDASH_PROCESSING_MEMORY_LIMIT_MB)


def read_and_extract_issue(*, issue: NewsletterIssue) -> budget.Processed:
    """The issue's stored file read and extracted under the processing budget, with what cannot be stored left
    out (and said in the extraction's warnings); IngestError with a message for the user otherwise."""
    processed = _read_and_extract_budgeted(issue=issue)
    return dataclasses.replace(processed, extraction=storable(processed.extraction))


def _read_and_extract_budgeted(*, issue: NewsletterIssue) -> budget.Processed:
    try:
        with issue.original_file.open("rb") as handle:
            data = handle.read()
    except (OSError, ValueError) as error:
        raise IngestError(
            "找不到这期报纸上传的原始文件（可能已被删除或移动），无法处理。请重新上传。",
            f"The stored file of issue {issue.pk} cannot be opened: {error}",
        ) from error
    # The issue's own region wins over the newspaper's: a city paper's page can be about one district.
    region_row = issue.region or issue.publication.region
    region = region_row.name if region_row else None
    try:
        return budget.run_within(processing_budget(), budget.read_and_extract, data, issue.original_name,
                                 issue.published, region, taught_synonyms())
    except budget.ReadFailed as error:
        raise IngestError(error.message_zh, error.message_en) from error
    except budget.BudgetExceeded as error:
        logger.warning("Issue %s: %s", issue.pk, error.message_en)
        raise IngestError(error.message_zh, error.message_en) from error


# numeric(20, 4): the integer part has at most 16 digits; a larger value fails the INSERT of the whole issue.
FACT_VALUE_LIMIT = Decimal(10) ** (Fact._meta.get_field("value").max_digits
                                   - Fact._meta.get_field("value").decimal_places)
# Article positions are a smallint; the extractor's own cap is far below it.
MAX_ARTICLES = min(Limits().max_articles, 32767)


def storable(extraction: Extraction) -> Extraction:
    """The extraction without what the database cannot hold (values of 10^16 and more, articles past the cap),
    each omission said in its warnings: one bad number must not lose every other figure of the issue."""
    warnings = list(extraction.warnings)
    articles = extraction.articles
    if len(articles) > MAX_ARTICLES:
        warnings.append(f"分出 {len(articles):,} 篇文章，超过每期 {MAX_ARTICLES:,} 篇的上限，"
                        f"只保存了前 {MAX_ARTICLES:,} 篇。如确需全部导入，请把文件拆成几份分别上传。")
        articles = articles[:MAX_ARTICLES]
    kept = {a.index for a in articles}
    facts, too_large = [], []
    for fact in extraction.facts:
        if fact.article not in kept:
            continue
        if abs(fact.value) >= FACT_VALUE_LIMIT or (fact.upper is not None and abs(fact.upper) >= FACT_VALUE_LIMIT):
            too_large.append(fact)
            continue
        facts.append(fact)
    if too_large:
        shown = "；".join(f"“{_excerpt(f.evidence)}”" for f in too_large[:3])
        more = f"等 {len(too_large)} 条" if len(too_large) > 3 else ""
        warnings.append(f"{len(too_large)} 个数值过大（绝对值达到 10 的 16 次方），无法保存，已舍弃：{shown}{more}。"
                        "其余数据已正常导入；如这些数字确有其事，请核对原文后在“数据”中手工录入。")
    initiatives = tuple(i for i in extraction.initiatives if i.article in kept)
    if len(articles) == len(extraction.articles) and not too_large:
        return extraction
    return dataclasses.replace(extraction, articles=articles, facts=tuple(facts), initiatives=initiatives,
                               warnings=tuple(warnings))


def _excerpt(text: str, size: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[:size] + "…"


def taught_synonyms() -> tuple[tuple[str, str], ...]:
    """The phrases reviewers assigned to metrics, for the extractor (see review.correct_fact)."""
    return tuple(MetricSynonym.objects.values_list("phrase", "metric__key"))


def ingest_file(
    *,
    data: bytes,
    filename: str,
    publication: Publication,
    published: date | None,
    region: District | None = None,
    uploaded_by=None,
) -> IngestSummary:
    """Register and process synchronously (``load_seeds`` and tests)."""
    check_upload_size(filename=filename, size=len(data))
    issue = register_issue(data=data, filename=filename, publication=publication, published=published,
                           region=region, uploaded_by=uploaded_by)
    return process_issue(issue=issue)


def _store(*, issue: NewsletterIssue, extraction: Extraction, accepted: dict | None = None) -> IngestSummary:
    summary = IngestSummary(issue=issue)
    resolver = places.PlaceResolver()
    articles = [article_row(result, issue=issue, resolver=resolver) for result in extraction.articles]
    Article.objects.bulk_create(articles)
    article_by_index = {a.position: a for a in articles}
    summary.articles = len(articles)
    summary.notes = mark_near_duplicates(articles=articles, accepted=accepted)

    metrics = metrics_by_key()
    facts = [fact_row(result, article_by_index[result.article], resolver, metrics, extraction.version)
             for result in extraction.facts]
    Fact.objects.bulk_create(facts)
    summary.facts = len(facts)
    summary.unattributed_facts = sum(1 for f in facts if f.subdistrict_id is None and f.district_id is None)

    initiatives = [initiative_row(result, article_by_index[result.article], resolver, extraction.version)
                   for result in extraction.initiatives]
    Initiative.objects.bulk_create(initiatives, ignore_conflicts=True)
    summary.initiatives = len(initiatives)
    from reports.search import index_articles

    index_articles(articles)
    return summary


# Candidates scored per article: the articles sharing the most band keys with it. Many stored copies of one text
# share all their bands; a few are enough to name the earliest.
MAX_CANDIDATES = 20


def mark_near_duplicates(*, articles: list[Article], accepted: dict | None = None) -> list[str]:
    """Sign the given (saved) articles, index their band keys, and mark each that nearly repeats an article of
    another issue (``similarity.THRESHOLD``): its facts are then held off public pages until a reviewer accepts
    it. Returns one message per repeat for the uploader, naming the issue and article it repeats.

    Work per article is one signature and one indexed lookup of its band keys, whatever the number of stored
    articles. ``accepted`` maps texts already accepted as repeats to (reviewer id, time).
    """
    accepted = accepted or {}
    messages, bands = [], []
    for article in articles:
        signature = similarity.signature(article.text)
        article.minhash = signature
        if signature is None:
            continue
        keys = similarity.band_keys(signature)
        match = _best_match(article=article, signature=signature, keys=keys)
        bands += [ArticleBand(article=article, key=key) for key in keys]
        update = ["minhash"]
        if match is not None:
            original, score = match
            article.duplicate_of, article.similarity = original, score
            update += ["duplicate_of", "similarity"]
            if article.text in accepted:
                article.duplicate_accepted_by_id, article.duplicate_accepted_at = accepted[article.text]
                update += ["duplicate_accepted_by", "duplicate_accepted_at"]
            else:
                messages.append(duplicate_message(article=article, original=original, score=score))
        article.save(update_fields=update)
    ArticleBand.objects.bulk_create(bands)
    return messages


def sign_existing_articles(*, batch: int = 500) -> int:
    """Sign and index articles stored without a signature, a batch per transaction; returns how many were
    signed. They are only made findable: nothing already published is held."""
    signed = 0
    last = 0
    while True:
        with transaction.atomic():
            articles = list(Article.objects.select_for_update(skip_locked=True)
                            .filter(minhash__isnull=True, pk__gt=last).order_by("pk").only("id", "text")[:batch])
            if not articles:
                return signed
            last = articles[-1].pk
            bands = []
            for article in articles:
                article.minhash = similarity.signature(article.text)
                if article.minhash is not None:
                    bands += [ArticleBand(article=article, key=key) for key in similarity.band_keys(article.minhash)]
                    signed += 1
            Article.objects.bulk_update([a for a in articles if a.minhash is not None], ["minhash"])
            ArticleBand.objects.bulk_create(bands)


def _best_match(*, article: Article, signature: list[int], keys: list[int]) -> tuple[Article, float] | None:
    from django.db.models import Count

    shared = (ArticleBand.objects.filter(key__in=keys).exclude(article__issue_id=article.issue_id)
              .values("article_id").annotate(n=Count("id")).order_by("-n", "article_id")[:MAX_CANDIDATES])
    ids = [row["article_id"] for row in shared]
    if not ids:
        return None
    best = None
    for candidate in Article.objects.filter(pk__in=ids).select_related("issue__publication").only(
            "id", "position", "title", "minhash", "duplicate_of_id", "issue__id", "issue__published",
            "issue__original_name", "issue__publication__name"):
        score = similarity.estimate(signature, candidate.minhash or [])
        # The earliest of equally close articles: the original rather than an earlier repeat of it.
        if score >= similarity.THRESHOLD and (best is None or (score, -candidate.pk) > (best[1], -best[0].pk)):
            best = (candidate, score)
    return best


def duplicate_message(*, article: Article, original: Article, score: float) -> str:
    issue = original.issue
    title = f"《{_excerpt(original.title, 30)}》" if original.title else ""
    own = f"《{_excerpt(article.title, 30)}》" if article.title else ""
    return (f"第 {article.position + 1} 篇文章{own}与第 {issue.pk} 期（{issue.publication} "
            f"{issue.published or '日期未填'}，文件名 {issue.original_name}）第 {original.position + 1} 篇"
            f"{title}几乎相同（相似度 {score:.0%}）。这篇文章的数据暂不在公开页面显示，也不会形成新的数据序列或冲突。"
            "请在“数据”中按“疑似重复”筛选核对：确是另一篇报道，就选中这些数据执行“接受疑似重复文章”；"
            "若是重复上传，可直接删除这一期。")


def article_row(result, *, issue: NewsletterIssue, resolver: "places.PlaceResolver") -> Article:
    subdistrict, district = resolver.resolve(result.place)
    return Article(issue=issue, position=result.index, title=result.title[:500], text=result.text,
                   subdistrict=subdistrict, district=district, year=result.year)


def initiative_row(result, article: Article, resolver: "places.PlaceResolver", version: str) -> Initiative:
    subdistrict, district = resolver.resolve(result.place)
    return Initiative(
        subdistrict=subdistrict, district=district, year=result.year, name=result.name[:100],
        category=result.category, article=article, evidence=result.description,
        start=result.start, end=result.end, confidence=result.confidence, extractor_version=version,
    )


def fact_row(result, article: Article, resolver: "places.PlaceResolver", metrics: dict[str, Metric],
             version: str) -> Fact:
    subdistrict, district = resolver.resolve(result.place)
    metric = metrics.get(result.metric) if result.metric else None
    return Fact(
        held=article.held_as_duplicate,
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
        reasons=fact_reasons(result),
        extractor_version=version,
        cumulative=is_cumulative(result),
    )


_CUMULATIVE = re.compile(r"截至|累计")


def is_cumulative(result) -> bool:
    """The sentence states a running total (截至目前…共320台, 累计) before the number, not one year's figure."""
    if result.value_start is None:
        return False
    return bool(_CUMULATIVE.search(result.evidence[:max(0, result.value_start - result.start)]))


def fact_reasons(result) -> dict:
    return {"rule": result.rule, "place": result.place_source, "year": result.year_source}


__all__ = [
    "EXTRACTOR_VERSION",
    "DuplicateIssue",
    "IncomingFile",
    "IngestError",
    "IngestSummary",
    "IssueNotQueued",
    "LeaseLost",
    "UploadOutcome",
    "accept_files",
    "check_upload_size",
    "enqueue_issue",
    "get_publication",
    "ingest_file",
    "process_issue",
    "recover_stalled_work",
    "register_issue",
    "retry_issues",
]
