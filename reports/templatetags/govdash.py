from html import escape  # the standard library's: django.utils.html.escape's lazy wrapper costs 3x per call
from itertools import groupby

from django import template
from django.utils.safestring import mark_safe

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


@register.simple_tag
def subdistrict_options(choices, chosen):
    """<optgroup> per district with an <option> per subdistrict.

    A picker lists every subdistrict with data, a thousand at scale; joined here it costs a millisecond, where
    the template language's regroup and loops (or format_html per option) cost fifty.
    """
    chosen = set(chosen)
    parts = []
    for district, places in groupby(choices, key=lambda c: c["district__name"]):
        parts.append(f'<optgroup label="{escape(district or "")}">')
        parts.extend(f'<option value="{int(p["id"])}"{" selected" if p["id"] in chosen else ""}>'
                     f'{escape(p["name"])}</option>' for p in places)
        parts.append("</optgroup>")
    return mark_safe("".join(parts))


@register.simple_tag
def coverage_rows(rows):
    """The coverage matrix body: a row per subdistrict, a cell per metric with the years it was reported.

    Thirty places by thirty metrics is 900 cells; joined here rather than looped in the template language,
    which took longer than every query of the page together.
    """
    parts = []
    for row in rows:
        place = row["place"]
        parts.append(f'<tr><th scope="row"><a href="{escape(row["href"])}"><span class="swatch" '
                     f'style="background: {charts.place_colour(place["name"])}"></span>{escape(place["name"])}</a> '
                     f'<small>{escape(place["district__name"] or "")}</small></th>')
        parts.extend(f'<td class="covered"><a href="{escape(cell["href"])}">{escape(cell["years"])}</a></td>'
                     if cell["href"] else '<td class="missing">·</td>' for cell in row["cells"])
        parts.append("</tr>")
    return mark_safe("".join(parts))


@register.simple_tag
def metric_definition(key: str):
    """The data dictionary's entry for a metric (reports/definitions.py), in the reader's language."""
    from reports.definitions import describe

    return describe(key, en=formatting.english())
