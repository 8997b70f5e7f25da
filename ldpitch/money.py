"""Money rules: amounts are ``Decimal`` in the pitch's currency, rounded half-up to its minor unit.

One place decides how money is rounded so that every total equals the sum of
the lines shown beside it. Display formatting lives in ``format``.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated

from pydantic import Field

#: Minor units of currencies that do not use two decimals (ISO 4217). Kept as a
#: tiny table rather than importing babel here so that computing a figure does
#: not pay for loading the locale database; ``tests/core`` checks it against babel.
_MINOR_UNITS = {"JPY": 0, "KRW": 0, "ISK": 0, "CLP": 0, "VND": 0, "HUF": 2, "BHD": 3, "KWD": 3, "OMR": 3, "JOD": 3, "TND": 3}

#: An amount of money as the pitch stores it: non-negative, at most 2 decimals.
Amount = Annotated[Decimal, Field(ge=0, le=Decimal("1000000000000"), max_digits=15, decimal_places=2, allow_inf_nan=False)]

ZERO = Decimal(0)


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
    """
    return amount.quantize(minor_unit(currency), rounding=ROUND_HALF_UP)


def round_to(value: Decimal, places: int) -> Decimal:
    """Round a ratio or a count of months half-up to ``places`` decimals.

    >>> round_to(Decimal("2.345"), 2)
    Decimal('2.35')
    """
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
