"""``roi_of_items``: the tornado's ROI of a variant, exactly what the whole evaluation of that variant says."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from ldpitch.engine import evaluate
from ldpitch.engine.evaluation import evaluate_items, roi_of_items
from ldpitch.pitch import examples


@pytest.mark.parametrize("name", examples.names())
def test_the_roi_of_every_variant_equals_the_whole_evaluations(name):
    p = examples.load(name)
    base = evaluate(p)
    compared = 0
    for i, cost in enumerate(base.costs):
        for factor in (Decimal("0"), Decimal("0.8"), Decimal("1.37"), Decimal("1000")):
            changed = [*base.costs[:i], replace(cost, amount=(cost.amount * factor).quantize(Decimal("0.01"))), *base.costs[i + 1:]]
            whole = evaluate_items(changed, base.benefits, p.horizon_years, p.discount_rate, p.currency).roi_percent
            assert roi_of_items(changed, base.benefits, p.horizon_years, p.currency) == whole
            compared += 1
    for years in (1, 2, 5):
        assert roi_of_items(base.costs, base.benefits, years, p.currency) == evaluate_items(
            base.costs, base.benefits, years, p.discount_rate, p.currency).roi_percent
    no_costs = roi_of_items([], base.benefits, p.horizon_years, p.currency)
    assert no_costs == evaluate_items([], base.benefits, p.horizon_years, p.discount_rate, p.currency).roi_percent  # Undefined alike
    assert compared >= 20
