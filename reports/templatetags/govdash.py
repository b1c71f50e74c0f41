from django import template

from reports import charts, formatting

register = template.Library()


@register.filter
def year_span(years) -> str:
    return formatting.year_span(years or [])


@register.filter
def place_colour(name: str) -> str:
    return charts.place_colour(name or "")


@register.filter
def value_text(value, unit: str = "") -> str:
    return formatting.format_value(value, unit=unit)


@register.filter
def coverage_level(years, total) -> int:
    """0–4: how much of the year range a coverage cell fills, for its shade."""
    if not years:
        return 0
    return max(1, min(4, round(4 * len(years) / max(1, total))))
