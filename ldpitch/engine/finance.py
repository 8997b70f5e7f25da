"""The money engine: one pure function per figure a finance reviewer says aloud.

Conventions (Phillips ROI Methodology, conservative; see README "Money conventions"):

- costs are fully loaded, participants' time away from work included;
- counted benefit = raw benefit x attribution x confidence, rounded to the cent per line;
- totals are sums of the rounded lines, so a total always equals its lines;
- ROI and BCR use undiscounted totals over the horizon (first year only by default);
- NPV puts one-time costs at year 0 (undiscounted) and discounts each year's
  recurring costs and benefits at the end of that year: ``(1 + r) ** t``;
- a figure that has no value (no costs, no benefits, no payback) is an
  ``Undefined`` carrying the reason, never a silent 0 or a crash.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ldpitch.pitch import (  # Figure, Undefined: importable from here too
    TEMPLATES,
    ZERO,
    BenefitLine,
    CostCategory,
    Figure,
    LearnerGroup,
    Pitch,
    Undefined,
    raw_benefit,
    round_money,
    round_to,
)

#: Where a counted cost comes from: a cost line the user entered, or a learner group's time away from work.
COST_LINE, LEARNER_GROUP = "cost_line", "learner_group"


@dataclass(frozen=True)
class CostItem:
    """One fully loaded cost line, as the engine counts it, tagged with where it comes from.

    ``origin`` is ``COST_LINE`` (``pitch.costs[index]``) or ``LEARNER_GROUP``
    (the time away from work of ``pitch.learner_groups[index]``).
    """

    label: str
    category: str
    cadence: str
    amount: Decimal
    origin: str = COST_LINE
    index: int = 0


@dataclass(frozen=True)
class BenefitItem:
    """One benefit line with its raw value (``None`` while inputs are missing) and its counted value."""

    label: str
    template: str
    cadence: str
    raw: Decimal | None
    attribution: Decimal
    confidence: Decimal
    counted: Decimal


# --- costs -------------------------------------------------------------------------------


def participant_time_cost(headcount: int, hours_away: Decimal, loaded_hourly_rate: Decimal, currency: str = "USD") -> Decimal:
    """Cost of participants' time away from work: ``headcount x hours away x loaded hourly rate``.

    Phillips counts participants' salaries and benefits for the time in the
    programme as a delivery cost (fully loaded costs, guiding principle 10).
    Rounded half-up to the cent.

    >>> participant_time_cost(40, Decimal("7.5"), Decimal("52.80"))
    Decimal('15840.00')
    >>> participant_time_cost(0, Decimal(8), Decimal(50))
    Decimal('0.00')
    """
    return round_money(headcount * hours_away * loaded_hourly_rate, currency)


def cost_items(pitch: Pitch, participants_time: list[CostItem] | None = None) -> list[CostItem]:
    """Every cost line of the pitch, plus the time away from work of each learner group that costs something.

    A group counts once its headcount, hours away and loaded rate are all
    given. ``participants_time`` is ``participants_time_items(pitch)`` when
    the caller already has it.
    """
    items = [CostItem(c.label or c.category.value.capitalize(), c.category.value, c.cadence, round_money(c.amount, pitch.currency), COST_LINE, i)
             for i, c in enumerate(pitch.costs)]
    times = participants_time_items(pitch) if participants_time is None else participants_time
    items += [t for g, t in zip(pitch.learner_groups, times, strict=True) if g.headcount and g.hours_away and g.loaded_hourly_rate]
    return items


def participants_time_items(pitch: Pitch) -> list[CostItem]:
    """The time away from work of every learner group, in the pitch's order, whether or not it counts yet (0 until it is filled in)."""
    return [_group_cost(i, g, pitch.currency) for i, g in enumerate(pitch.learner_groups)]


def _group_cost(index: int, g: LearnerGroup, currency: str) -> CostItem:
    return CostItem(
        f"Time away from work: {g.name}",
        CostCategory.participant_time.value,
        g.cadence,
        participant_time_cost(g.headcount, g.hours_away, g.loaded_hourly_rate, currency),
        LEARNER_GROUP,
        index,
    )


def one_time_total(items: list[CostItem]) -> Decimal:
    """The sum of one-time costs (spent up front, at year 0).

    >>> one_time_total([CostItem("a", "other", "one_time", Decimal("10.00")), CostItem("b", "other", "per_year", Decimal(5))])
    Decimal('10.00')
    """
    return sum((c.amount for c in items if c.cadence == "one_time"), ZERO)


def recurring_total(items: list[CostItem]) -> Decimal:
    """The sum of recurring costs for one year.

    >>> recurring_total([CostItem("a", "other", "one_time", Decimal(10)), CostItem("b", "other", "per_year", Decimal("5.50"))])
    Decimal('5.50')
    """
    return sum((c.amount for c in items if c.cadence == "per_year"), ZERO)


