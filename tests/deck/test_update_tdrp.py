"""The results-update deck reports the TDRp way: plan, actual to date, share of plan and year-end forecast for every measure,
and the business case re-forecast for its horizon next to the original; held to the pitch deck's checks."""

from __future__ import annotations

import io

import pytest
from deck_checks import chart_disagreements, check_deck, label_overlaps, table_scraps
from pptx import Presentation

from ldpitch import format as fmt
from ldpitch.deck.layout import regions
from ldpitch.deck.update.build import update_deck_bytes, update_deck_slides
from ldpitch.deck.update.tdrp import DECK_COLUMNS, MONEY_COLUMNS, results_report
from ldpitch.engine.finance import Undefined
from ldpitch.engine.tracking import track
from ldpitch.pitch import examples

TRACKED = [n for n in examples.names() if examples.load(n).actuals]


def _report_rows(slides) -> list[tuple[str, ...]]:
    return [row for s in slides if s.section == "report" for row in s.table.rows]


def _value(p, m, value) -> str:
    """A measure's value as a reader expects it: a percentage for "%" units, money for the pitch's currency, else the number."""
    if m.measure.unit.startswith("%"):
        return fmt.share(value / 100, p.locale)
    if m.measure.unit.startswith(p.currency):
        return fmt.money(value, p.currency, p.locale)
    return fmt.number(value, p.locale)


def _many_measures_pitch(make_pitch, count: int = 31):
    """A long plan: ``count`` measures, most read three times on a rising line, a few once, a few never."""
    measures = [{"level": "application", "measure": f"Behaviour {i} observed on the job", "unit": "% of staff", "baseline": 20,
                 "target": 80, "due": "2027-12-31"} for i in range(count)]
    actuals = [{"measure": f"Behaviour {i} observed on the job", "on": on, "value": 20 + (i % 7 + 1) * k}
               for i in range(count - 4) for k, on in ((1, "2027-03-31"), (2, "2027-06-30"), (3, "2027-09-30"))]
    actuals += [{"measure": f"Behaviour {i} observed on the job", "on": "2027-09-30", "value": 50} for i in range(count - 4, count - 2)]
    return make_pitch(title="Long plan", launch_date="2027-01-01", measures=measures, actuals=actuals,
                      costs=[{"category": "other", "label": "Build", "cadence": "one_time", "amount": "50000"}],
                      benefits=[{"label": "Time saved", "template": "standard_value", "cadence": "per_year", "measure": measures[0]["measure"],
                                 "inputs": {"units_per_year": "100", "value_per_unit": "900"}}])


@pytest.mark.parametrize("name", TRACKED)
def test_the_report_shows_plan_actual_share_of_plan_and_forecast_for_every_measure(name):
    p = examples.load(name)
    t = track(p)
    slides = update_deck_slides(p)
    report = [s for s in slides if s.section == "report"]
    assert report and all(s.table.columns == DECK_COLUMNS for s in report)
    rows = _report_rows(slides)
    assert [r[0] for r in rows] == [m.name for m in t.measures]  # every measure of the plan, in plan order
    for m, (_, baseline, plan, actual, share, forecast, forecast_share) in zip(t.measures, rows, strict=True):
        assert baseline == _value(p, m, m.measure.baseline) and plan == _value(p, m, m.measure.target)
        if not m.tracked:
            assert actual == "no reading yet" and share == forecast == forecast_share == "–"
            continue
        assert actual == f"{_value(p, m, m.latest.value)} ({fmt.date(m.latest.on, p.locale)})"
        assert share == fmt.share(m.progress, p.locale)
        if len({r.on for r in m.readings}) < 2:
            assert forecast == "no trend yet" and forecast_share == "–"
        else:
            assert forecast == _value(p, m, m.forecast.value) and forecast_share == fmt.share(m.forecast.progress, p.locale)


def test_a_forecast_is_shown_only_where_two_dates_of_readings_make_a_trend():
    single = {r[0]: r[5] for r in _report_rows(update_deck_slides(examples.load("association_conference")))}
    assert {v for k, v in single.items() if "toolkit" in k or "relevant" in k} == {"no trend yet"}
    onboarding = {r[0]: r for r in _report_rows(update_deck_slides(examples.load("onboarding")))}
    assert onboarding["Months to proficiency"][5] not in ("–", "no trend yet")


