"""The Excel twin of the engine: Inputs, Assumptions, Calculation and Scenarios sheets with live formulas (the only XlsxWriter importer)."""
