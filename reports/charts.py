"""Turn DataFrames from the selectors into Plotly figures, as plain dicts ready for json_script.

Figures are built as dicts rather than ``go.Figure`` objects: plotly's validation costs milliseconds per trace,
and these figures are built on every request.

Conventions shared by every chart:
- each subdistrict has one colour everywhere (``place_colour``);
- a place or year without a reading is labelled 未报告 and never drawn as a zero bar;
- a cell whose sources disagree draws its preferred reading as the bar, outlined, and every other reading as an
  open diamond, so both values are visible and both link to their sentence;
- every point carries its source URL as ``customdata[0]``; static/js/charts.js opens it on click.
"""

import hashlib

import pandas as pd
from django.utils.translation import gettext as _

from reports.formatting import axis_unit, english

# Sixteen colours distinct enough side by side; a place's colour comes from a hash of its name, so it is the
# same on every chart and page without storing anything.
PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
           "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#5254a3"]
# Facility types in stacked charts: a separate, softer set so they are not mistaken for places.
TYPE_PALETTE = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7",
                "#9c755f", "#bab0ac"]
FONT = "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif"
MUTED = "#7b8794"
CONFLICT = "#b42318"
ROW_HEIGHT = 30


def place_colour(name: str) -> str:
    return PALETTE[int(hashlib.md5(name.encode("utf-8")).hexdigest(), 16) % len(PALETTE)]


def _layout(*, title: str, height: int, **extra) -> dict:
    layout = {
        "title": {"text": title, "x": 0, "xanchor": "left", "y": 1, "yref": "container", "yanchor": "top",
                  "pad": {"t": 12}, "font": {"size": 15}},
        "font": {"family": FONT, "size": 13, "color": "#1f2933"},
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "height": height,
        "margin": {"l": 10, "r": 30, "t": 70, "b": 50},
        "hoverlabel": {"font": {"family": FONT}},
        "showlegend": False,
    }
    layout.update(extra)
    return layout


def _config(filename: str) -> dict:
    return {"toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
            "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"]}


def _axis(**extra) -> dict:
    axis = {"gridcolor": "#e4e7eb", "zerolinecolor": "#9aa5b1", "automargin": True, "tickfont": {"size": 12}}
    axis.update(extra)
    return axis


def place_labels(frame: pd.DataFrame, places: list[dict] | None = None) -> dict:
    """Axis label per place key: the name, with its district when two places share a name (城关镇)."""
    entries = {}
    if places:
        for place in places:
            entries[f"s{place['id']}"] = (place["name"], place.get("district__name") or "")
    if not frame.empty:
        for key, name, district in frame[["place_key", "place", "district"]].drop_duplicates().itertuples(index=False):
            entries.setdefault(key, (name, district))
    names = [name for name, _d in entries.values()]
    return {key: (f"{name}（{district}）" if names.count(name) > 1 and district else name)
            for key, (name, district) in entries.items()}


def _unit_title(unit: str) -> dict:
    """'单位：个' rather than a bare unit: a lone rotated 个 on an axis reads like an arrow."""
    unit = axis_unit(unit)
    return {"text": (_("单位：%(unit)s") % {"unit": unit}) if unit else "", "font": {"size": 11, "color": MUTED}}


def _hover(extra: str = "") -> str:
    return ("<b>%{customdata[4]}</b> %{customdata[3]}<br>%{customdata[1]}" + extra
            + "<br><span style='color:#7b8794'>%{customdata[2]}</span><extra></extra>")


def _custom(row) -> list:
    year = "" if pd.isna(row.year) else str(int(row.year))
    display = ("⚠ " + _("来源不一致") + "：" + " / ".join(row.reading_values)) if row.conflict else row.display
    if row.breakdown:
        display += f" ({row.breakdown})" if english() else f"（{row.breakdown}）"
    return [row.url, display, f"{row.source} {row.title}".strip(), year, row.place]


