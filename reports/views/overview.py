from django.shortcuts import render

from reports import charts, selectors


def overview(request):
    frame = selectors.metric_frame(metric_keys=["grid_count", "micro_grid_count"])
    figure = charts.grouped_bars(frame, title="网格与微网格")
    return render(request, "reports/overview.html", {"grid_figure": figure})
