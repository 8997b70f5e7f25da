"""Stakeholder presets: one per stakeholder type, consistent with the benefit templates, never overwriting user text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ldpitch.pitch import examples
from ldpitch.pitch.benefits import TEMPLATES
from ldpitch.pitch.model import Objection, Stakeholder, StakeholderType
from ldpitch.pitch.presets import FIGURES, PRESETS, Preset, apply_preset, preset

TYPES = list(StakeholderType)


def test_every_stakeholder_type_has_a_preset():
    assert set(PRESETS) == set(StakeholderType)


@pytest.mark.parametrize("kind", TYPES)
def test_preset_is_found_by_type_or_by_its_value(kind):
    assert preset(kind) is preset(kind.value) is PRESETS[kind]
    assert isinstance(preset(kind), Preset)


def test_unknown_type_is_refused():
    with pytest.raises(ValueError):
        preset("cfo")


@pytest.mark.parametrize(
    ("kind", "label"),
    [
        (StakeholderType.executive, "Senior executive or CFO"),
        (StakeholderType.operations_director, "Operations director"),
        (StakeholderType.hr_partner, "HR business partner"),
        (StakeholderType.association_board, "Association board"),
    ],
)
def test_preset_labels_read_as_people(kind, label):
    assert preset(kind).label == label


@pytest.mark.parametrize("kind", TYPES)
def test_preset_says_what_they_want_and_how_to_frame_it(kind):
    p = preset(kind)
    assert p.label and p.what_they_want.endswith(".") and p.framing.endswith(".")


@pytest.mark.parametrize("kind", TYPES)
def test_preset_objections_come_with_responses(kind):
    p = preset(kind)
    assert len(p.objections) >= 2
    assert all(objection and response for objection, response in p.objections)


@pytest.mark.parametrize("kind", TYPES)
def test_preset_objections_read_as_pairs_or_by_name(kind):
    for item in preset(kind).objections:
        objection, response = item
        assert (item.objection, item.response) == (objection, response)


@pytest.mark.parametrize("kind", TYPES)
def test_lead_figures_are_known_headline_figures(kind):
    figures = preset(kind).lead_figures
    assert figures and set(figures) <= set(FIGURES)
    assert len(set(figures)) == len(figures)


@pytest.mark.parametrize("kind", TYPES)
def test_lead_benefits_are_templates_meant_for_that_audience(kind):
    for template_id in preset(kind).lead_benefits:
        assert kind.value in TEMPLATES[template_id].audiences, template_id


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (StakeholderType.operations_director, "production output"),
        (StakeholderType.hr_partner, "new-hire targets"),
        (StakeholderType.business_unit_manager, "quick results"),
        (StakeholderType.members_boss, "more productive"),
        (StakeholderType.employee, "tangible value"),
    ],
)
def test_what_they_want_follows_the_seeds(kind, expected):
    assert expected in preset(kind).what_they_want


@pytest.mark.parametrize("kind", TYPES)
def test_apply_preset_fills_an_empty_stakeholder_from_its_preset(kind):
    filled = apply_preset(Stakeholder(name="Someone", type=kind))
    p = preset(kind)
    assert filled.kpis == list(p.kpis)
    assert filled.pain_points == list(p.pain_points)
    assert [(o.objection, o.response) for o in filled.objections] == list(p.objections)
    assert filled.wants_to_buy == p.wants_to_buy
    assert Stakeholder.model_validate(filled.model_dump()) == filled


@pytest.mark.parametrize(
    ("field", "typed"),
    [
        ("kpis", ["Claims per adviser a day"]),
        ("pain_points", ["Backlog every autumn"]),
        ("objections", [Objection(objection="Not this quarter.", response="")]),
        ("wants_to_buy", "Fewer complaints reaching the board."),
    ],
)
def test_apply_preset_never_overwrites_what_the_user_typed(field, typed):
    mine = Stakeholder(name="Helen", type="executive", **{field: typed})
    assert getattr(apply_preset(mine), field) == typed


def test_apply_preset_keeps_identity_fields_and_leaves_the_original_alone():
    mine = Stakeholder(name="Raj", role="HR partner", type="hr_partner", influence=4, interest=5, stance="champion")
    filled = apply_preset(mine)
    assert (filled.name, filled.role, filled.type, filled.influence, filled.interest, filled.stance) == (
        "Raj", "HR partner", StakeholderType.hr_partner, 4, 5, "champion")
    assert mine.kpis == [] and mine.objections == [] and mine.wants_to_buy == ""


@pytest.mark.parametrize("name", examples.names())
def test_apply_preset_changes_nothing_in_a_complete_example(name):
    for s in examples.load(name).stakeholders:
        assert apply_preset(s) == s


# Typed text is cleaned (NFC, trimmed) on the way in, so generate text that cleaning leaves alone.
_WORD = st.text("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789%", min_size=1, max_size=20)


@given(
    kind=st.sampled_from(TYPES),
    kpis=st.lists(_WORD, max_size=3),
    wants=st.one_of(st.just(""), _WORD),
)
def test_apply_preset_keeps_any_typed_kpis_and_wants(kind, kpis, wants):
    filled = apply_preset(Stakeholder(name="x", type=kind, kpis=kpis, wants_to_buy=wants))
    assert filled.kpis == (kpis or list(preset(kind).kpis))
    assert filled.wants_to_buy == (wants or preset(kind).wants_to_buy)
