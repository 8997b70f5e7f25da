"""Rows of a budget sheet -> cost lines: item, category, cadence, amount and note, each row's problems on that row.

A category is read from its own column or, failing that, from the item's
words ("Facilitator fees" is delivery); anything else is "other" and the
preview says so. A monthly or quarterly amount becomes the yearly amount it
adds up to, and the note says so. A row that looks like a total is refused:
ldpitch adds the lines up itself, and importing the total would count it twice.
"""

from __future__ import annotations

import re
from decimal import Decimal

from pydantic import ValidationError

from ldpitch import format as fmt
from ldpitch.intake.mapping import Field
from ldpitch.intake.numbers import NotRead, number
from ldpitch.intake.preview import Problem, Taken
from ldpitch.intake.sheets import Unsaved
from ldpitch.pitch import MAX_AMOUNT, CostCategory, CostLine, Pitch, minor_unit, round_to

FIELDS = (
    Field("item", "Item", ("line item", "cost item", "description", "expense", "name", "label", "what", "cost")),
    Field("category", "Category", ("cost category", "cost type", "type", "kind", "account", "group")),
    Field("cadence", "Cadence", ("frequency", "recurrence", "recurring", "one time or recurring", "period", "billing", "timing")),
    Field("amount", "Amount", ("cost", "total", "value", "budget", "price", "spend", "sum", "amount usd", "usd", "eur", "gbp"), required=True),
    Field("note", "Note", ("notes", "comment", "comments", "remarks", "source", "assumption", "basis")),
)

#: Words that say which category a cost belongs to, checked in this order.
_CATEGORY_WORDS: tuple[tuple[CostCategory, tuple[str, ...]], ...] = (
    (CostCategory.participant_time, ("participant", "time away", "learner time", "attendee time", "salar", "wages", "backfill")),
    (CostCategory.needs_analysis, ("needs analysis", "needs assessment", "analysis", "assessment of needs", "discovery")),
    (CostCategory.design_development, ("design", "development", "develop", "authoring", "instructional", "storyboard", "build")),
    (CostCategory.content_licences, ("licence", "license", "content", "subscription", "seat", "library", "course fee")),
    (CostCategory.hardware_software, ("hardware", "software", "lms", "platform", "laptop", "tablet", "device", "headset", "vr", "server")),
    (CostCategory.delivery, ("facilitat", "trainer", "instructor", "delivery", "coach", "speaker", "teaching")),
    (CostCategory.venue_travel_materials, ("venue", "travel", "material", "catering", "room", "hotel", "flight", "printing", "food")),
    (CostCategory.administration, ("admin", "overhead", "coordination", "project manage", "management fee")),
    (CostCategory.evaluation, ("evaluation", "reporting", "measurement", "survey", "analytics")),
)

_CADENCE_WORDS: tuple[tuple[str, int, tuple[str, ...]], ...] = (
    ("per_year", 12, ("monthly", "per month", "a month", "each month", "every month", "/month", "/mo", "pm")),
    ("per_year", 4, ("quarterly", "per quarter", "a quarter", "each quarter", "every quarter")),
    ("per_year", 1, ("per year", "a year", "annual", "annually", "yearly", "every year", "each year", "recurring", "p.a", "pa",
                     "/year", "/yr", "ongoing", "opex", "per_year", "run")),
    ("one_time", 1, ("one-time", "one time", "once", "one off", "one-off", "upfront", "up front", "capex", "setup", "set-up",
                     "one_time", "initial", "fixed", "non-recurring", "nonrecurring", "non recurring")),
)
_TOTAL = re.compile(r"^\s*(grand\s+|sub\s*-?\s*)?totals?\b|^\s*sum\b", re.I)


def category_of(text: str) -> CostCategory | None:
    """The cost category ``text`` names or describes, or ``None``.

    >>> category_of("Facilitator fees"), category_of("design and development"), category_of("Snacks")
    (<CostCategory.delivery: 'delivery (facilitators)'>, <CostCategory.design_development: 'design and development'>, None)
    """
    t = " ".join(text.casefold().split())
    for c in CostCategory:
        if t == c.value or t == c.name.replace("_", " "):
            return c
    for c, words in _CATEGORY_WORDS:
        if any(w in t for w in words):
            return c
    return None


