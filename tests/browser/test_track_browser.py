"""The Track page in Chromium: record an actual in the grid, see the results move, download the results-update deck.

Named apart from tests/app/test_track.py: without __init__.py files, test modules share one namespace.
"""

from __future__ import annotations

import io

import pytest
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
    screenshot,
    settle,
    type_into_cell,
)

from ldpitch.pitch import examples

pytestmark = pytest.mark.browser


def edit_last_column(page, wait, grid, row: int, text: str) -> str:
    """Type into a row's cell in the grid's last column (the grid stretches its three columns to the page)."""
    return type_into_cell(page, wait, grid, -60, row, text)


def test_an_actual_typed_in_the_grid_moves_the_results_and_the_update_deck_downloads(page, app_url, settle, screenshot):  # noqa: F811
    from pptx import Presentation

    load_example(page, app_url, settle, examples.title("onboarding")[:30])
    go(page, settle, "Track results")
    no_errors(page)
    realised = metric(page, "Realised benefits").inner_text()
    row = 7  # Months to proficiency on 2027-12-31: 5.4 months, the target is 4.5
    assert edit_last_column(page, settle, page.get_by_test_id("stDataFrame").first, row, "4.8") == "5.4"
    expect(metric(page, "Realised benefits")).not_to_have_text(realised)
    expect(page.get_by_text("Months to proficiency: 4.8, target 4.5")).to_be_visible()
    no_errors(page)
    page.get_by_role("button", name="Build the results-update deck").click()
    settle(page)
    button = page.get_by_test_id("stDownloadButton").filter(has_text="Download the results update")
    expect(button).to_be_visible(timeout=60_000)
    page.get_by_test_id("stVegaLiteChart").first.wait_for(state="visible")
    page.wait_for_timeout(400)  # let Vega finish drawing before the picture is taken
    screenshot(page, "track")
    with page.expect_download() as download:
        button.get_by_role("button").click()
    deck = Presentation(io.BytesIO(download.value.path().read_bytes()))
    assert download.value.suggested_filename.startswith("results-update-")
    text = " ".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame)
    assert len(deck.slides) >= 4 and "4.8" in text, "the deck carries the value typed in the grid"
