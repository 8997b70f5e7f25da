"""The money engine, formula by formula: hand-checked tables, published worked cases, and properties.

Every expected figure is worked by hand in the comment beside it. Published
cases say where they come from (see ../shared/reference/DOMAIN.md for the links).
"""

from decimal import Decimal as D

import numpy_financial as npf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ldpitch.engine.finance import (
    COST_LINE,
    LEARNER_GROUP,
    BenefitItem,
    CostItem,
    Undefined,
    benefit_cost_ratio,
    benefit_item,
    benefits_by_year,
    break_even_share,
    cost_items,
    costs_by_category,
    costs_by_year,
    counted_benefit,
    cumulative_cash_flow,
    net_present_value,
    one_time_total,
    participant_time_cost,
    payback_months,
    recurring_total,
    roi_percent,
)
from ldpitch.pitch.benefits import TEMPLATES, raw_benefit
from ldpitch.pitch.model import BenefitLine

FEW = settings(max_examples=60, deadline=None)
money = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)
positive_money = st.decimals(min_value=D("0.01"), max_value=10**9, places=2, allow_nan=False, allow_infinity=False)
share = st.decimals(min_value=0, max_value=1, places=4, allow_nan=False, allow_infinity=False)


def cost(amount, cadence="one_time", category="other"):
    return CostItem(category, category, cadence, D(amount))


def benefit(counted, cadence="per_year"):
    return BenefitItem("b", "standard_value", cadence, D(counted), D(1), D(1), D(counted))


# --- costs ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("headcount", "hours", "rate", "expected"),
    [
        (40, "7.5", "52.80", "15840.00"),  # 40 x 7.5 = 300 hours; 300 x 52.80 = 15,840.00
        (20, "16", "52.50", "16800.00"),  # 20 x 16 = 320 hours; 320 x 52.50 = 16,800.00
        (333, "1.5", "27.33", "13651.34"),  # 333 x 1.5 = 499.5 h; 499.5 x 27.33 = 13,651.335 -> half-up 13,651.34
        (1, "0.25", "35.96", "8.99"),  # BLS ECEC total compensation 35.96/h (June 2020); a quarter hour = 8.99
        (0, "8", "50", "0.00"),  # nobody away: nothing to count
        (12, "0", "50", "0.00"),
    ],
)
def test_participant_time_cost_is_headcount_times_hours_times_loaded_rate(headcount, hours, rate, expected):
    assert participant_time_cost(headcount, D(hours), D(rate)) == D(expected)


def test_participant_time_cost_rounds_to_whole_yen():
    # 3 x 2.5 h x 1,999 yen = 14,992.5 -> half-up 14,993 (yen has no minor unit)
    assert str(participant_time_cost(3, D("2.5"), D(1999), "JPY")) == "14993"


def test_cost_items_add_one_participant_time_line_per_learner_group(make_pitch):
    p = make_pitch(
        costs=[{"category": "delivery (facilitators)", "amount": "1000"}, {"category": "other", "label": "Coffee", "amount": "12.5"}],
        learner_groups=[
            {"name": "Leads", "headcount": 10, "hours_away": "8", "loaded_hourly_rate": "60", "cadence": "per_year"},
            {"name": "Nobody yet", "headcount": 0, "hours_away": "8", "loaded_hourly_rate": "60"},  # zero: no line
            {"name": "No rate yet", "headcount": 5, "hours_away": "8"},  # incomplete: no line (a finding says so)
        ],
    )
    assert cost_items(p) == [
        CostItem("Delivery (facilitators)", "delivery (facilitators)", "one_time", D("1000.00"), COST_LINE, 0),  # label falls back to the category
        CostItem("Coffee", "other", "one_time", D("12.50"), COST_LINE, 1),
        # 10 x 8 x 60 = 4,800 a year, from the first learner group
        CostItem("Time away from work: Leads", "participants' time away from work", "per_year", D("4800.00"), LEARNER_GROUP, 0),
    ]


COSTS = [cost("100.10"), cost("20.05", "per_year"), cost("0.01"), cost("30", "per_year", "delivery")]