def _not_reported_trace(*, x, y, xaxis="x", yaxis="y", hover_names=None) -> dict:
    return {"type": "scatter", "mode": "text", "x": x, "y": y, "text": [_("未报告")] * len(y),
            "textposition": "middle right", "textfont": {"color": MUTED, "size": 12},
            "hovertext": [f"{name}：{_('未报告')}" for name in (hover_names or y)], "hoverinfo": "text",
            "xaxis": xaxis, "yaxis": yaxis, "name": _("未报告"), "cliponaxis": False}


def _conflict_trace(others: pd.DataFrame, *, labels: dict, xaxis="x", yaxis="y", horizontal=True) -> dict:
    custom = [_custom(r) for r in others.itertuples()]
    places = [labels[k] for k in others["place_key"]]
    values = list(others["value"])
    return {"type": "scatter", "mode": "markers", "x": values if horizontal else places,
            "y": places if horizontal else values, "xaxis": xaxis, "yaxis": yaxis,
            "marker": {"symbol": "diamond-open", "size": 12, "color": CONFLICT, "line": {"width": 2}},
            "customdata": custom, "hovertemplate": _hover(), "name": _("来源不一致"), "cliponaxis": False}


def _bar_text(row, *, with_year: bool) -> str:
    text = ("⚠ " if row.conflict else "") + row.display
    if with_year and not pd.isna(row.year):
        text += f" ({int(row.year)})" if english() else f"（{int(row.year)}）"
    return text


def panels(frame: pd.DataFrame, *, metrics: list, order: list[str], labels: dict, title: str,
           filename: str, with_year: bool = True) -> dict:
    """Small multiples: one horizontal bar panel per metric, places on a shared axis in ``order``.

    Metrics of different magnitudes (133 网格 and 3310 微网格) each get their own scale.
    """
    count = max(1, len(metrics))
    gap = 0.06
    width = (1 - gap * (count - 1)) / count
    data, annotations, layout_axes = [], [], {}
    y_labels = [labels[k] for k in order]
    for index, metric in enumerate(metrics):
        suffix = "" if index == 0 else str(index + 1)
        xaxis, axis_key = f"x{suffix}", f"xaxis{suffix}"
        start = index * (width + gap)
        subset = frame[frame["metric"] == metric.key] if not frame.empty else frame
        primary = subset[subset["primary"]] if not subset.empty else subset
        if not primary.empty:
            rank = {key: index for index, key in enumerate(order)}
            primary = primary[primary["place_key"].isin(rank)]
            primary = primary.iloc[primary["place_key"].map(rank).argsort()]
        if not primary.empty:
            data.append({
                "type": "bar", "orientation": "h", "name": metric.name, "xaxis": xaxis, "yaxis": "y",
                "y": [labels[k] for k in primary["place_key"]], "x": list(primary["value"]),
                "marker": {"color": [place_colour(p) for p in primary["place"]],
                           "line": {"color": [CONFLICT if c else "rgba(0,0,0,0)" for c in primary["conflict"]],
                                    "width": 2}},
                "text": [_bar_text(r, with_year=with_year) for r in primary.itertuples()],
                "textposition": "outside", "cliponaxis": False, "textfont": {"size": 12},
                "customdata": [_custom(r) for r in primary.itertuples()], "hovertemplate": _hover(),
            })
            others = subset[~subset["primary"] & subset["place_key"].isin(order)]
            if not others.empty:
                data.append(_conflict_trace(others, labels=labels, xaxis=xaxis))
        reported = set(primary["place_key"]) if not primary.empty else set()
        missing = [labels[k] for k in order if k not in reported]
        if missing:
            data.append(_not_reported_trace(x=[0] * len(missing), y=missing, xaxis=xaxis))
        top = float(primary["value"].max()) if not primary.empty else 1.0
        if not subset.empty:
            top = max(top, float(subset["value"].max()))
        unit = axis_unit(metric.unit)
        layout_axes[axis_key] = _axis(domain=[start, start + width], anchor="y", rangemode="tozero",
                                      range=[0, top * 1.45 if top > 0 else 1], side="top", tickformat=",")
        if count == 1:
            # One panel: the figure title already names the metric.
            layout_axes[axis_key]["title"] = _unit_title(metric.unit)
            continue
        label = (f" ({unit})" if english() else f"（{unit}）") if unit else ""
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


