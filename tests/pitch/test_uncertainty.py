"""Ranges beside expected values and the evidence register: optional, checked with a message naming the field, old files unchanged."""

import json
from decimal import Decimal as D

import pytest

from ldpitch.errors import InvalidPitch
from ldpitch.pitch import EvidenceKind, IsolationMethod, Pitch, dump_pitch, examples, load_pitch

SALES = {"label": "Sales", "template": "sales_uplift", "attribution": "0.4", "confidence": "0.7",
         "inputs": {"sellers": "20", "extra_sales_per_seller": "50000", "gross_margin": "0.4"}}
COST = {"category": "delivery (facilitators)", "label": "Trainer", "amount": "10000"}


def _file(benefit: dict | None = None, cost: dict | None = None) -> bytes:
    return json.dumps({"schema_version": 1, "benefits": [benefit or SALES], "costs": [cost or COST]}).encode()


def _problems(data: bytes) -> list[str]:
    with pytest.raises(InvalidPitch) as caught:
        load_pitch(data)
    return caught.value.problems


def test_a_pitch_file_without_ranges_or_evidence_loads_with_none_of_them():
    p = load_pitch(_file())
    assert p.benefits[0].ranges == {} and p.benefits[0].evidence is None and p.costs[0].amount_range is None


@pytest.mark.parametrize("name", examples.names())
def test_an_example_without_its_ranges_and_evidence_loads_as_before(name):
    data = json.loads(examples.path(name).read_text(encoding="utf-8"))
    for b in data["benefits"]:
        b.pop("ranges", None)
        b.pop("evidence", None)
    old = load_pitch(json.dumps(data))
    assert old.benefits[0].ranges == {} and old.benefits[0].evidence is None
    assert old.model_copy(update={"benefits": examples.load(name).benefits}) == examples.load(name)


def test_ranges_and_evidence_survive_a_round_trip_through_a_pitch_file():
    benefit = {**SALES, "ranges": {"sellers": {"low": "18", "high": "25"}, "attribution": {"low": "0.3", "high": "0.5"}},
               "evidence": {"kind": "a pilot", "isolation": "control group", "supplied_by": "Sales ops", "on": "2026-11-02", "note": "Q3 pilot"}}
    p = load_pitch(_file(benefit, {**COST, "amount_range": {"low": "9000", "high": "14000"}}))
    assert load_pitch(dump_pitch(p)) == p
    b = p.benefits[0]
    assert (b.ranges["sellers"].low, b.ranges["sellers"].high) == (D(18), D(25))
    assert (b.evidence.kind, b.evidence.isolation) == (EvidenceKind.pilot, IsolationMethod.control_group)
    assert p.costs[0].amount_range.high == D(14000)


@pytest.mark.parametrize(("benefit_ranges", "cost_range", "message"), [
    ({"sellers": {"low": "25", "high": "30"}}, None, "benefits > 1: Sellers: the low value 25 is above the expected value 20"),
    ({"sellers": {"low": "10", "high": "15"}}, None, "benefits > 1: Sellers: the expected value 20 is above the high value 15"),
    ({"sellers": {"low": "30", "high": "10"}}, None, "benefits > 1: Sellers: the low value 30 is above the high value 10"),
    ({"sellers": {"low": "20", "high": "20"}}, None,
     "benefits > 1: Sellers: the low and high values are both 20; widen the range, or leave both empty to use the scenario spread"),
    ({"gross_margin": {"low": "0.3", "high": "1.2"}}, None,
     "benefits > 1: Gross margin: the high value 1.2 is above 100%; a share stays between 0 and 1 (0.35 means 35%)"),
    ({"attribution": {"low": "0.2", "high": "1.5"}}, None,
     "benefits > 1: Sales: attribution: the high value 1.5 is above 100%; a share stays between 0 and 1 (0.35 means 35%)"),
    ({"confidence": {"low": "0.8", "high": "0.9"}}, None, "benefits > 1: Sales: confidence: the low value 0.8 is above the expected value 0.7"),
    ({"sellers": {"low": "-1", "high": "30"}}, None, "benefits > 1 > ranges > sellers > low: cannot be negative"),
    ({"bonus": {"low": "1", "high": "2"}}, None, "'bonus', which is not an input of 'Sales uplift (margin, not revenue)'"),
    ({}, {"low": "12000", "high": "15000"}, "costs > 1: Trainer: amount: the low value 12000 is above the expected value 10000"),
])
def test_a_bad_range_is_refused_with_a_message_naming_the_field(benefit_ranges, cost_range, message):
    cost = {**COST, "amount_range": cost_range} if cost_range else COST
    problems = _problems(_file({**SALES, "ranges": benefit_ranges}, cost))
    assert any(message in line for line in problems), problems


def test_a_range_needs_the_expected_value_beside_it():
    benefit = {**SALES, "inputs": {"sellers": "20"}, "ranges": {"gross_margin": {"low": "0.3", "high": "0.5"}}}
    assert _problems(_file(benefit)) == ["benefits > 1: Gross margin: give the expected value before its range"]


def test_a_range_may_start_or_end_at_the_expected_value():
    p = load_pitch(_file({**SALES, "ranges": {"sellers": {"low": "20", "high": "30"}, "gross_margin": {"low": "0.3", "high": "0.4"}}}))
    assert set(p.benefits[0].ranges) == {"sellers", "gross_margin"}


def test_an_isolation_method_outside_the_phillips_list_is_refused():
    problems = _problems(_file({**SALES, "evidence": {"kind": "an estimate", "isolation": "gut feeling"}}))
    assert len(problems) == 1 and problems[0].startswith("benefits > 1 > evidence > isolation:")


def test_the_schema_shows_ranges_and_the_evidence_register():
    schema = Pitch.model_json_schema()
    assert {"ranges", "evidence"} <= set(schema["$defs"]["BenefitLine"]["properties"])
    assert "amount_range" in schema["$defs"]["CostLine"]["properties"]
    assert schema["$defs"]["IsolationMethod"]["enum"] == [m.value for m in IsolationMethod] == [
        "control group", "trend-line analysis", "forecasting", "participants' estimate", "managers' estimate",
        "experts' estimate", "customer input"]


@pytest.mark.parametrize("name", examples.names())
def test_every_benefit_of_every_example_states_its_evidence_ranges_and_isolation_method(name):
    for b in examples.load(name).benefits:
        assert b.evidence is not None and b.evidence.isolation is not None and b.evidence.supplied_by, b.label
        assert b.ranges, b.label
