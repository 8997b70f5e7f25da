"""A library of 1,000 pitches lists from the columns written at save time (bench/bench_store.py times it)."""

from __future__ import annotations

import itertools

from ldpitch.engine.evaluation import evaluate
from ldpitch.store import LOCAL


def test_a_library_of_a_thousand_pitches_lists_them_all_newest_first(store, example_pitches):
    examples = itertools.cycle(sorted(example_pitches.items()))
    expected_roi = {name: evaluate(pitch).roi_percent for name, pitch in example_pitches.items()}
    made = []
    for n in range(1000):
        name, pitch = next(examples)
        made.append((store.create(LOCAL, pitch, name=f"{name} {n:04d}").id, name))
    store.delete(LOCAL, made[0][0])

    rows = store.list_pitches(LOCAL)

    assert len(rows) == 999
    assert [row.id for row in rows] == [pitch_id for pitch_id, _ in reversed(made[1:])]
    assert all(rows[i].updated_at >= rows[i + 1].updated_at for i in range(len(rows) - 1))
    for row, (_, example) in zip(rows, reversed(made[1:]), strict=True):
        assert row.roi_percent == expected_roi[example]
        assert row.primary_audience == example_pitches[example].primary_audience
    assert [row.id for row in store.list_pitches(LOCAL, deleted=True)] == [made[0][0]]
