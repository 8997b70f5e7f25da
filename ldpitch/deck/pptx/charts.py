"""Native, editable PowerPoint charts from chart descriptions (``ChartSpec``).

Part of the python-pptx writer (python-pptx is imported only in
``ldpitch/deck/pptx_*.py``). Every kind becomes a real chart with its data
in an embedded workbook: clustered column and bar, line with styled markers,
radar, XY scatter, bubble, a waterfall as stacked columns over an invisible
base (TECH A4), and a tornado as overlapping horizontal bars around the base
case. Colours come from the brand palette by series role; number formats
from the spec's value format, currency and locale; NaN and infinity never
reach the chart (``None`` is a gap); the chart XML is brought within the
ECMA-376 schema (``ooxml.fix_chart``) and carries the spec's alt text.
"""

from __future__ import annotations

import math
from dataclasses import replace

from pptx.chart.data import BubbleChartData, CategoryChartData, XyChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_MARKER_STYLE, XL_TICK_LABEL_POSITION
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.util import Pt

from ldpitch.charts import ChartSpec, Series, percentile_marks, waterfall_segments
from ldpitch.deck.branding import Palette, tint
from ldpitch.deck.chart_format import all_whole, label_text, largest_abs, nice_step, number, number_format, values
from ldpitch.deck.pptx.chart_parts import (
    CHART_FONT_PT,
    GRID,
    LABEL_FONT_PT,
    alpha,
    axis_title,
    category_axis,
    category_label_skip,
    clean,
    custom_label,
    first_category_on_top,
    label_ground,
    legend,
    marker_style,
    rgb,
    series_colours,
    value_axis,
)
from ldpitch.deck.pptx.ooxml import fix_chart

#: Where a point's label goes (``Point.label_side``).
LABEL_SIDES = {"right": XL_LABEL_POSITION.RIGHT, "left": XL_LABEL_POSITION.LEFT, "above": XL_LABEL_POSITION.ABOVE,
               "below": XL_LABEL_POSITION.BELOW}
#: Show value labels on column and bar charts with at most this many bars.
MAX_LABELLED_BARS = 16
#: A histogram names at most this many of its bands on the category axis (one line each).
HISTOGRAM_LABELS = 9


def add_chart(shapes, left, top, width, height, spec: ChartSpec, pal: Palette, font: str | None):
    """Draw ``spec`` as a native chart in the given box; returns the graphic frame."""
    kind = spec.kind
    if kind not in ("scatter", "bubble") and not spec.categories:  # nothing to draw yet: an empty, valid chart
        spec = replace(spec, categories=("",), series=tuple(replace(x, values=(None,)) for x in spec.series) or (Series("", (None,)),), totals=())
    if kind in ("scatter", "bubble"):
        frame = _xy_chart(shapes, (left, top, width, height), spec, pal)
    elif kind == "waterfall":
        frame = _waterfall(shapes, (left, top, width, height), spec, pal)
    elif kind == "tornado":
        frame = _tornado(shapes, (left, top, width, height), spec, pal)
    else:
        frame = _category_chart(shapes, (left, top, width, height), spec, pal)
    chart = frame.chart
    chart.has_title = False
    chart.font.size = Pt(CHART_FONT_PT)
    chart.font.color.rgb = rgb(pal.text)
    if font:
        chart.font.name = font
    fix_chart(chart._chartSpace)
    return frame


# --- category charts: column, bar, line, radar -----------------------------------


def _category_chart(shapes, box, spec: ChartSpec, pal: Palette):
    count = len(spec.categories)
    series = [(s, values(s.values, count)) for s in spec.series]
    magnitude = largest_abs(v for _, vals in series for v in vals)
    code = number_format(spec, magnitude, whole=spec.kind == "radar" and all_whole(v for _, vals in series for v in vals))
    data = CategoryChartData(number_format=code)
    data.categories = [clean(c) for c in spec.categories]
    for s, vals in series:
        data.add_series(clean(s.name), vals)
    chart_type = {
        "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
        "bar": XL_CHART_TYPE.BAR_CLUSTERED,
        "line": XL_CHART_TYPE.LINE_MARKERS,
        "radar": XL_CHART_TYPE.RADAR_MARKERS,
    }[spec.kind]
    frame = shapes.add_chart(chart_type, *box, data)
    chart = frame.chart
    colours = series_colours(spec, pal)
    legend(chart, len(spec.series))
    value_axis(chart, spec, code)
    negative = any(v is not None and v < 0 for _, vals in series for v in vals)
    if spec.kind in ("column", "bar"):
        _bars(chart, spec, colours, negative, count * len(series))
        if spec.kind == "column" and percentile_marks(spec):
            _percentiles(chart, spec, colours[0], pal)
    elif spec.kind == "line":
        _lines(chart, spec, colours, negative, pal)
    else:
        _radar(chart, colours)
    return frame


