"""Whole business cases through ``evaluate``: three worked cases to the cent, undefined figures, properties.

Each worked case is a complete pitch (fully loaded costs with participants' time,
benefit lines with attribution and confidence, a horizon and a discount rate);
every figure is worked by hand in the comments, then asserted exactly.
"""

from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ldpitch.engine.evaluation import evaluate
from ldpitch.engine.finance import Undefined
from ldpitch.engine.sensitivity import scenarios
from ldpitch.pitch.model import Pitch

FEW = settings(max_examples=40, deadline=None)


# Case A: sales coaching, first year only (Phillips' default horizon), USD, 8% discount rate.
# The benefit is the DOMAIN 1.6 illustration: 20 reps, +400,000 gross profit, 40% attributed, 75% confidence.
CASE_A = {
    "title": "Consultative selling", "currency": "USD", "horizon_years": 1, "discount_rate": "0.08", "scenario_spread": "0.2",
    "costs": [
        {"category": "design and development", "amount": "12000"},
        {"category": "delivery (facilitators)", "amount": "18000"},
        {"category": "content and licences", "amount": "4500"},
        {"category": "evaluation and reporting", "amount": "2500"},
    ],
    "learner_groups": [{"name": "Sellers", "headcount": 20, "hours_away": "16", "loaded_hourly_rate": "52.50"}],
    "benefits": [{"label": "Sales", "template": "sales_uplift", "attribution": "0.40", "confidence": "0.75",
                  "inputs": {"sellers": "20", "extra_sales_per_seller": "50000", "gross_margin": "0.40"}}],
}
# costs:    12,000 + 18,000 + 4,500 + 2,500 = 37,000; time away 20 x 16 x 52.50 = 16,800; total 53,800 (all one-time)
# benefits: 20 x 50,000 x 0.40 = 400,000 raw; x 0.40 x 0.75 = 120,000 counted
# BCR       120,000 / 53,800 = 2.2305 -> 2.23
# ROI       (120,000 - 53,800) / 53,800 = 66,200 / 53,800 = 1.230483 -> 123.0%
# payback   53,800 / (120,000 / 12 = 10,000 a month) = 5.38 -> 5.4 months
# NPV       -53,800 + 120,000 / 1.08 = -53,800 + 111,111.111 = 57,311.11
# break-even 53,800 / 120,000 = 0.448333 -> 0.4483
# scenarios conservative raw 320,000 -> 96,000 counted: 42,200 / 53,800 = 0.784387 -> 78.4%
#           optimistic   raw 480,000 -> 144,000 counted: 90,200 / 53,800 = 1.676580 -> 167.7%
EXPECTED_A = {
    "one_time_costs": "53800.00", "recurring_costs_per_year": "0.00", "total_costs": "53800.00", "counted_benefits": "120000.00",
    "net_benefit": "66200.00", "bcr": "2.23", "roi_percent": "123.0", "payback_months": "5.4", "npv": "57311.11",
    "break_even_share": "0.4483", "costs_by_year": ["53800.00"], "benefits_by_year": ["120000.00"],
    "scenario_benefits": ["96000.00", "120000.00", "144000.00"], "scenario_roi": ["78.4", "123.0", "167.7"],
}

