import json
import re
from html import escape  # the standard library's: django.utils.html.escape's lazy wrapper costs 3x per call
from itertools import groupby

from django import template
from django.utils.safestring import mark_safe

from reports import charts, formatting, romanise

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


def _place_html(name: str) -> str:
    """A place name, with its pinyin beside it for English readers."""
    name = name or ""
    pinyin = romanise.romanised(name) if formatting.english() else ""
    if not pinyin:
        return escape(name)
    return f'{escape(name)} <span class="pinyin" lang="zh-Latn">{escape(pinyin)}</span>'


@register.filter
def place(name) -> str:
    return mark_safe(_place_html(str(name or "")))


@register.filter
def lookup(mapping, key):
    return (mapping or {}).get(key)


@register.simple_tag
def place_picker(choices, chosen, *groups):
    """Checkbox rows of the compare page's place picker, in the order ``compare_place_choices`` gives, under a
    heading per group (chosen, with data for the chosen metrics, the rest). ``data-search`` holds what the
    search box matches: name, district and the pinyin of both."""
    chosen = set(chosen)
    parts = []
    current = None
    for place in choices:
        group = 0 if place["id"] in chosen else (1 if place["has_data"] else 2)
        if group != current:
            if current is not None:
                parts.append("</div>")
            parts.append(f'<div class="picker-group" data-group="{group}"><p class="picker-group-title">'
                         f'{escape(str(groups[group]))}</p>')
            current = group
        name, district = place["name"], place.get("district__name") or ""
        search = " ".join([name, district, romanise.romanised(name), romanise.romanised(district)]).lower()
        parts.append(f'<label class="picker-place" data-search="{escape(search)}"><input type="checkbox" '
                     f'name="subdistrict" value="{int(place["id"])}"{" checked" if place["id"] in chosen else ""}>'
                     f' {_place_html(name)} <small>{_place_html(district)}</small></label>')
    if current is not None:
        parts.append("</div>")
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
        colour = charts.place_colour(place["name"])
        parts.append(f'<tr><th scope="row"><a href="{escape(row["href"])}"><span class="swatch" '
                     f'style="background: {colour}"></span>{_place_html(place["name"])}</a> '
                     f'<small>{_place_html(place["district__name"] or "")}</small></th>')
        parts.extend(f'<td class="covered"><a href="{escape(cell["href"])}">{escape(cell["years"])}</a></td>'
                     if cell["href"] else '<td class="missing">·</td>' for cell in row["cells"])
        parts.append("</tr>")
    return mark_safe("".join(parts))


@register.simple_tag
def metric_definition(key: str):
    """The data dictionary's entry for a metric (reports/definitions.py), in the reader's language."""
    from reports.definitions import describe

    return describe(key, en=formatting.english())


_CJK_RUN = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff01-\uff5e“”、，]+")


@register.filter
def chinese_terms(text: str):
    """English text quoting Chinese source terms (Grids (网格)): each run of Chinese is marked lang="zh-Hans", so a
    screen reader reads it in Chinese and the page says which words are quoted, not translated."""
    return mark_safe(_CJK_RUN.sub(lambda m: f'<span lang="zh-Hans">{m.group()}</span>', escape(str(text or ""))))


# What json_script escapes, so the JSON cannot close its <script> element or start markup.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def figure_script(figure, element_id: str):
    """A figure as json_script writes it, but compact and with its text in UTF-8 rather than \\u escapes: Chinese
    labels, tooltips and sources take half the bytes, and a cached page is sent whole on every hit."""
    from django.core.serializers.json import DjangoJSONEncoder

    text = json.dumps(figure, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(f'<script id="{escape(element_id)}" type="application/json">'
                     f'{text.translate(_SCRIPT_ESCAPES)}</script>')
