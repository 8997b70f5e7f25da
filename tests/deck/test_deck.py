"""The deck end to end: pitch -> outline -> fit -> .pptx, reopened with python-pptx and rendered by LibreOffice.

python-pptx checks cover the whole matrix (every example x every stakeholder
x every length); LibreOffice renders one full deck per example (marked slow)
and leaves a sample of slides as PNGs in ``test-output/``.
"""

from __future__ import annotations

import io
import shutil

import pytest
from deck_checks import (
    OUTPUT,
    SOFFICE,
    chart_disagreements,
    check_deck,
    label_overlaps,
    pdf_page_count,
    render_pdf,
    render_pngs,
    table_scraps,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pptx import Presentation

from ldpitch.deck.branding import Branding
from ldpitch.deck.build import build_deck, deck_slides
from ldpitch.deck.layout import regions
from ldpitch.deck.outline import LENGTHS
from ldpitch.pitch import examples
from ldpitch.pitch.model import Pitch

EXAMPLES = examples.names()
_PITCHES = {name: examples.load(name) for name in EXAMPLES}
MATRIX = [(name, audience, length) for name in EXAMPLES for audience in (None, *(s.name for s in _PITCHES[name].stakeholders))
          for length in LENGTHS]


def _reopen(data: bytes):
    return Presentation(io.BytesIO(data))


def _charts(prs) -> int:
    return sum(1 for slide in prs.slides for shape in slide.shapes if getattr(shape, "has_chart", False) and shape.has_chart)


def _title_text(slide) -> str:
    if slide.shapes.title is not None:
        return slide.shapes.title.text_frame.text
    return next(s.text_frame.text for s in slide.shapes if s.name == "Title")


@pytest.mark.parametrize(("name", "audience", "length"), MATRIX)
def test_the_deck_reopens_with_a_slide_per_description_notes_and_native_charts(name, audience, length):
    pitch = _PITCHES[name]
    specs = deck_slides(pitch, audience, length)
    data = build_deck(pitch, audience, length)
    assert check_deck(data, expected_slides=len(specs), schema=False) == []
    prs = _reopen(data)
    assert _charts(prs) == sum(1 for s in specs if s.chart is not None)
    for spec, slide in zip(specs, prs.slides, strict=True):
        assert " ".join(_title_text(slide).split()) == " ".join(spec.title.split())
        notes = slide.notes_slide.notes_text_frame.text
        assert spec.notes.splitlines()[0] in notes
    assert prs.core_properties.title == pitch.title


@pytest.mark.parametrize(("name", "audience", "length"), [m for m in MATRIX if m[2] == "full"])
def test_every_chart_plots_what_its_axes_say_and_no_labels_collide(name, audience, length):
    """Each native chart plots its description's values under its description's axis titles, and no two data labels
    (nor a label and another point) overlap, measured from the chart's data and the labels' text widths."""
    specs = deck_slides(_PITCHES[name], audience, length)
    frames = [next(s for s in slide.shapes if getattr(s, "has_chart", False) and s.has_chart) if spec.chart else None
              for spec, slide in zip(specs, _reopen(build_deck(_PITCHES[name], audience, length)).slides, strict=True)]
    problems = []
    for n, (spec, frame) in enumerate(zip(specs, frames, strict=True), start=1):
        if spec.chart is None:
            continue
        box = regions(spec).visual
        problems += [f"slide {n}: {p}" for p in chart_disagreements(spec.chart, frame.chart)]
        problems += [f"slide {n}: {p}" for p in label_overlaps(spec.chart, box.width, box.height)]
    assert problems == []


@pytest.mark.parametrize(("name", "audience", "length"), MATRIX)
def test_no_continuation_slide_carries_a_scrap_of_its_table(name, audience, length):
    assert table_scraps(deck_slides(_PITCHES[name], audience, length)) == []


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_full_deck_passes_the_open_xml_schema_checks(name):
    data = build_deck(_PITCHES[name], None, "full")
    assert check_deck(data, schema=True) == []


def test_paginating_keeps_every_section_in_order_and_only_adds_continued_slides():
    from ldpitch.deck.outline import outline

    pitch = _PITCHES["onboarding"]
    raw, fitted = outline(pitch, None, "full"), deck_slides(pitch, None, "full")
    assert list(dict.fromkeys(s.section for s in fitted)) == list(dict.fromkeys(s.section for s in raw))
    assert sum(not s.title.endswith("(continued)") for s in fitted) == len(raw)


def test_a_brand_colour_and_font_reach_the_deck():
    data = build_deck(_PITCHES["production"], None, "short", Branding(primary="#0A3D62", font="Arial"))
    assert b"0A3D62" in _unzip_all(data)
    assert b'typeface="Arial"' in _unzip_all(data)


def _unzip_all(data: bytes) -> bytes:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return b"".join(z.read(n) for n in z.namelist() if n.endswith(".xml"))


# --- LibreOffice: one full deck per example ----------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None or shutil.which("pdftoppm") is None, reason="LibreOffice and poppler render the deck")
@pytest.mark.parametrize("name", EXAMPLES)
def test_libreoffice_renders_one_page_per_slide(name):
    data = build_deck(_PITCHES[name], None, "full")
    slides = len(_reopen(data).slides)
    out = OUTPUT / f"deck-{name}"
    shutil.rmtree(out, ignore_errors=True)
    pdf = render_pdf(data, out, name)
    assert pdf_page_count(pdf) == slides
    pngs = render_pngs(pdf, out, prefix="slide", dpi=50)
    assert len(pngs) == slides
    # Keep a sample for people to look at: the title, the ask, the problem and the last slide.
    keep = {pngs[0], pngs[1], pngs[2], pngs[-1]}
    for p in pngs:
        if p not in keep:
            p.unlink()
    assert all(p.stat().st_size > 2000 for p in keep)


# --- hostile text ------------------------------------------------------------------------------

#: Text that breaks naive decks: control characters, emoji, right-to-left scripts and marks, template syntax, markup.
HOSTILE_PIECES = ("\x00\x07\x1b", "📈🚀👩🏽‍💼", "مرحبا بالعالم", "שלום עולם", "\u202eevil\u202c", "{{ 7*7 }}", "{% raw %}", "<b>&amp;</b>",
                  "\u200b\ufeff", "Ω≈ç√∫", "   ", "\t\n", "$1,000,000", "NaN", "-")
hostile_text = st.lists(
    st.one_of(st.sampled_from(HOSTILE_PIECES), st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)),
    min_size=1, max_size=8,
).map("".join)


