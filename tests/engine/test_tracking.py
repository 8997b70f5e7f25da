"""Results after launch: progress toward targets, and benefits, costs and ROI realised to date, checked by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ldpitch.engine.evaluation import evaluate
from ldpitch.engine.finance import CostItem, Undefined
from ldpitch.engine.tracking import (
    costs_to_date,
    credited_progress,
    expected_progress,
    forecast_benefit_to_date,
    measure_progress,
    progress_toward_target,
    realised_benefit,
    track,
    years_since,
)
from ldpitch.pitch import examples
from ldpitch.pitch.files import dump_pitch, load_pitch
from ldpitch.pitch.model import KpiActual, Measure, Pitch

D = Decimal


# --- progress toward a target ---------------------------------------------------------------

@pytest.mark.parametrize(
    ("baseline", "target", "latest", "expected"),
    [
        # rising: calls handled without help, 35% to 70%
        ("35", "70", "63", "0.8000"),
        ("35", "70", "35", "0.0000"),
        ("35", "70", "70", "1.0000"),
        # falling: an error rate from 6.2% to 3.2% (target below baseline)
        ("6.2", "3.2", "4.1", "0.7000"),
        ("1350", "1015", "1120", "0.6866"),  # 230 / 335
        ("7", "4.5", "5.4", "0.6400"),  # 1.6 / 2.5
        # over-achievement is reported, not capped
        ("58", "85", "90", "1.1852"),  # 32 / 27
        ("34", "26", "22", "1.5000"),  # 12 / 8
        # moved away from the target: no progress, never negative
        ("34", "26", "36", "0.0000"),
        ("35", "70", "30", "0.0000"),
    ],
)
def test_progress_is_the_share_of_the_way_from_baseline_to_target(baseline, target, latest, expected):
    assert progress_toward_target(D(baseline), D(target), D(latest)) == D(expected)


@pytest.mark.parametrize(
    ("baseline", "target", "reason"),
    [
        (None, "26", "no baseline"),
        ("34", None, "no target"),
        (None, None, "no baseline"),
        ("5", "5", "the same"),
    ],
)
def test_progress_is_undefined_with_a_reason_without_a_baseline_a_target_or_a_distance(baseline, target, reason):
    result = progress_toward_target(None if baseline is None else D(baseline), None if target is None else D(target), D(4))
    assert isinstance(result, Undefined)
    assert reason in result.reason


@pytest.mark.parametrize(
    ("progress", "credited"),
    [(D("0.64"), D("0.64")), (D(0), D(0)), (D(1), D(1)), (D("1.1852"), D(1)), (Undefined("no reading"), D(0))],
)
def test_credited_progress_caps_over_achievement_and_gives_nothing_without_data(progress, credited):
    assert credited_progress(progress) == credited


# --- time since launch --------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("launch", "as_of", "horizon", "years"),
    [
        (date(2027, 1, 1), date(2027, 3, 15), None, "0.2000"),  # 73 days
        (date(2027, 4, 12), date(2027, 12, 31), None, "0.7205"),  # 263 days
        (date(2027, 4, 26), date(2027, 10, 31), None, "0.5151"),  # 188 days
        (date(2027, 1, 1), date(2027, 1, 1), None, "0.0000"),
        (date(2027, 6, 1), date(2027, 1, 1), None, "0.0000"),  # readings before launch
        (date(2027, 1, 1), date(2029, 1, 1), 1, "1.0000"),  # never beyond the horizon
        (date(2027, 1, 1), date(2029, 1, 1), 3, "2.0027"),  # 731 days
    ],
)
def test_years_since_launch_are_365_day_years_within_the_horizon(launch, as_of, horizon, years):
    assert years_since(launch, as_of, horizon) == D(years)


@pytest.mark.parametrize(
    ("launch", "due", "on", "expected"),
    [
        (date(2027, 4, 12), date(2028, 3, 31), date(2027, 12, 31), D("0.7429")),  # 263 / 354 days
        (date(2027, 1, 1), date(2027, 12, 31), date(2027, 7, 2), D("0.5000")),  # 182 / 364
        (date(2027, 4, 12), date(2027, 7, 31), date(2027, 9, 30), D("1.0000")),  # past due
        (date(2027, 4, 12), date(2027, 7, 31), date(2027, 1, 1), D("0.0000")),  # before launch
        (None, date(2027, 7, 31), date(2027, 5, 1), None),
        (date(2027, 4, 12), None, date(2027, 5, 1), None),
        (date(2027, 4, 12), date(2027, 4, 12), date(2027, 5, 1), None),
    ],
)
def test_expected_progress_is_a_straight_line_from_launch_to_the_due_date(launch, due, on, expected):
    assert expected_progress(launch, due, on) == expected


# --- money to date --------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("counted", "progress", "years", "cadence", "realised"),
    [
        ("10000", D("0.7"), "0.2", "per_year", "1400.00"),  # 10,000 x 0.7 x 0.2
        ("475368.75", D("0.64"), "0.7205", "per_year", "219202.04"),  # 304,236 x 0.7205 = 219,202.038
        ("238000", D("0.6866"), "0.5151", "per_year", "84172.90"),  # 163,410.80 x 0.5151 = 84,172.903
        ("10000", D("1.5"), "0.2", "per_year", "2000.00"),  # over-achievement credits the full target only
        ("10000", D("0.5"), "0.2", "one_time", "5000.00"),  # a one-time line has no time factor
        ("10000", D(0), "0.2", "per_year", "0.00"),
        ("10000", Undefined("no reading"), "0.2", "per_year", "0.00"),  # no progress data, no benefit
    ],
)
def test_realised_benefit_is_counted_benefit_times_credited_progress_times_years(counted, progress, years, cadence, realised):
    assert realised_benefit(D(counted), progress, D(years), cadence) == D(realised)


@pytest.mark.parametrize(
    ("counted", "years", "cadence", "forecast"),
    [("10000", "0.2", "per_year", "2000.00"), ("33600", "0.7205", "per_year", "24208.80"), ("5000", "0.2", "one_time", "5000.00")],
)
def test_the_forecast_to_date_is_what_the_forecast_expected_over_the_same_time(counted, years, cadence, forecast):
    assert forecast_benefit_to_date(D(counted), D(years), cadence) == D(forecast)


def test_costs_to_date_count_one_time_costs_in_full_and_recurring_costs_pro_rata():
    items = [CostItem("Build", "design and development", "one_time", D(10000)),
             CostItem("Licence", "content and licences", "per_year", D(3650))]
    assert costs_to_date(items, D("0.2")) == D("10730.00")  # 10,000 + 3,650 x 0.2
    assert costs_to_date(items, D(0)) == D("10000.00")
    assert costs_to_date([], D("0.5")) == D("0.00")


# --- one measure's status ----------------------------------------------------------------------

LAUNCH = date(2027, 1, 1)


def _measure(baseline="6.2", target="3.2", due=date(2027, 12, 31), name="Error rate") -> Measure:
    return Measure(level="business impact", measure=name, unit="%", baseline=baseline, target=target, due=due)


def _readings(*pairs, name="Error rate") -> list[KpiActual]:
    return [KpiActual(measure=name, on=on, value=value) for on, value in pairs]


@pytest.mark.parametrize(
    ("measure", "readings", "status", "progress"),
    [
        # 0.7 of the way on Jul 2, where a straight line stands at 0.5: on track
        (_measure(), _readings((date(2027, 7, 2), "4.1")), "on_track", D("0.7000")),
        # 0.3 of the way on Jul 2: behind
        (_measure(), _readings((date(2027, 7, 2), "5.3")), "behind", D("0.3000")),
        # beyond the target: reached, progress above 1 kept
        (_measure(), _readings((date(2027, 7, 2), "2.9")), "reached", D("1.1000")),
        # worse than the baseline: moved away, no progress
        (_measure(), _readings((date(2027, 7, 2), "7.0")), "moved_away", D("0.0000")),
        # no due date, so no straight line to compare with
        (_measure(due=None), _readings((date(2027, 7, 2), "4.1")), "in_progress", D("0.7000")),
        (_measure(baseline=None), _readings((date(2027, 7, 2), "4.1")), "not_measurable", None),
        (_measure(), [], "no_readings", None),
    ],
)
def test_each_measure_gets_a_status_against_a_straight_line_to_its_due_date(measure, readings, status, progress):
    p = measure_progress(measure, readings, None, LAUNCH)
    assert p.status == status
    if progress is None:
        assert isinstance(p.progress, Undefined)
    else:
        assert p.progress == progress


def test_a_falling_measure_is_known_by_its_target_below_its_baseline():
    assert measure_progress(_measure(), _readings((date(2027, 7, 2), "4.1")), None, LAUNCH).falling
    assert not measure_progress(_measure("35", "70"), _readings((date(2027, 7, 2), "50")), None, LAUNCH).falling


def test_the_latest_reading_on_or_before_the_as_of_date_counts_and_readings_are_put_in_date_order():
    readings = _readings((date(2027, 9, 1), "3.5"), (date(2027, 3, 1), "5.6"), (date(2027, 6, 1), "4.7"))
    p = measure_progress(_measure(), readings, date(2027, 6, 30), LAUNCH)
    assert [r.on for r in p.readings] == [date(2027, 3, 1), date(2027, 6, 1)]
    assert p.latest.value == D("4.7") and p.progress == D("0.5000")  # 1.5 / 3
    assert measure_progress(_measure(), readings, None, LAUNCH).latest.value == D("3.5")


# --- a whole pitch, by hand --------------------------------------------------------------------


def _pitch(make_pitch, **changes) -> Pitch:
    """Error-rate training: 10,000 one-time and 3,650 a year of costs; two benefit lines.

    - "Fewer errors" (per year): 1,000 errors x 20 = 20,000 raw, x 0.5 attribution x 1 confidence = 10,000 counted,
      tracked by "Error rate" (6.2% to 3.2%);
    - "Fewer complaints" (per year): 400 x 25 = 10,000 raw, x 0.5 x 0.8 = 4,000 counted, tracked by "Complaints"
      (no reading yet);
    - "Audit fine avoided" (one-time): 2,000 x 1 x 1 = 2,000 counted, not linked to a measure.
    Launched Jan 1, 2027; the latest reading is on Mar 15, 2027 (73 days: 0.2 years).
    """
    fields = {
        "title": "Fewer errors", "currency": "USD", "locale": "en_US",
        "costs": [{"category": "design and development", "amount": "10000"},
                  {"category": "content and licences", "cadence": "per_year", "amount": "3650"}],
        "benefits": [
            {"label": "Fewer errors", "template": "errors_avoided", "inputs": {"errors_avoided_per_year": 1000, "cost_per_error": 20},
             "attribution": "0.5", "confidence": "1", "measure": "Error rate"},
            {"label": "Fewer complaints", "template": "errors_avoided", "inputs": {"errors_avoided_per_year": 400, "cost_per_error": 25},
             "attribution": "0.5", "confidence": "0.8", "measure": "Complaints"},
            {"label": "Audit fine avoided", "template": "errors_avoided", "inputs": {"errors_avoided_per_year": 1, "cost_per_error": 2000},
             "cadence": "one_time"},
        ],
        "measures": [
            {"level": "learning", "measure": "Quiz score", "unit": "points", "baseline": 60, "target": 80},
            {"level": "business impact", "measure": "Error rate", "unit": "%", "baseline": "6.2", "target": "3.2", "due": "2027-12-31"},
            {"level": "business impact", "measure": "Complaints", "unit": "a month", "baseline": 40, "target": 30, "due": "2027-06-30"},
        ],
        "milestones": [{"name": "Pilot", "due": "2026-12-01"}, {"name": "Six-month review", "due": "2027-07-01"}],
        "launch_date": "2027-01-01",
        "actuals": [{"measure": "Error rate", "on": "2027-02-01", "value": "5.6"},
                    {"measure": "Error rate", "on": "2027-03-15", "value": "4.1"},
                    {"measure": "Quiz score", "on": "2027-01-20", "value": "84"}],
    }
    fields.update(changes)
    return make_pitch(**fields)


def test_a_hand_checked_pitch_realises_what_its_measures_earn(make_pitch):
    t = track(_pitch(make_pitch))
    assert t.as_of == date(2027, 3, 15) and t.years_elapsed == D("0.2000")
    lines = {line.label: line for line in t.lines}
    # 10,000 counted x 0.7 progress x 0.2 years
    assert (lines["Fewer errors"].progress, lines["Fewer errors"].realised) == (D("0.7000"), D("1400.00"))
    # linked, but its measure has no reading: nothing
    assert lines["Fewer complaints"].realised == D("0.00") and "no reading" in lines["Fewer complaints"].reason
    # not linked to a measure: nothing, even though it is one-time
    assert lines["Audit fine avoided"].realised == D("0.00") and "not linked" in lines["Audit fine avoided"].reason
    assert t.realised_benefits == D("1400.00")
    # forecast by now: 10,000 x 0.2 + 4,000 x 0.2 + 2,000 (one-time, in full)
    assert t.forecast_to_date == D("4800.00")
    assert t.costs_to_date == D("10730.00")  # 10,000 + 3,650 x 0.2
    assert t.net_to_date == D("-9330.00")
    assert t.roi_to_date == D("-87.0")  # -9,330 / 10,730 = -86.95%
    assert t.forecast_roi_to_date == D("-55.3")  # (4,800 - 10,730) / 10,730 = -55.27%
    assert t.realised_share == D("0.2917")  # 1,400 / 4,800
    assert t.forecast == evaluate(_pitch(make_pitch))


def test_over_achievement_is_reported_but_credited_only_up_to_the_target(make_pitch):
    p = _pitch(make_pitch, actuals=[{"measure": "Error rate", "on": "2027-03-15", "value": "2.0"}])
    t = track(p)
    error_rate = t.progress_of("Error rate")
    assert error_rate.progress == D("1.4000") and error_rate.status == "reached"  # 4.2 / 3
    assert t.lines[0].credited == D(1) and t.lines[0].realised == D("2000.00")  # 10,000 x 1 x 0.2, not x 1.4


def test_a_measure_that_moved_away_from_target_realises_nothing(make_pitch):
    t = track(_pitch(make_pitch, actuals=[{"measure": "Error rate", "on": "2027-03-15", "value": "6.5"}]))
    assert t.progress_of("Error rate").moved_away
    assert t.realised_benefits == D("0.00") and "not moved toward" in t.lines[0].reason
    assert t.roi_to_date == D("-100.0")


def test_without_a_launch_date_the_money_to_date_is_undefined_and_says_why(make_pitch):
    t = track(_pitch(make_pitch, launch_date=None))
    assert t.has_results and t.progress_of("Error rate").progress == D("0.7000")
    assert t.progress_of("Error rate").status == "in_progress"  # no straight line without a launch date
    for figure in (t.years_elapsed, t.realised_benefits, t.costs_to_date, t.roi_to_date, t.realised_share):
        assert isinstance(figure, Undefined) and "launch date" in figure.reason
    assert not t.money_known and t.lines == ()


def test_a_pitch_with_no_actuals_has_no_results_and_no_money_to_date(make_pitch):
    t = track(_pitch(make_pitch, actuals=[]))
    assert not t.has_results and t.as_of is None and t.tracked == []
    assert isinstance(t.realised_benefits, Undefined) and "no results" in t.realised_benefits.reason
    assert all(m.status == "no_readings" for m in t.measures)


def test_readings_of_a_measure_not_in_the_plan_are_named_not_counted(make_pitch):
    t = track(_pitch(make_pitch, actuals=[{"measure": "Old name", "on": "2027-03-15", "value": "4.1"}]))
    assert not t.has_results and t.unmatched_actuals == ("Old name",)


def test_an_earlier_as_of_date_uses_only_the_readings_up_to_it(make_pitch):
    t = track(_pitch(make_pitch), as_of=date(2027, 2, 1))  # 31 days: 0.0849 years, error rate 5.6 (0.2 of the way)
    assert t.years_elapsed == D("0.0849")
    assert t.progress_of("Error rate").progress == D("0.2000")
    assert t.lines[0].realised == D("169.80")  # 10,000 x 0.2 x 0.0849
    assert [m.name for m in t.upcoming_milestones] == ["Six-month review"]


def test_measures_still_due_are_application_and_impact_ones_not_at_target_by_due_date(make_pitch):
    t = track(_pitch(make_pitch))
    assert [m.name for m in t.due_measures()] == ["Complaints", "Error rate"]


def test_tracking_is_pure(make_pitch):
    p = _pitch(make_pitch)
    assert track(p) == track(p)


def test_older_pitch_files_without_links_or_launch_dates_still_load():
    p = examples.load("production")
    data = p.model_dump(mode="json")
    data.pop("launch_date")
    for b in data["benefits"]:
        b.pop("measure")
    old = Pitch.model_validate(data)
    assert old.launch_date is None and all(b.measure == "" for b in old.benefits)
    assert load_pitch(dump_pitch(old)) == old


# --- the examples ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", examples.names())
def test_every_example_links_each_benefit_to_a_business_impact_measure_of_its_plan(name):
    p = examples.load(name)
    impact = {m.measure for m in p.measures if m.level.value == "business impact"}
    assert all(b.measure in impact for b in p.benefits)


@pytest.mark.parametrize("name", examples.names())
def test_an_example_with_actuals_was_launched_before_its_first_impact_reading(name):
    p = examples.load(name)
    if not p.actuals:
        assert p.launch_date is None
        return
    assert p.launch_date is not None
    assert p.launch_date in {m.due for m in p.milestones}  # the launch is one of its milestones
    assert all(a.on >= p.launch_date for a in p.actuals)


# Hand-checked from the files: see the worked cases above for the arithmetic.
@pytest.mark.parametrize(
    ("name", "as_of", "years", "realised", "forecast", "costs", "roi", "forecast_roi"),
    [
        # 475,368.75 x 0.64 x 0.7205 + 47,174.40 x 0.5625 x 0.7205 + rework (no reading) 0
        ("onboarding", date(2027, 12, 31), "0.7205", "238320.94", "400701.14", "312580.51", "-23.8", "28.2"),
        # 238,000 x 0.6866 x 0.5151; OEE and injuries have no reading yet
        ("production", date(2027, 10, 31), "0.5151", "84172.90", "218363.77", "256438.64", "-67.2", "-14.8"),
        # no business-impact reading yet 62 days after the conference: nothing counted
        ("association_conference", date(2027, 11, 23), "0.1699", "0.00", "61521.55", "205557.25", "-100.0", "-70.1"),
    ],
)
def test_example_results_to_date(name, as_of, years, realised, forecast, costs, roi, forecast_roi):
    t = track(examples.load(name))
    assert t.as_of == as_of
    assert t.years_elapsed == D(years)
    assert t.realised_benefits == D(realised)
    assert t.forecast_to_date == D(forecast)
    assert t.costs_to_date == D(costs)
    assert t.roi_to_date == D(roi)
    assert t.forecast_roi_to_date == D(forecast_roi)
    assert t.realised_benefits <= t.forecast_to_date
