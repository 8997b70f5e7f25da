"""Every figure derived once: the evaluation's breakdowns (hand-checked) and ``analyse``, which keeps them per pitch version.

The worked cases are those of ``test_evaluation.py``; the numbers below are
worked by hand in the comments, then asserted exactly.
"""

import sys
import uuid
from decimal import Decimal as D

import pytest
from test_evaluation import CASE_A, CASE_B, CASE_C

from ldpitch.deck.build import build_deck
from ldpitch.engine.analysis import Analysis, analyse
from ldpitch.engine.evaluation import CategoryTotal, evaluate
from ldpitch.engine.finance import COST_LINE, LEARNER_GROUP, CostItem
from ldpitch.engine.sensitivity import tornado
from ldpitch.pitch import examples
from ldpitch.pitch.model import Pitch

TIME = "participants' time away from work"


def _pitch(data: dict) -> Pitch:
    return Pitch.model_validate({"schema_version": 1, **data})


# Case B: five cost lines, managers' time once (50 x 12 x 60 = 36,000), new hires' time a year (24 x 8 x 40 = 7,680),
# over 3 years; total 145,040 (see test_evaluation.py).


def test_cost_lines_are_tagged_with_the_cost_line_or_learner_group_they_come_from():
    e = evaluate(_pitch(CASE_B))
    assert [(c.origin, c.index) for c in e.costs] == [(COST_LINE, n) for n in range(5)] + [(LEARNER_GROUP, 0), (LEARNER_GROUP, 1)]
    assert [c.label for c in e.learner_group_costs] == ["Time away from work: Managers", "Time away from work: New hires"]


def test_participants_time_is_listed_for_every_learner_group_even_before_it_counts():
    data = {**CASE_B, "learner_groups": [*CASE_B["learner_groups"], {"name": "Coaches", "headcount": 5, "hours_away": "8"}]}
    e = evaluate(_pitch(data))
    assert e.participants_time == [
        CostItem("Time away from work: Managers", TIME, "one_time", D("36000.00"), LEARNER_GROUP, 0),
        CostItem("Time away from work: New hires", TIME, "per_year", D("7680.00"), LEARNER_GROUP, 1),
        CostItem("Time away from work: Coaches", TIME, "one_time", D("0.00"), LEARNER_GROUP, 2),  # no rate yet: 0, not a cost line
    ]
    assert len(e.costs) == 7


def test_totals_by_category_and_cadence_with_their_shares_largest_first():
    e = evaluate(_pitch(CASE_B))
    # time 36,000 + 3 x 7,680 = 59,040 of 145,040 (0.407060...); design and delivery tie at 30,000 (0.206839...)
    # and keep the order they were entered in; hardware 3 x 6,000 = 18,000 (0.124103...); needs analysis 5,000
    # (0.034473...); evaluation 3,000 (0.020684...). Shares are exact: they are rounded once, for display.
    total = D("145040.00")
    assert e.categories == (
        CategoryTotal(TIME, D("36000.00"), D("7680.00"), D("59040.00"), D("59040.00") / total),
        CategoryTotal("design and development", D("30000.00"), D(0), D("30000.00"), D("30000.00") / total),
        CategoryTotal("delivery (facilitators)", D(0), D("10000.00"), D("30000.00"), D("30000.00") / total),
        CategoryTotal("hardware and software", D(0), D("6000.00"), D("18000.00"), D("18000.00") / total),
        CategoryTotal("needs analysis", D("5000.00"), D(0), D("5000.00"), D("5000.00") / total),
        CategoryTotal("evaluation and reporting", D("3000.00"), D(0), D("3000.00"), D("3000.00") / total),
    )
    assert list(e.costs_by_category.values()) == [c.over_horizon for c in e.categories]
    assert sum(c.over_horizon for c in e.categories) == e.total_costs
    assert e.category("needs analysis").share.quantize(D("0.000001")) == D("0.034473") and e.category("other") is None
    assert e.participants_time_cost == D("59040.00")


