"""Chart description -> Altair chart: the app's renderer of ``ChartSpec`` (the only module that imports altair).

``to_altair(spec)`` draws every ``ChartSpec.kind`` from the same description
the deck turns into native PowerPoint charts, so the two cannot disagree.
Data is always inline (never a URL); gaps are ``null``, never NaN. Axes use
d3 number formats under a Vega locale built from the pitch's currency and
locale; tooltips carry text already formatted by ``ldpitch.format``.
``chart_png`` and ``chart_svg`` draw the same spec as an image, offline, with
vl-convert: what people download is what they saw.
"""

from __future__ import annotations

import json
import math
from decimal import Decimal
from functools import lru_cache

import altair as alt

from ldpitch import format as fmt
from ldpitch.charts.spec import ChartSpec, Series, waterfall_segments

#: Colours per series role (the deck maps the same roles to the brand's colours).
ROLE_COLOURS = {
    "cost": "#E07A5F",
    "benefit": "#3D8B6E",
    "net": "#1F3A5F",
    "primary": "#1F3A5F",
    "secondary": "#7A6C9D",
    "baseline": "#8A8F98",
    "target": "#D9A03F",
    "actual": "#1F3A5F",
    "low": "#E07A5F",
    "high": "#3D8B6E",
}
#: Stakeholder stances keep one colour each on every grid.
GROUP_COLOURS = {"champion": "#3D8B6E", "supporter": "#7FB69E", "neutral": "#8A8F98", "sceptic": "#E0A35F", "blocker": "#C0392B"}
PALETTE = ["#1F3A5F", "#E07A5F", "#3D8B6E", "#D9A03F", "#7A6C9D", "#8A8F98"]
FONT = "'Source Sans Pro', 'Liberation Sans', Arial, sans-serif"
WIDTH, HEIGHT = 560, 300


def to_altair(spec: ChartSpec) -> alt.TopLevelMixin:
    """The Altair chart for ``spec``, configured with the pitch's number locale."""
    draw = {
        "column": _column, "bar": _bar, "line": _line, "radar": _radar, "scatter": _scatter,
        "bubble": _scatter, "waterfall": _waterfall, "tornado": _tornado,
    }[spec.kind]
    chart = draw(spec)
    return chart.properties(title=spec.title).configure(
        locale=vega_locale(spec.currency, spec.locale), font=FONT,
    ).configure_view(strokeWidth=0).configure_title(anchor="start", fontSize=15)


# --- images --------------------------------------------------------------------------------


#: Pixels per inch of downloaded PNGs: twice the screen's 72, sharp on slides and high-density displays.
IMAGE_PPI = 144


def chart_png(spec: ChartSpec, *, ppi: int = IMAGE_PPI) -> bytes:
    """The chart as a PNG, drawn offline by vl-convert from the same Vega-Lite spec the app shows (at ``ppi``, scale 1).

    The first image in a process takes about a second while the engine starts; later ones about 0.1 s.
    """
    import vl_convert  # deferred: the engine loads only when someone asks for an image

    return vl_convert.vegalite_to_png(_image_spec(spec), vl_version=_vl_version(), ppi=ppi, allowed_base_urls=[])


def chart_svg(spec: ChartSpec) -> str:
    """The chart as SVG text, drawn offline by vl-convert from the same Vega-Lite spec the app shows."""
    import vl_convert

    return vl_convert.vegalite_to_svg(_image_spec(spec), vl_version=_vl_version(), allowed_base_urls=[])


def _image_spec(spec: ChartSpec) -> dict:
    # The app draws with theme=None, so this dict is exactly what the screen shows (at the chart's own width).
    return vega_lite_spec(spec)


def vega_lite_spec(spec: ChartSpec) -> dict:
    """The Vega-Lite dict of ``to_altair(spec)``, built once per distinct chart description.

    Building and validating an Altair chart costs several milliseconds; a page
    redraws the same charts on every rerun, so the result is kept (as JSON,
    and handed out as a fresh dict the caller may change).
    """
    return json.loads(_vega_lite_json(spec))


@lru_cache(maxsize=256)
def _vega_lite_json(spec: ChartSpec) -> str:
    return json.dumps(to_altair(spec).to_dict())


def _vl_version() -> str:
    """Altair's Vega-Lite version as vl-convert names it (``v6.4.1`` -> ``v6_4``)."""
    major, minor = alt.SCHEMA_VERSION.lstrip("v").split(".")[:2]
    return f"v{major}_{minor}"