def _bars(chart, spec: ChartSpec, colours: list[str], negative: bool, bar_count: int) -> None:
    plot = chart.plots[0]
    plot.gap_width = 60
    plot.overlap = -10 if len(spec.series) > 1 else 0
    for ser, colour in zip(plot.series, colours, strict=False):
        ser.format.fill.solid()
        ser.format.fill.fore_color.rgb = rgb(colour)
        ser.invert_if_negative = False
    category_axis(chart, negative)
    if spec.kind == "bar":
        first_category_on_top(chart)
    if bar_count <= MAX_LABELLED_BARS:
        plot.has_data_labels = True
        labels = plot.data_labels
        labels.number_format = chart.value_axis.tick_labels.number_format
        labels.number_format_is_linked = False
        labels.position = XL_LABEL_POSITION.OUTSIDE_END
        labels.font.size = Pt(LABEL_FONT_PT)
        labels.show_value = True


def _percentiles(chart, spec: ChartSpec, colour: str, pal: Palette) -> None:
    """A histogram's p10, p50 and p90 on the native chart: the columns outside p10 to p90 paler, each marked column named.

    The same bands as the app's chart (``percentile_marks``); one series still plots the described counts.
    """
    marks = percentile_marks(spec)
    first, last = spec.categories.index(marks[0][0]), spec.categories.index(marks[-1][0])
    ser = list(chart.plots[0].series)[0]
    pale = tint("#" + colour, 0.6)
    for i in range(len(spec.categories)):
        if not first <= i <= last:
            fill = ser.points[i].format.fill
            fill.solid()
            fill.fore_color.rgb = rgb(pale)
    for band, text in marks:
        custom_label(ser.points[spec.categories.index(band)], text, XL_LABEL_POSITION.OUTSIDE_END, bold=True, colour=pal.text)
    category_label_skip(chart, math.ceil(len(spec.categories) / HISTOGRAM_LABELS))


def _lines(chart, spec: ChartSpec, colours: list[str], negative: bool, pal: Palette) -> None:
    plot = chart.plots[0]
    for s, ser, colour in zip(spec.series, plot.series, colours, strict=False):
        ser.smooth = False
        ser.format.line.color.rgb = rgb(colour)
        ser.format.line.width = Pt(2.5)
        if s.role in ("baseline", "target"):
            ser.format.line.dash_style = MSO_LINE_DASH_STYLE.DASH
        marker_style(ser.marker, colour, XL_MARKER_STYLE.CIRCLE, 7)
    category_axis(chart, negative)
    if spec.marker_at is not None and spec.marker_at in spec.categories and plot.series:
        index = spec.categories.index(spec.marker_at)
        main = next((i for i, s in enumerate(spec.series) if s.role in ("net", "benefit", "actual")), 0)
        point = list(plot.series)[main].points[index]
        highlight = pal.accent if colours[main] != pal.accent else pal.dark
        marker_style(point.marker, highlight, XL_MARKER_STYLE.DIAMOND, 13)
        point.format.fill.solid()  # LibreOffice colours a point's marker from the point's own fill
        point.format.fill.fore_color.rgb = rgb(highlight)
        text = str(spec.extra.get("marker_label", "Payback"))
        # above the point on a white ground so the line never runs through the words (RIGHT and LEFT
        # break category charts in PowerPoint for the web, python-pptx #1134)
        position = XL_LABEL_POSITION.ABOVE
        custom_label(point, text, position, bold=True, colour=pal.text, size=CHART_FONT_PT)
        label_ground(point.data_label)


def _radar(chart, colours: list[str]) -> None:
    for ser, colour in zip(chart.plots[0].series, colours, strict=False):
        ser.format.line.color.rgb = rgb(colour)
        ser.format.line.width = Pt(2.25)
        marker_style(ser.marker, colour, XL_MARKER_STYLE.CIRCLE, 7)


