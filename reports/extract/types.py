"""Result types shared by every stage. Frozen so results can be cached and compared safely."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

PLACE_KINDS = ("city", "district", "county", "subdistrict", "town", "township")
APPROX = ("exact", "about", "over", "under")


class DecodeError(ValueError):
    """Bytes that cannot be turned into trustworthy text; carries a reason for users in Chinese and English."""

    def __init__(self, reason_zh: str, reason_en: str):
        super().__init__(reason_en)
        self.reason_zh = reason_zh
        self.reason_en = reason_en


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str
    confidence: float


@dataclass(frozen=True)
class Place:
    name: str
    kind: str
    district: str | None = None
    city: str | None = None
    province: str | None = None
    admin_code: str | None = None

    @property
    def is_district_level(self) -> bool:
        return self.kind in ("district", "county")

    @property
    def is_above_town(self) -> bool:
        """A district, county or city: the places figures are given for side by side (常熟市和吴江区…分别)."""
        return self.kind in ("district", "county", "city")

    @property
    def is_subdistrict_level(self) -> bool:
        return self.kind in ("subdistrict", "town", "township")

    def contains(self, other: Place) -> bool:
        """True when ``other`` lies inside this place (or is it)."""
        if other == self:
            return True
        if self.kind == "city":
            return other.city == self.name or other.province == self.name
        if self.is_district_level:
            return other.is_subdistrict_level and other.district == self.name and other.city == self.city
        return False


@dataclass(frozen=True)
class ArticleResult:
    index: int
    title: str
    text: str
    place: Place | None
    year: int | None


@dataclass(frozen=True)
class FactResult:
    article: int
    place: Place | None
    year: int | None
    metric: str | None
    label: str
    value: Decimal
    upper: Decimal | None
    unit: str
    approx: str
    note: str
    evidence: str
    start: int
    end: int
    value_start: int
    value_end: int
    confidence: float
    # Offsets of the printed number in the text given to ``extract`` (before normalization), for highlighting.
    source_start: int = -1
    source_end: int = -1
    # Why the figure was read this way, so a reviewer sees the weak readings first: the rule that named the metric
    # (``before``: the noun printed before the number; ``after``: the noun after its counting word; ``list``,
    # ``previous_clause``, ``growth``, ``synonym:<phrase>`` …), where the place came from (``sentence``: named in
    # it; ``reference``: 该街道/全镇; ``article``: the article's place; ``region``: the paper's region; ``none``)
    # and where the year came from (``sentence``, ``heading``, ``article``, ``publication``, ``none``).
    rule: str = ""
    place_source: str = ""
    year_source: str = ""


@dataclass(frozen=True)
class InitiativeResult:
    article: int
    place: Place | None
    year: int | None
    name: str
    category: str
    description: str
    start: int
    end: int
    confidence: float


@dataclass(frozen=True)
class Extraction:
    articles: tuple[ArticleResult, ...] = ()
    facts: tuple[FactResult, ...] = ()
    initiatives: tuple[InitiativeResult, ...] = ()
    version: str = ""
    # What was left out because of a cap (Limits), in Chinese for the user; empty when nothing was.
    warnings: tuple[str, ...] = ()
