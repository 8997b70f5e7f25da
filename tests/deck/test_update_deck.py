"""The results-update deck: actuals against baseline and target for the sponsor, held to the pitch deck's bar.

Every example with actuals is outlined, written, reopened with python-pptx
and checked with ``deck_checks``; one is rendered by LibreOffice. Every
number in a title or a tile must be one the pitch, its actuals or the engine
(``track`` and ``evaluate``) produces, formatted by ``ldpitch.format``.
"""

from __future__ import annotations

import functools
import io
import re
from decimal import Decimal

import pytest
from deck_checks import OUTPUT, SOFFICE, assert_slides_read_well, check_deck, pdf_page_count, render_pdf
from pptx import Presentation

from ldpitch import format as fmt
from ldpitch.deck.update.build import update_deck_bytes, update_deck_slides
from ldpitch.deck.update.outline import MAX_RESULT_SLIDES, update_outline
from ldpitch.engine.evaluation import evaluate
from ldpitch.engine.finance import Undefined
from ldpitch.engine.tracking import track
from ldpitch.errors import NothingTracked
from ldpitch.pitch import examples
from ldpitch.pitch.model import Level, Pitch

TRACKED = [n for n in examples.names() if examples.load(n).actuals]
_PITCHES = {n: examples.load(n) for n in examples.names()}

#: Finite verbs the update's titles use.
VERBS = re.compile(r"\b(is|are|has|have|rose|fell|held|stands|comes|promised|keep|report|reports|realised|counted)\b")
NUMBER = re.compile(r"\d(?:[\d.,\u00a0\u202f']*\d)?")


def is_action_title(title: str) -> bool:
    """A sentence with a finite verb and at least four words, not a bare label."""
    return len(title.split()) >= 4 and bool(VERBS.search(title.lower())) and not title.endswith(":")


@functools.cache
def outlined(name: str):
    return update_outline(_PITCHES[name])


@functools.cache
def written(name: str) -> bytes:
    return update_deck_bytes(_PITCHES[name])


def test_at_least_two_examples_have_results_to_report():
    assert len(TRACKED) >= 2


# --- the deck as data ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", TRACKED)
def test_every_slide_has_an_action_title_notes_and_a_body(name):
    slides = outlined(name)
    assert slides[0].section == "title" and slides[-1].section == "ask"
    assert_slides_read_well(slides, is_action_title)


@pytest.mark.parametrize("name", TRACKED)
def test_the_deck_runs_promise_report_results_money_outlook_next_and_ask(name):
    sections = [s.section for s in outlined(name)]
    assert sections[:3] == ["title", "promised", "report"]
    assert sections[-4:] == ["realised", "outlook", "next", "ask"]
    assert set(sections[3:-4]) == {"results"}
    assert 7 <= len(sections) <= 7 + MAX_RESULT_SLIDES


@pytest.mark.parametrize("name", TRACKED)
def test_each_tracked_application_or_impact_measure_gets_its_own_tracking_chart(name):
    p = _PITCHES[name]
    t = track(p)
    leading = [m for m in t.tracked if m.measure.level in (Level.application, Level.impact, Level.roi)]
    results = [s for s in outlined(name) if s.section == "results"]
    assert len(results) == min(MAX_RESULT_SLIDES, len(leading))
    for slide in results:
        chart = slide.chart
        assert chart is not None and chart.kind == "line" and chart.alt_text
        measure = next(m for m in t.tracked if chart.title.startswith(m.name))
        roles = [s.role for s in chart.series]
        assert roles[0] == "actual" and {"baseline", "target"} <= set(roles)
        actual = chart.series[0].values
        assert actual == (measure.measure.baseline, *(r.value for r in measure.readings))  # from the baseline to each reading
        assert chart.categories[0] == "Baseline" and len(chart.categories) == len(measure.readings) + 1
        assert all(str(r.value).rstrip("0").rstrip(".") in chart.alt_text or fmt.number(r.value, p.locale) in chart.alt_text
                   or fmt.share(r.value / 100, p.locale) in chart.alt_text for r in measure.readings)


@pytest.mark.parametrize("name", TRACKED)
def test_reaction_and_learning_results_are_told_beside_the_charts_not_charted(name):
    t = track(_PITCHES[name])
    soft = [m for m in t.tracked if m.measure.level in (Level.reaction, Level.learning)]
    slides = outlined(name)
    charted = {s.chart.title.split(" (")[0] for s in slides if s.section == "results"}
    bullets = " ".join(b for s in slides for b in s.bullets)
    for m in soft:
        assert m.name not in charted
        assert f"Also tracked: {m.name}" in bullets