# --- waterfall and tornado ------------------------------------------------------------


def _waterfall(shapes, box, spec: ChartSpec, pal: Palette):
    segments = waterfall_segments(spec)
    spans = [(number(s.low) or 0.0, number(s.high) or 0.0) for s in segments]
    base_up = [low if low > 0 else 0.0 for low, high in spans]
    base_down = [high if high < 0 else 0.0 for low, high in spans]
    up = [(high - max(low, 0.0)) if high > 0 else 0.0 for low, high in spans]
    down = [(low - min(high, 0.0)) if low < 0 else 0.0 for low, high in spans]
    magnitude = largest_abs([abs(v) for pair in spans for v in pair])
    code = number_format(spec, magnitude)
    data = CategoryChartData(number_format=code)
    data.categories = [clean(s.category) for s in segments]
    for name, vals in (("(base)", base_up), ("(base below zero)", base_down), ("Above zero", up), ("Below zero", down)):
        data.add_series(name, vals)
    frame = shapes.add_chart(XL_CHART_TYPE.COLUMN_STACKED, *box, data)
    chart = frame.chart
    chart.has_legend = False
    plot = chart.plots[0]
    plot.gap_width = 50
    plot.overlap = 100
    series = list(plot.series)
    for ser in series[:2]:
        ser.format.fill.background()
        ser.format.line.fill.background()
    colour_of = {"increase": pal.primary, "decrease": pal.accent, "total": pal.muted}
    for ser in series[2:]:
        ser.invert_if_negative = False
        for i, seg in enumerate(segments):
            fill = ser.points[i].format.fill
            fill.solid()
            fill.fore_color.rgb = rgb(colour_of[seg.kind])
    value_axis(chart, spec, code)
    category_axis(chart, any(lo < 0 for lo, _ in spans))
    span = max((high for _, high in spans), default=0.0) - min((low for low, _ in spans), default=0.0) or 1.0
    for i, seg in enumerate(segments):
        low, high = spans[i]
        step = high - low
        if seg.kind == "decrease":
            step = -step
        elif seg.kind == "total":
            step = high + low
        positive = up[i] >= abs(down[i])
        if max(up[i], abs(down[i])) >= 0.12 * span:  # tall enough: white text inside the bar
            carrier, colour = (series[2] if positive else series[3]), "FFFFFF"
        elif (base_up[i] > 0) if positive else (base_down[i] < 0):  # short: dark text on the invisible base, by the bar
            carrier, colour = series[0 if positive else 1], pal.text
        else:  # short and standing on zero: dark text on a lighter bar
            carrier, colour = series[2 if positive else 3], pal.text
            fill = carrier.points[i].format.fill
            fill.solid()
            fill.fore_color.rgb = rgb(tint("#" + colour_of[seg.kind], 0.55))
        text = label_text(spec, step, signed=seg.kind != "total")
        custom_label(carrier.points[i], text, XL_LABEL_POSITION.INSIDE_END, bold=True, colour=colour)
    return frame


def _tornado(shapes, box, spec: ChartSpec, pal: Palette):
    """Each driver's outcomes as bars from the base case: the values plotted are the outcomes themselves.

    The category axis crosses the value axis at the base case (``crossesAt``),
    so bars grow from there to the outcome (PowerPoint and LibreOffice alike)
    and the value axis reads what the bar labels say: the ROI, not its change.
    """
    baseline = number(spec.baseline) or 0.0
    count = len(spec.categories)
    pairs = list(spec.series[:2])
    by_role = {s.role: s for s in pairs}
    low_s = by_role.get("low", pairs[0] if pairs else None)
    high_s = by_role.get("high", pairs[-1] if pairs else None)
    chosen = [s for s in (low_s, high_s) if s is not None]
    outcomes = [values(s.values, count) for s in chosen]
    plotted = [v for vals in outcomes for v in vals if v is not None]
    code = number_format(spec, largest_abs([*plotted, baseline]))
    data = CategoryChartData(number_format=code)
    data.categories = [clean(c) for c in spec.categories]
    for s, vals in zip(chosen, outcomes, strict=True):
        data.add_series(clean(s.name), vals)
    frame = shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, *box, data)
    chart = frame.chart
    plot = chart.plots[0]
    plot.gap_width = 40
    plot.overlap = 100
    legend(chart, len(chosen))
    axis = chart.value_axis
    value_axis(chart, replace(spec, y_title="", x_title="", value_range=None), code)
    if spec.y_title:
        axis_title(axis, spec.y_title)
    axis.crosses_at = baseline  # written on the category axis: where it crosses, and where the bars start
    category = chart.category_axis
    first_category_on_top(chart)
    category.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    category.format.line.color.rgb = rgb("595959")
    for s, ser, vals in zip(chosen, plot.series, outcomes, strict=True):
        ser.format.fill.solid()
        ser.format.fill.fore_color.rgb = rgb(pal.role(s.role if s.role in ("low", "high") else ("low" if s is low_s else "high")))
        ser.invert_if_negative = False
        for i, v in enumerate(vals):
            if v is not None:
                custom_label(ser.points[i], label_text(spec, v), XL_LABEL_POSITION.OUTSIDE_END)
    reach = max((abs(v - baseline) for v in plotted), default=0.0)
    if reach > 0:  # around the base case, with room for the labels beyond the longest bars, on round ticks
        step = nice_step(reach * 1.35 / 3)
        low = math.floor((min(plotted + [baseline]) - reach * 0.35) / step) * step
        high = math.ceil((max(plotted + [baseline]) + reach * 0.35) / step) * step
        axis.minimum_scale, axis.maximum_scale, axis.major_unit = low, high, step
    return frame


