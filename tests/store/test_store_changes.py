"""describe_change: what the history says about each version (pure; no database)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ldpitch.pitch.model import CostLine, KpiActual, Pitch, RadarFactor, Stakeholder
from ldpitch.store.changes import describe_brand_change, describe_change
from ldpitch.store.records import Brand

LICENCES = CostLine(category="content and licences", label="Licences", amount=Decimal(100))
VENUE = CostLine(category="venue, travel and materials", label="Venue", amount=Decimal(50))
BASE = Pitch(title="Coaching", costs=[LICENCES, VENUE], stakeholders=[Stakeholder(name="CFO")])


def changed(**update):
    return BASE.model_copy(update=update)


@pytest.mark.parametrize("new, expected", [
    (BASE, "No change"),
    (changed(title="Sales coaching"), "Pitch: title changed"),
    (changed(costs=[LICENCES.model_copy(update={"amount": Decimal(120)}), VENUE]), "Budget: cost 'Licences' amount changed"),
    (changed(costs=[LICENCES.model_copy(update={"amount": Decimal(1), "cadence": "per_year"}), VENUE]),
     "Budget: cost 'Licences' cadence and amount changed"),
    (changed(costs=[LICENCES.model_copy(update={"label": "Platform licences"}), VENUE]),
     "Budget: cost 'Licences' renamed to 'Platform licences'"),
    (changed(costs=[VENUE, LICENCES]), "Budget: costs reordered"),
    (changed(costs=[LICENCES]), "Budget: cost 'Venue' removed"),
    (changed(costs=[LICENCES, VENUE, CostLine(category="evaluation and reporting")]),
     "Budget: cost 'evaluation and reporting' added"),
    (changed(stakeholders=[*BASE.stakeholders, Stakeholder(name="COO")]), "Audience: stakeholder 'COO' added"),
    (changed(stakeholders=[Stakeholder(name=n) for n in ("CFO", "A", "B", "C")]), "Audience: 3 stakeholders added"),
    (changed(stakeholders=[Stakeholder(name="CFO", kpis=["Margin"])]), "Audience: stakeholder 'CFO' KPIs changed"),
    (changed(primary_audience="CFO"), "Audience: primary audience changed"),
    (changed(initiative=BASE.initiative.model_copy(update={"name": "Coaching", "why_it_matters": "x"})),
     "Initiative: name and why it matters changed"),
    (changed(radar=BASE.radar.model_copy(update={"resistance": RadarFactor(score=4)})),
     "Readiness: resistance score changed"),
    (changed(discount_rate=Decimal("0.05")), "Budget: discount rate changed"),
    (changed(actuals=[KpiActual(measure="NPS", on=date(2027, 1, 31), value=Decimal(40))]),
     "Track: KPI actual 'NPS on 2027-01-31' added"),
    (changed(title="T", organisation="O", presenter="P", currency="EUR", horizon_years=3),
     "Pitch: title, organisation and 2 more changed; Budget: horizon years changed"),
])
def test_describe_change_names_the_page_and_the_row(new, expected):
    assert describe_change(BASE, new) == expected


def test_changes_on_several_pages_are_listed_in_page_order():
    new = changed(costs=[LICENCES], stakeholders=[], title="New")
    assert describe_change(BASE, new) == "Pitch: title changed; Audience: stakeholder 'CFO' removed; Budget: cost 'Venue' removed"


def test_every_example_differs_from_a_blank_pitch_in_a_short_sentence(example_pitches):
    for pitch in example_pitches.values():
        text = describe_change(Pitch(), pitch)
        assert text != "No change" and len(text) < 250


BRAND = Brand(primary="#0A3D62", accent="#F39C12", font="Arial", template=b"PK-old", template_name="acme.pptx")


@pytest.mark.parametrize(("old", "new", "expected"), [
    (None, Brand(), "First brand"),
    (None, BRAND, "First brand: template acme.pptx"),
    (None, Brand(logo=b"png", template=b"PK"), "First brand: template uploaded, logo uploaded"),
    (BRAND, BRAND, "No change"),
    (BRAND, Brand(**{**BRAND.__dict__, "template": b"PK-new"}), "Template changed"),
    (BRAND, Brand(**{**BRAND.__dict__, "template": None, "template_name": ""}), "Template removed"),
    (BRAND, Brand(**{**BRAND.__dict__, "accent": "#000000", "slide_numbers": False}), "Colours and slide numbers changed"),
    (BRAND, Brand(**{**BRAND.__dict__, "template": None, "font": "Inter", "logo": b"png"}),
     "Logo and font changed; template removed"),
])
def test_describe_brand_change_names_the_parts_that_changed(old, new, expected):
    assert describe_brand_change(old, new) == expected
