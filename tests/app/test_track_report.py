"""The Track page reports results the TDRp way: per measure the plan, the latest actual, the share of plan achieved and a
year-end forecast with its method, and the business case re-forecast for its horizon next to the original."""

from __future__ import annotations

from apptest_support import delta, open_app

from ldpitch import format as fmt
from ldpitch.engine.tracking import track

TRACK = "pages/track.py"
COLUMNS = ["Measure", "Unit", "Baseline", "Plan (target)", "Latest actual", "Read on", "Share of plan achieved",
           "Year-end forecast", "Forecast share of plan"]


def _tables(at):
    return [d.value for d in at.table]


def _report(at):
    return next(t for t in _tables(at) if list(t.columns) == COLUMNS)


def _captions(at) -> str:
    return " ".join(str(c.value) for c in at.caption)


def test_the_track_page_shows_the_tdrp_report_for_every_measure_with_the_forecast_method():
    at = open_app("onboarding", TRACK)
    p = at.session_state["pitch"]
    t = track(p)
    report = _report(at)
    assert list(report["Measure"]) == [m.measure for m in p.measures]
    months = report[report["Measure"] == "Months to proficiency"].iloc[0]
    m = t.progress_of("Months to proficiency")
    assert months["Latest actual"] == fmt.number(m.latest.value, p.locale)
    assert months["Read on"] == fmt.date(m.latest.on, p.locale)
    assert months["Share of plan achieved"] == fmt.share(m.progress, p.locale)
    assert months["Year-end forecast"] == fmt.number(m.forecast.value, p.locale)
    assert months["Forecast share of plan"] == fmt.share(m.forecast.progress, p.locale)
    captions = _captions(at)
    assert "straight line" in captions and "least squares" in captions and "never from a single reading" in captions
    assert fmt.date(t.year_end, p.locale) in captions


def test_the_re_forecast_sits_next_to_the_business_case_on_the_page():
    at = open_app("onboarding", TRACK)
    p = at.session_state["pitch"]
    t = track(p)
    money = next(x for x in _tables(at) if list(x.columns) == ["Over the horizon", "Business case", "Re-forecast"])
    benefits = money[money["Over the horizon"] == "Counted benefits"].iloc[0]
    assert benefits["Business case"] == fmt.money(t.forecast.total_benefits, p.currency, p.locale)
    assert benefits["Re-forecast"] == fmt.money(t.reforecast.benefits, p.currency, p.locale)
    assert "over three years" in " ".join(str(x.value) for x in at.markdown)


def test_a_single_reading_shows_no_forecast_and_says_why():
    at = open_app("association_conference", TRACK)
    report = _report(at)
    toolkit = report[report["Measure"].str.contains("toolkit")].iloc[0]
    assert toolkit["Year-end forecast"] == "no trend yet"


def test_a_second_reading_typed_in_the_grid_brings_a_forecast():
    at = open_app("association_conference", TRACK)
    name = "Attendees who used the toolkit at work within 60 days"
    at.session_state["track.actuals"] = delta(added=[{"Measure": name, "On": "2028-01-23", "Value": 66}])
    at.run()
    p = at.session_state["pitch"]
    m = track(p).progress_of(name)
    row = _report(at)[lambda r: r["Measure"] == name].iloc[0]
    assert row["Year-end forecast"] == fmt.share(m.forecast.value / 100, p.locale) != "no trend yet"