# --- numbers ---------------------------------------------------------------------------------


@lru_cache(maxsize=64)
def vega_locale(currency: str, locale: str) -> dict:
    """The d3-format locale (decimal and group marks, currency prefix/suffix) Vega uses for axes, from ``ldpitch.format``."""
    marks = fmt.number_marks(locale)
    return {"number": {
        "decimal": marks.decimal,
        "thousands": marks.group,
        "grouping": [3],
        "currency": list(fmt.currency_affixes(currency, locale)),
        "minus": marks.minus,
    }}


def _axis_format(spec: ChartSpec, largest: float) -> str:
    """A d3 format for the value axis; percent values are stored as fractions (see ``_value``)."""
    if spec.value_format == "money":
        return "$.3~s" if largest >= 1_000_000 else "$,.0f"
    if spec.value_format in ("percent", "share"):
        return ".0%"
    if spec.value_format == "score":
        return ",.0f"
    return ",.4~f"


def _value(spec: ChartSpec, v: Decimal | None) -> float | None:
    """A value as the chart plots it: ``None`` stays a gap; ROI percentages become fractions."""
    if v is None or not v.is_finite():
        return None
    return float(v / 100) if spec.value_format == "percent" else float(v)


def _label(spec: ChartSpec, v: Decimal | None) -> str:
    """A value as people read it in a tooltip, formatted by ``ldpitch.format``."""
    if v is None or not v.is_finite():
        return fmt.NOT_AVAILABLE
    f = spec.value_format
    if f == "money":
        return fmt.money(v, spec.currency, spec.locale)
    if f == "percent":
        return fmt.percent(v, spec.locale)
    if f == "share":
        return fmt.share(v, spec.locale)
    if f == "months":
        return fmt.months(v, spec.locale)
    return fmt.number(v, spec.locale)


def _short(spec: ChartSpec, v: Decimal) -> str:
    """A value as a label on a bar: money in its compact form so labels do not collide."""
    return fmt.compact_money(v, spec.currency, spec.locale) if spec.value_format == "money" else _label(spec, v)


def _largest(spec: ChartSpec) -> float:
    values = [abs(float(v)) for s in spec.series for v in s.values if v is not None]
    return max(values, default=0.0)


def _value_axis(spec: ChartSpec, title: str | None = None) -> alt.Axis:
    return alt.Axis(format=_axis_format(spec, _largest(spec)), title=spec.y_title if title is None else title, grid=True)


def _scale(spec: ChartSpec) -> alt.Scale:
    if spec.value_range is None:
        return alt.Scale(zero=True, nice=True)
    low, high = spec.value_range
    return alt.Scale(domain=[_value(spec, low), _value(spec, high)])


def _colour(series: tuple[Series, ...]) -> alt.Scale:
    names = [s.name for s in series]
    colours = [ROLE_COLOURS.get(s.role, PALETTE[n % len(PALETTE)]) for n, s in enumerate(series)]
    if len(set(colours)) < len(colours):  # two series of one role: fall back to the palette
        colours = [PALETTE[n % len(PALETTE)] for n in range(len(series))]
    return alt.Scale(domain=names, range=colours)


def _long_rows(spec: ChartSpec) -> list[dict]:
    """One row per category and series: the shape clustered and line charts encode."""
    return [
        {"category": c, "order": n, "series": s.name, "value": _value(spec, v), "label": _label(spec, v),
         "short": "" if v is None else _short(spec, v)}
        for s in spec.series
        for n, (c, v) in enumerate(zip(spec.categories, s.values, strict=True))
    ]


def _legend(spec: ChartSpec) -> alt.Legend | None:
    return alt.Legend(title=None, orient="top") if len(spec.series) > 1 else None


# --- kinds -----------------------------------------------------------------------------------


