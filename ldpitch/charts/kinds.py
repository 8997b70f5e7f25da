"""Each kind of chart as Vega-Lite, written as plain dicts exactly as Altair's ``to_dict()`` writes them (``render`` checks them).

One function per ``ChartSpec.kind`` (``DRAW``), the pieces they share
(fields, layers, value axes) and the numbers on the axes: d3 formats under a
Vega locale built from the pitch's currency and locale, labels already
formatted by ``ldpitch.format``.
"""

from __future__ import annotations

import math
from decimal import Decimal
from functools import lru_cache

from ldpitch import format as fmt
from ldpitch.charts.spec import ChartSpec, Series, percentile_marks, waterfall_segments

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
#: Altair's default view size, which its ``to_dict()`` writes into every chart's config.
DEFAULT_VIEW = {"continuousWidth": 300, "continuousHeight": 300}


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


def _value_axis(spec: ChartSpec, title: str | None = None) -> dict:
    return {"format": _axis_format(spec, _largest(spec)), "grid": True, "title": spec.y_title if title is None else title}


def _scale(spec: ChartSpec) -> dict:
    if spec.value_range is None:
        return {"nice": True, "zero": True}
    low, high = spec.value_range
    return {"domain": [_value(spec, low), _value(spec, high)]}


def _colour(series: tuple[Series, ...]) -> dict:
    names = [s.name for s in series]
    colours = [ROLE_COLOURS.get(s.role, PALETTE[n % len(PALETTE)]) for n, s in enumerate(series)]
    if len(set(colours)) < len(colours):  # two series of one role: fall back to the palette
        colours = [PALETTE[n % len(PALETTE)] for n in range(len(series))]
    return {"domain": names, "range": colours}


def _long_rows(spec: ChartSpec) -> list[dict]:
    """One row per category and series: the shape clustered and line charts encode."""
    return [
        {"category": c, "order": n, "series": s.name, "value": _value(spec, v), "label": _label(spec, v),
         "short": "" if v is None else _short(spec, v)}
        for s in spec.series
        for n, (c, v) in enumerate(zip(spec.categories, s.values, strict=True))
    ]


def _legend(spec: ChartSpec) -> dict | None:
    return {"orient": "top", "title": None} if len(spec.series) > 1 else None


# --- Vega-Lite pieces, as Altair writes them -------------------------------------------------


def _nominal(name: str, **more) -> dict:
    """An encoding of a field read as categories (Altair's ``"name:N"``)."""
    return {"field": name, "type": "nominal", **more}


def _quantitative(name: str, **more) -> dict:
    """An encoding of a field read as numbers (Altair's ``"name:Q"``)."""
    return {"field": name, "type": "quantitative", **more}


def _layer(mark: str, encoding: dict, data: list[dict] | None = None, **mark_properties) -> dict:
    """One layer: a mark with its properties, its encoding and (unless the chart's layers share it) its data."""
    layer = {"data": {"values": data}} if data is not None else {}
    return {**layer, "mark": {"type": mark, **mark_properties}, "encoding": encoding}


def _shared(rows: list[dict], layers: list[dict], width: int, height: int) -> dict:
    """Layers drawn from one table: the table is written once, above the layers (as Altair does)."""
    return {"layer": layers, "data": {"values": rows}, "height": height, "width": width}


def _separate(layers: list[dict], width: int, height: int) -> dict:
    """Layers that each carry their own table."""
    return {"layer": layers, "height": height, "width": width}


# --- kinds -----------------------------------------------------------------------------------