def test_one_time_and_recurring_totals_split_the_cost_lines_by_cadence():
    assert one_time_total(COSTS) == D("100.11")  # 100.10 + 0.01
    assert recurring_total(COSTS) == D("50.05")  # 20.05 + 30
    assert one_time_total([]) == 0 and recurring_total([]) == 0


@pytest.mark.parametrize(
    ("horizon", "expected"),
    [
        (1, ["150.16"]),  # 100.11 + 50.05
        (3, ["150.16", "50.05", "50.05"]),  # one-time costs fall in year 1 only
    ],
)
def test_costs_by_year_put_one_time_costs_in_year_one_and_recurring_in_every_year(horizon, expected):
    assert costs_by_year(COSTS, horizon) == [D(v) for v in expected]


def test_costs_by_category_counts_recurring_lines_once_a_year_largest_first():
    # horizon 2: other = 100.10 + 0.01 + 2 x 20.05 = 140.21; delivery = 2 x 30 = 60
    assert costs_by_category(COSTS, 2) == {"other": D("140.21"), "delivery": D("60")}
    assert list(costs_by_category([cost(5, category="a"), cost(9, category="b")], 1)) == ["b", "a"]


# --- benefit templates --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("template", "inputs", "expected"),
    [
        # DOMAIN 1.6 illustration: 20 reps, +50,000 sales each at 40% margin = 400,000 gross profit a year
        ("sales_uplift", {"sellers": 20, "extra_sales_per_seller": 50000, "gross_margin": "0.40"}, "400000"),
        # DOMAIN 4.4 cost of inaction: 47 reps x 6 h/week x 46 weeks = 12,972 h; x 35.96 (BLS ECEC loaded rate) = 466,473.12
        ("productivity_hours_saved", {"people": 47, "hours_saved_per_week": 6, "working_weeks": 46, "loaded_hourly_rate": "35.96",
                                      "redeployed_share": 1}, "466473.12"),
        # half the saved time redeployed: 10 x 2 x 48 x 50 x 0.5 = 24,000
        ("productivity_hours_saved", {"people": 10, "hours_saved_per_week": 2, "working_weeks": 48, "loaded_hourly_rate": 50,
                                      "redeployed_share": "0.5"}, "24000"),
        # 100 x (0.20 - 0.15) = 5 fewer leavers; 5 x 50,000 x 0.21 (CAP median replacement cost) = 52,500
        ("turnover_reduction", {"headcount": 100, "turnover_before": "0.20", "turnover_after": "0.15", "average_salary": 50000,
                                "replacement_cost_share": "0.21"}, "52500"),
        # Bliss (via mitrmedia, DOMAIN 5.4): 90,000 salary = 7,500 a month; ~6 months at 50% = 22,500 per hire
        ("time_to_proficiency", {"new_hires_per_year": 1, "months_saved": 6, "monthly_loaded_cost": 7500, "productivity_gap": "0.5"}, "22500"),
        # 120 errors x 85 each = 10,200
        ("errors_avoided", {"errors_avoided_per_year": 120, "cost_per_error": 85}, "10200"),
        # OSHA $afety Pays: contusion direct cost 27,653, indirect ratio 1.1 -> 27,653 x 2.1 = 58,071.30; two incidents 116,142.60
        ("safety_incidents_avoided", {"incidents_avoided_per_year": 2, "direct_cost_per_incident": 27653, "indirect_cost_ratio": "1.1"},
         "116142.6"),
        # (10% - 4%) x 250,000 = 15,000 expected loss avoided a year
        ("compliance_risk_avoided", {"probability_before": "0.10", "probability_after": "0.04", "cost_of_incident": 250000}, "15000"),
        # Potomac (DOMAIN 5.7): 1,000,000 of renewals (5,000 members x 200), retention 70% -> 90%: +200,000
        ("membership_renewals", {"members": 5000, "renewal_rate_before": "0.70", "renewal_rate_after": "0.90",
                                 "annual_value_per_member": 200}, "200000"),
        # 250 units x 40 = 10,000
        ("standard_value", {"units_per_year": 250, "value_per_unit": 40}, "10000"),
    ],
)
def test_each_benefit_template_computes_its_raw_benefit(template, inputs, expected):
    assert raw_benefit(template, {k: D(str(v)) for k, v in inputs.items()}) == D(expected)