def _column(spec: ChartSpec) -> alt.LayerChart:
    data = alt.Data(values=_long_rows(spec))
    x = alt.X("category:N", sort=list(spec.categories), title=spec.x_title or None, axis=alt.Axis(labelAngle=0))
    offset = alt.XOffset("series:N", sort=[s.name for s in spec.series])
    y = alt.Y("value:Q", axis=_value_axis(spec), scale=_scale(spec))
    bars = alt.Chart(data).mark_bar(cornerRadiusTopLeft=2, cornerRadiusTopRight=2).encode(
        x=x, xOffset=offset, y=y,
        color=alt.Color("series:N", scale=_colour(spec.series), legend=_legend(spec)),
        tooltip=[alt.Tooltip("category:N", title=spec.x_title or " "), alt.Tooltip("series:N", title="Series"),
                 alt.Tooltip("label:N", title="Value")],
    )
    layers = [bars]
    if len(spec.categories) * len(spec.series) <= 12:  # few columns: print each value on top of its column
        layers.append(alt.Chart(data).mark_text(dy=-7, fontSize=11, color="#333").encode(x=x, xOffset=offset, y=y, text="short:N"))
    return alt.layer(*layers).properties(width=WIDTH, height=HEIGHT)


def _bar(spec: ChartSpec) -> alt.Chart:
    data = alt.Data(values=_long_rows(spec))
    height = max(120, 34 * len(spec.categories) * max(1, len(spec.series)))
    bars = alt.Chart(data).mark_bar(cornerRadiusTopRight=2, cornerRadiusBottomRight=2).encode(
        y=alt.Y("category:N", sort=list(spec.categories), title=spec.x_title or None, axis=alt.Axis(labelLimit=260)),
        yOffset=alt.YOffset("series:N", sort=[s.name for s in spec.series]),
        x=alt.X("value:Q", axis=_value_axis(spec, spec.y_title), scale=_scale(spec)),
        color=alt.Color("series:N", scale=_colour(spec.series), legend=_legend(spec)),
        tooltip=[alt.Tooltip("category:N", title=" "), alt.Tooltip("label:N", title="Value")],
    )
    text = bars.mark_text(align="left", dx=4, color="#333").encode(text="short:N")
    return alt.layer(bars, text).properties(width=WIDTH, height=height)


def _line(spec: ChartSpec) -> alt.LayerChart:
    rows = _long_rows(spec)
    data = alt.Data(values=rows)
    x = alt.X("category:N", sort=list(spec.categories), title=spec.x_title or None,
              axis=alt.Axis(labelAngle=0, labelOverlap="parity"))
    line = alt.Chart(data).mark_line(point=alt.OverlayMarkDef(size=18)).encode(
        x=x, y=alt.Y("value:Q", axis=_value_axis(spec), scale=_scale(spec)),
        color=alt.Color("series:N", scale=_colour(spec.series), legend=_legend(spec)),
        tooltip=[alt.Tooltip("category:N", title=spec.x_title or " "), alt.Tooltip("series:N", title="Series"),
                 alt.Tooltip("label:N", title="Value")],
    )
    layers = [line]
    if spec.value_format in ("money", "number", "percent") and any((r["value"] or 0) < 0 for r in rows):
        layers.insert(0, alt.Chart(alt.Data(values=[{"zero": 0}])).mark_rule(color="#999").encode(y="zero:Q"))
    if spec.marker_at in spec.categories:
        hit = next((r for r in rows if r["category"] == spec.marker_at), None)
        marker = alt.Data(values=[{"category": spec.marker_at, "value": hit["value"] if hit else 0, "text": spec.note or "Payback"}])
        layers.append(alt.Chart(marker).mark_rule(color="#D9A03F", strokeDash=[4, 3], strokeWidth=2).encode(x=x))
        layers.append(alt.Chart(marker).mark_point(shape="diamond", size=160, filled=True, color="#D9A03F").encode(
            x=x, y="value:Q", tooltip=alt.Tooltip("text:N", title="Payback")))
        layers.append(alt.Chart(alt.Data(values=[{"category": spec.marker_at, "text": "Payback"}])).mark_text(
            align="left", dx=6, dy=-6, fontWeight="bold", color="#8A6414").encode(x=x, y=alt.value(12), text="text:N"))
    return alt.layer(*layers).properties(width=WIDTH, height=HEIGHT)


