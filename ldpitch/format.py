"""How figures read to people: money, shares, ratios and months in the pitch's currency and locale.

The one place that formats numbers for display (app, deck, notes, CLI) and the
one reader of babel's CLDR data: where the currency symbol goes (``currency_affixes``,
shared by the text, the Excel number formats and the chart axes), the locale's
number marks, its name, and how a number typed in it reads (``read_decimal``).
Every figure is rounded once, half-up like the money, from the value it is
given (``half_up``), never left to babel's half-even rounding.
babel is imported on first use so that computing figures never pays for loading it.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import NamedTuple

from ldpitch.pitch import Figure, Undefined, round_money

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

    Rounding is half-up, like ``money.round_money`` and Excel (babel alone
    would round half-even: 2.50 would read "$2"), and a rounded zero has no sign.

    >>> money(Decimal("2.5"), "USD"), money(Decimal("-0.4"), "USD")
    ('$3', '$0')
    """
    if cents:
        return _money_text(str(_unsigned_zero(round_money(amount, currency))), currency, locale, True)
    return _money_text(str(_unsigned_zero(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))), currency, locale, False)


@lru_cache(maxsize=4096)
def _money_text(amount: str, currency: str, locale: str, cents: bool) -> str:
    """An amount already rounded (its exact decimal text) as ``locale`` writes it; each written once (see ``_percent_text``)."""
    n = _numbers()
    if cents:
        return n.format_currency(Decimal(amount), currency, locale=locale)
    return n.format_currency(Decimal(amount), currency, locale=locale, format=_whole_pattern(locale), currency_digits=False)


def _unsigned_zero(value: Decimal) -> Decimal:
    return value if value else abs(value)


@lru_cache(maxsize=64)
def _currency_pattern(locale: str) -> str:
    """The locale's standard currency pattern for positive amounts (``¤#,##0.00``, ``#,##0.00\xa0¤``)."""
    from babel import Locale

    return Locale.parse(locale).currency_formats["standard"].pattern.split(";")[0]


@lru_cache(maxsize=64)
def _whole_pattern(locale: str) -> str:
    return _currency_pattern(locale).replace("#,##0.00", "#,##0").replace("0.00", "0")


def currency_symbol(currency: str, locale: str = "en_US") -> str:
    """The symbol of ``currency`` as the locale writes it.

    >>> currency_symbol("USD"), currency_symbol("USD", "en_CA"), currency_symbol("EUR", "de_DE")
    ('$', 'US$', '€')
    """
    return _numbers().get_currency_symbol(currency, locale=locale)


@lru_cache(maxsize=256)
def currency_affixes(currency: str, locale: str = "en_US", space: str = "\u00a0") -> tuple[str, str]:
    """What goes before and after the digits of an amount: the symbol on the locale's side, ``space`` between if the locale spaces it.

    The one decision of currency placement: the Excel and PowerPoint number
    formats (``excel_money_format``) and the chart axes read it from here.

    >>> currency_affixes("USD"), currency_affixes("EUR", "de_DE", " "), currency_affixes("EUR", "nl_NL")
    (('$', ''), ('', ' €'), ('€\xa0', ''))
    """
    pattern = _currency_pattern(locale)
    sign = pattern.index("¤")
    first = min(pattern.index(d) for d in "#0" if d in pattern)
    last = max(pattern.rindex(d) for d in "#0" if d in pattern)
    before = sign < first
    gap = space if any(c.isspace() for c in (pattern[sign + 1:first] if before else pattern[last + 1:sign])) else ""
    symbol = currency_symbol(currency, locale)
    return (symbol + gap, "") if before else ("", gap + symbol)


class NumberMarks(NamedTuple):
    """The characters a locale writes numbers with."""

    decimal: str
    group: str
    minus: str


@lru_cache(maxsize=64)
def number_marks(locale: str = "en_US") -> NumberMarks:
    """The locale's decimal mark, thousands mark and minus sign.

    >>> number_marks("de_DE")
    NumberMarks(decimal=',', group='.', minus='-')
    """
    n = _numbers()
    return NumberMarks(n.get_decimal_symbol(locale), n.get_group_symbol(locale), n.get_minus_sign_symbol(locale))


