"""The workbook's formulas as text: each mirrors one function of the money engine, cell for cell.

Pure functions from cell references to Excel formula strings, plus the
year-by-year workings the formulas compute, computed here from an
``Evaluation`` so that every formula can carry the engine's own result as its
cached value. Nothing here knows where a cell sits on a sheet.

The conventions are those of ``finance`` (see its module docstring):

- raw benefit: the template's formula over its input cells, rounded to the
  currency's minor unit; the Excel text is written from the template's own
  ``expression``, the same one the engine computes (``benefits.TEMPLATES`` and
  ``finance.benefit_item``);
- counted benefit: ``ROUND(raw x attribution x confidence, cents)`` per line;
- costs by year: one-time costs in year 1, recurring costs every year; benefits alike;
- NPV: ``ROUND(NPV(DiscountRate, year 1..N net of recurring costs) - one-time costs, cents)``,
  one-time costs at year 0 undiscounted (numpy-financial's ``npv``, not Excel's
  ``NPV`` over year 0 too);
- payback: the month-by-month accrual of ``finance.payback_months`` in closed form
  per year: one-time costs are paid at month 0; the year that starts below zero and
  whose net (benefits minus recurring costs) is positive and lifts the balance to
  zero or more pays back at ``12 x (year - 1) + (-balance) / (net / 12)``
  (``INDEX/MATCH`` finds it), rounded to 1 decimal;
- an undefined figure is a text result "n/a: <reason>", the engine's own reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from ldpitch.engine import Evaluation, finance
from ldpitch.pitch import CADENCE_WORDS, TEMPLATES, ZERO, Pitch, minor_unit
from ldpitch.workbook.cells import quote

#: Year rows laid out on every sheet: the longest horizon a pitch allows, so that
#: changing the Horizon cell needs no new rows (years beyond it count zero).
MAX_YEARS = next(m.le for m in Pitch.model_fields["horizon_years"].metadata if hasattr(m, "le"))

#: How a cadence reads in a cell (and what the formulas compare against).
CADENCE_TEXT = {cadence: words.cell for cadence, words in CADENCE_WORDS.items()}
ONE_TIME, PER_YEAR = CADENCE_TEXT["one_time"], CADENCE_TEXT["per_year"]

#: The raw benefit of a line whose template still misses an input (the engine counts it as 0).
MISSING_INPUT = "n/a: an input is missing"

def money_digits(currency: str) -> int:
    """Decimals a money figure is rounded to in this currency (the ``ROUND`` argument).

    >>> money_digits("USD"), money_digits("JPY"), money_digits("KWD")
    (2, 0, 3)
    """
    return -minor_unit(currency).as_tuple().exponent


def template_expression(template_id: str, inputs: Mapping[str, str]) -> str:
    """The template's formula with each input replaced by its cell (its ``expression`` written as Excel).

    >>> template_expression("errors_avoided", {"errors_avoided_per_year": "B9", "cost_per_error": "B10"})
    'B9*B10'
    """
    return TEMPLATES[template_id].expression.excel(inputs)


def raw_benefit_formula(template_id: str, inputs: Mapping[str, str], input_range: str, digits: int, factor: str | None = None) -> str:
    """The raw benefit of one line, scaled by ``factor`` (a scenario), rounded like ``finance.benefit_item``.

    ``input_range`` holds the line's inputs; while one is blank the result is
    ``MISSING_INPUT``, as the engine's raw benefit is ``None`` then.

    >>> raw_benefit_formula("errors_avoided", {"errors_avoided_per_year": "B9", "cost_per_error": "B10"}, "B9:B10", 2)
    '=IF(COUNT(B9:B10)<2,"n/a: an input is missing",ROUND(B9*B10,2))'
    """
    expr = template_expression(template_id, inputs)
    if factor is not None:
        expr = f"({expr})*{factor}"
    n = len(TEMPLATES[template_id].inputs)
    return f"=IF(COUNT({input_range})<{n},{quote(MISSING_INPUT)},ROUND({expr},{digits}))"


def counted_benefit_formula(raw: str, attribution: str, confidence: str, digits: int) -> str:
    """``counted = ROUND(raw x attribution x confidence)`` per line; a line missing an input counts 0.

    >>> counted_benefit_formula("D9", "E9", "F9", 2)
    '=IF(ISNUMBER(D9),ROUND(D9*E9*F9,2),0)'
    """
    return f"=IF(ISNUMBER({raw}),ROUND({raw}*{attribution}*{confidence},{digits}),0)"


def by_year_formula(year: str, one_time: str, recurring: str) -> str:
    """A year's costs (or counted benefits): one-time ones in year 1, recurring ones every year to the horizon.

    >>> by_year_formula("$A20", "$D$8", "$D$9")
    '=IF($A20>Horizon,0,IF($A20=1,$D$8+$D$9,$D$9))'
    """
    return f"=IF({year}>Horizon,0,IF({year}=1,{one_time}+{recurring},{recurring}))"


def _reason(figure: finance.Figure) -> str:
    assert isinstance(figure, finance.Undefined)
    return f"n/a: {figure.reason}"


def _no_payback_within_horizon() -> str:
    """The engine's "does not pay back within the N-year horizon" with N read from the Horizon cell."""
    before, after = _reason(finance.payback_months(Decimal(1), [ZERO])).split("1-year")
    return f'{quote(before)}&Horizon&{quote("-year" + after)}'


