"""Bringing the user's own numbers in: spreadsheets read, columns mapped, rows previewed, then costs, benefits or KPI actuals imported (imports pitch, format, errors)."""

from ldpitch.fronts import front

__all__, __getattr__, __dir__ = front(__name__, {
    "Choices": "importer",
    "FIELDS": "importer",
    "MAX_FILE_BYTES": "sheets",
    "MAX_ROWS": "sheets",
    "Preview": "preview",
    "Problem": "preview",
    "Sheet": "sheets",
    "check_size": "sheets",
    "choices": "importer",
    "imported": "importer",
    "parse_pairs": "mapping",
    "preview_import": "importer",
    "read_sheet": "sheets",
    "report": "report",
})