def test_every_template_has_a_hand_checked_case():
    checked = {c[0] for c in test_each_benefit_template_computes_its_raw_benefit.pytestmark[0].args[1]}
    assert checked == set(TEMPLATES)


@pytest.mark.parametrize("template", sorted(TEMPLATES))
def test_a_template_with_an_input_missing_has_no_raw_benefit_yet(template):
    t = TEMPLATES[template]
    inputs = {i.name: D(1) for i in t.inputs[1:]}
    assert raw_benefit(template, inputs) is None


@pytest.mark.parametrize(
    ("template", "given", "default", "expected"),
    [
        # CAP median 21%: 200 x (0.15 - 0.12) = 6 leavers x 40,000 x 0.21 = 50,400
        ("turnover_reduction", {"headcount": 200, "turnover_before": "0.15", "turnover_after": "0.12", "average_salary": 40000},
         ("replacement_cost_share", "0.21"), "50400"),
        # linear ramp averages 50%: 10 x 2 x 5,000 x 0.5 = 50,000
        ("time_to_proficiency", {"new_hires_per_year": 10, "months_saved": 2, "monthly_loaded_cost": 5000}, ("productivity_gap", "0.5"), "50000"),
        # OSHA indirect ratio 1.1: 1 x 10,000 x 2.1 = 21,000
        ("safety_incidents_avoided", {"incidents_avoided_per_year": 1, "direct_cost_per_incident": 10000}, ("indirect_cost_ratio", "1.1"), "21000"),
        # MGI mean renewal 82%: 1,000 x (0.87 - 0.82) x 300 = 15,000
        ("membership_renewals", {"members": 1000, "renewal_rate_after": "0.87", "annual_value_per_member": 300}, ("renewal_rate_before", "0.82"),
         "15000"),
        # 46 working weeks (conservative end of 46-50): 5 x 1 x 46 x 40 x 1 = 9,200
        ("productivity_hours_saved", {"people": 5, "hours_saved_per_week": 1, "loaded_hourly_rate": 40, "redeployed_share": 1},
         ("working_weeks", "46"), "9200"),
    ],
)
def test_a_benefit_line_takes_the_cited_default_for_an_input_left_out(template, given, default, expected):
    line = BenefitLine(label="x", template=template, inputs={k: D(str(v)) for k, v in given.items()})
    name, value = default
    assert line.inputs[name] == D(value)
    assert line.sources[name].startswith("default: ")  # the slide can cite where the figure comes from
    assert raw_benefit(template, line.inputs) == D(expected)


def test_every_template_default_cites_its_source():
    for t in TEMPLATES.values():
        for i in t.inputs:
            assert (i.default is None) == (i.source is None), (t.id, i.name)


# --- counted benefits ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "attribution", "confidence", "expected"),
    [
        # DOMAIN 1.6 illustration (Phillips GP 5 and 7): 400,000 x 0.40 x 0.75 = 120,000 credited
        ("400000", "0.40", "0.75", "120000.00"),
        # TDRp convention: a 20% contribution agreed up front, full confidence: 50,000 x 0.2 = 10,000
        ("50000", "0.2", "1", "10000.00"),
        ("113400", "0.5", "0.8", "45360.00"),  # 113,400 x 0.4 = 45,360
        ("4567.65", "0.333333", "0.9", "1370.29"),  # 4,567.65 x 0.2999997 = 1,370.2936... -> 1,370.29
        ("0.05", "0.5", "0.5", "0.01"),  # 0.0125 -> half-up 0.01
        ("0.06", "0.5", "0.5", "0.02"),  # 0.015 -> half-up 0.02
        ("400000", "0", "0.75", "0.00"),  # no attribution: nothing counts
        ("400000", "0.40", "0", "0.00"),  # no confidence: nothing counts
    ],
)
def test_counted_benefit_is_raw_times_attribution_times_confidence(raw, attribution, confidence, expected):
    assert counted_benefit(D(raw), D(attribution), D(confidence)) == D(expected)


