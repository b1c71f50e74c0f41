"""The metrics the dashboard compares, and how newsletters write each of them.

The knowledge is data: ``lexicon/metrics.toml`` holds every metric with its names, unit, definition and the grammar
that recognizes it around a quantity (the noun before the number, the noun after the counting word, the verbs that
veto a count); this module only reads it into frozen ``MetricSpec`` records. The file's header explains each field.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path

CATEGORIES = ("grid", "elderly", "economy", "party", "market", "other")
_LEXICON = Path(__file__).with_name("lexicon") / "metrics.toml"
_FRAGMENT = re.compile(r"@\{(\w+)\}")


@dataclass(frozen=True)
class MetricSpec:
    key: str
    name_zh: str
    name_en: str
    unit: str  # canonical unit facts are stored in
    category: str
    description: str
    family: str = "count"  # count | money | percent
    counters: tuple[str, ...] = ()  # counting words accepted for a count
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    after_requires: str = ""
    # Nouns after the counting word that carry their own required verb ((pattern, requires), …): 完成7个老旧小区的
    # 改造 is a renovation although 完成 alone does not make 7个小区 one.
    after_with: tuple[tuple[str, str], ...] = ()
    # Nouns before the number that name the metric only where the sentence before them says what they are of
    # ((pattern, context), …): 签约项目12个,总投资42亿元 is investment attracted, 重点项目总投资 is not.
    before_with: tuple[tuple[str, str], ...] = ()
    veto: tuple[str, ...] = ()
    growth_of: str | None = None
    # Totals a 其中 part of which is this metric when the part is named by this metric's own noun alone
    # (市场主体总数1.08万户,其中企业3200家: the enterprises are a stock too, 新增市场主体…其中企业 a flow).
    part_of: tuple[str, ...] = ()
    note: str = ""  # regex over the cue: its match becomes the fact's note (专职, 社区养老服务站)
    # Counts facilities that stand somewhere: one built in a community is one of its subdistrict's too, whereas
    # a community's own grids or workers are a part of the subdistrict's, not its count.
    sited: bool = False
    # A flow over one year (新增市场主体): a figure summed over several years (近三年累计新增) is no value of it.
    yearly: bool = False
    # A count of what a place has (党员, 网格): undated, it stands at the time of writing, even in a review of the
    # year before printed in January–March.
    stock: bool = False
    # Sentences this metric must read (with the value) and must not read: the catalogue's own test corpus.
    examples: tuple[tuple[str, float], ...] = ()
    counterexamples: tuple[str, ...] = ()

    @property
    def scale(self) -> int:
        """Base units per canonical unit (亿元 holds 10^8 元)."""
        return {"亿元": 10 ** 8, "万元": 10 ** 4}.get(self.unit, 1)


@dataclass(frozen=True)
class Catalogue:
    metrics: tuple[MetricSpec, ...]

    def get(self, key: str) -> MetricSpec | None:
        return next((m for m in self.metrics if m.key == key), None)

    def growth_metric(self, base_key: str) -> MetricSpec | None:
        return next((m for m in self.metrics if m.growth_of == base_key), None)


def _expand(pattern: str, fragments: dict[str, str]) -> str:
    """The pattern with each @{name} replaced by its fragment; a fragment may name others (the veto of people hired
    shares the veto's verbs), to a depth of a few."""
    def fragment(m: re.Match) -> str:
        if m.group(1) not in fragments:
            raise ValueError(f"{_LEXICON.name}: unknown fragment @{{{m.group(1)}}}")
        return fragments[m.group(1)]
    for _ in range(_FRAGMENT_DEPTH):
        expanded = _FRAGMENT.sub(fragment, pattern)
        if expanded == pattern:
            return expanded
        pattern = expanded
    raise ValueError(f"{_LEXICON.name}: fragments nested deeper than {_FRAGMENT_DEPTH} in {pattern[:40]!r}")


_FRAGMENT_DEPTH = 4


def load_metrics(text: str) -> tuple[MetricSpec, ...]:
    """MetricSpecs from the TOML text of a catalogue; an unknown field or fragment is an error, not ignored."""
    data = tomllib.loads(text)
    fragments = data.get("fragments", {})
    counters = data.get("counters", {})
    known = {f.name for f in fields(MetricSpec)}
    out = []
    for entry in data["metric"]:
        unknown = set(entry) - known
        if unknown:
            raise ValueError(f"{_LEXICON.name}: metric {entry.get('key')!r} has unknown fields {sorted(unknown)}")
        spec = dict(entry)
        for name in ("before", "after", "veto"):
            if name in spec:
                spec[name] = tuple(_expand(p, fragments) for p in spec[name])
        for name in ("after_requires", "note"):
            if name in spec:
                spec[name] = _expand(spec[name], fragments)
        spec["after_with"] = tuple((_expand(e["pattern"], fragments), _expand(e["requires"], fragments))
                                   for e in spec.get("after_with", ()))
        spec["before_with"] = tuple((_expand(e["pattern"], fragments), _expand(e["context"], fragments))
                                    for e in spec.get("before_with", ()))
        if isinstance(spec.get("counters"), str):
            spec["counters"] = tuple(counters[spec["counters"]])
        elif "counters" in spec:
            spec["counters"] = tuple(spec["counters"])
        if "part_of" in spec:
            spec["part_of"] = tuple(spec["part_of"])
        spec["examples"] = tuple((text, float(value)) for text, value in spec.get("examples", ()))
        spec["counterexamples"] = tuple(spec.get("counterexamples", ()))
        spec.setdefault("veto", (_expand(fragments["veto"], fragments),))
        if spec["category"] not in CATEGORIES:
            raise ValueError(f"{_LEXICON.name}: metric {spec['key']!r} has unknown category {spec['category']!r}")
        out.append(MetricSpec(**spec))
    return tuple(out)


METRICS: tuple[MetricSpec, ...] = load_metrics(_LEXICON.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def default_catalogue() -> Catalogue:
    return Catalogue(METRICS)
