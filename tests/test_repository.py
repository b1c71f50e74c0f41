"""The repository stands on its own: a fresh clone needs no file outside it and names no machine's paths."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIP_DIRS = {".git", ".venv", "var", "test-artifacts", "__pycache__", ".ruff_cache", ".hypothesis", "node_modules"}
SOURCE_SUFFIXES = {".py", ".md", ".toml", ".cfg", ".ini", ".sh", ".html", ".js", ".css", ".json", ".txt", ".po"}
# A home or work directory of some machine; /tmp as a path the code would read or write.
MACHINE_PATH = re.compile(r"""(?<![\w.:/-])/(?:work|root|home/\w+|Users/\w+|tmp/[\w.-]+)/""")


def _source_files():
    for path in ROOT.rglob("*"):
        if any(part in SKIP_DIRS or part.endswith(".egg-info") for part in path.relative_to(ROOT).parts):
            continue
        if path.is_file() and (path.suffix in SOURCE_SUFFIXES or path.name in {"Makefile", "serve", "run"}):
            yield path


def test_it_names_no_absolute_machine_path():
    found = []
    for path in _source_files():
        if path.suffix == ".txt" and ("fixtures" in path.parts or "bench" in path.parts):
            continue  # newspaper pages, not code
        text = path.read_text(encoding="utf-8", errors="replace")
        for number, line in enumerate(text.splitlines(), 1):
            if MACHINE_PATH.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:100]}")
    assert found == []


def test_it_keeps_the_seed_gold_inside_the_repository():
    from tests.dashboard import gold

    assert gold.GOLD.is_relative_to(ROOT / "fixtures")
    assert len(gold.gold_rows(required_only=False)) >= 20
