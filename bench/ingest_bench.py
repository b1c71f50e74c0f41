#!/usr/bin/env python
"""Bulk ingest throughput: ``manage.py ingest`` of a folder of pages with 1 and with 2 worker processes.

    .venv/bin/python bench/ingest_bench.py [--pages 500] [--workers 1,2] [--repeat 1] [--keep DIR]

Builds --pages distinct pages from the seed and written pages in fixtures/ (each made unique by a line naming
its number, so none is refused as a duplicate), then, in an embedded PostgreSQL under a temporary
GOVDASH_VAR_DIR (never the dev database), runs the real command once per --workers value (--repeat rounds,
alternating) on the same pages, each run in a fresh copy of one migrated database, so every run starts from
the same state and does the same work.

Each run is split the way the command reports it: registration (the command's own process reads, hashes and
records every file), start-up (worker processes started and warmed up: Django, the jieba dictionary, the fork
server with the extractor loaded; a fixed cost, not per page) and processing (from every worker ready to the
last page stored). Goal: 2 workers process at least 1.7× the pages/s of 1; whole-command pages/s (everything
included) is printed beside it.

The machine is shared: the CPU time other processes took during each run is measured (all CPU time less this
run's own processes and its PostgreSQL backends) and printed, since a run that had to share its cores says
less about the code than about its neighbours.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

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


# ---------------------------------------------------------------------------------------------------------------
# CPU accounting on a shared machine


def become_subreaper() -> bool:
    """Adopt orphaned descendants (each worker's fork server outlives its worker by a moment), so that their CPU
    time reaches this process's children's usage once reaped. Linux only; elsewhere that time goes uncounted."""
    try:
        return ctypes.CDLL(None).prctl(36, 1, 0, 0, 0) == 0  # PR_SET_CHILD_SUBREAPER
    except (AttributeError, OSError):
        return False


def reap_orphans(timeout: float = 5) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            pid, _status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            time.sleep(0.05)


def children_cpu() -> float:
    usage = os.times()
    return usage.children_user + usage.children_system


def postgres_cpu() -> float:
    """CPU time of the embedded server: the postmaster, its live processes and its ended backends."""
    import psutil

    from govdash import embedded_pg

    postmaster = psutil.Process(embedded_pg._postmaster_info().pid)
    times = postmaster.cpu_times()
    total = times.user + times.system + times.children_user + times.children_system
    for child in postmaster.children():
        try:
            child_times = child.cpu_times()
        except psutil.Error:
            continue
        total += child_times.user + child_times.system
    return total


def machine_cpu() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine so far, from /proc/stat."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    ticks = os.sysconf("SC_CLK_TCK")
    idle = fields[3] + fields[4]
    return (sum(fields) - idle) / ticks, sum(fields) / ticks


# ---------------------------------------------------------------------------------------------------------------
# Runs


def copy_database(socket_dir: str, name: str, *, drop: bool = False) -> None:
    import psycopg2
    from psycopg2 import sql

    connection = psycopg2.connect(host=socket_dir, dbname="postgres", user="postgres")
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
            if not drop:
                cursor.execute(sql.SQL("CREATE DATABASE {} TEMPLATE govdash").format(sql.Identifier(name)))
    finally:
        connection.close()


def stored_issues(socket_dir: str, name: str) -> int:
    import psycopg2

    connection = psycopg2.connect(host=socket_dir, dbname=name, user="postgres")
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM reports_newsletterissue WHERE status = 'done'")
            return cursor.fetchone()[0]
    finally:
        connection.close()


def number(pattern: str, text: str) -> float | None:
    found = re.findall(pattern, text)
    return float(found[-1]) if found else None


def run(env: dict, socket_dir: str, folder: Path, workers: int, label: str) -> dict:
    database = f"bench_{label}"
    copy_database(socket_dir, database)
    run_env = {**env, "DATABASE_URL": f"postgres://postgres@/{database}?host={quote(socket_dir, safe='')}"}
    cpu_before, pg_before, machine_before = children_cpu(), postgres_cpu(), machine_cpu()
    started = time.perf_counter()
    done = subprocess.run([PY, "manage.py", "ingest", str(folder), "--publication", "江津日报",
                           "--published", "2024-01-15", "--region", "江津区", "--workers", str(workers)],
                          cwd=ROOT, env=run_env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    reap_orphans()
    ours = (children_cpu() - cpu_before) + (postgres_cpu() - pg_before)
    machine_after = machine_cpu()
    busy, total = machine_after[0] - machine_before[0], machine_after[1] - machine_before[1]
    cpus = os.cpu_count() or 1
    pages = done.stdout.count(": issue ")
    err = done.stderr
    result = {
        "workers": workers, "exit": done.returncode, "pages": pages, "stored": stored_issues(socket_dir, database),
        "seconds": seconds, "pages_per_s": pages / seconds,
        "registration_s": number(r"registered \d+ files in ([0-9.]+) s", err),
        "startup_s": number(r"ready in ([0-9.]+) s", err),
        "startup_waited_s": number(r"\(([0-9.]+) s of it after registration\)", err),
        "processing_s": number(r"pages in ([0-9.]+) s after start-up", err),
        "processing_pages_per_s": number(r"after start-up, ([0-9.]+) pages/s", err),
        "cpu_s_per_page": ours / max(pages, 1),
        "ours_pct": 100 * ours / seconds,
        # Busy time of all CPUs as a share of one CPU, like top: 200% is both cores of a 2-core machine.
        "others_pct": 100 * max(0.0, busy - ours) / total * cpus,
        "stderr_tail": err.strip().splitlines()[-3:],
    }
    if not env.get("BENCH_KEEP_DATABASES"):
        copy_database(socket_dir, database, drop=True)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--repeat", type=int, default=1, help="rounds of runs, alternating the worker counts")
    parser.add_argument("--keep", type=Path, help="build into DIR and keep it (and each run's database)")
    args = parser.parse_args()
    var_dir = (args.keep or Path(tempfile.mkdtemp(prefix="govdash-ingest-bench-"))).resolve()
    if var_dir == (ROOT / "var").resolve():
        raise SystemExit("refusing to use the project's own var/ directory")
    var_dir.mkdir(parents=True, exist_ok=True)
    var_dir.chmod(0o755)
    env = bench_env(var_dir)
    if args.keep:
        env["BENCH_KEEP_DATABASES"] = "1"
    setup_django(env)
    from django.core.management import call_command
    from django.db import connections

    from govdash import embedded_pg

    counts = [int(w) for w in args.workers.split(",")]
    results = []
    try:
        call_command("migrate", verbosity=0, interactive=False)
        call_command("load_reference", verbosity=0)
        connections.close_all()  # the template database must have no connection
        socket_dir = embedded_pg.ensure_running()
        # After the server started: only the ingest runs' own descendants are adopted.
        counted = become_subreaper()
        folder = var_dir / "pages"
        if not folder.exists():
            make_pages(folder, args.pages, salt="bench")
        for round_number in range(args.repeat):
            order = counts if round_number % 2 == 0 else list(reversed(counts))
            for workers in order:
                log(f"round {round_number + 1}: ingest of {args.pages} pages with {workers} worker(s)")
                result = run(env, socket_dir, folder, workers, label=f"{round_number}_{workers}")
                log(str({k: round(v, 2) if isinstance(v, float) else v for k, v in result.items()}))
                results.append(result)
    finally:
        connections.close_all()
        embedded_pg.stop()
        if not args.keep:
            shutil.rmtree(var_dir, ignore_errors=True)

    print(f"\n{args.pages} pages, {os.cpu_count()} CPUs, PostgreSQL on the same machine; every run on a fresh copy "
          "of the same database")
    print(f"  {'workers':>7s} {'registration s':>14s} {'start-up s':>10s} {'waited s':>8s} {'processing s':>12s} "
          f"{'pages/s':>8s} {'whole s':>8s} {'whole pages/s':>13s} {'CPU s/page':>10s} {'ours %':>7s} "
          f"{'others %':>8s} {'stored':>6s} {'exit':>4s}")
    for r in results:
        print(f"  {r['workers']:7d} {r['registration_s'] or 0:14.1f} {r['startup_s'] or 0:10.1f} "
              f"{r['startup_waited_s'] or 0:8.1f} "
              f"{r['processing_s'] or 0:12.1f} {r['processing_pages_per_s'] or 0:8.2f} {r['seconds']:8.1f} "
              f"{r['pages_per_s']:13.2f} {r['cpu_s_per_page']:10.3f} {r['ours_pct']:7.0f} {r['others_pct']:8.0f} "
              f"{r['stored']:6d} {r['exit']:4d}")
    print("  pages/s: processing only, from every worker ready to the last page. start-up (worker processes, "
          "Django, jieba\n  dictionary, fork server with the extractor) is a fixed cost per run, shown apart: "
          "with 2 workers it runs beside\n  registration (serial, in the command's own process), and waited s "
          "is the part of it the run still waited for.\n  whole: the command from exec to exit, everything "
          "included.")
    if not counted:
        print("  (CPU of the workers' fork servers is not counted on this system: CPU s/page and ours % are low)")
    print("  ours %: this run's processes and PostgreSQL backends; others %: every other process on the machine "
          f"(100% = one CPU of {os.cpu_count()}).")
    ok = all(r["exit"] == 0 and r["pages"] == args.pages and r["stored"] == args.pages for r in results)
    if 1 in counts and len(counts) >= 2:
        def median(workers: int, key: str) -> float:
            return statistics.median(r[key] or 0 for r in results if r["workers"] == workers)

        for workers in [w for w in counts if w != 1]:
            if not median(1, "processing_pages_per_s"):
                print("  no processing rate in the command's output: see the runs' stderr above")
                ok = False
                break
            speedup = median(workers, "processing_pages_per_s") / median(1, "processing_pages_per_s")
            whole = median(workers, "pages_per_s") / median(1, "pages_per_s")
            runs = f" (medians of {args.repeat} runs each)" if args.repeat > 1 else ""
            print(f"  {workers} workers / 1 worker{runs}: {speedup:.2f}× processing pages/s "
                  f"(goal ≥ {GOAL_SPEEDUP}×: {'met' if speedup >= GOAL_SPEEDUP else 'NOT met'}), "
                  f"{whole:.2f}× whole command")
            ok = ok and speedup >= GOAL_SPEEDUP
        crowded = [r for r in results if r["others_pct"] > 25]
        if crowded:
            print(f"  note: other processes took more than a quarter of a CPU during {len(crowded)} of "
                  f"{len(results)} runs (others %): the {os.cpu_count()} CPUs were not all this bench's.")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