def stacked_by_type(frame: pd.DataFrame, *, metric, order: list[str], labels: dict, title: str,
                    filename: str, with_year: bool = True) -> dict:
    """Horizontal bars per place, stacked by facility type (the note each fact carries)."""
    unclassified = _("未分类")
    segments: list[tuple[str, str, float, int, object]] = []  # (place_key, type, value, fact id, row)
    primary = frame[frame["primary"] & frame["place_key"].isin(order)] if not frame.empty else frame
    for row in primary.itertuples():
        if row.components:
            for note, value, fact_id in row.components:
                segments.append((row.place_key, note or unclassified, value, fact_id, row))
        else:
            segments.append((row.place_key, row.note or unclassified, row.value, row.fact_id, row))
    types = list(dict.fromkeys(s[1] for s in segments))
    data = []
    for index, kind in enumerate(types):
        rows = [s for s in segments if s[1] == kind]
        data.append({
            "type": "bar", "orientation": "h", "name": kind,
            "y": [labels[s[0]] for s in rows], "x": [s[2] for s in rows],
            "marker": {"color": TYPE_PALETTE[index % len(TYPE_PALETTE)], "line": {"color": "#fff", "width": 1}},
            "customdata": [[s[4].url.split("?")[0] + f"?fact={s[3]}#fact-{s[3]}", f"{kind}：{s[2]:g}",
                            f"{s[4].source} {s[4].title}".strip(),
                            "" if pd.isna(s[4].year) else str(int(s[4].year)), s[4].place] for s in rows],
            "hovertemplate": _hover(),
        })
    if not primary.empty:
        # The total at the end of each bar, with its year: the number a reader compares.
        data.append({"type": "scatter", "mode": "text", "y": [labels[k] for k in primary["place_key"]],
                     "x": list(primary["value"]), "text": [_bar_text(r, with_year=with_year)
                                                            for r in primary.itertuples()],
                     "textposition": "middle right", "hoverinfo": "skip", "showlegend": False,
                     "cliponaxis": False, "textfont": {"size": 12}})
        others = frame[~frame["primary"] & frame["place_key"].isin(order)]
        if not others.empty:
            conflict = _conflict_trace(others, labels=labels)
            conflict["showlegend"] = False
            data.append(conflict)
    reported = set(primary["place_key"]) if not primary.empty else set()
    missing = [labels[k] for k in order if k not in reported]
    if missing:
        trace = _not_reported_trace(x=[0] * len(missing), y=missing)
        trace["showlegend"] = False
        data.append(trace)
    top = float(frame["value"].max()) if not frame.empty else 1.0
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


def bars_across(frame: pd.DataFrame, *, metric, order: list[str], labels: dict, title: str,
                filename: str) -> dict:
    """One metric in one year across places, in ``order`` (largest first; places without a value last)."""
    return panels(frame, metrics=[metric], order=order, labels=labels, title=title, filename=filename,
                  with_year=False)


def order_by_value(frame: pd.DataFrame, place_keys: list[str], *, metric_key: str) -> list[str]:
    """Places by their value of ``metric_key``, largest first; places that did not report it keep their order."""
    if frame.empty:
        return list(place_keys)
    primary = frame[frame["primary"] & (frame["metric"] == metric_key)]
    values = dict(zip(primary["place_key"], primary["value"], strict=True))
    reported = sorted((k for k in place_keys if k in values), key=lambda k: -values[k])
    rest = [k for k in place_keys if k not in values]
    # Places missing the first metric but reporting another come before places reporting nothing.
    others = set(frame.loc[frame["primary"], "place_key"])
    return reported + [k for k in rest if k in others] + [k for k in rest if k not in others]


