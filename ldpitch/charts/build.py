"""Chart descriptions of one pitch: every chart the app draws and the deck embeds, built from the engine's figures.

Each builder returns a ``ChartSpec`` (or ``None`` when the pitch has nothing
to draw yet) whose values come straight from the pitch's ``Analysis`` (its
evaluation, scenarios and tornado; pass it when you have it, else the
builder asks ``analyse``), and whose alt text states the numbers in words.
"""

from __future__ import annotations

from decimal import Decimal

from ldpitch import format as fmt
from ldpitch.charts.spec import ChartSpec, Point, Series, place_labels
from ldpitch.engine import TOP_DRIVERS, Analysis, Undefined, analyse, factors, payback_sentence, rank_options
from ldpitch.pitch import Pitch


def _money(p: Pitch, amount: Decimal) -> str:
    return fmt.money(amount, p.currency, p.locale)


def _years(p: Pitch) -> tuple[str, ...]:
    return tuple(f"Year {y + 1}" for y in range(p.horizon_years))


def costs_vs_benefits(p: Pitch, a: Analysis | None = None) -> ChartSpec:
    """Clustered columns: fully loaded costs against counted benefits, year by year."""
    e = (a or analyse(p)).evaluation
    parts = "; ".join(f"year {y + 1}: costs {_money(p, c)}, benefits {_money(p, b)}"
                      for y, (c, b) in enumerate(zip(e.costs_by_year, e.benefits_by_year, strict=True)))
    return ChartSpec(
        "column", "Costs and counted benefits by year",
        f"Column chart of fully loaded costs and counted benefits by year. {parts}.",
        _years(p),
        (Series("Fully loaded costs", tuple(e.costs_by_year), "cost"), Series("Counted benefits", tuple(e.benefits_by_year), "benefit")),
        currency=p.currency, locale=p.locale, y_title="Costs and counted benefits in the year",
    )


def cumulative_cash(p: Pitch, a: Analysis | None = None) -> ChartSpec:
    """Line: cumulative net cash flow, month by month (quarterly beyond two years), with the payback point."""
    e = (a or analyse(p)).evaluation
    points = e.cash_flow(step_months=1 if p.horizon_years <= 2 else 3)
    categories = tuple(f"M{m}" for m, _ in points)
    marker = None
    if not isinstance(e.payback_months, Undefined):
        marker = next((f"M{m}" for m, v in points if v >= 0), None)
        payback = f"It turns positive after {fmt.months(e.payback_months, p.locale)}."
    else:
        payback = f"It does not turn positive: {e.payback_months.reason}."
    return ChartSpec(
        "line", "Cumulative net cash flow",
        f"Line chart of cumulative net cash flow by month, starting at {_money(p, -e.one_time_costs)} "
        f"and ending at {_money(p, points[-1][1])}. {payback}",
        categories, (Series("Cumulative net cash flow", tuple(v for _, v in points), "net"),),
        currency=p.currency, locale=p.locale, x_title="Month", y_title="Cumulative net cash flow", marker_at=marker,
        note=payback,
    )


def cost_waterfall(p: Pitch, a: Analysis | None = None) -> ChartSpec:
    """Waterfall: counted benefits, minus each cost category, down to the net benefit."""
    e = (a or analyse(p)).evaluation
    by_cat = e.costs_by_category
    cats = ("Counted benefits", *(c[:1].upper() + c[1:] for c in by_cat), "Net benefit")
    steps = (e.total_benefits, *(-v for v in by_cat.values()), None)
    listing = ", ".join(f"{c} {_money(p, v)}" for c, v in by_cat.items())
    return ChartSpec(
        "waterfall", "From counted benefits to net benefit",
        f"Waterfall chart: counted benefits of {_money(p, e.total_benefits)}, less costs ({listing}), "
        f"leave a net benefit of {_money(p, e.net_benefit)}.",
        cats, (Series("Amount", steps, "net"),), currency=p.currency, locale=p.locale,
        totals=("Counted benefits", "Net benefit"),
    )


