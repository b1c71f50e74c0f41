"""Chinese full-text search: jieba-segmented text in a PostgreSQL tsvector (the 'simple' configuration).

PostgreSQL has no Chinese parser; segmenting with jieba first and letting the
'simple' configuration index the space-separated words gives word-level search.
"""

import functools
import tempfile

from django.contrib.postgres.search import SearchVector
from django.db.models import Value


@functools.cache
def _jieba():
    import jieba

    # jieba writes its cache to a shared /tmp/jieba.cache by default.
    jieba.dt.tmp_dir = tempfile.mkdtemp(prefix="govdash-jieba-")
    jieba.setLogLevel(60)
    jieba.initialize()
    return jieba


def segment(text: str) -> str:
    return " ".join(w for w in _jieba().cut_for_search(text) if w.strip())


def index_articles(articles) -> None:
    from reports.models import Article

    for article in articles:
        Article.objects.filter(pk=article.pk).update(
            search_vector=SearchVector(Value(segment(f"{article.title}\n{article.text}")), config="simple")
        )
