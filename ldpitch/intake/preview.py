"""What an import would do, described before anything changes: the mapping, the first rows, each row's problems, what is taken.

A ``Preview`` is plain data: the app and the command line only render it.
Nothing of the pitch changes until ``imported`` applies it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from ldpitch.intake.mapping import Field
from ldpitch.intake.sheets import Cell, Sheet

What = Literal["costs", "benefits", "actuals"]

#: How each import names one of the things it adds, for "12 cost lines".
NOUNS: dict[str, tuple[str, str]] = {"costs": ("cost line", "cost lines"), "benefits": ("benefit line", "benefit lines"),
                                      "actuals": ("reading", "readings")}


@dataclass(frozen=True)
class Problem:
    """Why one row (or one cell of it) is not imported, in words for people."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"row {self.row}" + (f", column '{self.column}'" if self.column else "")
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Taken:
    """One row that is imported: its row number, the line or reading it becomes, and what was said about it."""

    row: int
    item: object
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Preview:
    """An import described: the sheet, the fields and their columns, what each row gives, what is refused and why.

    ``missing`` names the required fields with no column: until they are
    mapped nothing is taken. For actuals, ``measures`` maps each measure name
    found in the file to the plan's measure it is read as (``None``: left out)
    and ``replaced`` / ``unchanged`` count readings that replace one already in
    the pitch or repeat it exactly (a file imported twice adds nothing twice).
    """

    what: What
    sheet: Sheet
    fields: tuple[Field, ...]
    mapping: dict[str, str]
    guessed: frozenset[str]
    taken: tuple[Taken, ...]
    problems: tuple[Problem, ...]
    missing: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    measures: dict[str, str | None] = field(default_factory=dict)
    plan_measures: tuple[str, ...] = ()
    replaced: int = 0
    unchanged: int = 0

    @property
    def items(self) -> list[object]:
        """The lines or readings the import adds, in the file's order."""
        return [t.item for t in self.taken]

    @property
    def refused_rows(self) -> list[int]:
        """The rows not imported, each once, in order."""
        return sorted({p.row for p in self.problems if p.row})

    def problems_of(self, row: int) -> list[Problem]:
        """The problems of one row."""
        return [p for p in self.problems if p.row == row]

    def noun(self, count: int) -> str:
        """``1 cost line``, ``12 readings``: how many of this import's things."""
        one, many = NOUNS[self.what]
        return f"{count:,} {one if count == 1 else many}"

    @property
    def ready(self) -> bool:
        """Whether confirming would import anything."""
        return bool(self.taken) and not self.missing

    def summary(self) -> str:
        """One sentence: what would be imported and what is refused."""
        if self.missing:
            return f"Choose a column for {', '.join(self.missing)}: nothing can be imported until then."
        parts = [f"{self.noun(len(self.taken))} to import"]
        if self.replaced:
            parts.append(f"{self.noun(self.replaced)} replace{'s' if self.replaced == 1 else ''} an earlier one")
        if self.unchanged:
            parts.append(f"{self.noun(self.unchanged)} already in the pitch (not added again)")
        refused = len(self.refused_rows)
        if refused:
            parts.append(f"{refused:,} row{'' if refused == 1 else 's'} refused")
        return "; ".join(parts) + "."

    def first_rows(self, count: int = 10) -> list[dict[str, str]]:
        """The first rows of the sheet as text, each with its row number and its problems, for a preview table."""
        out = []
        for number, cells in self.sheet.rows[:count]:
            shown = {"Row": str(number)}
            shown.update({h: cell_text(c) for h, c in zip(self.sheet.headers, cells, strict=False)})
            shown["Problem"] = "; ".join(p.message if not p.column else f"{p.column}: {p.message}" for p in self.problems_of(number))
            out.append(shown)
        return out


    def problem_records(self, count: int = 500) -> list[dict[str, str]]:
        """The first ``count`` problems as rows of a table: the row, the column and what is wrong."""
        return [{"Row": str(p.row or ""), "Column": p.column, "Problem": p.message} for p in self.problems[:count]]

    def notes_said(self) -> list[str]:
        """Everything said about the rows that are taken (an amount rounded, a reading that replaces one), row by row."""
        return [f"Row {t.row}: {note}" for t in self.taken for note in t.notes] + list(self.notes)


def cell_text(cell: Cell) -> str:
    """A cell as the preview shows it: text as it is, dates as ISO, numbers without float noise.

    >>> cell_text(None), cell_text(1234.5), cell_text(datetime(2026, 3, 31)), cell_text("=1+2")
    ('', '1234.5', '2026-03-31', '=1+2')
    """
    if cell is None:
        return ""
    if isinstance(cell, datetime):
        return cell.date().isoformat() if cell.time() == datetime.min.time() else cell.isoformat(sep=" ")
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, float):
        return repr(cell).removesuffix(".0")
    if isinstance(cell, Decimal):
        return str(cell)
    return str(cell)
