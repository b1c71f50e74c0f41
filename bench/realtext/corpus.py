#!/usr/bin/env python3
"""The real-page corpus: check the annotations, fill character offsets, build scorable splits.

Page texts are third-party pages and stay out of git: ``texts/all/<doc>.txt`` is ignored. What is committed is
``parts/*/sources.jsonl`` (where each page comes from: URL, the exact search query that finds it, sha256
and length of the text), ``parts/*/gold.jsonl`` (facts) and ``parts/*/initiatives.jsonl`` (named initiatives), each
gold line carrying ``start``/``end`` offsets into the text.

    python bench/realtext/corpus.py offsets   # fill start/end from each gold line's evidence (first occurrence)
    python bench/realtext/corpus.py check     # texts match their hashes, evidence matches offsets, fields valid
    python bench/realtext/corpus.py build     # texts/dev and texts/test: manifest.json + gold.jsonl + initiatives.jsonl
    python bench/realtext/corpus.py stats     # pages, provinces, kinds, facts per metric and split

Score a split from the project root once built:

    python ../shared/tools/score_corpus.py --manifest bench/realtext/texts/dev/manifest.json \
        --gold bench/realtext/texts/dev/gold.jsonl

The test split (a third of the pages, fixed by a hash of each URL, not chosen by hand) is scored only when a
milestone is done, so that it stays a fair measure.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
PARTS = HERE / "parts"
TEXTS = HERE / "texts"
ALL = TEXTS / "all"

SOURCE_FIELDS = {"doc", "url", "query", "sha256", "chars", "province", "kind", "script", "publication", "published",
                 "region"}
FACT_FIELDS = {"doc", "place", "year", "metric", "value", "approx", "note", "evidence", "required"}
INITIATIVE_FIELDS = {"doc", "place", "name", "evidence", "required"}
APPROX = {"exact", "about", "over", "under"}


def catalogue_keys() -> set[str]:
    sys.path.insert(0, str(HERE.parent.parent))
    from reports.extract.catalogue import METRICS

    return {m.key for m in METRICS}


def read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise SystemExit(f"{path}:{n}: not JSON: {exc}") from exc
    return rows


def write_jsonl(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def text_of(doc: str) -> str | None:
    path = ALL / f"{doc}.txt"
    return path.read_text(encoding="utf-8") if path.exists() else None


def split_of(url: str) -> str:
    """"dev" or "test": a third of the pages, fixed by a hash of the URL, so nobody chooses which and a page never
    changes side when others are added."""
    return "test" if int(hashlib.sha256(f"govdash-realtext:{url}".encode()).hexdigest(), 16) % 3 == 0 else "dev"


def splits() -> dict[str, str]:
    return {s["doc"]: split_of(s["url"]) for part in parts() for s in read_jsonl(part / "sources.jsonl")}


def parts() -> list[Path]:
    return sorted(p for p in PARTS.iterdir() if p.is_dir()) if PARTS.exists() else []


def cmd_offsets(_args) -> int:
    problems = 0
    for part in parts():
        for name in ("gold.jsonl", "initiatives.jsonl"):
            rows = read_jsonl(part / name)
            for row in rows:
                text = text_of(row["doc"])
                if text is None:
                    continue
                at = text.find(row["evidence"])
                if at < 0:
                    print(f"{part.name}/{name}: evidence not in {row['doc']}: «{row['evidence']}»")
                    problems += 1
                    continue
                if row.get("start") is not None and text[row["start"]:row["end"]] == row["evidence"]:
                    continue
                row["start"], row["end"] = at, at + len(row["evidence"])
            if rows:
                write_jsonl(part / name, rows)
    return 1 if problems else 0


def cmd_check(_args) -> int:
    keys = catalogue_keys()
    problems: list[str] = []
    docs: dict[str, dict] = {}
    for part in parts():
        for src in read_jsonl(part / "sources.jsonl"):
            where = f"{part.name}/sources.jsonl {src.get('doc')}"
            missing = SOURCE_FIELDS - src.keys()
            if missing:
                problems.append(f"{where}: missing {sorted(missing)}")
            if src.get("doc") in docs:
                problems.append(f"{where}: doc id used twice")
            docs[src.get("doc")] = src
            text = text_of(src.get("doc", ""))
            if text is None:
                problems.append(f"{where}: no text at texts/all/{src.get('doc')}.txt (rebuild it, see README)")
            elif sha256(text) != src.get("sha256") or len(text) != src.get("chars"):
                problems.append(f"{where}: text differs from its recorded sha256/length")
        for name, fields in (("gold.jsonl", FACT_FIELDS), ("initiatives.jsonl", INITIATIVE_FIELDS)):
            for row in read_jsonl(part / name):
                where = f"{part.name}/{name} {row.get('doc')} «{row.get('evidence')}»"
                missing = fields - row.keys()
                if missing:
                    problems.append(f"{where}: missing {sorted(missing)}")
                if row.get("doc") not in docs:
                    problems.append(f"{where}: doc not in sources")
                    continue
                if name == "gold.jsonl":
                    if row.get("metric") not in keys:
                        problems.append(f"{where}: unknown metric {row.get('metric')}")
                    if row.get("approx") not in APPROX:
                        problems.append(f"{where}: approx must be one of {sorted(APPROX)}")
                    if not isinstance(row.get("value"), (int, float)):
                        problems.append(f"{where}: value must be a number")
                text = text_of(row["doc"])
                if text is not None and text[row.get("start", 0):row.get("end", 0)] != row.get("evidence"):
                    problems.append(f"{where}: evidence does not sit at start/end (run `offsets`)")
    for p in problems:
        print(p)
    print(f"{len(docs)} pages, {len(problems)} problems")
    return 1 if problems else 0


def cmd_build(_args) -> int:
    split_by_doc = splits()
    for split in ("dev", "test"):
        out = TEXTS / split
        out.mkdir(parents=True, exist_ok=True)
        manifest, gold, initiatives = [], [], []
        left_out = []
        for part in parts():
            chosen = {s["doc"]: s for s in read_jsonl(part / "sources.jsonl") if split_by_doc[s["doc"]] == split}
            # A page whose text is missing or no longer matches its hash is scored on nothing rather than on
            # another text than the one annotated.
            for doc, src in list(chosen.items()):
                text = text_of(doc)
                if text is None or sha256(text) != src["sha256"]:
                    left_out.append(doc)
                    del chosen[doc]
            for doc, src in chosen.items():
                manifest.append({"file": f"../all/{doc}.txt", "publication": src.get("publication"),
                                 "published": src.get("published"), "region": src.get("region"),
                                 "province": src.get("province"), "kind": src.get("kind"), "url": src["url"]})
            gold += [g for g in read_jsonl(part / "gold.jsonl") if g["doc"] in chosen]
            initiatives += [i for i in read_jsonl(part / "initiatives.jsonl") if i["doc"] in chosen]
        about = ("Real public web pages (not written for this project), read from the stored `pages` corpus; "
                 f"split '{split}' of bench/realtext, chosen by the hash of each page's URL.")
        (out / "manifest.json").write_text(json.dumps({"about": about, "issues": manifest}, ensure_ascii=False,
                                                      indent=1), encoding="utf-8")
        write_jsonl(out / "gold.jsonl", gold)
        write_jsonl(out / "initiatives.jsonl", initiatives)
        print(f"{split}: {len(manifest)} pages, {len(gold)} facts, {len(initiatives)} initiatives -> {out}"
              + (f" (left out, text missing or changed: {', '.join(sorted(left_out))})" if left_out else ""))
    return 0


def cmd_stats(_args) -> int:
    sources = [s for part in parts() for s in read_jsonl(part / "sources.jsonl")]
    gold = [g for part in parts() for g in read_jsonl(part / "gold.jsonl")]
    inits = [i for part in parts() for i in read_jsonl(part / "initiatives.jsonl")]
    split = splits()
    print(f"pages {len(sources)} (dev {sum(v == 'dev' for v in split.values())}, "
          f"test {sum(v == 'test' for v in split.values())}); facts {len(gold)} "
          f"(required {sum(bool(g.get('required')) for g in gold)}); initiatives {len(inits)}")
    print("provinces", len({s['province'] for s in sources}), dict(Counter(s["province"] for s in sources)))
    print("kinds", dict(Counter(s["kind"] for s in sources)))
    print("scripts", dict(Counter(s["script"] for s in sources)))
    for metric, n in Counter(g["metric"] for g in gold).most_common():
        print(f"  {metric:42} {n}")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("command", choices=["offsets", "check", "build", "stats"])
    args = ap.parse_args()
    return {"offsets": cmd_offsets, "check": cmd_check, "build": cmd_build, "stats": cmd_stats}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