def scenario_roi(p: Pitch, a: Analysis | None = None) -> ChartSpec:
    """Columns: ROI % in the conservative, expected and optimistic scenarios."""
    cases = (a or analyse(p)).scenarios
    values = tuple(None if isinstance(s.evaluation.roi_percent, Undefined) else s.evaluation.roi_percent for s in cases)
    words = ", ".join(f"{s.name.lower()} {fmt.percent(s.evaluation.roi_percent, p.locale)}" for s in cases)
    return ChartSpec(
        "column", "ROI by scenario",
        f"Column chart of ROI in three scenarios, benefits moved by {fmt.share(p.scenario_spread, p.locale)}: {words}.",
        tuple(s.name for s in cases), (Series("ROI", values, "primary"),),
        value_format="percent", currency=p.currency, locale=p.locale, y_title="ROI %",
    )


def sensitivity(p: Pitch, a: Analysis | None = None, top: int = TOP_DRIVERS) -> ChartSpec | None:
    """Tornado: ROI with each of the most influential inputs moved down and up by the spread."""
    a = a or analyse(p)
    bars = a.tornado
    if isinstance(bars, Undefined) or not bars:
        return None
    bars = bars[:top]
    base = a.evaluation.roi_percent
    spread = fmt.share(p.scenario_spread, p.locale)
    words = "; ".join(f"{b.driver}: {fmt.percent(b.roi_low, p.locale)} to {fmt.percent(b.roi_high, p.locale)}" for b in bars)
    # The axis is the ROI itself, as the bar labels are: each bar runs from the expected ROI to the ROI with
    # one input moved, and the axis title says so (not "ROI %" over changes from the expected case).
    return ChartSpec(
        "tornado", "What moves the ROI most",
        f"Tornado chart of ROI when one input at a time moves by {spread} "
        f"around the expected ROI of {fmt.percent(base, p.locale)}. {words}.",
        tuple(b.driver for b in bars),
        (Series(f"Input {spread} lower", tuple(b.roi_low for b in bars), "low"),
         Series(f"Input {spread} higher", tuple(b.roi_high for b in bars), "high")),
        value_format="percent", currency=p.currency, locale=p.locale, baseline=base,
        y_title=f"ROI with one input moved; bars start at the expected {fmt.percent(base, p.locale)}",
    )


def roi_distribution(p: Pitch, a: Analysis | None = None, bins: int = 20) -> ChartSpec | None:
    """Histogram (columns): how many simulated futures reach each band of ROI, with p10, p50 and p90 marked.

    One column per band (labelled by its lower edge); ``marker_at`` is the median's band and
    ``extra["percentiles"]`` maps ``p10``, ``p50`` and ``p90`` to their bands, for a renderer to
    mark all three; ``note`` names the three values. ``None`` when ROI is undefined (no costs).
    """
    sim = (a or analyse(p)).simulation
    bands = sim.histogram(bins)
    if isinstance(sim.roi_percent, Undefined) or not bands:
        return None
    categories = tuple(fmt.percent(b.low, p.locale) for b in bands)

    def band(value: Decimal) -> str:
        return next((c for c, b in zip(categories, bands, strict=True) if value < b.high), categories[-1])

    r = sim.roi_percent
    marks = {"p10": band(r.p10), "p50": band(r.p50), "p90": band(r.p90)}
    said = f"p10 {fmt.percent(r.p10, p.locale)}, median {fmt.percent(r.p50, p.locale)}, p90 {fmt.percent(r.p90, p.locale)}"
    return ChartSpec(
        "column", "ROI across simulated futures",
        f"Histogram of ROI in {sim.trials:,} simulated futures, from {fmt.percent(bands[0].low, p.locale)} "
        f"to {fmt.percent(bands[-1].high, p.locale)}: {said}. {payback_sentence(sim)}.",
        categories, (Series("Simulated futures", tuple(Decimal(b.trials) for b in bands), "primary"),),
        value_format="number", currency=p.currency, locale=p.locale, x_title="ROI (lower edge of each band)",
        y_title="Simulated futures", marker_at=marks["p50"], note=said, extra={"percentiles": marks},
    )


def option_scores(p: Pitch) -> ChartSpec | None:
    """Bars: each option's weighted score out of 10, best first."""
    ranked = rank_options(p) if p.criteria else None
    if not ranked or isinstance(ranked, Undefined):
        return None
    words = ", ".join(f"{r.name} {r.score}" for r in ranked)
    return ChartSpec(
        "bar", "Options by weighted score",
        f"Bar chart of the options' weighted scores out of 10: {words}.",
        tuple(r.name for r in ranked), (Series("Weighted score", tuple(r.score for r in ranked), "primary"),),
        value_format="score", currency=p.currency, locale=p.locale, value_range=(Decimal(0), Decimal(10)),
        y_title="Weighted score out of 10",
    )


