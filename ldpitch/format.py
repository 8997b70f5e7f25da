"""How figures read to people: money, shares, ratios and months in the pitch's currency and locale.

The one place that formats numbers for display (app, deck, notes, CLI). Built
on babel's CLDR data; babel is imported on first use so that computing figures
never pays for loading it.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from ldpitch.finance import Figure, Undefined

NOT_AVAILABLE = "n/a"


@lru_cache(maxsize=64)
def _numbers():
    import babel.numbers  # deferred: see module docstring

    return babel.numbers


def money(amount: Decimal, currency: str, locale: str = "en_US", *, cents: bool = False) -> str:
    """An amount in the pitch's currency: whole units by default, cents when asked.

    >>> money(Decimal("1234567.891"), "USD")
    '$1,234,568'
    >>> money(Decimal("1234.5"), "EUR", "de_DE", cents=True)
    '1.234,50\\xa0€'
    """
    n = _numbers()
    if cents:
        return n.format_currency(amount, currency, locale=locale)
    return n.format_currency(amount, currency, locale=locale, format=_whole_pattern(locale), currency_digits=False)


@lru_cache(maxsize=64)
def _whole_pattern(locale: str) -> str:
    from babel import Locale

    pattern = Locale.parse(locale).currency_formats["standard"].pattern.split(";")[0]
    return pattern.replace("#,##0.00", "#,##0").replace("0.00", "0")


def compact_money(amount: Decimal, currency: str, locale: str = "en_US") -> str:
    """A short form for headlines and chart labels.

    >>> compact_money(Decimal(1234567), "USD")
    '$1.2M'
    >>> compact_money(Decimal(950), "USD")
    '$950'
    """
    if abs(amount) < 1000:
        return money(amount, currency, locale)
    return _numbers().format_compact_currency(amount, currency, locale=locale, fraction_digits=1)


def share(value: Decimal, locale: str = "en_US") -> str:
    """A fraction as a percentage, up to one decimal.

    >>> share(Decimal("0.355"))
    '35.5%'
    >>> share(Decimal("0.4"), "de_DE")
    '40%'
    """
    return _numbers().format_percent(value, locale=locale, format="#,##0.#%")


def percent(value: Figure, locale: str = "en_US") -> str:
    """An ROI percentage (already x100), or "n/a".

    >>> percent(Decimal("212.5"))
    '212.5%'
    """
    if isinstance(value, Undefined):
        return NOT_AVAILABLE
    return _numbers().format_percent(value / 100, locale=locale, format="#,##0.#%")


def ratio(value: Figure, locale: str = "en_US") -> str:
    """A benefit-cost ratio read as "x:1".

    >>> ratio(Decimal("3.00"))
    '3.0:1'
    """
    if isinstance(value, Undefined):
        return NOT_AVAILABLE
    return _numbers().format_decimal(value, locale=locale, format="#,##0.0#") + ":1"


def months(value: Figure, locale: str = "en_US") -> str:
    """A payback period in months.

    >>> months(Decimal("2.2")), months(Decimal("1.0"))
    ('2.2 months', '1 month')
    """
    if isinstance(value, Undefined):
        return "no payback"
    text = _numbers().format_decimal(value, locale=locale, format="#,##0.#")
    return f"{text} month" if value == 1 else f"{text} months"


def number(value: Decimal, locale: str = "en_US") -> str:
    """A plain number with the locale's separators.

    >>> number(Decimal("12500.5"))
    '12,500.5'
    """
    return _numbers().format_decimal(value, locale=locale)


def excel_money_format(currency: str, locale: str = "en_US") -> str:
    """The Excel / PowerPoint number format for whole amounts in this currency.

    Charts and workbooks need a format code rather than formatted text; it is
    built from the same currency setting as ``money``.

    >>> excel_money_format("USD")
    '"$"#,##0'
    >>> excel_money_format("EUR", "de_DE")
    '#,##0" €"'
    """
    symbol = _numbers().get_currency_symbol(currency, locale=locale)
    pattern = _whole_pattern(locale)
    if pattern.startswith("¤"):
        return f'"{symbol}"#,##0'
    return f'#,##0" {symbol}"'