# Case B: manager onboarding and retention over 3 years, EUR, 5% discount rate, recurring costs and two learner groups.
CASE_B = {
    "title": "First-line managers", "currency": "EUR", "locale": "de_DE", "horizon_years": 3, "discount_rate": "0.05",
    "initiative": {"course_length_hours": "60"},
    "costs": [
        {"category": "needs analysis", "amount": "5000"},
        {"category": "design and development", "amount": "30000"},
        {"category": "hardware and software", "amount": "6000", "cadence": "per_year"},
        {"category": "delivery (facilitators)", "amount": "10000", "cadence": "per_year"},
        {"category": "evaluation and reporting", "amount": "3000"},
    ],
    "learner_groups": [
        {"name": "Managers", "headcount": 50, "hours_away": "12", "loaded_hourly_rate": "60"},
        {"name": "New hires", "headcount": 24, "hours_away": "8", "loaded_hourly_rate": "40", "cadence": "per_year"},
    ],
    "benefits": [
        {"label": "Turnover", "template": "turnover_reduction", "attribution": "0.5", "confidence": "0.8",
         "inputs": {"headcount": "400", "turnover_before": "0.18", "turnover_after": "0.15", "average_salary": "45000"}},
        {"label": "Ramp-up", "template": "time_to_proficiency", "attribution": "0.6", "confidence": "0.75",
         "inputs": {"new_hires_per_year": "24", "months_saved": "1.5", "monthly_loaded_cost": "6000"}},
    ],
}
# one-time: 5,000 + 30,000 + 3,000 + managers' time 50 x 12 x 60 = 36,000 -> 74,000
# recurring: 6,000 + 10,000 + new hires' time 24 x 8 x 40 = 7,680 -> 23,680 a year
# total costs over 3 years: 74,000 + 3 x 23,680 = 145,040; by year 97,680 / 23,680 / 23,680
# turnover: 400 x 0.03 = 12 leavers x 45,000 x 0.21 (CAP default) = 113,400 raw; x 0.5 x 0.8 = 45,360 counted
# ramp-up:  24 x 1.5 x 6,000 x 0.5 (default gap) = 108,000 raw; x 0.6 x 0.75 = 48,600 counted
# counted a year 93,960; over 3 years 281,880
# BCR       281,880 / 145,040 = 1.943464 -> 1.94
# ROI       136,840 / 145,040 = 0.943464 -> 94.3%
# payback   net a year 93,960 - 23,680 = 70,280; year 1 leaves 74,000 - 70,280 = 3,720;
#           3,720 / (70,280 / 12) = 0.635 months -> 12.6 months
# NPV       -74,000 + 70,280 x (1/1.05 + 1/1.1025 + 1/1.157625 = 2.723248) = -74,000 + 191,389.87 = 117,389.87
# break-even 145,040 / 281,880 = 0.514545 -> 0.5145
# scenarios conservative: 90,720 x 0.4 + 86,400 x 0.45 = 36,288 + 38,880 = 75,168 a year, 225,504 in all:
#             80,464 / 145,040 = 0.554771 -> 55.5%
#           optimistic: 136,080 x 0.4 + 129,600 x 0.45 = 54,432 + 58,320 = 112,752 a year, 338,256 in all:
#             193,216 / 145,040 = 1.332157 -> 133.2%
EXPECTED_B = {
    "one_time_costs": "74000.00", "recurring_costs_per_year": "23680.00", "total_costs": "145040.00", "counted_benefits": "281880.00",
    "net_benefit": "136840.00", "bcr": "1.94", "roi_percent": "94.3", "payback_months": "12.6", "npv": "117389.87",
    "break_even_share": "0.5145", "costs_by_year": ["97680.00", "23680.00", "23680.00"], "benefits_by_year": ["93960.00"] * 3,
    "scenario_benefits": ["225504.00", "281880.00", "338256.00"], "scenario_roi": ["55.5", "94.3", "133.2"],
}

