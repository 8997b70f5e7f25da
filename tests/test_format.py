"""Display formatting: money, shares, ratios and months in the pitch's currency and locale (CLDR via babel).

Expected strings are compared exactly: German puts a no-break space (U+00A0) before
the euro sign, French groups thousands with a narrow no-break space (U+202F).
"""

import re
from decimal import Decimal as D

import pytest

from ldpitch import format as fmt
from ldpitch.charts.render import vega_locale
from ldpitch.engine.finance import Undefined

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.mark.parametrize(
    ("amount", "currency", "locale", "whole", "with_cents"),
    [
        ("1234567.891", "USD", "en_US", "$1,234,568", "$1,234,567.89"),
        ("1234567.891", "GBP", "en_GB", "£1,234,568", "£1,234,567.89"),
        ("1234567.891", "EUR", "de_DE", f"1.234.568{NBSP}€", f"1.234.567,89{NBSP}€"),
        ("1234.5", "EUR", "fr_FR", f"1{NNBSP}235{NBSP}€", f"1{NNBSP}234,50{NBSP}€"),
        ("1234567.891", "JPY", "ja_JP", "￥1,234,568", "￥1,234,568"),  # no decimals for yen, even with cents=True
        ("1234567.891", "JPY", "en_US", "¥1,234,568", "¥1,234,568"),
        ("0", "USD", "en_US", "$0", "$0.00"),
        ("-1234.5", "USD", "en_US", "-$1,235", "-$1,234.50"),  # half-up, away from zero
        ("2.5", "USD", "en_US", "$3", "$2.50"),  # half-up like round_money and Excel, not babel's half-even "$2"
        ("10.005", "USD", "en_US", "$10", "$10.01"),  # cents follow round_money: half-up
        ("-0.4", "USD", "en_US", "$0", "-$0.40"),  # a rounded zero has no sign
        ("-0.004", "USD", "en_US", "$0", "$0.00"),  # rounds to zero cents: no sign either
    ],
)
def test_money_reads_in_the_currency_and_locale(amount, currency, locale, whole, with_cents):
    assert fmt.money(D(amount), currency, locale) == whole
    assert fmt.money(D(amount), currency, locale, cents=True) == with_cents


@pytest.mark.parametrize(
    ("amount", "currency", "locale", "expected"),
    [
        ("950", "USD", "en_US", "$950"),
        ("1234567", "USD", "en_US", "$1.2M"),
        ("1500", "GBP", "en_GB", "£1.5K"),
        ("12345", "USD", "en_US", "$12.3K"),
        ("999949", "USD", "en_US", "$999.9K"),
        ("999999", "USD", "en_US", "$1M"),  # babel alone says "$1000K"
        ("999950", "USD", "en_US", "$1M"),  # half-up at the shown decimal
        ("-999999", "USD", "en_US", "-$1M"),
        ("123456789", "USD", "en_US", "$123.5M"),
        ("1234567", "EUR", "de_DE", f"1,2{NBSP}Mio.{NBSP}€"),
        ("123456789", "EUR", "de_DE", f"123,5{NBSP}Mio.{NBSP}€"),
        ("1500", "EUR", "de_DE", f"1.500{NBSP}€"),  # German has no short form for thousands: written in full
        ("999999", "EUR", "de_DE", f"999.999{NBSP}€"),
        ("12345", "JPY", "ja_JP", "￥1.2万"),  # Japanese counts in ten-thousands
        ("999999", "JPY", "ja_JP", "￥100万"),
    ],
)
def test_compact_money_shortens_headline_amounts(amount, currency, locale, expected):
    assert fmt.compact_money(D(amount), currency, locale) == expected


@pytest.mark.parametrize(
    ("value", "locale", "expected"),
    [("0.355", "en_US", "35.5%"), ("0.4", "en_US", "40%"), ("0.4", "de_DE", "40%"), ("0.355", "de_DE", "35,5%"),
     ("1", "en_US", "100%"), ("0", "en_US", "0%"), ("0.04", "en_GB", "4%"), ("0.4483", "en_US", "44.8%")],
)
def test_share_reads_as_a_percentage(value, locale, expected):
    assert fmt.share(D(value), locale) == expected


