"""Turn DataFrames from the selectors into Plotly figures, as plain dicts ready for json_script.

Figures are built as dicts rather than ``go.Figure`` objects: plotly's validation costs milliseconds per trace,
and these figures are built on every request.

Conventions shared by every chart:
- each subdistrict has one colour everywhere (``place_colour``);
- a place or year without a reading is labelled 未报告 and never drawn as a zero bar;
- a cell whose sources disagree draws its preferred reading as the bar, outlined, and every other reading as an
  open diamond, so both values are visible and both link to their sentence;
- every point carries its source URL as ``customdata[0]``; static/js/charts.js opens it on click;
- a figure no person has checked yet (自动抽取) is drawn as an outline with a pale fill (an open marker on lines)
  and says 未审核 in its tooltip; a reviewed one is drawn solid.
"""

import hashlib
import math
from types import SimpleNamespace

from django.utils.translation import gettext as _

from reports.formatting import axis_unit, english
from reports.romanise import romanised

# Okabe & Ito's colour-blind-safe set: distinguishable under deuteranopia, protanopia and tritanopia. Its yellow,
# faint on white, comes last. A place's colour comes from a hash of its name, so it is the same on every chart
# and page without storing anything; where colour alone keys a series (lines), marker symbols and direct labels
# tell apart places that share one.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#000000", "#F0E442"]
PALETTE = OKABE_ITO
SYMBOLS = ["circle", "square", "diamond", "triangle-up", "triangle-down", "star", "hexagon", "pentagon", "cross",
           "x", "triangle-left", "triangle-right"]
# Facility types in stacked charts: a separate, softer set so they are not mistaken for places.
TYPE_PALETTE = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7",
                "#9c755f", "#bab0ac"]
FONT = "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif"
# Secondary text (未报告, units, the tooltip's source line) at WCAG AA contrast (≥ 4.5:1) on white.
MUTED = "#616e7c"
INK = "#1f2933"
HOVER_BG = "#ffffff"
CONFLICT = "#b42318"
ROW_HEIGHT = 30


def place_colour(name: str) -> str:
    return PALETTE[int(hashlib.md5(name.encode("utf-8")).hexdigest(), 16) % len(PALETTE)]


def series_symbols(names: dict[str, str]) -> dict[str, str]:
    """A marker symbol per series key so that no two places on one chart share both colour and symbol: places
    whose names hash to the same colour take successive symbols (len(PALETTE) × len(SYMBOLS) places)."""
    taken: dict[str, int] = {}
    symbols = {}
    for key, name in names.items():
        colour = place_colour(name)
        symbols[key] = SYMBOLS[taken.get(colour, 0) % len(SYMBOLS)]
        taken[colour] = taken.get(colour, 0) + 1
    return symbols


def _layout(*, title: str, height: int, **extra) -> dict:
    layout = {
        "title": {"text": title, "x": 0, "xanchor": "left", "y": 1, "yref": "container", "yanchor": "top",
                  "pad": {"t": 12}, "font": {"size": 15}},
        "font": {"family": FONT, "size": 13, "color": INK},
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "height": height,
        "margin": {"l": 10, "r": 30, "t": 70, "b": 50},
        # A white tooltip with dark text: plotly's default paints it in the trace colour, where the grey source
        # line fell far below AA contrast.
        "hoverlabel": {"bgcolor": HOVER_BG, "bordercolor": "#9aa5b1", "font": {"family": FONT, "color": INK}},
        "showlegend": False,
    }
    layout.update(extra)
    return layout


# Mode-bar buttons that would send a chart or its data to plot.ly / Chart Studio: nothing leaves the machine.
CLOUD_BUTTONS = ["sendDataToCloud", "editInChartStudio"]


def _config(filename: str) -> dict:
    return {"toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
            "displaylogo": False, "showLink": False, "showSendToCloud": False, "showEditInChartStudio": False,
            "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d", *CLOUD_BUTTONS]}


def _axis(**extra) -> dict:
    axis = {"gridcolor": "#e4e7eb", "zerolinecolor": "#9aa5b1", "automargin": True, "tickfont": {"size": 12}}
    axis.update(extra)
    return axis


