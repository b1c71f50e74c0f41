"""Every metric of the catalogue reads its own example sentences and nothing from its counterexamples.

The sentences live next to the patterns in reports/extract/lexicon/metrics.toml (the way Recognizers-Text keeps a
spec corpus beside each recognizer); they are written for the catalogue and are unit-test material, not a measure of
accuracy on real pages.
"""

import pytest

from reports.extract.catalogue import METRICS

from .helpers import run

EXAMPLES = [(m.key, text, value) for m in METRICS for text, value in m.examples]
COUNTEREXAMPLES = [(m.key, text) for m in METRICS for text in m.counterexamples]


def _read(text: str, key: str) -> list[float]:
    page = "圣泉街道工作\n\n" + text + "\n"
    return [float(f.value) for f in run(page, region="江津区").facts if f.metric == key]


def test_it_has_an_example_for_every_metric():
    assert {m.key for m in METRICS} == {key for key, _, _ in EXAMPLES}


@pytest.mark.parametrize(("key", "text", "value"), EXAMPLES, ids=[f"{k}:{t}" for k, t, _ in EXAMPLES])
def test_it_reads_each_example_as_its_metric(key, text, value):
    assert value in _read(text, key)


@pytest.mark.parametrize(("key", "text"), COUNTEREXAMPLES, ids=[f"{k}:{t}" for k, t in COUNTEREXAMPLES])
def test_it_reads_nothing_of_the_metric_from_a_counterexample(key, text):
    assert _read(text, key) == []
