"""How sure the money is: a seeded Monte Carlo simulation of ROI, NPV, net benefit and payback.

A separate, clearly labelled view beside the expected case, which still
comes from the exact Decimal engine (``evaluate``). Each trial draws every
uncertain quantity independently and runs the engine's money formulas,
vectorised with numpy over all trials at once:

- a value with a ``Range`` (low, expected, high) is drawn from a **beta-PERT**
  distribution (lambda 4): mean ``(low + 4 x expected + high) / 6``. PERT is
  the usual choice in project estimation because it weights the expected
  value four times as much as either end, so a wide but honest range does not
  drag the result towards its tails the way a triangular one does;
- a benefit line none of whose template inputs has a range keeps the
  scenarios' rule: its raw benefit is scaled by a factor drawn from PERT(1 -
  spread, 1, 1 + spread), the pitch's ``scenario_spread``. Its attribution
  and confidence, and every cost line, move only when given a range of their
  own (costs stay as entered, as in the scenarios). So a pitch without ranges
  gives the scenario spread's figures: every trial lies between the
  conservative and the optimistic scenario;
- the money formulas are the engine's: one-time costs at year 0, one-time
  benefits in year 1, recurring lines every year of the horizon, raw and
  counted benefits rounded half-up to the minor unit per line, NPV
  discounted at the end of each year, payback accruing each year's net
  evenly over its months.

Trials come from ``numpy.random.Generator(PCG64(seed))``, so the same pitch,
trials and seed give the same figures on every machine (with the pinned
numpy). Percentiles are the ``inverted_cdf`` kind: p10 is the smallest trial
with at least 10% of the trials at or below it, so a payback percentile is
either a trial's payback or "no payback". Results are rounded at the edge
like the engine's figures: money to the minor unit, ROI and months to 1
decimal, chances to 4 decimals.

Drivers: each drawn quantity's share of the spread is its squared Spearman
rank correlation with ROI (with net benefit when there are no costs),
normalised so the shares add up to 1 (the "contribution to variance" of
common risk tools; exact for independent inputs of a linear model).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np

from ldpitch.engine.draws import OWN_RANGE, SPREAD, Draws, Uncertain, rank, ranked
from ldpitch.engine.evaluation import Evaluation, evaluate
from ldpitch.engine.finance import COST_LINE, Figure, Undefined
from ldpitch.errors import SimulationRefused
from ldpitch.pitch import TEMPLATES, Pitch, minor_unit, round_money, round_to

DEFAULT_TRIALS = 10_000
#: Fewer trials than this leave p10 and p90 resting on a handful of futures.
MIN_TRIALS = 100
#: More than this takes seconds and changes no figure that is shown.
MAX_TRIALS = 1_000_000
#: The fixed default seed: the same pitch gives the same figures on every run.
DEFAULT_SEED = 20_140


@dataclass(frozen=True)
class Percentiles:
    """p10, p50 and p90 of one figure over the trials; a payback percentile may be ``Undefined`` ("no payback")."""

    p10: Figure
    p50: Figure
    p90: Figure

    def as_dict(self) -> dict[str, str]:
        """JSON-ready: each percentile as a string; a percentile with no value as ``"no payback"``."""
        return {k: "no payback" if isinstance(v, Undefined) else str(v) for k, v in zip(("p10", "p50", "p90"), (self.p10, self.p50, self.p90), strict=True)}


@dataclass(frozen=True)
class Driver:
    """One drawn quantity and how much of the spread of ROI it drives.

    ``share`` is its share of the spread (0 to 1, the shares add up to 1);
    ``correlation`` its signed rank correlation with ROI (negative for a cost).
    """

    label: str
    share: Decimal
    correlation: Decimal


@dataclass(frozen=True)
class Bin:
    """One bar of a histogram: the trials whose value lies in [low, high)."""

    low: Decimal
    high: Decimal
    trials: int


@dataclass(frozen=True, eq=False)
class Simulation:
    """The figures of ``trials`` simulated futures of one pitch (the separate view beside the expected case).

    ``roi_percent`` and ``chance_roi_positive`` are ``Undefined`` when the
    pitch has no costs. ``inputs`` are the quantities drawn, in draw order;
    ``drivers`` the ones that move ROI, widest share first.
    """

    trials: int
    seed: int
    currency: str
    horizon_years: int
    roi_percent: Percentiles | Undefined
    npv: Percentiles
    net_benefit: Percentiles
    payback_months: Percentiles
    chance_of_payback: Decimal
    chance_roi_positive: Decimal | Undefined
    drivers: tuple[Driver, ...]
    inputs: tuple[Uncertain, ...]
    paying_back: int  # how many trials pay back within the horizon (``chance_of_payback`` before rounding)
    roi_trials: np.ndarray = field(repr=False)  # every trial's ROI %, sorted (empty with no costs)

    def histogram(self, bins: int = 20) -> tuple[Bin, ...]:
        """The trials' ROI % in at most ``bins`` equal bands of a round width (1, 2, 2.5 or 5 x 10^k points); empty with no costs."""
        if not self.roi_trials.size:
            return ()
        lo, hi = float(self.roi_trials[0]), float(self.roi_trials[-1])
        width = _round_width(max(hi - lo, 1e-9) / bins)
        start = math.floor(lo / width) * width
        count = max(1, math.ceil((hi - start) / width + 1e-9))
        while count > bins:  # a round start can push the top trial into one band too many
            width = _round_width(width * 1.01)
            start = math.floor(lo / width) * width
            count = max(1, math.ceil((hi - start) / width + 1e-9))
        counts, edges = np.histogram(self.roi_trials, bins=count, range=(start, start + count * width))
        return tuple(Bin(round_to(Decimal(edges[i]), 1), round_to(Decimal(edges[i + 1]), 1), int(counts[i])) for i in range(count))

    def as_dict(self) -> dict:
        """JSON-ready data: percentiles as strings, like the engine's other figures; the chances as numbers from 0 to 1 (4 decimals)."""
        undefined = {}
        out: dict = {"trials": self.trials, "seed": self.seed}
        for name in ("roi_percent", "npv", "net_benefit", "payback_months"):
            value = getattr(self, name)
            out[name] = None if isinstance(value, Undefined) else value.as_dict()
            if isinstance(value, Undefined):
                undefined[name] = value.reason
        out["chance_of_payback"] = float(self.chance_of_payback)
        out["trials_paying_back"] = self.paying_back
        out["chance_roi_positive"] = None if isinstance(self.chance_roi_positive, Undefined) else float(self.chance_roi_positive)
        out["drivers"] = [{"input": d.label, "share": str(d.share), "correlation": str(d.correlation)} for d in self.drivers]
        out["inputs"] = [{"input": u.label, "low": str(u.low), "expected": str(u.expected), "high": str(u.high), "source": u.source}
                         for u in self.inputs]
        out["method"] = METHOD
        out["undefined"] = undefined
        return out