# Case C: compliance refresher over 2 years, GBP, 3.5% discount rate: it does not pay back.
# Odd pennies on purpose, to check that every line is rounded half-up before it is summed.
CASE_C = {
    "title": "Data protection refresher", "currency": "GBP", "locale": "en_GB", "horizon_years": 2, "discount_rate": "0.035",
    "costs": [
        {"category": "content and licences", "amount": "9999.99", "cadence": "per_year"},
        {"category": "administration and overhead", "amount": "1234.56"},
        {"category": "delivery (facilitators)", "amount": "15000"},
    ],
    "learner_groups": [{"name": "Staff", "headcount": 333, "hours_away": "1.5", "loaded_hourly_rate": "27.33"}],
    "benefits": [
        {"label": "Breach risk", "template": "compliance_risk_avoided", "attribution": "0.7", "confidence": "0.6",
         "inputs": {"probability_before": "0.10", "probability_after": "0.04", "cost_of_incident": "250000"}},
        {"label": "Rework", "template": "errors_avoided", "attribution": "0.333333", "confidence": "0.9", "cadence": "one_time",
         "inputs": {"errors_avoided_per_year": "37", "cost_per_error": "123.45"}},
    ],
}
# staff time 333 x 1.5 x 27.33 = 13,651.335 -> 13,651.34 (half-up)
# one-time 1,234.56 + 15,000 + 13,651.34 = 29,885.90; recurring 9,999.99; total 29,885.90 + 2 x 9,999.99 = 49,885.88
# breach risk: (0.10 - 0.04) x 250,000 = 15,000 raw; x 0.7 x 0.6 = 6,300 counted a year
# rework: 37 x 123.45 = 4,567.65 raw (one-time); x 0.333333 x 0.9 = 1,370.2936 -> 1,370.29
# benefits by year 7,670.29 / 6,300.00; total 13,970.29
# BCR       13,970.29 / 49,885.88 = 0.280045 -> 0.28
# ROI       (13,970.29 - 49,885.88) / 49,885.88 = -35,915.59 / 49,885.88 = -0.719955 -> -72.0%
# payback   year nets 7,670.29 - 9,999.99 = -2,329.70 and 6,300 - 9,999.99 = -3,699.99: never -> undefined
# NPV       -29,885.90 - 2,329.70 / 1.035 - 3,699.99 / 1.071225 = -29,885.90 - 2,250.918 - 3,453.981 = -35,590.80
# break-even 49,885.88 / 13,970.29 = 3.570855 -> 3.5709 (the full improvement covers 28% of the costs)
# scenarios conservative: 12,000 x 0.42 = 5,040 a year; rework 4,567.65 x 0.8 = 3,654.12 x 0.2999997 = 1,096.2349 -> 1,096.23;
#             10,080 + 1,096.23 = 11,176.23: -38,709.65 / 49,885.88 = -0.775967 -> -77.6%
#           optimistic: 18,000 x 0.42 = 7,560 a year; rework 5,481.18 x 0.2999997 = 1,644.3524 -> 1,644.35;
#             15,120 + 1,644.35 = 16,764.35: -33,121.53 / 49,885.88 = -0.663946 -> -66.4%
EXPECTED_C = {
    "one_time_costs": "29885.90", "recurring_costs_per_year": "9999.99", "total_costs": "49885.88", "counted_benefits": "13970.29",
    "net_benefit": "-35915.59", "bcr": "0.28", "roi_percent": "-72.0", "payback_months": None, "npv": "-35590.80",
    "break_even_share": "3.5709", "costs_by_year": ["39885.89", "9999.99"], "benefits_by_year": ["7670.29", "6300.00"],
    "scenario_benefits": ["11176.23", "13970.29", "16764.35"], "scenario_roi": ["-77.6", "-72.0", "-66.4"],
}

CASES = {"sales coaching": (CASE_A, EXPECTED_A), "manager onboarding": (CASE_B, EXPECTED_B), "compliance refresher": (CASE_C, EXPECTED_C)}


def _pitch(data: dict) -> Pitch:
    return Pitch.model_validate({"schema_version": 1, **data})


@pytest.mark.parametrize("case", CASES)
def test_worked_business_case_figures_to_the_cent(case):
    data, expected = CASES[case]
    figures = evaluate(_pitch(data)).as_dict()
    for name in ("one_time_costs", "recurring_costs_per_year", "total_costs", "counted_benefits", "net_benefit", "bcr",
                 "roi_percent", "payback_months", "npv", "break_even_share", "costs_by_year", "benefits_by_year"):
        assert figures[name] == expected[name], name


@pytest.mark.parametrize("case", CASES)
def test_worked_business_case_scenarios(case):
    data, expected = CASES[case]
    cases = scenarios(_pitch(data))
    assert [s.name for s in cases] == ["Conservative", "Expected", "Optimistic"]
    assert [str(s.evaluation.total_benefits) for s in cases] == expected["scenario_benefits"]
    assert [str(s.evaluation.roi_percent) for s in cases] == expected["scenario_roi"]
    assert len({s.evaluation.total_costs for s in cases}) == 1  # costs stay as entered


def test_worked_case_that_never_pays_back_says_why():
    e = evaluate(_pitch(CASE_C))
    assert e.payback_months == Undefined("does not pay back within the 2-year horizon")
    assert e.as_dict()["undefined"] == {"payback_months": "does not pay back within the 2-year horizon"}


def test_worked_case_lines_carry_their_raw_and_counted_values():
    e = evaluate(_pitch(CASE_B))
    assert [(b.label, b.raw, b.counted) for b in e.benefits] == [
        ("Turnover", D("113400.00"), D("45360.00")), ("Ramp-up", D("108000.00"), D("48600.00"))]
    assert [(c.label, c.amount) for c in e.costs if c.category == "participants' time away from work"] == [
        ("Time away from work: Managers", D("36000.00")), ("Time away from work: New hires", D("7680.00"))]
    assert e.net_by_year == [D("-3720.00"), D("70280.00"), D("70280.00")]  # 93,960 - 97,680; 93,960 - 23,680
    assert e.cumulative_by_year == [D("-3720.00"), D("66560.00"), D("136840.00")]


