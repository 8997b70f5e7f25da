"""Scenarios and the tornado: the same engine re-run with inputs moved by the pitch's spread."""

from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ldpitch.engine.finance import Undefined
from ldpitch.engine.sensitivity import TornadoBar, scenarios, tornado
from ldpitch.pitch.model import Pitch

FEW = settings(max_examples=30, deadline=None)


def _pitch(**fields) -> Pitch:
    return Pitch.model_validate({"schema_version": 1, **fields})


# One cost of 10,000; benefits 100 units x 300 = 30,000 raw, 50% attributed, full confidence = 15,000 counted.
# ROI = (15,000 - 10,000) / 10,000 = 50.0%.
SIMPLE = {
    "costs": [{"category": "other", "amount": "10000"}],
    "benefits": [{"label": "B", "template": "standard_value", "attribution": "0.5", "confidence": "1",
                  "inputs": {"units_per_year": "100", "value_per_unit": "300"}}],
}


def test_scenarios_move_benefits_by_the_spread_and_keep_costs():
    cases = scenarios(_pitch(**SIMPLE))
    # factors 0.8 / 1 / 1.2: counted 12,000 / 15,000 / 18,000 -> ROI 20.0 / 50.0 / 80.0
    assert [(s.name, s.benefit_factor) for s in cases] == [("Conservative", D("0.8")), ("Expected", D(1)), ("Optimistic", D("1.2"))]
    assert [s.evaluation.total_benefits for s in cases] == [D("12000.00"), D("15000.00"), D("18000.00")]
    assert [s.evaluation.roi_percent for s in cases] == [D("20.0"), D("50.0"), D("80.0")]
    assert {s.evaluation.total_costs for s in cases} == {D("10000.00")}


@pytest.mark.parametrize(
    ("spread", "roi"),
    [
        ("0", ["50.0", "50.0", "50.0"]),  # no spread: three equal cases
        ("0.5", ["-25.0", "50.0", "125.0"]),  # 7,500 / 15,000 / 22,500 counted
        ("1", ["-100.0", "50.0", "200.0"]),  # the conservative case counts nothing: 0 / 15,000 / 30,000
    ],
)
def test_scenario_spread_sets_how_far_the_cases_lie_apart(spread, roi):
    cases = scenarios(_pitch(**SIMPLE, scenario_spread=spread))
    assert [str(s.evaluation.roi_percent) for s in cases] == roi


def test_tornado_bars_are_hand_checked_and_widest_first():
    bars = tornado(_pitch(**SIMPLE))
    assert bars == [
        # cost 8,000 -> (15,000 - 8,000) / 8,000 = 87.5%; 12,000 -> 3,000 / 12,000 = 25.0%; swing 62.5
        TornadoBar("Other", D(8000), D(12000), D("87.5"), D("25.0")),
        # units, value and attribution are factors of the same line and move ROI identically: one bar.
        # counted 12,000 -> 20.0%; 18,000 -> 80.0%; swing 60 (its inputs: the first factor's, 80 and 120 units)
        TornadoBar("B: units a year, standard value per unit, attribution", D(80), D(120), D("20.0"), D("80.0")),
        # confidence 1 -> 0.8 gives 20.0%; up is capped at 100%, so it stays 50.0%: swing 30
        TornadoBar("B: confidence", D("0.8"), D(1), D("20.0"), D("50.0")),
    ]
    assert [b.swing for b in bars] == [D("62.5"), D("60.0"), D("30.0")]


def test_tornado_keeps_only_the_top_bars():
    bars = tornado(_pitch(**SIMPLE), top=2)
    assert [b.driver for b in bars] == ["Other", "B: units a year, standard value per unit, attribution"]


def test_tornado_leaves_out_inputs_that_do_not_move_roi():
    # Z has a zero input (20% of nothing is nothing) and Half lacks inputs (it counts 0 either way): no bars from them.
    # W: 1 x 200 counted in full; costs 100 -> ROI 100.0%
    p = _pitch(costs=[{"category": "other", "amount": "100"}],
               benefits=[{"label": "Z", "template": "standard_value", "inputs": {"units_per_year": "0", "value_per_unit": "5"}},
                         {"label": "Half", "template": "sales_uplift", "inputs": {"sellers": "3"}},
                         {"label": "W", "template": "standard_value", "inputs": {"units_per_year": "1", "value_per_unit": "200"}}])
    assert tornado(p) == [
        # cost 80 -> 120 / 80 = 150.0%; 120 -> 80 / 120 = 66.7%
        TornadoBar("Other", D(80), D(120), D("150.0"), D("66.7")),
        # W at 160 -> 60.0%; at 240 -> 140.0%
        TornadoBar("W: units a year, standard value per unit", D("0.8"), D("1.2"), D("60.0"), D("140.0")),
        # attribution and confidence 1 -> 0.8 gives 60.0%; up is capped at 1, so 100.0%
        TornadoBar("W: attribution, confidence", D("0.8"), D(1), D("60.0"), D("100.0")),
    ]


def test_tornado_is_undefined_without_costs():
    result = tornado(_pitch(benefits=SIMPLE["benefits"]))
    assert result == Undefined("no costs entered, so there is no return to compute")


def test_tornado_caps_a_share_at_one():
    # spread 50%, attribution 0.9: counted 30,000 x 0.9 = 27,000, ROI 170.0%.
    # attribution 0.45 -> 13,500 -> 35.0%; 0.9 x 1.5 = 1.35 is capped at 1 -> 30,000 -> 200.0%
    p = _pitch(**{**SIMPLE, "scenario_spread": "0.5", "benefits": [{**SIMPLE["benefits"][0], "attribution": "0.9"}]})
    assert TornadoBar("B: attribution", D("0.45"), D(1), D("35.0"), D("200.0")) in tornado(p)


amounts = st.decimals(min_value=1, max_value=10**6, places=2).map(str)
lines = st.fixed_dictionaries({
    "label": st.sampled_from(["A", "B", "C"]), "template": st.just("standard_value"),
    "attribution": st.decimals(D("0.05"), 1, places=2).map(str), "confidence": st.decimals(D("0.05"), 1, places=2).map(str),
    "inputs": st.fixed_dictionaries({"units_per_year": st.decimals(1, 1000, places=1).map(str), "value_per_unit": amounts}),
})
cost_lines = st.fixed_dictionaries({"category": st.sampled_from(["other", "delivery (facilitators)", "evaluation and reporting"]),
                                    "amount": amounts, "cadence": st.sampled_from(["one_time", "per_year"])})


@FEW
@given(st.lists(cost_lines, min_size=1, max_size=4), st.lists(lines, min_size=1, max_size=3), st.decimals(D("0.05"), D("0.5"), places=2))
def test_tornado_bars_are_sorted_by_swing_widest_first(costs, benefits, spread):
    p = _pitch(costs=costs, benefits=benefits, scenario_spread=str(spread))
    bars = tornado(p, top=20)
    assert not isinstance(bars, Undefined)
    swings = [b.swing for b in bars]
    assert swings == sorted(swings, reverse=True)
    assert all(b.swing > 0 for b in bars)