#: The method in plain words, for the workbook, the CLI and the deck's notes.
METHOD = (
    "Monte Carlo simulation: each trial draws every input that has a low and a high value from a beta-PERT "
    "distribution (the expected value weighted four times either end), independently of the others; a benefit "
    "with no range of its own moves by the pitch's scenario spread; costs without a range stay as entered. "
    "Each trial runs the same money formulas as the expected case; p10, p50 and p90 are the values that 10%, "
    "50% and 90% of the trials fall at or below. Seeded, so the same pitch gives the same figures every time."
)


def _round_width(raw: float) -> float:
    """The smallest round band width (1, 2, 2.5 or 5 x 10^k, at least 0.1) not below ``raw``.

    >>> _round_width(12.7), _round_width(0.03), _round_width(2.2)
    (20.0, 0.1, 2.5)
    """
    exponent = math.floor(math.log10(raw))
    for step in (1, 2, 2.5, 5, 10):
        if step * 10.0**exponent >= raw - 1e-12:
            return max(step * 10.0**exponent, 0.1)
    return max(10.0 ** (exponent + 1), 0.1)


def check_trials(trials: object, seed: object) -> None:
    """Refuse a number of trials or a seed the simulation cannot run with, in words that say what to use instead."""
    if isinstance(trials, bool) or not isinstance(trials, int) or not MIN_TRIALS <= trials <= MAX_TRIALS:
        raise SimulationRefused(f"trials: {trials} is not a number of trials the simulation runs; "
                                f"choose a whole number from {MIN_TRIALS:,} to {MAX_TRIALS:,} (the default is {DEFAULT_TRIALS:,})")
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < 2**64:
        raise SimulationRefused(f"seed: {seed} is not a seed; choose a whole number from 0 to {2**64 - 1:,} (the default is {DEFAULT_SEED})")


