"""Ranges and evidence as people type them: parsed in the pitch's own units, checked by the model, bad input named."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from ldpitch.editing import tables
from ldpitch.editing.ranges import set_benefit_ranges
from ldpitch.pitch import examples

PRODUCTION = examples.load("production")  # EUR, de_DE; benefit 0: errors avoided a year 4,000 at 140 € each, attribution 50%


@pytest.mark.parametrize(("typed", "stored"), [
    ({"cost_per_error": ("120 €", "1.600,50 €")}, ("cost_per_error", D("120"), D("1600.50"))),  # money as the locale writes it
    ({"attribution": ("40", "60")}, ("attribution", D("0.4"), D("0.6"))),  # attribution in percent, stored as a share
])
def test_a_range_is_read_in_the_units_the_form_shows(typed, stored):
    done = set_benefit_ranges(PRODUCTION, 0, typed, {"kind": "an estimate"})
    assert done.problems == ()
    key, low, high = stored
    r = done.pitch.benefits[0].ranges[key]
    assert (r.low, r.high) == (low, high)


@pytest.mark.parametrize(("typed", "says"), [
    ({"cost_per_error": ("150 €", "200 €")}, "the low value 150 is above the expected value 140"),
    ({"cost_per_error": ("100 €", "130 €")}, "the expected value 140 is above the high value 130"),
    ({"attribution": ("40", "101")}, "is above 100%"),
    ({"confidence": ("85", "85")}, "the low and high values are both 0.85"),
    ({"attribution": ("", "60")}, "give both the low and the high value"),
    ({"cost_per_error": ("lots", "200 €")}, "Cost per error: "),
])
def test_a_bad_range_is_named_and_the_pitch_kept(typed, says):
    done = set_benefit_ranges(PRODUCTION, 0, typed, {"kind": "an estimate"})
    assert len(done.problems) == 1 and says in done.problems[0], done.problems
    assert done.pitch is PRODUCTION


def test_both_ends_empty_removes_a_range_and_not_recorded_clears_the_evidence():
    line = PRODUCTION.benefits[0]
    assert line.ranges and line.evidence is not None
    done = set_benefit_ranges(PRODUCTION, 0, {k: ("", "") for k in line.ranges}, {"kind": "not recorded"})
    assert done.problems == () and done.pitch.benefits[0].ranges == {} and done.pitch.benefits[0].evidence is None


@pytest.mark.parametrize(("low", "high", "kept"), [("10.000 €", "13.000 €", (D(10000), D(13000))), (None, None, None)])
def test_a_cost_lines_low_and_high_columns_set_its_range(low, high, kept):
    draft = tables.COSTS.draft(PRODUCTION)  # cost line 0 is 12.000 €
    rows = [dict(r) for r in draft.rows]
    rows[0].update({"Low": low, "High": high})
    done = tables.COSTS.apply(PRODUCTION, draft, rows)
    assert done.problems == ()
    r = done.pitch.costs[0].amount_range
    assert (None if r is None else (r.low, r.high)) == kept
    assert tables.COSTS.draft(done.pitch).rows[0]["Low"] == (low.replace(" ", "\xa0") if low else "")  # an empty cell shows blank


def test_a_cost_line_with_one_end_only_is_flagged_on_its_row():
    draft = tables.COSTS.draft(PRODUCTION)
    rows = [dict(r) for r in draft.rows]
    rows[0]["High"] = "13.000 €"
    done = tables.COSTS.apply(PRODUCTION, draft, rows)
    assert done.pitch.costs == PRODUCTION.costs
    assert done.draft.rows[0]["Problem"] == "⚠ Low and High: give both, or leave both empty if the amount is certain"