@dataclass(frozen=True)
class ResultCells:
    """Where one evaluation's workings sit: the cells the headline formulas read."""

    total_costs: str
    total_benefits: str
    one_time_costs: str
    first_year_net: str  # year 1's counted benefits minus recurring costs
    yearly_net: str  # the range of every year's net of recurring costs
    pays_back: str  # the range of 1/0 flags: this year pays back
    payback_month: str  # the range of payback months, one per year that pays back


def figure_formulas(c: ResultCells, digits: int) -> dict[str, str]:
    """The headline figures of ``Evaluation`` as formulas, keyed by its attribute names."""
    costs, benefits = c.total_costs, c.total_benefits
    no_costs_ratio = _reason(finance.benefit_cost_ratio(ZERO, ZERO))
    no_costs_return = _reason(finance.roi_percent(ZERO, ZERO))
    no_net = _reason(finance.payback_months(ZERO, [ZERO]))
    no_benefits = _reason(finance.break_even_share(ZERO, ZERO))
    first_payback = f"INDEX({c.payback_month},MATCH(1,{c.pays_back},0))"
    return {
        "total_costs": f"={costs}",
        "total_benefits": f"={benefits}",
        "net_benefit": f"={benefits}-{costs}",
        "bcr": f"=IF({costs}<=0,{quote(no_costs_ratio)},ROUND({benefits}/{costs},2))",
        "roi_percent": f"=IF({costs}<=0,{quote(no_costs_return)},ROUND(({benefits}-{costs})/{costs}*100,1))",
        "payback_months": (
            f"=IF({c.one_time_costs}<=0,IF({c.first_year_net}>0,0,{quote(no_net)}),"
            f"IF(SUM({c.pays_back})=0,{_no_payback_within_horizon()},ROUND({first_payback},1)))"
        ),
        "npv": f"=ROUND(NPV(DiscountRate,{c.yearly_net})-{c.one_time_costs},{digits})",
        "break_even_share": f"=IF({benefits}<=0,{quote(no_benefits)},ROUND({costs}/{benefits},4))",
    }


@dataclass(frozen=True)
class YearWorkings:
    """One year row of the workbook, computed as the engine does (the formulas' cached values)."""

    year: int
    costs: Decimal
    benefits: Decimal
    net: Decimal
    cumulative: Decimal
    net_of_recurring: Decimal  # counted benefits minus recurring costs: one-time costs sit at year 0
    balance_at_start: Decimal  # one-time costs paid at month 0, then each earlier year's net of recurring costs
    pays_back: int  # 1 in the year the cumulative balance crosses zero
    payback_month: Decimal | None


def year_workings(ev: Evaluation, years: int = MAX_YEARS) -> list[YearWorkings]:
    """Every year row from 1 to ``years``; years beyond the horizon count zero.

    The same accrual as ``finance.payback_months``: when there are one-time
    costs, its answer is the month of the year flagged ``pays_back``, rounded to
    1 decimal (the balance starts below zero, so only one year can cross it).
    """
    rows, cumulative, balance = [], ZERO, -ev.one_time_costs
    for year in range(1, years + 1):
        inside = year <= ev.horizon_years
        costs = ev.costs_by_year[year - 1] if inside else ZERO
        benefits = ev.benefits_by_year[year - 1] if inside else ZERO
        cumulative += benefits - costs
        net = benefits - ev.recurring_costs_per_year if inside else ZERO
        pays = inside and balance < 0 and net > 0 and balance + net >= 0
        month = 12 * (year - 1) + (-balance) / (net / 12) if pays else None
        rows.append(YearWorkings(year, costs, benefits, benefits - costs, cumulative, net, balance, int(pays), month))
        balance += net
    return rows
