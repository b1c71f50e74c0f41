from django.core.management.base import BaseCommand

from reports.reference import sync_gazetteer, sync_metrics


class Command(BaseCommand):
    help = "Load the metric catalogue and the districts and subdistricts of a region (default 重庆市)."

    def add_arguments(self, parser):
        parser.add_argument("--region", action="append", help="province or city to load (repeatable); default 重庆市")

    def handle(self, *args, region, **options):
        self.stdout.write(f"metrics: {sync_metrics()}")
        for name in region or ["重庆市"]:
            districts, subdistricts = sync_gazetteer(region=name)
            self.stdout.write(f"{name}: {districts} districts, {subdistricts} new subdistricts")
