"""How sure a pitch is: a low and a high value beside an expected one, and the evidence behind a benefit.

A ``Range`` is optional everywhere: a value without one is moved by the
pitch's ``scenario_spread`` in the simulation, as in the scenarios. An
``Evidence`` record says what a benefit's figures rest on (measured data, a
pilot, a benchmark or an estimate) and how the programme's share of the
improvement was isolated, from Phillips' list of isolation methods (DOMAIN
1.6): the first question a finance reviewer asks of a training benefit.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from ldpitch.pitch.benefits import BenefitTemplate
from ldpitch.pitch.text import Short

#: One end of a range: a non-negative number (an amount, a count, a share, hours).
End = Annotated[Decimal, Field(ge=0, le=Decimal("1000000000000"), max_digits=19, decimal_places=6, allow_inf_nan=False)]


class Range(BaseModel):
    """The low and high values of an estimate; the expected value sits in the line beside it.

    Checked against that expected value by ``check_range`` (the line knows it): low below
    high, the expected value between them, a share within [0, 1].
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    low: End
    high: End


class EvidenceKind(StrEnum):
    """What a benefit's figures rest on, strongest first."""

    measured = "measured data"
    pilot = "a pilot"
    benchmark = "a benchmark"
    estimate = "an estimate"


class IsolationMethod(StrEnum):
    """How the programme's share of the improvement is isolated from other causes (Phillips)."""

    control_group = "control group"
    trend_line = "trend-line analysis"
    forecasting = "forecasting"
    participants = "participants' estimate"
    managers = "managers' estimate"
    experts = "experts' estimate"
    customers = "customer input"


class Evidence(BaseModel):
    """The evidence register of one benefit: its kind, the isolation method, who supplied it and when, a note."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: EvidenceKind = EvidenceKind.estimate
    isolation: IsolationMethod | None = None
    supplied_by: Short = ""
    on: date | None = None
    note: Short = ""


def check_range(label: str, expected: Decimal, rng: Range, *, share: bool = False) -> None:
    """Refuse a range that cannot hold ``expected``, with a message naming ``label``; ``share`` keeps it in [0, 1].

    A zero-width range (low equal to high) is refused too: "certain" is what an
    empty range plus a zero scenario spread says, and equal ends are far more
    often a typo than a claim of certainty.

    >>> check_range("Sellers", Decimal(20), Range(low=Decimal(18), high=Decimal(24)))
    >>> check_range("Sellers", Decimal(20), Range(low=Decimal(25), high=Decimal(30)))
    Traceback (most recent call last):
    ...
    ValueError: Sellers: the low value 25 is above the expected value 20
    """
    low, high = rng.low, rng.high
    if low > high:
        raise ValueError(f"{label}: the low value {low} is above the high value {high}")
    if low == high:
        raise ValueError(f"{label}: the low and high values are both {low}; widen the range, or leave both empty to use the scenario spread")
    if low > expected:
        raise ValueError(f"{label}: the low value {low} is above the expected value {expected}")
    if expected > high:
        raise ValueError(f"{label}: the expected value {expected} is above the high value {high}")
    if share and high > 1:
        raise ValueError(f"{label}: the high value {high} is above 100%; a share stays between 0 and 1 (0.35 means 35%)")


def check_ranges(name: str, template: BenefitTemplate, ranges: dict[str, Range], expected: dict[str, Decimal]) -> None:
    """Check a benefit line's ranges: each names an input of ``template`` given in ``expected``, or attribution or confidence.

    ``name`` is the line's name, said before attribution and confidence; ``expected`` maps every
    input given, ``"attribution"`` and ``"confidence"`` to the line's expected values.
    """
    known = {i.name: i for i in template.inputs}
    for key, rng in ranges.items():
        if key in ("attribution", "confidence"):
            check_range(f"{name}: {key}", expected[key], rng, share=True)
        elif key not in known:
            raise ValueError(f"range given for {key!r}, which is not an input of {template.title!r} nor attribution or confidence")
        elif key not in expected:
            raise ValueError(f"{known[key].label}: give the expected value before its range")
        else:
            check_range(known[key].label, expected[key], rng, share=known[key].kind == "share")
