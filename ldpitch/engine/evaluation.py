"""The business case in numbers: every figure of one pitch, derived once by the money engine.

``evaluate(pitch)`` is the only place a figure is derived: the headline
figures, the yearly flows, the totals by category and by cadence, the
participants' time of each learner group and the cost lines tagged with
where they come from. The app, the charts, the deck, the workbook, the store
and the CLI read an ``Evaluation``; none of them recomputes a figure.
``analyse(pitch)`` (``ldpitch.engine.analysis``) keeps one per pitch
version, with its scenarios and tornado.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from ldpitch.engine import finance
from ldpitch.engine.finance import BenefitItem, CostItem, Figure, Undefined
from ldpitch.pitch import ZERO, CostCategory, FundingSource, Pitch, round_money


@dataclass(frozen=True)
class CategoryTotal:
    """One cost category's fully loaded cost: one-time, a year, over the horizon, and its share of all costs.

    ``share`` is ``over_horizon / total costs``, exact (not rounded: ``ldpitch.format.share``
    rounds it once, for display), 0 when there are no costs.
    """

    category: str
    one_time: Decimal
    per_year: Decimal
    over_horizon: Decimal
    share: Decimal


@dataclass(frozen=True)
class Evaluation:
    """All money figures of a pitch over its horizon (years are 1-based in labels, 0-based in lists).

    ``costs`` are the counted cost lines, tagged with their origin (the
    pitch's cost lines, then the learner groups whose time costs something);
    ``participants_time`` is the time away from work of every learner group,
    in the pitch's order, counted or not yet. ``net_of_recurring_by_year``
    are the yearly flows that NPV and payback discount and accrue: each
    year's counted benefits less the recurring costs, the one-time costs
    sitting at year 0. ``funding_*`` sum the funding sources (all of them,
    the confirmed ones, the ones still to confirm). The breakdowns below are
    derived on first use.
    """

    currency: str
    horizon_years: int
    discount_rate: Decimal
    costs: list[CostItem]
    benefits: list[BenefitItem]
    one_time_costs: Decimal
    recurring_costs_per_year: Decimal
    costs_by_year: list[Decimal]
    benefits_by_year: list[Decimal]
    net_by_year: list[Decimal]
    cumulative_by_year: list[Decimal]
    total_costs: Decimal
    total_benefits: Decimal
    net_benefit: Decimal
    bcr: Figure
    roi_percent: Figure
    payback_months: Figure
    npv: Decimal
    break_even_share: Figure
    one_time_benefits: Decimal = ZERO
    recurring_benefits_per_year: Decimal = ZERO
    net_of_recurring_by_year: list[Decimal] = field(default_factory=list)
    participants_time: list[CostItem] = field(default_factory=list)
    funding_total: Decimal = ZERO
    funding_confirmed: Decimal = ZERO
    funding_to_confirm: Decimal = ZERO

    # --- breakdowns, derived on first use ------------------------------------------------

    @cached_property
    def costs_by_category(self) -> dict[str, Decimal]:
        """Fully loaded cost per category over the horizon (recurring lines once per year), largest first."""
        return finance.costs_by_category(self.costs, self.horizon_years)

    @cached_property
    def categories(self) -> tuple[CategoryTotal, ...]:
        """Each cost category's one-time, yearly and whole-horizon cost and its share, largest first."""
        once: dict[str, Decimal] = {}
        yearly: dict[str, Decimal] = {}
        for c in self.costs:
            bucket = once if c.cadence == "one_time" else yearly
            bucket[c.category] = bucket.get(c.category, ZERO) + c.amount
        has_costs = self.total_costs > 0
        return tuple(
            CategoryTotal(cat, once.get(cat, ZERO), yearly.get(cat, ZERO), total,
                          total / self.total_costs if has_costs else ZERO)
            for cat, total in self.costs_by_category.items()
        )

    def category(self, name: str) -> CategoryTotal | None:
        """The totals of the cost category ``name`` (its value, e.g. ``"participants' time away from work"``), or ``None``."""
        return next((c for c in self.categories if c.category == name), None)

    @cached_property
    def participants_time_cost(self) -> Decimal:
        """Participants' time away from work over the horizon: the learner groups' time and any cost line of that category."""
        found = self.category(CostCategory.participant_time.value)
        return ZERO if found is None else found.over_horizon

    @cached_property
    def costs_over_horizon(self) -> list[Decimal]:
        """Each counted cost line over the horizon (a recurring line once per year), in the order of ``costs``."""
        return [c.amount * (self.horizon_years if c.cadence == "per_year" else 1) for c in self.costs]

    @cached_property
    def learner_group_costs(self) -> list[CostItem]:
        """The counted cost lines that come from learner groups (their time away from work)."""
        return [c for c in self.costs if c.origin == finance.LEARNER_GROUP]

    def cash_flow(self, step_months: int = 1) -> list[tuple[int, Decimal]]:
        """Cumulative net cash flow at month 0, ``step_months``, ... to the end of the horizon (for charts; not rounded)."""
        return finance.cumulative_cash_flow(self.one_time_costs, self.net_of_recurring_by_year, step_months)

    def as_dict(self) -> dict:
        """The headline figures as JSON-ready data: money as strings, undefined as null with a reason."""
        out: dict = {
            "currency": self.currency,
            "horizon_years": self.horizon_years,
            "discount_rate": str(self.discount_rate),
            "total_costs": str(self.total_costs),
            "one_time_costs": str(self.one_time_costs),
            "recurring_costs_per_year": str(self.recurring_costs_per_year),
            "counted_benefits": str(self.total_benefits),
            "net_benefit": str(self.net_benefit),
            "npv": str(self.npv),
            "costs_by_year": [str(v) for v in self.costs_by_year],
            "benefits_by_year": [str(v) for v in self.benefits_by_year],
        }
        undefined = {}
        for name in ("bcr", "roi_percent", "payback_months", "break_even_share"):
            value = getattr(self, name)
            out[name] = None if isinstance(value, Undefined) else str(value)
            if isinstance(value, Undefined):
                undefined[name] = value.reason
        out["undefined"] = undefined
        return out


def evaluate_items(costs: list[CostItem], benefits: list[BenefitItem], horizon_years: int, discount_rate: Decimal, currency: str,
                   participants_time: list[CostItem] | None = None, funding: Sequence[FundingSource] = ()) -> Evaluation:
    """Every figure from already-counted cost and benefit lines (and, when known, each learner group's time and the funding)."""
    by_year_costs, by_year_benefits = _by_year(costs, benefits, horizon_years, currency)
    net = [b - c for b, c in zip(by_year_benefits, by_year_costs, strict=True)]
    cumulative, running = [], ZERO
    for n in net:
        running += n
        cumulative.append(running)
    upfront = round_money(finance.one_time_total(costs), currency)
    recurring = round_money(finance.recurring_total(costs), currency)
    # Year-by-year net of recurring costs only: one-time costs sit at year 0.
    flows = [b - recurring for b in by_year_benefits]
    total_costs, total_benefits = sum(by_year_costs, ZERO), sum(by_year_benefits, ZERO)
    return Evaluation(
        currency=currency,
        horizon_years=horizon_years,
        discount_rate=discount_rate,
        costs=costs,
        benefits=benefits,
        one_time_costs=upfront,
        recurring_costs_per_year=recurring,
        costs_by_year=by_year_costs,
        benefits_by_year=by_year_benefits,
        net_by_year=net,
        cumulative_by_year=cumulative,
        total_costs=total_costs,
        total_benefits=total_benefits,
        net_benefit=total_benefits - total_costs,
        bcr=finance.benefit_cost_ratio(total_benefits, total_costs),
        roi_percent=finance.roi_percent(total_benefits, total_costs),
        payback_months=finance.payback_months(upfront, flows),
        npv=finance.net_present_value(discount_rate, upfront, flows, currency),
        break_even_share=finance.break_even_share(total_benefits, total_costs),
        one_time_benefits=finance.one_time_benefits(benefits),
        recurring_benefits_per_year=finance.recurring_benefits(benefits),
        net_of_recurring_by_year=flows,
        participants_time=[] if participants_time is None else participants_time,
        funding_total=sum((s.amount for s in funding), ZERO),
        funding_confirmed=sum((s.amount for s in funding if s.confirmed), ZERO),
        funding_to_confirm=sum((s.amount for s in funding if not s.confirmed), ZERO),
    )


def roi_of_items(costs: list[CostItem], benefits: list[BenefitItem], horizon_years: int, currency: str) -> Figure:
    """``evaluate_items(...).roi_percent`` alone: the same totals, rounded the same way, without the other figures.

    The tornado asks for the ROI of some seventy variants of a pitch on every change;
    the whole evaluation (payback, NPV, flows) was nine tenths of that work.
    """
    by_year_costs, by_year_benefits = _by_year(costs, benefits, horizon_years, currency)
    return finance.roi_percent(sum(by_year_benefits, ZERO), sum(by_year_costs, ZERO))


def _by_year(costs: list[CostItem], benefits: list[BenefitItem], horizon_years: int, currency: str) -> tuple[list, list]:
    # Lines are already whole cents, so rounding the sums only fixes their exponent ("0" -> "0.00").
    return ([round_money(v, currency) for v in finance.costs_by_year(costs, horizon_years)],
            [round_money(v, currency) for v in finance.benefits_by_year(benefits, horizon_years)])


def evaluate(pitch: Pitch, benefit_factor: Decimal = Decimal(1)) -> Evaluation:
    """Every money figure of ``pitch``; ``benefit_factor`` scales raw benefits (for scenarios).

    A pure function: it computes afresh on every call. To reuse the figures of
    a pitch version (and its scenarios and tornado), use ``analyse(pitch)``.
    """
    times = finance.participants_time_items(pitch)
    return evaluate_items(finance.cost_items(pitch, times), finance.benefit_items(pitch, benefit_factor),
                          pitch.horizon_years, pitch.discount_rate, pitch.currency, times, pitch.funding)