def costs_by_year(items: list[CostItem], horizon_years: int) -> list[Decimal]:
    """Fully loaded cost of each year: one-time costs fall in year 1, recurring costs in every year.

    >>> costs_by_year([CostItem("a", "other", "one_time", Decimal(100)), CostItem("b", "other", "per_year", Decimal(20))], 3)
    [Decimal('120'), Decimal('20'), Decimal('20')]
    """
    once, yearly = one_time_total(items), recurring_total(items)
    return [once + yearly if year == 0 else yearly for year in range(horizon_years)]


def costs_by_category(items: list[CostItem], horizon_years: int) -> dict[str, Decimal]:
    """Total cost per category over the horizon (recurring lines count once per year), largest first.

    >>> costs_by_category([CostItem("a", "delivery", "per_year", Decimal(10)), CostItem("b", "other", "one_time", Decimal(15))], 2)
    {'delivery': Decimal('20'), 'other': Decimal('15')}
    """
    totals: dict[str, Decimal] = {}
    for c in items:
        totals[c.category] = totals.get(c.category, ZERO) + c.amount * (horizon_years if c.cadence == "per_year" else 1)
    return dict(sorted(totals.items(), key=lambda kv: kv[1], reverse=True))


# --- benefits ----------------------------------------------------------------------------


def counted_benefit(raw: Decimal, attribution: Decimal, confidence: Decimal, currency: str = "USD") -> Decimal:
    """The benefit a conservative reviewer accepts: ``raw x attribution x confidence``.

    Phillips guiding principles 5 and 7: isolate the programme's share of the
    improvement (attribution) and adjust the estimate for its possible error
    (confidence). Rounded half-up to the cent. Worked case (DOMAIN 1.6): 20
    reps report +400,000 a year of gross profit, attribute 40% to the course
    with 75% confidence, so 120,000 is credited.

    >>> counted_benefit(Decimal(400000), Decimal("0.40"), Decimal("0.75"))
    Decimal('120000.00')
    >>> counted_benefit(Decimal(400000), Decimal(0), Decimal("0.75"))
    Decimal('0.00')
    """
    return round_money(raw * attribution * confidence, currency)


def benefit_item(line: BenefitLine, currency: str, factor: Decimal = Decimal(1)) -> BenefitItem:
    """One benefit line as the engine counts it; ``factor`` scales the raw benefit (scenarios)."""
    raw = raw_benefit(line.template, line.inputs)
    raw = None if raw is None else round_money(raw * factor, currency)
    counted = ZERO if raw is None else counted_benefit(raw, line.attribution, line.confidence, currency)
    label = line.label or TEMPLATES[line.template].title
    return BenefitItem(label, line.template, line.cadence, raw, line.attribution, line.confidence, counted)


def benefit_items(pitch: Pitch, factor: Decimal = Decimal(1)) -> list[BenefitItem]:
    """Every benefit line with its raw and counted value; a line missing an input counts 0."""
    return [benefit_item(b, pitch.currency, factor) for b in pitch.benefits]


def benefits_by_year(items: list[BenefitItem], horizon_years: int) -> list[Decimal]:
    """Counted benefits of each year: one-time benefits in year 1, recurring ones every year.

    Phillips guiding principle 9: a short programme counts the first year only,
    which is the default horizon; a longer horizon is the user's explicit choice.

    >>> b = BenefitItem("x", "standard_value", "per_year", Decimal(50), Decimal(1), Decimal(1), Decimal(50))
    >>> benefits_by_year([b], 2)
    [Decimal('50'), Decimal('50')]
    """
    once, yearly = one_time_benefits(items), recurring_benefits(items)
    return [once + yearly if year == 0 else yearly for year in range(horizon_years)]


def one_time_benefits(items: list[BenefitItem]) -> Decimal:
    """The sum of one-time counted benefits (they fall in year 1).

    >>> one_time_benefits([BenefitItem("x", "standard_value", "one_time", None, Decimal(1), Decimal(1), Decimal("7.50"))])
    Decimal('7.50')
    """
    return sum((b.counted for b in items if b.cadence == "one_time"), ZERO)


def recurring_benefits(items: list[BenefitItem]) -> Decimal:
    """The sum of recurring counted benefits for one year.

    >>> recurring_benefits([BenefitItem("x", "standard_value", "one_time", None, Decimal(1), Decimal(1), Decimal("7.50"))])
    Decimal('0')
    """
    return sum((b.counted for b in items if b.cadence == "per_year"), ZERO)


# --- ratios ------------------------------------------------------------------------------


def benefit_cost_ratio(benefits: Decimal, costs: Decimal) -> Figure:
    """``BCR = benefits / costs``, to 2 decimals (Phillips; 3.00 reads "3:1").

    Worked case (Phillips & Phillips, *ROI Basics*, 2005): benefits 60,000, costs 20,000.

    >>> benefit_cost_ratio(Decimal(60000), Decimal(20000))
    Decimal('3.00')
    >>> benefit_cost_ratio(Decimal(100), Decimal(0))
    Undefined(reason='no costs entered, so there is no ratio to compute')
    """
    if costs <= 0:
        return Undefined("no costs entered, so there is no ratio to compute")
    return round_to(benefits / costs, 2)


