"""Run the extractor over text files without a database; print one JSON fact per line."""

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reports.extract import DecodeError, decode_bytes, default_config, extract


def _number(value: Decimal | None):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"--published wants a date as YYYY-MM-DD, not {text!r}") from error


class Command(BaseCommand):
    help = (
        "Extract facts from newsletter pages (plain text, any common Chinese encoding) and print them as JSON "
        "lines: doc, place, district, year, metric, value (in the metric's unit), unit, approx, note, evidence, "
        "start, end, and why it was read so (rule, place_source, year_source, confidence). Needs no database."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="text files, one newspaper page each")
        parser.add_argument("--published", type=_date, default=None, metavar="YYYY-MM-DD",
                            help="publication date; resolves 今年/去年 and the year of a review")
        parser.add_argument("--region", default=None, metavar="NAME",
                            help="area the newspaper covers (a district such as 江津区 or a city such as 重庆市); "
                                 "settles place names found in several districts")
        parser.add_argument("--candidates", action="store_true",
                            help="also print figures that are no fact yet: those matching no catalogue metric and "
                                 "those whose place could not be told (what the review queue lists as candidates)")
        parser.add_argument("--initiatives", action="store_true",
                            help="also print initiatives (lines with \"kind\": \"initiative\")")

    def handle(self, *args, **options):
        config = default_config(published=options["published"], region=options["region"])
        texts = []
        for name in options["files"]:
            path = Path(name)
            try:
                data = path.read_bytes()
            except FileNotFoundError as error:
                raise CommandError(f"{name}: no such file") from error
            except IsADirectoryError as error:
                raise CommandError(f"{name}: is a directory, not a text file") from error
            except OSError as error:
                raise CommandError(f"{name}: cannot read ({error.strerror})") from error
            try:
                decoded = decode_bytes(data)
            except DecodeError as error:
                raise CommandError(f"{name}: {error.reason_en} / {error.reason_zh}") from error
            texts.append((path.stem, decoded.text))
        for doc, text in texts:
            extraction = extract(text, config=config)
            for fact in extraction.facts:
                # A figure of no catalogued metric, or of no place, is nothing the dashboard can publish.
                if not options["candidates"] and (fact.metric is None or fact.place is None):
                    continue
                self.stdout.write(json.dumps(self._fact(doc, fact), ensure_ascii=False))
            if options["initiatives"]:
                for item in extraction.initiatives:
                    self.stdout.write(json.dumps(self._initiative(doc, item), ensure_ascii=False))

    @staticmethod
    def _fact(doc, fact):
        place = fact.place
        return {
            "doc": doc,
            "article": fact.article,
            "place": place.name if place else None,
            "district": place.district if place else None,
            "year": fact.year,
            "metric": fact.metric,
            "label": fact.label,
            "value": _number(fact.value),
            "upper": _number(fact.upper),
            "unit": fact.unit,
            "approx": fact.approx,
            "note": fact.note,
            "evidence": fact.evidence,
            "rule": fact.rule,
            "place_source": fact.place_source,
            "year_source": fact.year_source,
            "start": fact.start,
            "end": fact.end,
            "confidence": fact.confidence,
        }

    @staticmethod
    def _initiative(doc, item):
        place = item.place
        return {
            "kind": "initiative",
            "doc": doc,
            "article": item.article,
            "place": place.name if place else None,
            "district": place.district if place else None,
            "year": item.year,
            "name": item.name,
            "category": item.category,
            "evidence": item.description,
            "start": item.start,
            "end": item.end,
            "confidence": item.confidence,
        }
