"""The workbook's Risk sheet: the simulation's ranges, percentiles, chances and drivers, and its method in words.

The figures are the core's ``Simulation`` (``analyse(pitch).simulation``),
written as values, not formulas: a spreadsheet cannot re-run the same
seeded trials, so the sheet says which trials and seed produced them and
where each range comes from, for finance to audit.
"""

from __future__ import annotations

from ldpitch.engine import METHOD, Percentiles, Simulation, Undefined
from ldpitch.workbook.cells import Sheet

SHEET = "Risk"


def _percentile(sh: Sheet, row: int, col: int, value, style: str) -> None:
    if isinstance(value, Undefined):
        sh.text(row, col, "no payback" if style == "months" else f"n/a: {value.reason}")
    else:
        sh.number(row, col, value, style)


def _section(sh: Sheet, row: int, title: str, header: list[str], items, write, empty: str) -> int:
    """A titled table from ``row``: its header, one row per item (``write(row, item)``), or ``empty`` in words; the next free row."""
    sh.text(row, 0, title, "section")
    sh.header(row + 1, 0, header)
    row += 2
    if not items:
        sh.text(row, 0, empty, "note")
        row += 1
    for item in items:
        write(row, item)
        row += 1
    return row + 1


def write_risk(sh: Sheet, sim: Simulation) -> None:
    """The Risk sheet of ``sim``: percentiles, chances, the ranges drawn, the drivers and the method."""
    sh.text(0, 0, "Risk: how sure the money is", "title")
    sh.text(1, 0, f"A separate view beside the expected case: {sim.trials:,} simulated futures, seed {sim.seed}. "
                  "Values from ldpitch's simulation, not live formulas.", "subtitle")
    sh.header(3, 0, ["Figure", "p10", "p50 (median)", "p90"])
    row = 4
    figures: list[tuple[str, Percentiles | Undefined, str]] = [
        ("ROI", sim.roi_percent, "roi"), ("NPV", sim.npv, "money"),
        ("Net benefit", sim.net_benefit, "money"), ("Payback (months)", sim.payback_months, "months"),
    ]
    for label, figure, style in figures:
        sh.text(row, 0, label)
        for col, name in enumerate(("p10", "p50", "p90"), start=1):
            _percentile(sh, row, col, figure if isinstance(figure, Undefined) else getattr(figure, name), style)
        row += 1
    row += 1
    sh.text(row, 0, "Chance of paying back within the horizon")
    sh.number(row, 1, sim.chance_of_payback, "share")
    sh.text(row + 1, 0, "Chance that ROI is positive")
    _percentile(sh, row + 1, 1, sim.chance_roi_positive, "share")
    row += 3

    def ranges(row: int, u) -> None:
        sh.text(row, 0, u.label)
        for col, value in enumerate((u.low, u.expected, u.high), start=1):
            sh.number(row, col, value)
        sh.text(row, 4, "the pitch's scenario spread, as a factor on the raw benefit" if u.source != "range" else "the range entered")

    def drivers(row: int, d) -> None:
        sh.text(row, 0, d.label)
        sh.number(row, 1, d.share, "share")
        sh.number(row, 2, d.correlation, "ratio")

    row = _section(sh, row, "Ranges drawn (beta-PERT from low, expected and high)",
                   ["Input", "Low", "Expected", "High", "Where the range comes from"], sim.inputs, ranges,
                   "(nothing uncertain: no ranges and a scenario spread of 0)")
    row = _section(sh, row, "What drives the spread", ["Input", "Share of the spread", "Rank correlation with ROI"], sim.drivers,
                   drivers, "(no input moves the result)")

    sh.text(row, 0, "Method", "section")
    sh.text(row + 1, 0, METHOD, "note")
    sh.text(row + 2, 0, "Drivers: each input's squared rank (Spearman) correlation with ROI, as a share of their sum.", "note")
    for col, width in enumerate((62, 16, 16, 16, 48)):
        sh.ws.set_column(col, col, width)
    sh.ws.freeze_panes(3, 0)