def _column(spec: ChartSpec) -> dict:
    rows = _long_rows(spec)
    x = _nominal("category", axis={"labelAngle": 0}, sort=list(spec.categories), title=spec.x_title or None)
    offset = _nominal("series", sort=[s.name for s in spec.series])
    y = _quantitative("value", axis=_value_axis(spec), scale=_scale(spec))
    bars = _layer("bar", {
        "color": _nominal("series", legend=_legend(spec), scale=_colour(spec.series)),
        "tooltip": [_nominal("category", title=spec.x_title or " "), _nominal("series", title="Series"), _nominal("label", title="Value")],
        "x": x, "xOffset": offset, "y": y,
    }, cornerRadiusTopLeft=2, cornerRadiusTopRight=2)
    layers = [bars]
    if len(spec.categories) * len(spec.series) <= 12:  # few columns: print each value on top of its column
        layers.append(_layer("text", {"text": _nominal("short"), "x": x, "xOffset": offset, "y": y}, color="#333", dy=-7, fontSize=11))
    marks = percentile_marks(spec)
    if not marks:
        return _shared(rows, layers, WIDTH, HEIGHT)
    # A histogram with p10, p50 and p90 marked: the columns outside p10 to p90 paler, a rule and its name at each.
    inside = set(spec.categories[spec.categories.index(marks[0][0]):spec.categories.index(marks[-1][0]) + 1])
    rows = [{**r, "inside": r["category"] in inside} for r in rows]
    bars["encoding"]["opacity"] = {"condition": {"test": "datum.inside", "value": 1}, "value": 0.4}
    at = [{"category": band, "text": text} for band, text in marks]
    layers.append(_layer("rule", {"tooltip": _nominal("text", title="Percentile"), "x": x}, at, color="#D9A03F", strokeDash=[4, 3], strokeWidth=2))
    layers.append(_layer("text", {"text": _nominal("text"), "x": x, "y": {"value": -6}}, at, color="#8A6414", fontWeight="bold"))
    return _separate([{"data": {"values": rows}, **layer} if "data" not in layer else layer for layer in layers], WIDTH, HEIGHT)



def _bar(spec: ChartSpec) -> dict:
    rows = _long_rows(spec)
    height = max(120, 34 * len(spec.categories) * max(1, len(spec.series)))
    encoding = {
        "color": _nominal("series", legend=_legend(spec), scale=_colour(spec.series)),
        "tooltip": [_nominal("category", title=" "), _nominal("label", title="Value")],
        "x": _quantitative("value", axis=_value_axis(spec, spec.y_title), scale=_scale(spec)),
        "y": _nominal("category", axis={"labelLimit": 260}, sort=list(spec.categories), title=spec.x_title or None),
        "yOffset": _nominal("series", sort=[s.name for s in spec.series]),
    }
    bars = _layer("bar", encoding, cornerRadiusBottomRight=2, cornerRadiusTopRight=2)
    text = _layer("text", {**encoding, "text": _nominal("short")}, align="left", color="#333", dx=4)  # the bars' encoding, labelled
    return _shared(rows, [bars, text], WIDTH, height)


def _line(spec: ChartSpec) -> dict:
    rows = _long_rows(spec)
    x = _nominal("category", axis={"labelAngle": 0, "labelOverlap": "parity"}, sort=list(spec.categories), title=spec.x_title or None)
    line = _layer("line", {
        "color": _nominal("series", legend=_legend(spec), scale=_colour(spec.series)),
        "tooltip": [_nominal("category", title=spec.x_title or " "), _nominal("series", title="Series"), _nominal("label", title="Value")],
        "x": x, "y": _quantitative("value", axis=_value_axis(spec), scale=_scale(spec)),
    }, point={"size": 18})
    layers = [line]
    if spec.value_format in ("money", "number", "percent") and any((r["value"] or 0) < 0 for r in rows):
        layers.insert(0, _layer("rule", {"y": _quantitative("zero")}, [{"zero": 0}], color="#999"))
    if spec.marker_at in spec.categories:
        hit = next((r for r in rows if r["category"] == spec.marker_at), None)
        marker = [{"category": spec.marker_at, "value": hit["value"] if hit else 0, "text": spec.note or "Payback"}]
        layers.append(_layer("rule", {"x": x}, marker, color="#D9A03F", strokeDash=[4, 3], strokeWidth=2))
        layers.append(_layer("point", {"tooltip": _nominal("text", title="Payback"), "x": x, "y": _quantitative("value")}, marker,
                             color="#D9A03F", filled=True, shape="diamond", size=160))
        layers.append(_layer("text", {"text": _nominal("text"), "x": x, "y": {"value": 12}}, [{"category": spec.marker_at, "text": "Payback"}],
                             align="left", color="#8A6414", dx=6, dy=-6, fontWeight="bold"))
    if len(layers) == 1:
        return _shared(rows, layers, WIDTH, HEIGHT)
    layers[layers.index(line)] = {"data": {"values": rows}, **line}  # the line's table is its own once other layers have theirs
    return _separate(layers, WIDTH, HEIGHT)


