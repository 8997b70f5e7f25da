"""Rows of an edited table -> one list of the pitch, and back: a bad row says what is wrong, good rows are kept.

A table is described once (``Table``: where its list lives in the pitch, its
columns and their kinds); ``draft`` turns the pitch's list into rows for an
editor and ``apply`` turns edited rows back into the list. A row with a
missing or nonsensical value is flagged in its ``Problem`` cell and stays on
screen: a row that was good before keeps its last good values in the pitch
until it is fixed, a new row stays out of it. The pitch's own tables are
defined in ``ldpitch.editing.tables``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from ldpitch.editing.parse import (
    EditError,
    filled,
    get_path,
    money_text,
    opened,
    parse_money,
    parse_number,
    percent_from_share,
    problem_in_words,
    set_in,
    split_lines,
    validated,
)
from ldpitch.pitch import Pitch

KEY, PROBLEM = "_row", "Problem"
Kind = Literal["text", "money", "int", "number", "percent", "score", "choice", "bool", "date", "list"]


# --- tables --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One editable column: its header, the item field behind it and how its cells read."""

    header: str
    field: str
    kind: Kind = "text"
    choices: tuple[tuple[str, str], ...] = ()  # (stored value, label shown)
    help: str = ""
    required: bool = False
    low: float | None = None
    high: float | None = None
    width: Literal["small", "medium", "large"] | int | None = None  # Streamlit's named widths, or pixels


@dataclass(frozen=True)
class Draft:
    """A table as its editor shows it: every row (good, flagged or blank) and each row's last good item.

    ``stash`` keeps the fields a table does not show (a stakeholder's
    objections, a benefit's inputs) under each row's ``KEY``; ``source`` is the
    pitch's list this draft agrees with, so a pitch changed elsewhere (an
    example loaded) is noticed and the draft rebuilt.
    """

    rows: tuple[dict, ...]
    stash: dict[int, dict] = field(default_factory=dict)
    source: str = ""


@dataclass(frozen=True)
class Applied:
    """The outcome of an edit: the pitch to keep, the rows to show again and every problem in words."""

    pitch: Pitch
    draft: Draft
    problems: tuple[str, ...] = ()


Shown = Callable[[Pitch, BaseModel], str]


@dataclass(frozen=True)
class Table:
    """A list of the pitch edited as a table (``path`` is where the list lives, e.g. ``costs``)."""

    path: str
    model: type[BaseModel]
    columns: tuple[Column, ...]
    noun: str
    shown: tuple[tuple[str, Shown], ...] = ()  # read-only columns computed by the core
    renames: str | None = None  # the field whose renaming ``follow(data, old, new)`` carries to what refers to it
    follow: Callable[[dict, str, str], None] | None = None  # changes ``data`` from ``parse.opened`` (see ``parse.opened_list``)
    adjust: Callable[[dict, dict], dict] | None = None  # (fields, last good fields) -> fields, before validation

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(c.header for c in self.columns)

    def at(self, path: str) -> Table:
        """The same table over another list, such as one stakeholder's objections."""
        return replace(self, path=path)

    def source(self, pitch: Pitch) -> str:
        return _source(pitch, get_path(pitch, self.path))

    def draft(self, pitch: Pitch) -> Draft:
        """Rows for the editor from the pitch's list."""
        items = get_path(pitch, self.path)
        rows = tuple({**self._row(pitch, item), KEY: n, PROBLEM: ""} for n, item in enumerate(items))
        return Draft(rows, {n: item.model_dump(mode="json") for n, item in enumerate(items)}, _source(pitch, items))

    def apply(self, pitch: Pitch, draft: Draft, edited: list[dict]) -> Applied:
        """The pitch with this list replaced by the edited rows; a bad row is flagged on the row.

        A flagged row that was good before keeps its last good values in the pitch
        until it is fixed (a typo must never make a cost vanish from the figures);
        a new row that was never good stays out of the pitch. Each cell is parsed
        once into its type; each row is validated as an item, and the new pitch
        is made from those items with one validation of the whole.
        """
        entries: list[tuple[dict, BaseModel | None]] = []  # each row, and the item it puts in the pitch
        stash, problems, renamed = {}, [], []
        for n, row in enumerate(edited, start=1):
            key = row.get(KEY)
            base = draft.stash.get(int(key), {}) if filled(key) else {}
            shown = {c.header: row.get(c.header) for c in self.columns}
            blank = {h: "" for h, _ in self.shown}
            stash[len(entries)] = base
            if all(not filled(v) or v is False for v in shown.values()):
                entries.append(({**shown, **blank, KEY: len(entries), PROBLEM: ""}, None))
                continue
            try:
                item = self._item(pitch, base, shown)
            except EditError as e:
                kept = self.model.model_validate(base) if base else None
                note = " The pitch keeps this row's previous values until it is fixed." if kept else " This row is left out until it is fixed."
                problems.append(f"{self.noun[:1].upper()}{self.noun[1:]} {n}: {e}.{note}")
                entries.append(({**shown, **blank, KEY: len(entries), PROBLEM: f"⚠ {e}"}, kept))
                continue
            if self.renames and base.get(self.renames) and base[self.renames] != getattr(item, self.renames):
                renamed.append((base[self.renames], getattr(item, self.renames)))
            stash[len(entries)] = item.model_dump(mode="json")
            entries.append(({**self._row(pitch, item), KEY: len(entries), PROBLEM: ""}, item))
        data = opened(pitch, self.path)
        set_in(data, self.path, [item for _, item in entries if item is not None])
        for old, new_name in renamed if self.follow else ():
            self.follow(data, old, new_name)
        rows = [row for row, _ in entries]
        try:
            new = validated(data)
        except EditError as e:
            return Applied(pitch, Draft(tuple(rows), stash, draft.source), (*problems, f"Not saved: {e}"))
        # Computed columns read the new pitch (a rate changed on one row changes its cost).
        items_now = iter(get_path(new, self.path))
        rows = [row if item is None else (row if row[PROBLEM] else {**row, **self._shown(new, item_now)})
                for (row, item), item_now in ((e, next(items_now) if e[1] is not None else None) for e in entries)]
        return Applied(new, Draft(tuple(rows), stash, _source(new, get_path(new, self.path))), tuple(problems))

    # rows <-> items

    def _row(self, pitch: Pitch, item: BaseModel) -> dict:
        return {**{c.header: _cell(pitch, c, _value_at(item, c.field)) for c in self.columns}, **self._shown(pitch, item)}

    def _shown(self, pitch: Pitch, item: BaseModel) -> dict:
        return {h: f(pitch, item) for h, f in self.shown}

    def _item(self, pitch: Pitch, base: dict, shown: dict) -> BaseModel:
        fields = dict(base)
        for c in self.columns:
            value = shown[c.header]
            if not filled(value) and c.kind != "bool":
                if c.required:
                    raise EditError(f"{c.header}: fill it in")
                _drop(fields, c.field)
                if c.field in self.model.model_fields and self.model.model_fields[c.field].is_required():
                    raise EditError(f"{c.header}: fill it in")
                continue
            try:
                _put(fields, c.field, parse_cell(pitch, c, value))
            except EditError as e:
                raise EditError(f"{c.header}: {e}") from None
        if self.adjust:
            fields = self.adjust(fields, base)
        try:
            return self.model.model_validate(fields)
        except ValidationError as e:
            headers = {c.field: c.header for c in self.columns}
            raise EditError("; ".join(problem_in_words(err, headers) for err in e.errors(include_url=False))) from None