def _rows(frame) -> list:
    """The frame's rows as attribute objects: small frames are far cheaper to walk in Python than in pandas."""
    if isinstance(frame, list):
        return frame
    if frame is None or frame.empty:
        return []
    # Column by column: DataFrame.to_dict("records") boxes every value and costs ~10 ms per thousand rows.
    columns = list(frame.columns)
    values = [frame[column].tolist() for column in columns]
    return [SimpleNamespace(**dict(zip(columns, row, strict=True))) for row in zip(*values, strict=True)]


def _year(row) -> int | None:
    year = row.year
    return None if year is None or (isinstance(year, float) and math.isnan(year)) else int(year)


def place_labels(frame, places: list[dict] | None = None) -> dict:
    """Axis label per place key: the name, with its district when two places share a name (城关镇)."""
    entries = {}
    if places:
        for place in places:
            entries[f"s{place['id']}"] = (place["name"], place.get("district__name") or "")
    for row in _rows(frame):
        entries.setdefault(row.place_key, (row.place, row.district))
    counts: dict[str, int] = {}
    for name, _d in entries.values():
        counts[name] = counts.get(name, 0) + 1
    labels = {key: (f"{name}（{district}）" if counts[name] > 1 and district else name)
              for key, (name, district) in entries.items()}
    if english():
        # English readers get the pinyin beside the Chinese name: 圣泉街道 (Shengquan Jiedao).
        labels = {key: f"{label} ({romanised(entries[key][0])})" if romanised(entries[key][0]) else label
                  for key, label in labels.items()}
    return labels


def _unit_title(unit: str) -> dict:
    """'单位：个' rather than a bare unit: a lone rotated 个 on an axis reads like an arrow."""
    unit = axis_unit(unit)
    return {"text": (_("单位：%(unit)s") % {"unit": unit}) if unit else "", "font": {"size": 11, "color": MUTED}}


def _unit_note(unit: str) -> list[dict]:
    """The unit written level above a vertical axis: rotated Chinese (单位：个 on its side) is hard to read."""
    title = _unit_title(unit)
    if not title["text"]:
        return []
    return [{"text": title["text"], "xref": "paper", "yref": "paper", "x": 0, "y": 1, "xanchor": "left",
             "yanchor": "bottom", "yshift": 8, "showarrow": False, "font": title["font"]}]


def _hover(extra: str = "") -> str:
    return ("<b>%{customdata[4]}</b> %{customdata[3]}<br>%{customdata[1]}" + extra
            + f"<br><span style='color:{MUTED}'>%{{customdata[2]}}</span><extra></extra>")


def _custom(row, en: bool) -> list:
    year = _year(row)
    display = ("⚠ " + _("来源不一致") + "：" + " / ".join(row.reading_values)) if row.conflict else row.display
    if row.breakdown:
        display += f" ({row.breakdown})" if en else f"（{row.breakdown}）"
    marks = list(getattr(row, "marks", None) or [])
    if getattr(row, "scope", ""):
        marks.insert(0, row.scope)
    if _unreviewed(row):
        marks.append(_("未审核"))
    if marks:
        display += (" · " if en else "·") + ("; " if en else "，").join(marks)
    return [row.url, display, f"{row.source} {row.title}".strip(), "" if year is None else str(year), row.place]


def _not_reported_trace(*, x, y, xaxis="x", yaxis="y") -> dict:
    label = _("未报告")
    return {"type": "scatter", "mode": "text", "x": x, "y": y, "text": [label] * len(y),
            "textposition": "middle right", "textfont": {"color": MUTED, "size": 12},
            "hovertext": [f"{name}：{label}" for name in y], "hoverinfo": "text",
            "xaxis": xaxis, "yaxis": yaxis, "name": label, "cliponaxis": False}


def _conflict_trace(others: list, *, labels: dict, en: bool, xaxis="x", yaxis="y", horizontal=True) -> dict:
    places = [labels[r.place_key] for r in others]
    values = [r.value for r in others]
    return {"type": "scatter", "mode": "markers", "x": values if horizontal else places,
            "y": places if horizontal else values, "xaxis": xaxis, "yaxis": yaxis,
            "marker": {"symbol": "diamond-open", "size": 12, "color": CONFLICT, "line": {"width": 2}},
            "customdata": [_custom(r, en) for r in others], "hovertemplate": _hover(), "name": _("来源不一致"),
            "cliponaxis": False}


