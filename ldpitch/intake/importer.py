"""An import from preview to pitch: ``preview_import`` describes what a sheet would add, ``imported`` returns the new pitch.

>>> from ldpitch.pitch import Pitch
>>> from ldpitch.intake.sheets import read_sheet
>>> sheet = read_sheet(b"Item,Amount,Cadence\\nLMS licence,\\"$12,500\\",annual\\nTotal,12500,\\n", "budget.csv")
>>> p = preview_import(Pitch(), sheet, "costs")
>>> p.mapping, p.summary()
({'item': 'Item', 'cadence': 'Cadence', 'amount': 'Amount'}, '1 cost line to import; 1 row refused.')
>>> str(p.problems[0])
"row 3, column 'Item': 'Total' looks like a total: totals are not imported (ldpitch adds up the lines itself)"
>>> imported(Pitch(), p).costs[0].amount
Decimal('12500')
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from pydantic import ValidationError

from ldpitch import format as fmt
from ldpitch.errors import SheetRefused
from ldpitch.intake import actuals as readings_of
from ldpitch.intake import benefits, costs
from ldpitch.intake.mapping import Field, mapping
from ldpitch.intake.preview import Preview, Problem, Taken, What
from ldpitch.intake.sheets import Sheet
from ldpitch.pitch import Pitch

#: The most lines of each list a pitch holds (``Pitch.costs``, ``Pitch.benefits``).
MAX_LINES = 200

FIELDS: dict[str, tuple[Field, ...]] = {"costs": costs.FIELDS, "benefits": benefits.FIELDS, "actuals": readings_of.FIELDS}


@dataclass(frozen=True)
class Choices:
    """What a person settles before a preview, with ldpitch's guesses: a column per field, and (actuals) a plan measure per name in the file.

    Cheap to find (headers and one column only, no row is read as a line), so
    a page can draw its choices from it and then ask for one ``preview_import``.
    """

    fields: tuple[Field, ...]
    mapping: dict[str, str]
    guessed: frozenset[str]
    measures: dict[str, str | None]
    plan_measures: tuple[str, ...]


def choices(pitch: Pitch, sheet: Sheet, what: What, columns: Mapping[str, str | None] | None = None,
            measures: Mapping[str, str | None] | None = None) -> Choices:
    """The column of each field (``columns`` as given, the rest guessed) and, for actuals, the plan measure of each name in the file."""
    if what not in FIELDS:
        raise SheetRefused(f"'{what}' is not something ldpitch imports; it imports costs, benefits and actuals.")
    fields = FIELDS[what]
    chosen, guessed = mapping(sheet.headers, fields, columns)
    plan = tuple(m.measure for m in pitch.measures)
    names = readings_of.names_in_file(sheet, chosen) if what == "actuals" and "date" in chosen else []
    return Choices(fields, chosen, guessed, readings_of.matched(names, list(plan), measures) if what == "actuals" else {}, plan)


def preview_import(pitch: Pitch, sheet: Sheet, what: What, columns: Mapping[str, str | None] | None = None,
            measures: Mapping[str, str | None] | None = None) -> Preview:
    """What importing ``sheet`` as ``what`` (costs, benefits or actuals) would add to ``pitch``; nothing is changed.

    ``columns`` is the user's choice of column per field (the rest are
    guessed from the headers); ``measures`` their match of the file's measure
    names to the plan's (the rest are suggested).
    """
    picked = choices(pitch, sheet, what, columns, measures)
    fields, chosen, guessed = picked.fields, picked.mapping, picked.guessed
    if what == "actuals":
        return _actuals(pitch, sheet, picked)
    missing = [f.label for f in fields if f.required and f.name not in chosen]
    if what == "benefits" and not ({"template", "amount", "value_per_unit"} & set(chosen)):
        missing.append("a template, an amount a year or a value per unit")
    if missing:
        return Preview(what, sheet, fields, chosen, guessed, (), (), tuple(missing))
    at = {name: sheet.column(column) for name, column in chosen.items()}
    taken: list[Taken] = []
    problems: list[Problem] = []
    room = MAX_LINES - len(pitch.costs if what == "costs" else pitch.benefits)
    origin = sheet.name if not sheet.sheet_names else f"sheet '{sheet.name}'"
    full = f"a pitch holds at most {MAX_LINES} {'cost' if what == 'costs' else 'benefit'} lines; this one does not fit (combine smaller lines, or import fewer)"
    for row, cells in sheet.rows:
        if room <= 0:  # the pitch is full: say so on every row left, without reading it
            problems.append(Problem(row, "", full))
            continue
        values = {name: cells[i] for name, i in at.items()}
        if what == "costs":
            outcome = costs.cost_row(row, values, chosen, pitch)
        else:
            outcome = benefits.benefit_row(row, values, chosen, pitch, origin)
        if isinstance(outcome, Taken):
            room -= 1
            taken.append(outcome)
        else:
            problems.extend(outcome)
    return Preview(what, sheet, fields, chosen, guessed, tuple(taken), tuple(problems), notes=_other_currency(pitch, chosen))


#: Money columns whose header may name the currency its amounts are in.
_MONEY_FIELDS = ("amount", "value_per_unit")
_CODE_IN_HEADER = re.compile(r"\b([A-Z]{3})\b")


def _other_currency(pitch: Pitch, chosen: Mapping[str, str]) -> tuple[str, ...]:
    """A note for each money column whose header names another currency than the pitch's: nothing is converted.

    >>> from ldpitch.pitch import Pitch
    >>> _other_currency(Pitch(currency="GBP"), {"amount": "Amount (EUR)", "item": "Item"})
    ("The column 'Amount (EUR)' names EUR, but this pitch is in GBP: its amounts are taken as GBP, not converted.",)
    >>> _other_currency(Pitch(currency="EUR"), {"amount": "Amount (EUR)"}), _other_currency(Pitch(), {"amount": "Cost (US$)"})
    ((), ())
    """
    said = []
    for name in _MONEY_FIELDS:
        header = chosen.get(name) or ""
        codes = {c for c in _CODE_IN_HEADER.findall(header) if c in fmt.currency_codes()}
        other = sorted(codes - {pitch.currency})
        if other and pitch.currency not in codes:
            said.append(f"The column '{header}' names {other[0]}, but this pitch is in {pitch.currency}: "
                        f"its amounts are taken as {pitch.currency}, not converted.")
    return tuple(said)


def _actuals(pitch: Pitch, sheet: Sheet, picked: Choices) -> Preview:
    fields, chosen, guessed, measures, plan = picked.fields, picked.mapping, picked.guessed, picked.measures, picked.plan_measures
    missing = [f.label for f in fields if f.required and f.name not in chosen]
    if not readings_of.wide(chosen):
        missing += [f.label for f in fields if f.name in ("measure", "value") and f.name not in chosen]
    if not missing and readings_of.wide(chosen) and not any(measures.values()):
        missing.append("the measures (no column is matched to a measure of the plan)" if plan
                       else "the measures (the plan has no measures yet: add them to the measurement plan first)")
    if missing:
        return Preview("actuals", sheet, fields, chosen, guessed, (), (), tuple(missing), measures=measures, plan_measures=plan)
    found, problems, notes = readings_of.readings(sheet, chosen, pitch, measures)
    taken, over, replaced, unchanged = readings_of.merged(found, pitch)
    return Preview("actuals", sheet, fields, chosen, guessed, tuple(taken), tuple(problems + over), (), tuple(notes),
                   measures=measures, plan_measures=plan, replaced=replaced, unchanged=unchanged)


def imported(pitch: Pitch, preview: Preview) -> Pitch:
    """A new pitch with everything the preview takes added (readings merged by measure and date); ``pitch`` is unchanged."""
    if not preview.ready:
        raise SheetRefused("Nothing to import: " + (preview.summary() if preview.missing else "no row of the sheet could be read."))
    fields = {name: getattr(pitch, name) for name in type(pitch).model_fields}
    if preview.what == "actuals":
        fields["actuals"] = readings_of.with_readings(pitch, preview.items)
    else:
        fields[preview.what] = [*fields[preview.what], *preview.items][:MAX_LINES]
    try:
        return Pitch.model_validate(fields)
    except ValidationError as e:  # the rows were each valid; a whole that is not is said in one line
        raise SheetRefused("The import does not fit this pitch: " + "; ".join(err["msg"] for err in e.errors(include_url=False))) from None
