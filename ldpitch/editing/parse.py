"""What people type -> pitch values: money in their locale, numbers, lists, and fields set through validation.

The app's inputs hand plain values (text, numbers, ``None``) to these pure
functions and get back a value the pitch can hold or a new validated
``Pitch``; anything it cannot take is an ``EditError`` whose message says why
in words, never a traceback. Money is typed the way people write it in the
pitch's locale ("$12,500", "12.500 €") and read by ``parse_money``. Tables
of the pitch are edited row by row through ``ldpitch.editing.rows``.

One edit path: a typed value is parsed once, into the type the pitch holds
(``Decimal``, ``int``, ``date``...), and a change makes the new pitch with one
validation (``replaced``): the parts it does not touch are handed over as the
valid parts they are, never dumped to text and read back.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic import BaseModel, ValidationError

from ldpitch import format as fmt
from ldpitch.pitch import MAX_AMOUNT, Pitch, minor_unit


class EditError(ValueError):
    """An input the pitch cannot take; ``str(e)`` says why, in words for people."""


class MoneyInputError(EditError):
    """Text that is not an amount in the pitch's currency and locale."""


# --- money typed by people ----------------------------------------------------------------------

_OTHER_SYMBOLS = "$€£¥₹₩₽₺₪₫฿₦₱"
_SPACES = " \u00a0\u202f"


def money_example(currency: str, locale: str) -> str:
    """How an amount is written in this currency and locale, for messages and placeholders."""
    return fmt.money(Decimal(12500), currency, locale)


def parse_money(value: object, currency: str, locale: str) -> Decimal:
    """Read an amount typed in the pitch's locale, with or without the currency sign and thousand marks.

    >>> parse_money("$12,500", "USD", "en_US"), parse_money("12.500 €", "EUR", "de_DE")
    (Decimal('12500'), Decimal('12500'))
    >>> parse_money("12,5,00", "USD", "en_US")
    Traceback (most recent call last):
    ...
    ldpitch.editing.parse.MoneyInputError: '12,5,00' is not an amount: write it like $12,500 (did you mean 12,500?).
    """
    if isinstance(value, bool):
        raise MoneyInputError(f"Enter an amount, for example {money_example(currency, locale)}.")
    if isinstance(value, int | float | Decimal):
        if isinstance(value, float) and not math.isfinite(value):
            raise MoneyInputError(f"Enter an amount, for example {money_example(currency, locale)}.")
        amount = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        return _checked_amount(amount, str(value), currency)
    text = str(value or "").strip()
    if not text:
        raise MoneyInputError(f"Enter an amount, for example {money_example(currency, locale)}.")
    s = text
    if s.startswith(("-", "−", "(")):
        raise MoneyInputError(f"'{text}' is negative: enter costs, funding and prices as positive amounts.")
    ours = {fmt.currency_symbol(currency, locale), fmt.currency_symbol(currency, "en"), currency}
    for sym in sorted(ours, key=len, reverse=True):
        s = s.replace(sym, "")
    stray = [c for c in s if c in _OTHER_SYMBOLS] or re.findall(r"[A-Z]{3}", s)
    if stray:
        raise MoneyInputError(f"This pitch is in {currency}, but '{text}' is in another currency ({stray[0]}).")
    s = s.strip(_SPACES)
    group = fmt.number_marks(locale).group
    if group in _SPACES:  # people type a plain space where the locale prints a narrow one
        s = re.sub(rf"(?<=\d)[{_SPACES}](?=\d)", group, s)
    if group == "’":
        s = s.replace("'", "’")
    try:
        amount = fmt.read_decimal(s, locale)
    except fmt.NotANumber as e:
        hint = f" (did you mean {e.suggestion}?)" if e.suggestion else ""
        raise MoneyInputError(f"'{text}' is not an amount: write it like {money_example(currency, locale)}{hint}.") from None
    return _checked_amount(amount, text, currency)


def _checked_amount(amount: Decimal, text: str, currency: str) -> Decimal:
    if not amount.is_finite():
        raise MoneyInputError(f"'{text}' is not an amount.")
    if amount < 0:
        raise MoneyInputError(f"'{text}' is negative: enter costs, funding and prices as positive amounts.")
    if amount > MAX_AMOUNT:
        raise MoneyInputError(f"'{text}' is more than any pitch can hold ({MAX_AMOUNT:,}).")
    places = -minor_unit(currency).as_tuple().exponent
    if amount != amount.quantize(minor_unit(currency)):
        raise MoneyInputError(f"'{text}' has more decimals than {currency} uses (at most {places}).")
    return amount


def money_text(amount: Decimal | None, currency: str, locale: str) -> str:
    """An amount as an editable cell shows it: whole units unless it has cents, so nothing is lost."""
    if amount is None:
        return ""
    return fmt.money(amount, currency, locale, cents=amount != amount.to_integral_value())


