from django.core.management.base import BaseCommand, CommandError

from reports.models import NewsletterIssue
from reports.review import reextract


class Command(BaseCommand):
    help = ("Run the current extractor again on stored issues. Automatic facts are replaced; confirmed, rejected "
            "and corrected facts are kept (matched by article, evidence sentence and metric).")

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--issue", type=int, action="append", metavar="ID", help="issue id (repeatable)")
        which.add_argument("--all", action="store_true", help="every successfully processed issue")

    def handle(self, *args, issue, all, **options):
        issues = NewsletterIssue.objects.filter(status=NewsletterIssue.Status.DONE).select_related(
            "publication", "region").order_by("pk")
        if not all:
            issues = issues.filter(pk__in=issue)
            missing = set(issue) - set(issues.values_list("pk", flat=True))
            if missing:
                raise CommandError(f"no processed issue with id {', '.join(map(str, sorted(missing)))}")
        summary = reextract(issues=issues)
        for line in summary.lines_en():
            self.stdout.write(line)
        if summary.failed:
            raise CommandError(f"{len(summary.failed)} of {len(summary.issues)} issues could not be re-extracted")
