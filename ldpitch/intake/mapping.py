"""Which column of a sheet holds which field: guessed from the headers' words, or named by the user (FIELD=COLUMN).

A guess is only a suggestion: the app shows it pre-filled for the user to
confirm or change, and the command line prints it. A column named by the
user is taken by its header (any case) or by its letter ("C").
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ldpitch.errors import SheetRefused


@dataclass(frozen=True)
class Field:
    """A field an import fills: its name, how people say it, the words of headers that hold it, whether it is needed.

    ``template_input`` marks an input of a benefit template (the app shows
    those only when the sheet seems to have them, or when asked).
    """

    name: str
    label: str
    words: tuple[str, ...]
    required: bool = False
    template_input: bool = False


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z%]+", " ", text.casefold()).split())


def _score(header: str, field: Field) -> float:
    """How surely ``header`` holds ``field``: 1 for its own words, less for a word inside the header or a near spelling."""
    h = _normal(header)
    if not h:
        return 0.0
    best = 0.0
    for rank, word in enumerate((field.name.replace("_", " "), _normal(field.label), *field.words)):
        w = _normal(word)
        weight = 1.0 - rank * 0.01  # earlier words are the field's more usual names
        if h == w:
            best = max(best, weight)
        elif re.search(rf"(^| ){re.escape(w)}( |$)", h):
            best = max(best, 0.8 * weight)
        elif best < 0.7 * weight:
            near = difflib.SequenceMatcher(None, h, w)
            if near.real_quick_ratio() >= 0.85 and near.quick_ratio() >= 0.85 and near.ratio() >= 0.85:
                best = max(best, 0.7 * weight)
    return best


def guess(headers: Iterable[str], fields: Iterable[Field]) -> dict[str, str]:
    """The column each field most likely sits in, by its header's words; each column is used once, sure guesses first.

    >>> guess(["Line item", "Cost (USD)", "Frequency"], [Field("item", "Item", ("line item",)),
    ...       Field("amount", "Amount", ("cost",)), Field("cadence", "Cadence", ("frequency",))])
    {'item': 'Line item', 'amount': 'Cost (USD)', 'cadence': 'Frequency'}
    """
    headers, fields = list(headers), list(fields)
    pairs = sorted(((_score(h, f), -i, -j, f.name, h) for i, f in enumerate(fields) for j, h in enumerate(headers)), reverse=True)
    found: dict[str, str] = {}
    used: set[str] = set()
    for score, _, _, name, header in pairs:
        if score >= 0.5 and name not in found and header not in used:
            found[name] = header
            used.add(header)
    return {f.name: found[f.name] for f in fields if f.name in found}


def column_named(headers: tuple[str, ...], wanted: str) -> str:
    """The header the user means by ``wanted``: the header itself (any case) or a column letter; ``SheetRefused`` if none."""
    for h in headers:
        if h == wanted:
            return h
    for h in headers:
        if h.casefold() == wanted.strip().casefold():
            return h
    if re.fullmatch(r"[A-Za-z]{1,2}", wanted.strip()):
        n = 0
        for c in wanted.strip().upper():
            n = n * 26 + ord(c) - 64
        if 1 <= n <= len(headers):
            return headers[n - 1]
    shown = ", ".join(f"'{h}'" for h in headers)
    raise SheetRefused(f"This sheet has no column '{wanted}'; its columns are {shown}.")


def mapping(headers: tuple[str, ...], fields: Iterable[Field], given: Mapping[str, str | None] | None = None) -> tuple[dict[str, str], frozenset[str]]:
    """Each field's column: the user's choice where given (``None`` or "" leaves a field out), the guess elsewhere.

    Returns the mapping and the fields that were guessed (not chosen).
    """
    fields = list(fields)
    names = {f.name for f in fields}
    chosen: dict[str, str | None] = {}
    for name, column in (given or {}).items():
        if name not in names:
            raise SheetRefused(f"'{name}' is not a field of this import; the fields are {', '.join(f.name for f in fields)}.")
        chosen[name] = column_named(headers, column) if column else None
    taken = {c for c in chosen.values() if c}
    guessed = guess([h for h in headers if h not in taken], [f for f in fields if f.name not in chosen])
    result = {name: column for name, column in chosen.items() if column}
    result.update(guessed)
    return {f.name: result[f.name] for f in fields if f.name in result}, frozenset(guessed)


def parse_pairs(pairs: Iterable[str], what: str = "--map") -> dict[str, str]:
    """``["amount=Cost", "item=B"]`` -> ``{"amount": "Cost", "item": "B"}``; ``SheetRefused`` for a pair without ``=``."""
    found: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise SheetRefused(f"{what} {pair!r}: write it as FIELD=COLUMN, for example amount=Cost")
        found[name.strip()] = value.strip()
    return found
