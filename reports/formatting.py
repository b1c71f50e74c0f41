"""Numbers as readers expect them: Chinese magnitudes (万, 亿元) and the qualifier the newspaper printed.

Values are stored in the metric's unit; only display goes through here, exports keep the stored numbers.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import get_language
from django.utils.translation import gettext as _

# Units of counted things: above 1万 a Chinese reader expects "1.2万个", not "12,000个".
COUNT_UNITS = {"", "个", "人", "名", "家", "所", "次", "户", "件", "处", "座", "支", "项", "条", "场", "间", "张", "位",
               "人次", "户次", "栋", "幢", "套", "辆", "台", "亩", "平方米", "米", "公里"}
WAN = Decimal(10_000)
YI = Decimal(100_000_000)
# Money in English: converted to yuan, then written with the magnitude English readers use.
YUAN_FACTORS = {"元": Decimal(1), "万元": WAN, "亿元": YI}


def english() -> bool:
    return (get_language() or "").startswith("en")


def _digits(value: Decimal, places: int, *, grouping: bool) -> str:
    quantum = Decimal(1).scaleb(-places)
    rounded = value.quantize(quantum, rounding=ROUND_HALF_UP) if places >= 0 else value
    text = f"{rounded:,f}" if grouping else f"{rounded:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _places(value: Decimal) -> int:
    """Enough decimals to keep what the newspaper printed (51.03) without float noise."""
    magnitude = abs(value)
    if magnitude >= 1000:
        return 1
    if magnitude >= 1:
        return 2
    return 4


def scale_zh(magnitude: Decimal, unit: str) -> tuple[Decimal, str]:
    """The divisor and unit a Chinese reader expects at this magnitude: 1.2万个, 3.5亿元.

    reports/selectors.py mirrors these rules in SQL for the streamed CSV export; tests/dashboard/test_cells.py
    checks that both agree.
    """
    if unit == "元" and magnitude >= YI:
        return YI, "亿元"
    if unit == "元" and magnitude >= WAN:
        return WAN, "万元"
    if unit == "万元" and magnitude >= WAN:
        return WAN, "亿元"
    if unit in COUNT_UNITS and magnitude >= YI:
        return YI, "亿" + unit
    if unit in COUNT_UNITS and magnitude >= WAN:
        return WAN, "万" + unit
    return Decimal(1), unit


def _scaled_text(value: Decimal, divisor: Decimal, *, grouping: bool) -> str:
    scaled = value / divisor
    return _digits(scaled, _places(scaled), grouping=grouping)


def _numbers_zh(values: list[Decimal], unit: str) -> tuple[list[str], str]:
    # A range is written in one magnitude (9000–1.2万 would mislead): the larger end decides.
    divisor, shown = scale_zh(max(abs(v) for v in values), unit)
    return [_scaled_text(v, divisor, grouping=False) for v in values], shown


# English moves the decimal point (亿 → bn); up to this many decimals are kept so no digit the paper gave is lost.
MAX_EN_PLACES = 6


def _kept_text(value: Decimal, divisor: Decimal) -> str:
    """Every digit the source gave, wherever the new magnitude puts the point: 51.03亿元 is 5.103 bn yuan, not 5.1."""
    scaled = value / divisor
    exponent = scaled.normalize().as_tuple().exponent
    given = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return _digits(scaled, max(_places(scaled), min(MAX_EN_PLACES, given)), grouping=True)


def _numbers_en(values: list[Decimal], unit: str) -> tuple[list[str], str]:
    if unit in YUAN_FACTORS:
        yuan = [v * YUAN_FACTORS[unit] for v in values]
        magnitude = max(abs(v) for v in yuan)
        for size, word in ((Decimal(1_000_000_000), "bn yuan"), (Decimal(1_000_000), "M yuan")):
            if magnitude >= size:
                return [_kept_text(v, size) for v in yuan], word
        return [_digits(v, 2, grouping=True) for v in yuan], "yuan"
    shown = "" if unit in COUNT_UNITS else unit
    return [_kept_text(v, Decimal(1)) for v in values], shown


def format_value(value, *, unit: str = "", qualifier: str = "exact", upper=None, with_unit: bool = True,
                 en: bool | None = None) -> str:
    """'近1000家', '3200+家', '51.03亿元', '1500–2000人'; in English '~1,000', '5.103 bn yuan'.

    ``en`` lets a caller formatting thousands of values look the language up once.
    """
    if value is None:
        return _("未报告")
    en = english() if en is None else en
    values = [Decimal(value)]
    if upper is not None and Decimal(upper) != values[0]:
        values.append(Decimal(upper))
    texts, shown_unit = (_numbers_en if en else _numbers_zh)(values, unit or "")
    text = "–".join(texts)
    if en:
        text = {"about": "~{}", "over": "{}+", "under": "<{}"}.get(qualifier, "{}").format(text)
        if with_unit and shown_unit:
            text = f"{text}%" if shown_unit == "%" else f"{text} {shown_unit}"
        return text
    text = {"about": "近{}", "over": "{}+", "under": "不足{}"}.get(qualifier, "{}").format(text)
    return f"{text}{shown_unit}" if with_unit else text


def value_marks(qualifier: str, note: str | None) -> list[str]:
    """Words that tell a reader a number is not exact: the newspaper's 近/超/不足, or an estimate (预计).

    Charts put them in the tooltip and tables beside the value, so 近1000 never reads like a count of 1000.
    """
    marks = {"about": [_("约数")], "over": [_("超过此数")], "under": [_("不足此数")]}.get(qualifier, [])
    if note and "预计" in note:
        marks.append(_("预计"))
    return marks


# Metrics whose facts may count only a part of what the metric counts, named in the note: a figure of 专职
# grid workers alone, or of one kind of elderly-care facility, is narrower than the whole and says so.
PARTIAL_NOTES = {"grid_workers": ("专职", "兼职"), "elderly_care_sites": None}


# Metrics counted per year (additions in the year): a running total (截至目前共加装电梯320台) is another measure.
FLOW_METRICS = {"market_entities_new", "enterprises_new", "elevators_installed", "parking_lots_built",
                "parking_spaces_added", "old_communities_renovated"}


def scope_mark(metric_key: str, note: str | None, cumulative: bool = False) -> str:
    """'仅专职' when a figure counts only the part its note names, '截至当时累计' for a running total of a
    yearly metric, else ''."""
    if cumulative and metric_key in FLOW_METRICS:
        return _("截至当时累计")
    parts = [p for p in (note or "").split(";") if p and p != "预计"]
    if metric_key not in PARTIAL_NOTES or len(parts) != 1:
        return ""
    allowed = PARTIAL_NOTES[metric_key]
    if allowed is not None and parts[0] not in allowed:
        return ""
    return _("仅%(part)s") % {"part": parts[0]}


def axis_unit(unit: str) -> str:
    """The unit to print on an axis whose ticks are the stored numbers."""
    if english():
        return {"亿元": "100M yuan", "万元": "10k yuan", "元": "yuan"}.get(unit, "" if unit in COUNT_UNITS else unit)
    return unit


def year_span(years) -> str:
    """'2019–2021, 2023' from a set of years: a compact coverage cell."""
    years = sorted(set(years))
    runs = []
    for year in years:
        if runs and year == runs[-1][1] + 1:
            runs[-1][1] = year
        else:
            runs.append([year, year])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in runs)
