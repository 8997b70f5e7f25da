"""The business case in numbers: every figure of one pitch, computed once by the money engine.

``evaluate(pitch)`` is what the app, the deck, the workbook and the CLI read;
none of them recomputes a figure on its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ldpitch.engine import finance
from ldpitch.engine.finance import BenefitItem, CostItem, Figure, Undefined
from ldpitch.pitch.model import Pitch
from ldpitch.pitch.money import ZERO, round_money


@dataclass(frozen=True)
class Evaluation:
    """All money figures of a pitch over its horizon (years are 1-based in labels, 0-based in lists)."""

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


def evaluate_items(costs: list[CostItem], benefits: list[BenefitItem], horizon_years: int,
                   discount_rate: Decimal, currency: str) -> Evaluation:
    """Every figure from already-counted cost and benefit lines."""
    # Lines are already whole cents, so rounding the sums only fixes their exponent ("0" -> "0.00").
    by_year_costs = [round_money(v, currency) for v in finance.costs_by_year(costs, horizon_years)]
    by_year_benefits = [round_money(v, currency) for v in finance.benefits_by_year(benefits, horizon_years)]
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
    )


def evaluate(pitch: Pitch, benefit_factor: Decimal = Decimal(1)) -> Evaluation:
    """Every money figure of ``pitch``; ``benefit_factor`` scales raw benefits (for scenarios)."""
    return evaluate_items(finance.cost_items(pitch), finance.benefit_items(pitch, benefit_factor),
                          pitch.horizon_years, pitch.discount_rate, pitch.currency)
