"""Chart descriptions of a pitch: the numbers every chart draws, hand-checked, and the words of its alt text."""

from decimal import Decimal as D

import pytest

from ldpitch.charts import build as cb
from ldpitch.charts.spec import ChartSpec, Series, WaterfallSegment, waterfall_segments
from ldpitch.pitch.model import Pitch

# Two years, USD. One-time: delivery 10,000 + time away 10 x 5 h x 40 = 2,000 -> 12,000; recurring: licences 2,000 a year.
# Costs by year 14,000 / 2,000 (total 16,000). Benefit 100 x 240 = 24,000 raw x 0.5 = 12,000 counted a year (total 24,000).
# ROI (24,000 - 16,000) / 16,000 = 50.0%. Net a year 12,000 - 2,000 = 10,000; payback 12 + 2,000 / (10,000 / 12) = 14.4 months.
CHARTED = {
    "schema_version": 1, "horizon_years": 2, "scenario_spread": "0.2",
    "costs": [{"category": "delivery (facilitators)", "amount": "10000"},
              {"category": "content and licences", "amount": "2000", "cadence": "per_year"}],
    "learner_groups": [{"name": "Team", "headcount": 10, "hours_away": "5", "loaded_hourly_rate": "40"}],
    "benefits": [{"label": "B", "template": "standard_value", "attribution": "0.5", "inputs": {"units_per_year": "100", "value_per_unit": "240"}}],
    "stakeholders": [{"name": "CFO", "influence": 5, "interest": 2, "stance": "sceptic"}, {"name": "HR", "influence": 3, "interest": 5, "stance": "champion"}],
    "criteria": [{"name": "Impact", "weight": 60}, {"name": "Cost", "weight": 40}],
    "options": [{"name": "Do nothing", "is_do_nothing": True, "scores": {"Impact": 1, "Cost": 10}},  # 0.6 + 4 = 4.60
                {"name": "Blended", "scores": {"Impact": 8, "Cost": 6}}],  # 4.8 + 2.4 = 7.20
    "radar": {"resistance": {"score": 2}, "results": {"score": 5}},
    "measures": [{"level": "business impact", "measure": "Turnover", "unit": "%", "baseline": "18", "target": "15"}],
    "actuals": [{"measure": "Turnover", "on": "2026-06-30", "value": "16.5"}, {"measure": "Turnover", "on": "2026-03-31", "value": "17.2"},
                {"measure": "Other", "on": "2026-01-31", "value": "1"}],
}


@pytest.fixture
def pitch() -> Pitch:
    return Pitch.model_validate(CHARTED)


def test_costs_vs_benefits_draws_each_year(pitch):
    spec = cb.costs_vs_benefits(pitch)
    assert (spec.kind, spec.categories) == ("column", ("Year 1", "Year 2"))
    assert spec.series == (Series("Fully loaded costs", (D("14000.00"), D("2000.00")), "cost"),
                           Series("Counted benefits", (D("12000.00"), D("12000.00")), "benefit"))
    assert "year 1: costs $14,000, benefits $12,000; year 2: costs $2,000, benefits $12,000." in spec.alt_text


def test_cumulative_cash_marks_the_month_it_turns_positive(pitch):
    spec = cb.cumulative_cash(pitch)
    values = dict(zip(spec.categories, spec.series[0].values, strict=True))
    assert len(spec.categories) == 25  # monthly, M0 to M24, for a horizon of two years or less
    # -12,000 + 10,000 x m / 12: M0 -12,000; M12 -2,000; M14 -333.33; M15 +500; M24 +8,000
    assert (values["M0"], values["M12"], values["M15"], values["M24"]) == (D(-12000), D(-2000), D(500), D(8000))
    assert values["M14"] < 0 <= values["M15"]
    assert spec.marker_at == "M15"
    assert spec.note == "It turns positive after 14.4 months."
    assert "starting at -$12,000 and ending at $8,000" in spec.alt_text


