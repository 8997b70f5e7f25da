"""Money rules: amounts are ``Decimal`` in the pitch's currency, rounded half-up to its minor unit.

One place decides how money is rounded so that every total equals the sum of
the lines shown beside it. A figure that has no value is an ``Undefined``
carrying the reason. Display formatting lives in ``format``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated

from pydantic import Field

#: Minor units of every currency whose CLDR precision is not 2 (babel 2.18); the rest
#: use cents. Kept as a table rather than importing babel here so that computing a
#: figure does not pay for loading the locale database; ``tests/pitch/test_money.py`` checks it against babel.
_MINOR_UNITS = {
    "ADP": 0, "AFN": 0, "ALL": 0, "BHD": 3, "BIF": 0, "BYR": 0, "CLF": 4, "CLP": 0, "DJF": 0, "ESP": 0,
    "GNF": 0, "IQD": 0, "IRR": 0, "ISK": 0, "ITL": 0, "JOD": 3, "JPY": 0, "KMF": 0, "KPW": 0, "KRW": 0,
    "KWD": 3, "LAK": 0, "LBP": 0, "LUF": 0, "LYD": 3, "MGA": 0, "MGF": 0, "MMK": 0, "MRO": 0, "OMR": 3,
    "PYG": 0, "RSD": 0, "RWF": 0, "SLL": 0, "SOS": 0, "STD": 0, "SYP": 0, "TMM": 0, "TND": 3, "TRL": 0,
    "UGX": 0, "UYI": 0, "UYW": 4, "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0, "XPF": 0, "YER": 0, "ZMK": 0,
    "ZWD": 0,
}

#: The largest amount a pitch holds (one cost line, one benefit line a year, one group's time).
MAX_AMOUNT = Decimal("1000000000000")
#: An amount of money as the pitch stores it: non-negative, at most 2 decimals.
Amount = Annotated[Decimal, Field(ge=0, le=MAX_AMOUNT, max_digits=15, decimal_places=2, allow_inf_nan=False)]

ZERO = Decimal(0)


@dataclass(frozen=True)
class Undefined:
    """A figure with no value, and why (``"no costs entered"``); shown as "n/a" with the reason."""

    reason: str

    def __str__(self) -> str:
        return "n/a"


#: A figure of the engine: a value, or ``Undefined`` with the reason it has none.
Figure = Decimal | Undefined


def minor_unit(currency: str) -> Decimal:
    """The smallest amount of ``currency`` a total is rounded to.

    >>> minor_unit("EUR"), minor_unit("JPY")
    (Decimal('0.01'), Decimal('1'))
    """
    return Decimal(1).scaleb(-_MINOR_UNITS.get(currency, 2))


def round_money(amount: Decimal, currency: str) -> Decimal:
    """Round ``amount`` half-up to the currency's minor unit (the finance convention).

    >>> round_money(Decimal("10.005"), "USD")
    Decimal('10.01')
    >>> round_money(Decimal("-10.005"), "USD")
    Decimal('-10.01')
    >>> round_money(Decimal("-0.004"), "USD")  # a rounded zero has no sign (no "-$0.00")
    Decimal('0.00')
    """
    return _unsigned_zero(amount.quantize(minor_unit(currency), rounding=ROUND_HALF_UP))


def round_to(value: Decimal, places: int) -> Decimal:
    """Round a ratio or a count of months half-up to ``places`` decimals.

    >>> round_to(Decimal("2.345"), 2)
    Decimal('2.35')
    >>> round_to(Decimal("-0.00005"), 1)  # an ROI a hair below zero reads 0.0, not -0.0
    Decimal('0.0')
    """
    return _unsigned_zero(value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def _unsigned_zero(value: Decimal) -> Decimal:
    return value if value else abs(value)