def _value_at(item: BaseModel, field: str) -> Any:
    """An item's field; a dotted field (``amount_range.low``) reads inside a part that may be missing (``None``)."""
    for name in field.split("."):
        item = None if item is None else getattr(item, name)
    return item


def _put(fields: dict, field: str, value: Any) -> None:
    head, _, rest = field.partition(".")
    if rest:
        inner = dict(fields.get(head) or {})
        _put(inner, rest, value)
        fields[head] = inner
    else:
        fields[head] = value


def _drop(fields: dict, field: str) -> None:
    head, _, rest = field.partition(".")
    if rest and isinstance(fields.get(head), dict):
        inner = dict(fields[head])
        _drop(inner, rest)
        fields[head] = inner
    elif not rest:
        fields.pop(head, None)


def _source(pitch: Pitch, items: list[BaseModel]) -> str:
    """What a draft was built from: the list, and the currency and locale its money cells are written in."""
    return json.dumps([pitch.currency, pitch.locale, [i.model_dump(mode="json") for i in items]], sort_keys=True)


def _cell(pitch: Pitch, c: Column, value: Any) -> Any:
    """A stored value as its editor cell shows it (an empty money or text cell is blank, not the grid's grey "None")."""
    if value is None:
        return "" if c.kind in ("money", "text") else None
    if c.kind == "money":
        return money_text(value, pitch.currency, pitch.locale)
    if c.kind == "percent":
        return percent_from_share(value)
    if c.kind == "number":
        return float(value)
    if c.kind == "choice":
        return dict(c.choices).get(str(value), str(value))
    if c.kind == "list":
        return "; ".join(value)
    return value


def parse_cell(pitch: Pitch, c: Column, value: Any) -> Any:
    """A cell as the model stores it, in the model's own type (``Decimal``, ``int``, ``date``...), or ``EditError`` in words."""
    if c.kind == "money":
        return parse_money(value, pitch.currency, pitch.locale)
    if c.kind in ("int", "score", "number", "percent"):
        number = parse_number(value)
        if c.kind in ("int", "score"):
            if number != number.to_integral_value():
                raise EditError(f"'{value}' is not a whole number")
            number = number.to_integral_value()
        if c.low is not None and number < Decimal(repr(c.low)):
            raise EditError(f"must be at least {c.low:g}")
        if c.high is not None and number > Decimal(repr(c.high)):
            raise EditError(f"must be at most {c.high:g}")
        if c.kind == "percent":
            return number / 100
        return int(number) if c.kind in ("int", "score") else number
    if c.kind == "choice":
        text = str(value).strip()
        for stored, label in c.choices:
            if text in (stored, label):
                return stored
        raise EditError(f"'{text}' is not one of the choices ({', '.join(label for _, label in c.choices)})")
    if c.kind == "bool":
        return bool(value) and str(value).lower() not in ("false", "0", "no")
    if c.kind == "date":
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value).strip()[:10])
        except ValueError:
            raise EditError(f"'{value}' is not a date (write it as 2026-03-31)") from None
    if c.kind == "list":
        return split_lines(str(value))
    return str(value)