def test_a_kpi_title_states_the_movement_and_the_progress_with_the_pitchs_numbers():
    titles = [s.title for s in outlined("onboarding") if s.section == "results"]
    assert "Months to proficiency fell from 7 to 5.4, 64% of the way to target" in titles
    assert "First-year attrition fell from 34% to 29.5%, 56.3% of the way to target" in titles  # 4.5 / 8 = 56.25%, half-up
    german = [s.title for s in outlined("production") if s.section == "results"]
    assert "Nonconformances a month fell from 1.350 to 1.120, 68,7\u00a0% of the way to target" in german or \
           "Nonconformances a month fell from 1.350 to 1.120, 68,7% of the way to target" in german


def _error_rate_pitch(value: str) -> Pitch:
    p = _PITCHES["production"]
    data = p.model_dump(mode="json")
    data.update(currency="USD", locale="en_US")
    data["measures"].append({"level": "business impact", "measure": "Error rate", "unit": "%", "baseline": "6.2", "target": "3.2",
                             "due": "2028-06-30", "owner": "Quality"})
    data["actuals"] = [{"measure": "Error rate", "on": "2027-10-31", "value": value}]
    return Pitch.model_validate(data)


@pytest.mark.parametrize(
    ("value", "title"),
    [
        ("4.1", "Error rate fell from 6.2% to 4.1%, 70% of the way to target"),
        ("2.9", "Error rate fell from 6.2% to 2.9%, past its 3.2% target"),
        ("3.2", "Error rate fell from 6.2% to 3.2%, reaching its 3.2% target"),
        ("6.8", "Error rate rose from 6.2% to 6.8%, away from its 3.2% target"),
        ("6.2", "Error rate is still at its baseline of 6.2%"),
    ],
)
def test_a_falling_measure_reads_the_right_way_round(value, title):
    slides = update_outline(_error_rate_pitch(value))
    assert title in [s.title for s in slides if s.section == "results"]


def _allowed(p: Pitch) -> set[str]:
    """Every number token the pitch, its actuals, ``evaluate`` and ``track`` give, formatted by ``ldpitch.format``."""
    from babel.dates import format_date

    cur, loc = p.currency, p.locale
    t, e = track(p), evaluate(p)
    texts: list[str] = []

    def money(v: Decimal) -> None:
        texts.extend([fmt.money(v, cur, loc), fmt.money(v, cur, loc, cents=True)])

    r = t.reforecast
    for v in (e.total_costs, e.total_benefits, e.recurring_costs_per_year, t.realised_benefits, t.forecast_to_date, t.costs_to_date,
              r.benefits, r.net):
        money(v)
    for line in t.lines:
        money(line.realised)
        money(line.forecast_to_date)
    texts += [fmt.percent(x, loc) for x in (e.roi_percent, t.roi_to_date, t.forecast_roi_to_date)]
    texts += [fmt.months(e.payback_months, loc), fmt.share(t.realised_share, loc)]
    for m in t.measures:
        if not isinstance(m.progress, Undefined):
            texts.append(fmt.share(m.progress, loc))
        if m.expected is not None:
            texts.append(fmt.share(m.expected, loc))
        if not isinstance(m.forecast.progress, Undefined):  # the year-end forecast and its share of plan
            texts += [fmt.share(m.forecast.progress, loc), fmt.number(m.forecast.value, loc), fmt.share(m.forecast.value / 100, loc)]
        values = [m.measure.baseline, m.measure.target, *(r.value for r in m.readings)]
        for v in (x for x in values if x is not None):
            texts += [fmt.number(v, loc), fmt.share(v / 100, loc)]
        texts += [format_date(d, format="medium", locale=loc) for d in (m.measure.due, *(r.on for r in m.readings)) if d]
    texts += [format_date(d, format="medium", locale=loc) for d in (t.as_of, t.launch_date, t.year_end, *(x.due for x in p.milestones)) if d]
    texts += [str(n) for n in range(len(t.measures) + 1)]  # counts of measures ("2 of 4 measures with a trend")
    texts += [m.measure for m in p.measures]  # numbers inside names the user typed ("week 8", "60 days")
    texts += [p.initiative.name, p.title]
    return {tok for text in texts for tok in NUMBER.findall(text)}


