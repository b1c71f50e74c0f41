from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reports import places
from reports.services import (
    IncomingFile,
    IngestError,
    UploadOutcome,
    accept_files,
    check_upload_size,
    get_publication,
    process_issue,
)


def parse_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--published must be a date as YYYY-MM-DD, got {value!r}") from None


class Command(BaseCommand):
    help = ("Ingest newsletter files (txt, pdf, docx, html, or a zip of them) into the database, one transaction "
            "per file, through the same checks as the admin upload but without the task queue.")

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--publication", required=True, help="newspaper name, e.g. 江津日报")
        parser.add_argument("--published", required=True, help="publication date, YYYY-MM-DD")
        parser.add_argument("--region", help="district or city the newspaper covers, e.g. 江津区")

    def handle(self, *args, files, publication, published, region, **options):
        published_on = parse_date(published)
        paths = [Path(f) for f in files]
        for path in paths:
            if not path.is_file():
                raise CommandError(f"{path}: no such file")
        newspaper = get_publication(name=publication, region=region)
        district = places.district_for_region(region) if region else None
        failures = 0
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
                failures += self._process(path, outcome)
        if failures:
            raise CommandError(f"{failures} of {len(paths)} files failed")

    def _process(self, path: Path, outcome: UploadOutcome) -> int:
        label = path if outcome.filename == path.name else f"{path} ({outcome.filename})"
        if outcome.status == UploadOutcome.DUPLICATE:
            self.stdout.write(f"{label}: skipped, {outcome.message_en}")
            return 0
        if outcome.status == UploadOutcome.REFUSED:
            self.stderr.write(f"{label}: failed: {outcome.message_zh} ({outcome.message_en})")
            return 1
        try:
            summary = process_issue(issue=outcome.issue)
        except IngestError as error:
            self.stderr.write(f"{label}: failed: {error.message_zh} ({error.message_en})")
            return 1
        self.stdout.write(
            f"{label}: issue {summary.issue.pk}, {summary.articles} articles, {summary.facts} facts "
            f"({summary.unattributed_facts} unattributed), {summary.initiatives} initiatives"
        )
        # What was left out, and articles held as near-repeats of stored ones (which issue and article).
        for note in summary.notes:
            self.stdout.write(f"{label}: ⚠ {note}")
        return 0
