"""Budget and return, how sure: the ROI histogram and the chance of paying back, ranges and evidence typed in the app."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pyarrow as pa
import pytest
from apptest_support import delta, open_app, problems

from ldpitch.engine import analyse, payback_sentence
from ldpitch.pitch import examples

BUDGET = "pages/budget.py"


def _form_key(at, suffix: str) -> str:
    """The key of the ranges form's widget ending in ``suffix`` (the form's key carries the table's version), the form opened."""
    if not at.toggle(key="budget.ranges.open").value:
        at.toggle(key="budget.ranges.open").set_value(True).run()
    keys = [w.key for kind in (at.text_input, at.selectbox, at.date_input) for w in kind if (w.key or "").startswith("budget.ranges.0.")]
    found = [k for k in keys if k.endswith(suffix)]
    assert len(found) == 1, (suffix, keys)
    return found[0]


def _widget(at, kind: str, suffix: str):
    """The ranges form's ``kind`` widget ending in ``suffix``, the form opened first."""
    key = _form_key(at, suffix)
    return getattr(at, kind)(key=key)


def _save(at):
    button = next(b for b in at.button if (b.key or "").startswith("FormSubmitter:budget.ranges.0."))
    return button.click().run()


@pytest.mark.parametrize("name", examples.names())
def test_budget_shows_the_roi_histogram_and_the_chance_of_paying_back(name):
    at = open_app(name, BUDGET)
    sim = analyse(examples.load(name)).simulation
    assert f"**{payback_sentence(sim)}.**" in [m.value for m in at.markdown]
    assert any(c.value.startswith("Simulation, ") and "beside the exact expected case" in c.value for c in at.caption)
    histograms = [c for c in at.get("vega_lite_chart") if "ROI across simulated futures" in c.proto.spec]
    assert len(histograms) == 1
    drawn = json.loads(histograms[0].proto.spec)
    tables = {d.name: pa.ipc.open_stream(d.data.data).read_all().to_pylist() for d in histograms[0].proto.datasets}  # layers' own tables
    marked = [row["text"] for layer in drawn["layer"] if layer["mark"]["type"] == "text" for row in tables.get(layer.get("data", {}).get("name"), [])]
    assert "p10" in " ".join(marked) and "p50" in " ".join(marked) and "p90" in " ".join(marked)


def test_the_ranges_form_is_built_only_while_it_is_open():
    at = open_app("production", BUDGET)
    assert not [w for w in at.text_input if (w.key or "").startswith("budget.ranges.")]
    at.toggle(key="budget.ranges.open").set_value(True).run()
    assert len([w for w in at.text_input if (w.key or "").startswith("budget.ranges.0.")]) >= 6


def test_a_range_typed_beside_attribution_changes_the_pitch_and_its_simulation():
    at = open_app("production", BUDGET)
    before = at.session_state["pitch"]
    _widget(at, "text_input", ".attribution.low").set_value("40")
    _widget(at, "text_input", ".attribution.high").set_value("70")
    _save(at)
    assert not problems(at)
    after = at.session_state["pitch"]
    r = after.benefits[0].ranges["attribution"]
    assert (r.low, r.high) == (Decimal("0.4"), Decimal("0.7"))
    assert after.benefits[0].ranges != before.benefits[0].ranges
    sim = analyse(after).simulation
    assert f"**{payback_sentence(sim)}.**" in [m.value for m in at.markdown]
    assert any(u.label.endswith(": attribution") and (u.low, u.high) == (Decimal("0.4"), Decimal("0.7")) for u in sim.inputs)


@pytest.mark.parametrize(("suffix", "low", "high", "says"), [
    (".attribution.low", "80", "90", "the low value 0.8 is above the expected value 0.5"),
    (".attribution.low", "30", "120", "is above 100%"),
    (".attribution.low", "50", "50", "the low and high values are both 0.5"),
    (".attribution.low", "30", "", "give both the low and the high value"),
])
def test_a_bad_range_is_named_and_the_pitch_is_unchanged(suffix, low, high, says):
    at = open_app("production", BUDGET)
    before = at.session_state["pitch"]
    _widget(at, "text_input", suffix).set_value(low)
    _widget(at, "text_input", suffix.replace(".low", ".high")).set_value(high)
    _save(at)
    warnings = [w.value for w in at.warning]
    assert any(w.startswith("Not saved: ") and says in w for w in warnings), warnings
    assert not at.exception
    assert at.session_state["pitch"] == before


def test_the_evidence_typed_for_a_benefit_is_stored():
    at = open_app("onboarding", BUDGET)
    _widget(at, "selectbox", ".kind").set_value("measured data")
    _widget(at, "selectbox", ".isolation").set_value("trend-line analysis")
    _widget(at, "text_input", ".supplied_by").set_value("Workforce analytics")
    _widget(at, "date_input", ".on").set_value(date(2026, 11, 30))
    _widget(at, "text_input", ".note").set_value("Ramp-up read from the quality dashboard")
    _save(at)
    assert not problems(at)
    ev = at.session_state["pitch"].benefits[0].evidence
    assert (ev.kind.value, ev.isolation.value, ev.supplied_by, ev.on, ev.note) == (
        "measured data", "trend-line analysis", "Workforce analytics", date(2026, 11, 30), "Ramp-up read from the quality dashboard")


def test_evidence_set_to_not_recorded_clears_the_register():
    at = open_app("sales_mobile", BUDGET)
    assert at.session_state["pitch"].benefits[0].evidence is not None
    _widget(at, "selectbox", ".kind").set_value("not recorded")
    _save(at)
    assert at.session_state["pitch"].benefits[0].evidence is None


def test_a_cost_line_takes_a_low_and_a_high_in_the_costs_table():
    at = open_app("onboarding", BUDGET)
    at.session_state["budget.costs"] = delta(edited={0: {"Low": "£8,000", "High": "£12,000"}})
    at.run()
    assert not problems(at)
    r = at.session_state["pitch"].costs[0].amount_range
    assert (r.low, r.high) == (Decimal("8000"), Decimal("12000"))
    assert any(u.label == at.session_state["pitch"].costs[0].label for u in analyse(at.session_state["pitch"]).simulation.inputs)


def test_a_cost_range_that_leaves_out_its_amount_is_flagged_and_the_amount_kept():
    at = open_app("onboarding", BUDGET)
    before = at.session_state["pitch"]
    at.session_state["budget.costs"] = delta(edited={0: {"Low": "£10,000", "High": "£12,000"}})  # the amount is £9,500
    at.run()
    assert at.session_state["pitch"].costs == before.costs
    shown = " ".join(str(x.value) for x in (*at.warning, *at.error, *at.markdown, *at.caption))
    assert "the low value 10000 is above the expected value 9500" in shown
