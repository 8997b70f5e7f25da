"""The Excel twin of the engine: Inputs, Calculation, Scenarios, Risk, Assumptions and (with a measurement plan) Results sheets with live formulas (the only XlsxWriter importer)."""

from ldpitch.fronts import front

__all__, __getattr__, __dir__ = front(__name__, {
    "money_format": "book",
    "workbook_bytes": "book",
})
