"""Year-end forecasts the TDRp way: a straight-line trend through each measure's readings, and the business case re-forecast from it.

A Talent Development Reporting principles (TDRp) management report gives,
for each measure, the plan, the actual to date, the share of plan achieved
and a year-end forecast; ``track(pitch)`` carries all four, and this module
computes the last two ahead.

Conventions (stated in the same words on the Track page, in the deck's notes
and on the workbook's Results sheet):

- **year-end** is the last day of the current programme year: the years
  run from ``Pitch.launch_date`` to each anniversary, and the as-of date
  falls in one of them (a launch on 12 April 2027 closes its first year on
  11 April 2028). Without a launch date there is no programme year, and the
  calendar year (31 December) is used.
- **the forecast** of a measure is the ordinary least-squares straight line
  through its readings up to the as-of date (date, value), read at the
  year-end, in exact arithmetic, rounded half-up to one decimal more than
  the measure's baseline, target and readings carry. Never from a single
  reading, nor when every reading shares one date: one point is not a trend
  (``Undefined`` with the reason). A straight line does not know a
  measure's range, so the forecast stops where the measure must: never
  below 0 when nothing about the measure is negative, never above 100 for a
  percentage (a unit that starts with "%").
- **forecast share of plan** is ``progress_toward_target`` of the forecast:
  the share of the planned improvement the trend reaches by year-end.
- **the re-forecast for the horizon** of a benefit line is the business
  case's counted benefit over the horizon (a yearly line times the horizon
  years, a one-time line once) times its linked measure's year-end share of
  plan, credited at most 1 as realised benefits are: the trend's forecast
  when there is one, else the latest reading's progress held flat (with no
  trend, nothing is extrapolated), else nothing (no improvement data, no
  improvement claimed). Costs stay as budgeted (no actual costs are
  recorded), and the ROI is ``finance.roi_percent`` of the two.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from ldpitch.engine import finance
from ldpitch.engine.evaluation import Evaluation
from ldpitch.engine.finance import Figure, Undefined
from ldpitch.engine.progress import credited_progress, progress_toward_target
from ldpitch.pitch import ZERO, KpiActual, Measure, round_money, round_to

#: The forecast method in plain words, for captions, notes and the workbook.
FORECAST_METHOD = ("Year-end forecast: a straight line fitted through the readings so far (least squares), "
                   "read at the end of the current programme year; never from a single reading.")
#: Decimals a forecast never exceeds.
MAX_FORECAST_DECIMALS = 4


def programme_year_end(launch: date | None, as_of: date) -> date:
    """The last day of the programme year ``as_of`` falls in: the day before an anniversary of launch (31 December without one).

    >>> programme_year_end(date(2027, 4, 12), date(2027, 12, 31))
    datetime.date(2028, 4, 11)
    >>> programme_year_end(date(2027, 4, 12), date(2028, 4, 11))  # the year's last day is still in it
    datetime.date(2028, 4, 11)
    >>> programme_year_end(date(2027, 4, 12), date(2028, 4, 12))
    datetime.date(2029, 4, 11)
    >>> programme_year_end(date(2027, 4, 12), date(2027, 1, 5))  # before launch: the first year
    datetime.date(2028, 4, 11)
    >>> programme_year_end(date(2028, 2, 29), date(2028, 6, 1))  # a leap-day launch has its anniversary on 1 March
    datetime.date(2029, 2, 28)
    >>> programme_year_end(None, date(2027, 9, 30))
    datetime.date(2027, 12, 31)
    """
    if launch is None:
        return date(as_of.year, 12, 31)
    years = 1
    while _anniversary(launch, years) <= as_of:
        years += 1
    return _anniversary(launch, years) - timedelta(days=1)


def _anniversary(launch: date, years: int) -> date:
    try:
        return launch.replace(year=launch.year + years)
    except ValueError:  # 29 February in a year without one
        return date(launch.year + years, 3, 1)


def straight_line_at(points: Sequence[tuple[date, Decimal]], on: date) -> Fraction:
    """The least-squares straight line through ``(date, value)`` points, read on ``on``, exactly.

    ``slope = sum((x - mean x)(y - mean y)) / sum((x - mean x)^2)`` with x in
    days; the line passes through the means. Needs two distinct dates.

    Three readings on one line give that line's value exactly (10 a day):

    >>> straight_line_at([(date(2027, 1, 1), Decimal(100)), (date(2027, 1, 11), Decimal(200)),
    ...                   (date(2027, 1, 31), Decimal(400))], date(2027, 2, 10))
    Fraction(500, 1)
    """
    xs = [Fraction((d - points[0][0]).days) for d, _ in points]
    ys = [Fraction(v) for _, v in points]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread
    return mean_y + slope * (Fraction((on - points[0][0]).days) - mean_x)


def forecast_decimals(values: Sequence[Decimal | None]) -> int:
    """Decimals of a forecast: one more than the most any of the measure's values carry, at most 4.

    >>> forecast_decimals([Decimal(7), Decimal("4.5"), Decimal("6.1")]), forecast_decimals([Decimal(1350), None])
    (2, 1)
    """
    most = max((max(0, -v.normalize().as_tuple().exponent) for v in values if v is not None), default=0)
    return min(MAX_FORECAST_DECIMALS, most + 1)


def forecast_bounds(unit: str, values: Sequence[Decimal | None]) -> tuple[Decimal | None, Decimal | None]:
    """The range a measure can take, as far as its values show: (0 or None, 100 or None).

    >>> forecast_bounds("% of operators", [Decimal(45), Decimal(90)])
    (Decimal('0'), Decimal('100'))
    >>> forecast_bounds("nonconformances", [Decimal(1350), Decimal(1015)])
    (Decimal('0'), None)
    >>> forecast_bounds("points", [Decimal(-4), Decimal(2)])
    (None, None)
    """
    known = [v for v in values if v is not None]
    low = ZERO if all(v >= 0 for v in known) else None
    high = Decimal(100) if unit.strip().startswith("%") and all(v <= 100 for v in known) else None
    return low, high


def trend_forecast(readings: Sequence[KpiActual], on: date, decimals: int = 2,
                   low: Decimal | None = None, high: Decimal | None = None) -> Figure:
    """The straight-line trend through the readings, read on ``on``, rounded half-up and kept within [low, high].

    Falling measures fall on: months to proficiency from 6.1 (30 September)
    to 5.4 (31 December), read on 11 April.

    >>> r = [KpiActual(measure="m", on=date(2027, 9, 30), value="6.1"), KpiActual(measure="m", on=date(2027, 12, 31), value="5.4")]
    >>> trend_forecast(r, date(2028, 4, 11))
    Decimal('4.62')
    >>> trend_forecast(r[:1], date(2028, 4, 11))
    Undefined(reason='one reading is not a trend: a forecast needs readings on two dates or more')
    >>> trend_forecast([r[0], r[0]], date(2028, 4, 11))
    Undefined(reason='every reading is from the same day, so there is no trend to follow')
    >>> trend_forecast(r, date(2030, 1, 1), low=Decimal(0))  # a straight line would go below zero
    Decimal('0.00')
    """
    if len(readings) < 2:
        return Undefined("one reading is not a trend: a forecast needs readings on two dates or more" if readings
                         else "no reading recorded yet")
    if len({r.on for r in readings}) < 2:
        return Undefined("every reading is from the same day, so there is no trend to follow")
    line = straight_line_at([(r.on, r.value) for r in readings], on)
    value = round_to(Decimal(line.numerator) / Decimal(line.denominator), decimals)
    if low is not None and value < low:
        value = round_to(low, decimals)
    if high is not None and value > high:
        value = round_to(high, decimals)
    return value


@dataclass(frozen=True)
class Forecast:
    """A measure at year-end: the date, the forecast value and its share of the planned improvement (or why there is none)."""

    on: date | None
    value: Figure
    progress: Figure
    decimals: int = 2
    low: Decimal | None = None
    high: Decimal | None = None


def measure_forecast(measure: Measure, readings: Sequence[KpiActual], year_end: date | None) -> Forecast:
    """The year-end forecast of one measure from its readings (sorted by date).

    >>> m = Measure(level="business impact", measure="Months to proficiency", unit="months", baseline=7, target="4.5")
    >>> r = [KpiActual(measure="Months to proficiency", on=date(2027, 9, 30), value="6.1"),
    ...      KpiActual(measure="Months to proficiency", on=date(2027, 12, 31), value="5.4")]
    >>> f = measure_forecast(m, r, date(2028, 4, 11))
    >>> f.value, f.progress
    (Decimal('4.62'), Decimal('0.9520'))
    """
    values = [measure.baseline, measure.target, *(r.value for r in readings)]
    decimals = forecast_decimals(values)
    low, high = forecast_bounds(measure.unit, values)
    if year_end is None:
        value: Figure = Undefined("no reading recorded yet")
    else:
        value = trend_forecast(readings, year_end, decimals, low, high)
    progress = value if isinstance(value, Undefined) else progress_toward_target(measure.baseline, measure.target, value)
    return Forecast(year_end, value, progress, decimals, low, high)


# --- the money, re-forecast for the horizon --------------------------------------------------------


def horizon_benefit(counted: Decimal, cadence: str, horizon_years: int, currency: str = "USD") -> Decimal:
    """The business case's counted benefit of one line over the horizon: a yearly line times the years, a one-time line once.

    >>> horizon_benefit(Decimal("475368.75"), "per_year", 3), horizon_benefit(Decimal(5000), "one_time", 3)
    (Decimal('1426106.25'), Decimal('5000.00'))
    """
    return round_money(counted * (horizon_years if cadence == "per_year" else 1), currency)


def reforecast_benefit(case: Decimal, year_end_progress: Figure, currency: str = "USD") -> Decimal:
    """A line's benefit over the horizon at the year-end share of plan: ``case x min(share, 1)``, nothing without data.

    >>> reforecast_benefit(Decimal("1426106.25"), Decimal("0.9440")), reforecast_benefit(Decimal(5000), Decimal("1.3"))
    (Decimal('1346244.30'), Decimal('5000.00'))
    >>> reforecast_benefit(Decimal(5000), Undefined("no reading yet"))
    Decimal('0.00')
    """
    return round_money(case * credited_progress(year_end_progress), currency)


@dataclass(frozen=True)
class ReforecastLine:
    """One benefit line over the horizon: in the business case, and re-forecast from its measure's year-end share of plan."""

    label: str
    cadence: str
    measure: str
    case: Decimal
    basis: Figure  # the year-end share of plan credited (or why there is none)
    trend: bool  # True when the basis is the trend's forecast, False when the latest reading is held flat
    reforecast: Decimal


