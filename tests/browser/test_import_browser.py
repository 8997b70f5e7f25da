"""The Budget page in Chromium: upload a budget workbook, see the preview, confirm, and see the costs and ROI change.

Named apart from tests/app/test_import_page.py: without __init__.py files, test modules share one namespace.
"""

from __future__ import annotations

import pytest
import xlsxwriter
from playwright.sync_api import expect

# The fixtures come from test_wizard (no conftest.py here: a second subfolder conftest clashes under --doctest-modules).
from test_wizard import (  # noqa: F401
    app_url,
    base_url,
    browser_context_args,
    browser_type_launch_args,
    go,
    load_example,
    metric,
    no_errors,
    settle,
)

pytestmark = pytest.mark.browser


def test_an_uploaded_budget_workbook_adds_its_costs_and_moves_the_roi(page, app_url, settle, tmp_path):  # noqa: F811
    book_path = tmp_path / "budget.xlsx"
    book = xlsxwriter.Workbook(str(book_path))
    ws = book.add_worksheet("Budget")
    ws.write_string(0, 0, "FY2027 budget, field sales enablement")
    for r, row in enumerate([["Line item", "Category", "Cost"], ["Extra coaching", "delivery", 40000], ["Travel", "travel", 9000]], start=2):
        for c, value in enumerate(row):
            (ws.write_string if isinstance(value, str) else ws.write_number)(r, c, value)
    book.close()

    load_example(page, app_url, settle)
    go(page, settle, "Budget and return")
    cost_before, roi_before = metric(page, "Total cost").inner_text(), metric(page, "ROI").inner_text()
    page.get_by_text("Import cost lines from a spreadsheet").click()
    page.get_by_test_id("stFileUploaderDropzoneInput").first.set_input_files(str(book_path))
    settle(page)
    expect(page.get_by_text("2 cost lines to import.")).to_be_visible(timeout=30_000)
    expect(metric(page, "Total cost")).to_have_text(cost_before)  # nothing changes before the import is confirmed
    page.get_by_role("button", name="Import 2 cost lines").click()
    settle(page)
    expect(page.get_by_text("Imported 2 cost lines from budget.xlsx")).to_be_visible(timeout=30_000)
    expect(metric(page, "Total cost")).not_to_have_text(cost_before)
    expect(metric(page, "ROI")).not_to_have_text(roi_before)
    no_errors(page)
