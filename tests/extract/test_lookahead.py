"""The look-ahead in front of a pattern of many forms only skips positions: on the fixture pages the guarded pattern
finds exactly what its forms alone find."""

import re
from pathlib import Path

import pytest

from reports.extract import metrics, quantities, years
from reports.extract.normalize import normalize

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def _paragraphs() -> list[str]:
    texts = [normalize(p.read_text(encoding="utf-8")).text for p in sorted(FIXTURES.rglob("*.txt"))]
    return [line for text in texts for line in text.split("\n") if line.strip()]


def _spans(pattern: re.Pattern, paragraphs: list[str]) -> list[list[tuple[int, int]]]:
    return [[m.span() for m in pattern.finditer(p)] for p in paragraphs]


@pytest.mark.parametrize("guarded,forms", [
    (years._YEAR, years._YEAR_FORMS),
    (metrics._TARGET, metrics._TARGET_FORMS),
    (metrics._GOAL, metrics._GOAL_FORMS),
])
def test_it_finds_with_the_look_ahead_what_the_forms_find_alone(guarded, forms):
    paragraphs = _paragraphs()
    assert sum(map(len, _spans(guarded, paragraphs))) > 0
    assert _spans(guarded, paragraphs) == _spans(re.compile(forms), paragraphs)


def test_it_opens_a_figure_only_where_its_opening_words_or_numerals_can_start():
    paragraphs = _paragraphs()
    unguarded = re.compile(quantities._QUANTITY.pattern.split(")", 1)[1])  # the pattern without its look-ahead
    assert _spans(quantities._QUANTITY, paragraphs) == _spans(unguarded, paragraphs)