@lru_cache(maxsize=1)
def currency_codes() -> frozenset[str]:
    """Every ISO 4217 currency code babel knows ("EUR", "GBP", ...), to tell a currency named in a header from other capitals.

    >>> {"EUR", "GBP", "JPY"} <= currency_codes(), "FTE" in currency_codes()
    (True, False)
    """
    return frozenset(_numbers().list_currencies())


def locale_name(locale: str) -> str:
    """The locale's own name for itself.

    >>> locale_name("de_CH")
    'Deutsch (Schweiz)'
    """
    from babel import Locale

    return Locale.parse(locale).display_name


class NotANumber(ValueError):
    """Text that is not a number in the locale; ``suggestion`` is what was probably meant, if babel sees one."""

    def __init__(self, text: str, suggestion: str | None = None):
        super().__init__(text)
        self.suggestion = suggestion


def read_decimal(text: str, locale: str = "en_US") -> Decimal:
    """A number written with the locale's marks, read strictly (a misplaced thousands mark is refused).

    >>> read_decimal("12.500,5", "de_DE")
    Decimal('12500.5')
    >>> try:
    ...     read_decimal("12,5,00")
    ... except NotANumber as e:
    ...     print(e.suggestion)
    12,500
    """
    n = _numbers()
    try:
        return n.parse_decimal(text, locale=locale, strict=True)
    except n.NumberFormatError as e:
        raise NotANumber(text, (getattr(e, "suggestions", None) or [None])[0]) from None


def compact_money(amount: Decimal, currency: str, locale: str = "en_US") -> str:
    """A short form for headlines and chart labels.

    >>> compact_money(Decimal(1234567), "USD")
    '$1.2M'
    >>> compact_money(Decimal(950), "USD")
    '$950'

    Rounded before the unit is chosen, so 999,999 reads "$1M" (not babel's
    "$1000K"); a locale with no short form for the amount (German thousands)
    gets it written out in full.

    >>> compact_money(Decimal(999999), "USD"), compact_money(Decimal(1500), "EUR", "de_DE")
    ('$1M', '1.500\\xa0€')
    """
    shown = None if abs(amount) < 1000 else _compact_shown(amount, locale)
    if shown is None:
        return money(amount, currency, locale)
    return _numbers().format_compact_currency(shown, currency, locale=locale, fraction_digits=1)


def _compact_shown(amount: Decimal, locale: str) -> Decimal | None:
    """``amount`` rounded half-up to the one decimal its compact form shows, or None if the
    locale writes amounts of this size in full (same unit choice as babel's compact formatting)."""
    from babel import Locale
    from babel.numbers import parse_pattern

    formats = Locale.parse(locale).compact_currency_formats["short"]["other"]
    for magnitude in sorted((int(m) for m in formats), reverse=True):
        if abs(amount) >= magnitude:
            pattern = parse_pattern(formats[str(magnitude)]).pattern
            if pattern == "0":
                return None
            unit = Decimal(magnitude // 10 ** (pattern.count("0") - 1))
            return (amount / unit).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP) * unit
    return None


