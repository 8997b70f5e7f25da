"""KPI actuals imported from LMS and BI exports: measures matched to the plan, one reading per measure and date, re-imports add nothing."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from sheet_files import LMS_REPORT, csv_bytes, openpyxl_book

from ldpitch.errors import SheetRefused
from ldpitch.intake import imported, preview_import, read_sheet
from ldpitch.pitch import KpiActual, Pitch

PLAN = ["Simulation assessment passed first time", "Sandbox claims completed without help", "Months to proficiency"]


@pytest.fixture
def pitch() -> Pitch:
    return Pitch.model_validate({"locale": "en_GB", "measures": [{"level": "learning", "measure": m} for m in PLAN],
                                 "actuals": [{"measure": "Months to proficiency", "on": "2027-06-30", "value": "6.5"}]})


def _actuals(pitch, rows, columns=None, measures=None, **kw):
    return preview_import(pitch, read_sheet(csv_bytes(rows, **kw), "export.csv"), "actuals", columns, measures)


def test_an_lms_report_below_its_title_block_becomes_readings_of_the_plans_measures(pitch):
    p = _actuals(pitch, LMS_REPORT)
    assert p.sheet.header_row == 4
    assert p.mapping == {"measure": "Course", "date": "Completion date", "value": "Score"}
    assert p.measures == {PLAN[0]: PLAN[0], PLAN[1]: PLAN[1]}
    assert p.items == [KpiActual(measure=PLAN[0], on=date(2027, 11, 30), value=Decimal(88)),
                       KpiActual(measure=PLAN[0], on=date(2027, 12, 31), value=Decimal("91.5")),
                       KpiActual(measure=PLAN[1], on=date(2027, 12, 31), value=Decimal(76))]
    after = imported(pitch, p)
    assert len(after.actuals) == 4 and len(pitch.actuals) == 1


def test_importing_the_same_file_twice_adds_nothing_twice(pitch):
    once = imported(pitch, _actuals(pitch, LMS_REPORT))
    again = _actuals(once, LMS_REPORT)
    assert (again.items, again.unchanged, again.ready) == ([], 3, False)
    assert again.summary() == "0 readings to import; 3 readings already in the pitch (not added again)."


def test_a_later_reading_of_the_same_measure_and_date_replaces_the_earlier_and_says_so(pitch):
    rows = [["KPI", "Date", "Value"], ["Months to proficiency", "2027-06-30", "6.1"],
            ["Months to proficiency", "2027-09-30", "5.9"], ["Months to proficiency", "2027-09-30", "5.7"]]
    p = _actuals(pitch, rows)
    assert p.replaced == 2
    assert [(t.row, t.item.value) for t in p.taken] == [(2, Decimal("6.1")), (4, Decimal("5.7"))]
    assert p.taken[0].notes == ("replaces the pitch's reading of Months to proficiency on 2027-06-30 (6.5)",)
    assert p.taken[1].notes == ("replaces row 3's reading of Months to proficiency on 2027-09-30",)
    assert "2 readings replace an earlier one" in p.summary()
    after = imported(pitch, p)
    assert [(a.on, a.value) for a in after.actuals] == [(date(2027, 6, 30), Decimal("6.1")), (date(2027, 9, 30), Decimal("5.7"))]


def test_file_measure_names_are_matched_to_the_plan_and_the_user_can_change_a_match(pitch):
    rows = [["Metric", "As of", "Actual"], ["months to proficency", "2027-09-30", "5.5"], ["Sandbox claims", "2027-09-30", "40"],
            ["Headcount", "2027-09-30", "12"]]
    p = _actuals(pitch, rows)
    assert p.measures == {"months to proficency": PLAN[2], "Sandbox claims": PLAN[1], "Headcount": None}
    assert [str(x) for x in p.problems] == ["row 4, column 'Metric': 'Headcount' is not matched to a measure of the plan"]
    changed = _actuals(pitch, rows, measures={"Sandbox claims": "", "Headcount": PLAN[0]})
    assert [a.measure for a in changed.items] == [PLAN[2], PLAN[0]]
    with pytest.raises(SheetRefused, match="'Staff' is not a measure of the plan"):
        _actuals(pitch, rows, measures={"Headcount": "Staff"})


def test_one_column_per_measure_with_dates_in_three_formats(pitch, tmp_path):
    rows = [["Month", "Months to proficiency", "Simulation assessment passed first time", "Region"],
            [datetime(2027, 7, 31), 6.2, 0.74, "North"], ["31/08/2027", "6,0", "", "North"], ["Sep 30, 2027", "5.8", "81%", "North"],
            ["someday", "5", "", ""]]
    path = openpyxl_book(tmp_path / "bi.xlsx", rows)
    p = preview_import(pitch, read_sheet(path.read_bytes(), path.name), "actuals")
    assert p.mapping == {"date": "Month"}
    assert p.measures == {PLAN[2]: PLAN[2], PLAN[0]: PLAN[0], "Region": None}
    assert [(a.measure[:6], a.on, a.value) for a in p.items] == [
        ("Months", date(2027, 7, 31), Decimal("6.2")), ("Simula", date(2027, 7, 31), Decimal("0.74")),
        ("Months", date(2027, 8, 31), Decimal("6.0")),
        ("Months", date(2027, 9, 30), Decimal("5.8")), ("Simula", date(2027, 9, 30), Decimal("0.81"))]
    assert [str(x) for x in p.problems] == ["row 5, column 'Month': 'someday' is not a date (write it like 2026-03-31)"]
    assert p.notes == ("not a measure of the plan, left out: 'Region'",)


def test_a_plan_without_measures_says_what_to_do_first():
    p = _actuals(Pitch(), [["Date", "NPS"], ["2027-01-31", "40"]])
    assert p.missing == ("the measures (the plan has no measures yet: add them to the measurement plan first)",)


def test_text_where_a_value_should_be_is_named_on_its_row(pitch):
    p = _actuals(pitch, [["Measure", "Date", "Value"], ["Months to proficiency", "2027-09-30", "n/a"],
                         ["Months to proficiency", "2027-10-31", ""], ["", "2027-10-31", "4"]])
    assert [str(x) for x in p.problems] == ["row 2, column 'Value': 'n/a' is not a number",
                                            "row 3, column 'Value': no value: fill it in, or delete the row",
                                            "row 4, column 'Measure': no measure: fill it in, or delete the row"]


def test_a_percentage_reads_in_points_for_a_measure_the_plan_counts_in_percent(tmp_path):
    """The plan says attrition is 34 (%) falling to 26: "28%" in an export is 28 there, never 0.28."""
    pitch = Pitch.model_validate({"measures": [
        {"level": "business impact", "measure": "First-year attrition", "unit": "%", "baseline": "34", "target": "26"},
        {"level": "business impact", "measure": "Error rate", "unit": "share", "baseline": "0.06", "target": "0.03"}]})
    rows = [["Measure", "Date", "Value"], ["First-year attrition", "2028-01-31", "28%"], ["Error rate", "2028-01-31", "4%"],
            ["First-year attrition", "2028-02-29", "27.5"]]
    p = _actuals(pitch, rows)
    assert [(a.measure, a.value) for a in p.items] == [
        ("First-year attrition", Decimal(28)), ("Error rate", Decimal("0.04")), ("First-year attrition", Decimal("27.5"))]
    # Excel's own percent cells say the same: 0.28 shown as 28%.
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Measure", "Date", "Value"])
    sheet.append(["First-year attrition", datetime(2028, 1, 31), 0.28])
    sheet["C2"].number_format = "0%"
    sheet.append(["Error rate", datetime(2028, 1, 31), 0.04])
    sheet["C3"].number_format = "0.0%"
    book.save(tmp_path / "export.xlsx")
    p = preview_import(pitch, read_sheet((tmp_path / "export.xlsx").read_bytes(), "export.xlsx"), "actuals", None, None)
    assert [(a.measure, a.value) for a in p.items] == [("First-year attrition", Decimal(28)), ("Error rate", Decimal("0.04"))]
    assert [str(a.value) for a in p.items] == ["28", "0.04"]