def roi_percent(benefits: Decimal, costs: Decimal) -> Figure:
    """``ROI % = (benefits - costs) / costs x 100``, to 1 decimal (net benefits over costs).

    Not benefits / costs x 100, which some templates wrongly call ROI
    (there 100% would mean break-even). Worked case (*ROI Basics*): 200.0%.

    >>> roi_percent(Decimal(60000), Decimal(20000))
    Decimal('200.0')
    >>> roi_percent(Decimal(15000), Decimal(20000))
    Decimal('-25.0')
    >>> roi_percent(Decimal(0), Decimal(0))
    Undefined(reason='no costs entered, so there is no return to compute')
    """
    if costs <= 0:
        return Undefined("no costs entered, so there is no return to compute")
    return round_to((benefits - costs) / costs * 100, 1)


def payback_months(upfront: Decimal, yearly_net: list[Decimal]) -> Figure:
    """Months until cumulative net cash flow turns non-negative, to 1 decimal.

    One-time costs are paid at month 0; each year's net (counted benefits minus
    recurring costs) accrues evenly over its 12 months. With a single year and
    only one-time costs this is Phillips' ``costs / monthly benefits``. Worked
    case (TrainingCheck ROTI guide): costs 15,000, benefits 81,500 a year.

    >>> payback_months(Decimal(15000), [Decimal(81500)])
    Decimal('2.2')
    >>> payback_months(Decimal(100000), [Decimal(60000), Decimal(60000)])
    Decimal('20.0')
    >>> payback_months(Decimal(100000), [Decimal(60000)])
    Undefined(reason='does not pay back within the 1-year horizon')
    """
    if upfront <= 0:
        if yearly_net and yearly_net[0] > 0:
            return Decimal("0.0")
        return Undefined("there is no net benefit to pay anything back")
    balance = -upfront
    for year, net in enumerate(yearly_net):
        if net > 0 and balance + net >= 0:
            return round_to(12 * year + (-balance) / (net / 12), 1)
        balance += net
    return Undefined(f"does not pay back within the {len(yearly_net)}-year horizon")


def net_present_value(discount_rate: Decimal, upfront: Decimal, yearly_net: list[Decimal], currency: str = "USD") -> Decimal:
    """``NPV = -upfront + sum(net_t / (1 + r) ** t)`` for t = 1..horizon, to the cent.

    Year 0 (the one-time costs) is not discounted; each year's net is
    discounted at the end of its year. Equals numpy-financial ``npv(r, [-upfront, *net])``
    and Excel ``=NPV(r, year1:yearN) - upfront``. Worked case (numpy-financial docs):

    >>> net_present_value(Decimal("0.1"), Decimal(100000), [Decimal(30000), Decimal(40000), Decimal(50000), Decimal(20000)])
    Decimal('11556.59')
    >>> net_present_value(Decimal(0), Decimal(100), [Decimal(60), Decimal(60)])
    Decimal('20.00')
    """
    total = -upfront
    factor = Decimal(1)
    for net in yearly_net:
        factor *= 1 + discount_rate
        total += net / factor
    return round_money(total, currency)


def break_even_share(benefits: Decimal, costs: Decimal) -> Figure:
    """Share of the expected (counted) improvement needed for benefits to equal costs, to 4 decimals.

    Counted benefits are linear in the improvement, so this is ``costs / benefits``
    (the reciprocal of BCR): "pays back if only 40% of the expected improvement happens".
    Above 1 means even the full expected improvement does not cover the costs.

    >>> break_even_share(Decimal(250000), Decimal(100000))
    Decimal('0.4000')
    >>> break_even_share(Decimal(0), Decimal(100000))
    Undefined(reason='no counted benefits yet, so no share of them can pay back the costs')
    """
    if benefits <= 0:
        return Undefined("no counted benefits yet, so no share of them can pay back the costs")
    return round_to(costs / benefits, 4)


def cumulative_cash_flow(upfront: Decimal, yearly_net: list[Decimal], step_months: int = 1) -> list[tuple[int, Decimal]]:
    """Cumulative net cash flow at month 0, step, 2 x step ... to the end of the horizon.

    Same convention as ``payback_months``: one-time costs at month 0, each
    year's net accruing evenly over its months. Not rounded: charts only.

    >>> cumulative_cash_flow(Decimal(120), [Decimal(240)], step_months=6)
    [(0, Decimal('-120')), (6, Decimal('0')), (12, Decimal('120'))]
    """
    points, balance = [], -upfront
    for month in range(0, 12 * len(yearly_net) + 1, step_months):
        full_years, into_year = divmod(month, 12)
        value = balance + sum(yearly_net[:full_years], ZERO)
        if into_year:
            value += yearly_net[full_years] * into_year / 12
        points.append((month, value))
    return points