def lines_over_years(frame: pd.DataFrame, *, metric, years: list[int], labels: dict, title: str,
                     filename: str) -> dict:
    """One line per place over the years; an unreported year is a gap in the line, never a zero."""
    data = []
    if not frame.empty:
        primary = frame[frame["primary"]]
        for key, group in primary.groupby("place_key", sort=False):
            by_year = {int(r.year): r for r in group.itertuples()}
            points = [by_year.get(y) for y in years]
            data.append({
                "type": "scatter", "mode": "lines+markers", "name": labels[key],
                "x": years, "y": [p.value if p is not None else None for p in points], "connectgaps": False,
                "line": {"color": place_colour(group["place"].iloc[0]), "width": 2.5},
                "marker": {"size": 9, "line": {"color": [CONFLICT if p is not None and p.conflict else "#fff"
                                                         for p in points], "width": 2}},
                "customdata": [_custom(p) if p is not None else ["", _("未报告"), "", str(y), labels[key]]
                               for p, y in zip(points, years, strict=True)],
                "hovertemplate": _hover(),
            })
        others = frame[~frame["primary"]]
        if not others.empty:
            trace = _conflict_trace(others, labels=labels, horizontal=False)
            trace["x"] = [int(y) for y in others["year"]]
            data.append(trace)
    layout = _layout(title=title, height=440, showlegend=True,
                     legend={"orientation": "h", "y": -0.15, "x": 0},
                     xaxis=_axis(tickmode="array", tickvals=years, ticktext=[str(y) for y in years],
                                 range=[min(years) - 0.5, max(years) + 0.5] if years else None),
                     yaxis=_axis(rangemode="tozero", tickformat=",",
                                 title=_unit_title(metric.unit)))
    return {"data": data, "layout": layout, "config": _config(filename)}


def grouped_by_year(frame: pd.DataFrame, *, metric, places: list[str], years: list[int], labels: dict,
                    title: str, filename: str) -> dict:
    """Bars per year, one per place in its colour; a missing place-year reads 未报告 where its bar would be."""
    count = max(1, len(places))
    slot = 0.8 / count  # bargap 0.2, no group gap: plotly places bar i of n at this offset
    primary = frame[frame["primary"]] if not frame.empty else frame
    data, annotations = [], []
    top = float(frame["value"].max()) if not frame.empty else 1.0
    for index, key in enumerate(places):
        rows = primary[primary["place_key"] == key] if not primary.empty else primary
        by_year = {int(r.year): r for r in rows.itertuples()}
        present = [y for y in years if y in by_year]
        offset = (index - (count - 1) / 2) * slot
        name = labels[key]
        if present:
            points = [by_year[y] for y in present]
            data.append({
                "type": "bar", "name": name, "x": present, "y": [p.value for p in points],
                "marker": {"color": place_colour(points[0].place),
                           "line": {"color": [CONFLICT if p.conflict else "rgba(0,0,0,0)" for p in points],
                                    "width": 2}},
                "text": [("⚠ " if p.conflict else "") + p.display for p in points], "textposition": "outside",
                "cliponaxis": False, "textfont": {"size": 11}, "customdata": [_custom(p) for p in points],
                "hovertemplate": _hover(), "offsetgroup": str(index),
            })
        else:
            # Keeps the legend entry and the slot so the bars of other places do not shift.
            data.append({"type": "bar", "name": name, "x": years[:1], "y": [None], "offsetgroup": str(index),
                         "marker": {"color": place_colour(name)}, "hoverinfo": "skip"})
        for year in years:
            if year not in by_year:
                annotations.append({"x": year + offset, "y": 0, "yanchor": "bottom", "text": _("未报告"),
                                    "textangle": -90, "showarrow": False, "font": {"size": 11, "color": MUTED}})
        others = frame[(~frame["primary"]) & (frame["place_key"] == key)] if not frame.empty else frame
        if not others.empty:
            trace = _conflict_trace(others, labels=labels, horizontal=False)
            trace["x"] = [int(y) + offset for y in others["year"]]
            trace["showlegend"] = False
            data.append(trace)
    layout = _layout(title=title, height=440, barmode="group", bargap=0.2, bargroupgap=0, showlegend=True,
                     legend={"orientation": "h", "y": -0.15, "x": 0}, annotations=annotations,
                     xaxis=_axis(tickmode="array", tickvals=years, ticktext=[str(y) for y in years],
                                 range=[min(years) - 0.5, max(years) + 0.5] if years else None, showgrid=False),
                     yaxis=_axis(rangemode="tozero", range=[0, top * 1.25 if top > 0 else 1], tickformat=",",
                                 title=_unit_title(metric.unit)))
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
