"""Chart descriptions: what to draw, as plain data, shared by the app (Altair) and the deck (native charts).

A ``ChartSpec`` says the kind of chart, its categories and series (exact
``Decimal`` values, ``None`` for a gap, never NaN), how values read
(``value_format`` in the pitch's currency and locale) and the alt text. The
renderers (``altair_charts`` and ``deck.pptx_writer``) only draw; builders of
specs from a pitch live in ``chart_builders``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

ChartKind = Literal["column", "bar", "line", "radar", "scatter", "bubble", "waterfall", "tornado"]
#: How values read: money in the spec's currency; percent = already x100 (212.5 -> "212.5%");
#: share = a fraction (0.35 -> "35%"); score = a rating (1-5, 1-10); months; number.
ValueFormat = Literal["money", "percent", "share", "number", "score", "months"]
#: What a series stands for; renderers map roles to the brand's colours.
Role = Literal["cost", "benefit", "net", "primary", "secondary", "baseline", "target", "actual", "low", "high"]


@dataclass(frozen=True)
class Series:
    """One named series of values, aligned with the chart's categories."""

    name: str
    values: tuple[Decimal | None, ...]
    role: Role = "primary"


#: Where a point's label sits beside its marker.
LabelSide = Literal["right", "left", "above", "below"]


@dataclass(frozen=True)
class Point:
    """One point of a scatter or bubble chart (e.g. a stakeholder's influence and interest).

    ``label_side`` says where its label goes (``place_labels`` picks it so labels keep clear of each
    other and of other points); an empty ``label`` is a point named on another point's label.
    """

    label: str
    x: Decimal
    y: Decimal
    size: Decimal = Decimal(1)
    group: str = ""
    label_side: LabelSide = "right"


@dataclass(frozen=True)
class ChartSpec:
    """A chart as data.

    - column / bar: ``categories`` x ``series`` (clustered);
    - line: ``categories`` on x, one line per series; ``marker_at`` flags one category (payback);
    - radar: ``categories`` are the axes, one series per shape, ``value_range`` fixes the scale;
    - scatter / bubble: ``points``, with ``x_range`` / ``value_range`` fixing the axes;
    - waterfall: one series of signed steps; categories listed in ``totals`` are running totals
      (see ``waterfall_segments``);
    - tornado: two series (``low``, ``high``) of outcomes for each driver: the values themselves
      (an ROI of 56.9, not a change of -32.4) on a value axis titled ``y_title``, each bar running
      from ``baseline`` to its outcome.

    ``x_title`` and ``y_title`` name what the axes plot; a renderer plots the values as given, so
    what an axis says is what it shows in the app and in the deck alike.
    """

    kind: ChartKind
    title: str
    alt_text: str
    categories: tuple[str, ...] = ()
    series: tuple[Series, ...] = ()
    points: tuple[Point, ...] = ()
    value_format: ValueFormat = "money"
    currency: str = "USD"
    locale: str = "en_US"
    x_title: str = ""
    y_title: str = ""
    x_range: tuple[Decimal, Decimal] | None = None
    value_range: tuple[Decimal, Decimal] | None = None
    baseline: Decimal | None = None
    totals: tuple[str, ...] = ()
    marker_at: str | None = None
    note: str = ""
    extra: dict = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class WaterfallSegment:
    """One column of a waterfall, spanning ``low`` to ``high`` (``low <= high``; either may be negative)."""

    category: str
    low: Decimal
    high: Decimal
    kind: Literal["increase", "decrease", "total"]


def waterfall_segments(spec: ChartSpec) -> list[WaterfallSegment]:
    """Turn a waterfall's signed steps into floating columns, each spanning ``low`` to ``high``.

    Both renderers draw the same columns from this, so they cannot disagree. A
    total column spans zero to the running total; a step floats from the
    running total before it to the one after it. (The deck writer turns a
    span into stacked columns with an invisible base; a span that crosses
    zero becomes a positive and a negative part.)

    >>> s = ChartSpec("waterfall", "t", "a", ("Benefits", "Delivery", "Net"),
    ...               (Series("x", (Decimal(250), Decimal(-300), None)),), totals=("Benefits", "Net"))
    >>> [(w.category, w.low, w.high, w.kind) for w in waterfall_segments(s)]
    [('Benefits', Decimal('0'), Decimal('250'), 'total'), ('Delivery', Decimal('-50'), Decimal('250'), 'decrease'), ('Net', Decimal('-50'), Decimal('0'), 'total')]
    """
    steps = spec.series[0].values if spec.series else ()
    out, running = [], Decimal(0)
    for category, step in zip(spec.categories, steps, strict=True):
        if category in spec.totals:
            running += step or Decimal(0)
            out.append(WaterfallSegment(category, min(Decimal(0), running), max(Decimal(0), running), "total"))
            continue
        step = step or Decimal(0)
        after = running + step
        out.append(WaterfallSegment(category, min(running, after), max(running, after), "increase" if step >= 0 else "decrease"))
        running = after
    return out