def cadence_of(text: str) -> tuple[str, int] | None:
    """The cadence a cell names and how many times a year its amount recurs (12 for monthly), or ``None``.

    >>> cadence_of("Annual"), cadence_of("monthly"), cadence_of("One-off"), cadence_of("Non-recurring"), cadence_of("sometimes")
    (('per_year', 1), ('per_year', 12), ('one_time', 1), ('one_time', 1), None)
    """
    t = " ".join(text.casefold().split())
    for cadence, times, words in _CADENCE_WORDS:
        if t in words:
            return cadence, times
    # The longest word found wins: "non-recurring" over "recurring", "once a year" is "a year" over "once".
    found = [(len(w), cadence, times) for cadence, times, words in _CADENCE_WORDS for w in words if len(w) > 3 and w in t]
    return max(found)[1:] if found else None


def text_of(cell: object) -> str:
    """A cell as the text a field holds: numbers without float noise, empty for nothing."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return " ".join(str(cell).split())


def _money(amount: Decimal, pitch: Pitch) -> str:
    """An amount as people read it in the pitch's currency and locale, cents shown only when it has them."""
    return fmt.money(amount, pitch.currency, pitch.locale, cents=amount != amount.to_integral_value())


def money_in(cell: object, column: str, row: int, pitch: Pitch, problems: list[Problem], notes: list[str]) -> Decimal | None:
    """A positive amount of the pitch's currency in a cell, rounded to its minor unit (and said so), or ``None`` with a problem."""
    try:
        amount = number(cell, pitch.locale, currency=pitch.currency)
    except NotRead as e:
        hint = "" if isinstance(cell, Unsaved) else f"; write an amount like {fmt.money(Decimal(12500), pitch.currency, pitch.locale)}"
        problems.append(Problem(row, column, f"{e}{hint}"))
        return None
    if amount < 0:
        problems.append(Problem(row, column, f"{text_of(cell)} is negative: enter costs and values as positive amounts"))
        return None
    if amount > MAX_AMOUNT:
        problems.append(Problem(row, column, f"{text_of(cell)} is more than any pitch can hold ({MAX_AMOUNT:,})"))
        return None
    places = -minor_unit(pitch.currency).as_tuple().exponent
    rounded = round_to(amount, places)
    if rounded == amount:
        return amount
    notes.append(f"{column} {text_of(cell)} rounded to {_money(rounded, pitch)} ({pitch.currency} has {places} decimals)")
    return rounded


def cost_row(number_: int, cells: dict[str, object], columns: dict[str, str], pitch: Pitch) -> Taken | list[Problem]:
    """One row of a budget sheet as a cost line, or the row's problems."""
    problems: list[Problem] = []
    notes: list[str] = []
    label = text_of(cells.get("item"))
    if _TOTAL.match(label):
        return [Problem(number_, columns["item"], f"'{label}' looks like a total: totals are not imported (ldpitch adds up the lines itself)")]
    amount = money_in(cells.get("amount"), columns["amount"], number_, pitch, problems, notes) if text_of(cells.get("amount")) else None
    if amount is None and not problems:
        problems.append(Problem(number_, columns["amount"], "no amount: fill it in, or delete the row"))
    category = None
    said = text_of(cells.get("category"))
    if said:
        category = category_of(said)
        if category is None:
            notes.append(f"category '{said}' is not one of ldpitch's; read as other")
    elif label:
        category = category_of(label)
    cadence, times = "one_time", 1
    when = text_of(cells.get("cadence"))
    if when:
        read = cadence_of(when)
        if read is None:
            problems.append(Problem(number_, columns["cadence"], f"'{when}' is not a cadence: write one-time, monthly, quarterly or per year"))
        else:
            cadence, times = read
    if problems:
        return problems
    assert amount is not None
    if times != 1:
        yearly = amount * times
        notes.append(f"{when} {_money(amount, pitch)} counted as {_money(yearly, pitch)} a year")
        amount = yearly
    note = text_of(cells.get("note"))
    try:
        line = CostLine(category=category or CostCategory.other, label=label, cadence=cadence, amount=amount, note=note)
    except ValidationError as e:
        return [_problem(number_, columns, err) for err in e.errors(include_url=False)]
    return Taken(number_, line, tuple(notes))


_FIELD_OF = {"label": "item", "amount": "amount", "note": "note", "category": "category", "cadence": "cadence"}


def _problem(row: int, columns: dict[str, str], err: dict) -> Problem:
    where = str(err["loc"][0]) if err["loc"] else ""
    column = columns.get(_FIELD_OF.get(where, where), "")
    kind = err["type"]
    ctx = err.get("ctx") or {}
    message = {"string_too_long": f"is too long (at most {ctx.get('max_length')} characters)",
               "decimal_max_digits": "is too large"}.get(kind, err["msg"].removeprefix("Value error, "))
    return Problem(row, column, message)
