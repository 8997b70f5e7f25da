"""The simulation's draws: each uncertain quantity drawn from beta-PERT by one seeded generator, each draw made once.

``Draws`` draws the quantities of one simulation in order from
``numpy.random.Generator(PCG64(seed))``, so the k-th draw depends on the
trials, the seed and every (low, expected, high) drawn before it, and on
nothing else. That is what a draw is remembered by (``KNOWN_DRAWS`` of them,
with their ranks once asked for): a change of figures that leaves the ranges
alone (a discount rate, a cost without a range) draws nothing again, and the
generator is brought to the first new draw by replaying the known ones, so
every figure is exactly what drawing afresh gives (tests/engine/test_draws.py).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from decimal import Decimal

import numpy as np

#: The weight of the expected value in beta-PERT (the standard 4).
PERT_LAMBDA = 4
#: Where a drawn quantity's range comes from.
OWN_RANGE, SPREAD = "range", "scenario spread"


@dataclass(frozen=True)
class Uncertain:
    """One quantity the simulation draws: its name, low, expected and high values, and where the range comes from.

    ``source`` is ``"range"`` (the user's own) or ``"scenario spread"`` (a
    benefit line's raw benefit moved by the pitch's spread: ``low``, ``expected``
    and ``high`` are then factors such as 0.8, 1 and 1.2).
    """

    label: str
    low: Decimal
    expected: Decimal
    high: Decimal
    source: str


def pert(low: float, expected: float, high: float, size: int, rng: np.random.Generator) -> np.ndarray:
    """``size`` draws of beta-PERT(low, expected, high), lambda 4: mean ``(low + 4 expected + high) / 6``.

    ``low + (high - low) x Beta(1 + 4 (expected - low) / (high - low), 1 + 4 (high - expected) / (high - low))``.

    >>> draws = pert(0.0, 1.0, 5.0, 200_000, np.random.Generator(np.random.PCG64(1)))
    >>> round(float(draws.mean()), 2), float(draws.min()) >= 0, float(draws.max()) <= 5
    (1.5, True, True)
    """
    width = high - low
    alpha = 1 + PERT_LAMBDA * (expected - low) / width
    beta = 1 + PERT_LAMBDA * (high - expected) / width
    return low + width * rng.beta(alpha, beta, size)


class Draws:
    """The quantities drawn so far and their trials, in draw order, from one seeded generator."""

    def __init__(self, trials: int, seed: int):
        self.trials, self.seed = trials, seed
        self.rng: np.random.Generator | None = None  # made at the first draw not already known
        self.quantities: list[Uncertain] = []
        self.values: list[np.ndarray] = []
        self.keys: list[tuple] = []  # each draw's key in the memory of draws
        self.key: tuple = (trials, seed)  # every draw so far, which fixes the generator's state and the next draw

    def draw(self, label: str, low: Decimal, expected: Decimal, high: Decimal, source: str) -> np.ndarray | float:
        if low == high:  # a zero spread: certain, nothing to draw
            return float(expected)
        self.key = (*self.key, (float(low), float(expected), float(high)))
        values = _known_draw(self.key)
        if values is None:
            if self.rng is None:  # the draws so far were known: replay them to bring the generator to this point
                self.rng = np.random.Generator(np.random.PCG64(self.seed))
                for low_, expected_, high_ in self.key[2:-1]:
                    pert(low_, expected_, high_, self.trials, self.rng)
            values = _remember_draw(self.key, pert(float(low), float(expected), float(high), self.trials, self.rng))
        self.quantities.append(Uncertain(label, low, expected, high, source))
        self.values.append(values)
        self.keys.append(self.key)
        return values


#: Draws already made, by everything that fixes them (trials, seed, and each (low, expected, high) drawn up to them),
#: with their ranks once asked for. A change of figures that leaves the ranges alone (a discount rate, a cost without
#: a range) draws nothing again: on Budget, about half a simulation's time. At most ``KNOWN_DRAWS`` (80 KB each,
#: twice that with ranks).
KNOWN_DRAWS = 256
_draws: OrderedDict[tuple, list] = OrderedDict()
_draws_lock = threading.Lock()


def _known_draw(key: tuple) -> np.ndarray | None:
    with _draws_lock:
        hit = _draws.get(key)
        if hit is not None:
            _draws.move_to_end(key)
        return hit[0] if hit is not None else None


def forget() -> None:
    """Forget every remembered draw (the next simulations draw afresh, with the same figures)."""
    with _draws_lock:
        _draws.clear()


def _remember_draw(key: tuple, values: np.ndarray) -> np.ndarray:
    values.flags.writeable = False  # shared by every simulation that draws the same: nobody may change it
    with _draws_lock:
        _draws[key] = [values, None]
        while len(_draws) > KNOWN_DRAWS:
            _draws.popitem(last=False)
    return values


def ranked(key: tuple, values: np.ndarray) -> np.ndarray:
    """``rank(values)``, kept beside the remembered draw ``key`` (a draw's ranks do not change with the figures)."""
    with _draws_lock:
        entry = _draws.get(key)
        if entry is not None and entry[0] is not values:
            entry = None  # forgotten and drawn again meanwhile: these values are not the remembered ones
        if entry is not None and entry[1] is not None:
            return entry[1]
    ranks = rank(values)
    ranks.flags.writeable = False
    if entry is not None:
        with _draws_lock:
            entry[1] = ranks
    return ranks


def rank(values: np.ndarray) -> np.ndarray:
    """Each value's rank (0 for the smallest), ties ranked in the order they were drawn.

    numpy's default sort (vectorised introsort) is about six times faster than its
    stable sort on 10,000 floats, and the two agree whenever no two values are equal,
    which is what continuous draws give; only a target with ties needs the stable sort.
    """
    order = np.argsort(values)
    ordered = values[order]
    if np.any(ordered[1:] == ordered[:-1]):
        order = np.argsort(values, kind="stable")
    ranks = np.empty(values.size)
    ranks[order] = np.arange(values.size)
    return ranks