def percentile_marks(spec: ChartSpec) -> tuple[tuple[str, str], ...]:
    """The bands of a histogram's ``extra["percentiles"]`` with their names, in category order ("p10, p50" when two share one).

    >>> percentile_marks(ChartSpec("column", "t", "a", ("0%", "10%", "20%"), extra={"percentiles": {"p10": "0%", "p50": "0%", "p90": "20%"}}))
    (('0%', 'p10, p50'), ('20%', 'p90'))
    """
    found: dict[str, list[str]] = {}
    for name, band in (spec.extra.get("percentiles") or {}).items():
        if band in spec.categories:
            found.setdefault(band, []).append(name)
    return tuple((band, ", ".join(sorted(found[band]))) for band in spec.categories if band in found)


#: How much of a chart's plot a label takes, as a share of the axis spans: one character of label text
#: (a label of 70 characters would span the plot's width), the label's height, and a marker's radius.
#: Measured on the deck's charts (11 pt labels on a plot about 5.5 in wide and 4 in tall) and the app's
#: (12 px labels on 560 x 360 px), rounded towards more room.
LABEL_CHAR_SHARE = 1 / 70
LABEL_HEIGHT_SHARE = 0.05
MARKER_SHARE = 0.02
_SIDES: tuple[LabelSide, ...] = ("right", "left", "above", "below")


def place_labels(points: tuple[Point, ...], x_range: tuple[Decimal, Decimal], y_range: tuple[Decimal, Decimal]) -> tuple[Point, ...]:
    """The points with each label on the first side (right, left, above, below) where it keeps clear of the labels
    already placed, of every other point, and of the plot's edges; right when no side is clear.

    >>> pts = (Point("Richard Cole", Decimal(2), Decimal(5)), Point("Helen Marsh", Decimal(3), Decimal(5)))
    >>> [p.label_side for p in place_labels(pts, (Decimal(0), Decimal(6)), (Decimal(0), Decimal(6)))]
    ['left', 'right']
    """
    (x0, x1), (y0, y1) = ((float(a), float(b)) for a, b in (x_range, y_range))
    sx, sy = (x1 - x0) or 1.0, (y1 - y0) or 1.0
    marker_x, marker_y, high = MARKER_SHARE * sx, MARKER_SHARE * sy, LABEL_HEIGHT_SHARE * sy
    markers = [(float(p.x) - marker_x, float(p.y) - marker_y, float(p.x) + marker_x, float(p.y) + marker_y) for p in points]

    def box(p: Point, side: LabelSide) -> tuple[float, float, float, float]:
        x, y, wide = float(p.x), float(p.y), len(p.label) * LABEL_CHAR_SHARE * sx
        gap_x, gap_y = marker_x * 1.5, marker_y * 1.5
        return {
            "right": (x + gap_x, y - high / 2, x + gap_x + wide, y + high / 2),
            "left": (x - gap_x - wide, y - high / 2, x - gap_x, y + high / 2),
            "above": (x - wide / 2, y + gap_y, x + wide / 2, y + gap_y + high),
            "below": (x - wide / 2, y - gap_y - high, x + wide / 2, y - gap_y),
        }[side]

    def meet(a, b) -> bool:
        return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]

    placed: list[tuple[float, float, float, float]] = []
    out = []
    for n, p in enumerate(points):
        if not p.label:
            out.append(p)
            continue
        others = [m for k, m in enumerate(markers) if k != n and (float(points[k].x), float(points[k].y)) != (float(p.x), float(p.y))]
        side = next((s for s in _SIDES
                     if (b := box(p, s))[0] >= x0 and b[1] >= y0 and b[3] <= y1 + high
                     and not any(meet(b, o) for o in [*placed, *others])), "right")
        placed.append(box(p, side))
        out.append(Point(p.label, p.x, p.y, p.size, p.group, side))
    return tuple(out)