def test_phillips_roi_basics_case_as_a_whole_pitch():
    # Phillips & Phillips, ROI Basics (2005): benefits 60,000 and costs 20,000 -> BCR 3:1, ROI 200%
    p = _pitch({"costs": [{"category": "delivery (facilitators)", "amount": "20000"}],
                "benefits": [{"label": "B", "template": "standard_value", "inputs": {"units_per_year": "1", "value_per_unit": "60000"}}]})
    e = evaluate(p)
    assert (e.bcr, e.roi_percent, e.payback_months) == (D("3.00"), D("200.0"), D("4.0"))  # 20,000 / 5,000 a month


def test_trainingcheck_payback_case_as_a_whole_pitch():
    # TrainingCheck ROTI guide: costs 15,000; benefits 81,500 a year -> payback 2.2 months
    p = _pitch({"costs": [{"category": "other", "amount": "15000"}],
                "benefits": [{"label": "B", "template": "standard_value", "inputs": {"units_per_year": "1", "value_per_unit": "81500"}}]})
    assert evaluate(p).payback_months == D("2.2")


# --- undefined figures -------------------------------------------------------------------------


def test_an_empty_pitch_has_zero_money_and_undefined_ratios_with_reasons():
    e = evaluate(_pitch({}))
    assert (e.total_costs, e.total_benefits, e.npv) == (D("0.00"), D("0.00"), D("0.00"))
    d = e.as_dict()
    assert (d["bcr"], d["roi_percent"], d["payback_months"], d["break_even_share"]) == (None, None, None, None)
    assert d["undefined"] == {
        "bcr": "no costs entered, so there is no ratio to compute",
        "roi_percent": "no costs entered, so there is no return to compute",
        "payback_months": "there is no net benefit to pay anything back",
        "break_even_share": "no counted benefits yet, so no share of them can pay back the costs",
    }


def test_benefits_without_costs_pay_back_at_once_but_have_no_ratio():
    e = evaluate(_pitch({"benefits": [{"label": "B", "template": "errors_avoided", "inputs": {"errors_avoided_per_year": "10", "cost_per_error": "5"}}]}))
    assert e.total_benefits == D("50.00")
    assert isinstance(e.bcr, Undefined) and isinstance(e.roi_percent, Undefined)
    assert e.payback_months == D("0.0")
    assert e.break_even_share == D("0.0000")


def test_costs_without_benefits_lose_everything_and_never_pay_back():
    e = evaluate(_pitch({"costs": [{"category": "other", "amount": "1000"}]}))
    assert (e.bcr, e.roi_percent) == (D("0.00"), D("-100.0"))
    assert isinstance(e.payback_months, Undefined) and "does not pay back" in e.payback_months.reason
    assert isinstance(e.break_even_share, Undefined)
    assert e.npv == D("-1000.00")


def test_a_benefit_line_with_missing_inputs_counts_zero_not_a_crash():
    e = evaluate(_pitch({"costs": [{"category": "other", "amount": "100"}],
                         "benefits": [{"label": "Half done", "template": "sales_uplift", "inputs": {"sellers": "4"}}]}))
    assert e.benefits[0].raw is None and e.total_benefits == D("0.00")


def test_yen_pitch_rounds_every_figure_to_whole_yen():
    # 7 x 3.5 h x 2,222 = 54,439 yen; 1 x 100,001 x 0.5 x 0.5 = 25,000.25 -> 25,000
    e = evaluate(_pitch({"currency": "JPY", "learner_groups": [{"name": "G", "headcount": 7, "hours_away": "3.5", "loaded_hourly_rate": "2222"}],
                         "benefits": [{"label": "B", "template": "standard_value", "attribution": "0.5", "confidence": "0.5",
                                       "inputs": {"units_per_year": "1", "value_per_unit": "100001"}}]}))
    assert (str(e.total_costs), str(e.total_benefits), str(e.net_benefit)) == ("54439", "25000", "-29439")


# --- properties -----------------------------------------------------------------------------------