@pytest.mark.parametrize("name", TRACKED)
def test_every_number_in_a_title_or_tile_comes_from_the_pitch_its_actuals_or_the_engine(name):
    allowed = _allowed(_PITCHES[name])
    for s in outlined(name):
        for text in (s.title, *(m.value for m in s.metrics)):
            for token in NUMBER.findall(text):
                assert token in allowed, f"{s.section}: {token!r} in {text!r} is not a figure of the pitch, its actuals or the engine"


@pytest.mark.parametrize("name", TRACKED)
def test_the_money_slide_shows_the_engines_figures_and_its_chart_the_lines_to_date(name):
    p, t = _PITCHES[name], track(_PITCHES[name])
    slide = next(s for s in outlined(name) if s.section == "realised")
    tiles = {m.label: m.value for m in slide.metrics}
    assert tiles["Realised to date"] == fmt.money(t.realised_benefits, p.currency, p.locale)
    assert tiles["Forecast by now"] == fmt.money(t.forecast_to_date, p.currency, p.locale)
    assert tiles["Costs to date"] == fmt.money(t.costs_to_date, p.currency, p.locale)
    assert tiles["ROI to date"] == fmt.percent(t.roi_to_date, p.locale)
    chart = slide.chart
    assert chart.kind == "column" and len(chart.categories) == len(p.benefits)
    assert chart.series[0].values == tuple(line.forecast_to_date for line in t.lines)
    assert chart.series[1].values == tuple(line.realised for line in t.lines)
    assert "no improvement claimed" in slide.notes or "counts nothing" in slide.notes


def test_the_title_leads_with_realised_money_when_there_is_some_and_with_the_lead_measure_when_not():
    assert outlined("onboarding")[0].title == "Claims Ready has realised £238,321, 59.5% of the forecast to date"
    title = outlined("association_conference")[0].title
    assert title.startswith("Since launch, attendees who used the toolkit") and "from 22% to 64%" in title
    assert next(s for s in outlined("association_conference") if s.section == "realised").title.startswith("No benefit is counted yet")


def test_the_ask_names_the_gap_the_running_cost_and_the_next_review():
    ask = outlined("production")[-1]
    assert "close the gap" in ask.title
    tiles = {m.label: m.value for m in ask.metrics}
    assert tiles == {"Running cost a year": "26.400\u00a0€", "Next review": "26.11.2027"}
    assert any(b.startswith("Next review: Six-month impact review") for b in ask.bullets)
    assert any(b.startswith("Share these results with") for b in ask.bullets)  # seed 001: share the data widely


def test_overdue_readings_and_the_weakest_radar_factor_are_on_the_next_slide():
    nxt = next(s for s in outlined("onboarding") if s.section == "next")
    assert "overdue" in nxt.title
    assert ("31 Dec 2027", "Rework items per new adviser a month", "Reading overdue") in nxt.table.rows
    assert any(b.startswith("Risk to watch: apathy, 3 of 5") for b in nxt.bullets)


def test_without_a_launch_date_the_money_slide_is_left_out_and_the_notes_say_why():
    p = _PITCHES["onboarding"].model_copy(update={"launch_date": None})
    slides = update_outline(p)
    assert "realised" not in [s.section for s in slides]
    assert "the launch date is not set" in next(s for s in slides if s.section == "next").notes
    assert all(is_action_title(s.title) and s.notes for s in slides)


def test_a_pitch_with_no_results_yet_is_refused_with_what_to_do():
    with pytest.raises(NothingTracked, match="has no results tracked yet: record actual values"):
        update_outline(_PITCHES["sales_mobile"])
    with pytest.raises(NothingTracked):
        update_deck_bytes(_PITCHES["sales_mobile"])


def test_readings_for_measures_not_in_the_plan_are_named_in_the_refusal():
    data = _PITCHES["sales_mobile"].model_dump(mode="json")
    data["actuals"] = [{"measure": "Win rate (old name)", "on": "2027-09-30", "value": "27"}]
    with pytest.raises(NothingTracked, match="Win rate \\(old name\\)"):
        update_outline(Pitch.model_validate(data))


