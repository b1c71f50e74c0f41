#!/usr/bin/env python
"""Reader pages under concurrent load, cold and warm, against a static file and a plain Django page; the
full CSV export's speed and memory.

    .venv/bin/python bench/dashboard_bench.py [--facts 1000000 | --places 1000 --articles 50000]
                                              [--years 10] [--metrics 30] [--requests 600] [--urls 24]
                                              [--cold 20] [--concurrency 1,4,8,16] [--workers 2]
                                              [--no-export] [--no-xlsx] [--keep DIR | --reuse DIR]

Builds its own synthetic database in an embedded PostgreSQL under a temporary GOVDASH_VAR_DIR (never the dev
database): every subdistrict of the 重庆市 gazetteer (topped up with synthetic ones when --places asks for
more) × --years years × --metrics metrics of the real catalogue (--facts N picks --places and --articles for
about N facts), spread over articles whose text holds each fact's sentence, with search vectors built by the
real jieba segmentation. About 1% of cells get a second, disagreeing article; some facts are approximate,
split by type, confirmed, corrected or rejected, so the pages do their real work.

It then serves that database with gunicorn (DEBUG off, static files collected, gunicorn.conf.py) on 127.0.0.1
and measures, per page (overview, metric, compare, subdistrict, search):

- cold: the first request after a data change, one at a time, each after its own write;
- warm: --requests GETs drawn from --urls distinct URLs per page, at each --concurrency level, after every URL
  was requested on every worker; beside them a static file (whitenoise) and a plain Django page (the admin's
  login form) from the same server in the same run, and each page's throughput as a ratio to both;
- that a write is visible on the very next request (a warmed subdistrict page after one of its figures changed).

Last, it restarts gunicorn with a single worker for each of the full CSV and XLSX exports, timing rows/s and
sampling that worker's RSS. Everything it started is stopped at the end, and the temporary directory removed
unless --keep is given.

Goals: warm, every page p95 under 60 ms, at least 300 req/s and 0.3× the static file's throughput, with no
errors; cold p95 under 400 ms; the CSV export at least 100k rows/s with peak RSS under 200 MB.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
GOALS = {"p95_ms": 60, "req_per_s": 300, "static_ratio": 0.3, "cold_p95_ms": 400, "rows_per_s": 100_000,
         "rss_mb": 200}


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


# ---------------------------------------------------------------------------------------------------------------
# Environment: a private var dir, so the embedded server, static files and secret key are the bench's own.


def bench_env(var_dir: Path) -> dict:
    env = dict(os.environ)
    env.update({
        "GOVDASH_VAR_DIR": str(var_dir),
        "DEBUG": "0",
        "SECRET_KEY": env.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SETTINGS_MODULE": "govdash.settings",
        "PYTHONPATH": str(ROOT),
        "LOG_LEVEL": "ERROR",
        # Plain HTTP on 127.0.0.1: no redirect to HTTPS (a TLS proxy's job in production).
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
    })
    env.pop("DATABASE_URL", None)  # the bench never touches a configured database
    env.pop("XDG_RUNTIME_DIR", None)
    return env


def setup_django(env: dict) -> None:
    os.environ.update({k: v for k, v in env.items() if k in (
        "GOVDASH_VAR_DIR", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE", "LOG_LEVEL")})
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("XDG_RUNTIME_DIR", None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings

    assert Path(settings.VAR_DIR) == Path(env["GOVDASH_VAR_DIR"]), "the bench must use its own var dir"
    assert settings.DATABASES["default"]["ENGINE"] == "govdash.db", "the bench uses its own embedded server"


# ---------------------------------------------------------------------------------------------------------------
# Synthetic database

FILLER = [
    "街道坚持以党建引领基层治理，统筹发展和安全，推动各项工作迈上新台阶。",
    "社区网格员常态化开展走访排查，及时发现和化解矛盾纠纷。",
    "聚焦“一老一小”，加快养老服务体系建设，让群众在家门口享受便利服务。",
    "持续优化营商环境，市场主体活力不断增强，经济运行稳中有进。",
    "深化“党建+网格”模式，将党支部建在网格上，打通服务群众“最后一米”。",
    "开展“地毯式”隐患排查和应急演练，守牢安全稳定底线。",
    "推进老旧小区改造和城市更新，群众居住环境持续改善。",
    "引导新就业群体参与社区治理，组建志愿服务队开展微公益活动。",
    "以数字重庆建设为牵引，基层治理指挥中心实现实体化运行。",
    "围绕乡村振兴，发展特色农业和乡村旅游，带动群众增收致富。",
    "建立“一刻钟党群服务圈”，让高频便民服务一键触达。",
    "综治中心统筹网格化治理和信息化运用，共建共治共享格局初步形成。",
]
INITIATIVE_SUFFIXES = ["驿站", "服务圈", "议事厅", "工作室", "先锋队", "幸福食堂", "邻里中心", "红色管家"]
PUBLICATIONS = ["江津日报", "重庆日报", "綦江日报", "渝中报", "江北报"]
# Magnitudes per unit, so values look like the newspapers' (133 网格, 51.03 亿元, 5%).
SCALES = {"个": (20, 3000), "人": (30, 2000), "家": (100, 6000), "台": (5, 400), "亿元": (0.5, 80.0),
          "%": (1.0, 15.0)}


def _value(unit: str, base: float, year_index: int) -> float:
    if unit == "%":
        return round(base * (0.8 + 0.05 * year_index), 1)
    grown = base * (1.06 ** year_index)
    return round(grown, 2) if unit == "亿元" else float(int(grown))


def _fmt(value: float) -> str:
    return f"{value:g}" if value != int(value) else str(int(value))


class Text:
    """An article body built sentence by sentence, handing back each sentence's offsets."""

    def __init__(self):
        self.parts, self.length = [], 0

    def add(self, sentence: str) -> tuple[int, int]:
        start = self.length
        self.parts.append(sentence)
        self.length += len(sentence)
        return start, self.length

    def __str__(self):
        return "".join(self.parts)


