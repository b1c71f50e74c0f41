import time
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reports import bulk, places
from reports.models import NewsletterIssue
from reports.services import (
    IncomingFile,
    IngestError,
    UploadOutcome,
    accept_files,
    check_upload_size,
    get_publication,
)


def parse_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--published must be a date as YYYY-MM-DD, got {value!r}") from None


def expand(paths: list[Path]) -> list[Path]:
    """Files as given; a folder stands for every file below it (hidden ones left out), in name order."""
    files = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file()
                                and not any(part.startswith(".") for part in p.relative_to(path).parts)))
        elif path.is_file():
            files.append(path)
        else:
            raise CommandError(f"{path}: no such file or folder")
    return files


class Command(BaseCommand):
    help = ("Ingest newsletter files (txt, pdf, docx, html, or a zip of them; a folder for every file in it) into "
            "the database, one transaction per file, through the same checks as the admin upload but without the "
            "task queue. Files are processed by --workers processes in parallel, with a progress bar on stderr. "
            "Running it again over the same files processes what an interrupted run left unfinished.")

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE_OR_FOLDER")
        parser.add_argument("--publication", required=True, help="newspaper name, e.g. 江津日报")
        parser.add_argument("--published", required=True, help="publication date, YYYY-MM-DD")
        parser.add_argument("--region", help="district or city the newspaper covers, e.g. 江津区")
        parser.add_argument("--workers", type=int, default=bulk.default_workers(),
                            help="processes extracting issues in parallel (default: one per CPU)")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, files, publication, published, region, workers, no_progress, **options):
        if workers < 1:
            raise CommandError("--workers must be at least 1")
        published_on = parse_date(published)
        paths = expand([Path(f) for f in files])
        newspaper = get_publication(name=publication, region=region)
        district = places.district_for_region(region) if region else None
        # Worker processes start now: their start-up (Django, dictionaries, fork server) overlaps registration.
        pool = bulk.start_pool(min(workers, len(paths))) if len(paths) > 1 else None
        try:
            failures = self._ingest(paths, newspaper=newspaper, published_on=published_on, district=district,
                                workers=workers, no_progress=no_progress, pool=pool)
        except BaseException:
            if pool is not None:
                pool.close()
            raise
        if failures:
            raise CommandError(f"{failures} of {len(paths)} files failed")

    def _ingest(self, paths, *, newspaper, published_on, district, workers, no_progress, pool) -> int:
        failures = 0
        jobs: dict[int, str] = {}
        registering = time.monotonic()
        for path in paths:
            try:
                check_upload_size(filename=path.name, size=path.stat().st_size)
            except IngestError as error:
                failures += 1
                self.stderr.write(f"{path}: failed: {error.message_zh} ({error.message_en})")
                continue
            outcomes = accept_files(files=[IncomingFile(name=path.name, data=path.read_bytes())],
                                    publication=newspaper, published=published_on, region=district, enqueue=False)
            for outcome in outcomes:
                label = str(path) if outcome.filename == path.name else f"{path} ({outcome.filename})"
                if outcome.status == UploadOutcome.REFUSED:
                    failures += 1
                    self.stderr.write(f"{label}: failed: {outcome.message_zh} ({outcome.message_en})")
                elif outcome.status == UploadOutcome.DUPLICATE and outcome.issue.status in (
                        NewsletterIssue.Status.DONE, NewsletterIssue.Status.FAILED):
                    self.stdout.write(f"{label}: skipped, {outcome.message_en}")
                elif outcome.status != UploadOutcome.IGNORED:
                    # New, retried after a failure, or left queued / cut short by an earlier run.
                    jobs.setdefault(outcome.issue.pk, label)

        if jobs and not no_progress:
            # Registration (reading, hashing and recording each file) runs in this process before any worker.
            self.stderr.write(f"registered {len(paths)} files in {time.monotonic() - registering:.1f} s")
        progress = bulk.Progress(len(jobs), stream=self.stderr._out, enabled=not no_progress)

        def done(outcome: bulk.Outcome) -> None:
            nonlocal failures
            label = jobs[outcome.issue_id]
            if outcome.status == "done":
                self.stdout.write(
                    f"{label}: issue {outcome.issue_id}, {outcome.articles} articles, {outcome.facts} facts "
                    f"({outcome.unattributed_facts} unattributed), {outcome.initiatives} initiatives")
                # What was left out, and articles held as near-repeats of stored ones (which issue and article).
                for note in outcome.notes:
                    self.stdout.write(f"{label}: ⚠ {note}")
            elif outcome.status == "failed":
                failures += 1
                self.stderr.write(f"{label}: failed: {outcome.message}")
            else:
                self.stdout.write(f"{label}: skipped, issue {outcome.issue_id} is {outcome.message}")
            progress.advance()

        def ready(seconds: float, waited: float) -> None:
            # Start-up (processes, dictionaries, fork server) is a fixed cost: said apart, not averaged into pages/s.
            progress.restart()
            if jobs and not no_progress:
                self.stderr.write(f"start-up: worker(s) ready in {seconds:.1f} s ({waited:.1f} s of it after "
                                  "registration)")

        bulk.process_many(list(jobs), workers=workers, on_done=done, on_ready=ready, pool=pool)
        if jobs and not no_progress:
            self.stderr.write(f"{len(jobs)} pages in {progress.elapsed():.1f} s after start-up, "
                              f"{progress.rate():.2f} pages/s")
        return failures