@pytest.mark.parametrize("name", TRACKED)
def test_the_report_title_states_how_many_measures_are_on_course_and_the_notes_state_the_method(name):
    p = examples.load(name)
    t = track(p)
    slide = next(s for s in update_deck_slides(p) if s.section == "report")
    trended = [m for m in t.tracked if not isinstance(m.forecast.progress, Undefined)]
    reaching = [m for m in trended if m.forecast.progress >= 1]
    if len(trended) > 1:
        assert str(len(reaching)) in slide.title and str(len(trended)) in slide.title
        assert fmt.date(t.year_end, p.locale) in slide.title
    elif not trended:
        assert "a forecast needs a second reading" in slide.title
    notes = " ".join(slide.notes.split())
    assert "straight line" in notes and "least squares" in notes and "never forecast from a single reading" in notes
    assert fmt.date(t.year_end, p.locale) in notes


@pytest.mark.parametrize("name", TRACKED)
def test_the_re_forecast_sits_next_to_the_business_case(name):
    p = examples.load(name)
    t, f = track(p), (lambda v: fmt.money(v, p.currency, p.locale))
    slide = next(s for s in update_deck_slides(p) if s.section == "outlook")
    assert slide.table.columns == MONEY_COLUMNS
    rows = {r[0]: r[1:] for r in slide.table.rows}
    r = t.reforecast
    assert rows["Counted benefits"] == (f(t.forecast.total_benefits), f(r.benefits))
    assert rows["Fully loaded costs"] == (f(t.forecast.total_costs), f(r.costs))
    assert rows["Net benefit"] == (f(t.forecast.net_benefit), f(r.net))
    assert rows["ROI"] == (fmt.percent(t.forecast.roi_percent, p.locale), fmt.percent(r.roi, p.locale))
    assert "no improvement claimed" in slide.notes and "Costs stay as budgeted" in slide.notes
    if all(isinstance(x.basis, Undefined) for x in r.lines if x.case > 0):
        assert slide.title.startswith("No benefit is re-forecast yet")  # no reading behind the case: no $0 headline
    else:
        assert f(r.benefits) in slide.title or f(r.case_benefits) in slide.title


@pytest.mark.parametrize("name", TRACKED)
def test_the_update_deck_with_the_report_passes_the_pitch_decks_checks(name):
    p = examples.load(name)
    specs = update_deck_slides(p)
    data = update_deck_bytes(p)
    assert check_deck(data, expected_slides=len(specs), schema=name == "onboarding") == []
    assert table_scraps(specs) == []
    prs = Presentation(io.BytesIO(data))
    problems = []
    for n, (spec, slide) in enumerate(zip(specs, prs.slides, strict=True), start=1):
        if spec.chart is None:
            continue
        frame = next(s for s in slide.shapes if getattr(s, "has_chart", False) and s.has_chart)
        box = regions(spec).visual
        problems += [f"slide {n}: {x}" for x in chart_disagreements(spec.chart, frame.chart)]
        problems += [f"slide {n}: {x}" for x in label_overlaps(spec.chart, box.width, box.height)]
    assert problems == []
    tables = [shape.table for slide in prs.slides for shape in slide.shapes if getattr(shape, "has_table", False) and shape.has_table]
    written = [tuple(c.text for c in row.cells) for table in tables for row in list(table.rows)[1:]
               if tuple(c.text for c in table.rows[0].cells) == DECK_COLUMNS]
    assert written == _report_rows(specs)  # the written tables carry every row, as described


def test_a_long_plan_continues_its_report_on_following_slides_with_the_rows_shared_evenly(make_pitch):
    p = _many_measures_pitch(make_pitch)
    specs = update_deck_slides(p)
    report = [s for s in specs if s.section == "report"]
    assert len(report) >= 2 and all(s.title.endswith(" (continued)") for s in report[1:])
    sizes = [len(s.table.rows) for s in report]
    assert max(sizes) - min(sizes) <= 1
    assert [r[0] for r in _report_rows(specs)] == [m.measure for m in p.measures]
    assert table_scraps(specs) == []
    assert check_deck(update_deck_bytes(p), expected_slides=len(specs), schema=False) == []


def test_the_track_page_report_and_the_deck_word_each_measure_the_same_way():
    p = examples.load("production")
    t = track(p)
    report = results_report(p, t)
    deck = _report_rows(update_deck_slides(p))
    assert [row.deck_cells() for row in report.rows] == deck
    assert len(report.records()) == len(p.measures) and "least squares" in report.method
