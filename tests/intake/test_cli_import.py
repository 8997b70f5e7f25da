"""The import commands as a user runs them: real files, their own process, what was taken and refused, exit 1 when nothing was."""

from __future__ import annotations

import json
from decimal import Decimal

from sheet_files import BUDGET, LMS_REPORT, csv_bytes, encrypted, with_macros, xlsxwriter_book

PITCH = {"schema_version": 1, "title": "Import", "currency": "USD",
         "benefits": [{"label": "B", "template": "standard_value", "inputs": {"units_per_year": "1", "value_per_unit": "60000"}}],
         "measures": [{"level": "learning", "measure": "Simulation assessment passed first time"},
                      {"level": "application", "measure": "Sandbox claims completed without help"}]}


def _clean_failure(result, *says: str):
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    for text in says:
        assert text in result.stderr


def test_import_costs_from_a_workbook_prints_what_it_took_and_writes_a_new_pitch(run_ldpitch, write_file, tmp_path):
    pitch = write_file(PITCH)
    book = xlsxwriter_book(tmp_path / "budget.xlsx", {"Budget": [["FY2027 budget"], [], *BUDGET, ["Total", "", "", 17100.5]]})
    out = tmp_path / "new.json"
    result = run_ldpitch("import-costs", pitch, book, "-o", out)
    assert result.returncode == 0, result.stderr
    assert "sheet 'Budget': Excel workbook, header on row 3, 5 rows below it" in result.stdout
    assert "Amount <- 'Cost' (guessed)" in result.stdout
    assert "took 4 cost lines from rows 4-7" in result.stdout
    assert "row 8, column 'Line item': 'Total' looks like a total" in result.stdout
    new = json.loads(out.read_text())
    assert [c["label"] for c in new["costs"]] == [r[0] for r in BUDGET[1:]]
    assert sum(Decimal(c["amount"]) for c in new["costs"]) == Decimal("4000") + Decimal("12500.5") + 3600 + 100
    assert json.loads(pitch.read_text()) == PITCH  # the pitch file itself is untouched
    assert run_ldpitch("validate", out).returncode == 0


def test_import_costs_with_a_named_sheet_and_columns(run_ldpitch, write_file, tmp_path):
    book = xlsxwriter_book(tmp_path / "b.xlsx", {"Readme": [["About"]], "Costs": [["What", "Figure", "Kind"], ["Trainer", 900, "delivery"]]})
    out = tmp_path / "new.json"
    result = run_ldpitch("import-costs", write_file(PITCH), book, "-o", out, "--sheet", "Costs", "--map", "amount=B", "--map", "item=What")
    assert result.returncode == 0, result.stderr
    assert "Amount <- 'Figure'\n" in result.stdout
    line = json.loads(out.read_text())["costs"][0]
    assert (line["label"], line["category"], line["cadence"], line["amount"]) == ("Trainer", "delivery (facilitators)", "one_time", "900")


def test_a_file_that_gives_nothing_exits_1_with_each_rows_reason(run_ldpitch, write_file, tmp_path):
    sheet = write_file(csv_bytes([["Item", "Amount"], ["Laptops", "lots"], ["Refund", "(50)"]]), "bad.csv")
    out = tmp_path / "new.json"
    result = run_ldpitch("import-costs", write_file(PITCH), sheet, "-o", out)
    _clean_failure(result, "error: ", "bad.csv: nothing imported", "row 2, column 'Amount': 'lots' is not a number",
                   "row 3, column 'Amount': (50) is negative")
    assert not out.exists()


def test_unmapped_fields_and_unknown_columns_exit_1_in_words(run_ldpitch, write_file, tmp_path):
    sheet = write_file(csv_bytes([["Thing", "Figure"], ["a", "1"]]), "x.csv")
    _clean_failure(run_ldpitch("import-costs", write_file(PITCH), sheet, "-o", tmp_path / "n.json"),
                   "no column for Amount (name it with --map FIELD=COLUMN)")
    _clean_failure(run_ldpitch("import-costs", write_file(PITCH), sheet, "-o", tmp_path / "n.json", "--map", "amount=Cost"),
                   "x.csv: This sheet has no column 'Cost'; its columns are 'Thing', 'Figure'.")
    _clean_failure(run_ldpitch("import-costs", write_file(PITCH), sheet, "-o", tmp_path / "n.json", "--map", "amount"),
                   "--map 'amount': write it as FIELD=COLUMN")


