"""Rows of an LMS or BI export -> KPI actuals: one reading per row (measure, date, value) or one column per measure.

The file's measure names are matched to the plan's measures (the same name
in any case, or the nearest spelling); the user confirms or changes each
match, and a name matched to nothing is left out. A reading is one measure on
one date: importing the same file twice adds nothing twice, and a later reading
of the same measure and date replaces the earlier one (in the file or in the
pitch) and is counted, so the preview can say so.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from ldpitch.errors import SheetRefused
from ldpitch.intake.costs import text_of
from ldpitch.intake.mapping import Field
from ldpitch.intake.numbers import NotRead, day, number
from ldpitch.intake.preview import Problem, Taken
from ldpitch.intake.sheets import Sheet
from ldpitch.pitch import KpiActual, Pitch, round_to

FIELDS = (
    Field("measure", "Measure", ("kpi", "metric", "indicator", "measure name", "kpi name", "course", "course name", "item")),
    Field("date", "Date", ("on", "as of", "as at", "period", "month", "week", "reporting date", "completion date", "completed",
                           "completed on", "day", "timestamp", "period end", "date completed"), required=True),
    Field("value", "Value", ("actual", "actual value", "score", "result", "reading", "amount", "kpi value", "measured value", "count")),
)
#: The most readings a pitch holds (``Pitch.actuals``).
MAX_READINGS = 5000
_LARGEST = Decimal("1e14")


def wide(columns: Mapping[str, str]) -> bool:
    """Whether the sheet has one column per measure (no measure or value column chosen) rather than one reading per row."""
    return "measure" not in columns and "value" not in columns


def names_in_file(sheet: Sheet, columns: Mapping[str, str]) -> list[str]:
    """The measure names the file uses, in the order they first appear: the measure column's values, or the measure columns' headers."""
    if wide(columns):
        return [h for h in sheet.headers if h != columns.get("date")]
    if "measure" not in columns:
        return []
    at = sheet.column(columns["measure"])
    seen: dict[str, None] = {}
    for _, cells in sheet.rows:
        name = text_of(cells[at])
        if name:
            seen.setdefault(name, None)
    return list(seen)


def suggested(names: list[str], plan: list[str]) -> dict[str, str | None]:
    """The plan's measure each file name most likely means: the same name in any case, or the nearest spelling; else ``None``.

    >>> suggested(["Assessment score", "NPS", "Region"], ["Average assessment score", "Net promoter score (NPS)"])
    {'Assessment score': 'Average assessment score', 'NPS': 'Net promoter score (NPS)', 'Region': None}
    """
    folded = {p.casefold(): p for p in plan}
    out: dict[str, str | None] = {}
    for name in names:
        key = " ".join(name.casefold().split())
        match = folded.get(key)
        if match is None:
            near = difflib.get_close_matches(key, list(folded), n=1, cutoff=0.6)
            match = folded[near[0]] if near else None
        if match is None:
            inside = [p for k, p in folded.items() if len(key) >= 3 and (key in k.split() or f"({key})" in k or key in k)]
            match = inside[0] if len(inside) == 1 else None
        out[name] = match
    return out


def matched(names: list[str], plan: list[str], chosen: Mapping[str, str | None] | None) -> dict[str, str | None]:
    """The suggestion for each file name, overridden by the user's ``chosen`` matches (a plan measure, or ``None`` to leave out)."""
    out = suggested(names, plan)
    for name, target in (chosen or {}).items():
        if target and target not in plan:
            shown = "; ".join(plan) or "the plan has no measures yet"
            raise SheetRefused(f"'{target}' is not a measure of the plan; its measures are: {shown}.")
        if name in out or target:
            out[name] = target or None
    return out