def test_cumulative_cash_is_quarterly_beyond_two_years_and_says_when_it_never_pays_back():
    p = Pitch.model_validate({**CHARTED, "horizon_years": 3, "costs": [{"category": "other", "amount": "500000"}]})
    spec = cb.cumulative_cash(p)
    assert spec.categories[:3] == ("M0", "M3", "M6") and spec.categories[-1] == "M36"
    assert spec.marker_at is None
    assert spec.note == "It does not turn positive: does not pay back within the 3-year horizon."


def test_cost_waterfall_steps_from_benefits_down_to_the_net_benefit(pitch):
    spec = cb.cost_waterfall(pitch)
    # over 2 years: delivery 10,000; licences 2 x 2,000 = 4,000; time away 2,000; net 24,000 - 16,000 = 8,000
    assert spec.categories == ("Counted benefits", "Delivery (facilitators)", "Content and licences", "Participants' time away from work", "Net benefit")
    assert spec.series[0].values == (D("24000.00"), D(-10000), D(-4000), D(-2000), None)
    assert waterfall_segments(spec) == [
        WaterfallSegment("Counted benefits", D(0), D(24000), "total"),
        WaterfallSegment("Delivery (facilitators)", D(14000), D(24000), "decrease"),
        WaterfallSegment("Content and licences", D(10000), D(14000), "decrease"),
        WaterfallSegment("Participants' time away from work", D(8000), D(10000), "decrease"),
        WaterfallSegment("Net benefit", D(0), D(8000), "total"),
    ]
    assert "leave a net benefit of $8,000" in spec.alt_text


def test_scenario_roi_draws_the_three_cases(pitch):
    spec = cb.scenario_roi(pitch)
    # benefits x 0.8 = 19,200 -> 20.0%; x 1 -> 50.0%; x 1.2 = 28,800 -> 80.0%
    assert spec.series[0].values == (D("20.0"), D("50.0"), D("80.0"))
    assert spec.alt_text.endswith("conservative 20%, expected 50%, optimistic 80%.")


def test_scenario_roi_leaves_gaps_not_zeros_when_roi_is_undefined():
    spec = cb.scenario_roi(Pitch())
    assert spec.series[0].values == (None, None, None)


def test_sensitivity_draws_the_tornado_widest_bar_first(pitch):
    spec = cb.sensitivity(pitch)
    assert spec.baseline == D("50.0")
    assert spec.categories == (
        "B: units a year, standard value per unit, attribution",  # 20.0 / 80.0: swing 60
        "Delivery (facilitators)",  # costs 14,000 -> 10,000 / 14,000 = 71.4; 18,000 -> 6,000 / 18,000 = 33.3: swing 38.1
        "B: confidence",  # 0.8 -> 20.0; capped at 1 -> 50.0: swing 30
        "Content and licences",  # 1,600 a year -> 15,200: 57.9; 2,400 -> 16,800: 42.9
        "Time away from work: Team",  # 1,600 -> 15,600: 53.8; 2,400 -> 16,400: 46.3
    )
    low, high = spec.series
    assert low.values == (D("20.0"), D("71.4"), D("20.0"), D("57.9"), D("53.8"))
    assert high.values == (D("80.0"), D("33.3"), D("50.0"), D("42.9"), D("46.3"))


def test_the_tornado_axis_says_it_plots_the_roi_from_the_expected_case(pitch):
    """The values are the ROI itself (as the bar labels say), so the axis is titled for the ROI and where bars start,
    not "ROI %" over changes from the expected case; the series say how far each input moved."""
    spec = cb.sensitivity(pitch)
    assert spec.y_title == "ROI with one input moved; bars start at the expected 50%"
    assert [s.name for s in spec.series] == ["Input 20% lower", "Input 20% higher"]


