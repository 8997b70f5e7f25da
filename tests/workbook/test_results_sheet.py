"""The workbook's Results sheet: the TDRp report per measure and the re-forecast, equal to the engine's figures as
written (cached) and as LibreOffice recalculates them from the formulas (the readings, the YearEnd cell, the case)."""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from decimal import Decimal as D

import libreoffice_recalc
import openpyxl
import pytest

from ldpitch.engine.finance import Undefined
from ldpitch.engine.tracking import track
from ldpitch.pitch import examples
from ldpitch.pitch.model import Pitch
from ldpitch.workbook.book import workbook_bytes

SOFFICE = libreoffice_recalc.SOFFICE

#: Every edge of the forecast at once: no launch date (the calendar year-end), no baseline, a count that a straight
#: line would take below zero, a share it would take past 100%, readings that share one date, a falling measure.
EDGES = Pitch.model_validate({
    "schema_version": 1, "title": "Edges", "currency": "EUR", "locale": "de_DE", "horizon_years": 2,
    "measures": [
        {"level": "learning", "measure": "Quiz score", "unit": "points"},
        {"level": "business impact", "measure": "Injuries", "unit": "injuries", "baseline": 14, "target": 10},
        {"level": "application", "measure": "Checklists used", "unit": "% of shifts", "baseline": 40, "target": 80},
        {"level": "application", "measure": "Same-day checks", "unit": "%", "baseline": 10, "target": 20},
        {"level": "business impact", "measure": "Scrap rate", "unit": "%", "baseline": "6.25", "target": "3.5"},
    ],
    "actuals": [{"measure": m, "on": on, "value": v} for m, on, v in (
        ("Quiz score", "2027-02-01", "61"), ("Quiz score", "2027-05-01", "70.5"),
        ("Injuries", "2027-01-31", "13"), ("Injuries", "2027-03-31", "9"), ("Injuries", "2027-05-31", "6"),
        ("Checklists used", "2027-01-31", "55"), ("Checklists used", "2027-04-30", "75"),
        ("Same-day checks", "2027-04-30", "12"), ("Same-day checks", "2027-04-30", "14"),
        ("Scrap rate", "2027-02-15", "6.1"), ("Scrap rate", "2027-03-20", "5.83"), ("Scrap rate", "2027-06-01", "5.2"))],
    "costs": [{"category": "other", "label": "Build", "cadence": "one_time", "amount": "20000"},
              {"category": "other", "label": "Run", "cadence": "per_year", "amount": "3000"}],
    "benefits": [{"label": "Injuries avoided", "template": "standard_value", "cadence": "per_year", "measure": "Injuries",
                  "inputs": {"units_per_year": "4", "value_per_unit": "9000"}},
                 {"label": "Less scrap", "template": "standard_value", "cadence": "one_time", "measure": "Scrap rate",
                  "inputs": {"units_per_year": "1", "value_per_unit": "15000.55"}}],
})
PITCHES = {**{n: examples.load(n) for n in examples.names() if examples.load(n).measures}, "edges": EDGES}
WITH_PLANS = sorted(PITCHES)


def _same(value, expected) -> bool:
    """A cell against the engine: exact to the engine's decimals, "n/a: <why>" for an undefined figure, dates as dates."""
    if isinstance(expected, Undefined):
        return value == f"n/a: {expected.reason}"
    if isinstance(expected, date):
        return isinstance(value, datetime) and value.date() == expected
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return D(repr(value)).quantize(D(expected)) == expected


def _row_of(ws, label: str, after: int = 0) -> int:
    return next(c.row for c in ws["A"] if c.value == label and c.row > after)


def _problems(book: openpyxl.Workbook, pitch: Pitch, *, realised: bool = True) -> list[str]:
    """Every cell of the Results sheet that differs from ``track(pitch)`` (the realised-to-date values too unless told not)."""
    t, ws, out = track(pitch), book["Results"], []
    header = _row_of(ws, "Measure")
    for n, m in enumerate(t.measures):
        row = [c.value for c in ws[header + 1 + n]]
        assert row[0] == m.name
        if not m.tracked:
            if row[4] != "n/a: no reading recorded yet":
                out.append(f"{m.name}: {row[4]!r} for a measure with no reading")
            continue
        want = [m.latest.value, m.latest.on, m.progress, m.forecast.value, m.forecast.progress]
        if isinstance(m.forecast.value, Undefined):
            want[4] = m.forecast.value
        for got, expected, what in zip(row[4:9], want, ("latest", "read on", "achieved", "forecast", "forecast share"), strict=True):
            if not _same(got, expected):
                out.append(f"{m.name} {what}: {got!r} != {expected!r}")
    lines = _row_of(ws, "Benefit line") + 1
    for k, line in enumerate(t.reforecast.lines):
        case, credited, again = (ws.cell(lines + k, col).value for col in (4, 5, 6))
        if not (_same(case, line.case) and _same(credited, min(line.basis, 1) if not isinstance(line.basis, Undefined) else D(0))
                and _same(again, line.reforecast)):
            out.append(f"line {line.label}: {case!r}, {credited!r}, {again!r} != {line.case}, {line.basis}, {line.reforecast}")
    money = _row_of(ws, "Over the horizon") + 1
    r = t.reforecast
    want = [(r.case_benefits, r.benefits, t.realised_benefits), (r.case_costs, r.costs, t.costs_to_date),
            (r.case_net, r.net, t.net_to_date), (r.case_roi, r.roi, t.roi_to_date)]
    for k, expected in enumerate(want):
        got = tuple(ws.cell(money + k, col).value for col in (2, 3, 4))
        if not realised:  # values computed by ldpitch, not formulas: they do not follow an edit in the workbook
            got, expected = got[:2], expected[:2]
        if not all(_same(g, e) for g, e in zip(got, expected, strict=True)):
            out.append(f"{ws.cell(money + k, 1).value}: {got!r} != {expected!r}")
    return out


