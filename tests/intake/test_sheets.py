"""Reading real spreadsheet files: encodings, delimiters, workbooks, title blocks, and every file that must be refused."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from sheet_files import BUDGET, LMS_REPORT, csv_bytes, encrypted, openpyxl_book, with_macros, xlsxwriter_book

from ldpitch.errors import SheetRefused
from ldpitch.intake import MAX_ROWS, read_sheet

ROWS = [["Item", "Amount", "Note"], ["Café crème for the launch", "1.234,56", "déjà vu"], ["Trainer", "1,200", "—"]]


@pytest.mark.parametrize(("encoding", "delimiter"), [
    ("utf-8", ","), ("utf-8-sig", ","), ("utf-8", ";"), ("utf-8-sig", "\t"), ("utf-16", "\t"), ("utf-16-le", "\t"),
    ("cp1252", ";"), ("cp1252", ","), ("utf-8", "|"),
])
def test_a_csv_reads_the_same_in_every_encoding_and_delimiter(encoding, delimiter):
    sheet = read_sheet(csv_bytes(ROWS, delimiter=delimiter, encoding=encoding), "budget.csv")
    assert sheet.headers == ("Item", "Amount", "Note")
    assert [cells for _, cells in sheet.rows] == [tuple(r) for r in ROWS[1:]]
    assert [n for n, _ in sheet.rows] == [2, 3]


def test_excel_unicode_text_is_utf16_with_tabs_and_says_so():
    sheet = read_sheet(csv_bytes(ROWS, delimiter="\t", encoding="utf-16"), "export.txt")
    assert sheet.kind == "CSV (UTF-16, tab-separated)"


def test_the_header_is_found_below_a_title_block_and_rows_keep_their_file_numbers():
    sheet = read_sheet(csv_bytes(LMS_REPORT), "lms.csv")
    assert sheet.header_row == 4
    assert sheet.headers == ("Learner", "Course", "Completion date", "Score")
    assert [n for n, _ in sheet.rows] == [5, 6, 7]


def test_cells_that_look_like_formulas_stay_text():
    rows = [["Item", "Amount"], ["=1+2", "=SUM(A1:A3)"], ["+44 20 7946", "@cmd"], ["-Discount", "-5"]]
    sheet = read_sheet(csv_bytes(rows), "x.csv")
    assert [cells for _, cells in sheet.rows] == [("=1+2", "=SUM(A1:A3)"), ("+44 20 7946", "@cmd"), ("-Discount", "-5")]


def test_an_xlsx_with_its_header_on_row_4_is_read_with_numbers_as_excel_stored_them(tmp_path):
    path = xlsxwriter_book(tmp_path / "budget.xlsx", {"Budget": [["FY2027 budget"], [], *BUDGET]}, start_row=1)
    sheet = read_sheet(path.read_bytes(), path.name)
    assert (sheet.name, sheet.header_row, sheet.sheet_names, sheet.kind) == ("Budget", 4, ("Budget",), "Excel workbook")
    assert sheet.headers == tuple(BUDGET[0])
    assert sheet.rows[1] == (6, ("Facilitator fees", "", "one-time", 12500.5))
    assert sheet.rows[3][1][0] == '=HYPERLINK("http://x")'  # written as text, read as text: never a formula


def test_a_workbook_sheet_is_chosen_by_name_and_an_unknown_name_lists_the_sheets(tmp_path):
    path = xlsxwriter_book(tmp_path / "b.xlsx", {"Notes": [["Read me"]], "Costs": BUDGET})
    assert read_sheet(path.read_bytes(), "b.xlsx", "Costs").headers == tuple(BUDGET[0])
    with pytest.raises(SheetRefused, match="no sheet called 'Benefits'; its sheets are: Notes, Costs"):
        read_sheet(path.read_bytes(), "b.xlsx", "Benefits")


def test_the_first_sheet_with_a_table_is_read_when_none_is_named(tmp_path):
    path = xlsxwriter_book(tmp_path / "b.xlsx", {"Empty": [], "Read me": [["About this budget"]], "Costs": BUDGET})
    assert read_sheet(path.read_bytes(), "b.xlsx").name == "Costs"
    with pytest.raises(SheetRefused, match=r"'Read me' has a header row \(row 1\) but no rows below it"):
        read_sheet(path.read_bytes(), "b.xlsx", "Read me")


def test_openpyxl_dates_and_numbers_come_as_dates_and_numbers(tmp_path):
    path = openpyxl_book(tmp_path / "a.xlsx", [["KPI", "Date", "Value"], ["NPS", datetime(2027, 3, 31), 41]])
    assert read_sheet(path.read_bytes(), "a.xlsx").rows == ((2, ("NPS", datetime(2027, 3, 31), 41)),)


def test_merged_cells_in_the_table_are_refused_naming_the_range(tmp_path):
    path = xlsxwriter_book(tmp_path / "m.xlsx", {"Budget": BUDGET}, merge="B3:B4")
    with pytest.raises(SheetRefused, match=r"merged cells \(B3:B4\)"):
        read_sheet(path.read_bytes(), "m.xlsx")


def test_a_merged_title_above_the_table_is_fine(tmp_path):
    path = xlsxwriter_book(tmp_path / "t.xlsx", {"Budget": [[], [], *BUDGET]}, merge="A1:D1")
    assert read_sheet(path.read_bytes(), "t.xlsx").header_row == 3


def test_a_workbook_with_macros_is_refused_and_says_how_to_save_it(tmp_path):
    path = with_macros(xlsxwriter_book(tmp_path / "b.xlsx", {"Budget": BUDGET}), tmp_path / "b.xlsm")
    with pytest.raises(SheetRefused, match=r"has macros \(.xlsm\).*Save a copy as an Excel workbook"):
        read_sheet(path.read_bytes(), "b.xlsm")


def test_a_password_protected_workbook_is_refused_as_such(tmp_path):
    path = encrypted(xlsxwriter_book(tmp_path / "b.xlsx", {"Budget": BUDGET}), tmp_path / "locked.xlsx")
    assert path.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"
    with pytest.raises(SheetRefused, match="protected with a password"):
        read_sheet(path.read_bytes(), "locked.xlsx")


@pytest.mark.parametrize(("data", "says"), [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document, not a spreadsheet"),
    (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "a PNG image, not a spreadsheet"),
    (bytes(range(256)) * 20, "not a spreadsheet (it holds binary data)"),
    (b"PK\x03\x04garbage", "damaged"),
    (b"   \n\n", "This file is empty"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "old Excel 97-2003"),
])
def test_files_that_are_not_spreadsheets_are_refused_in_words(data, says):
    with pytest.raises(SheetRefused, match=re.escape(says)):
        read_sheet(data, "upload.csv")


def test_a_word_document_renamed_xlsx_is_called_what_it_is(tmp_path):
    import zipfile

    path = tmp_path / "letter.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", "<w/>")
    with pytest.raises(SheetRefused, match="a Word document, not an Excel workbook"):
        read_sheet(path.read_bytes(), path.name)


def test_an_empty_sheet_and_a_header_without_rows_are_refused(tmp_path):
    path = xlsxwriter_book(tmp_path / "e.xlsx", {"Costs": []})
    with pytest.raises(SheetRefused, match="'Costs' is empty"):
        read_sheet(path.read_bytes(), "e.xlsx")
    with pytest.raises(SheetRefused, match=r"header row \(row 1\) but no rows below it"):
        read_sheet(b"Item,Amount\n,\n", "h.csv")


def test_a_file_over_the_size_cap_is_refused_before_reading():
    with pytest.raises(SheetRefused, match=r"50\.0 MB; a spreadsheet to import is at most 20 MB"):
        read_sheet(b"a,b\n" * 12_500_000, "big.csv")


def test_the_row_cap_reads_100000_rows_and_refuses_more():
    body = b"".join(b"Item %d,%d\n" % (i, i) for i in range(MAX_ROWS))
    assert len(read_sheet(b"Item,Amount\n" + body, "big.csv").rows) == MAX_ROWS
    with pytest.raises(SheetRefused, match="more than 100,000 rows"):
        read_sheet(b"Item,Amount\n" + body + b"x,1\n" * 40, "bigger.csv")


def test_duplicate_and_blank_headers_get_names_of_their_own():
    sheet = read_sheet(b"Amount,Amount,,Note\n1,2,3,x\n", "d.csv")
    assert sheet.headers == ("Amount", "Amount (2)", "Column C", "Note")


@pytest.mark.slow
@pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")), reason="LibreOffice is not installed")
def test_a_csv_saved_by_libreoffice_calc_as_xlsx_reads_like_the_csv(tmp_path):
    source = tmp_path / "budget.csv"
    source.write_bytes(csv_bytes(BUDGET))
    office = shutil.which("soffice") or shutil.which("libreoffice")
    profile = tmp_path / "profile"
    subprocess.run([office, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--convert-to", "xlsx",
                    "--outdir", str(tmp_path / "out"), str(source)], check=True, capture_output=True, timeout=180)
    converted = Path(tmp_path / "out" / "budget.xlsx")
    sheet = read_sheet(converted.read_bytes(), converted.name)
    assert sheet.kind == "Excel workbook"
    assert sheet.headers == tuple(BUDGET[0])
    assert [c[0] for _, c in sheet.rows[:-1]] == [r[0] for r in BUDGET[1:-1]]
    assert [c[3] for _, c in sheet.rows] == [r[3] for r in BUDGET[1:]]  # Calc stored the amounts as numbers
    # Calc turned the CSV's "=HYPERLINK(...)" into a formula when it opened the file; a workbook's formula is read
    # as the value its spreadsheet saved, never evaluated by ldpitch.
    assert sheet.rows[-1][1][0] == "http://x"