def half_up(value: Decimal, places: int) -> Decimal:
    """``value`` rounded half-up to ``places`` decimals, the one rounding every displayed figure gets.

    babel rounds half-even when a pattern has fewer decimals than the value
    (9.545% would read 9.5%, 5.45% would read 5.4%); rounding here first, to
    exactly the decimals the pattern shows, leaves babel nothing to round. A
    value with fewer decimals is returned unchanged, and a rounded zero has
    no sign.

    >>> half_up(Decimal("0.05452"), 3), half_up(Decimal("2.25"), 1), half_up(Decimal("7"), 2), half_up(Decimal("-0.04"), 1)
    (Decimal('0.055'), Decimal('2.3'), Decimal('7'), Decimal('0.0'))
    """
    if not isinstance(value, Decimal) or not value.is_finite() or value.as_tuple().exponent >= -places:
        return value
    return _unsigned_zero(value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def share(value: Decimal, locale: str = "en_US") -> str:
    """A fraction as a percentage, up to one decimal, rounded once, half-up, from the value given.

    >>> share(Decimal("0.355"))
    '35.5%'
    >>> share(Decimal("0.4"), "de_DE")
    '40%'

    Pass the exact fraction, not one already rounded: 25,700 of 269,240 is
    9.545...%, which reads 9.5%; rounded first to 0.0955 it would read 9.6%.

    >>> share(Decimal(25700) / Decimal(269240), "de_DE"), share(Decimal("0.05452"))
    ('9,5%', '5.5%')
    """
    return _percent_text(str(half_up(value, 3)), locale)


def percent(value: Figure, locale: str = "en_US") -> str:
    """An ROI percentage (already x100), or "n/a"; one decimal, rounded half-up.

    >>> percent(Decimal("212.5")), percent(Decimal("12.25"))
    ('212.5%', '12.3%')
    """
    if isinstance(value, Undefined):
        return NOT_AVAILABLE
    return _percent_text(str(half_up(value, 1) / 100), locale)


@lru_cache(maxsize=4096)
def _percent_text(fraction: str, locale: str) -> str:
    """A fraction (as its exact decimal text) written as a percentage with up to one decimal, as ``locale`` writes it.

    The same few hundred percentages are written on every run of a page (a chart's axis
    steps, a histogram's bins, the metrics), and babel looks the locale and the pattern up
    again on every call (about 50 microseconds each, a tenth of a chart's build): each is
    written once here. The text of the value is the key, so 0.2 and 0.20 are asked apart.
    """
    return _numbers().format_percent(Decimal(fraction), locale=locale, format="#,##0.#%")


def ratio(value: Figure, locale: str = "en_US") -> str:
    """A benefit-cost ratio read as "x:1", to two decimals at most, rounded half-up.

    >>> ratio(Decimal("3.00")), ratio(Decimal("1.245"))
    ('3.0:1', '1.25:1')
    """
    if isinstance(value, Undefined):
        return NOT_AVAILABLE
    return _numbers().format_decimal(half_up(value, 2), locale=locale, format="#,##0.0#") + ":1"


def months(value: Figure, locale: str = "en_US") -> str:
    """A payback period in months, to one decimal, rounded half-up.

    >>> months(Decimal("2.2")), months(Decimal("1.0")), months(Decimal("2.25"))
    ('2.2 months', '1 month', '2.3 months')
    """
    if isinstance(value, Undefined):
        return "no payback"
    n = _numbers()
    text = n.format_decimal(half_up(value, 1), locale=locale, format="#,##0.#")
    return f"{text} month" if text == n.format_decimal(1, locale=locale) else f"{text} months"


def number(value: Decimal, locale: str = "en_US") -> str:
    """A plain number with the locale's separators, up to three decimals, rounded half-up.

    >>> number(Decimal("12500.5")), number(Decimal("0.0625"))
    ('12,500.5', '0.063')
    """
    return _numbers().format_decimal(half_up(value, 3), locale=locale)


def excel_money_format(currency: str, locale: str = "en_US") -> str:
    """The Excel / PowerPoint number format for whole amounts in this currency.

    Charts and workbooks need a format code rather than formatted text; it is
    built from the same currency setting as ``money``.

    >>> excel_money_format("USD")
    '"$"#,##0'
    >>> excel_money_format("EUR", "de_DE")
    '#,##0" €"'
    >>> excel_money_format("EUR", "nl_NL")
    '"€ "#,##0'
    """
    before, after = currency_affixes(currency, locale, " ")
    return f'"{before}"#,##0' if before else f'#,##0"{after}"'


def score(value: Decimal, locale: str = "en_US") -> str:
    """A weighted score with two fixed decimals (rounded half-up), so a column of scores lines up.

    >>> score(Decimal("6")), score(Decimal("7.55"), "de_DE"), score(Decimal("6.125"))
    ('6.00', '7,55', '6.13')
    """
    return _numbers().format_decimal(half_up(value, 2), locale=locale, format="#,##0.00")


def date(value, locale: str = "en_US") -> str:
    """A date in the locale's medium form; "to be set" when there is none.

    >>> import datetime
    >>> date(datetime.date(2027, 3, 15)), date(datetime.date(2027, 3, 15), "de_DE"), date(None)
    ('Mar 15, 2027', '15.03.2027', 'to be set')
    """
    if value is None:
        return "to be set"
    from babel.dates import format_date  # deferred like babel.numbers above

    return format_date(value, format="medium", locale=locale)
