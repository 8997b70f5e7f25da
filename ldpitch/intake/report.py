"""An import's preview in lines of text, for the command line: where the table is, which column is which, what was taken and refused."""

from __future__ import annotations

from ldpitch.intake.preview import Preview


def _rows(numbers: list[int]) -> str:
    """``[5, 6, 7, 9]`` -> ``rows 5-7, 9``."""
    numbers = sorted(set(numbers))
    spans: list[list[int]] = []
    for n in numbers:
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    text = ", ".join(f"{a}-{b}" if b > a else str(a) for a, b in spans[:8]) + (", ..." if len(spans) > 8 else "")
    return ("row " if len(numbers) == 1 else "rows ") + text


def report(preview: Preview, limit: int = 20) -> tuple[list[str], list[str]]:
    """``(said, refused)``: lines on what the import read and took, and lines naming each refused row's problems.

    At most ``limit`` notes and problems are listed; the rest are counted.
    """
    sheet = preview.sheet
    where = f"sheet '{sheet.name}'" if sheet.sheet_names else sheet.name
    said = [f"{where}: {sheet.kind}, header on row {sheet.header_row}, {len(sheet.rows):,} rows below it"]
    by_field = {f.name: f.label for f in preview.fields}
    said += [f"  {by_field[name]} <- '{column}'" + (" (guessed)" if name in preview.guessed else "")
             for name, column in preview.mapping.items()]
    for name, target in preview.measures.items():
        said.append(f"  measure '{name}' -> " + (f"'{target}'" if target else "left out (not a measure of the plan)"))
    refused: list[str] = []
    if preview.missing:
        refused.append(f"no column for {', '.join(preview.missing)} (name it with --map FIELD=COLUMN)")
        return said, refused
    if preview.taken:
        said.append(f"took {preview.noun(len(preview.taken))} from {_rows([t.row for t in preview.taken])}")
    notes = [f"  row {t.row}: {note}" for t in preview.taken for note in t.notes] + [f"  {n}" for n in preview.notes]
    said += notes[:limit] + ([f"  ... and {len(notes) - limit:,} more notes"] if len(notes) > limit else [])
    if preview.replaced:
        said.append(f"{preview.noun(preview.replaced)} replace{'s' if preview.replaced == 1 else ''} an earlier reading of the same measure and date")
    if preview.unchanged:
        said.append(f"{preview.noun(preview.unchanged)} already in the pitch with the same value: not added again")
    if not preview.taken and preview.unchanged:
        refused.append(f"every reading in the file is already in the pitch ({preview.noun(preview.unchanged)}): nothing new to add")
    rows = preview.refused_rows
    if rows:
        refused.append(f"refused {len(rows):,} row{'' if len(rows) == 1 else 's'}:")
        refused += [f"  {p}" for p in preview.problems[:limit]]
        if len(preview.problems) > limit:
            refused.append(f"  ... and {len(preview.problems) - limit:,} more problems")
    return said, refused
