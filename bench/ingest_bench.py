#!/usr/bin/env python
"""Bulk ingest throughput: ``manage.py ingest`` of a folder of pages with 1 and with 2 worker processes.

    .venv/bin/python bench/ingest_bench.py [--pages 500] [--workers 1,2] [--keep DIR]

Builds --pages distinct pages from the seed and written pages in fixtures/ (each made unique by a line naming
its number, so none is refused as a duplicate), then, in an embedded PostgreSQL under a temporary
GOVDASH_VAR_DIR (never the dev database), runs the real command once per --workers value on its own copy of
the pages, and reports pages/s: over the whole command (start-up and registration included) and over the
processing phase the command's progress bar measures. Goal: 2 workers at least 1.7× the pages/s of 1.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from dashboard_bench import PY, bench_env, log, setup_django  # noqa: E402

GOAL_SPEEDUP = 1.7


def make_pages(folder: Path, count: int, salt: str) -> None:
    sources = sorted((ROOT / "fixtures" / "seeds").glob("*.txt")) + sorted((ROOT / "fixtures" / "eval").glob("*.txt"))
    texts = [path.read_text(encoding="utf-8") for path in sources]
    folder.mkdir(parents=True)
    for number in range(count):
        text = texts[number % len(texts)]
        (folder / f"page-{number:04d}.txt").write_text(f"{text}\n（本报第 {salt}-{number} 版）\n", encoding="utf-8")


def run(env: dict, folder: Path, workers: int) -> dict:
    started = time.perf_counter()
    done = subprocess.run([PY, "manage.py", "ingest", str(folder), "--publication", "江津日报",
                           "--published", "2024-01-15", "--region", "江津区", "--workers", str(workers)],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    pages = done.stdout.count(": issue ")
    rate = re.findall(r"([0-9.]+) pages/s", done.stderr)
    return {"workers": workers, "exit": done.returncode, "pages": pages, "seconds": round(seconds, 1),
            "pages_per_s": round(pages / seconds, 2), "processing_pages_per_s": float(rate[-1]) if rate else None,
            "stderr_tail": done.stderr.strip().splitlines()[-1:] if done.stderr.strip() else []}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--keep", type=Path, help="build into DIR and keep it")
    args = parser.parse_args()
    var_dir = (args.keep or Path(tempfile.mkdtemp(prefix="govdash-ingest-bench-"))).resolve()
    if var_dir == (ROOT / "var").resolve():
        raise SystemExit("refusing to use the project's own var/ directory")
    var_dir.mkdir(parents=True, exist_ok=True)
    var_dir.chmod(0o755)
    env = bench_env(var_dir)
    setup_django(env)
    from django.core.management import call_command

    from govdash import embedded_pg

    results = []
    try:
        call_command("migrate", verbosity=0, interactive=False)
        call_command("load_reference", verbosity=0)
        from django.db import connections

        from reports.models import NewsletterIssue

        connections.close_all()
        for workers in [int(w) for w in args.workers.split(",")]:
            folder = var_dir / f"pages-{workers}"
            make_pages(folder, args.pages, salt=f"w{workers}")
            log(f"ingest of {args.pages} pages with {workers} worker(s)")
            result = run(env, folder, workers)
            result["issues_done"] = NewsletterIssue.objects.filter(status="done",
                                                                   original_name__startswith="page-").count()
            connections.close_all()
            log(str(result))
            results.append(result)
    finally:
        from django.db import connections

        connections.close_all()
        embedded_pg.stop()
        if not args.keep:
            shutil.rmtree(var_dir, ignore_errors=True)

    import os

    print(f"\n{args.pages} pages, {os.cpu_count()} CPUs")
    print(f"  {'workers':>7s} {'seconds':>8s} {'pages/s':>8s} {'processing pages/s':>19s} {'exit':>5s}")
    for r in results:
        print(f"  {r['workers']:7d} {r['seconds']:8.1f} {r['pages_per_s']:8.2f} "
              f"{r['processing_pages_per_s'] or 0:19.2f} {r['exit']:5d}")
    ok = all(r["exit"] == 0 and r["pages"] == args.pages for r in results)
    if len(results) >= 2 and results[0]["workers"] == 1:
        speedup = results[-1]["pages_per_s"] / results[0]["pages_per_s"]
        print(f"  {results[-1]['workers']} workers / 1 worker: {speedup:.2f}× "
              f"(goal ≥ {GOAL_SPEEDUP}×: {'met' if speedup >= GOAL_SPEEDUP else 'NOT met'})")
        ok = ok and speedup >= GOAL_SPEEDUP
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
