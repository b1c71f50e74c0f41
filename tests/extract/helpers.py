"""Shared helpers for the extractor tests: run a text through the pipeline, load the seed pages."""

import json
from datetime import date
from functools import cache
from pathlib import Path

from reports.extract import default_config, extract

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"


def run(text: str, *, published: str | None = "2023-08-10", region: str | None = None):
    return extract(text, config=default_config(published=date.fromisoformat(published) if published else None,
                                               region=region))


def facts(text: str, **kwargs) -> list:
    return list(run(text, **kwargs).facts)


def metric_facts(text: str, **kwargs) -> list:
    return [f for f in facts(text, **kwargs) if f.metric]


def summary(extraction) -> set[tuple]:
    """(place, year, metric, value) for every catalogue fact."""
    return {(f.place.name if f.place else None, f.year, f.metric, float(f.value))
            for f in extraction.facts if f.metric}


@cache
def seed(prefix: str):
    """Extraction of the seed page whose file name starts with ``prefix`` (000 … 004), with its manifest entry."""
    manifest = json.loads((SEEDS / "manifest.json").read_text(encoding="utf-8"))
    entry = next(e for e in manifest["issues"] if e["file"].startswith(prefix))
    text = (SEEDS / entry["file"]).read_text(encoding="utf-8")
    return run(text, published=entry["published"], region=entry["region"])


def seed_text(prefix: str) -> str:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return path.read_text(encoding="utf-8")
