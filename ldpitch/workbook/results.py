"""The workbook's Results sheet: the TDRp management report as live formulas over the readings, and the case re-forecast.

Per measure of the plan: baseline, plan (target), the latest actual and its
date (references to the readings below), the share of the planned
improvement achieved ``ROUND(MAX(0, (actual - baseline) / (plan - baseline)), 4)``,
the year-end forecast ``ROUND(FORECAST(YearEnd, values, dates), decimals)``
(Excel's least-squares straight line, the engine's method, kept within
``MAX(0, ...)`` and ``MIN(100, ...)`` where the engine bounds it) and its
share of plan. Then each benefit line over the horizon
(``counted x IF(per year, Horizon, 1)``) next to its re-forecast (``x MIN(1,
share of plan at year-end)``), and the totals beside the business case's
named cells and the realised figures to date. Every formula carries the
engine's figure (``track``) as its cached value; a figure the engine cannot
give is written as "n/a: <why>", as elsewhere in the workbook.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ldpitch.engine import MeasureProgress, Tracking, Undefined
from ldpitch.pitch import Pitch
from ldpitch.workbook.cells import Sheet, cell, quote
from ldpitch.workbook.formulas import PER_YEAR, money_digits
from ldpitch.workbook.inputs import InputCells

SHEET = "Results"
#: Excel's day 0 (serial dates count days from it, with its 1900 leap-year quirk folded in).
EXCEL_EPOCH = date(1899, 12, 30)

_MEASURE_HEADER = ["Measure", "Unit", "Baseline", "Plan (target)", "Latest actual", "Read on", "Share of plan achieved",
                   "Year-end forecast", "Forecast share of plan"]
_LINE_HEADER = ["Benefit line", "Measure", "Share of plan credited from", "Business case over the horizon",
                "Share of plan credited (at most 1)", "Re-forecast over the horizon"]
_MONEY_HEADER = ["Over the horizon", "Business case", "Re-forecast", "Realised to date"]


def excel_date(value: date) -> int:
    """A date as Excel's serial number.

    >>> excel_date(date(2028, 4, 11))
    46854
    """
    return (value - EXCEL_EPOCH).days


def write_results(sh: Sheet, pitch: Pitch, t: Tracking, inputs: InputCells, counted: list[str]) -> None:
    """Lay out the Results sheet of a pitch with a measurement plan."""
    sh.text(0, 0, "Results (the TDRp management report)", "title")
    as_of = f"as of {t.as_of.isoformat()}, the latest reading" if t.as_of else "no reading recorded yet"
    sh.text(1, 0, f"Every measure of the plan against its plan, {as_of}. Change a reading below and the report follows.", "note")
    sh.text(2, 0, "Share of plan achieved = (latest actual - baseline) / (plan - baseline), never below 0. Year-end forecast: "
                  "Excel's least-squares straight line through the readings (FORECAST), read on YearEnd, the last day of the "
                  "current programme year from launch (31 December without a launch date); never from a single reading.", "note")
    sh.text(4, 0, "Year-end (named YearEnd)")
    sh.number(4, 1, excel_date(t.year_end) if t.year_end else None, "date", input=True)
    sh.define_name("YearEnd", 4, 1)
    first = 7
    sh.text(first - 1, 0, "Measures", "section")
    sh.header(first, 0, _MEASURE_HEADER)
    readings_row = first + len(t.measures) + 3
    sh.text(readings_row - 1, 0, "Readings (up to the as-of date, by date)", "section")
    sh.header(readings_row, 0, ["Measure", "Read on", "Value"])
    row, shares = readings_row + 1, {}
    for n, m in enumerate(t.measures):
        span = (row, row + len(m.readings) - 1) if m.readings else None
        for r in m.readings:
            sh.text(row, 0, m.name)
            sh.number(row, 1, excel_date(r.on), "date", input=True)
            sh.number(row, 2, r.value, "number", input=True)
            row += 1
        shares[m.name] = _measure_row(sh, first + 1 + n, m, span)
    row = _lines(sh, row + 2, pitch, t, inputs, counted, shares)
    _money(sh, row + 1, t, pitch)
    for col, width in enumerate((48, 18, 16, 16, 16, 16, 18, 18, 18)):
        sh.ws.set_column(col, col, width)
    sh.ws.freeze_panes(first + 1, 1)


def _measure_row(sh: Sheet, row: int, m: MeasureProgress, span: tuple[int, int] | None) -> tuple[str, str, bool]:
    """One measure's row; return its share-of-plan cells (achieved, forecast) for the re-forecast."""
    mm = m.measure
    sh.text(row, 0, m.name)
    sh.text(row, 1, mm.unit)
    sh.number(row, 2, mm.baseline, "number", input=True)
    sh.number(row, 3, mm.target, "number", input=True)
    base, plan, latest, forecast = cell(row, 2), cell(row, 3), cell(row, 4), cell(row, 7)
    if span is None:
        for col in (4, 6, 7, 8):
            sh.text(row, col, "n/a: no reading recorded yet", "note")
        return "", "", False
    sh.formula(row, 4, f"={cell(span[1], 2)}", m.latest.value, "number")
    sh.formula(row, 5, f"={cell(span[1], 1)}", excel_date(m.latest.on), "date")
    _share(sh, row, 6, latest, base, plan, m.progress)
    f = m.forecast
    if isinstance(f.value, Undefined):
        sh.text(row, 7, f"n/a: {f.value.reason}", "note")
        sh.text(row, 8, f"n/a: {f.value.reason}", "note")
        return cell(row, 6, absolute=True), "", False
    line = f"ROUND(FORECAST(YearEnd,{cell(span[0], 2)}:{cell(span[1], 2)},{cell(span[0], 1)}:{cell(span[1], 1)}),{f.decimals})"
    if f.low is not None:
        line = f"MAX({f.low},{line})"
    if f.high is not None:
        line = f"MIN({f.high},{line})"
    sh.formula(row, 7, f"={line}", f.value, "number")
    _share(sh, row, 8, forecast, base, plan, f.progress)
    return cell(row, 6, absolute=True), cell(row, 8, absolute=True), True


