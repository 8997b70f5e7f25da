"""The workbook's Calculation and Scenarios sheets: the engine's arithmetic as live formulas of the Inputs sheet.

Calculation holds the headline figures (named cells such as ``NetPresentValue``),
the fully loaded cost lines, the counted benefit lines and the year-by-year
cash flow with the payback workings. Scenarios repeats the benefit lines and
the year-by-year workings with raw benefits scaled by ``1 - Spread``, ``1`` and
``1 + Spread``. The formulas come from ``workbook_formulas``; each carries the
engine's own result as its cached value.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ldpitch.engine import Evaluation, Scenario
from ldpitch.pitch import TEMPLATES, Pitch
from ldpitch.workbook.cells import Sheet, cell, quote
from ldpitch.workbook.formulas import (
    CADENCE_TEXT,
    MAX_YEARS,
    MISSING_INPUT,
    ONE_TIME,
    PER_YEAR,
    ResultCells,
    by_year_formula,
    counted_benefit_formula,
    figure_formulas,
    money_digits,
    raw_benefit_formula,
    year_workings,
)
from ldpitch.workbook.inputs import InputCells

SHEET, SCENARIO_SHEET = "Calculation", "Scenarios"

#: The headline figures: ``Evaluation`` attribute, label, number format, how it is computed, defined name.
FIGURES = (
    ("total_costs", "Total fully loaded costs", "money", "sum of the year rows: one-time costs in year 1, recurring costs every year", "TotalCosts"),
    ("total_benefits", "Total counted benefits", "money", "sum of the year rows of counted benefits", "TotalBenefits"),
    ("net_benefit", "Net benefit", "money", "benefits - costs", "NetBenefit"),
    ("bcr", "Benefit-cost ratio (BCR)", "ratio", "benefits / costs, to 2 decimals (3.00 reads 3:1)", "BenefitCostRatio"),
    ("roi_percent", "ROI %", "roi", "(benefits - costs) / costs x 100, to 1 decimal", "ROIPercent"),
    ("payback_months", "Payback (months)", "months",
     "one-time costs paid at month 0, each year's net of recurring costs accruing evenly over its months; "
     "the first year that pays back gives 12 x (year - 1) + (-balance at its start) / (its net / 12)", "PaybackMonths"),
    ("npv", "Net present value (NPV)", "money", "NPV(DiscountRate, each year's net of recurring costs) - one-time costs, to the cent", "NetPresentValue"),
    ("break_even_share", "Break-even share of the expected improvement", "break_even",
     "costs / benefits, to 4 decimals: the share of the counted benefits needed to pay back", "BreakEvenShare"),
)

_YEAR_HEADER = ["Year", "Fully loaded costs", "Counted benefits", "Net cash flow", "Cumulative net cash flow",
                "Net of recurring costs (NPV, payback)", "Balance at start of year", "Pays back this year (1 = yes)", "Payback month"]


@dataclass(frozen=True)
class Totals:
    """The four cells a year table is built from."""

    one_time_costs: str
    recurring_costs: str
    one_time_benefits: str
    recurring_benefits: str


def _year_table(sh: Sheet, row: int, totals: Totals, ev: Evaluation) -> tuple[int, ResultCells]:
    """Years 1 to ``MAX_YEARS`` (those beyond the horizon folded away), a total row; return where the results sit."""
    sh.header(row, 0, _YEAR_HEADER)
    first = row + 1
    for w in year_workings(ev):
        r = first + w.year - 1
        year, costs, benefits, net, cumulative, flow, balance, pays = (cell(r, c) for c in range(8))
        sh.number(r, 0, w.year, "year")
        sh.formula(r, 1, by_year_formula(f"$A{r + 1}", totals.one_time_costs, totals.recurring_costs), w.costs, "money")
        sh.formula(r, 2, by_year_formula(f"$A{r + 1}", totals.one_time_benefits, totals.recurring_benefits), w.benefits, "money")
        sh.formula(r, 3, f"={benefits}-{costs}", w.net, "money")
        sh.formula(r, 4, f"={net}" if w.year == 1 else f"={cell(r - 1, 4)}+{net}", w.cumulative, "money")
        sh.formula(r, 5, f"=IF({year}>Horizon,0,{benefits}-{totals.recurring_costs})", w.net_of_recurring, "money")
        sh.formula(r, 6, f"=-{totals.one_time_costs}" if w.year == 1 else f"={cell(r - 1, 6)}+{cell(r - 1, 5)}", w.balance_at_start, "money")
        sh.formula(r, 7, f"=IF(AND({year}<=Horizon,{balance}<0,{flow}>0,{balance}+{flow}>=0),1,0)", w.pays_back, "flag")
        sh.formula(r, 8, f'=IF({pays}=1,12*({year}-1)+(-{balance})/({flow}/12),"")', w.payback_month, "months")
        if w.year > ev.horizon_years:
            sh.ws.set_row(r, None, None, {"level": 1, "hidden": True})
    last, total = first + MAX_YEARS - 1, first + MAX_YEARS
    if ev.horizon_years < MAX_YEARS:
        sh.ws.set_row(total, None, None, {"collapsed": True})
    sh.text(total, 0, "Over the horizon", "bold")
    for col, value in ((1, ev.total_costs), (2, ev.total_benefits), (3, ev.net_benefit)):
        sh.formula(total, col, f"=SUM({cell(first, col)}:{cell(last, col)})", value, "money", bold=True)

    def span(col: int) -> str:
        return f"{cell(first, col, absolute=True)}:{cell(last, col, absolute=True)}"

    return total + 2, ResultCells(
        total_costs=cell(total, 1, absolute=True),
        total_benefits=cell(total, 2, absolute=True),
        one_time_costs=totals.one_time_costs,
        first_year_net=cell(first, 5, absolute=True),
        yearly_net=span(5),
        pays_back=span(7),
        payback_month=span(8),
    )


def _figures(sh: Sheet, first_row: int, col: int, cells: ResultCells, ev: Evaluation, digits: int, *, names: bool) -> None:
    formulas = figure_formulas(cells, digits)
    for i, (attr, _, style, _, name) in enumerate(FIGURES):
        sh.formula(first_row + i, col, formulas[attr], getattr(ev, attr), style, bold=attr in ("net_benefit", "roi_percent"))
        if names:
            sh.define_name(name, first_row + i, col)


def _sumif(rows: list[int], cadence_col: int, value_col: int, cadence: str) -> str:
    if not rows:
        return "=0"
    span = f"{cell(rows[0], cadence_col)}:{cell(rows[-1], cadence_col)}"
    values = f"{cell(rows[0], value_col)}:{cell(rows[-1], value_col)}"
    return f"=SUMIF({span},{quote(cadence)},{values})"


def _subtotal(sh: Sheet, row: int, label: str, rows: list[int], cadence_col: int, value_col: int, cadence: str, value: Decimal) -> str:
    sh.text(row, 0, label, "bold")
    sh.formula(row, value_col, _sumif(rows, cadence_col, value_col, cadence), value, "money", bold=True)
    return cell(row, value_col, absolute=True)


def write_calculation(sh: Sheet, pitch: Pitch, ev: Evaluation, inputs: InputCells) -> tuple[str, str, list[str]]:
    """Lay out the Calculation sheet; return its one-time and recurring cost cells (Scenarios reuse the costs) and each
    benefit line's counted benefit cell (Results re-forecast them)."""
    digits = money_digits(pitch.currency)
    sh.text(0, 0, "Calculation", "title")
    sh.text(1, 0, f"Every figure is a formula of the Inputs sheet. Money in {pitch.currency}, rounded per line as the ldpitch engine "
                  "rounds it; totals are sums of the rounded lines.", "note")
    sh.text(3, 0, "Headline figures", "section")
    sh.header(4, 0, ["Figure", "Value", "How it is computed"])
    for i, (_, label, _, how, _) in enumerate(FIGURES):
        sh.text(5 + i, 0, label)
        sh.text(5 + i, 2, how, "note")
    row = 6 + len(FIGURES)

    sh.text(row, 0, "Costs, fully loaded", "section")
    sh.header(row + 1, 0, ["Cost line", "Category", "Cadence", "Amount"])
    row += 2
    cost_rows = []
    for c in inputs.costs:
        sh.text(row, 0, c.label)
        sh.text(row, 1, c.category)
        sh.formula(row, 2, f"={c.cadence}", c.cadence_text, "text")
        sh.formula(row, 3, f"=ROUND({c.amount},{digits})" if c.rounds else f"={c.amount}", c.amount_value, "money")
        cost_rows.append(row)
        row += 1
    once_c = _subtotal(sh, row, "One-time costs (year 1 for ROI; year 0 for NPV and payback)", cost_rows, 2, 3, ONE_TIME, ev.one_time_costs)
    every_c = _subtotal(sh, row + 1, "Recurring costs a year", cost_rows, 2, 3, PER_YEAR, ev.recurring_costs_per_year)
    row += 3

    sh.text(row, 0, "Benefits, counted", "section")
    sh.header(row + 1, 0, ["Benefit line", "Template", "Cadence", "Raw benefit", "Attribution", "Confidence", "Counted benefit"])
    row += 2
    benefit_rows = []
    for b, item in zip(inputs.benefits, ev.benefits, strict=True):
        sh.text(row, 0, b.label)
        sh.text(row, 1, TEMPLATES[b.line.template].title)
        sh.formula(row, 2, f"={b.cadence}", _cadence(item.cadence), "text")
        sh.formula(row, 3, raw_benefit_formula(b.line.template, b.inputs, b.input_range, digits),
                   MISSING_INPUT if item.raw is None else item.raw, "money")
        sh.formula(row, 4, f"={b.attribution}", item.attribution, "share")
        sh.formula(row, 5, f"={b.confidence}", item.confidence, "share")
        sh.formula(row, 6, counted_benefit_formula(cell(row, 3), cell(row, 4), cell(row, 5), digits), item.counted, "money")
        benefit_rows.append(row)
        row += 1
    once_b = _subtotal(sh, row, "One-time counted benefits (year 1)", benefit_rows, 2, 6, ONE_TIME, ev.one_time_benefits)
    every_b = _subtotal(sh, row + 1, "Recurring counted benefits a year", benefit_rows, 2, 6, PER_YEAR, ev.recurring_benefits_per_year)
    row += 3

    sh.text(row, 0, "Year by year", "section")
    _, results = _year_table(sh, row + 1, Totals(once_c, every_c, once_b, every_b), ev)
    _figures(sh, 5, 1, results, ev, digits, names=True)
    _widths(sh, ev)
    return f"{sh.name}!{once_c}", f"{sh.name}!{every_c}", [sh.ref(r, 6) for r in benefit_rows]