def readings(sheet: Sheet, columns: Mapping[str, str], pitch: Pitch, measures: Mapping[str, str | None]) -> tuple[list[tuple[int, KpiActual]], list[Problem], list[str]]:
    """Every reading the rows give, in file order, with the problems of the rows that give none."""
    problems: list[Problem] = []
    notes: list[str] = []
    found: list[tuple[int, KpiActual]] = []
    date_col = columns["date"]
    at_date = sheet.column(date_col)
    if wide(columns):
        pairs = [(h, measures.get(h)) for h in sheet.headers if h != date_col]
        left_out = [h for h, target in pairs if target is None]
        if left_out:
            notes.append("not a measure of the plan, left out: " + ", ".join(f"'{h}'" for h in left_out))
        targets = [(sheet.column(h), h, target) for h, target in pairs if target is not None]
    at_measure = sheet.column(columns["measure"]) if not wide(columns) else -1
    at_value = sheet.column(columns["value"]) if not wide(columns) else -1
    for row, cells in sheet.rows:
        try:
            on = day(cells[at_date], pitch.locale)
        except NotRead as e:
            problems.append(Problem(row, date_col, f"{e}"))
            continue
        if wide(columns):
            for at, header, target in targets:
                if text_of(cells[at]):
                    value = _value(cells[at], row, header, pitch, problems, target)
                    if value is not None:
                        found.append((row, KpiActual(measure=target, on=on, value=value)))
            continue
        name = text_of(cells[at_measure])
        target = measures.get(name)
        if not name:
            problems.append(Problem(row, columns["measure"], "no measure: fill it in, or delete the row"))
        elif target is None:
            problems.append(Problem(row, columns["measure"], f"'{name}' is not matched to a measure of the plan"))
        elif not text_of(cells[at_value]):
            problems.append(Problem(row, columns["value"], "no value: fill it in, or delete the row"))
        else:
            value = _value(cells[at_value], row, columns["value"], pitch, problems, target)
            if value is not None:
                found.append((row, KpiActual(measure=target, on=on, value=value)))
    return found, problems, notes


def _value(cell: object, row: int, column: str, pitch: Pitch, problems: list[Problem], measure: str) -> Decimal | None:
    """The reading in ``cell``, in the measure's own unit.

    "28%" reads as 0.28, but a measure whose unit is a percentage (baseline 34,
    target 26 for "%") counts in percentage points, so it takes 28: the value
    as the plan writes it, never a hundredth of it.
    """
    try:
        value = number(cell, pitch.locale, currency=pitch.currency)
    except NotRead as e:
        problems.append(Problem(row, column, f"{e}"))
        return None
    if isinstance(cell, str) and cell.strip().rstrip(")").rstrip().endswith("%") and _in_points(pitch, measure):
        value = value * 100
        value = value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
    if abs(value) >= _LARGEST:
        problems.append(Problem(row, column, f"{text_of(cell)} is too large for a reading"))
        return None
    return round_to(value, 4) if value != value.quantize(Decimal("0.0001")) else value


def merged(found: list[tuple[int, KpiActual]], pitch: Pitch) -> tuple[list[Taken], list[Problem], int, int]:
    """The readings to add (a later one of a measure and date wins), the rows over the pitch's cap, and how many replace or repeat one.

    Returns ``(taken, problems, replaced, unchanged)``: ``replaced`` counts
    readings that replace an earlier one (in the file or the pitch) with a new
    value; ``unchanged`` those the pitch already holds with the same value.
    """
    latest: dict[tuple[str, date], tuple[int, KpiActual]] = {}
    replaced = 0
    said: dict[int, list[str]] = {}
    for row, reading in found:
        key = (reading.measure, reading.on)
        if key in latest:
            earlier = latest[key][0]
            if latest[key][1].value != reading.value:
                replaced += 1
            said.setdefault(row, []).append(f"replaces row {earlier}'s reading of {reading.measure} on {reading.on.isoformat()}")
        latest[key] = (row, reading)
    existing = {(a.measure, a.on): a.value for a in pitch.actuals}
    taken: list[Taken] = []
    problems: list[Problem] = []
    unchanged = 0
    room = MAX_READINGS - len(existing)
    for row, reading in sorted(latest.values(), key=lambda pair: pair[0]):
        key = (reading.measure, reading.on)
        notes = said.get(row, [])
        if key in existing:
            if existing[key] == reading.value:
                unchanged += 1
                continue
            replaced += 1
            notes = [*notes, f"replaces the pitch's reading of {reading.measure} on {reading.on.isoformat()} ({existing[key]})"]
        elif room <= 0:
            problems.append(Problem(row, "", f"a pitch holds at most {MAX_READINGS:,} readings; this one does not fit"))
            continue
        else:
            room -= 1
        taken.append(Taken(row, reading, tuple(notes)))
    return taken, problems, replaced, unchanged


def with_readings(pitch: Pitch, new: list[KpiActual]) -> list[KpiActual]:
    """The pitch's readings with ``new`` merged in: a reading of the same measure and date replaces the one held, in its place."""
    by_key = {(a.measure, a.on): a for a in pitch.actuals}
    for reading in new:
        by_key[(reading.measure, reading.on)] = reading
    return list(by_key.values())


def _in_points(pitch: Pitch, measure: str) -> bool:
    """Whether the plan counts ``measure`` in percentage points (its unit says "%")."""
    return any(m.measure == measure and "%" in m.unit for m in pitch.measures)