def test_files_that_are_refused_say_why_naming_the_file(run_ldpitch, write_file, tmp_path):
    book = xlsxwriter_book(tmp_path / "b.xlsx", {"Budget": BUDGET})
    macro = with_macros(book, tmp_path / "b.xlsm")
    locked = encrypted(book, tmp_path / "locked.xlsx")
    big = tmp_path / "big.csv"
    with big.open("wb") as f:
        f.truncate(50_000_000)  # a 50 MB file, refused from its size before it is read
    image = write_file(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "chart.csv")
    pitch = write_file(PITCH)
    for path, says in ((macro, "b.xlsm: This workbook has macros"), (locked, "locked.xlsx: This workbook is protected with a password"),
                       (big, "big.csv: This file is 50.0 MB"), (image, "chart.csv: This file is a PNG image"),
                       (tmp_path / "missing.csv", "missing.csv: no such file"), (tmp_path, ": is a folder, not a spreadsheet file")):
        _clean_failure(run_ldpitch("import-costs", pitch, path, "-o", tmp_path / "n.json"), says)


def test_import_benefits_takes_templates_and_amounts(run_ldpitch, write_file, tmp_path):
    sheet = write_file(csv_bytes([["Benefit", "Template", "Errors avoided a year", "Cost per error", "Annual value"],
                                  ["Rework", "errors", "120", "$250", ""], ["Escalations", "", "", "", "$8,000"]]), "b.csv")
    out = tmp_path / "new.json"
    result = run_ldpitch("import-benefits", write_file(PITCH), sheet, "-o", out)
    assert result.returncode == 0, result.stderr
    assert "took 2 benefit lines from rows 2-3" in result.stdout
    lines = json.loads(out.read_text())["benefits"]
    assert [(b["label"], b["template"]) for b in lines[1:]] == [("Rework", "errors_avoided"), ("Escalations", "standard_value")]


def test_import_actuals_twice_takes_nothing_the_second_time(run_ldpitch, write_file, tmp_path):
    report = write_file(csv_bytes(LMS_REPORT, delimiter="\t", encoding="utf-16"), "lms.txt")
    first, second = tmp_path / "one.json", tmp_path / "two.json"
    result = run_ldpitch("import-actuals", write_file(PITCH), report, "-o", first)
    assert result.returncode == 0, result.stderr
    assert "CSV (UTF-16, tab-separated), header on row 4" in result.stdout
    assert "measure 'Sandbox claims completed without help' -> 'Sandbox claims completed without help'" in result.stdout
    assert "took 3 readings from rows 5-7" in result.stdout
    assert len(json.loads(first.read_text())["actuals"]) == 3
    again = run_ldpitch("import-actuals", first, report, "-o", second)
    _clean_failure(again, "every reading in the file is already in the pitch (3 readings): nothing new to add")
    assert "3 readings already in the pitch with the same value: not added again" in again.stdout


def test_import_actuals_with_a_measure_matched_by_hand(run_ldpitch, write_file, tmp_path):
    sheet = write_file(csv_bytes([["Measure", "Date", "Value"], ["Pass rate", "2027-03-31", "0.8"]]), "a.csv")
    out = tmp_path / "new.json"
    _clean_failure(run_ldpitch("import-actuals", write_file(PITCH), sheet, "-o", out),
                   "row 2, column 'Measure': 'Pass rate' is not matched to a measure of the plan")
    result = run_ldpitch("import-actuals", write_file(PITCH), sheet, "-o", out, "--measure", "Pass rate=Simulation assessment passed first time")
    assert result.returncode == 0, result.stderr
    assert json.loads(out.read_text())["actuals"] == [{"measure": "Simulation assessment passed first time", "on": "2027-03-31", "value": "0.8"}]
