"""One edit path: a typed value is parsed once into the pitch's own type, and a change makes the new pitch with one validation."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from ldpitch.editing import parse, tables
from ldpitch.editing.rows import Column, parse_cell
from ldpitch.pitch import examples
from ldpitch.pitch.model import Pitch


@pytest.mark.parametrize(("kind", "typed", "stored"), [
    ("money", "$12,500.50", Decimal("12500.50")),
    ("money", 7000, Decimal("7000")),
    ("number", "7.5", Decimal("7.5")),
    ("number", 2.25, Decimal("2.25")),
    ("percent", 40, Decimal("0.4")),
    ("percent", "12.5", Decimal("0.125")),
    ("int", "4", 4),
    ("score", 3.0, 3),
    ("date", "2027-01-15", date(2027, 1, 15)),
    ("date", datetime(2027, 1, 15, 9, 30), date(2027, 1, 15)),
    ("list", "a; b\nc", ["a", "b", "c"]),
    ("bool", "false", False),
])
def test_a_typed_cell_is_parsed_once_into_the_type_the_pitch_holds(kind, typed, stored):
    value = parse_cell(Pitch(), Column("C", "c", kind), typed)
    assert value == stored
    assert type(value) is type(stored)


def test_a_grid_edit_changes_only_its_list_and_keeps_every_other_part_as_it_was():
    pitch = examples.load("sales_mobile")
    draft = tables.COSTS.draft(pitch)
    rows = [dict(r) for r in draft.rows]
    rows[0]["Amount"] = "$13,250"
    new = tables.COSTS.apply(pitch, draft, rows).pitch
    assert new.costs[0].amount == Decimal("13250")
    assert new.costs[1:] == pitch.costs[1:]
    # Untouched parts are handed over, not dumped and read again.
    assert all(a is b for a, b in zip(new.benefits, pitch.benefits, strict=True))
    assert new.initiative is pitch.initiative
    assert pitch.costs[0].amount != Decimal("13250")  # the pitch it started from is unchanged


def test_a_renamed_criterion_follows_into_the_option_scores_without_touching_the_original():
    pitch = examples.load("sales_mobile")
    old = pitch.criteria[0].name
    draft = tables.CRITERIA.draft(pitch)
    rows = [dict(r) for r in draft.rows]
    rows[0]["Criterion"] = "Renamed criterion"
    new = tables.CRITERIA.apply(pitch, draft, rows).pitch
    scored = [o for o in pitch.options if old in o.scores]
    assert scored, "the example scores its options on the first criterion"
    assert all("Renamed criterion" in o.scores and old not in o.scores for o in new.options if o.name in {s.name for s in scored})
    assert all(old in o.scores for o in scored)


def test_a_field_set_deep_in_the_pitch_is_validated_and_named_when_wrong():
    pitch = examples.load("sales_mobile")
    assert parse.set_field(pitch, "stakeholders.0.influence", 5).stakeholders[0].influence == 5
    assert parse.set_field(pitch, "stakeholders.0.influence", 5).stakeholders[1] is pitch.stakeholders[1]
    with pytest.raises(parse.EditError, match="Stakeholders: must be at most 5"):
        parse.set_field(pitch, "stakeholders.0.influence", 9)