def test_a_benefit_line_missing_an_input_counts_zero_with_no_raw_value():
    item = benefit_item(BenefitLine(label="", template="sales_uplift", inputs={"sellers": D(10)}), "USD")
    assert item.raw is None and item.counted == D(0)
    assert item.label == "Sales uplift (margin, not revenue)"  # no label: the template's title


def test_a_scenario_factor_scales_the_raw_benefit_before_adjustments():
    line = BenefitLine(label="S", template="standard_value", inputs={"units_per_year": D(3), "value_per_unit": D("33.33")},
                       attribution=D("0.5"), confidence=D("0.5"))
    item = benefit_item(line, "USD", D("0.8"))
    # raw 3 x 33.33 = 99.99; x 0.8 = 79.992 -> 79.99; counted 79.99 x 0.25 = 19.9975 -> 20.00
    assert (item.raw, item.counted) == (D("79.99"), D("20.00"))


def test_benefits_by_year_count_one_time_benefits_in_year_one_only():
    items = [benefit("100.50"), benefit("1000", "one_time"), benefit("0.25")]
    assert benefits_by_year(items, 3) == [D("1100.75"), D("100.75"), D("100.75")]
    assert benefits_by_year([], 2) == [D(0), D(0)]


# --- ratios --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("benefits", "costs", "bcr", "roi"),
    [
        # Phillips & Phillips, ROI Basics (ASTD 2005): benefits 60,000, costs 20,000 -> BCR 3:1, ROI 200%
        ("60000", "20000", "3.00", "200.0"),
        # "BCR 2:1 = ROI 100%" (ebrary, ROI calculation)
        ("50000", "25000", "2.00", "100.0"),
        # break-even: BCR 1, ROI 0
        ("20000", "20000", "1.00", "0.0"),
        # costs exceed benefits: 15,000 / 20,000 = 0.75; (15,000 - 20,000) / 20,000 = -25%
        ("15000", "20000", "0.75", "-25.0"),
        # no benefits at all: BCR 0, ROI -100% (defined: there are costs)
        ("0", "20000", "0.00", "-100.0"),
        # 120,000 / 53,800 = 2.2304...; 66,200 / 53,800 = 1.23048... -> 123.0%
        ("120000", "53800", "2.23", "123.0"),
        # 1,000 / 3 = 333.33...; (1,000 - 3) / 3 x 100 = 33,233.33... -> 33,233.3
        ("1000", "3", "333.33", "33233.3"),
        # half-up at the last place: 1.005 -> 1.01 and 0.5% -> 0.5
        ("100.5", "100", "1.01", "0.5"),
    ],
)
def test_bcr_is_benefits_over_costs_and_roi_is_net_benefits_over_costs(benefits, costs, bcr, roi):
    assert benefit_cost_ratio(D(benefits), D(costs)) == D(bcr)
    assert roi_percent(D(benefits), D(costs)) == D(roi)


def test_roi_is_negative_when_costs_exceed_benefits():
    assert roi_percent(D("19900"), D(20000)) == D("-0.5")


def test_a_figure_that_rounds_to_zero_has_no_minus_sign():
    # (19,999.99 - 20,000) / 20,000 = -0.00005% -> 0.0, never "-0.0%"
    assert str(roi_percent(D("19999.99"), D(20000))) == "0.0"
    assert str(net_present_value(D(0), D("0.004"), [D(0)])) == "0.00"


def test_bcr_and_roi_are_undefined_with_a_reason_when_there_are_no_costs():
    for f in (benefit_cost_ratio, roi_percent):
        result = f(D(5000), D(0))
        assert isinstance(result, Undefined)
        assert "no costs entered" in result.reason
        assert str(result) == "n/a"


@pytest.mark.parametrize(
    ("benefits", "costs", "expected"),
    [
        ("250000", "100000", "0.4000"),  # pays back if 40% of the expected improvement happens
        ("120000", "53800", "0.4483"),  # 53,800 / 120,000 = 0.448333...
        ("13970.29", "49885.88", "3.5709"),  # above 1: even the full improvement does not cover the costs
        ("100", "100", "1.0000"),
        ("100", "0", "0.0000"),  # nothing to pay back
    ],
)
def test_break_even_share_is_costs_over_counted_benefits(benefits, costs, expected):
    assert break_even_share(D(benefits), D(costs)) == D(expected)


