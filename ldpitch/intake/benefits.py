"""Rows of a benefits sheet -> benefit lines: a template and its inputs, or a standard value per unit.

A row names its template in a "Template" column (by its id, its title or a
word of it: "sales", "turnover", "errors"); its inputs come from the columns
named after them ("Sellers", "Gross margin"). A row with no template is a
standard value: "Units a year" x "Value per unit", or a plain annual
"Amount" (one unit of that value), which is the template "Other measure with a
standard value". Every input read from the file has the file and row as its
source, so each figure can be traced back to the user's sheet.
"""

from __future__ import annotations

import difflib
from decimal import Decimal

from pydantic import ValidationError

from ldpitch.intake.costs import cadence_of, money_in, text_of
from ldpitch.intake.mapping import Field
from ldpitch.intake.numbers import NotRead, number
from ldpitch.intake.preview import Problem, Taken
from ldpitch.pitch import TEMPLATES, BenefitLine, Pitch

STANDARD = "standard_value"

_BASE = (
    Field("item", "Benefit", ("item", "label", "description", "name", "benefit name", "line item", "what")),
    Field("template", "Template", ("benefit type", "type", "kind", "formula", "method")),
    Field("amount", "Amount a year", ("amount", "annual value", "annual benefit", "value a year", "benefit amount", "value",
                                      "savings", "annual savings", "benefit")),
    Field("attribution", "Attribution", ("attribution %", "share attributed", "isolation")),
    Field("confidence", "Confidence", ("confidence %", "estimate confidence", "certainty")),
    Field("cadence", "Cadence", ("frequency", "recurrence", "recurring", "one time or recurring", "timing")),
    Field("measure", "Measure", ("kpi", "tracked by", "metric", "business measure")),
    Field("note", "Note", ("notes", "comment", "comments", "remarks", "assumption", "basis")),
)


def _input_fields() -> tuple[Field, ...]:
    seen: dict[str, Field] = {}
    for t in TEMPLATES.values():
        for i in t.inputs:
            if i.name not in seen:
                words = ("units", "quantity", "volume") if i.name == "units_per_year" else ("unit value", "standard value") if i.name == "value_per_unit" else ()
                seen[i.name] = Field(i.name, i.label, words, template_input=True)
    return tuple(seen.values())


FIELDS = _BASE + _input_fields()
_KEYWORDS = {"sales": "sales_uplift", "revenue": "sales_uplift", "productivity": "productivity_hours_saved",
             "hours": "productivity_hours_saved", "time saved": "productivity_hours_saved", "turnover": "turnover_reduction",
             "retention": "turnover_reduction", "attrition": "turnover_reduction", "proficiency": "time_to_proficiency",
             "ramp": "time_to_proficiency", "onboarding": "time_to_proficiency", "error": "errors_avoided", "rework": "errors_avoided",
             "quality": "errors_avoided", "safety": "safety_incidents_avoided", "incident": "safety_incidents_avoided",
             "compliance": "compliance_risk_avoided", "risk": "compliance_risk_avoided", "renewal": "membership_renewals",
             "membership": "membership_renewals", "standard": STANDARD, "other": STANDARD, "unit": STANDARD}


def template_of(text: str) -> str | None:
    """The template a cell names: its id, its title, or a word of its subject; ``None`` if none fits.

    >>> template_of("sales_uplift"), template_of("Turnover reduction"), template_of("Rework avoided"), template_of("Magic")
    ('sales_uplift', 'turnover_reduction', 'errors_avoided', None)
    """
    t = " ".join(text.casefold().replace("_", " ").split())
    for tid, tpl in TEMPLATES.items():
        if t in (tid.replace("_", " "), tpl.title.casefold()):
            return tid
    for word, tid in _KEYWORDS.items():
        if word in t:
            return tid
    near = difflib.get_close_matches(t, [tpl.title.casefold() for tpl in TEMPLATES.values()], n=1, cutoff=0.75)
    return next((tid for tid, tpl in TEMPLATES.items() if near and tpl.title.casefold() == near[0]), None)