def _to_minor_unit(values, unit: float):
    """Round half-up (ties away from zero, like ``round_money``) to the minor unit, elementwise."""
    return np.sign(values) * np.floor(np.abs(values) / unit + 0.5) * unit


def _benefits(pitch: Pitch, draws: Draws, unit: float) -> tuple[np.ndarray | float, np.ndarray | float]:
    """One-time and yearly counted benefits of every trial."""
    spread = pitch.scenario_spread
    once: np.ndarray | float = 0.0
    yearly: np.ndarray | float = 0.0
    for line in pitch.benefits:
        t = TEMPLATES[line.template]
        if any(i.name not in line.inputs for i in t.inputs):
            continue  # a line missing an input counts 0, as in the engine
        name = line.label or t.title
        values = {}
        for spec in t.inputs:
            rng = line.ranges.get(spec.name)
            expected = line.inputs[spec.name]
            values[spec.name] = draws.draw(f"{name}: {spec.label.lower()}", rng.low, expected, rng.high, OWN_RANGE) if rng else float(expected)
        raw = t.expression.numeric(values)
        if not any(spec.name in line.ranges for spec in t.inputs):
            raw = raw * draws.draw(f"{name} (scenario spread)", 1 - spread, Decimal(1), 1 + spread, SPREAD)
        shares = {}
        for share in ("attribution", "confidence"):
            rng, expected = line.ranges.get(share), getattr(line, share)
            shares[share] = draws.draw(f"{name}: {share}", rng.low, expected, rng.high, OWN_RANGE) if rng else float(expected)
        counted = _to_minor_unit(_to_minor_unit(raw, unit) * shares["attribution"] * shares["confidence"], unit)
        if line.cadence == "one_time":
            once = once + counted
        else:
            yearly = yearly + counted
    return once, yearly


def _costs(pitch: Pitch, expected: Evaluation, draws: Draws) -> tuple[np.ndarray | float, np.ndarray | float]:
    """One-time and yearly costs of every trial: as entered, or drawn where a cost line has a range."""
    once: np.ndarray | float = 0.0
    yearly: np.ndarray | float = 0.0
    for c in expected.costs:
        rng = pitch.costs[c.index].amount_range if c.origin == COST_LINE else None
        amount = draws.draw(c.label, rng.low, c.amount, rng.high, OWN_RANGE) if rng else float(c.amount)
        if c.cadence == "one_time":
            once = once + amount
        else:
            yearly = yearly + amount
    return once, yearly


def _payback(upfront: np.ndarray, flows: list[np.ndarray]) -> np.ndarray:
    """Each trial's payback months as ``finance.payback_months`` reckons it; ``inf`` where it does not pay back."""
    months = np.full(upfront.shape, np.inf)
    nothing_upfront = upfront <= 0
    months[nothing_upfront & (flows[0] > 0)] = 0.0
    done = nothing_upfront.copy()
    balance = -upfront
    for year, net in enumerate(flows):
        hit = ~done & (net > 0) & (balance + net >= 0)
        months[hit] = 12 * year + (-balance[hit]) / (net[hit] / 12)
        done |= hit
        balance = balance + net
    return months


def _percentiles(values: np.ndarray, convert) -> Percentiles:
    p10, p50, p90 = np.percentile(values, [10, 50, 90], method="inverted_cdf")
    return Percentiles(convert(p10), convert(p50), convert(p90))


