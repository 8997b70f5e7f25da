"""The Track page: actual KPI values against baseline and target, results to date, and the results-update deck."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from apptest_support import APP, delta, problems
from streamlit.testing.v1 import AppTest

from ldpitch.pitch import examples

TRACK = "pages/track.py"



def open_track(example: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30).run()
    if example:
        at.button(key=f"start.example.{example}").click().run()
    at.switch_page(TRACK).run()
    assert not problems(at), problems(at)
    return at



def editor(at: AppTest, key: str) -> str:
    version = at.session_state["ui.tables"][key]["version"] if "ui.tables" in at.session_state else 0
    return key if version == 0 else f"{key}~{version}"


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def texts(at: AppTest) -> str:
    return " ".join(str(e.value) for e in [*at.info, *at.warning, *at.caption, *at.markdown])


@pytest.mark.parametrize("name", examples.names())
def test_the_track_page_runs_with_every_example(name):
    at = open_track(name)
    pitch = at.session_state["pitch"]
    assert at.title[0].value == "Track results"
    assert len(at.get("vega_lite_chart")) == len({a.measure for a in pitch.actuals} & {m.measure for m in pitch.measures})


def test_results_to_date_are_shown_beside_the_forecast():
    at = open_track("onboarding")
    assert metric(at, "Realised benefits") == "£238,321"
    assert metric(at, "Forecast by now") == "£400,701"
    assert metric(at, "ROI to date") == "-23.8%"
    assert metric(at, "Forecast ROI by now") == "28.2%"
    assert "Months to proficiency: 5.4, target 4.5 (64% of the way, behind plan)." in texts(at)
    charts = at.get("vega_lite_chart")
    assert len(charts) == 4 and "Months to proficiency" in "".join(c.proto.spec for c in charts)
    keys = [b.key for b in at.download_button if b.key.startswith("track.chart.")]
    assert len(keys) == 8 == len(set(keys)), "a PNG and an SVG per chart, each with its own key"


def test_an_actual_entered_in_the_grid_moves_the_results():
    at = open_track("onboarding")
    before = metric(at, "Realised benefits")
    count = len(at.session_state["pitch"].actuals)
    at.session_state["track.actuals"] = delta(added=[{"Measure": "Months to proficiency", "On": "2028-01-31", "Value": 4.5}])
    at.run()
    assert not problems(at)
    pitch = at.session_state["pitch"]
    assert len(pitch.actuals) == count + 1
    assert pitch.actuals[-1].on == date(2028, 1, 31) and pitch.actuals[-1].value == Decimal("4.5")
    assert metric(at, "Realised benefits") != before
    assert "Months to proficiency: 4.5, target 4.5 (target reached)." in texts(at)


def test_a_reading_without_a_date_is_flagged_on_its_row_and_left_out():
    at = open_track("onboarding")
    pitch = at.session_state["pitch"]
    at.session_state["track.actuals"] = delta(added=[{"Measure": "Months to proficiency", "Value": 4.0}])
    at.run()
    assert at.session_state["pitch"] == pitch
    rows = at.session_state["ui.tables"]["track.actuals"]["draft"].rows
    assert rows[-1]["Problem"].startswith("⚠ On: fill it in")
    assert any("KPI actual 11: On: fill it in" in w.value for w in at.warning)


def test_the_launch_date_counts_benefits_and_costs_from_launch():
    at = open_track("onboarding")
    costs = metric(at, "Costs to date")
    at.date_input(key="launch_date").set_value(date(2027, 1, 4)).run()
    assert at.session_state["pitch"].launch_date == date(2027, 1, 4)
    assert metric(at, "Costs to date") != costs


def test_the_results_update_deck_is_built_on_demand_and_offered():
    from pptx import Presentation

    at = open_track("production")
    assert not [b for b in at.download_button if b.key == "track.pptx"], "not built just because the page ran"
    at.button(key="track.build").click().run()
    assert at.download_button(key="track.pptx").label == "Download the results update (.pptx)"
    deck = Presentation(io.BytesIO(at.session_state["track.deck"][1]))
    assert len(deck.slides) >= 4
    at.session_state["track.actuals"] = delta(deleted=[0])
    at.run()
    assert "build the results update again" in texts(at), "a deck of old results is not offered as current"


def test_with_no_actuals_yet_the_page_asks_for_the_first_results():
    at = open_track("sales_mobile")
    assert "Record your first results" in texts(at)
    assert not [b for b in at.button if b.key == "track.build"]
    assert not at.metric and not at.get("vega_lite_chart")


def test_an_empty_pitch_points_to_the_measurement_plan():
    at = open_track()
    assert "The measurement plan has no measures yet" in texts(at)
    assert not [b for b in at.button if b.key == "track.build"]