def _radar(spec: ChartSpec) -> alt.LayerChart:
    """Vega-Lite has no polar lines: place each point with trig, first axis at the top, clockwise."""
    n = len(spec.categories)
    top = float(spec.value_range[1]) if spec.value_range else max(_largest(spec), 1.0)

    def xy(r: float, i: int) -> tuple[float, float]:
        a = math.pi / 2 - 2 * math.pi * i / n
        return r * math.cos(a), r * math.sin(a)

    rings = [{"ring": r, "order": i, "x": xy(r, i % n)[0], "y": xy(r, i % n)[1]}
             for r in range(1, int(top) + 1) for i in range(n + 1)]
    spokes = [{"axis": c, "x": v[0], "y": v[1]} for i, c in enumerate(spec.categories) for v in ((0.0, 0.0), xy(top, i))]
    labels = [{"text": c, "x": xy(top * 1.18, i)[0], "y": xy(top * 1.18, i)[1]} for i, c in enumerate(spec.categories)]
    shapes = []
    for s in spec.series:
        for i in [*range(n), 0]:
            v = s.values[i]
            r = 0.0 if v is None else float(v)
            shapes.append({"series": s.name, "order": len(shapes), "axis": spec.categories[i], "x": xy(r, i)[0], "y": xy(r, i)[1],
                           "label": "not scored" if v is None else _label(spec, v)})
    lim = top * 1.4
    x = alt.X("x:Q", axis=None, scale=alt.Scale(domain=[-lim, lim]))
    y = alt.Y("y:Q", axis=None, scale=alt.Scale(domain=[-lim, lim]))
    grid = alt.Chart(alt.Data(values=rings)).mark_line(color="#D0D4DA", strokeWidth=1).encode(x=x, y=y, detail="ring:N", order="order:Q")
    spoke = alt.Chart(alt.Data(values=spokes)).mark_line(color="#D0D4DA", strokeWidth=1).encode(x=x, y=y, detail="axis:N")
    text = alt.Chart(alt.Data(values=labels)).mark_text(fontSize=12, fontWeight="bold", color="#333").encode(x=x, y=y, text="text:N")
    shape = alt.Chart(alt.Data(values=shapes))
    area = shape.mark_line(point=alt.OverlayMarkDef(size=60, filled=True), strokeWidth=2.5).encode(
        x=x, y=y, order="order:Q", color=alt.Color("series:N", scale=_colour(spec.series), legend=_legend(spec)),
        tooltip=[alt.Tooltip("axis:N", title="Factor"), alt.Tooltip("label:N", title="Score")])
    return alt.layer(grid, spoke, area, text).properties(width=380, height=380)


def _scatter(spec: ChartSpec) -> alt.LayerChart:
    groups = list(dict.fromkeys(p.group or " " for p in spec.points))
    seen: dict[tuple, int] = {}
    rows = []
    for p in spec.points:
        rank = seen[(p.x, p.y)] = seen.get((p.x, p.y), -1) + 1  # points on one spot fan out to the right
        rows.append({"label": p.label, "x": float(p.x) + 0.14 * rank, "y": float(p.y), "size": float(p.size),
                     "group": p.group or " ", "rank": rank, "x_text": fmt.number(p.x, spec.locale), "y_text": fmt.number(p.y, spec.locale)})
    xs = alt.Scale(domain=[float(v) for v in spec.x_range]) if spec.x_range else alt.Scale(zero=False, nice=True)
    ys = alt.Scale(domain=[float(v) for v in spec.value_range]) if spec.value_range else alt.Scale(zero=False, nice=True)
    x = alt.X("x:Q", scale=xs, title=spec.x_title or None, axis=alt.Axis(tickMinStep=1))
    y = alt.Y("y:Q", scale=ys, title=spec.y_title or None, axis=alt.Axis(tickMinStep=1))
    base = alt.Chart(alt.Data(values=rows))
    colours = [GROUP_COLOURS.get(g, PALETTE[n % len(PALETTE)]) for n, g in enumerate(groups)]
    colour = alt.Color("group:N", scale=alt.Scale(domain=groups or [" "], range=colours or PALETTE), legend=alt.Legend(title=None, orient="top"))
    size = alt.Size("size:Q", legend=None, scale=alt.Scale(range=[80, 1600])) if spec.kind == "bubble" else alt.value(140)
    dots = base.mark_circle(opacity=0.85).encode(
        x=x, y=y, color=colour, size=size,
        tooltip=[alt.Tooltip("label:N", title=" "), alt.Tooltip("x_text:N", title=spec.x_title or "x"),
                 alt.Tooltip("y_text:N", title=spec.y_title or "y"), alt.Tooltip("group:N", title="Group")])
    layers = [dots] + [
        base.transform_filter(f"datum.rank == {rank}").mark_text(align="left", dx=9, dy=-7 + 15 * rank, fontSize=12, color="#333", limit=130)
        .encode(x=x, y=y, text="label:N")
        for rank in sorted({r["rank"] for r in rows})
    ]
    if spec.x_range and spec.value_range:  # quadrant lines of a grid such as power/interest
        mid = [{"x": float(sum(spec.x_range) / 2), "y": float(sum(spec.value_range) / 2)}]
        guide = alt.Chart(alt.Data(values=mid))
        layers[:0] = [guide.mark_rule(color="#C8CDD4", strokeDash=[4, 4]).encode(x=x),
                      guide.mark_rule(color="#C8CDD4", strokeDash=[4, 4]).encode(y=y)]
    return alt.layer(*layers).properties(width=WIDTH, height=360)


