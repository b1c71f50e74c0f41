import json
import re

import pytest

from tests.dashboard.gold import load_gold


@pytest.fixture
def gold(db):
    return load_gold()


def figures(response) -> dict:
    """The Plotly figures a page hands to charts.js, by json_script id."""
    html = response.content.decode()
    return {m.group(1): json.loads(m.group(2)) for m in
            re.finditer(r'<script id="(figure-[\w-]+)" type="application/json">(.*?)</script>', html, re.S)}


def bars(figure) -> dict:
    """{(trace name, category): value} of every bar in a figure."""
    found = {}
    for trace in figure["data"]:
        if trace.get("type") != "bar":
            continue
        horizontal = trace.get("orientation") == "h"
        categories = trace["y"] if horizontal else trace["x"]
        values = trace["x"] if horizontal else trace["y"]
        for category, value in zip(categories, values, strict=True):
            if value is not None:
                found[(trace.get("name"), category)] = value
    return found


def not_reported(figure) -> set:
    """Categories labelled 未报告 (text traces and annotations)."""
    labels = set()
    for trace in figure["data"]:
        if trace.get("mode") == "text" and trace.get("text") and all(t in ("未报告", "Not reported")
                                                                     for t in trace["text"]):
            labels.update(trace["y"])
    return labels