def _inexact(row) -> bool:
    return bool(getattr(row, "marks", None))


def _unreviewed(row) -> bool:
    """Rows built before review marks existed (and hand-made ones) count as reviewed."""
    return getattr(row, "reviewed", True) is False


def _pale(colour: str, alpha: float = 0.22) -> str:
    colour = colour.lstrip("#")
    red, green, blue = (int(colour[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({red},{green},{blue},{alpha})"


def _bar_marker(rows: list, colour) -> dict:
    """An approximate (近/超/不足) or estimated (预计) value is hatched and lighter: a bar at 近1000 must not look
    like a count of exactly 1000. An unreviewed value is an outline with a pale fill. The words themselves are
    in the tooltip and the table."""
    colours = colour if isinstance(colour, list) else [colour] * len(rows)
    marker = {"color": colour}
    if any(_unreviewed(r) for r in rows):
        pale = [_pale(c) if _unreviewed(r) else c for r, c in zip(rows, colours, strict=True)]
        # One colour for the trace stays one colour (a facility type's stack), only paler.
        marker["color"] = pale[0] if not isinstance(colour, list) and len(set(pale)) == 1 else pale
    if any(_inexact(r) for r in rows):
        marker["pattern"] = {"shape": ["/" if _inexact(r) else "" for r in rows], "fillmode": "overlay",
                             "fgcolor": ["#ffffff" if not _unreviewed(r) else c
                                         for r, c in zip(rows, colours, strict=True)],
                             "size": 7, "solidity": 0.35}
        marker["opacity"] = [0.7 if _inexact(r) else 1 for r in rows]
    return marker


def _bar_line(rows: list, colour, *, width: float = 2) -> dict:
    """Red around a bar whose sources disagree; the place's colour around an unreviewed (pale) bar."""
    colours = colour if isinstance(colour, list) else [colour] * len(rows)
    return {"color": [CONFLICT if r.conflict else (c if _unreviewed(r) else "rgba(0,0,0,0)")
                      for r, c in zip(rows, colours, strict=True)], "width": width}


def _bar_text(row, *, with_year: bool, en: bool) -> str:
    text = ("⚠ " if row.conflict else "") + row.display
    if getattr(row, "scope", ""):
        # A count of one part alone (仅专职) says so on the bar, not only in the tooltip.
        text += f" ({row.scope})" if en else f"（{row.scope}）"
    year = _year(row)
    if with_year and year is not None:
        text += f" ({year})" if en else f"（{year}）"
    return text


def panels(frame, *, metrics: list, order: list[str], labels: dict, title: str,
           filename: str, with_year: bool = True) -> dict:
    """Small multiples: one horizontal bar panel per metric, places on a shared axis in ``order``.

    Metrics of different magnitudes (133 网格 and 3310 微网格) each get their own scale.
    """
    en = english()
    rows = _rows(frame)
    count = max(1, len(metrics))
    gap = 0.06
    width = (1 - gap * (count - 1)) / count
    data, annotations, layout_axes = [], [], {}
    y_labels = [labels[k] for k in order]
    rank = {key: index for index, key in enumerate(order)}
    for index, metric in enumerate(metrics):
        suffix = "" if index == 0 else str(index + 1)
        xaxis, axis_key = f"x{suffix}", f"xaxis{suffix}"
        start = index * (width + gap)
        subset = [r for r in rows if r.metric == metric.key and r.place_key in rank]
        primary = sorted((r for r in subset if r.primary), key=lambda r: rank[r.place_key])
        if primary:
            data.append({
                "type": "bar", "orientation": "h", "name": metric.name, "xaxis": xaxis, "yaxis": "y",
                "y": [labels[r.place_key] for r in primary], "x": [r.value for r in primary],
                "marker": {**_bar_marker(primary, [place_colour(r.place) for r in primary]),
                           "line": _bar_line(primary, [place_colour(r.place) for r in primary])},
                "text": [_bar_text(r, with_year=with_year, en=en) for r in primary],
                "textposition": "outside", "cliponaxis": False, "textfont": {"size": 12},
                "customdata": [_custom(r, en) for r in primary], "hovertemplate": _hover(),
            })
            others = [r for r in subset if not r.primary]
            if others:
                data.append(_conflict_trace(others, labels=labels, en=en, xaxis=xaxis))
        reported = {r.place_key for r in primary}
        missing = [labels[k] for k in order if k not in reported]
        if missing:
            data.append(_not_reported_trace(x=[0] * len(missing), y=missing, xaxis=xaxis))
        top = max((r.value for r in subset), default=1.0)
        unit = axis_unit(metric.unit)
        layout_axes[axis_key] = _axis(domain=[start, start + width], anchor="y", rangemode="tozero",
                                      range=[0, top * 1.45 if top > 0 else 1], side="top", tickformat=",")
        if count == 1:
            # One panel: the figure title already names the metric.
            layout_axes[axis_key]["title"] = _unit_title(metric.unit)
            continue
        label = (f" ({unit})" if en else f"（{unit}）") if unit else ""
        annotations.append({"text": f"<b>{metric.name}</b>{label}", "x": start,
                            "xref": "paper", "xanchor": "left", "y": 1, "yref": "paper", "yanchor": "bottom",
                            "yshift": 28, "showarrow": False, "font": {"size": 13}})
    height = 170 + ROW_HEIGHT * max(3, len(order))
    layout = _layout(title=title, height=height, annotations=annotations, bargap=0.35,
                     margin={"l": 10, "r": 30, "t": 120 if count > 1 else 100, "b": 20},
                     yaxis=_axis(type="category", categoryorder="array", categoryarray=list(reversed(y_labels)),
                                 range=[-0.6, len(y_labels) - 0.4], showgrid=False, ticksuffix=" "),
                     **layout_axes)
    return {"data": data, "layout": layout, "config": _config(filename)}


def stacked_by_type(frame, *, metric, order: list[str], labels: dict, title: str,
                    filename: str, with_year: bool = True) -> dict:
    """Horizontal bars per place, stacked by facility type (the note each fact carries)."""
    en = english()
    unclassified = _("未分类")
    wanted = set(order)
    rows = [r for r in _rows(frame) if r.place_key in wanted]
    primary = [r for r in rows if r.primary]
    segments: list[tuple[str, str, float, int, object]] = []  # (place_key, type, value, fact id, row)
    for row in primary:
        if row.components:
            for note, value, fact_id in row.components:
                segments.append((row.place_key, note or unclassified, value, fact_id, row))
        else:
            segments.append((row.place_key, row.note or unclassified, row.value, row.fact_id, row))
    types = list(dict.fromkeys(s[1] for s in segments))
    data = []
    for index, kind in enumerate(types):
        parts = [s for s in segments if s[1] == kind]
        data.append({
            "type": "bar", "orientation": "h", "name": kind,
            "y": [labels[s[0]] for s in parts], "x": [s[2] for s in parts],
            "marker": {**_bar_marker([s[4] for s in parts], TYPE_PALETTE[index % len(TYPE_PALETTE)]),
                       "line": {"color": [TYPE_PALETTE[index % len(TYPE_PALETTE)] if _unreviewed(s[4]) else "#fff"
                                          for s in parts], "width": 1}},
            "customdata": [[s[4].url.split("?")[0] + f"?fact={s[3]}#fact-{s[3]}",
                            f"{kind}：{s[2]:g}" + (f"·{_('未审核')}" if _unreviewed(s[4]) else ""),
                            f"{s[4].source} {s[4].title}".strip(),
                            "" if _year(s[4]) is None else str(_year(s[4])), s[4].place] for s in parts],
            "hovertemplate": _hover(),
        })
    if primary:
        # The total at the end of each bar, with its year: the number a reader compares.
        data.append({"type": "scatter", "mode": "text", "y": [labels[r.place_key] for r in primary],
                     "x": [r.value for r in primary],
                     "text": [_bar_text(r, with_year=with_year, en=en) for r in primary],
                     "textposition": "middle right", "hoverinfo": "skip", "showlegend": False,
                     "cliponaxis": False, "textfont": {"size": 12}})
        others = [r for r in rows if not r.primary]
        if others:
            conflict = _conflict_trace(others, labels=labels, en=en)
            conflict["showlegend"] = False
            data.append(conflict)
    reported = {r.place_key for r in primary}
    missing = [labels[k] for k in order if k not in reported]
    if missing:
        trace = _not_reported_trace(x=[0] * len(missing), y=missing)
        trace["showlegend"] = False
        data.append(trace)
    top = max((r.value for r in rows), default=1.0)
    y_labels = [labels[k] for k in order]
    layout = _layout(title=title, height=170 + ROW_HEIGHT * max(3, len(order)), barmode="stack", bargap=0.35,
                     showlegend=True, legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0,
                                              "traceorder": "normal"},
                     margin={"l": 10, "r": 30, "t": 100, "b": 40},
                     xaxis=_axis(rangemode="tozero", range=[0, top * 1.4 if top > 0 else 1],
                                 title=_unit_title(metric.unit)),
                     yaxis=_axis(type="category", categoryorder="array", categoryarray=list(reversed(y_labels)),
                                 range=[-0.6, len(y_labels) - 0.4], showgrid=False, ticksuffix=" "))
    return {"data": data, "layout": layout, "config": _config(filename)}


def bars_across(frame, *, metric, order: list[str], labels: dict, title: str, filename: str) -> dict:
    """One metric in one year across places, in ``order`` (largest first; places without a value last)."""
    return panels(frame, metrics=[metric], order=order, labels=labels, title=title, filename=filename,
                  with_year=False)


def order_by_value(frame, place_keys: list[str], *, metric_key: str) -> list[str]:
    """Places by their value of ``metric_key``, largest first; places that did not report it keep their order."""
    rows = [r for r in _rows(frame) if r.primary]
    values = {r.place_key: r.value for r in rows if r.metric == metric_key}
    reported = sorted((k for k in place_keys if k in values), key=lambda k: -values[k])
    rest = [k for k in place_keys if k not in values]
    # Places missing the first metric but reporting another come before places reporting nothing.
    others = {r.place_key for r in rows}
    return reported + [k for k in rest if k in others] + [k for k in rest if k not in others]


def lines_over_years(frame, *, metric, years: list[int], labels: dict, title: str, filename: str) -> dict:
    """One line per place over the years; an unreported year is a gap in the line, never a zero."""
    en = english()
    rows = _rows(frame)
    by_place: dict[str, dict[int, object]] = {}
    for row in rows:
        if row.primary:
            by_place.setdefault(row.place_key, {})[_year(row)] = row
    data = []
    symbols = series_symbols({key: next(iter(by_year.values())).place for key, by_year in by_place.items()})
    for key, by_year in by_place.items():
        points = [by_year.get(y) for y in years]
        first = next(iter(by_year.values()))
        last = max((i for i, p in enumerate(points) if p is not None), default=None)
        data.append({
            "type": "scatter", "mode": "lines+markers+text", "name": labels[key],
            "x": years, "y": [p.value if p is not None else None for p in points], "connectgaps": False,
            "line": {"color": place_colour(first.place), "width": 2.5},
            # The place named at its last point: with many places, colour and legend alone are hard to match.
            "text": [labels[key] if i == last else "" for i in range(len(points))], "textposition": "middle right",
            "textfont": {"size": 11, "color": INK}, "cliponaxis": False,
            # An unreviewed or inexact point is an open marker: the line does not pass it off as checked/exact.
            "marker": {"size": 9, "symbol": _line_symbols(points, symbols[key]),
                       "line": {"color": [CONFLICT if p is not None and p.conflict else "#fff"
                                          for p in points], "width": 2}},
            "customdata": [_custom(p, en) if p is not None else ["", _("未报告"), "", str(y), labels[key]]
                           for p, y in zip(points, years, strict=True)],
            "hovertemplate": _hover(),
        })
    others = [r for r in rows if not r.primary]
    if others:
        trace = _conflict_trace(others, labels=labels, en=en, horizontal=False)
        trace["x"] = [_year(r) for r in others]
        data.append(trace)
    layout = _layout(title=title, height=440, showlegend=True, annotations=_unit_note(metric.unit),
                     legend={"orientation": "h", "y": -0.15, "x": 0},
                     xaxis=_axis(tickmode="array", tickvals=years, ticktext=[str(y) for y in years],
                                 range=[min(years) - 0.5, max(years) + 0.9] if years else None),
                     yaxis=_axis(rangemode="tozero", tickformat=","))
    return {"data": data, "layout": layout, "config": _config(filename)}


def _line_symbols(points: list, symbol: str):
    """The place's symbol, open at an unreviewed, inexact or narrower (仅专职) point (one symbol when none is)."""
    opened = [p is not None and (_unreviewed(p) or _inexact(p) or bool(getattr(p, "scope", ""))) for p in points]
    if not any(opened):
        return symbol
    return [symbol + "-open" if o else symbol for o in opened]


def grouped_by_year(frame, *, metric, places: list[str], years: list[int], labels: dict,
                    title: str, filename: str) -> dict:
    """Bars per year, one per place in its colour; a missing place-year reads 未报告 where its bar would be."""
    en = english()
    rows = _rows(frame)
    count = max(1, len(places))
    slot = 0.8 / count  # bargap 0.2, no group gap: plotly places bar i of n at this offset
    data, annotations = [], []
    top = max((r.value for r in rows), default=1.0)
    for index, key in enumerate(places):
        by_year = {_year(r): r for r in rows if r.primary and r.place_key == key}
        present = [y for y in years if y in by_year]
        offset = (index - (count - 1) / 2) * slot
        name = labels[key]
        if present:
            points = [by_year[y] for y in present]
            data.append({
                "type": "bar", "name": name, "x": present, "y": [p.value for p in points],
                "marker": {**_bar_marker(points, place_colour(points[0].place)),
                           "line": _bar_line(points, place_colour(points[0].place))},
                "text": [("⚠ " if p.conflict else "") + p.display for p in points], "textposition": "outside",
                "cliponaxis": False, "textfont": {"size": 11}, "customdata": [_custom(p, en) for p in points],
                "hovertemplate": _hover(), "offsetgroup": str(index),
            })
        else:
            # Keeps the legend entry and the slot so the bars of other places do not shift.
            data.append({"type": "bar", "name": name, "x": years[:1], "y": [None], "offsetgroup": str(index),
                         "marker": {"color": place_colour(name)}, "hoverinfo": "skip"})
        for year in years:
            if year not in by_year:
                # Named: among a dozen slots, a bare 未报告 would leave the reader counting bars to find whose.
                annotations.append({"x": year + offset, "y": 0, "yanchor": "bottom",
                                    "text": _("%(place)s 未报告") % {"place": name},
                                    "textangle": -90, "showarrow": False, "font": {"size": 11, "color": MUTED}})
        others = [r for r in rows if not r.primary and r.place_key == key]
        if others:
            trace = _conflict_trace(others, labels=labels, en=en, horizontal=False)
            trace["x"] = [_year(r) + offset for r in others]
            trace["showlegend"] = False
            data.append(trace)
    layout = _layout(title=title, height=440, barmode="group", bargap=0.2, bargroupgap=0, showlegend=True,
                     legend={"orientation": "h", "y": -0.15, "x": 0},
                     annotations=annotations + _unit_note(metric.unit),
                     xaxis=_axis(tickmode="array", tickvals=years, ticktext=[str(y) for y in years],
                                 range=[min(years) - 0.5, max(years) + 0.5] if years else None, showgrid=False),
                     yaxis=_axis(rangemode="tozero", range=[0, top * 1.25 if top > 0 else 1], tickformat=","))
    return {"data": data, "layout": layout, "config": _config(filename)}


def keyword_bars(keywords: list[tuple[str, float]], *, colour: str, title: str, filename: str) -> dict:
    terms = [k for k, _w in keywords]
    weights = [round(w, 4) for _k, w in keywords]
    data = [{"type": "bar", "orientation": "h", "y": terms, "x": weights, "marker": {"color": colour},
             "hovertemplate": "%{y}：%{x:.3f}<extra></extra>"}]
    layout = _layout(title=title, height=140 + 24 * max(5, len(terms)), bargap=0.3,
                     margin={"l": 10, "r": 30, "t": 60, "b": 40},
                     xaxis=_axis(title={"text": _("TF-IDF 权重"), "font": {"size": 11, "color": MUTED}}),
                     yaxis=_axis(type="category", autorange="reversed", showgrid=False, ticksuffix=" "))
    return {"data": data, "layout": layout, "config": _config(filename)}
