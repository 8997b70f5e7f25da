"""The workbook's Risk sheet and evidence register: the core's simulation and register, cell for cell."""

import io
from decimal import Decimal as D

import openpyxl
import pytest

from ldpitch.engine import Undefined, analyse
from ldpitch.pitch import Pitch, examples
from ldpitch.workbook import workbook_bytes


def _rows(sheet) -> list[tuple]:
    return [tuple(v for v in row) for row in sheet.iter_rows(values_only=True)]


def _row(rows: list[tuple], first: str) -> tuple:
    return next(r for r in rows if r[0] == first)


def _expected(value):
    return "no payback" if isinstance(value, Undefined) else float(value)


@pytest.mark.parametrize("name", examples.names())
def test_the_risk_sheet_shows_the_cores_percentiles_chances_ranges_and_drivers(name):
    pitch = examples.load(name)
    sim = analyse(pitch).simulation
    rows = _rows(openpyxl.load_workbook(io.BytesIO(workbook_bytes(pitch)))["Risk"])
    for label, figure in (("ROI", sim.roi_percent), ("NPV", sim.npv), ("Net benefit", sim.net_benefit), ("Payback (months)", sim.payback_months)):
        assert _row(rows, label)[1:4] == (_expected(figure.p10), _expected(figure.p50), _expected(figure.p90))
    assert _row(rows, "Chance of paying back within the horizon")[1] == float(sim.chance_of_payback)
    assert _row(rows, "Chance that ROI is positive")[1] == float(sim.chance_roi_positive)
    for u in sim.inputs:
        assert _row(rows, u.label)[1:4] == (float(u.low), float(u.expected), float(u.high))
    drivers = rows[[r[0] for r in rows].index("What drives the spread") + 2:][: len(sim.drivers)]
    assert [(r[0], D(str(r[1]))) for r in drivers] == [(d.label, d.share) for d in sim.drivers]
    assert f"{sim.trials:,} simulated futures, seed {sim.seed}" in rows[1][0]
    assert _row(rows, "Method") and any(r[0] and r[0].startswith("Monte Carlo simulation: each trial draws") for r in rows)


def test_a_payback_percentile_with_no_payback_reads_so_in_the_sheet():
    pitch = Pitch.model_validate({
        "costs": [{"category": "other", "amount": "4000"}],
        "benefits": [{"label": "Units", "template": "standard_value", "inputs": {"units_per_year": "200", "value_per_unit": "10"},
                      "ranges": {"units_per_year": {"low": "100", "high": "1000"}}}],
    })
    rows = _rows(openpyxl.load_workbook(io.BytesIO(workbook_bytes(pitch)))["Risk"])
    assert _row(rows, "Payback (months)")[3] == "no payback"


@pytest.mark.parametrize("name", examples.names())
def test_the_assumptions_sheet_holds_the_evidence_register(name):
    pitch = examples.load(name)
    rows = _rows(openpyxl.load_workbook(io.BytesIO(workbook_bytes(pitch)))["Assumptions"])
    start = [r[0] for r in rows].index("Evidence register (what each benefit rests on, and how the programme's share is isolated)")
    assert rows[start + 1][:6] == ("Benefit", "Evidence", "Isolation method", "Supplied by", "Date", "Note")
    register = rows[start + 2: start + 2 + len(pitch.benefits)]
    assert [r[:4] for r in register] == [(b.label, b.evidence.kind.value, b.evidence.isolation.value, b.evidence.supplied_by) for b in pitch.benefits]


def test_a_benefit_without_evidence_says_not_recorded():
    pitch = Pitch.model_validate({"benefits": [{"label": "B", "template": "standard_value", "inputs": {"units_per_year": "1", "value_per_unit": "1"}}]})
    rows = _rows(openpyxl.load_workbook(io.BytesIO(workbook_bytes(pitch)))["Assumptions"])
    assert ("B", "(not recorded)") in [r[:2] for r in rows]