def readiness_radar(p: Pitch) -> ChartSpec | None:
    """Radar: the five RADAR factors, each scored 1 to 5."""
    fs = factors(p.radar)
    if all(f.score is None for f in fs):
        return None
    words = ", ".join(f"{f.label} {f.score if f.score is not None else 'not scored'}" for f in fs)
    return ChartSpec(
        "radar", "Readiness on the RADAR",
        f"Radar chart of readiness, each factor scored 1 (not addressed) to 5 (well handled): {words}.",
        tuple(f.label for f in fs), (Series("Readiness", tuple(None if f.score is None else Decimal(f.score) for f in fs), "primary"),),
        value_format="score", currency=p.currency, locale=p.locale, value_range=(Decimal(0), Decimal(5)),
    )


def point_name(name: str) -> str:
    """A stakeholder as a point on a chart names them: without the parenthetical detail the alt text keeps.

    >>> point_name("Team leaders (Tom Hughes, Leeds)"), point_name("Raj Patel"), point_name("(TBC)")
    ('Team leaders', 'Raj Patel', '(TBC)')
    """
    head = name.split(" (", 1)[0].strip()
    return head if len(head) >= 3 else name


def stakeholder_grid(p: Pitch) -> ChartSpec | None:
    """Scatter: stakeholders by interest (x) and influence (y), the power/interest grid.

    Scores are whole numbers from 1 to 5, so people often share a spot: each
    spot gets one label naming everyone on it ("Raj Patel, Claire Donnelly"),
    carried by the last of its points (the others are unlabelled), so no two
    labels are ever printed on top of each other; the points keep their
    exact scores. Each label sits on the side of its point where it keeps
    clear of the others (``place_labels``).
    """
    if not p.stakeholders:
        return None
    spots: dict[tuple[int, int], list] = {}
    for s in p.stakeholders:
        spots.setdefault((s.interest, s.influence), []).append(s)
    pts = tuple(
        Point(", ".join(point_name(x.name) for x in spots[(s.interest, s.influence)]) if s is spots[(s.interest, s.influence)][-1] else "",
              Decimal(s.interest), Decimal(s.influence), group=s.stance.value)
        for s in p.stakeholders
    )
    words = "; ".join(f"{s.name}, influence {s.influence}, interest {s.interest}" for s in p.stakeholders)
    grid = (Decimal(0), Decimal(6))
    return ChartSpec(
        "scatter", "Stakeholders by influence and interest",
        f"Scatter chart of stakeholders on a 1 to 5 scale: {words}.",
        points=place_labels(pts, grid, grid), value_format="score", currency=p.currency, locale=p.locale,
        x_title="Interest (1 to 5)", y_title="Influence (1 to 5)", x_range=grid, value_range=grid,
    )


def kpi_tracking(p: Pitch, measure: str) -> ChartSpec | None:
    """Line: actual values of one measure over time against its baseline and target."""
    m = next((m for m in p.measures if m.measure == measure), None)
    actuals = sorted((a for a in p.actuals if a.measure == measure), key=lambda a: a.on)
    if m is None or not actuals:
        return None
    cats = tuple(a.on.isoformat() for a in actuals)
    series = [Series("Actual", tuple(a.value for a in actuals), "actual")]
    if m.baseline is not None:
        series.append(Series("Baseline", (m.baseline,) * len(actuals), "baseline"))
    if m.target is not None:
        series.append(Series("Target", (m.target,) * len(actuals), "target"))
    unit = f" ({m.unit})" if m.unit else ""
    return ChartSpec(
        "line", f"{m.measure}{unit}",
        f"Line chart of {m.measure}{unit}: actual values from {cats[0]} to {cats[-1]}, latest {fmt.number(actuals[-1].value, p.locale)}"
        + (f", baseline {fmt.number(m.baseline, p.locale)}" if m.baseline is not None else "")
        + (f", target {fmt.number(m.target, p.locale)}" if m.target is not None else "") + ".",
        cats, tuple(series), value_format="number", currency=p.currency, locale=p.locale, y_title=m.unit,
    )
