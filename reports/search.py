"""Chinese full-text search: jieba-segmented text in a PostgreSQL tsvector (the 'simple' configuration).

PostgreSQL has no Chinese parser; segmenting with jieba first and letting the 'simple' configuration index the
space-separated words gives word-level search. Documents are segmented in search mode (long words also yield
their parts, 微网格 → 网格), queries in accurate mode, so a query word is always found among a document's words.

Also the subdistrict keyword profile: TF-IDF over a place's articles with jieba's segmentation and IDF table.
"""

from __future__ import annotations

import functools
import re
import tempfile
import threading
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db.models import F, Value
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

MAX_QUERY_CHARS = 100
WORD = re.compile(r"\w", re.UNICODE)
CJK = re.compile(r"[\u3400-\u9fff]")


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


def query_words(query: str) -> list[str]:
    """The words of a query, in accurate mode, without punctuation; '网格 治理' and '网格治理' both work."""
    words = []
    for word in _jieba().cut(query[:MAX_QUERY_CHARS]):
        word = word.strip().lower()
        if word and WORD.search(word) and word not in words:
            words.append(word)
    return words


def index_articles(articles) -> None:
    """Fill the search vectors of the given articles and of their initiatives."""
    from reports.models import Article, Initiative

    ids = []
    for article in articles:
        ids.append(article.pk)
        Article.objects.filter(pk=article.pk).update(
            search_vector=SearchVector(Value(segment(f"{article.title}\n{article.text}")), config="simple")
        )
    for pk, name, category, evidence in Initiative.objects.filter(article_id__in=ids).values_list(
            "pk", "name", "category", "evidence"):
        Initiative.objects.filter(pk=pk).update(
            search_vector=SearchVector(Value(segment(f"{name}\n{category}\n{evidence}")), config="simple")
        )


# ---------------------------------------------------------------------------------------------------------------
# Queries


@dataclass
class Hit:
    kind: str
    id: int
    title: str
    snippet: SafeString
    url: str
    meta: str
    place: str
    year: int | None


@dataclass
class Results:
    words: list[str]
    hits: list[Hit]
    total: int
    capped: bool
    page: int
    pages: int


# A very common word matches most articles; ranking all of them costs more than the page itself. Past this many
# matches the newest ones are ranked and the page says so.
COUNT_CAP = 1000


def _candidates(queryset, words: list[str], *, phrase: bool) -> tuple[SearchQuery, list[int]]:
    """Ids of the newest matches (at most ``COUNT_CAP`` + 1): the phrase (微网格 as 微 <-> 网格) when it occurs,
    otherwise every word anywhere.

    A reader who types 微网格 means the word, not any text with 微 somewhere and 网格 elsewhere; words the
    reader separated with spaces are matched anywhere. plainto/phraseto_tsquery take plain text, so no
    operator syntax reaches PostgreSQL from the reader.
    """
    modes = ("phrase", "plain") if phrase and len(words) > 1 else ("plain",)
    for mode in modes:
        query = SearchQuery(" ".join(words), config="simple", search_type=mode)
        ids = list(queryset.filter(search_vector=query).order_by("-pk")
                   .values_list("pk", flat=True)[:COUNT_CAP + 1])
        if ids or mode == "plain":
            return query, ids
    raise AssertionError("unreachable")