def _share(sh: Sheet, row: int, col: int, value: str, base: str, plan: str, figure) -> None:
    if isinstance(figure, Undefined):
        sh.text(row, col, f"n/a: {figure.reason}", "note")
    else:
        sh.formula(row, col, f"=ROUND(MAX(0,({value}-{base})/({plan}-{base})),4)", figure, "share")


def _lines(sh: Sheet, row: int, pitch: Pitch, t: Tracking, inputs: InputCells, counted: list[str],
           shares: dict[str, tuple[str, str, bool]]) -> int:
    digits, r = money_digits(pitch.currency), t.reforecast
    sh.text(row, 0, "Benefit lines over the horizon, re-forecast from each measure's share of plan at year-end", "section")
    sh.header(row + 1, 0, _LINE_HEADER)
    row += 2
    first = row
    for line, cells, total in zip(r.lines, inputs.benefits, counted, strict=True):
        achieved, forecast, trended = shares.get(line.measure, ("", "", False))
        sh.text(row, 0, line.label)
        sh.text(row, 1, line.measure or "(not linked)")
        sh.formula(row, 3, f"=ROUND({total}*IF({cells.cadence}={quote(PER_YEAR)},Horizon,1),{digits})", line.case, "money")
        if isinstance(line.basis, Undefined) or not (forecast if line.trend else achieved):
            sh.text(row, 2, f"nothing: {line.basis.reason}" if isinstance(line.basis, Undefined) else "nothing", "note")
            sh.number(row, 4, Decimal(0), "share")
        else:
            sh.text(row, 2, "the year-end forecast" if line.trend else "the latest actual, held (one reading: no trend)")
            sh.formula(row, 4, f"=MIN(1,{forecast if line.trend else achieved})", min(line.basis, Decimal(1)), "share")
        sh.formula(row, 5, f"=ROUND({cell(row, 3)}*{cell(row, 4)},{digits})", line.reforecast, "money")
        row += 1
    if r.lines:
        sh.text(row, 0, "Total", "bold")
        sh.formula(row, 3, f"=SUM({cell(first, 3)}:{cell(row - 1, 3)})", r.case_benefits, "money", bold=True)
        sh.formula(row, 5, f"=SUM({cell(first, 5)}:{cell(row - 1, 5)})", r.benefits, "money", bold=True)
    else:
        sh.text(row, 0, "(no benefit lines entered)", "note")
        sh.formula(row, 5, "=0", Decimal(0), "money")
    sh.define_name("ReforecastBenefits", row, 5)
    return row + 2


def _money(sh: Sheet, row: int, t: Tracking, pitch: Pitch) -> None:
    r = t.reforecast
    sh.text(row, 0, "The business case over its horizon, re-forecast, and realised to date", "section")
    sh.header(row + 1, 0, _MONEY_HEADER)
    b, c, n, roi = (row + 2 + k for k in range(4))
    no_return = quote("n/a: no costs entered, so there is no return to compute")
    sh.text(b, 0, "Counted benefits")
    sh.formula(b, 1, "=TotalBenefits", r.case_benefits, "money")
    sh.formula(b, 2, "=ReforecastBenefits", r.benefits, "money")
    sh.text(c, 0, "Fully loaded costs")
    sh.formula(c, 1, "=TotalCosts", r.case_costs, "money")
    sh.formula(c, 2, "=TotalCosts", r.costs, "money")
    sh.text(n, 0, "Net benefit")
    sh.text(roi, 0, "ROI %")
    for col, net, ratio in ((1, r.case_net, r.case_roi), (2, r.net, r.roi)):
        benefits, costs = cell(b, col), cell(c, col)
        sh.formula(n, col, f"={benefits}-{costs}", net, "money")
        sh.formula(roi, col, f"=IF({costs}<=0,{no_return},ROUND(({benefits}-{costs})/{costs}*100,1))", ratio, "roi")
    for at, figure, style in ((b, t.realised_benefits, "money"), (c, t.costs_to_date, "money"), (n, t.net_to_date, "money"),
                              (roi, t.roi_to_date, "roi")):
        if isinstance(figure, Undefined):
            sh.text(at, 3, f"n/a: {figure.reason}", "note")
        else:
            sh.number(at, 3, figure, style)
    sh.text(roi + 1, 0, "Realised to date: computed by ldpitch as of the latest reading (counted benefit x progress to target, "
                        "capped at the target, x time since launch; costs to date fully loaded). Costs stay as budgeted in the "
                        "re-forecast.", "note")