def test_stakeholders_on_one_spot_share_one_label_and_keep_their_scores():
    p = Pitch.model_validate({**CHARTED, "stakeholders": [
        {"name": "Raj Patel", "influence": 4, "interest": 5, "stance": "champion"},
        {"name": "Claire Donnelly (Head of Claims)", "influence": 4, "interest": 5, "stance": "supporter"},
        {"name": "Richard Cole", "influence": 5, "interest": 2, "stance": "sceptic"},
        {"name": "Helen Marsh", "influence": 5, "interest": 3, "stance": "supporter"}]})
    spec = cb.stakeholder_grid(p)
    assert [(pt.label, pt.x, pt.y) for pt in spec.points] == [
        ("", D(5), D(4)), ("Raj Patel, Claire Donnelly", D(5), D(4)), ("Richard Cole", D(2), D(5)), ("Helen Marsh", D(3), D(5))]
    # Richard Cole's label would run into Helen Marsh's point on the right: it goes on the left
    assert [pt.label_side for pt in spec.points] == ["right", "right", "left", "right"]
    assert "Claire Donnelly (Head of Claims), influence 4, interest 5" in spec.alt_text


def test_option_scores_rank_the_options_out_of_ten(pitch):
    spec = cb.option_scores(pitch)
    assert spec.categories == ("Blended", "Do nothing")
    assert spec.series[0].values == (D("7.20"), D("4.60"))
    assert spec.value_range == (D(0), D(10))


def test_readiness_radar_leaves_unscored_factors_as_gaps(pitch):
    spec = cb.readiness_radar(pitch)
    assert spec.categories == ("Resistance", "Apathy", "Disruptions", "Application", "Results")
    assert spec.series[0].values == (D(2), None, None, None, D(5))
    assert "Apathy not scored" in spec.alt_text


def test_stakeholder_grid_places_interest_on_x_and_influence_on_y(pitch):
    spec = cb.stakeholder_grid(pitch)
    assert [(p.label, p.x, p.y, p.group) for p in spec.points] == [("CFO", D(2), D(5), "sceptic"), ("HR", D(5), D(3), "champion")]
    assert (spec.x_title, spec.y_title) == ("Interest (1 to 5)", "Influence (1 to 5)")


def test_kpi_tracking_draws_actuals_in_date_order_against_baseline_and_target(pitch):
    spec = cb.kpi_tracking(pitch, "Turnover")
    assert spec.categories == ("2026-03-31", "2026-06-30")
    assert [(s.name, s.values) for s in spec.series] == [
        ("Actual", (D("17.2"), D("16.5"))), ("Baseline", (D(18), D(18))), ("Target", (D(15), D(15)))]
    assert spec.alt_text == ("Line chart of Turnover (%): actual values from 2026-03-31 to 2026-06-30, latest 16.5, "
                             "baseline 18, target 15.")


def test_builders_return_none_when_there_is_nothing_to_draw_yet():
    empty = Pitch()
    assert cb.sensitivity(empty) is None  # no costs: ROI, and so the tornado, is undefined
    assert cb.option_scores(empty) is None
    assert cb.readiness_radar(empty) is None
    assert cb.stakeholder_grid(empty) is None
    assert cb.kpi_tracking(empty, "Turnover") is None


@pytest.mark.parametrize(
    ("steps", "totals", "expected"),
    [
        # 100 in, -30, -90 crosses zero to -20, +50 back to 30; totals span from zero
        (("100", "-30", "-90", "50", None), ("Start", "End"),
         [("Start", "0", "100", "total"), ("a", "70", "100", "decrease"), ("b", "-20", "70", "decrease"), ("c", "-20", "30", "increase"),
          ("End", "0", "30", "total")]),
        # a net total below zero hangs from zero downwards
        (("50", "-80", None), ("Start", "End"), [("Start", "0", "50", "total"), ("a", "-30", "50", "decrease"), ("End", "-30", "0", "total")]),
    ],
)
def test_waterfall_segments_float_each_step_from_the_running_total(steps, totals, expected):
    categories = ("Start", "a", "b", "c", "End")[: len(steps) - 1] + ("End",)
    spec = ChartSpec("waterfall", "t", "a", categories, (Series("x", tuple(None if s is None else D(s) for s in steps)),), totals=totals)
    assert [(w.category, str(w.low), str(w.high), w.kind) for w in waterfall_segments(spec)] == expected