def _radar(spec: ChartSpec) -> dict:
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
    x = _quantitative("x", axis=None, scale={"domain": [-lim, lim]})
    y = _quantitative("y", axis=None, scale={"domain": [-lim, lim]})
    grid = _layer("line", {"detail": _nominal("ring"), "order": _quantitative("order"), "x": x, "y": y}, rings, color="#D0D4DA", strokeWidth=1)
    spoke = _layer("line", {"detail": _nominal("axis"), "x": x, "y": y}, spokes, color="#D0D4DA", strokeWidth=1)
    area = _layer("line", {
        "color": _nominal("series", legend=_legend(spec), scale=_colour(spec.series)), "order": _quantitative("order"),
        "tooltip": [_nominal("axis", title="Factor"), _nominal("label", title="Score")], "x": x, "y": y,
    }, shapes, point={"filled": True, "size": 60}, strokeWidth=2.5)
    text = _layer("text", {"text": _nominal("text"), "x": x, "y": y}, labels, color="#333", fontSize=12, fontWeight="bold")
    return _separate([grid, spoke, area, text], 380, 380)


def _scatter(spec: ChartSpec) -> dict:
    groups = list(dict.fromkeys(p.group or " " for p in spec.points))
    seen: dict[tuple, int] = {}
    rows = []
    for p in spec.points:
        rank = seen[(p.x, p.y)] = seen.get((p.x, p.y), -1) + 1  # points on one spot fan out to the right
        rows.append({"label": p.label, "x": float(p.x) + 0.14 * rank, "y": float(p.y), "size": float(p.size),
                     "group": p.group or " ", "rank": rank, "x_text": fmt.number(p.x, spec.locale), "y_text": fmt.number(p.y, spec.locale)})
    xs = {"domain": [float(v) for v in spec.x_range]} if spec.x_range else {"nice": True, "zero": False}
    ys = {"domain": [float(v) for v in spec.value_range]} if spec.value_range else {"nice": True, "zero": False}
    x = _quantitative("x", axis={"tickMinStep": 1}, scale=xs, title=spec.x_title or None)
    y = _quantitative("y", axis={"tickMinStep": 1}, scale=ys, title=spec.y_title or None)
    colours = [GROUP_COLOURS.get(g, PALETTE[n % len(PALETTE)]) for n, g in enumerate(groups)]
    colour = _nominal("group", legend={"orient": "top", "title": None}, scale={"domain": groups or [" "], "range": colours or PALETTE})
    size = _quantitative("size", legend=None, scale={"range": [80, 1600]}) if spec.kind == "bubble" else {"value": 140}
    dots = _layer("circle", {
        "color": colour, "size": size,
        "tooltip": [_nominal("label", title=" "), _nominal("x_text", title=spec.x_title or "x"),
                    _nominal("y_text", title=spec.y_title or "y"), _nominal("group", title="Group")],
        "x": x, "y": y,
    }, opacity=0.85)
    labels = [{**_layer("text", {"text": _nominal("label"), "x": x, "y": y}, align="left", color="#333", dx=9, dy=-7 + 15 * rank,
                        fontSize=12, limit=130), "transform": [{"filter": f"datum.rank == {rank}"}]}
              for rank in sorted({r["rank"] for r in rows})]
    if not (spec.x_range and spec.value_range):
        return _shared(rows, [dots, *labels], WIDTH, 360)
    # quadrant lines of a grid such as power/interest: their own table, so each layer carries its own
    mid = [{"x": float(sum(spec.x_range) / 2), "y": float(sum(spec.value_range) / 2)}]
    guides = [_layer("rule", {"x": x}, mid, color="#C8CDD4", strokeDash=[4, 4]), _layer("rule", {"y": y}, mid, color="#C8CDD4", strokeDash=[4, 4])]
    return _separate([*guides, *({"data": {"values": rows}, **layer} for layer in (dots, *labels))], WIDTH, 360)