def _hostile_pitch(base: Pitch, short: str, long: str) -> Pitch:
    """``base`` with every kind of user text replaced: short fields capped at 200 characters, long ones at 10,000."""
    s = short[:200] or "x"
    text = (long * (10_000 // max(1, len(long)) + 1))[:10_000] or "x"
    data = base.model_dump(mode="json")
    data.update(title=s, organisation=s, presenter=s)
    data["initiative"].update(name=s, why_it_matters=text, expected_results=text, developed_by=s, resources=text)
    data["objective"] = {"business_improvement": text, "behaviour_change": text, "evidence_of_success": text}
    for g in data["learner_groups"]:
        g["name"] = s
    for m in data["milestones"]:
        m.update(name=s, note=s)
    for st_ in data["stakeholders"]:
        st_.update(role=s, kpis=[s, s], pain_points=[s, s], wants_to_buy=text,
                   objections=[{"objection": s, "response": text}, {"objection": s, "response": ""}])
    data["stakeholders"][0]["name"] = s
    data["primary_audience"] = s
    for c in data["costs"]:
        c.update(label=s, note=s)
    for f in data["funding"]:
        f.update(source=s, note=s)
    for b in data["benefits"]:
        b.update(label=s, note=s)
        b["sources"] = {k: s for k in b["sources"]}
    for i in data["intangibles"]:
        i.update(name=s, note=s)
    for o in data["options"]:
        o["description"] = text
    for g in data["goals"]:
        g.update(goal=s, outcome=s, kpi=s, owner=s)
    for m in data["measures"]:
        m.update(measure=s, unit=s, data_source=s, owner=s)
    for key in ("resistance", "apathy", "disruptions", "application", "results"):
        data["radar"][key]["mitigation"] = text
    return Pitch.model_validate(data)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(EXAMPLES), short=hostile_text, long=hostile_text, length=st.sampled_from(LENGTHS))
def test_hostile_text_still_gives_a_valid_deck(name, short, long, length):
    pitch = _hostile_pitch(_PITCHES[name], short, long)
    specs = deck_slides(pitch, None, length)
    for s in specs:
        assert s.title.strip() and s.notes.strip()
        assert len(s.title) <= 120
    data = build_deck(pitch, None, length)
    assert check_deck(data, expected_slides=len(specs), schema=False) == []


def test_ten_thousand_character_fields_are_kept_in_check():
    pitch = _hostile_pitch(_PITCHES["sales_mobile"], "A" * 200, "word " * 2000)
    for s in deck_slides(pitch, None, "full"):
        assert len(s.title) <= 120
        assert all(len(b) <= 160 for b in s.bullets)
        assert len(s.notes.split()) < 2000  # long text is read in whole sentences or clipped, never pasted whole


# --- the command line --------------------------------------------------------------------------


def test_the_deck_command_writes_a_deck_for_an_audience(run_ldpitch, tmp_path):
    pitch_file, out = tmp_path / "p.json", tmp_path / "deck.pptx"
    assert run_ldpitch("example", "production", "-o", pitch_file).returncode == 0
    done = run_ldpitch("deck", pitch_file, "-o", out, "--audience", "Sabine Krüger", "--length", "short")
    assert done.returncode == 0, done.stderr
    assert len(_reopen(out.read_bytes()).slides) == len(deck_slides(_PITCHES["production"], "Sabine Krüger", "short"))


def test_an_unknown_audience_is_one_clear_line_listing_the_stakeholders(run_ldpitch, tmp_path):
    pitch_file = tmp_path / "p.json"
    run_ldpitch("example", "sales_mobile", "-o", pitch_file)
    done = run_ldpitch("deck", pitch_file, "-o", tmp_path / "d.pptx", "--audience", "Nobody")
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Nobody" in lines[0] and "Dana Whitfield" in lines[0] and "Marcus Reyes" in lines[0]
    assert not (tmp_path / "d.pptx").exists()


@pytest.mark.parametrize(("option", "content", "says"), [
    ("--template", b"not a presentation", "is not a PowerPoint presentation"),
    ("--logo", b"not a picture", "logo"),
])
def test_a_bad_template_or_logo_is_the_template_error_message(run_ldpitch, tmp_path, option, content, says):
    pitch_file, bad = tmp_path / "p.json", tmp_path / "bad.pptx"
    run_ldpitch("example", "onboarding", "-o", pitch_file)
    bad.write_bytes(content)
    done = run_ldpitch("deck", pitch_file, "-o", tmp_path / "d.pptx", option, bad)
    assert done.returncode == 1
    assert says in done.stderr and done.stderr.startswith("error: ") and len(done.stderr.strip().splitlines()) == 1
