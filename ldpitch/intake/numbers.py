"""Numbers and dates as people write them in a spreadsheet: "1.234,56", "$12,500", "35%", "(1,200)", "31/03/2026".

A cell is read in the pitch's locale first and as found in the file second:
"1.234,56" is read the same in a US and a German pitch, because a number with
both marks says which one is the decimal mark. A number with only one kind of
mark follows the locale ("12.500" is twelve and a half in en_US, twelve
thousand five hundred in de_DE), except that a thousands mark must be followed
by groups of three digits ("1234,5" in en_US is read as 1234.5). Numbers
Excel stored as numbers are taken as they are (Excel stores 35% as 0.35).
Nothing here ever evaluates a formula: "=1+2" is text, and text is not a number.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from ldpitch import format as fmt
from ldpitch.intake.sheets import Unsaved


class NotRead(ValueError):
    """A cell that is not the number or date its column needs; ``str(e)`` says why, in words for people."""


_SPACES = " \u00a0\u202f\u2009"
_MINUS = "-\u2212\u2013"
_SYMBOLS = "$€£¥₹₩₽₺₪₫฿₦₱"
_CODE = re.compile(r"\b[A-Z]{3}\b")
_PLAIN = re.compile(r"-?\d+(?:\.\d+)?")
_GROUP_SPACE = re.compile(r"(?<=\d)[" + _SPACES + r"'](?=\d{3}(?:\D|$))")
_DIGITS = re.compile(r"^[0-9.,'’" + _SPACES + "]+$")


def number(cell: object, locale: str = "en_US", *, currency: str | None = None) -> Decimal:
    """The number in a cell: an Excel number as it is, text as people write it; ``NotRead`` if there is none.

    ``currency`` (the pitch's) lets an amount carry its sign or code; another
    currency's sign is refused, not converted. A trailing ``%`` divides by 100.

    >>> number("1.234,56"), number("1,234.56"), number("12 500 €", "fr_FR", currency="EUR")
    (Decimal('1234.56'), Decimal('1234.56'), Decimal('12500'))
    >>> number("$12,500", currency="USD"), number("35%"), number("(1,200)"), number(0.35)
    (Decimal('12500'), Decimal('0.35'), Decimal('-1200'), Decimal('0.35'))
    >>> number("12.500", "de_DE"), number("12.500", "en_US")
    (Decimal('12500'), Decimal('12.500'))
    >>> number("=1+2")
    Traceback (most recent call last):
    ...
    ldpitch.intake.numbers.NotRead: '=1+2' is not a number
    """
    if isinstance(cell, bool):
        raise NotRead(f"'{cell}' is not a number")
    if isinstance(cell, Unsaved):
        raise NotRead(f"this cell holds the formula {cell} without its value: open the file in Excel or LibreOffice, "
                      "save it and import it again")
    if isinstance(cell, int | Decimal):
        return Decimal(cell)
    if isinstance(cell, float):
        if cell != cell or cell in (float("inf"), float("-inf")):
            raise NotRead("this cell is not a number")
        return Decimal(repr(cell))
    if isinstance(cell, date | datetime):
        raise NotRead(f"{cell:%Y-%m-%d} is a date, not a number")
    text = str(cell if cell is not None else "").strip(_SPACES)
    if not text:
        raise NotRead("this cell is empty")
    if _PLAIN.fullmatch(text) and ("." not in text or fmt.number_marks(locale).decimal == "."):
        return Decimal(text)  # the common case, read at once: "88", "-5", "91.5"
    return _number_in_text(text, locale, currency)


def _number_in_text(text: str, locale: str, currency: str | None) -> Decimal:
    s = text
    negative = False
    if s.startswith("(") and s.endswith(")"):
        negative, s = True, s[1:-1].strip(_SPACES)
    percent = s.endswith("%")
    if percent:
        s = s[:-1].strip(_SPACES)
    s = _without_currency(s, text, currency).strip(_SPACES)
    if s[:1] in _MINUS:
        negative, s = not negative, s[1:].strip(_SPACES)
    elif s[-1:] in _MINUS:  # "1200-", as some ledgers print a credit
        negative, s = not negative, s[:-1].strip(_SPACES)
    if not s or not _DIGITS.match(s) or not any(c.isdigit() for c in s):
        raise NotRead(f"'{text}' is not a number")
    plain = _plain(s, locale)
    if plain is None:
        raise NotRead(f"'{text}' is not a number: its thousands marks are out of place")
    try:
        value = Decimal(plain)
    except InvalidOperation:
        raise NotRead(f"'{text}' is not a number") from None
    if percent:
        value = value / 100
    return -value if negative else value


@lru_cache(maxsize=32)
def _signs(currency: str | None) -> tuple[str, ...]:
    """How an amount of ``currency`` is marked in a cell ("US$", "$", "USD"), longest first."""
    if not currency:
        return ()
    ours = {currency, *(fmt.currency_symbol(currency, loc) for loc in ("en", "en_US", "en_GB", "de_DE", "fr_FR"))}
    return tuple(sorted(ours, key=len, reverse=True))


def _without_currency(s: str, text: str, currency: str | None) -> str:
    """``s`` without the pitch's currency sign or code; ``NotRead`` for another currency's."""
    for sym in _signs(currency):
        s = s.replace(sym, "")
    stray = [c for c in s if c in _SYMBOLS] or _CODE.findall(s)
    bare = "".join(c for c in _CODE.sub("", s) if c not in _SYMBOLS).strip(_SPACES + _MINUS)
    if stray and not _DIGITS.match(bare):  # "@SUM(A1)" is text, not an amount in "SUM"
        raise NotRead(f"'{text}' is not a number")
    if stray:
        if currency:
            raise NotRead(f"'{text}' is in another currency ({stray[0]}) than this pitch ({currency})")
        raise NotRead(f"'{text}' is an amount of money, not a plain number")
    return s


def _plain(s: str, locale: str) -> str | None:
    """Digits with at most one '.' for the decimal mark, or ``None`` if the marks make no sense."""
    if s.isdigit():
        return s
    marks = fmt.number_marks(locale)
    s = _GROUP_SPACE.sub("", s.replace("’", "'"))  # a space or apostrophe between digits groups thousands
    if any(c in s for c in _SPACES + "'"):
        return None
    dots, commas = s.count("."), s.count(",")
    if dots and commas:
        decimal_mark = "." if s.rfind(".") > s.rfind(",") else ","
    elif dots + commas == 0:
        return s
    else:
        mark = "." if dots else ","
        if dots + commas > 1:
            decimal_mark = "," if mark == "." else "."  # a mark that repeats groups thousands
        elif mark == marks.decimal or not re.search(rf"{re.escape(mark)}\d{{3}}$", s):
            decimal_mark = mark
        else:
            decimal_mark = "," if mark == "." else "."
    group_mark = "," if decimal_mark == "." else "."
    whole, _, fraction = s.partition(decimal_mark)
    if decimal_mark in fraction or group_mark in fraction:
        return None
    groups = whole.split(group_mark)
    if len(groups) > 1 and (not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:])):
        return None
    digits = "".join(groups)
    return f"{digits or '0'}.{fraction}" if fraction else digits


# --- dates ----------------------------------------------------------------------------------------

_MONTHS = {m: i for i, names in enumerate((
    ("jan", "january", "janv", "janvier", "januar", "ene", "enero"),
    ("feb", "february", "févr", "fevr", "février", "februar", "febrero"),
    ("mar", "march", "mars", "märz", "marz", "marzo"),
    ("apr", "april", "avr", "avril", "abr", "abril"),
    ("may", "mai", "mayo"),
    ("jun", "june", "juin", "juni", "junio"),
    ("jul", "july", "juil", "juillet", "juli", "julio"),
    ("aug", "august", "août", "aout", "ago", "agosto"),
    ("sep", "sept", "september", "septembre", "septiembre"),
    ("oct", "october", "octobre", "okt", "oktober", "octubre"),
    ("nov", "november", "novembre", "noviembre"),
    ("dec", "december", "déc", "decembre", "décembre", "dez", "dezember", "dic", "diciembre"),
), start=1) for m in names}

_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")
_NUMERIC = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})(?: [\d:]+(?: ?[AaPp][Mm])?)?$")
_WORDS = re.compile(r"^(?:(\d{1,2})\.? ?([^\W\d_]+)\.?,? (\d{4})|([^\W\d_]+)\.? (\d{1,2}),? (\d{4}))$")
_MONTH_YEAR = re.compile(r"^([^\W\d_]+)\.?[ -](\d{4})$|^(\d{4})-(\d{2})$")


def _month(name: str) -> int:
    try:
        return _MONTHS[name.lower()]
    except KeyError:
        raise ValueError(name) from None


def month_first(locale: str) -> bool:
    """Whether the locale writes a numeric date month first (3/31/2026), as the United States do."""
    return locale.endswith(("_US", "_PH")) or locale in {"en", "en_US_POSIX"}


def day(cell: object, locale: str = "en_US") -> date:
    """The date in a cell: Excel's own dates as they are, text in ISO, numeric or worded forms; ``NotRead`` if none.

    A numeric date is read day first or month first by the locale, unless its
    numbers say otherwise (31/03/2026 can only be day first). A month alone
    ("Mar 2026", "2026-03") is read as its last day: a monthly report's reading.

    >>> day("2026-03-31"), day("31/03/2026"), day("03/31/2026"), day("31.03.2026", "de_DE")
    (datetime.date(2026, 3, 31), datetime.date(2026, 3, 31), datetime.date(2026, 3, 31), datetime.date(2026, 3, 31))
    >>> day("04/03/2026"), day("04/03/2026", "en_GB"), day("Mar 31, 2026"), day("March 2026")
    (datetime.date(2026, 4, 3), datetime.date(2026, 3, 4), datetime.date(2026, 3, 31), datetime.date(2026, 3, 31))
    """
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    if isinstance(cell, int | float | Decimal) and not isinstance(cell, bool):
        raise NotRead(f"'{cell}' is a number, not a date")
    text = " ".join(str(cell if cell is not None else "").split())
    if not text:
        raise NotRead("this cell is empty")
    try:
        return _date_in_text(text, locale)
    except ValueError:
        raise NotRead(f"'{text}' is not a date (write it like 2026-03-31)") from None


def _date_in_text(text: str, locale: str) -> date:
    if m := _ISO.match(text):
        return date(int(m[1]), int(m[2]), int(m[3]))
    if m := _NUMERIC.match(text):
        a, b, year = int(m[1]), int(m[2]), int(m[3])
        year += 2000 if year < 100 else 0
        if a > 12 or (b <= 12 and not month_first(locale)):
            return date(year, b, a)
        return date(year, a, b)
    if m := _WORDS.match(text):
        d, month, year = (m[1], m[2], m[3]) if m[1] else (m[5], m[4], m[6])
        return date(int(year), _month(month), int(d))
    if m := _MONTH_YEAR.match(text):
        year, month = (int(m[2]), _month(m[1])) if m[1] else (int(m[3]), int(m[4]))
        nxt = date(year + month // 12, month % 12 + 1, 1)
        return date.fromordinal(nxt.toordinal() - 1)
    raise ValueError(text)
