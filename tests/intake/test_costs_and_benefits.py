"""Cost and benefit lines imported from real files: the guessed mapping, each row's problems on its row, nothing changed until applied."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sheet_files import BUDGET, csv_bytes, xlsxwriter_book

from ldpitch.engine import evaluate
from ldpitch.errors import SheetRefused
from ldpitch.intake import imported, preview_import, read_sheet
from ldpitch.pitch import CostCategory, Pitch


def _costs(rows, pitch=None, columns=None, **kw):
    pitch = pitch or Pitch()
    return preview_import(pitch, read_sheet(csv_bytes(rows, **kw), "budget.csv"), "costs", columns)


def test_a_budget_workbook_becomes_cost_lines_with_categories_and_yearly_amounts(tmp_path):
    path = xlsxwriter_book(tmp_path / "budget.xlsx", {"Budget": [["FY2027 budget"], [], *BUDGET]}, start_row=1)
    p = preview_import(Pitch(), read_sheet(path.read_bytes(), path.name), "costs")
    assert p.mapping == {"item": "Line item", "category": "Category", "cadence": "Cadence", "amount": "Cost"}
    assert p.guessed == {"item", "category", "cadence", "amount"}
    assert p.problems == ()
    lines = p.items
    assert [(c.label, c.category, c.cadence, c.amount) for c in lines] == [
        ("Needs analysis workshops", CostCategory.needs_analysis, "one_time", Decimal(4000)),
        ("Facilitator fees", CostCategory.delivery, "one_time", Decimal("12500.5")),  # category read from the item's words
        ("LMS seats", CostCategory.hardware_software, "per_year", Decimal(3600)),  # 300 a month is 3,600 a year
        ('=HYPERLINK("http://x")', CostCategory.other, "one_time", Decimal(100)),  # text, never a formula
    ]
    assert p.taken[2].notes == ("monthly $300 counted as $3,600 a year",)


def test_nothing_changes_until_the_import_is_applied_and_then_costs_and_roi_move():
    pitch = Pitch.model_validate({"benefits": [{"label": "B", "template": "standard_value",
                                                "inputs": {"units_per_year": "1", "value_per_unit": "60000"}}]})
    p = _costs([["Item", "Amount"], ["Design", "20,000"], ["Venue", "$10,000"]], pitch)
    assert pitch.costs == []
    after = imported(pitch, p)
    assert pitch.costs == [] and [c.amount for c in after.costs] == [Decimal(20000), Decimal(10000)]
    assert evaluate(after).total_costs == Decimal(30000)
    assert evaluate(after).roi_percent == Decimal(100)


def test_every_bad_row_is_named_by_row_and_column_and_good_rows_are_still_taken():
    rows = [["Item", "Cadence", "Amount"], ["Design", "one-time", "12,500"], ["Laptops", "", "twelve"], ["Refund", "", "(1,200)"],
            ["Venue", "fortnightly", "900"], ["", "", ""], ["Grand total", "", "14,600"], ["Trainer", "", "€500"]]
    p = _costs(rows)
    assert [c.label for c in p.items] == ["Design"]
    assert [str(x) for x in p.problems] == [
        "row 3, column 'Amount': 'twelve' is not a number; write an amount like $12,500",
        "row 4, column 'Amount': (1,200) is negative: enter costs and values as positive amounts",
        "row 5, column 'Cadence': 'fortnightly' is not a cadence: write one-time, monthly, quarterly or per year",
        "row 7, column 'Item': 'Grand total' looks like a total: totals are not imported (ldpitch adds up the lines itself)",
        "row 8, column 'Amount': '€500' is in another currency (€) than this pitch (USD); write an amount like $12,500",
    ]
    assert p.refused_rows == [3, 4, 5, 7, 8]
    assert p.summary() == "1 cost line to import; 5 rows refused."
    shown = p.first_rows(3)
    assert shown[1]["Row"] == "3" and shown[1]["Problem"] == "Amount: 'twelve' is not a number; write an amount like $12,500"
    assert shown[0]["Problem"] == ""


def test_a_sheet_without_an_amount_column_takes_nothing_until_the_user_names_one():
    rows = [["Thing", "Figure"], ["Design", "100"]]
    p = _costs(rows)
    assert p.missing == ("Amount",) and not p.ready
    assert p.summary() == "Choose a column for Amount: nothing can be imported until then."
    with pytest.raises(SheetRefused, match="Nothing to import"):
        imported(Pitch(), p)
    chosen = _costs(rows, columns={"amount": "figure", "item": "A"})
    assert chosen.mapping == {"item": "Thing", "amount": "Figure"} and chosen.guessed == frozenset()
    assert [(c.label, c.amount) for c in chosen.items] == [("Design", Decimal(100))]


def test_a_column_or_field_that_does_not_exist_is_refused_in_words():
    with pytest.raises(SheetRefused, match="no column 'Cost'; its columns are 'Item', 'Amount'"):
        _costs([["Item", "Amount"], ["a", "1"]], columns={"amount": "Cost"})
    with pytest.raises(SheetRefused, match="'price' is not a field of this import"):
        _costs([["Item", "Amount"], ["a", "1"]], columns={"price": "Amount"})


def test_german_numbers_in_a_semicolon_file_for_a_euro_pitch():
    pitch = Pitch(currency="EUR", locale="de_DE")
    p = _costs([["Position", "Kategorie", "Betrag"], ["Trainer", "delivery", "12.500,00 €"], ["Raum", "venue", "800"]], pitch,
               columns={"item": "Position", "category": "Kategorie", "amount": "Betrag"}, delimiter=";", encoding="cp1252")
    assert [(c.label, c.amount) for c in p.items] == [("Trainer", Decimal("12500.00")), ("Raum", Decimal(800))]


def test_amounts_with_fractions_of_a_cent_are_rounded_and_the_note_says_so():
    p = _costs([["Item", "Amount"], ["Travel", 1337.4823]])
    assert p.items[0].amount == Decimal("1337.48")
    assert p.taken[0].notes == ("Amount 1337.4823 rounded to $1,337.48 (USD has 2 decimals)",)


def test_a_pitch_full_of_cost_lines_refuses_the_rows_that_do_not_fit():
    pitch = Pitch.model_validate({"costs": [{"category": "other", "amount": "1"}] * 198})
    p = _costs([["Item", "Amount"], *[[f"Line {i}", "10"] for i in range(5)]], pitch)
    assert len(p.items) == 2 and p.refused_rows == [4, 5, 6]
    assert "a pitch holds at most 200 cost lines" in str(p.problems[0])
    assert len(imported(pitch, p).costs) == 200


def test_benefits_from_templates_and_their_inputs_or_a_standard_value(tmp_path):
    rows = [["Benefit", "Template", "Sellers", "Extra sales per seller a year", "Gross margin", "Amount a year", "Attribution", "Confidence"],
            ["Field sales", "Sales uplift", 20, 50000, 0.4, None, 0.5, 0.8],
            ["Fewer escalations", "", None, None, None, 12000, None, None],
            ["Rework", "Errors avoided", None, None, None, None, None, None],
            ["Magic", "Wishful thinking", None, None, None, 1, None, None]]
    path = xlsxwriter_book(tmp_path / "benefits.xlsx", {"Benefits": rows}, percent_column=4)
    p = preview_import(Pitch(), read_sheet(path.read_bytes(), path.name), "benefits")
    assert {k: p.mapping[k] for k in ("item", "template", "sellers", "gross_margin", "amount")} == {
        "item": "Benefit", "template": "Template", "sellers": "Sellers", "gross_margin": "Gross margin", "amount": "Amount a year"}
    sales, plain = p.items
    assert (sales.template, sales.inputs, sales.attribution, sales.confidence) == (
        "sales_uplift", {"sellers": Decimal(20), "extra_sales_per_seller": Decimal(50000), "gross_margin": Decimal("0.4")},
        Decimal("0.5"), Decimal("0.8"))
    assert sales.sources["sellers"] == "sheet 'Benefits', row 2"
    assert (plain.template, plain.inputs) == ("standard_value", {"units_per_year": Decimal(1), "value_per_unit": Decimal(12000)})
    assert [str(x) for x in p.problems] == [
        "row 4: Errors or rework avoided needs Errors avoided a year, Cost per error: add a column for it or fill it in",
        "row 5, column 'Template': 'Wishful thinking' is not a benefit template; use one of: " + "; ".join(
            t.title for t in __import__("ldpitch.pitch", fromlist=["TEMPLATES"]).TEMPLATES.values()),
    ]
    after = imported(Pitch(), p)
    assert evaluate(after).total_benefits == Decimal(20 * 50000) * Decimal("0.4") * Decimal("0.4") + 12000


def test_shares_written_as_percentages_are_read_as_shares():
    rows = [["Benefit", "Units a year", "Value per unit", "Attribution %", "Confidence"], ["A", "10", "$100", "35", "80%"],
            ["B", "10", "100", "135%", "0.5"]]
    p = preview_import(Pitch(), read_sheet(csv_bytes(rows), "b.csv"), "benefits")
    assert (p.items[0].attribution, p.items[0].confidence) == (Decimal("0.35"), Decimal("0.8"))
    assert p.taken[0].notes == ("Attribution % 35 read as 35%",)
    assert [str(x) for x in p.problems] == ["row 3, column 'Attribution %': 135% is not a share between 0% and 100%"]


def test_imported_text_that_looks_like_a_formula_stays_text_in_the_workbook(tmp_path):
    import io

    import openpyxl

    from ldpitch.workbook import workbook_bytes

    p = _costs([["Item", "Amount"], ['=HYPERLINK("http://x","click")', "100"], ["@SUM(A1)", "5"]])
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes(imported(Pitch(), p))))
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value[:1] in "=@"]
    found = {c.value: c for c in cells if "HYPERLINK" in c.value or "SUM(A1)" in c.value}
    assert set(found) == {'=HYPERLINK("http://x","click")', "@SUM(A1)"}
    assert all(c.data_type == "s" and c.quotePrefix for c in found.values())


def test_a_formula_saved_without_its_value_is_named_not_taken_as_empty(tmp_path):
    from sheet_files import openpyxl_book

    path = openpyxl_book(tmp_path / "f.xlsx", [["Item", "Amount"], ["Design", 100], ["Delivery", "=B2*2"]])
    p = preview_import(Pitch(), read_sheet(path.read_bytes(), path.name), "costs")
    assert [c.label for c in p.items] == ["Design"]
    assert [str(x) for x in p.problems] == [
        "row 3, column 'Amount': this cell holds the formula =B2*2 without its value: open the file in Excel or LibreOffice, "
        "save it and import it again"]
    assert p.first_rows()[1]["Amount"] == "=B2*2"


def test_an_amount_column_that_names_another_currency_is_said_not_converted():
    from ldpitch.intake import preview_import, read_sheet
    from ldpitch.pitch import Pitch

    sheet = read_sheet(b"Item;Amount (EUR)\nLMS licence;12.500,00\n", "budget.csv")
    gbp = preview_import(Pitch(currency="GBP", locale="en_GB"), sheet, "costs")
    assert gbp.items[0].amount == 12500
    assert gbp.notes == ("The column 'Amount (EUR)' names EUR, but this pitch is in GBP: its amounts are taken as GBP, not converted.",)
    assert gbp.notes[0] in gbp.notes_said()
    assert preview_import(Pitch(currency="EUR", locale="de_DE"), sheet, "costs").notes == ()