def _cadence(cadence: str) -> str:
    return CADENCE_TEXT[cadence]


def _widths(sh: Sheet, ev: Evaluation) -> None:
    # Column A holds the cost and benefit labels: wide enough for the longest (within reason) so none spills over.
    longest = max((len(x.label) for x in (*ev.costs, *ev.benefits)), default=0)
    sh.ws.set_column(0, 0, min(80, max(46, longest + 2)))
    sh.ws.set_column(1, 1, 36)
    sh.ws.set_column(2, 8, 17)
    sh.ws.freeze_panes(1, 1)


def write_scenarios(sh: Sheet, pitch: Pitch, cases: list[Scenario], inputs: InputCells, costs: tuple[str, str]) -> None:
    """Lay out the Scenarios sheet: the figures of each case, the benefit lines per case, then each case's years."""
    digits = money_digits(pitch.currency)
    sh.text(0, 0, "Scenarios", "title")
    sh.text(1, 0, "Raw benefits scaled by 1 - Spread, 1 and 1 + Spread (Spread is on the Inputs sheet); costs as entered.", "note")
    sh.text(3, 0, "Scenario figures", "section")
    sh.header(4, 0, ["Figure", *(s.name for s in cases)])
    sh.text(5, 0, "Benefit factor")
    factor_formulas = ("=1-Spread", "=1", "=1+Spread")
    for i, (s, f) in enumerate(zip(cases, factor_formulas, strict=True)):
        sh.formula(5, 1 + i, f, s.benefit_factor, "share")
    for i, (_, label, *_rest) in enumerate(FIGURES):
        sh.text(6 + i, 0, label)
    row = 7 + len(FIGURES)

    sh.text(row, 0, "Counted benefit per line", "section")
    sh.header(row + 1, 0, ["Benefit line", "Cadence", *(f"{what} ({s.name.lower()})" for s in cases for what in ("Raw", "Counted"))])
    row += 2
    rows = []
    for n, b in enumerate(inputs.benefits):
        sh.text(row, 0, b.label)
        sh.formula(row, 1, f"={b.cadence}", _cadence(b.line.cadence), "text")
        for i, s in enumerate(cases):
            item = s.evaluation.benefits[n]
            raw_col = 2 + 2 * i
            factor = cell(5, 1 + i, absolute=True)
            sh.formula(row, raw_col, raw_benefit_formula(b.line.template, b.inputs, b.input_range, digits, factor),
                       MISSING_INPUT if item.raw is None else item.raw, "money")
            sh.formula(row, raw_col + 1, counted_benefit_formula(cell(row, raw_col), b.attribution, b.confidence, digits), item.counted, "money")
        rows.append(row)
        row += 1
    totals = []
    for i, s in enumerate(cases):
        col = 3 + 2 * i
        totals.append((_subtotal(sh, row, "One-time counted benefits (year 1)", rows, 1, col, ONE_TIME, s.evaluation.one_time_benefits),
                       _subtotal(sh, row + 1, "Recurring counted benefits a year", rows, 1, col, PER_YEAR,
                                 s.evaluation.recurring_benefits_per_year)))
    row += 3

    for i, (s, (once_b, every_b)) in enumerate(zip(cases, totals, strict=True)):
        sh.text(row, 0, f"{s.name}: year by year", "section")
        row, results = _year_table(sh, row + 1, Totals(*costs, once_b, every_b), s.evaluation)
        _figures(sh, 6, 1 + i, results, s.evaluation, digits, names=False)
    _widths(sh, cases[1].evaluation)