def _waterfall(spec: ChartSpec) -> alt.LayerChart:
    kinds = {"increase": "Increase", "decrease": "Decrease", "total": "Total"}
    rows = [{"category": w.category, "low": float(w.low), "high": float(w.high), "kind": kinds[w.kind],
             "label": _label(spec, (w.high - w.low) if w.kind != "total" else (w.high if w.high > 0 else w.low)),
             "short": _short(spec, (w.high - w.low) if w.kind != "total" else (w.high if w.high > 0 else w.low)),
             "top": float(w.high)}
            for w in waterfall_segments(spec)]
    largest = max((max(abs(r["low"]), abs(r["high"])) for r in rows), default=0.0)
    colours = {"Total": ROLE_COLOURS["net"], "Increase": ROLE_COLOURS["benefit"], "Decrease": ROLE_COLOURS["cost"]}
    present = {r["kind"] for r in rows}
    x = alt.X("category:N", sort=list(spec.categories), title=None, axis=alt.Axis(labelAngle=-30, labelLimit=170))
    base = alt.Chart(alt.Data(values=rows))
    bars = base.mark_bar(cornerRadius=2).encode(
        x=x, y=alt.Y("low:Q", axis=alt.Axis(format=_axis_format(spec, largest), title=spec.y_title or None)), y2="high:Q",
        color=alt.Color("kind:N", scale=alt.Scale(domain=[k for k in colours if k in present], range=[colours[k] for k in colours if k in present]),
                        legend=alt.Legend(title=None, orient="top")),
        tooltip=[alt.Tooltip("category:N", title=" "), alt.Tooltip("label:N", title="Amount")])
    text = base.mark_text(dy=-7, fontSize=11, color="#333").encode(x=x, y="top:Q", text="short:N")
    return alt.layer(bars, text).properties(width=WIDTH, height=HEIGHT + 40)


def _tornado(spec: ChartSpec) -> alt.LayerChart:
    """Each driver's bars run from the baseline to the outcome with the input lower and higher."""
    base_value = _value(spec, spec.baseline) or 0.0
    rows = []
    for s in spec.series:
        for c, v in zip(spec.categories, s.values, strict=True):
            if v is not None:
                rows.append({"driver": c, "series": s.name, "start": base_value, "end": _value(spec, v), "label": _label(spec, v)})
    values = [base_value] + [r["end"] for r in rows]
    largest = max((abs(v) for v in values), default=0.0)
    y = alt.Y("driver:N", sort=list(spec.categories), title=None, axis=alt.Axis(labelLimit=300))
    x = alt.X("start:Q", title=spec.y_title or None, axis=alt.Axis(format=_axis_format(spec, largest)), scale=alt.Scale(zero=False, nice=True))
    bars = alt.Chart(alt.Data(values=rows)).mark_bar(height={"band": 0.7}).encode(
        y=y, x=x, x2="end:Q",
        color=alt.Color("series:N", scale=_colour(spec.series), legend=alt.Legend(title=None, orient="top")),
        tooltip=[alt.Tooltip("driver:N", title="Input"), alt.Tooltip("series:N", title=" "), alt.Tooltip("label:N", title="ROI")])
    rule_data = [{"start": base_value, "label": f"Expected {_label(spec, spec.baseline)}"}]
    rule = alt.Chart(alt.Data(values=rule_data)).mark_rule(color="#333", strokeWidth=1.5).encode(
        x="start:Q", tooltip=alt.Tooltip("label:N", title="Baseline"))
    return alt.layer(bars, rule).properties(width=WIDTH, height=max(140, 40 * len(spec.categories)))