@dataclass(frozen=True)
class Reforecast:
    """The whole horizon: the business case's benefits, costs, net and ROI, and the same re-forecast from the trends."""

    horizon_years: int
    lines: tuple[ReforecastLine, ...]
    case_benefits: Decimal
    case_costs: Decimal
    case_net: Decimal
    case_roi: Figure
    benefits: Decimal
    costs: Decimal
    net: Decimal
    roi: Figure


def year_end_basis(latest: Figure, forecast: Forecast) -> tuple[Figure, bool]:
    """The share of plan a benefit is re-forecast on: the trend's when there is one, else the latest held flat.

    >>> year_end_basis(Decimal("0.64"), Forecast(None, Decimal("4.64"), Decimal("0.944")))
    (Decimal('0.944'), True)
    >>> year_end_basis(Decimal("0.875"), Forecast(None, Undefined("one reading"), Undefined("one reading")))
    (Decimal('0.875'), False)
    """
    if isinstance(forecast.progress, Undefined):
        return latest, False
    return forecast.progress, True


def reforecast(evaluation: Evaluation, links: Sequence[str], basis: dict[str, tuple[Figure, bool]], currency: str) -> Reforecast:
    """The business case over its horizon, and the same with each benefit line scaled by its measure's year-end share of plan.

    ``links`` is each benefit line's measure name ("" when none), in the
    engine's order; ``basis`` maps a measure of the plan to its year-end
    share of plan and whether it comes from a trend.
    """
    e = evaluation
    lines = []
    for item, name in zip(e.benefits, links, strict=True):
        case = horizon_benefit(item.counted, item.cadence, e.horizon_years, currency)
        share, trend = basis.get(name, (Undefined("not linked to a measure of the plan") if not name
                                        else Undefined(f"its measure '{name}' is not in the measurement plan"), False))
        lines.append(ReforecastLine(item.label, item.cadence, name, case, share, trend, reforecast_benefit(case, share, currency)))
    benefits = sum((x.reforecast for x in lines), ZERO)
    return Reforecast(e.horizon_years, tuple(lines), e.total_benefits, e.total_costs, e.net_benefit, e.roi_percent,
                      benefits, e.total_costs, benefits - e.total_costs, finance.roi_percent(benefits, e.total_costs))