def test_break_even_share_is_undefined_without_benefits():
    result = break_even_share(D(0), D(100000))
    assert isinstance(result, Undefined) and "no counted benefits" in result.reason


# --- payback ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("upfront", "yearly_net", "expected"),
    [
        # TrainingCheck ROTI guide: costs 15,000, benefits 81,500 a year = 6,791.67 a month; 15,000 / 6,791.67 = 2.2 months
        ("15000", ["81500"], "2.2"),
        # Phillips: costs / annual benefits x 12: 53,800 / 120,000 x 12 = 5.38 -> 5.4
        ("53800", ["120000"], "5.4"),
        # calclibrary payback with ongoing costs: 30,000 up front / (60,000 - 24,000 a year = 3,000 a month) = 10.0
        ("30000", ["36000"], "10.0"),
        # exactly one year
        ("12000", ["12000"], "12.0"),
        # second year: 100,000 - 60,000 = 40,000 left after year 1; 40,000 / 5,000 a month = 8 -> 12 + 8 = 20.0
        ("100000", ["60000", "60000"], "20.0"),
        # 74,000 - 70,280 = 3,720 left; 3,720 / (70,280 / 12) = 0.635 -> 12.6
        ("74000", ["70280", "70280", "70280"], "12.6"),
        # a year that loses money pushes payback out: -10,000 - 5,000 = -15,000; then 15,000 / 2,500 a month = 6 -> 18.0
        ("10000", ["-5000", "30000"], "18.0"),
        # nothing up front and money coming in: paid back at once
        ("0", ["1000"], "0.0"),
    ],
)
def test_payback_months_counts_until_cumulative_net_cash_turns_non_negative(upfront, yearly_net, expected):
    assert payback_months(D(upfront), [D(v) for v in yearly_net]) == D(expected)


@pytest.mark.parametrize(
    ("upfront", "yearly_net", "reason"),
    [
        ("100000", ["60000"], "does not pay back within the 1-year horizon"),
        ("100000", ["30000", "30000", "30000"], "does not pay back within the 3-year horizon"),
        ("5000", ["-100"], "does not pay back within the 1-year horizon"),
        ("0", ["0"], "there is no net benefit to pay anything back"),
        ("0", ["-2500"], "there is no net benefit to pay anything back"),
    ],
)
def test_payback_is_undefined_with_a_reason_when_it_never_comes(upfront, yearly_net, reason):
    result = payback_months(D(upfront), [D(v) for v in yearly_net])
    assert result == Undefined(reason)


# --- net present value ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rate", "upfront", "yearly_net", "expected"),
    [
        # numpy-financial npv docstring: 0.08, [-40,000, 5,000, 8,000, 12,000, 30,000] -> 3,065.22267
        ("0.08", "40000", ["5000", "8000", "12000", "30000"], "3065.22"),
        # the finance.py docstring case, checked against numpy_financial.npv below:
        # -100,000 + 27,272.73 + 33,057.85 + 37,565.74 + 13,660.27 = 11,556.59
        ("0.1", "100000", ["30000", "40000", "50000", "20000"], "11556.59"),
        # rate 0: the undiscounted net, -100 + 60 + 60 = 20
        ("0", "100", ["60", "60"], "20.00"),
        # -53,800 + 120,000 / 1.08 = -53,800 + 111,111.111 = 57,311.11
        ("0.08", "53800", ["120000"], "57311.11"),
        # 3-year annuity at 5%: 70,280 x 2.7232480 = 191,389.87 - 74,000 = 117,389.87
        ("0.05", "74000", ["70280", "70280", "70280"], "117389.87"),
        # rate 100%: -1,000 + 1,000/2 + 1,000/4 = -250
        ("1", "1000", ["1000", "1000"], "-250.00"),
    ],
)
def test_net_present_value_discounts_each_year_end_and_keeps_year_zero_whole(rate, upfront, yearly_net, expected):
    assert net_present_value(D(rate), D(upfront), [D(v) for v in yearly_net]) == D(expected)


