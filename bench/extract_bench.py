#!/usr/bin/env python
"""Throughput and peak memory of the extraction pipeline, next to plain jieba.lcut on the same text.

    .venv/bin/python bench/extract_bench.py [--megabytes 5]

The corpus repeats the seed pages (fixtures/seeds, with their manifest's dates and regions) until it holds at
least --megabytes of UTF-8. Each side runs in its own subprocess so that peak RSS (ru_maxrss) is its own;
start-up (gazetteer, jieba dictionary) is timed apart from the per-page work. The two sides run in turn
--repeats times and each is judged by its fastest run: on a shared machine other work only ever adds time, so the
minimum is the steadiest estimate of either's own speed (timeit's reasoning); every run's time is printed as well.
Goal: the pipeline at least as fast as jieba alone, peak memory under 300 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fixtures" / "seeds"


def corpus(megabytes: float) -> list[tuple[str, str | None, str | None]]:
    manifest = json.loads((SEEDS / "manifest.json").read_text(encoding="utf-8"))
    pages = [((SEEDS / e["file"]).read_text(encoding="utf-8"), e.get("published"), e.get("region"))
             for e in manifest["issues"]]
    out, size = [], 0
    while size < megabytes * 1_000_000:
        for page in pages:
            out.append(page)
            size += len(page[0].encode("utf-8"))
    return out


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def worker(kind: str, megabytes: float) -> dict:
    pages = corpus(megabytes)
    chars = sum(len(p[0]) for p in pages)
    nbytes = sum(len(p[0].encode("utf-8")) for p in pages)
    start = time.perf_counter()
    if kind == "pipeline":
        sys.path.insert(0, str(ROOT))
        from reports.extract import default_config, extract

        default_config()  # gazetteer and catalogue, built once per process
        setup = time.perf_counter() - start
        configs = {}
        start = time.perf_counter()
        facts = 0
        for text, published, region in pages:
            key = (published, region)
            if key not in configs:
                configs[key] = default_config(published=date.fromisoformat(published) if published else None,
                                              region=region)
            facts += len(extract(text, config=configs[key]).facts)
        extra = {"facts": facts}
    else:
        import jieba

        jieba.setLogLevel(60)
        jieba.dt.tmp_dir = tempfile.mkdtemp(prefix="jieba-bench-")
        jieba.initialize()
        setup = time.perf_counter() - start
        start = time.perf_counter()
        tokens = 0
        for text, _, _ in pages:
            tokens += len(jieba.lcut(text))
        extra = {"tokens": tokens}
    elapsed = time.perf_counter() - start
    return {"kind": kind, "pages": len(pages), "chars": chars, "bytes": nbytes, "setup_s": setup,
            "elapsed_s": elapsed, "peak_rss_mb": _peak_mb(), **extra}


def run(kind: str, megabytes: float) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--worker", kind, "--megabytes", str(megabytes)],
                          capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    if proc.returncode != 0:
        sys.exit(f"{kind} worker failed:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--megabytes", type=float, default=5.0)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--worker", choices=["pipeline", "jieba"], help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.megabytes)))
        return
    runs: dict[str, list[dict]] = {"pipeline": [], "jieba": []}
    for _ in range(max(1, args.repeats)):
        for kind in runs:  # in turn, so a slow spell of the machine falls on both sides
            runs[kind].append(run(kind, args.megabytes))
    results = {kind: min(rs, key=lambda r: r["elapsed_s"]) for kind, rs in runs.items()}
    first = results["pipeline"]
    print(f"corpus: {first['pages']} pages, {first['bytes'] / 1e6:.2f} MB UTF-8, {first['chars']:,} characters")
    print(f"{'':10} {'setup s':>8} {'run s':>8} {'chars/s':>12} {'MB/s':>7} {'peak RSS MB':>12}")
    for kind, r in results.items():
        rate = r["chars"] / r["elapsed_s"]
        mb_per_s = r["bytes"] / 1e6 / r["elapsed_s"]
        print(f"{kind:10} {r['setup_s']:8.2f} {r['elapsed_s']:8.2f} {rate:12,.0f} {mb_per_s:7.2f}"
              f" {r['peak_rss_mb']:12.1f}")
    for kind, rs in runs.items():
        print(f"{kind} runs, s: " + ", ".join(f"{r['elapsed_s']:.2f}" for r in rs))
    ratio = results["jieba"]["elapsed_s"] / first["elapsed_s"]
    print(f"pipeline speed / jieba.lcut speed: {ratio:.2f} (goal ≥ 1.0); facts extracted: {first['facts']:,}")
    ok = ratio >= 1.0 and first["peak_rss_mb"] < 300
    print("goals met" if ok else "goals NOT met")


if __name__ == "__main__":
    main()