# --- scatter and bubble ---------------------------------------------------------------


def _xy_chart(shapes, box, spec: ChartSpec, pal: Palette):
    groups: dict[str, list] = {}
    for p in spec.points:
        if number(p.x) is None or number(p.y) is None:
            continue
        groups.setdefault(clean(p.group) if p.group else "Points", []).append(p)
    # The group with the most points first: LibreOffice drops a series that comes before a longer one (five
    # stakeholders in groups of 1, 1, 1 and 2 showed as two points); PowerPoint draws either order.
    groups = dict(sorted(groups.items(), key=lambda kv: -len(kv[1])))
    if not groups:
        groups["Points"] = []
    bubble = spec.kind == "bubble"
    data = BubbleChartData() if bubble else XyChartData()
    ys = [number(p.y) for ps in groups.values() for p in ps]
    xs = [number(p.x) for ps in groups.values() for p in ps]
    code = number_format(spec, largest_abs(ys), whole=all_whole(ys))
    for name, points in groups.items():
        ser = data.add_series(name, number_format=code)
        for p in points:
            if bubble:
                ser.add_data_point(number(p.x), number(p.y), max(number(p.size) or 1.0, 0.0))
            else:
                ser.add_data_point(number(p.x), number(p.y))
    chart_type = XL_CHART_TYPE.BUBBLE if bubble else XL_CHART_TYPE.XY_SCATTER
    frame = shapes.add_chart(chart_type, *box, data)
    chart = frame.chart
    legend(chart, len(groups))
    cycle = [pal.primary, pal.accent, pal.dark, pal.neutral, tint("#" + pal.primary, 0.45)]
    plot = chart.plots[0]
    if bubble:
        plot.bubble_scale = 50
    for i, (ser, points) in enumerate(zip(plot.series, groups.values(), strict=True)):
        colour = cycle[i % len(cycle)]
        if bubble:
            ser.format.fill.solid()
            ser.format.fill.fore_color.rgb = rgb(colour)
            alpha(ser.format.fill, 70)
            ser.format.line.color.rgb = rgb("FFFFFF")
        else:
            ser.format.line.fill.background()
            marker_style(ser.marker, colour, XL_MARKER_STYLE.CIRCLE, 12)
        for j, p in enumerate(points):
            if p.label:  # a point sharing its spot is named on the spot's one label
                custom_label(ser.points[j], p.label, LABEL_SIDES[p.label_side])
    value_axis(chart, spec, code)
    x_axis = chart.category_axis
    x_axis.has_major_gridlines = True
    x_axis.major_gridlines.format.line.color.rgb = rgb(GRID)
    x_axis.tick_labels.number_format = number_format(spec, largest_abs(xs), whole=all_whole(xs))
    x_axis.tick_labels.number_format_is_linked = False
    if spec.x_range is not None:
        low, high = (number(v) for v in spec.x_range)
        if low is not None and high is not None and low < high:
            x_axis.minimum_scale, x_axis.maximum_scale = low, high
    if spec.x_title:
        axis_title(x_axis, spec.x_title)
    return frame