def _waterfall(spec: ChartSpec) -> dict:
    kinds = {"increase": "Increase", "decrease": "Decrease", "total": "Total"}
    rows = [{"category": w.category, "low": float(w.low), "high": float(w.high), "kind": kinds[w.kind],
             "label": _label(spec, (w.high - w.low) if w.kind != "total" else (w.high if w.high > 0 else w.low)),
             "short": _short(spec, (w.high - w.low) if w.kind != "total" else (w.high if w.high > 0 else w.low)),
             "top": float(w.high)}
            for w in waterfall_segments(spec)]
    largest = max((max(abs(r["low"]), abs(r["high"])) for r in rows), default=0.0)
    colours = {"Total": ROLE_COLOURS["net"], "Increase": ROLE_COLOURS["benefit"], "Decrease": ROLE_COLOURS["cost"]}
    present = {r["kind"] for r in rows}
    x = _nominal("category", axis={"labelAngle": -30, "labelLimit": 170}, sort=list(spec.categories), title=None)
    bars = _layer("bar", {
        "color": _nominal("kind", legend={"orient": "top", "title": None},
                          scale={"domain": [k for k in colours if k in present], "range": [colours[k] for k in colours if k in present]}),
        "tooltip": [_nominal("category", title=" "), _nominal("label", title="Amount")],
        "x": x, "y": _quantitative("low", axis={"format": _axis_format(spec, largest), "title": spec.y_title or None}), "y2": {"field": "high"},
    }, cornerRadius=2)
    text = _layer("text", {"text": _nominal("short"), "x": x, "y": _quantitative("top")}, color="#333", dy=-7, fontSize=11)
    return _shared(rows, [bars, text], WIDTH, HEIGHT + 40)


def _tornado(spec: ChartSpec) -> dict:
    """Each driver's bars run from the baseline to the outcome with the input lower and higher."""
    base_value = _value(spec, spec.baseline) or 0.0
    rows = []
    for s in spec.series:
        for c, v in zip(spec.categories, s.values, strict=True):
            if v is not None:
                rows.append({"driver": c, "series": s.name, "start": base_value, "end": _value(spec, v), "label": _label(spec, v)})
    values = [base_value] + [r["end"] for r in rows]
    largest = max((abs(v) for v in values), default=0.0)
    bars = _layer("bar", {
        "color": _nominal("series", legend={"orient": "top", "title": None}, scale=_colour(spec.series)),
        "tooltip": [_nominal("driver", title="Input"), _nominal("series", title=" "), _nominal("label", title="ROI")],
        "x": _quantitative("start", axis={"format": _axis_format(spec, largest)}, scale={"nice": True, "zero": False},
                           title=spec.y_title or None),
        "x2": {"field": "end"},
        "y": _nominal("driver", axis={"labelLimit": 300}, sort=list(spec.categories), title=None),
    }, rows, height={"band": 0.7})
    rule = _layer("rule", {"tooltip": _nominal("label", title="Baseline"), "x": _quantitative("start")},
                  [{"start": base_value, "label": f"Expected {_label(spec, spec.baseline)}"}], color="#333", strokeWidth=1.5)
    return _separate([bars, rule], WIDTH, max(140, 40 * len(spec.categories)))


#: The drawing of each kind of chart.
DRAW = {
    "column": _column, "bar": _bar, "line": _line, "radar": _radar, "scatter": _scatter,
    "bubble": _scatter, "waterfall": _waterfall, "tornado": _tornado,
}
