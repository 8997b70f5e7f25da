"""Importing from a spreadsheet in the app: upload, the first rows, the mapping, each row's problems, confirm, one undo."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import xlsxwriter
from apptest_support import APP, problems
from streamlit.testing.v1 import AppTest

BUDGET, TRACK = "pages/budget.py", "pages/track.py"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _csv(rows) -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8")


def _xlsx(rows, title_rows: int = 2) -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    ws = book.add_worksheet("Budget")
    ws.write_string(0, 0, "FY2027 training budget")
    for r, row in enumerate(rows, start=title_rows + 1):
        for c, value in enumerate(row):
            (ws.write_string if isinstance(value, str) else ws.write_number)(r, c, value)
    book.close()
    return out.getvalue()


def open_page(page: str, example: str | None = "sales_mobile") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30).run()
    if example:
        at.button(key=f"start.example.{example}").click().run()
    at.switch_page(page).run()
    assert not problems(at), problems(at)
    return at


def preview_tables(at: AppTest) -> tuple:
    """The import's two tables: the first rows (with a Problem column) and the refused rows (Row, Column, Problem)."""
    shown = [d.value for d in at.dataframe if {"Row", "Problem"} <= set(d.value.columns)]
    first = next(t for t in shown if "Column" not in t.columns)
    refused = next((t for t in shown if list(t.columns) == ["Row", "Column", "Problem"]), None)
    return first, refused


def texts(at: AppTest) -> str:
    return " ".join(str(e.value) for e in [*at.info, *at.success, *at.warning, *at.caption, *at.markdown])


def test_a_budget_workbook_is_previewed_mapped_and_imported_in_one_undoable_step(data_dir):
    at = open_page(BUDGET)
    before = at.session_state["pitch"]
    rows = [["Line item", "Cost", "Cadence"], ["Coaching", 5000, "one-time"], ["Refund", -200, "one-time"], ["LMS seats", 250, "monthly"]]
    at.file_uploader(key="budget.import_costs.file.0").upload("budget.xlsx", _xlsx(rows), XLSX).run()
    assert not problems(at), problems(at)
    assert at.session_state["pitch"] == before, "nothing changes until the import is confirmed"
    assert "Excel workbook; header on row 4; 3 rows below it." in texts(at)
    assert at.selectbox(key="budget.import_costs.0.map.amount").value == "Cost"
    assert at.selectbox(key="budget.import_costs.0.map.item").value == "Line item"
    first, refused = preview_tables(at)
    assert list(first["Row"]) == ["5", "6", "7"] and first["Problem"][1] == "Cost: -200 is negative: enter costs and values as positive amounts"
    assert list(refused["Row"]) == ["6"] and list(refused["Column"]) == ["Cost"]
    assert "2 cost lines to import; 1 row refused." in texts(at)
    confirm = at.button(key="budget.import_costs.0.confirm")
    assert confirm.label == "Import 2 cost lines"
    confirm.click().run()
    assert not problems(at), problems(at)
    after = at.session_state["pitch"]
    assert after.costs[len(before.costs):] and [(c.label, c.amount) for c in after.costs[len(before.costs):]] == [
        ("Coaching", Decimal(5000)), ("LMS seats", Decimal(3000))]
    assert "Imported 2 cost lines from budget.xlsx. Undo takes the whole import back." in " ".join(str(s.value) for s in at.success)
    assert at.file_uploader(key="budget.import_costs.file.1").value is None, "the uploader starts empty: the file is not offered again"
    at.button(key="library.undo").click().run()
    assert at.session_state["pitch"].costs == before.costs