def share_in(cell: object, column: str, row: int, locale: str, problems: list[Problem], notes: list[str]) -> Decimal | None:
    """A share in [0, 1] from a cell: 0.35, "35%" or Excel's 35% cell; a plain 35 is read as 35% and said so."""
    try:
        value = number(cell, locale)
    except NotRead as e:
        problems.append(Problem(row, column, f"{e}; write a share like 35% or 0.35"))
        return None
    if 1 < value <= 100 and not (isinstance(cell, str) and "%" in cell):
        notes.append(f"{column} {text_of(cell)} read as {text_of(cell)}%")
        value = value / 100
    if not 0 <= value <= 1:
        problems.append(Problem(row, column, f"{text_of(cell)} is not a share between 0% and 100%"))
        return None
    return value


def _quantity_in(cell: object, column: str, row: int, locale: str, problems: list[Problem]) -> Decimal | None:
    try:
        value = number(cell, locale)
    except NotRead as e:
        problems.append(Problem(row, column, str(e)))
        return None
    if value < 0:
        problems.append(Problem(row, column, f"{text_of(cell)} is negative: enter how many more (or fewer) as a positive number"))
        return None
    return value


def benefit_row(row: int, cells: dict[str, object], columns: dict[str, str], pitch: Pitch, origin: str) -> Taken | list[Problem]:
    """One row of a benefits sheet as a benefit line, or the row's problems."""
    problems: list[Problem] = []
    notes: list[str] = []
    label = text_of(cells.get("item"))
    named = text_of(cells.get("template"))
    template = template_of(named) if named else STANDARD
    if template is None:
        titles = "; ".join(t.title for t in TEMPLATES.values())
        return [Problem(row, columns["template"], f"'{named}' is not a benefit template; use one of: {titles}")]
    inputs: dict[str, Decimal] = {}
    sources: dict[str, str] = {}
    for spec in TEMPLATES[template].inputs:
        cell = cells.get(spec.name)
        if not text_of(cell):
            continue
        column = columns[spec.name]
        if spec.kind == "money":
            value = money_in(cell, column, row, pitch, problems, notes)
        elif spec.kind == "share":
            value = share_in(cell, column, row, pitch.locale, problems, notes)
        else:
            value = _quantity_in(cell, column, row, pitch.locale, problems)
        if value is not None:
            inputs[spec.name] = value
            sources[spec.name] = f"{origin}, row {row}"[:200]
    amount_cell = cells.get("amount")
    if template == STANDARD and text_of(amount_cell) and "value_per_unit" not in inputs:
        amount = money_in(amount_cell, columns["amount"], row, pitch, problems, notes)
        if amount is not None:
            inputs.setdefault("units_per_year", Decimal(1))
            inputs["value_per_unit"] = amount
            sources["value_per_unit"] = f"{origin}, row {row}"[:200]
            sources.setdefault("units_per_year", f"{origin}, row {row} (one unit of the amount)"[:200])
    wanted = [i for i in TEMPLATES[template].inputs if i.name not in inputs and i.default is None]
    if wanted and not problems:
        what = ", ".join(i.label for i in wanted)
        hint = " or an amount a year" if template == STANDARD else ""
        problems.append(Problem(row, "", f"{TEMPLATES[template].title} needs {what}{hint}: add a column for it or fill it in"))
    extra: dict[str, object] = {}
    for name in ("attribution", "confidence"):
        if text_of(cells.get(name)):
            value = share_in(cells[name], columns[name], row, pitch.locale, problems, notes)
            if value is not None:
                extra[name] = value
    when = text_of(cells.get("cadence"))
    if when:
        read = cadence_of(when)
        if read is None or read[1] != 1:
            problems.append(Problem(row, columns["cadence"], f"'{when}' is not a cadence of a benefit: write one-time or per year"))
        else:
            extra["cadence"] = read[0]
    if problems:
        return problems
    try:
        line = BenefitLine(label=label or TEMPLATES[template].title, template=template, inputs=inputs, sources=sources,
                           note=text_of(cells.get("note")), measure=text_of(cells.get("measure")), **extra)
    except ValidationError as e:
        return [Problem(row, "", err["msg"].removeprefix("Value error, ")) for err in e.errors(include_url=False)]
    return Taken(row, line, tuple(notes))
