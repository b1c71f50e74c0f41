from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reports.services import DuplicateIssue, IngestError, get_publication, ingest_file


def parse_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--published must be a date as YYYY-MM-DD, got {value!r}") from None


class Command(BaseCommand):
    help = "Ingest newsletter files (txt, pdf, docx, html) into the database, one transaction per file."

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
        failures = 0
        for path in paths:
            try:
                summary = ingest_file(data=path.read_bytes(), filename=path.name, publication=newspaper,
                                      published=published_on)
            except DuplicateIssue as duplicate:
                self.stdout.write(f"{path}: skipped, {duplicate.message_en}")
            except IngestError as error:
                failures += 1
                self.stderr.write(f"{path}: failed: {error.message_zh} ({error.message_en})")
            else:
                self.stdout.write(
                    f"{path}: issue {summary.issue.pk}, {summary.articles} articles, {summary.facts} facts "
                    f"({summary.unattributed_facts} unattributed), {summary.initiatives} initiatives"
                )
        if failures:
            raise CommandError(f"{failures} of {len(paths)} files failed")