def test_choosing_another_column_changes_the_preview_and_an_unmapped_amount_takes_nothing(data_dir):
    at = open_page(BUDGET, None)
    data = _csv([["What", "Figure", "Other figure"], ["Design", "1,000", "2,000"]])
    at.file_uploader(key="budget.import_costs.file.0").upload("b.csv", data, "text/csv").run()
    assert at.button(key="budget.import_costs.0.confirm").disabled
    assert "Choose a column for Amount: nothing can be imported until then." in texts(at)
    at.selectbox(key="budget.import_costs.0.map.amount").set_value("Other figure").run()
    at.selectbox(key="budget.import_costs.0.map.item").set_value("What").run()
    at.button(key="budget.import_costs.0.confirm").click().run()
    assert [(c.label, c.amount) for c in at.session_state["pitch"].costs] == [("Design", Decimal(2000))]


def test_a_file_that_is_not_a_spreadsheet_is_refused_and_the_pitch_is_untouched(data_dir):
    at = open_page(BUDGET)
    before = at.session_state["pitch"]
    at.file_uploader(key="budget.import_benefits.file.0").upload("chart.xlsx", b"\x89PNG\r\n\x1a\n\0\0", XLSX).run()
    assert not problems(at), problems(at)
    assert "chart.xlsx: This file is a PNG image, not a spreadsheet" in texts(at)
    assert at.session_state["pitch"] == before


def test_benefit_lines_come_from_a_template_and_its_inputs(data_dir):
    at = open_page(BUDGET, None)
    data = _csv([["Benefit", "Template", "Errors avoided a year", "Cost per error"], ["Rework", "errors", "120", "250"]])
    at.file_uploader(key="budget.import_benefits.file.0").upload("benefits.csv", data, "text/csv").run()
    assert at.selectbox(key="budget.import_benefits.0.map.cost_per_error").value == "Cost per error"
    at.button(key="budget.import_benefits.0.confirm").click().run()
    line = at.session_state["pitch"].benefits[0]
    assert (line.label, line.template, line.inputs) == ("Rework", "errors_avoided", {"errors_avoided_per_year": Decimal(120),
                                                                                     "cost_per_error": Decimal(250)})


def test_actuals_are_matched_to_the_plan_and_a_second_import_of_the_same_file_adds_nothing(data_dir):
    at = open_page(TRACK, "onboarding")
    before = at.session_state["pitch"]
    data = _csv([["Acme LMS export"], [], ["KPI", "Date", "Value"], ["months to proficency", "2028-01-31", "4.9"],
                 ["Headcount", "2028-01-31", "30"]])
    at.file_uploader(key="track.import.file.0").upload("lms.csv", data, "text/csv").run()
    assert not problems(at), problems(at)
    assert at.selectbox(key="track.import.0.measure.0").value == "Months to proficiency"
    assert at.selectbox(key="track.import.0.measure.1").value == "(leave it out)"
    assert list(preview_tables(at)[1]["Problem"]) == ["'Headcount' is not matched to a measure of the plan"]
    at.button(key="track.import.0.confirm").click().run()
    after = at.session_state["pitch"]
    assert len(after.actuals) == len(before.actuals) + 1
    at.file_uploader(key="track.import.file.1").upload("lms.csv", data, "text/csv").run()
    assert "1 reading already in the pitch (not added again)" in texts(at)
    assert at.button(key="track.import.1.confirm").disabled


def test_a_workbook_with_several_sheets_reads_the_one_chosen(data_dir):
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    for name, rows in (("Costs", [["Item", "Amount"], ["Design", 100]]), ("Next year", [["Item", "Amount"], ["Venue", 700], ["Food", 50]])):
        ws = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                (ws.write_string if isinstance(value, str) else ws.write_number)(r, c, value)
    book.close()
    at = open_page(BUDGET, None)
    at.file_uploader(key="budget.import_costs.file.0").upload("two.xlsx", out.getvalue(), XLSX).run()
    assert at.selectbox(key="budget.import_costs.0.sheet").value == "Costs"
    at.selectbox(key="budget.import_costs.0.sheet").set_value("Next year").run()
    assert at.button(key="budget.import_costs.0.confirm").label == "Import 2 cost lines"
    at.button(key="budget.import_costs.0.confirm").click().run()
    assert [c.label for c in at.session_state["pitch"].costs] == ["Venue", "Food"]
