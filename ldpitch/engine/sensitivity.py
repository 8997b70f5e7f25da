"""What-ifs a finance reviewer asks for: three scenarios and a one-at-a-time sensitivity (tornado).

Both move inputs by the pitch's ``scenario_spread`` (default 20%, the common
plus-or-minus 20% display of one-way sensitivity analysis, DOMAIN 4.5) and
re-run the same money engine; nothing here computes a figure on its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal

from ldpitch.engine import finance
from ldpitch.engine.evaluation import Evaluation, evaluate, evaluate_items, roi_of_items
from ldpitch.engine.finance import Figure, Undefined
from ldpitch.pitch import TEMPLATES, Pitch, round_money


@dataclass(frozen=True)
class Scenario:
    """A named scenario: every raw benefit scaled by ``benefit_factor``, costs as entered."""

    name: str
    benefit_factor: Decimal
    evaluation: Evaluation


def scenarios(pitch: Pitch, expected: Evaluation | None = None) -> list[Scenario]:
    """Conservative, expected and optimistic cases: benefits at (1 - spread), 1 and (1 + spread).

    Costs stay as entered: they are the part of the case the organisation controls,
    and a fully loaded cost estimate is already the conservative choice (Phillips GP 10).
    ``expected`` is ``evaluate(pitch)`` when the caller already has it: it is
    the expected case, and the other two reuse its cost lines.
    """
    expected = expected or evaluate(pitch)
    spread = pitch.scenario_spread

    def case(factor: Decimal) -> Evaluation:
        return evaluate_items(expected.costs, finance.benefit_items(pitch, factor), pitch.horizon_years, pitch.discount_rate,
                              pitch.currency, expected.participants_time, pitch.funding)

    return [Scenario("Conservative", 1 - spread, case(1 - spread)), Scenario("Expected", Decimal(1), expected),
            Scenario("Optimistic", 1 + spread, case(1 + spread))]


#: How many of the inputs that move ROI most a tornado shows.
TOP_DRIVERS = 6


@dataclass(frozen=True)
class TornadoBar:
    """One driver of the tornado: ROI % with the input moved down and up by the spread.

    ``low_input`` / ``high_input`` are the values tried (for a merged bar, those of its first input).
    """

    driver: str
    low_input: Decimal
    high_input: Decimal
    roi_low: Decimal
    roi_high: Decimal

    @property
    def swing(self) -> Decimal:
        """How far ROI moves across the range: the bar's length."""
        return abs(self.roi_high - self.roi_low)


@dataclass(frozen=True)
class _Driver:
    group: str
    label: str
    base: Decimal
    is_share: bool
    roi_at: Callable[[Decimal], Figure]  # ROI % with this input at a value


def _drivers(pitch: Pitch, base: Evaluation) -> list[_Driver]:
    costs, benefits = base.costs, base.benefits
    cur, years = pitch.currency, pitch.horizon_years

    def with_cost(i: int) -> Callable[[Decimal], Figure]:
        def at(amount: Decimal) -> Figure:
            changed = [*costs[:i], replace(costs[i], amount=amount), *costs[i + 1 :]]
            return roi_of_items(changed, benefits, years, cur)
        return at

    def with_benefit(i: int, change: Callable[[Decimal], dict]) -> Callable[[Decimal], Figure]:
        def at(value: Decimal) -> Figure:
            line = pitch.benefits[i].model_copy(update=change(value))
            changed = [*benefits[:i], finance.benefit_item(line, cur), *benefits[i + 1 :]]
            return roi_of_items(costs, changed, years, cur)
        return at

    def cost_at(i: int) -> Callable[[Decimal], Figure]:
        return lambda amount: with_cost(i)(round_money(amount, cur))  # a cost is whole cents, like any amount

    drivers = [_Driver(c.label, c.label, c.amount, False, cost_at(i)) for i, c in enumerate(costs) if c.amount > 0]
    for i, line in enumerate(pitch.benefits):
        t = TEMPLATES[line.template]
        name = line.label or t.title
        for spec in t.inputs:
            if spec.name in line.inputs and line.inputs[spec.name] > 0:
                drivers.append(_Driver(name, spec.label.lower(), line.inputs[spec.name], spec.kind == "share",
                                       with_benefit(i, lambda v, n=spec.name, b=line: {"inputs": {**b.inputs, n: v}})))
        drivers.append(_Driver(name, "attribution", line.attribution, True, with_benefit(i, lambda v: {"attribution": v})))
        drivers.append(_Driver(name, "confidence", line.confidence, True, with_benefit(i, lambda v: {"confidence": v})))
    return drivers


def tornado(pitch: Pitch, top: int | None = TOP_DRIVERS, base: Evaluation | None = None) -> list[TornadoBar] | Undefined:
    """The inputs that move ROI most, one at a time, each by plus or minus the spread; widest first.

    Shares are capped at 100%. Inputs that do not move ROI are left out. ROI
    needs costs, so with no costs the answer is ``Undefined``. ``top=None``
    keeps every bar; ``base`` is ``evaluate(pitch)`` when the caller already has it.
    """
    base = base or evaluate(pitch)
    if isinstance(base.roi_percent, Undefined):
        return Undefined(base.roi_percent.reason)
    spread = pitch.scenario_spread
    moved: dict[tuple, list[tuple[_Driver, Decimal, Decimal]]] = {}
    for d in _drivers(pitch, base):
        low = d.base * (1 - spread)
        high = min(d.base * (1 + spread), Decimal(1)) if d.is_share else d.base * (1 + spread)
        roi_low, roi_high = d.roi_at(low), d.roi_at(high)
        if isinstance(roi_low, Undefined) or isinstance(roi_high, Undefined) or roi_low == roi_high:
            continue
        # Inputs of one benefit line that enter its formula as factors move ROI identically:
        # they are one bar, named after all of them, rather than five bars of equal length.
        moved.setdefault((d.group, roi_low, roi_high), []).append((d, low, high))
    bars = []
    for (group, roi_low, roi_high), ds in moved.items():
        d, low, high = ds[0]
        label = d.label if d.label == group else f"{group}: {', '.join(x.label for x, _, _ in ds)}"
        bars.append(TornadoBar(label, low, high, roi_low, roi_high))
    bars.sort(key=lambda b: (-b.swing, b.driver))
    return bars[:top]