amounts = st.decimals(min_value=0, max_value=10**7, places=2)
shares = st.decimals(min_value=0, max_value=1, places=3)
cadences = st.sampled_from(["one_time", "per_year"])
cost_lines = st.fixed_dictionaries({"category": st.just("other"), "amount": amounts.map(str), "cadence": cadences})
groups = st.fixed_dictionaries({"name": st.just("G"), "headcount": st.integers(0, 500), "hours_away": st.decimals(0, 40, places=2).map(str),
                                "loaded_hourly_rate": st.decimals(0, 200, places=2).map(str), "cadence": cadences})
benefit_lines = st.fixed_dictionaries({
    "label": st.just("B"), "template": st.just("standard_value"), "cadence": cadences,
    "attribution": shares.map(str), "confidence": shares.map(str),
    "inputs": st.fixed_dictionaries({"units_per_year": st.decimals(0, 1000, places=3).map(str), "value_per_unit": amounts.map(str)}),
})
pitches = st.builds(
    lambda costs, groups, benefits, years, rate: _pitch({"costs": costs, "learner_groups": groups, "benefits": benefits,
                                                         "horizon_years": years, "discount_rate": str(rate)}),
    st.lists(cost_lines, max_size=5), st.lists(groups, max_size=3), st.lists(benefit_lines, max_size=5),
    st.integers(1, 5), st.decimals(0, D("0.25"), places=3),
)


@FEW
@given(pitches)
def test_rounding_never_loses_a_cent_across_a_total(p):
    e = evaluate(p)
    # every figure is a sum of the rounded lines it shows beside it
    counted_total = sum((b.counted * (p.horizon_years if b.cadence == "per_year" else 1) for b in e.benefits), D(0))
    cost_total = sum((c.amount * (p.horizon_years if c.cadence == "per_year" else 1) for c in e.costs), D(0))
    assert e.total_benefits == counted_total == sum(e.benefits_by_year, D(0))
    assert e.total_costs == cost_total == sum(e.costs_by_year, D(0))
    assert e.net_benefit == e.total_benefits - e.total_costs == sum(e.net_by_year, D(0)) == e.cumulative_by_year[-1]
    for figure in (e.total_costs, e.total_benefits, e.npv, *e.costs_by_year, *e.benefits_by_year):
        assert figure.as_tuple().exponent == -2  # whole cents, printed with two places


@FEW
@given(pitches)
def test_npv_at_rate_zero_equals_the_undiscounted_net_benefit(p):
    assert evaluate(p.model_copy(update={"discount_rate": D(0)})).npv == evaluate(p).net_benefit


@FEW
@given(pitches)
def test_payback_is_within_the_horizon_or_undefined_with_a_reason(p):
    payback = evaluate(p).payback_months
    if isinstance(payback, Undefined):
        assert payback.reason
    else:
        assert D(0) <= payback <= 12 * p.horizon_years


@FEW
@given(pitches)
def test_bcr_and_roi_agree_within_rounding(p):
    e = evaluate(p)
    if isinstance(e.bcr, Undefined):
        assert isinstance(e.roi_percent, Undefined) and e.total_costs == 0
    else:
        assert abs(e.roi_percent - (e.bcr - 1) * 100) <= D("0.55")


@FEW
@given(pitches, st.decimals(min_value=D("0.01"), max_value=10**6, places=2))
def test_roi_never_falls_when_a_benefit_rises(p, extra):
    more = p.model_copy(update={"benefits": [*p.benefits, *_pitch({"benefits": [
        {"label": "More", "template": "standard_value", "inputs": {"units_per_year": "1", "value_per_unit": str(extra)}}]}).benefits]})
    before, after = evaluate(p), evaluate(more)
    assert after.total_benefits >= before.total_benefits
    if not isinstance(before.roi_percent, Undefined):
        assert after.roi_percent >= before.roi_percent
        assert after.npv >= before.npv


@FEW
@given(pitches)
def test_no_attribution_on_any_line_means_no_counted_benefit_at_all(p):
    nothing = p.model_copy(update={"benefits": [b.model_copy(update={"attribution": D(0)}) for b in p.benefits]})
    e = evaluate(nothing)
    assert e.total_benefits == 0 and all(b.counted == 0 for b in e.benefits)
    assert isinstance(e.break_even_share, Undefined)