def split_lines(text: str | None) -> list[str]:
    """A list typed one item per line (or separated by semicolons), blanks dropped.

    >>> split_lines("Output per shift\\n; Scrap rate \\n\\n")
    ['Output per shift', 'Scrap rate']
    """
    return [part.strip() for part in re.split(r"[;\n]", text or "") if part.strip()]


def share_from_percent(value: float | int | Decimal | None) -> Decimal | None:
    """A percentage typed by a person (40) as the share the pitch stores (0.4)."""
    return None if value is None else Decimal(repr(value) if isinstance(value, float) else value) / 100


def percent_from_share(value: Decimal | None) -> float | None:
    """A stored share (0.4) as the percentage a person edits (40.0)."""
    return None if value is None else float(value * 100)


# --- fields --------------------------------------------------------------------------------------


def get_path(pitch: BaseModel, path: str) -> Any:
    """The value at a dotted path such as ``initiative.name`` or ``stakeholders.2.objections``."""
    obj: Any = pitch
    for part in path.split("."):
        obj = obj[int(part)] if part.isdigit() else getattr(obj, part)
    return obj


def set_in(data: dict, path: str, value: Any) -> None:
    *parents, last = path.split(".")
    obj: Any = data
    for part in parents:
        obj = obj[int(part)] if part.isdigit() else obj[part]
    obj[int(last) if last.isdigit() else last] = value


def fields_of(part: BaseModel) -> dict[str, Any]:
    """A part's fields as a new dict of the values it holds (nested parts stay parts: valid already)."""
    return {name: getattr(part, name) for name in type(part).model_fields}


def opened(pitch: Pitch, path: str) -> dict[str, Any]:
    """The pitch's fields, with each part and list on the way to ``path`` copied so that ``set_in`` can change them.

    Nothing of ``pitch`` is changed; the parts off the path are shared with it
    (they are immutable), so validating the result reads only what is new.
    """
    data = fields_of(pitch)
    obj: Any = data
    for part in path.split(".")[:-1]:
        key = int(part) if part.isdigit() else part
        inner = obj[key]
        obj[key] = fields_of(inner) if isinstance(inner, BaseModel) else list(inner) if isinstance(inner, list) else dict(inner)
        obj = obj[key]
    return data


def opened_list(data: dict[str, Any], name: str) -> list[dict[str, Any]]:
    """The list ``data[name]`` (from ``opened``) as new dicts, one per item, to change in place (a rename that follows)."""
    data[name] = [item if isinstance(item, dict) else item.model_dump() for item in data[name]]
    return data[name]


def replaced(pitch: Pitch, path: str, value: Any) -> Pitch:
    """A new pitch with the value at ``path`` replaced, validated once, or ``EditError`` saying why it cannot be.

    >>> p = replaced(Pitch(), "initiative.development_weeks", Decimal(6))
    >>> p.initiative.development_weeks, Pitch().initiative.development_weeks
    (Decimal('6'), None)
    """
    data = opened(pitch, path)
    set_in(data, path, value)
    return validated(data)


def set_field(pitch: Pitch, path: str, value: Any) -> Pitch:
    """A new pitch with the value at ``path`` replaced, or ``EditError`` saying why it cannot be."""
    return replaced(pitch, path, value)


def validated(data: dict) -> Pitch:
    """``Pitch.model_validate`` with problems turned into one readable ``EditError``."""
    try:
        return Pitch.model_validate(data)
    except ValidationError as e:
        raise EditError("; ".join(problem_in_words(err) for err in e.errors(include_url=False))) from None


def problem_in_words(err: dict, headers: dict[str, str] | None = None) -> str:
    """One pydantic error as a person reads it: ``Amount: must be at least 0``."""
    loc = [p for p in err["loc"] if not isinstance(p, int)]
    name = (headers or {}).get(str(loc[0]), str(loc[0]).replace("_", " ").capitalize()) if loc else ""
    ctx, kind = err.get("ctx") or {}, err["type"]
    msg = {
        "missing": "fill it in",
        "greater_than_equal": f"must be at least {ctx.get('ge')}",
        "less_than_equal": f"must be at most {ctx.get('le')}",
        "string_too_long": f"is too long (at most {ctx.get('max_length')} characters)",
        "too_long": f"has too many entries (at most {ctx.get('max_length')})",
        "decimal_max_places": f"has too many decimals (at most {ctx.get('decimal_places')})",
        "decimal_max_digits": "is too large",
        "enum": "choose one of the listed values",
        "literal_error": "choose one of the listed values",
    }.get(kind, err["msg"].removeprefix("Value error, "))
    return f"{name}: {msg}" if name else msg


def filled(value: object) -> bool:
    if value is None:
        return False
    if isinstance(value, float) and math.isnan(value):
        return False
    return not (isinstance(value, str) and not value.strip())


def parse_number(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise EditError(f"'{value}' is not a number")
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation:
        raise EditError(f"'{value}' is not a number") from None
    if not number.is_finite():
        raise EditError(f"'{value}' is not a number")
    return number
