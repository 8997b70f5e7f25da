"""The simulation's draws, each made once: remembered draws give exactly the figures drawing afresh gives."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest

from ldpitch.engine import draws
from ldpitch.engine.simulation import simulate
from ldpitch.pitch import Range, examples


def _same(a, b) -> bool:
    """Two simulations alike in every field (arrays compared element by element)."""
    import dataclasses

    return all(np.array_equal(x, y) if isinstance(x, np.ndarray) else x == y
               for x, y in ((getattr(a, f.name), getattr(b, f.name)) for f in dataclasses.fields(a)))


def _afresh(pitch):
    draws.forget()
    return simulate(pitch)


@pytest.mark.parametrize("name", examples.names())
def test_a_change_that_leaves_the_ranges_alone_gives_what_drawing_afresh_gives(name):
    p = examples.load(name)
    simulate(p)  # its draws remembered
    q = p.model_copy(update={"discount_rate": p.discount_rate + Decimal("0.015"),
                             "costs": [p.costs[0].model_copy(update={"amount": p.costs[0].amount + 1000}), *p.costs[1:]]})
    remembered = simulate(q)
    assert _same(remembered, _afresh(q))


def test_a_range_changed_midway_redraws_from_there_on_with_the_generator_where_it_would_be():
    p = examples.load("production")
    line = p.benefits[-1]
    assert line.ranges, "the example's last benefit has ranges"
    name, rng = next(iter(line.ranges.items()))
    wider = Range(low=rng.low * Decimal("0.9"), high=rng.high)
    q = p.model_copy(update={"benefits": [*p.benefits[:-1], line.model_copy(update={"ranges": {**line.ranges, name: wider}})]})
    simulate(p)
    assert _same(simulate(q), _afresh(q)) and not _same(_afresh(q), _afresh(p))


def test_remembered_draws_cannot_be_changed_by_whoever_shares_them():
    p = examples.load("onboarding")
    d = draws.Draws(1_000, 7)
    values = d.draw("a", Decimal(1), Decimal(2), Decimal(4), draws.OWN_RANGE)
    again = draws.Draws(1_000, 7).draw("a", Decimal(1), Decimal(2), Decimal(4), draws.OWN_RANGE)
    assert again is values and not values.flags.writeable
    with pytest.raises(ValueError):
        values[0] = 0.0
    assert not draws.ranked(d.keys[0], values).flags.writeable
    assert np.array_equal(draws.ranked(d.keys[0], values), draws.rank(values))
    assert simulate(p).trials == 10_000
