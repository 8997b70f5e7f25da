"""The numbers behind the deck as an Excel workbook with live formulas, so finance can audit and change them.

``workbook_bytes(pitch)`` returns an .xlsx file (written in memory by XlsxWriter)
with these sheets:

- **Inputs**: how to read the workbook; the settings as named cells (``Horizon``,
  ``DiscountRate``, ``Spread``); cost lines; learner groups, whose time away from
  work is ``ROUND(headcount x hours x loaded rate)``; one block per benefit line
  with each template input in its own cell, then attribution and confidence.
- **Calculation**: the headline figures (named ``TotalCosts``, ``TotalBenefits``,
  ``NetBenefit``, ``BenefitCostRatio``, ``ROIPercent``, ``PaybackMonths``,
  ``NetPresentValue``, ``BreakEvenShare``), the cost lines, the benefit lines
  (raw benefit from the template's formula, counted = ``ROUND(raw x attribution
  x confidence)``) and the year-by-year cash flow with the payback workings.
- **Scenarios**: the same with raw benefits scaled by ``1 - Spread``, 1 and ``1 + Spread``.
- **Risk**: the simulation's percentiles, chances, ranges and drivers, and its method (values, not formulas).
- **Assumptions**: every input with its live value, its source and any cited default; the evidence register.
- **Results** (when the pitch has a measurement plan): the TDRp management report, per measure the baseline, plan,
  latest actual, share of plan achieved and year-end forecast as live formulas over the readings, and the business case
  over its horizon next to its re-forecast.

Every formula mirrors the money engine (``workbook_formulas`` says how) and is
saved with the engine's own result, so a viewer that never recalculates shows
the same numbers as the app and the deck; a spreadsheet that recalculates gets
them again, to the cent (``tests/core/test_workbook.py`` checks this with
LibreOffice). Text the user typed is always written as text: XlsxWriter's
conversions of strings to formulas, numbers and links are switched off, and
text a spreadsheet could read as a formula is quote-prefixed.
"""

from __future__ import annotations

import io

from xlsxwriter.workbook import Workbook

from ldpitch import __version__
from ldpitch.engine import analyse, track
from ldpitch.format import excel_money_format
from ldpitch.pitch import Pitch
from ldpitch.workbook.calc import SCENARIO_SHEET, write_calculation, write_scenarios
from ldpitch.workbook.calc import SHEET as CALCULATION_SHEET
from ldpitch.workbook.cells import Sheet, Styles
from ldpitch.workbook.formulas import money_digits
from ldpitch.workbook.inputs import SHEET as INPUTS_SHEET
from ldpitch.workbook.inputs import write_assumptions, write_inputs
from ldpitch.workbook.results import SHEET as RESULTS_SHEET
from ldpitch.workbook.results import write_results
from ldpitch.workbook.risk import SHEET as RISK_SHEET
from ldpitch.workbook.risk import write_risk

#: No automatic conversions: a string is written as a string, whatever it looks like.
WORKBOOK_OPTIONS = {
    "in_memory": True,
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
}

SHEETS = (INPUTS_SHEET, CALCULATION_SHEET, SCENARIO_SHEET, RISK_SHEET, "Assumptions")


def money_format(currency: str, locale: str) -> str:
    """The Excel format of money cells: the pitch's currency, to its minor unit (cents) so figures can be audited.

    >>> money_format("USD", "en_US"), money_format("EUR", "de_DE"), money_format("JPY", "ja_JP")
    ('"$"#,##0.00', '#,##0.00" €"', '"￥"#,##0')
    """
    whole = excel_money_format(currency, locale)
    digits = money_digits(currency)
    return whole.replace("#,##0", "#,##0." + "0" * digits, 1) if digits else whole


def workbook_bytes(pitch: Pitch) -> bytes:
    """The pitch's numbers as an .xlsx workbook with live formulas and the engine's results cached."""
    analysis = analyse(pitch)
    ev, cases = analysis.evaluation, list(analysis.scenarios)
    out = io.BytesIO()
    book = Workbook(out, WORKBOOK_OPTIONS)
    book.set_properties({"title": pitch.title or "L&D business case", "comments": f"Written by ldpitch {__version__}"})
    styles = Styles(book, money_format(pitch.currency, pitch.locale))
    inputs_sheet, calc_sheet, scenario_sheet, risk_sheet, assumptions_sheet = (Sheet(book.add_worksheet(name), styles) for name in SHEETS)
    cells = write_inputs(inputs_sheet, pitch, ev)
    *costs, counted = write_calculation(calc_sheet, pitch, ev, cells)
    write_scenarios(scenario_sheet, pitch, cases, cells, costs)
    write_risk(risk_sheet, analysis.simulation)
    write_assumptions(assumptions_sheet, pitch, cells)
    if pitch.measures:  # the TDRp report of the measurement plan, after launch
        write_results(Sheet(book.add_worksheet(RESULTS_SHEET), styles), pitch, track(pitch), cells, counted)
    book.close()
    return out.getvalue()
