"""Numbers and dates as people write them in spreadsheets, read per the pitch's locale and as found in the cell."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

import pytest

from ldpitch.intake.numbers import NotRead, day, number


@pytest.mark.parametrize(("cell", "locale", "currency", "expected"), [
    ("1.234,56", "en_US", None, "1234.56"),
    ("1,234.56", "de_DE", None, "1234.56"),
    ("1,234.56", "en_US", None, "1234.56"),
    ("12 500 €", "fr_FR", "EUR", "12500"),
    ("12\u202f500,50 €", "fr_FR", "EUR", "12500.50"),
    ("$12,500", "en_US", "USD", "12500"),
    ("USD 12,500", "en_US", "USD", "12500"),
    ("£1,200", "en_GB", "GBP", "1200"),
    ("35%", "en_US", None, "0.35"),
    ("12,5 %", "de_DE", None, "0.125"),
    ("(1,200)", "en_US", None, "-1200"),
    ("-1,200", "en_US", None, "-1200"),
    ("1200-", "en_US", None, "-1200"),
    ("\u22121.5", "en_US", None, "-1.5"),
    ("12.500", "de_DE", None, "12500"),
    ("12.500", "en_US", None, "12.500"),
    ("12,500", "de_DE", None, "12.500"),
    ("1234,5", "en_US", None, "1234.5"),
    ("1'234.50", "de_CH", None, "1234.50"),
    ("1.234.567", "en_US", None, "1234567"),
    (0.35, "en_US", None, "0.35"),
    (12500, "en_US", None, "12500"),
    (1234.5600000000002, "en_US", None, "1234.5600000000002"),
])
def test_numbers_as_people_write_them(cell, locale, currency, expected):
    assert number(cell, locale, currency=currency) == Decimal(expected)


@pytest.mark.parametrize(("cell", "currency", "says"), [
    ("=1+2", None, "'=1+2' is not a number"),
    ("@SUM(A1)", None, "is not a number"),
    ("twelve", None, "is not a number"),
    ("1,23,4.5", None, "thousands marks are out of place"),
    ("1.2.3,4,5", None, "is not a number"),
    ("€12,500", "USD", "in another currency (€) than this pitch (USD)"),
    ("GBP 100", "USD", "in another currency (GBP)"),
    ("", None, "this cell is empty"),
    (True, None, "is not a number"),
    (datetime(2027, 3, 31), None, "2027-03-31 is a date, not a number"),
    (float("nan"), None, "not a number"),
])
def test_what_is_not_a_number_says_why(cell, currency, says):
    with pytest.raises(NotRead, match=re.escape(says)):
        number(cell, "en_US", currency=currency)


@pytest.mark.parametrize(("cell", "locale", "expected"), [
    ("2027-03-31", "en_US", date(2027, 3, 31)),
    ("2027-03-31T09:30:00Z", "en_US", date(2027, 3, 31)),
    ("2027-03-31 09:30", "en_US", date(2027, 3, 31)),
    ("31/03/2027", "en_US", date(2027, 3, 31)),
    ("03/31/2027", "en_GB", date(2027, 3, 31)),
    ("04/03/2027", "en_US", date(2027, 4, 3)),
    ("04/03/2027", "en_GB", date(2027, 3, 4)),
    ("04.03.2027", "de_DE", date(2027, 3, 4)),
    ("4/3/27", "en_US", date(2027, 4, 3)),
    ("3/31/2027 5:00 PM", "en_US", date(2027, 3, 31)),
    ("31 Mar 2027", "en_GB", date(2027, 3, 31)),
    ("March 31, 2027", "en_US", date(2027, 3, 31)),
    ("31. März 2027", "de_DE", date(2027, 3, 31)),
    ("Feb 2028", "en_US", date(2028, 2, 29)),
    ("2027-12", "en_US", date(2027, 12, 31)),
    (datetime(2027, 3, 31, 17, 0), "en_US", date(2027, 3, 31)),
    (date(2027, 3, 31), "en_US", date(2027, 3, 31)),
])
def test_dates_in_the_forms_exports_use(cell, locale, expected):
    assert day(cell, locale) == expected


@pytest.mark.parametrize("cell", ["31/31/2027", "2027-02-30", "soon", "Smarch 2027", 46000])
def test_what_is_not_a_date_says_so(cell):
    with pytest.raises(NotRead, match="not a date|is a number"):
        day(cell)
