"""Money rounding: half-up to the currency's minor unit, one place for the whole engine."""

from decimal import Decimal as D

import pytest
from babel.numbers import get_currency_precision, list_currencies

from ldpitch.pitch.money import minor_unit, round_money, round_to


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        # half-up, the finance convention: .005 goes up, not to the even cent (10.00 under half-even)
        ("10.005", "USD", "10.01"),
        ("10.004999", "USD", "10.00"),
        ("10.015", "USD", "10.02"),  # half-even would give 10.02 too; 10.025 tells them apart:
        ("10.025", "USD", "10.03"),  # half-even 10.02
        ("-10.005", "USD", "-10.01"),  # away from zero on the negative side too
        ("0", "EUR", "0.00"),  # always two places for cent currencies
        ("7", "GBP", "7.00"),
        ("1234.5", "JPY", "1235"),  # yen has no minor unit
        ("1234.49", "JPY", "1234"),
        ("2.5", "KRW", "3"),
        ("1.2345", "BHD", "1.235"),  # Bahraini dinar: 3 decimals (fils)
        ("1.00005", "CLF", "1.0001"),  # Chilean unit of account: 4 decimals
        ("999.995", "XOF", "1000"),  # CFA franc: no minor unit
    ],
)
def test_round_money_rounds_half_up_to_the_minor_unit(amount, currency, expected):
    result = round_money(D(amount), currency)
    assert result == D(expected)
    assert str(result) == expected  # the exponent is the currency's, so "7" prints "7.00"


def test_minor_unit_agrees_with_babel_for_every_currency_babel_knows():
    disagree = {c: (minor_unit(c), get_currency_precision(c)) for c in list_currencies()
                if minor_unit(c) != D(1).scaleb(-get_currency_precision(c))}
    assert disagree == {}


@pytest.mark.parametrize(("currency", "unit"), [("USD", "0.01"), ("EUR", "0.01"), ("JPY", "1"), ("KWD", "0.001"), ("ZZZ", "0.01")])
def test_minor_unit_is_the_smallest_amount_of_the_currency(currency, unit):
    assert minor_unit(currency) == D(unit)


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [("2.345", 2, "2.35"), ("2.344", 2, "2.34"), ("0.44835", 4, "0.4484"), ("5.38", 1, "5.4"), ("-25.05", 1, "-25.1"), ("3", 2, "3.00")],
)
def test_round_to_rounds_ratios_half_up(value, places, expected):
    assert str(round_to(D(value), places)) == expected
