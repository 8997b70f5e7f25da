"""Year-end forecasts from the readings so far, and the business case re-forecast from them, checked against closed forms."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from ldpitch.engine.evaluation import evaluate
from ldpitch.engine.finance import Undefined, roi_percent
from ldpitch.engine.forecast import (
    forecast_bounds,
    forecast_decimals,
    horizon_benefit,
    measure_forecast,
    programme_year_end,
    reforecast_benefit,
    trend_forecast,
)
from ldpitch.engine.tracking import track
from ldpitch.pitch import examples
from ldpitch.pitch.model import KpiActual, Measure

D = Decimal
START = date(2027, 1, 1)


def _readings(*points: tuple[int, str]) -> list[KpiActual]:
    """Readings of one measure on day ``d`` after 1 January 2027."""
    return [KpiActual(measure="m", on=START + timedelta(days=d), value=v) for d, v in points]


# --- the straight line ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("intercept", "per_day", "days", "on"),
    [
        (D(40), D("0.25"), (0, 30, 90), 365),  # rising, uneven spacing
        (D("6.2"), D("-0.01"), (10, 40, 70), 200),  # falling: an error rate
        (D(1350), D(-2), (0, 61, 122, 184), 300),  # four readings, falling nonconformances
        (D(50), D(0), (0, 45, 100), 400),  # flat: the forecast is the level
    ],
)
def test_readings_on_a_line_forecast_exactly_that_lines_value(intercept, per_day, days, on):
    readings = _readings(*((d, str(intercept + per_day * d)) for d in days))
    assert trend_forecast(readings, START + timedelta(days=on), decimals=4) == intercept + per_day * on


def test_scattered_readings_follow_the_least_squares_line():
    # (0, 1), (1, 3), (2, 2): mean x 1, mean y 2, slope (-1 * -1 + 0 + 1 * 0) / 2 = 0.5, so y(4) = 2 + 0.5 * 3 = 3.5
    assert trend_forecast(_readings((0, "1"), (1, "3"), (2, "2")), START + timedelta(days=4), decimals=2) == D("3.50")
    # (0, 10), (0, 14), (10, 20): mean x 10/3, mean y 44/3; slope = (-10/3*-14/3 -10/3*-2/3 + 20/3*16/3) / (200/3) = 0.8
    # y(20) = 44/3 + 0.8 * (20 - 10/3) = 28
    assert trend_forecast(_readings((0, "10"), (0, "14"), (10, "20")), START + timedelta(days=20), decimals=1) == D("28.0")


@pytest.mark.parametrize(
    ("readings", "reason"),
    [
        (_readings((30, "55")), "one reading is not a trend"),
        (_readings((30, "55"), (30, "58")), "every reading is from the same day"),
        ([], "no reading recorded yet"),
    ],
)
def test_there_is_no_forecast_without_two_dates_of_readings(readings, reason):
    result = trend_forecast(readings, date(2028, 1, 1))
    assert isinstance(result, Undefined) and reason in result.reason


def test_the_forecast_rounds_half_up_to_one_more_decimal_than_the_measure_carries():
    # 1/3 a day from 10: on day 10 the line reads 13.333...
    readings = _readings((0, "10"), (3, "11"), (6, "12"))
    assert trend_forecast(readings, START + timedelta(days=10), decimals=forecast_decimals([D(10), D(20), D(11)])) == D("13.3")
    # 12.25 exactly: half-up
    assert trend_forecast(_readings((0, "12"), (4, "12.2")), START + timedelta(days=5), decimals=1) == D("12.3")
    assert forecast_decimals([D("4.5"), D("6.10"), None]) == 2


@pytest.mark.parametrize(
    ("unit", "values", "on", "expected"),
    [
        ("% of operators", ("60", "80", "95"), 365, D(100)),  # a rising share stops at 100%
        ("injuries", ("14", "9", "5"), 365, D(0)),  # a falling count stops at 0
        ("points", ("-5", "-3", "-1"), 365, None),  # a measure that is negative has no floor at 0
    ],
)
def test_a_forecast_never_leaves_the_range_the_measure_can_take(unit, values, on, expected):
    readings = _readings(*zip((0, 60, 120), values, strict=True))
    low, high = forecast_bounds(unit, [D(v) for v in values])
    result = trend_forecast(readings, START + timedelta(days=on), decimals=0, low=low, high=high)
    if expected is None:
        assert result > 0  # the straight line, unbounded: -5 + 4/120 per day * 365
        assert result == D(round(-5 + 4 * 365 / 120))
    else:
        assert result == expected


def test_a_falling_measure_forecasts_its_share_of_the_planned_fall():
    m = Measure(level="business impact", measure="Error rate", unit="%", baseline="6.2", target="3.2")
    # 6.2 -> 5.6 -> 5.0 over 60-day steps: 0.01 a day, so 3.2 on day 300 (the plan exactly) and 2.6 on day 360
    readings = [KpiActual(measure="Error rate", on=START + timedelta(days=d), value=v) for d, v in ((0, "6.2"), (60, "5.6"), (120, "5.0"))]
    at_plan = measure_forecast(m, readings, START + timedelta(days=300))
    assert (at_plan.value, at_plan.progress) == (D("3.20"), D("1.0000"))
    beyond = measure_forecast(m, readings, START + timedelta(days=360))
    assert (beyond.value, beyond.progress) == (D("2.60"), D("1.2000"))  # past the plan is reported, not capped


def test_a_measure_moving_away_from_its_plan_forecasts_no_progress():
    m = Measure(level="business impact", measure="Attrition", unit="%", baseline=34, target=26)
    readings = [KpiActual(measure="Attrition", on=START + timedelta(days=d), value=v) for d, v in ((0, "34"), (90, "35"))]
    f = measure_forecast(m, readings, START + timedelta(days=360))
    assert f.value == D("38.0") and f.progress == 0


@pytest.mark.parametrize(
    ("launch", "as_of", "year_end"),
    [
        (date(2027, 4, 12), date(2027, 4, 12), date(2028, 4, 11)),
        (date(2027, 4, 12), date(2028, 4, 11), date(2028, 4, 11)),
        (date(2027, 4, 12), date(2028, 4, 12), date(2029, 4, 11)),
        (date(2027, 1, 1), date(2027, 9, 30), date(2027, 12, 31)),
        (None, date(2027, 9, 30), date(2027, 12, 31)),
    ],
)
def test_year_end_is_the_last_day_of_the_current_programme_year(launch, as_of, year_end):
    assert programme_year_end(launch, as_of) == year_end


# --- the whole pitch -------------------------------------------------------------------------------


def test_track_forecasts_every_measure_at_the_same_year_end_from_readings_up_to_the_as_of_date():
    p = examples.load("onboarding")
    t = track(p)
    assert t.year_end == programme_year_end(p.launch_date, t.as_of) == date(2028, 4, 11)
    months = t.progress_of("Months to proficiency")
    # 6.1 on 30 Sep, 5.4 on 31 Dec 2027 (92 days): -0.7/92 a day for 102 more days to 11 Apr 2028
    assert months.forecast.value == (D("5.4") - D("0.7") * 102 / 92).quantize(D("0.01"))
    assert months.forecast.progress == ((7 - months.forecast.value) / D("2.5")).quantize(D("0.0001"))
    earlier = track(p, as_of=date(2027, 10, 31)).progress_of("Months to proficiency")
    assert isinstance(earlier.forecast.value, Undefined)  # only the September reading by then
    assert all(m.forecast.on == t.year_end for m in t.tracked)


def test_a_single_reading_gives_no_forecast_in_the_tracking():
    t = track(examples.load("association_conference"))
    assert t.tracked and all(isinstance(m.forecast.value, Undefined) for m in t.tracked)


@pytest.mark.parametrize("name", [n for n in examples.names() if examples.load(n).actuals])
def test_the_reforecast_scales_each_benefit_line_by_its_measures_year_end_share_of_plan(name):
    p = examples.load(name)
    t, e = track(p), evaluate(p)
    r = t.reforecast
    assert (r.case_benefits, r.case_costs, r.case_net, r.case_roi) == (e.total_benefits, e.total_costs, e.net_benefit, e.roi_percent)
    assert sum(x.case for x in r.lines) == e.total_benefits  # each line over the horizon adds up to the business case
    for line, item, benefit in zip(r.lines, e.benefits, p.benefits, strict=True):
        assert line.case == item.counted * (p.horizon_years if item.cadence == "per_year" else 1)
        m = t.progress_of(benefit.measure)
        if m is None or not m.tracked:
            assert isinstance(line.basis, Undefined) and line.reforecast == 0
            continue
        trend = not isinstance(m.forecast.progress, Undefined)
        share = m.forecast.progress if trend else m.progress
        assert (line.basis, line.trend) == (share, trend)
        assert line.reforecast == (line.case * min(share, 1)).quantize(D("0.01"))
    assert r.benefits == sum(x.reforecast for x in r.lines)
    assert r.costs == e.total_costs and r.net == r.benefits - r.costs and r.roi == roi_percent(r.benefits, r.costs)


def test_the_reforecast_never_credits_more_than_the_business_case():
    assert reforecast_benefit(D(1000), D("1.6522")) == D(1000)
    assert reforecast_benefit(D(1000), D("0.5")) == D(500)
    assert horizon_benefit(D("100.10"), "per_year", 3) == D("300.30")


@pytest.mark.parametrize("seed", range(12))
def test_the_trend_agrees_with_numpys_least_squares_fit_to_the_rounding(seed):
    """An independent fit (numpy.polyfit, in floating point) of seeded scattered readings: the same line, to the last decimal."""
    import random

    import numpy

    r = random.Random(seed)
    days = sorted(r.sample(range(0, 300), r.randint(2, 9)))
    values = [D(r.randint(-5000, 90000)) / 100 for _ in days]
    on = days[-1] + r.randint(0, 400)
    slope, intercept = numpy.polyfit([float(d) for d in days], [float(v) for v in values], 1)
    expected = slope * on + intercept
    got = trend_forecast(_readings(*zip(days, map(str, values), strict=True)), START + timedelta(days=on), decimals=2)
    assert abs(float(got) - expected) <= 0.005 + 1e-6 * max(1.0, abs(expected))
