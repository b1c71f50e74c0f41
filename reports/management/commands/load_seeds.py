import json
from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand

from reports.services import DuplicateIssue, get_publication, ingest_file

SEEDS_DIR = settings.BASE_DIR / "fixtures" / "seeds"


class Command(BaseCommand):
    help = "Ingest the seed newsletter pages in fixtures/seeds/ (idempotent: pages already imported are skipped)."

    def handle(self, *args, **options):
        manifest = json.loads((SEEDS_DIR / "manifest.json").read_text(encoding="utf-8"))
        for entry in manifest["issues"]:
            path = SEEDS_DIR / entry["file"]
            publication = get_publication(name=entry["publication"], region=entry.get("region"))
            try:
                summary = ingest_file(data=path.read_bytes(), filename=path.name, publication=publication,
                                      published=date.fromisoformat(entry["published"]))
            except DuplicateIssue:
                self.stdout.write(f"{entry['file']}: already loaded")
            else:
                self.stdout.write(f"{entry['file']}: {summary.articles} articles, {summary.facts} facts, "
                                  f"{summary.initiatives} initiatives")
