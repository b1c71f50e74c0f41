"""The near-duplicate threshold measured on the seed pages: different articles far below it, edited copies and
shortened reprints above it, and the banded lookup finding every such pair."""

import itertools
import re

import pytest

from reports import similarity
from reports.extract import default_config, extract
from tests.readers.samples import seed_text


@pytest.fixture(scope="module")
def articles() -> list[str]:
    texts = []
    for index in range(5):
        texts += [a.text for a in extract(seed_text(index), config=default_config()).articles]
    return texts


def edited(text: str) -> str:
    """Two characters changed and one number altered, as a careless reprint would."""
    chars = [i for i, c in enumerate(text) if "\u4e00" <= c <= "\u9fff"]
    text = "".join("的" if i in (chars[len(chars) // 3], chars[2 * len(chars) // 3]) else c
                   for i, c in enumerate(text))
    return re.sub(r"\d+", lambda m: str(int(m.group()) + 7), text, count=1)


def test_it_keeps_different_seed_articles_far_below_the_threshold(articles):
    assert len(articles) >= 10
    scores = [similarity.jaccard(similarity.shingles(a), similarity.shingles(b))
              for a, b in itertools.combinations(articles, 2)]
    assert max(scores) < similarity.THRESHOLD / 10


def test_it_puts_edited_copies_and_shortened_reprints_above_the_threshold(articles):
    for text in articles:
        assert similarity.jaccard(similarity.shingles(text), similarity.shingles(edited(text))) > 0.85
        cut = text[len(text) // 3:]
        assert similarity.jaccard(similarity.shingles(text), similarity.shingles(cut)) > similarity.THRESHOLD


def test_it_estimates_similarity_from_signatures_and_shares_a_band_with_a_copy(articles):
    for text in articles:
        original, copy = similarity.signature(text), similarity.signature(edited(text))
        exact = similarity.jaccard(similarity.shingles(text), similarity.shingles(edited(text)))
        assert abs(similarity.estimate(original, copy) - exact) < 0.1
        assert set(similarity.band_keys(original)) & set(similarity.band_keys(copy))
    a, b = similarity.signature(articles[0]), similarity.signature(articles[1])
    assert not set(similarity.band_keys(a)) & set(similarity.band_keys(b))


def test_it_ignores_layout_and_leaves_short_texts_alone():
    text = "圣泉街道将全街道划分为133个网格和3310个微网格，配齐网格员队伍，按照一网格一支部的标准设置党组织，" \
           "努力实现网格、党组织、居民小组的设置一一对应。"
    assert similarity.signature(text) is not None
    assert similarity.signature(text) == similarity.signature(text.replace("，", ", ").replace("133", "１３３"))
    assert similarity.signature("网格员 44 名") is None
    assert all(0 <= v < 2 ** 32 for v in similarity.signature(text))