def _ranked_page(model, query: SearchQuery, ids: list[int], *, page: int, per_page: int, fields: tuple):
    total = min(len(ids), COUNT_CAP)
    pages = max(1, -(-total // per_page))
    page = min(page, pages)
    rows = list(model.objects.filter(pk__in=ids[:COUNT_CAP])
                .annotate(rank=SearchRank(F("search_vector"), query, cover_density=True))
                .order_by("-rank", "-pk").values(*fields)[(page - 1) * per_page: page * per_page])
    return rows, total, len(ids) > COUNT_CAP, page, pages


def search_articles(*, words: list[str], filters, page: int = 1, per_page: int = 20, phrase: bool = True) -> Results:
    from reports.models import Article
    from reports.selectors import article_url_template

    if not words:
        return Results(words=words, hits=[], total=0, capped=False, page=1, pages=1)
    query, ids = _candidates(filters.articles(), words, phrase=phrase)
    rows, total, capped, page, pages = _ranked_page(
        Article, query, ids, page=page, per_page=per_page,
        fields=("id", "title", "text", "year", "subdistrict__name", "district__name", "issue__publication__name",
                "issue__published"))
    url = article_url_template()
    hits = [Hit(kind="article", id=r["id"], title=r["title"] or f"#{r['id']}", snippet=snippet(r["text"], words),
                url=url.format(r["id"]), place=r["subdistrict__name"] or r["district__name"] or "", year=r["year"],
                meta=" ".join(filter(None, [r["issue__publication__name"],
                                            r["issue__published"].isoformat() if r["issue__published"] else ""])))
            for r in rows]
    return Results(words=words, hits=hits, total=total, capped=capped, page=page, pages=pages)


def search_initiatives(*, words: list[str], filters, page: int = 1, per_page: int = 20,
                       phrase: bool = True) -> Results:
    from reports.models import Initiative
    from reports.selectors import article_url_template

    if not words:
        return Results(words=words, hits=[], total=0, capped=False, page=1, pages=1)
    query, ids = _candidates(filters.initiatives(), words, phrase=phrase)
    rows, total, capped, page, pages = _ranked_page(
        Initiative, query, ids, page=page, per_page=per_page,
        fields=("id", "name", "category", "evidence", "year", "article_id", "subdistrict__name", "district__name",
                "article__issue__publication__name", "article__issue__published"))
    url = article_url_template()
    hits = [Hit(kind="initiative", id=r["id"], title=r["name"], snippet=snippet(r["evidence"], words),
                url=url.format(r["article_id"]) + f"?initiative={r['id']}#initiative-{r['id']}",
                place=r["subdistrict__name"] or r["district__name"] or "", year=r["year"],
                meta=" ".join(filter(None, [r["category"], r["article__issue__publication__name"],
                                            r["article__issue__published"].isoformat()
                                            if r["article__issue__published"] else ""])))
            for r in rows]
    return Results(words=words, hits=hits, total=total, capped=capped, page=page, pages=pages)


def snippet(text: str, words: list[str], *, width: int = 110) -> SafeString:
    """A window of ``text`` around the first match, the whole query and each query word wrapped in <mark>."""
    text = text or ""
    if not words:
        return mark_safe(escape(text[:width]))
    terms = sorted({"".join(words), *words}, key=len, reverse=True)
    # Printed pages break lines inside words (微网\n格): allow whitespace between the characters.
    pattern = re.compile("|".join(r"\s*".join(map(re.escape, w)) for w in terms), re.IGNORECASE)
    # Centre on the whole query where it occurs, on any of its words otherwise.
    first = re.search(r"\s*".join(map(re.escape, terms[0])), text, re.IGNORECASE) or pattern.search(text)
    start = max(0, (first.start() if first else 0) - width // 3)
    end = min(len(text), start + width)
    window = text[start:end].replace("\n", " ")
    parts, position = [], 0
    for match in pattern.finditer(window):
        parts.append(escape(window[position:match.start()]))
        parts.append(f"<mark>{escape(match.group(0))}</mark>")
        position = match.end()
    parts.append(escape(window[position:]))
    return mark_safe(("…" if start > 0 else "") + "".join(parts) + ("…" if end < len(text) else ""))


# ---------------------------------------------------------------------------------------------------------------
# Keyword profile

# Words a governance report uses everywhere; jieba's IDF (from general text) does not discount them enough.
STOPWORDS = set("""
开展 工作 进行 推进 持续 全面 积极 不断 进一步 实现 提升 加强 推动 坚持 围绕 打造
深入 有效 相关 通过 以及 按照 结合 同时 目前 今年 去年 其中 我们 他们 这个 一个 一些
没有 已经 还是 就是 以来 方面 作为 成为 自己 可以 需要 表示 介绍 负责人 部门 街道
社区 区委 区政府 全区 全市 辖区 同志 有限公司 重庆 重庆市 多个 实施 建立 组织 开展了
着力 聚焦 统筹 深化 落实 强化
""".split())
_profile_cache: dict[tuple, list[tuple[str, float]]] = {}
_profile_lock = threading.Lock()


@functools.cache
def _idf_index():
    """jieba's IDF table as sorted word hashes beside their IDFs, and the default IDF for unlisted words.

    Parsing the 6 MB file took about 0.3 s, which made every first view of a subdistrict page slow; held as a
    dict of its 270,000 words it would cost each worker some 30 MB. Two arrays of 64-bit hashes and IDFs take
    about 4 MB, are built once per process (in the gunicorn master before it forks, see gunicorn.conf.py), and
    a lookup is one binary search. Words are hashed as UTF-8 bytes: str hashes cover a string's internal
    bytes, so "of" and 景 (U+666F) hash alike. Two words sharing a 64-bit hash is too unlikely to matter.
    """
    import numpy as np

    path = Path(_jieba().__file__).parent / "analyse" / "idf.txt"
    hashes, values = [], []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            word, _space, idf = line.rstrip("\n").partition(" ")
            if idf:
                hashes.append(hash(word.encode()))
                values.append(float(idf))
    # The default is the median of the table's first 20,000 entries, as it has always been.
    head = sorted(values[:20_000])
    median = head[len(head) // 2] if head else 10.0
    keys, idfs = np.array(hashes, dtype=np.int64), np.array(values, dtype=np.float64)
    order = np.argsort(keys, kind="stable")
    keys, idfs = keys[order], idfs[order]
    # A word listed twice keeps its last IDF.
    last = np.append(keys[1:] != keys[:-1], True) if len(keys) else np.zeros(0, dtype=bool)
    return keys[last], idfs[last], median


def _idf_of(words: list[str]) -> list[float]:
    """IDF of each word, the table's default for a word it does not list."""
    import numpy as np

    keys, idfs, default = _idf_index()
    if not words or not len(keys):
        return [default] * len(words)
    wanted = np.fromiter((hash(w.encode()) for w in words), dtype=np.int64, count=len(words))
    at = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
    return np.where(keys[at] == wanted, idfs[at], default).tolist()


def keyword_profile(texts, *, exclude: set[str] = frozenset(), top: int = 20,
                    cache_key: tuple | None = None) -> list[tuple[str, float]]:
    """The ``top`` terms of ``texts`` by TF-IDF (jieba segmentation, jieba's IDF), numbers and stopwords removed.

    ``texts`` may be a function returning them, called only when ``cache_key`` is not cached yet.
    """
    if cache_key is not None and cache_key in _profile_cache:
        return _profile_cache[cache_key]
    if callable(texts):
        texts = texts()
    counts: Counter[str] = Counter()
    for text in texts:
        for word in _jieba().cut(text):
            if len(word) >= 2 and CJK.search(word) and word not in STOPWORDS and word not in exclude:
                counts[word] += 1
    total = sum(counts.values()) or 1
    words = list(counts)
    scored = sorted(((w, counts[w] / total * idf) for w, idf in zip(words, _idf_of(words), strict=True)),
                    key=lambda item: (-item[1], item[0]))
    result = [(w, s) for w, s in scored[:top]]
    if cache_key is not None:
        with _profile_lock:
            if len(_profile_cache) > 500:
                _profile_cache.clear()
            _profile_cache[cache_key] = result
    return result