def test_each_cost_line_over_the_horizon_counts_a_recurring_line_once_a_year():
    e = evaluate(_pitch(CASE_B))
    assert e.costs_over_horizon == [D("5000.00"), D("30000.00"), D("18000.00"), D("30000.00"), D("3000.00"), D("36000.00"), D("23040.00")]


def test_counted_benefits_by_cadence():
    b, c = evaluate(_pitch(CASE_B)), evaluate(_pitch(CASE_C))
    assert (b.one_time_benefits, b.recurring_benefits_per_year) == (D(0), D("93960.00"))  # 45,360 + 48,600, both yearly
    assert (c.one_time_benefits, c.recurring_benefits_per_year) == (D("1370.29"), D("6300.00"))  # rework once, breach risk yearly


def test_yearly_flows_and_the_cumulative_cash_flow_month_by_month():
    e = evaluate(_pitch(CASE_B))
    # each year 93,960 counted less 23,680 recurring = 70,280; one-time 74,000 at month 0
    assert e.net_of_recurring_by_year == [D("70280.00")] * 3
    assert e.cash_flow(12) == [(0, D("-74000.00")), (12, D("-3720.00")), (24, D("66560.00")), (36, D("136840.00"))]
    assert e.cash_flow(6)[1] == (6, D("-38860.00"))  # -74,000 + 70,280 / 2
    # Case C never pays back: each year's flow is negative (7,670.29 - 9,999.99 and 6,300 - 9,999.99)
    assert evaluate(_pitch(CASE_C)).net_of_recurring_by_year == [D("-2329.70"), D("-3699.99")]


def test_funding_sums_all_confirmed_and_still_to_confirm():
    data = {**CASE_A, "funding": [{"source": "L&D budget", "amount": "30000", "confirmed": True},
                                  {"source": "Sales ops", "amount": "12500.50"}, {"source": "Grant", "amount": "5000", "confirmed": True}]}
    e = evaluate(_pitch(data))
    assert (e.funding_total, e.funding_confirmed, e.funding_to_confirm) == (D("47500.50"), D("35000.00"), D("12500.50"))
    assert (evaluate(_pitch(CASE_A)).funding_total, evaluate(_pitch(CASE_A)).funding_confirmed) == (0, 0)


def test_an_equal_pitch_gets_the_same_analysis_and_a_changed_one_a_new_one():
    p = _pitch({**CASE_B, "title": f"Managers {uuid.uuid4()}"})
    a = analyse(p)
    assert analyse(Pitch.model_validate(p.model_dump())) is a
    assert analyse(p.model_copy(update={"horizon_years": 2})) is not a
    assert a.evaluation is a.evaluation and a.evaluation == evaluate(p)


def test_the_analysis_expected_scenario_is_its_evaluation_and_its_tornado_keeps_every_bar():
    p = examples.load("onboarding")
    a = Analysis(p)
    assert [s.name for s in a.scenarios] == ["Conservative", "Expected", "Optimistic"]
    assert a.scenarios[1].evaluation is a.evaluation
    assert list(a.tornado) == tornado(p, top=None) and list(a.tornado[:6]) == tornado(p)


def test_an_analysis_is_immutable():
    a = Analysis(_pitch(CASE_A))
    with pytest.raises(AttributeError):
        a.pitch = _pitch(CASE_B)


def test_a_deck_build_evaluates_the_pitch_once(monkeypatch):
    """The real ``evaluate``, wrapped where the engine binds it, counting calls and calling through."""
    from ldpitch.engine import evaluation

    calls = []
    real = evaluation.evaluate

    def counted(pitch, *args, **kwargs):
        calls.append(args)
        return real(pitch, *args, **kwargs)

    for module in list(sys.modules.values()):
        if getattr(module, "__name__", "").startswith("ldpitch.") and getattr(module, "evaluate", None) is real:
            monkeypatch.setattr(module, "evaluate", counted)
    pitch = examples.load("sales_mobile")
    fresh = pitch.model_copy(update={"title": f"{pitch.title} {uuid.uuid4()}"})  # a version no one has analysed yet
    assert build_deck(fresh, length="full")[:2] == b"PK"
    assert calls == [()], "one expected-case evaluation; the scenarios and the tornado reuse it"