@pytest.fixture(scope="module")
def written() -> dict[str, bytes]:
    return {name: workbook_bytes(PITCHES[name]) for name in WITH_PLANS}


def test_the_edges_pitch_reaches_every_edge_of_the_forecast():
    t = track(EDGES)
    forecast = {m.name: m.forecast for m in t.measures}
    assert t.year_end == date(2027, 12, 31)
    assert forecast["Injuries"].value == 0 and forecast["Checklists used"].value == 100
    assert isinstance(forecast["Same-day checks"].value, Undefined)
    assert isinstance(forecast["Quiz score"].progress, Undefined) and not isinstance(forecast["Quiz score"].value, Undefined)


@pytest.mark.parametrize("name", WITH_PLANS)
def test_the_results_sheet_holds_the_engines_tdrp_figures(written, name):
    book = openpyxl.load_workbook(io.BytesIO(written[name]), data_only=True)
    assert book.sheetnames[-1] == "Results"
    assert _problems(book, PITCHES[name]) == []


def test_the_report_is_live_formulas_over_the_readings_and_the_year_end():
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes(examples.load("onboarding"))))
    ws = book["Results"]
    row = _row_of(ws, "Months to proficiency")
    latest, read_on, achieved, forecast, share = (ws.cell(row, col).value for col in range(5, 10))
    assert re.fullmatch(r"=C\d+", latest) and re.fullmatch(r"=B\d+", read_on)
    assert achieved == f"=ROUND(MAX(0,(E{row}-C{row})/(D{row}-C{row})),4)"
    assert re.fullmatch(r"=MAX\(0,ROUND\(FORECAST\(YearEnd,C(\d+):C(\d+),B\1:B\2\),2\)\)", forecast)
    assert share == f"=ROUND(MAX(0,(H{row}-C{row})/(D{row}-C{row})),4)"
    percent = ws.cell(_row_of(ws, "Simulation assessment passed first time"), 8).value
    assert percent.startswith("=MIN(100,MAX(0,ROUND(FORECAST(")  # a percentage stops at 100, as the engine's forecast does
    ((sheet, where),) = book.defined_names["YearEnd"].destinations
    assert sheet == "Results" and ws[where.replace("$", "")].value == datetime(2028, 4, 11)
    case = ws.cell(_row_of(ws, "Benefit line") + 1, 4).value
    assert case.startswith("=ROUND(Calculation!$G$") and "Horizon" in case
    assert ws.cell(_row_of(ws, "Counted benefits"), 2).value == "=TotalBenefits"


def test_a_pitch_without_a_measurement_plan_has_no_results_sheet(make_pitch):
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes(make_pitch(title="No plan"))))
    assert "Results" not in book.sheetnames


def test_measure_names_that_look_like_formulas_stay_text(make_pitch):
    p = make_pitch(launch_date="2027-01-01", measures=[{"level": "application", "measure": "=1+1", "unit": "%", "baseline": 10, "target": 50}],
                   actuals=[{"measure": "=1+1", "on": "2027-03-01", "value": 20}, {"measure": "=1+1", "on": "2027-05-01", "value": 30}])
    ws = openpyxl.load_workbook(io.BytesIO(workbook_bytes(p)))["Results"]
    names = [c for c in ws["A"] if c.value == "=1+1"]
    assert len(names) == 3 and all(c.data_type == "s" and c.quotePrefix for c in names)


# --- recalculated by LibreOffice -----------------------------------------------------------------------




def _edited_reading(data: bytes) -> bytes:
    """A reviewer types a new value over the latest reading of months to proficiency (5.4 -> 5.1)."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    ws = book["Results"]
    readings = _row_of(ws, "Readings (up to the as-of date, by date)")
    row = max(c.row for c in ws["A"] if c.value == "Months to proficiency" and c.row > readings)
    ws.cell(row, 3).value = 5.1
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _edited_pitch() -> Pitch:
    p = examples.load("onboarding")
    last = max((a for a in p.actuals if a.measure == "Months to proficiency"), key=lambda a: a.on)
    actuals = [a.model_copy(update={"value": D("5.1")}) if a is last else a for a in p.actuals]
    return p.model_copy(update={"actuals": actuals})


@pytest.fixture(scope="module")
def recalculated(written, tmp_path_factory) -> dict[str, bytes]:
    return libreoffice_recalc.recalculated({**written, "edited": _edited_reading(written["onboarding"])}, tmp_path_factory.mktemp("results-libreoffice"))


@pytest.mark.slow
@pytest.mark.parametrize("name", WITH_PLANS)
def test_libreoffice_recalculates_the_report_to_the_engines_figures(recalculated, name):
    stale = openpyxl.load_workbook(io.BytesIO(libreoffice_recalc.stale(workbook_bytes(PITCHES[name]))), data_only=True)
    assert _problems(stale, PITCHES[name]) != [] or not track(PITCHES[name]).has_results
    assert _problems(openpyxl.load_workbook(io.BytesIO(recalculated[name]), data_only=True), PITCHES[name]) == []


@pytest.mark.slow
def test_a_reading_changed_in_the_workbook_recalculates_like_the_engine(recalculated):
    book = openpyxl.load_workbook(io.BytesIO(recalculated["edited"]), data_only=True)
    assert _problems(book, _edited_pitch(), realised=False) == []
    assert _problems(book, examples.load("onboarding"), realised=False) != []  # the change did move the figures