def _chance(hits: np.ndarray) -> Decimal:
    return round_to(Decimal(int(np.count_nonzero(hits))) / hits.size, 4)


def _drivers(draws: Draws, target: np.ndarray) -> tuple[Driver, ...]:
    """Each drawn quantity's squared rank correlation with ``target``, normalised to shares of the spread."""
    if not draws.values or np.ptp(target) == 0:
        return ()
    ranked_target = rank(target)
    ranked_target -= ranked_target.mean()
    norm_target = np.sqrt(ranked_target @ ranked_target)
    correlations = []
    for key, values in zip(draws.keys, draws.values, strict=True):
        centred = ranked(key, values) - (values.size - 1) / 2  # ranks 0 .. n-1 have mean (n-1)/2
        correlations.append(float(centred @ ranked_target / (np.sqrt(centred @ centred) * norm_target)))
    squares = np.square(correlations)
    total = float(squares.sum())
    if total == 0:
        return ()
    found = [Driver(u.label, round_to(Decimal(float(s) / total), 4), round_to(Decimal(r), 3))
             for u, r, s in zip(draws.quantities, correlations, squares, strict=True)]
    return tuple(sorted((d for d in found if d.share > 0), key=lambda d: (-d.share, d.label)))


def simulate(pitch: Pitch, trials: int = DEFAULT_TRIALS, seed: int = DEFAULT_SEED, expected: Evaluation | None = None) -> Simulation:
    """Simulate ``trials`` futures of ``pitch`` from ``seed`` (``SimulationRefused`` for trials or a seed out of bounds).

    ``expected`` is ``evaluate(pitch)`` when the caller already has it (its cost lines are reused).
    """
    check_trials(trials, seed)
    expected = expected or evaluate(pitch)
    cur, years, rate = pitch.currency, pitch.horizon_years, float(pitch.discount_rate)
    draws = Draws(trials, seed)
    unit = float(minor_unit(cur))
    benefits_once, benefits_yearly = _benefits(pitch, draws, unit)
    costs_once, costs_yearly = _costs(pitch, expected, draws)

    def full(x) -> np.ndarray:
        return np.broadcast_to(np.asarray(x, dtype=float), (trials,))

    benefits_once, benefits_yearly, costs_once, costs_yearly = map(full, (benefits_once, benefits_yearly, costs_once, costs_yearly))
    total_costs = costs_once + years * costs_yearly
    net = benefits_once + years * benefits_yearly - total_costs
    flows = [benefits_once + benefits_yearly - costs_yearly] + [benefits_yearly - costs_yearly] * (years - 1)
    npv = -costs_once + sum(flow / (1 + rate) ** (t + 1) for t, flow in enumerate(flows))
    payback = _payback(costs_once, flows)

    def money(x) -> Decimal:
        return round_money(Decimal(float(x)), cur)

    def months(x) -> Figure:
        return Undefined(f"does not pay back within the {years}-year horizon") if not np.isfinite(x) else round_to(Decimal(float(x)), 1)

    if isinstance(expected.roi_percent, Undefined) or not np.all(total_costs > 0):
        roi: Percentiles | Undefined = Undefined(getattr(expected.roi_percent, "reason", "some trials have no costs, so there is no return to compute"))
        roi_positive: Decimal | Undefined = roi
        roi_trials, target = np.empty(0), net
    else:
        roi_trials = net / total_costs * 100
        roi = _percentiles(roi_trials, lambda x: round_to(Decimal(float(x)), 1))
        roi_positive, target = _chance(roi_trials > 0), roi_trials
    return Simulation(
        trials=trials,
        seed=seed,
        currency=cur,
        horizon_years=years,
        roi_percent=roi,
        npv=_percentiles(npv, money),
        net_benefit=_percentiles(net, money),
        payback_months=_percentiles(payback, months),
        chance_of_payback=_chance(np.isfinite(payback)),
        chance_roi_positive=roi_positive,
        drivers=_drivers(draws, target),
        inputs=tuple(draws.quantities),
        paying_back=int(np.count_nonzero(np.isfinite(payback))),
        roi_trials=np.sort(roi_trials),
    )
