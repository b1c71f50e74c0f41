from django.core.management.base import BaseCommand

from reports.services import sign_existing_articles


class Command(BaseCommand):
    help = ("Sign stored articles that have no MinHash signature yet (stored before near-repeat detection), so new "
            "uploads are compared with them. Nothing is held: articles already published stay published.")

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=500, help="articles signed per transaction")

    def handle(self, *args, batch, **options):
        signed = sign_existing_articles(batch=batch)
        self.stdout.write(f"{signed} articles signed")
