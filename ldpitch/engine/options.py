"""Offer choices: a weighted decision matrix over the pitch's options, ranked, with a recommendation.

Weighted score = sum(weight x score) / sum(weights), on the 1-10 scoring scale
(the weighted scoring / decision-matrix method, DOMAIN 4.4). A missing score
counts as the lowest score, 1: an option is never helped by a blank.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ldpitch.engine.finance import Undefined
from ldpitch.pitch import Pitch, round_to

LOWEST_SCORE = 1


@dataclass(frozen=True)
class RankedOption:
    """An option with its weighted score (1-10, 2 decimals) and its rank (1 = best)."""

    name: str
    score: Decimal
    rank: int
    is_do_nothing: bool
    missing: tuple[str, ...]


def weighted_score(weights: dict[str, int], scores: dict[str, int]) -> Decimal | Undefined:
    """``sum(weight x score) / sum(weights)``, to 2 decimals; missing scores count as 1.

    >>> weighted_score({"Cost": 40, "Speed": 60}, {"Cost": 8, "Speed": 5})
    Decimal('6.20')
    >>> weighted_score({"Cost": 0}, {"Cost": 8})
    Undefined(reason='no criterion has a weight')
    """
    total = sum(weights.values())
    if total <= 0:
        return Undefined("no criterion has a weight")
    points = sum(w * scores.get(name, LOWEST_SCORE) for name, w in weights.items())
    return round_to(Decimal(points) / Decimal(total), 2)


def rank_options(pitch: Pitch) -> list[RankedOption] | Undefined:
    """Options ranked by weighted score, best first (ties keep the order they were entered)."""
    weights = {c.name: c.weight for c in pitch.criteria}
    if not pitch.options:
        return Undefined("no options entered")
    scored = []
    for o in pitch.options:
        score = weighted_score(weights, o.scores)
        if isinstance(score, Undefined):
            return score
        scored.append((score, o))
    ordered = sorted(scored, key=lambda so: -so[0])
    return [
        RankedOption(o.name, score, rank, o.is_do_nothing, tuple(c for c in weights if c not in o.scores))
        for rank, (score, o) in enumerate(ordered, start=1)
    ]


def recommendation(pitch: Pitch) -> str | Undefined:
    """The option to recommend: the user's choice if they made one, else the top-ranked option."""
    if pitch.recommended_option and any(o.name == pitch.recommended_option for o in pitch.options):
        return pitch.recommended_option
    ranked = rank_options(pitch)
    return ranked if isinstance(ranked, Undefined) else ranked[0].name
