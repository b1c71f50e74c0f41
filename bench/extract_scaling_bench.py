#!/usr/bin/env python
"""How extraction time grows with hostile input: sizes, CPU seconds and the ratio between sizes.

    .venv/bin/python bench/extract_scaling_bench.py [--max-megabytes 1]

Each flood repeats one short unit (a figure, a digit, a place and a figure...) from 100 kB up to --max-megabytes
of UTF-8. Linear work shows a ratio near the size ratio (10 from 100 kB to 1 MB); quadratic work its square.
Goal: "5个" × 20,000 and 50,000 digits each under 2 s, every ratio near linear.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reports.extract import default_config, extract  # noqa: E402

FLOODS = {
    "5个": "5个",
    "digits": "1",
    "一 (numerals)": "一",
    "5个,": "5个,",
    "2023年5个": "2023年5个",
    "几江街道5个": "几江街道5个",
    "“5个”": "“5个”",
    "5%": "5%",
}


def cpu(text: str) -> float:
    config = default_config(region="江津区")
    start = time.process_time()
    extract(text, config=config)
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-megabytes", type=float, default=1.0)
    args = parser.parse_args()
    cpu("热身")
    print("targets:")
    for label, text in (("5个 × 20,000", "5个" * 20_000), ("50,000 digits", "1" * 50_000)):
        print(f"  {label:16s} {cpu(text):6.2f} s")
    sizes = [100_000, 300_000, 1_000_000]
    sizes = [s for s in sizes if s <= args.max_megabytes * 1_000_000]
    print(f"{'flood':14s} " + " ".join(f"{s // 1000:>7d}kB" for s in sizes) + "   ratio(last/first)")
    for name, unit in FLOODS.items():
        seconds = []
        for size in sizes:
            count = max(1, size // len(unit.encode()))
            seconds.append(cpu(unit * count))
        ratio = seconds[-1] / max(seconds[0], 1e-3)
        print(f"{name:14s} " + " ".join(f"{s:8.2f}s" for s in seconds) + f"   {ratio:6.1f}"
              f" (sizes ×{sizes[-1] / sizes[0]:.0f})", flush=True)


if __name__ == "__main__":
    main()
