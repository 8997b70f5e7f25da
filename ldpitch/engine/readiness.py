"""Get on the RADAR: readiness from five factors, each scored 1 (not addressed) to 5 (well handled).

Minimise Resistance, Apathy and Disruptions; maximise Application and Results
(seed 004). Readiness = sum of scores / (5 x factors scored), as a share.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ldpitch.engine.finance import Undefined
from ldpitch.pitch import Radar, RadarFactor, round_to

FACTORS: tuple[tuple[str, str, str], ...] = (
    ("resistance", "Resistance", "minimise"),
    ("apathy", "Apathy", "minimise"),
    ("disruptions", "Disruptions", "minimise"),
    ("application", "Application", "maximise"),
    ("results", "Results", "maximise"),
)
TOP_SCORE = 5


@dataclass(frozen=True)
class FactorReading:
    key: str
    label: str
    aim: str
    score: int | None
    mitigation: str


def factors(radar: Radar) -> list[FactorReading]:
    """The five factors in RADAR order with their scores and mitigations."""
    out = []
    for key, label, aim in FACTORS:
        f: RadarFactor = getattr(radar, key)
        out.append(FactorReading(key, label, aim, f.score, f.mitigation))
    return out


def readiness_share(radar: Radar) -> Decimal | Undefined:
    """Readiness as a share of the best possible score over the scored factors, to 4 decimals.

    >>> from ldpitch.pitch.model import Radar, RadarFactor
    >>> readiness_share(Radar(resistance=RadarFactor(score=4), results=RadarFactor(score=3)))
    Decimal('0.7000')
    >>> readiness_share(Radar())
    Undefined(reason='no RADAR factor scored yet')
    """
    scores = [f.score for f in factors(radar) if f.score is not None]
    if not scores:
        return Undefined("no RADAR factor scored yet")
    return round_to(Decimal(sum(scores)) / (TOP_SCORE * len(scores)), 4)


def weakest(radar: Radar) -> list[FactorReading]:
    """The scored factors with the lowest score (what to mitigate first)."""
    scored = [f for f in factors(radar) if f.score is not None]
    if not scored:
        return []
    low = min(f.score for f in scored)
    return [f for f in scored if f.score == low]