def test_a_thin_pitch_with_one_unmeasurable_reading_still_gives_a_sound_short_deck(make_pitch):
    p = make_pitch(measures=[{"level": "reaction", "measure": "Smile sheet", "unit": "score"}],
                   actuals=[{"measure": "Smile sheet", "on": "2027-03-01", "value": 4}])
    slides = update_outline(p)
    assert [s.section for s in slides] == ["title", "promised", "report", "results", "next", "ask"]  # no money to show: no money slide
    assert all(is_action_title(s.title) and s.notes for s in slides)
    assert slides[3].title == "Smile sheet stands at 4 score on Mar 1, 2027"  # no baseline: no progress claimed
    assert slides[-1].title == "Keep backing the programme and share these results widely"
    assert check_deck(update_deck_bytes(p), expected_slides=len(update_deck_slides(p)), schema=False) == []


def test_many_tracked_measures_are_charted_up_to_the_limit_and_the_rest_told_beside_the_last_chart(make_pitch):
    p = make_pitch(launch_date="2027-01-01",
                   measures=[{"level": "application", "measure": f"Measure {i}", "unit": "%", "baseline": 10, "target": 50, "due": "2027-12-31"}
                             for i in range(7)],
                   actuals=[{"measure": f"Measure {i}", "on": "2027-06-01", "value": 10 + 6 * i} for i in range(7)])
    results = [s for s in update_outline(p) if s.section == "results"]
    assert len(results) == MAX_RESULT_SLIDES
    told = [b for b in results[-1].bullets if b.startswith("Also tracked: ")]
    assert len(told) == 7 - MAX_RESULT_SLIDES
    assert results[1].title == "Measure 1 rose from 10% to 16%, 15% of the way to target"


def test_the_update_outline_is_pure():
    p = _PITCHES["production"]
    assert update_outline(p) == update_outline(p)


def test_user_text_in_the_update_notes_is_data_never_template_source():
    data = _PITCHES["production"].model_dump(mode="json")
    measure = next(m for m in data["measures"] if m["measure"] == "Nonconformances a month")
    measure["data_source"] = "{{ 7*7 }} {% if true %}x{% endif %}"
    notes = "\n".join(s.notes for s in update_outline(Pitch.model_validate(data)))
    assert "{{ 7*7 }}" in notes and "49" not in notes


# --- the written deck ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", TRACKED)
def test_the_update_deck_reopens_with_notes_native_charts_alt_text_and_no_empty_placeholders(name):
    specs = update_deck_slides(_PITCHES[name])
    data = written(name)
    assert check_deck(data, expected_slides=len(specs), schema=False) == []
    prs = Presentation(io.BytesIO(data))
    charts = [shape for slide in prs.slides for shape in slide.shapes if getattr(shape, "has_chart", False) and shape.has_chart]
    assert len(charts) == sum(1 for s in specs if s.chart is not None)
    for spec, slide in zip(specs, prs.slides, strict=True):
        assert spec.notes.splitlines()[0] in slide.notes_slide.notes_text_frame.text
    assert prs.core_properties.title.startswith("Results update: ")


def test_the_update_deck_passes_the_open_xml_schema_checks():
    assert check_deck(written("onboarding"), schema=True) == []


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_libreoffice_renders_one_page_per_slide():
    data = written("onboarding")
    pdf = render_pdf(data, OUTPUT / "update-deck", "onboarding-update")
    assert pdf_page_count(pdf) == len(Presentation(io.BytesIO(data)).slides)


# --- the command line --------------------------------------------------------------------------------


def test_the_command_line_writes_the_update_deck(run_ldpitch, tmp_path):
    pitch = tmp_path / "onboarding.json"
    assert run_ldpitch("example", "onboarding", "-o", pitch).returncode == 0
    out = tmp_path / "update.pptx"
    done = run_ldpitch("update-deck", pitch, "-o", out)
    assert done.returncode == 0, done.stderr
    assert check_deck(out.read_bytes(), schema=False) == []


def test_the_command_line_says_in_one_line_when_there_are_no_results(run_ldpitch, tmp_path):
    pitch = tmp_path / "sales.json"
    assert run_ldpitch("example", "sales_mobile", "-o", pitch).returncode == 0
    done = run_ldpitch("update-deck", pitch, "-o", tmp_path / "update.pptx")
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "no results tracked yet" in lines[0]
    assert not (tmp_path / "update.pptx").exists()