@pytest.mark.parametrize(
    ("figure", "value", "locale", "expected"),
    [
        # the exact fraction, rounded once, half-up: 25,700 of 269,240 is 9.5454...% (0.0955 rounded again read 9,6%)
        ("share", D(25700) / D(269240), "de_DE", "9,5%"),
        ("share", D(14400) / D(269240), "de_DE", "5,3%"),  # 5.3484...%, not 5,4%
        ("share", D(12000) / D(220084), "en_US", "5.5%"),  # 5.4525...%: babel's half-even read 5.4%
        ("share", D("0.0545"), "en_US", "5.5%"),  # a trailing 5 rounds up, like the money
        ("share", D("0.5625"), "en_US", "56.3%"),
        ("percent", D("12.25"), "en_US", "12.3%"),
        ("ratio", D("1.245"), "en_US", "1.25:1"),
        ("months", D("2.25"), "en_US", "2.3 months"),
        ("number", D("0.0625"), "en_US", "0.063"),
        ("score", D("6.125"), "en_US", "6.13"),
    ],
)
def test_every_figure_is_rounded_once_half_up_like_the_money(figure, value, locale, expected):
    assert getattr(fmt, figure)(value, locale) == expected


@pytest.mark.parametrize(
    ("value", "locale", "expected"),
    [("212.5", "en_US", "212.5%"), ("200.0", "en_US", "200%"), ("-25.0", "en_US", "-25%"), ("1234.5", "en_US", "1,234.5%"),
     ("212.5", "de_DE", "212,5%")],
)
def test_percent_reads_an_roi_already_multiplied_by_100(value, locale, expected):
    assert fmt.percent(D(value), locale) == expected


@pytest.mark.parametrize(
    ("value", "locale", "expected"),
    [("3.00", "en_US", "3.0:1"), ("1.76", "en_US", "1.76:1"), ("0.28", "en_US", "0.28:1"), ("3.00", "de_DE", "3,0:1"), ("12.5", "en_GB", "12.5:1")],
)
def test_ratio_reads_as_x_to_1(value, locale, expected):
    assert fmt.ratio(D(value), locale) == expected


@pytest.mark.parametrize(
    ("value", "locale", "expected"),
    [("2.2", "en_US", "2.2 months"), ("1.0", "en_US", "1 month"), ("1", "en_US", "1 month"), ("0.0", "en_US", "0 months"),
     ("12.6", "en_US", "12.6 months"), ("2.2", "de_DE", "2,2 months"), ("0.95", "en_US", "1 month")],
)
def test_months_reads_a_payback_period(value, locale, expected):
    assert fmt.months(D(value), locale) == expected


def test_undefined_figures_read_as_not_available_never_as_zero():
    nothing = Undefined("no costs entered")
    assert fmt.percent(nothing) == "n/a"
    assert fmt.ratio(nothing) == "n/a"
    assert fmt.months(nothing) == "no payback"


@pytest.mark.parametrize(("value", "locale", "expected"), [("12500.5", "en_US", "12,500.5"), ("12500.5", "de_DE", "12.500,5"), ("-3", "en_GB", "-3")])
def test_number_uses_the_locale_separators(value, locale, expected):
    assert fmt.number(D(value), locale) == expected


@pytest.mark.parametrize(
    ("currency", "locale", "expected"),
    [
        ("USD", "en_US", '"$"#,##0'),
        ("GBP", "en_GB", '"£"#,##0'),
        ("EUR", "de_DE", '#,##0" €"'),
        ("EUR", "fr_FR", '#,##0" €"'),
        ("JPY", "ja_JP", '"￥"#,##0'),
        ("EUR", "nl_NL", '"€ "#,##0'),  # Dutch writes "€ 1.234": the space is kept
        ("CHF", "de_CH", '"CHF "#,##0'),
    ],
)
def test_excel_money_format_puts_the_symbol_where_the_locale_does(currency, locale, expected):
    assert fmt.excel_money_format(currency, locale) == expected


@pytest.mark.parametrize("locale", ["en_US", "en_IN", "de_DE", "de_CH", "fr_FR", "nl_NL", "pt_BR", "sv_SE", "ja_JP", "fa_IR", "twq_NE", "he_IL"])
@pytest.mark.parametrize("currency", ["USD", "EUR"])
def test_the_text_the_excel_format_and_the_chart_axis_put_the_symbol_in_one_place(currency, locale):
    before, after = fmt.currency_affixes(currency, locale, " ")
    text = re.sub(r"[\u200e\u200f\u061c]", "", fmt.money(D(1), currency, locale))  # bidi marks are not placement
    digits = re.search(r"\d", text)
    assert (re.sub(r"\s", " ", text[:digits.start()]), re.sub(r"\s", " ", text[digits.end():])) == (before, after)
    assert fmt.excel_money_format(currency, locale) == (f'"{before}"#,##0' if before else f'#,##0"{after}"')
    assert vega_locale(currency, locale)["number"]["currency"] == [s.replace(" ", NBSP) for s in (before, after)]
