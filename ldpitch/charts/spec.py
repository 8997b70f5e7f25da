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


@dataclass(frozen=True)
class Point:
    """One point of a scatter or bubble chart (e.g. a stakeholder's influence and interest)."""

    label: str
    x: Decimal
    y: Decimal
    size: Decimal = Decimal(1)
    group: str = ""


@dataclass(frozen=True)
class ChartSpec:
    """A chart as data.

    - column / bar: ``categories`` x ``series`` (clustered);
    - line: ``categories`` on x, one line per series; ``marker_at`` flags one category (payback);
    - radar: ``categories`` are the axes, one series per shape, ``value_range`` fixes the scale;
    - scatter / bubble: ``points``, with ``x_range`` / ``value_range`` fixing the axes;
    - waterfall: one series of signed steps; categories listed in ``totals`` are running totals
      (see ``waterfall_segments``);
    - tornado: two series (``low``, ``high``) of outcomes for each driver, drawn around ``baseline``.
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
