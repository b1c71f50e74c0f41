"""Turn DataFrames from the selectors into Plotly figures (as plain dicts ready for json_script)."""

import pandas as pd
import plotly.graph_objects as go
from django.urls import reverse

# One colour per subdistrict across every chart: assigned by a stable hash of the name.
PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
           "#bcbd22", "#7f7f7f", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd"]


def place_colour(name: str) -> str:
    return PALETTE[sum(map(ord, name)) % len(PALETTE)]


def grouped_bars(frame: pd.DataFrame, *, title: str) -> dict:
    """Bars per place and year, one trace per metric; each bar links to its source article."""
    figure = go.Figure()
    if not frame.empty:
        frame = frame.sort_values(["place", "year"])
        frame["x"] = frame["place"] + " " + frame["year"].astype("Int64").astype(str)
        for metric_name, group in frame.groupby("metric_name", sort=False):
            figure.add_bar(
                name=metric_name, x=group["x"], y=group["value"], text=group["value"].map("{:,.0f}".format),
                customdata=[reverse("reports:article", args=[a]) for a in group["article_id"]],
                hovertemplate="%{x}<br>" + metric_name + "：%{y:,}<extra></extra>",
            )
    figure.update_layout(title=title, barmode="group", template="plotly_white", margin={"t": 60, "r": 20},
                         legend={"orientation": "h", "y": -0.2})
    return figure.to_plotly_json()