@FEW
@given(rate=st.decimals(min_value=0, max_value=1, places=3), upfront=money, flows=st.lists(st.decimals(min_value=-10**7, max_value=10**7, places=2), min_size=1, max_size=10))
def test_net_present_value_matches_numpy_financial_to_the_cent(rate, upfront, flows):
    ours = net_present_value(rate, upfront, flows)
    theirs = npf.npv(float(rate), [-float(upfront), *map(float, flows)])
    # numpy works in binary floats; the exact value may sit a hair either side of a half cent
    assert abs(ours - D(repr(float(theirs)))) <= D("0.0051")


@FEW
@given(upfront=money, flows=st.lists(st.decimals(min_value=-10**7, max_value=10**7, places=2), min_size=1, max_size=10))
def test_npv_at_rate_zero_equals_the_undiscounted_net(upfront, flows):
    assert net_present_value(D(0), upfront, flows) == sum(flows, -upfront)


# --- cumulative cash ---------------------------------------------------------------------------


def test_cumulative_cash_flow_starts_at_minus_the_upfront_costs_and_accrues_evenly():
    # 120 up front; 240 a year = 20 a month: -120 at 0, 0 at month 6, +120 at month 12
    assert cumulative_cash_flow(D(120), [D(240)], step_months=6) == [(0, D(-120)), (6, D(0)), (12, D(120))]
    # quarterly over two years: year 2 loses 120 (-10 a month)
    points = cumulative_cash_flow(D(120), [D(240), D(-120)], step_months=3)
    assert points == [(0, D(-120)), (3, D(-60)), (6, D(0)), (9, D(60)), (12, D(120)), (15, D(90)), (18, D(60)), (21, D(30)), (24, D(0))]


def test_cumulative_cash_flow_crosses_zero_where_payback_says():
    upfront, flows = D(15000), [D(81500)]
    payback = payback_months(upfront, flows)  # 2.2
    points = dict(cumulative_cash_flow(upfront, flows))
    assert points[2] < 0 <= points[3]
    assert 2 < payback <= 3


# --- properties ------------------------------------------------------------------------------------


@FEW
@given(benefits=money, extra=positive_money, costs=positive_money)
def test_roi_never_falls_when_benefits_rise(benefits, extra, costs):
    assert roi_percent(benefits + extra, costs) >= roi_percent(benefits, costs)
    assert benefit_cost_ratio(benefits + extra, costs) >= benefit_cost_ratio(benefits, costs)


@FEW
@given(raw=money, confidence=share)
def test_no_attribution_means_no_counted_benefit(raw, confidence):
    assert counted_benefit(raw, D(0), confidence) == 0


@FEW
@given(raw=money, a=share, b=share, other=share)
def test_counted_benefit_never_falls_as_attribution_or_confidence_rises(raw, a, b, other):
    low, high = min(a, b), max(a, b)
    assert counted_benefit(raw, low, other) <= counted_benefit(raw, high, other)
    assert counted_benefit(raw, other, low) <= counted_benefit(raw, other, high)
    assert counted_benefit(raw, high, high) <= raw  # adjustments only ever take away


@FEW
@given(benefits=money, costs=positive_money)
def test_roi_equals_bcr_minus_one_times_100_within_rounding(benefits, costs):
    bcr, roi = benefit_cost_ratio(benefits, costs), roi_percent(benefits, costs)
    # BCR is rounded to 0.01 (0.5 ROI points at most), ROI to 0.1 (0.05 points)
    assert abs(roi - (bcr - 1) * 100) <= D("0.55")


@FEW
@given(upfront=money, flows=st.lists(st.decimals(min_value=-10**7, max_value=10**7, places=2), min_size=1, max_size=10))
def test_payback_is_a_month_within_the_horizon_or_undefined_with_a_reason(upfront, flows):
    result = payback_months(upfront, flows)
    assert result is not None
    if isinstance(result, Undefined):
        assert result.reason
    else:
        assert D(0) <= result <= 12 * len(flows)