def build_database(*, places: int, years: int, metrics: int, articles: int, seed: int = 7) -> dict:
    """Fill the bench database; return counts. Runs inside this process's Django setup."""
    from django.core.management import call_command
    from django.db import connection, transaction

    from reports.models import (
        Article,
        District,
        Fact,
        Initiative,
        Metric,
        NewsletterIssue,
        Publication,
        Subdistrict,
    )
    from reports.search import segment

    rng = random.Random(seed)
    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_reference", verbosity=0)
    subdistricts = list(Subdistrict.objects.select_related("district").order_by("district__admin_code", "admin_code",
                                                                                 "pk"))
    if len(subdistricts) < places:
        district = District.objects.filter(kind="district").order_by("admin_code").first()
        extra = [Subdistrict(name=f"合成{n:04d}街道", short_name=f"合成{n:04d}", district=district)
                 for n in range(places - len(subdistricts))]
        Subdistrict.objects.bulk_create(extra)
        subdistricts = list(Subdistrict.objects.select_related("district").order_by("pk"))
    subdistricts = subdistricts[:places]
    catalogue = list(Metric.objects.order_by("position", "key"))[:metrics]
    if len(catalogue) < metrics:
        raise SystemExit(f"the catalogue has {len(catalogue)} metrics, fewer than --metrics {metrics}")
    first_year = 2024 - years
    log(f"reference data: {len(subdistricts)} subdistricts, {len(catalogue)} metrics, years {first_year}–2023")

    publications = [Publication.objects.get_or_create(name=name)[0] for name in PUBLICATIONS]
    pairs = [(place, first_year + y) for place in subdistricts for y in range(years)]
    per_pair = max(1, articles // len(pairs))
    per_issue = 10
    issue_count = -(-len(pairs) * per_pair // per_issue)
    issues = [NewsletterIssue(publication=publications[n % len(publications)],
                              published=date(first_year + 1 + (n % years), 1 + n % 12, 1 + n % 28),
                              original_name=f"bench-{n}.txt", sha256=f"{n:064x}",
                              status=NewsletterIssue.Status.DONE) for n in range(issue_count)]
    NewsletterIssue.objects.bulk_create(issues, batch_size=5000)

    bases = {(p.pk, m.pk): rng.uniform(*SCALES.get(m.unit, (10, 1000))) for p in subdistricts for m in catalogue}
    article_rows, fact_rows, initiative_rows, vectors = [], [], [], []
    article_number = 0
    with transaction.atomic():
        for place, year in pairs:
            chunks = [catalogue[i::per_pair] for i in range(per_pair)]
            for chunk in chunks:
                issue = issues[article_number // per_issue]
                position = article_number % per_issue
                article_number += 1
                text, facts = Text(), []
                add = text.add
                add(f"{year}年，{place.name}{rng.choice(FILLER)}")
                for metric in chunk:
                    value = _value(metric.unit, bases[(place.pk, metric.pk)], year - first_year)
                    roll = rng.random()
                    qualifier = "about" if roll < 0.06 else ("over" if roll < 0.10 else "exact")
                    mark = {"about": "近", "over": "超"}.get(qualifier, "")
                    if metric.unit != "%" and metric.key in ("elderly_care_sites", "grid_workers") and roll > 0.8:
                        first = max(1.0, float(int(value * 0.7)))
                        parts = [("社区养老服务站" if metric.key == "elderly_care_sites" else "专职", first),
                                 ("中心敬老院" if metric.key == "elderly_care_sites" else "兼职", value - first)]
                    else:
                        parts = [("", value)]
                    for note, part in parts:
                        number = f"{mark}{_fmt(part)}"
                        sentence = f"{place.short_name or place.name}{note}{metric.name_zh}{number}{metric.unit}。"
                        start, end = add(sentence)
                        value_start = start + sentence.index(number)
                        facts.append(dict(metric=metric, value=part, qualifier=qualifier, note=note,
                                          evidence=sentence, start=start, end=end, value_start=value_start,
                                          value_end=value_start + len(number)))
                    add(rng.choice(FILLER))
                others = [m for c in chunks if c is not chunk for m in c]
                if others and rng.random() < 0.01 * len(chunk):
                    # This article gives another figure for a metric a sibling article of the same place and
                    # year reports: a real cross-article conflict, with its own sentence.
                    metric = rng.choice(others)
                    value = _value(metric.unit, bases[(place.pk, metric.pk)], year - first_year)
                    number = _fmt(round(value * 1.05 + 1, 2) if metric.unit in ("亿元", "%") else value + 7)
                    sentence = f"另据统计，{place.short_name or place.name}{metric.name_zh}{number}{metric.unit}。"
                    start, end = add(sentence)
                    value_start = start + sentence.index(number)
                    facts.append(dict(metric=metric, value=float(number), qualifier="exact", note="",
                                      evidence=sentence, start=start, end=end, value_start=value_start,
                                      value_end=value_start + len(number)))
                initiative_name = f"{place.short_name or place.name[:2]}{rng.choice(INITIATIVE_SUFFIXES)}"
                sentence = f"打造“{initiative_name}”，为基层治理注入新活力。"
                i_start, i_end = add(sentence)
                add(rng.choice(FILLER))
                title = f"{place.name}{year}年{rng.choice(['基层治理', '民生实事', '经济发展', '党建引领'])}工作综述"
                text = str(text)
                article_rows.append(Article(issue=issue, position=position, title=title, text=text,
                                            subdistrict=place, district=place.district, year=year))
                fact_rows.append(facts)
                initiative_rows.append(dict(name=initiative_name, evidence=sentence, start=i_start, end=i_end,
                                            place=place, year=year))
                vectors.append(f"{title}\n{text}")
        log(f"generated {len(article_rows)} articles in memory; inserting")
        Article.objects.bulk_create(article_rows, batch_size=5000)
        facts_out, initiatives_out = [], []
        for article, facts, initiative in zip(article_rows, fact_rows, initiative_rows, strict=True):
            place = article.subdistrict
            for fact in facts:
                roll = rng.random()
                status = ("rejected" if roll < 0.005 else "corrected" if roll < 0.01 else
                          "confirmed" if roll < 0.03 else "auto")
                facts_out.append(Fact(subdistrict=place, district=place.district, year=article.year,
                                      metric=fact["metric"], label=fact["metric"].name_zh, value=fact["value"],
                                      unit=fact["metric"].unit, qualifier=fact["qualifier"], note=fact["note"],
                                      article=article, evidence=fact["evidence"], start=fact["start"],
                                      end=fact["end"], value_start=fact["value_start"], value_end=fact["value_end"],
                                      review_status=status, extractor_version="bench"))
            initiatives_out.append(Initiative(subdistrict=place, district=place.district, year=initiative["year"],
                                              name=initiative["name"], category="党建引领", article=article,
                                              evidence=initiative["evidence"], start=initiative["start"],
                                              end=initiative["end"], extractor_version="bench"))
        Fact.objects.bulk_create(facts_out, batch_size=10_000)
        Initiative.objects.bulk_create(initiatives_out, batch_size=10_000, ignore_conflicts=True)
    log(f"inserted {len(facts_out)} facts and {len(initiatives_out)} initiatives; segmenting text for search")

    # Search vectors through the real segmentation, loaded with COPY and set in one UPDATE.
    import io

    seg_started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMP TABLE bench_vectors (id bigint, words text)")
        buffer = io.StringIO()
        for article, text in zip(article_rows, vectors, strict=True):
            words = segment(text).replace("\\", " ").replace("\t", " ").replace("\n", " ")
            buffer.write(f"{article.pk}\t{words}\n")
        buffer.seek(0)
        cursor.copy_expert("COPY bench_vectors FROM STDIN", buffer)
        cursor.execute("UPDATE reports_article a SET search_vector = to_tsvector('simple', v.words) "
                       "FROM bench_vectors v WHERE a.id = v.id")
        cursor.execute("TRUNCATE bench_vectors")
        buffer = io.StringIO()
        for pk, name, category, evidence in Initiative.objects.values_list("pk", "name", "category", "evidence"):
            words = segment(f"{name}\n{category}\n{evidence}").replace("\t", " ").replace("\n", " ")
            buffer.write(f"{pk}\t{words}\n")
        buffer.seek(0)
        cursor.copy_expert("COPY bench_vectors FROM STDIN", buffer)
        cursor.execute("UPDATE reports_initiative i SET search_vector = to_tsvector('simple', v.words) "
                       "FROM bench_vectors v WHERE i.id = v.id")
        cursor.execute("DROP TABLE bench_vectors")
    with connection.cursor() as cursor:
        connection.set_autocommit(True)
        cursor.execute("VACUUM ANALYZE")
    log(f"search vectors in {time.perf_counter() - seg_started:.0f} s")
    counts = {"subdistricts": len(subdistricts), "metrics": len(catalogue), "years": years,
              "articles": Article.objects.count(), "facts": Fact.objects.count(),
              "visible_facts": Fact.objects.exclude(review_status="rejected").count(),
              "initiatives": Initiative.objects.count(), "build_s": round(time.perf_counter() - started, 1)}
    return counts


# ---------------------------------------------------------------------------------------------------------------
# Server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gunicorn:
    def __init__(self, env: dict, *, workers: int):
        self.env, self.workers, self.port = env, workers, free_port()
        self.process: subprocess.Popen | None = None

    def __enter__(self):
        self.log = open(Path(self.env["GOVDASH_VAR_DIR"]) / f"gunicorn-{self.port}.log", "w")
        self.process = subprocess.Popen(
            [str(Path(PY).parent / "gunicorn"), "govdash.wsgi", "--config", str(ROOT / "gunicorn.conf.py"),
             "--bind", f"127.0.0.1:{self.port}", "--workers", str(self.workers), "--timeout", "120", "--preload",
             "--log-level", "warning"],
            cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited; see {self.log.name}")
            try:
                status, _body, _ms = request(self.port, "/metrics/")
                if status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.3)
        raise SystemExit("gunicorn did not answer within 60 s")

    def worker_pids(self) -> list[int]:
        import psutil

        return [child.pid for child in psutil.Process(self.process.pid).children()]

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


def request(port: int, path: str, *, sink=None) -> tuple[int, int, float]:
    """GET path; return (status, bytes read, milliseconds to the last byte)."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        connection.request("GET", path, headers={"Accept-Language": "zh-CN"})
        response = connection.getresponse()
        size = 0
        while chunk := response.read(1 << 16):
            size += len(chunk)
            if sink is not None:
                sink(chunk)
        return response.status, size, (time.perf_counter() - started) * 1000
    finally:
        connection.close()


# ---------------------------------------------------------------------------------------------------------------
# Load


PAGES = ("overview", "metric", "compare", "subdistrict", "search")
# Baselines served by the same gunicorn in the same run: a static file (whitenoise) and a plain Django page
# that the page cache does not touch (the admin's login form).
STATIC_URL = "/static/css/govdash.css"
PLAIN_URL = "/admin/login/"


def page_urls(kind: str, rng: random.Random, ctx: dict) -> str:
    if kind == "overview":
        return rng.choice(["/", "/", f"/?page={rng.randint(2, ctx['overview_pages'])}",
                           f"/?district={rng.choice(ctx['districts'])}", "/?category=grid",
                           f"/?year_from={ctx['first_year'] + 3}&year_to={ctx['first_year'] + 6}"])
    if kind == "metric":
        key = rng.choice(ctx["metrics"])
        return rng.choice([f"/metrics/{key}/", f"/metrics/{key}/?year={rng.randint(ctx['first_year'], 2023)}",
                           f"/metrics/{key}/?view=table&page={rng.randint(1, 50)}",
                           f"/metrics/{key}/?district={rng.choice(ctx['districts'])}"])
    if kind == "compare":
        places = rng.sample(ctx["places"], 4)
        metrics = rng.sample(ctx["metrics"], 3)
        query = [("subdistrict", p) for p in places] + [("metric", m) for m in metrics]
        query += [("year_from", ctx["first_year"]), ("year_to", 2023), ("chart", rng.choice(["bar", "line"]))]
        return "/compare/?" + urlencode(query)
    if kind == "subdistrict":
        place = rng.choice(ctx["places"])
        return rng.choice([f"/subdistricts/{place}/", f"/subdistricts/{place}/?category=grid",
                           f"/subdistricts/{place}/?year_from={ctx['first_year'] + 3}"])
    if kind == "search":
        word = rng.choice(ctx["words"])
        extra = rng.choice(["", "&kind=initiatives", f"&district={rng.choice(ctx['districts'])}", "&page=2"])
        return f"/search/?q={quote(word)}{extra}"
    if kind == "static":
        return STATIC_URL
    if kind == "plain":
        return PLAIN_URL
    raise ValueError(kind)


def url_pool(kind: str, size: int, seed: int, ctx: dict) -> list[str]:
    """The distinct URLs a page kind is measured on: readers ask for the same views again and again."""
    rng = random.Random(seed)
    urls: list[str] = []
    for _attempt in range(size * 20):
        url = page_urls(kind, rng, ctx)
        if url not in urls:
            urls.append(url)
        if len(urls) >= size:
            break
    return urls


def load(port: int, urls: list[str], *, requests: int, concurrency: int, seed: int) -> dict:
    """``requests`` GETs drawn from ``urls`` by ``concurrency`` threads; a bounded loop on 127.0.0.1."""
    rng = random.Random(seed)
    chosen = [rng.choice(urls) for _ in range(requests)]
    latencies, errors, hits, lock = [], [], [0], threading.Lock()
    position = iter(range(len(chosen)))

    def run():
        while True:
            with lock:
                index = next(position, None)
            if index is None:
                return
            try:
                status, _size, ms, cache = request_full(port, chosen[index])
            except OSError as error:
                with lock:
                    errors.append(f"{chosen[index]}: {error}")
                continue
            with lock:
                latencies.append(ms)
                hits[0] += cache == "hit"
                if status != 200:
                    errors.append(f"{chosen[index]}: HTTP {status}")

    started = time.perf_counter()
    threads = [threading.Thread(target=run) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return {**summary(latencies), "requests": len(chosen), "errors": len(errors), "error_samples": errors[:3],
            "req_per_s": round(len(latencies) / elapsed, 1),
            "cache_hits": round(hits[0] / len(latencies), 3) if latencies else 0}


def summary(latencies: list[float]) -> dict:
    latencies = sorted(latencies)
    if not latencies:
        return {"p50_ms": None, "p95_ms": None, "max_ms": None}
    return {"p50_ms": round(statistics.median(latencies), 1),
            "p95_ms": round(latencies[max(0, -(-len(latencies) * 95 // 100) - 1)], 1),
            "max_ms": round(latencies[-1], 1)}


def request_full(port: int, path: str) -> tuple[int, bytes | int, float, str]:
    """GET path; return (status, bytes read, milliseconds to the last byte, the X-Page-Cache header)."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        connection.request("GET", path, headers={"Accept-Language": "zh-CN"})
        response = connection.getresponse()
        body = response.read()
        return (response.status, len(body), (time.perf_counter() - started) * 1000,
                response.getheader("X-Page-Cache") or "")
    finally:
        connection.close()


def fetch(port: int, path: str) -> tuple[int, str, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        connection.request("GET", path, headers={"Accept-Language": "zh-CN"})
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace"), response.getheader("X-Page-Cache") or ""
    finally:
        connection.close()


def touch_data() -> None:
    """A write the pages must notice (a no-op UPDATE still fires the data-version trigger), committed."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("UPDATE reports_metric SET position = position WHERE id = (SELECT min(id) FROM reports_metric)")


def cold_run(port: int, urls: list[str], *, samples: int, seed: int) -> dict:
    """The first request after a data change, one at a time: each sample follows its own write."""
    rng = random.Random(seed)
    latencies, errors, misses = [], 0, 0
    for _ in range(samples):
        touch_data()
        status, _size, ms, cache = request_full(port, rng.choice(urls))
        latencies.append(ms)
        errors += status != 200
        misses += cache == "miss"
    return {**summary(latencies), "samples": samples, "errors": errors, "misses": misses}


def visibility_check(port: int, workers: int) -> dict:
    """Warm a subdistrict page on every worker, change one of its figures in the database, and look at the very
    next request: it must show the new value."""
    from reports.models import Fact

    fact = (Fact.objects.filter(metric__unit="个", review_status="auto", subdistrict__isnull=False)
            .select_related("subdistrict").order_by("-year", "pk").first())
    path = f"/subdistricts/{fact.subdistrict_id}/"
    for _ in range(workers * 6):
        fetch(port, path)
    status, before, cache_before = fetch(port, path)
    new_value = 4_321
    while str(new_value) in before:
        new_value += 1
    # Every figure of this place, metric and year, so whichever reading the page picks shows the new value.
    Fact.objects.filter(subdistrict=fact.subdistrict_id, metric=fact.metric_id, year=fact.year).update(
        value=new_value, upper_value=None)
    started = time.perf_counter()
    status, after, cache_after = fetch(port, path)
    ms = (time.perf_counter() - started) * 1000
    return {"path": path, "warm_before": cache_before, "status": status, "next_request": cache_after,
            "visible": str(new_value) in after, "ms": round(ms, 1)}


class PeakRss:
    """Sample one process's resident memory every 10 ms while the block runs; ``peak`` holds the highest."""

    def __init__(self, pid: int):
        import psutil

        self._process = psutil.Process(pid)
        self._missing = psutil.NoSuchProcess
        self.idle = self.peak = self._process.memory_info().rss
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample)

    def _sample(self):
        while not self._stop.is_set():
            try:
                self.peak = max(self.peak, self._process.memory_info().rss)
            except self._missing:
                return
            time.sleep(0.01)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def figures(self) -> dict:
        return {"worker_idle_rss_mb": round(self.idle / 2**20, 1), "worker_peak_rss_mb": round(self.peak / 2**20, 1)}


def _export(env: dict, path: str, sink) -> tuple[int, int, float, PeakRss]:
    """Download one export from a fresh single-worker server whose worker has already served a page (a warm
    baseline), sampling that worker's RSS while it streams."""
    with Gunicorn(env, workers=1) as server:
        request(server.port, "/metrics/")
        [pid] = server.worker_pids()
        with PeakRss(pid) as rss:
            status, size, ms = request(server.port, path, sink=sink)
    return status, size, ms, rss


def export_run(env: dict, expected_rows: int) -> dict:
    """Full CSV export: rows/s, the byte-order mark Excel needs, and the worker's memory."""
    newlines = [0]
    first_bytes = []

    def sink(chunk: bytes):
        if not first_bytes:
            first_bytes.append(chunk[:3])
        newlines[0] += chunk.count(b"\n")

    status, size, ms, rss = _export(env, "/export/facts.csv", sink)
    # Evidence sentences hold no newlines here, so lines = rows + header.
    rows = newlines[0] - 1
    return {"status": status, "rows": rows, "expected_rows": expected_rows, "bytes": size,
            "seconds": round(ms / 1000, 2), "rows_per_s": round(rows / (ms / 1000)),
            "bom": first_bytes[0] == b"\xef\xbb\xbf" if first_bytes else False, **rss.figures()}


def xlsx_run(env: dict, expected_rows: int) -> dict:
    """Full XLSX export: time, the worker's memory, and the rows the file holds."""
    import zipfile

    with tempfile.TemporaryFile() as handle:
        status, size, ms, rss = _export(env, "/export/facts.xlsx", handle.write)
        handle.seek(0)
        rows = 0
        with zipfile.ZipFile(handle) as archive, archive.open("xl/worksheets/sheet1.xml") as sheet:
            tail = b""
            while chunk := sheet.read(1 << 20):
                rows += (tail + chunk).count(b"<row ") - tail.count(b"<row ")
                tail = chunk[-8:]
    return {"status": status, "rows": rows - 1, "expected_rows": expected_rows, "bytes": size,
            "seconds": round(ms / 1000, 2), "rows_per_s": round((rows - 1) / (ms / 1000)), **rss.figures()}


# ---------------------------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--facts", type=int,
                        help="about this many facts (sets --places and --articles for --years × --metrics)")
    parser.add_argument("--places", type=int, default=1000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--metrics", type=int, default=30)
    parser.add_argument("--articles", type=int, default=50_000)
    parser.add_argument("--requests", type=int, default=600, help="measured warm requests per page and level")
    parser.add_argument("--urls", type=int, default=24, help="distinct URLs per page kind")
    parser.add_argument("--cold", type=int, default=20, help="cold samples per page (each after a write)")
    parser.add_argument("--concurrency", default="1,4,8,16",
                        help="client threads; a comma-separated list runs the load once per level")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (one per core here)")
    parser.add_argument("--no-export", action="store_true", help="skip the full CSV and XLSX exports")
    parser.add_argument("--no-xlsx", action="store_true", help="skip the full XLSX export")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--keep", type=Path, help="build into DIR and keep it for --reuse")
    group.add_argument("--reuse", type=Path, help="reuse a database built with --keep")
    args = parser.parse_args()
    if args.facts:
        # Each (place, year) carries one fact per metric, plus about 1% conflicting and some split figures.
        args.places = max(1, -(-args.facts // (args.years * args.metrics)))
        args.articles = max(args.places * args.years, args.facts // 6)

    var_dir = (args.reuse or args.keep or Path(tempfile.mkdtemp(prefix="govdash-bench-"))).resolve()
    if var_dir.resolve() == (ROOT / "var").resolve():
        raise SystemExit("refusing to use the project's own var/ directory")
    var_dir.mkdir(parents=True, exist_ok=True)
    var_dir.chmod(0o755)  # the embedded server runs as its own system user when started by root
    env = bench_env(var_dir)
    setup_django(env)
    from govdash import embedded_pg

    results: dict = {"var_dir": str(var_dir)}
    levels = [int(level) for level in str(args.concurrency).split(",")]
    try:
        if args.reuse:
            from django.core.management import call_command

            from reports.models import Article, Fact, Subdistrict

            call_command("migrate", verbosity=0, interactive=False)
            results["data"] = {"articles": Article.objects.count(), "facts": Fact.objects.count(),
                               "visible_facts": Fact.objects.exclude(review_status="rejected").count(),
                               "subdistricts": Subdistrict.objects.count(), "reused": True}
        else:
            log(f"building the bench database in {var_dir}")
            results["data"] = build_database(places=args.places, years=args.years, metrics=args.metrics,
                                             articles=args.articles)
            subprocess.run([PY, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env,
                           check=True)
        log(f"data: {results['data']}")
        from django.db.models import Max, Min

        from reports.models import District, Fact, Metric, Subdistrict

        ranges = Fact.objects.aggregate(first=Min("year"), last=Max("year"))
        place_ids = list(Subdistrict.objects.filter(facts__isnull=False).distinct().values_list("pk", flat=True))
        ctx = {
            "first_year": ranges["first"],
            "places": place_ids,
            "overview_pages": max(2, len(place_ids) // 30),
            "districts": list(District.objects.filter(subdistricts__facts__isnull=False).distinct()
                              .values_list("pk", flat=True)),
            "metrics": list(Metric.objects.filter(facts__isnull=False).distinct().values_list("key", flat=True)),
            "words": ["网格", "微网格", "养老服务", "党建引领", "市场主体", "基层治理", "驿站", "乡村振兴",
                      "网格 养老", *Subdistrict.objects.filter(pk__in=place_ids[:50]).values_list("name", flat=True)],
        }
        pools = {kind: url_pool(kind, args.urls, 10 + index, ctx) for index, kind in enumerate(PAGES)}
        pools["static"], pools["plain"] = [STATIC_URL], [PLAIN_URL]
        from django.db import connections

        connections.close_all()
        results["load"], results["cold"] = {}, {}
        with Gunicorn(env, workers=args.workers) as server:
            log(f"gunicorn on 127.0.0.1:{server.port} with {args.workers} workers")
            for index, kind in enumerate(PAGES):
                results["cold"][kind] = outcome = cold_run(server.port, pools[kind], samples=args.cold,
                                                           seed=200 + index)
                log(f"cold {kind:11s} p50 {outcome['p50_ms']:7.1f} ms  p95 {outcome['p95_ms']:7.1f} ms  "
                    f"max {outcome['max_ms']:7.1f} ms  misses {outcome['misses']}/{outcome['samples']}  "
                    f"errors {outcome['errors']}")
            log("warming every URL on every worker")
            for index, kind in enumerate((*PAGES, "static", "plain")):
                urls = pools[kind]
                load(server.port, urls, requests=len(urls) * args.workers * 6, concurrency=max(levels),
                     seed=100 + index)
            for level in levels:
                results["load"][level] = {}
                for index, kind in enumerate((*PAGES, "static", "plain")):
                    outcome = load(server.port, pools[kind], requests=args.requests, concurrency=level, seed=index)
                    results["load"][level][kind] = outcome
                    log(f"c={level:<2d} {kind:11s} p50 {outcome['p50_ms']:7.1f} ms  p95 {outcome['p95_ms']:7.1f} ms"
                        f"  max {outcome['max_ms']:7.1f} ms  {outcome['req_per_s']:7.1f} req/s  "
                        f"hits {outcome['cache_hits']:.0%}  errors {outcome['errors']}")
            results["visible"] = visibility_check(server.port, args.workers)
            log(f"write visible on the next request: {results['visible']}")
        if not args.no_export:
            log("full CSV export from a fresh single-worker server")
            results["export"] = export_run(env, Fact.objects.exclude(review_status="rejected").count())
            log(f"export: {results['export']}")
            if not args.no_xlsx:
                log("full XLSX export from a fresh single-worker server")
                results["xlsx"] = xlsx_run(env, results["export"]["expected_rows"])
                log(f"xlsx: {results['xlsx']}")
    finally:
        from django.db import connections

        connections.close_all()
        embedded_pg.stop()
        if not (args.keep or args.reuse):
            shutil.rmtree(var_dir, ignore_errors=True)

    print()
    print(f"data: {results['data']}  (gunicorn workers: {args.workers}, {os.cpu_count()} CPUs)")
    print(f"\ncold: the first request after a write, one at a time (goal p95 < {GOALS['cold_p95_ms']} ms)")
    print(f"  {'page':12s} {'p50 ms':>8s} {'p95 ms':>8s} {'max ms':>8s} {'misses':>7s}")
    ok_cold = True
    for kind, r in results["cold"].items():
        ok = r["p95_ms"] < GOALS["cold_p95_ms"] and r["errors"] == 0
        ok_cold &= ok
        print(f"  {kind:12s} {r['p50_ms']:8.1f} {r['p95_ms']:8.1f} {r['max_ms']:8.1f} {r['misses']:4d}/{r['samples']}"
              f"  {'met' if ok else 'NOT met'}")
    verdicts = {}
    for level, pages in results["load"].items():
        static, plain = pages["static"]["req_per_s"], pages["plain"]["req_per_s"]
        print(f"\nwarm, concurrency {level}  (static file {static:.0f} req/s, plain Django page {plain:.0f} req/s)")
        print(f"  {'page':12s} {'p50 ms':>8s} {'p95 ms':>8s} {'max ms':>8s} {'req/s':>7s} {'×static':>8s} "
              f"{'×plain':>7s} {'hits':>5s} {'errors':>6s}")
        met = []
        for kind, r in pages.items():
            print(f"  {kind:12s} {r['p50_ms']:8.1f} {r['p95_ms']:8.1f} {r['max_ms']:8.1f} {r['req_per_s']:7.1f} "
                  f"{r['req_per_s'] / static:8.2f} {r['req_per_s'] / plain:7.2f} {r['cache_hits']:5.0%} "
                  f"{r['errors']:6d}")
            if kind in PAGES:
                met.append(r["errors"] == 0 and r["p95_ms"] < GOALS["p95_ms"] and r["req_per_s"] >= GOALS["req_per_s"]
                           and r["req_per_s"] >= GOALS["static_ratio"] * static)
        verdicts[level] = all(met)
        print(f"  goal p95 < {GOALS['p95_ms']} ms, ≥ {GOALS['req_per_s']} req/s and ≥ {GOALS['static_ratio']}× the "
              f"static file, no errors: {'met' if verdicts[level] else 'NOT met'}")
    visible = results["visible"]
    print(f"\nwrite visible on the very next request: {'yes' if visible['visible'] else 'NO'} "
          f"({visible['path']}: warm copy was a cache {visible['warm_before']}, next request a cache "
          f"{visible['next_request']}, {visible['ms']} ms)")
    ok_export = True
    if "export" in results:
        export = results["export"]
        ok_export = (export["status"] == 200 and export["rows"] == export["expected_rows"]
                     and export["rows_per_s"] >= GOALS["rows_per_s"] and export["worker_peak_rss_mb"] < GOALS["rss_mb"])
        print(f"\nCSV export  {export['rows']} rows ({export['expected_rows']} visible in the database) in "
              f"{export['seconds']} s = {export['rows_per_s']} rows/s; worker RSS {export['worker_idle_rss_mb']} MB "
              f"idle → {export['worker_peak_rss_mb']} MB peak; goal ≥ {GOALS['rows_per_s']} rows/s and < "
              f"{GOALS['rss_mb']} MB: {'met' if ok_export else 'NOT met'}")
    if "xlsx" in results:
        x = results["xlsx"]
        print(f"XLSX export {x['rows']} rows in {x['seconds']} s = {x['rows_per_s']} rows/s, {x['bytes']} bytes; "
              f"worker RSS {x['worker_idle_rss_mb']} MB idle → {x['worker_peak_rss_mb']} MB peak")
    return 0 if all(verdicts.values()) and ok_cold and ok_export and visible["visible"] else 1


if __name__ == "__main__":
    sys.exit(main())
