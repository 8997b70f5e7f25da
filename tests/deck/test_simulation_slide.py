"""The deck's simulation slide (the range of ROI, the chance of paying back) and each benefit's evidence in the deck."""

from __future__ import annotations

import functools
import io

import pytest
from deck_checks import chart_disagreements, check_deck, label_overlaps, table_scraps
from pptx import Presentation

from ldpitch.deck.build import build_deck, deck_slides
from ldpitch.deck.layout import regions
from ldpitch.engine import analyse, payback_sentence
from ldpitch.pitch import examples

EXAMPLES = examples.names()
FINANCE = "executive"  # the CFO's type of audience


@functools.cache
def _pitch(name):
    return examples.load(name)


@functools.cache
def _slides(name, audience, length):
    return deck_slides(_pitch(name), audience, length)


@functools.cache
def _written(name, audience, length):
    return build_deck(_pitch(name), audience, length)


def _chart_of(data: bytes, number: int):
    slide = list(Presentation(io.BytesIO(data)).slides)[number]
    return next(s for s in slide.shapes if getattr(s, "has_chart", False) and s.has_chart).chart


@pytest.mark.parametrize("name", EXAMPLES)
@pytest.mark.parametrize(("length", "shown"), [("short", False), ("standard", True), ("full", True)])
def test_the_simulation_slide_is_in_the_standard_and_full_decks(name, length, shown):
    sections = [s.section for s in _slides(name, None, length)]
    assert ("simulation" in sections) is shown


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_finance_audience_leads_with_the_simulation_and_others_see_it_after_the_scenarios(name):
    finance = [s.section for s in _slides(name, FINANCE, "standard")]
    assert finance[:3] == ["title", "ask", "simulation"]
    others = [s.section for s in _slides(name, None, "standard")]
    if _pitch(name).stakeholders and others != finance:
        assert others.index("simulation") == others.index("sensitivity") + 1


@pytest.mark.parametrize("name", EXAMPLES)
def test_its_action_title_is_the_payback_sentence_and_its_notes_explain_the_method(name):
    sim = analyse(_pitch(name)).simulation
    slide = next(s for s in _slides(name, FINANCE, "standard") if s.section == "simulation")
    assert slide.title == payback_sentence(sim)
    for phrase in ("PERT curve", "four times as often", "seeded", "p10", "median", "p90", "middle 80%", "exact expected case",
                   "Widens the range most"):
        assert phrase in slide.notes, phrase
    assert f"{sim.trials:,}" in slide.notes.replace(".", ",")


@pytest.mark.parametrize("name", EXAMPLES)
def test_its_native_chart_plots_the_cores_histogram_and_names_the_percentile_columns(name):
    slides = _slides(name, FINANCE, "standard")
    n = next(i for i, s in enumerate(slides) if s.section == "simulation")
    chart = _chart_of(_written(name, FINANCE, "standard"), n)
    counts = [b.trials for b in analyse(_pitch(name)).simulation.histogram()]
    assert list(chart.plots[0].series[0].values) == counts
    labels = chart._chartSpace.xpath(".//c:dLbl//a:t/text()")
    assert sorted(" ".join(labels).replace(",", " ").split()) == ["p10", "p50", "p90"]
    spec = slides[n].chart
    assert chart_disagreements(spec, chart) == []
    box = regions(slides[n]).visual
    assert label_overlaps(spec, box.width, box.height) == []


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_cfo_deck_with_the_simulation_passes_every_deck_check(name):
    data = _written(name, FINANCE, "full")
    assert check_deck(data, expected_slides=len(_slides(name, FINANCE, "full")), schema=False) == []
    assert table_scraps(_slides(name, FINANCE, "full")) == []


def test_the_percentile_labels_are_measured_and_a_collision_is_caught():
    """The label check sees the histogram's named columns: p10 and p50 on neighbouring bands of equal height collide."""
    spec = next(s for s in _slides("production", FINANCE, "standard") if s.section == "simulation").chart
    from dataclasses import replace

    bands = spec.categories
    crowded = replace(spec, series=(replace(spec.series[0], values=tuple(spec.series[0].values[0] for _ in bands)),),
                      extra={"percentiles": {"p10": bands[3], "p50": bands[4], "p90": bands[5]}})
    assert label_overlaps(crowded, 2.0, 3.0) != []


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_benefit_states_its_evidence_and_isolation_method_in_the_deck(name):
    p = _pitch(name)
    slides = _slides(name, None, "full")
    appendix = [s for s in slides if s.section == "assumptions" and not s.title.endswith("(continued)")]
    assert len(appendix) == len(p.benefits)
    for line, slide in zip(p.benefits, appendix, strict=True):
        rows = {r[0]: r for r in slide.table.rows}
        assert line.evidence is not None and line.evidence.isolation is not None  # every example states both
        assert rows["Evidence"][1].lower() in line.evidence.kind.value
        assert rows["Isolation method"][1] == line.evidence.isolation.value.capitalize()
        assert line.evidence.isolation.value in slide.notes
    roi = next(s for s in slides if s.section == "roi")
    for line in p.benefits:
        assert line.evidence.isolation.value in roi.notes


def test_a_benefit_without_evidence_says_so_in_its_appendix_and_the_roi_notes():
    p = _pitch("production")
    bare = p.model_copy(update={"benefits": [p.benefits[0].model_copy(update={"evidence": None}), *p.benefits[1:]]})
    slides = deck_slides(bare, None, "full")
    first = next(s for s in slides if s.section == "assumptions")
    rows = {r[0]: r for r in first.table.rows}
    assert rows["Evidence"][1] == "not recorded" and rows["Isolation method"][1] == "not stated"
    roi = next(s for s in slides if s.section == "roi")
    assert "No isolation method yet for" in roi.notes
