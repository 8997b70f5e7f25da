"""The running app in Chromium: load an example, visit every page, edit a cost in the grid, download the deck.

The app is served once per test session by ``streamlit run`` and driven by
Debian's Chromium (``playwright install`` cannot download browsers here).
The fixtures live in this module rather than a conftest.py: a second
subfolder conftest.py beside tests/store's would clash under --doctest-modules.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from server import AppServer

from ldpitch.editing import tables

pytestmark = pytest.mark.browser

# A loaded 2-core machine (the suite's app servers, LibreOffice, Chromium at once) can take more than Playwright's
# default 5 s to show what one edit brings; every browser test in the session waits up to 15 s.
expect.set_options(timeout=15_000)

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-output" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
FINISHED = '[data-testid="stApp"][data-test-script-state="notRunning"]'


@pytest.fixture(scope="session")
def app_url(tmp_path_factory):
    """Start the app on a free port, its pitch library in a temporary folder; stop it when the session ends."""
    with AppServer(tmp_path_factory.mktemp("app-library")) as server:
        yield server.url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed at /usr/bin/chromium (make test installs it)")
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM),
            "args": ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                     "--disable-component-update", "--no-first-run"]}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1400, "height": 1000}, "accept_downloads": True}


def _wait_for_app(page) -> None:
    page.wait_for_timeout(250)  # past the widgets' debounce, so the rerun has started
    page.wait_for_selector(FINISHED, timeout=30_000)
    page.wait_for_timeout(150)


@pytest.fixture
def settle():
    """``settle(page)``: wait until the script run that the last action started has finished."""
    return _wait_for_app


@pytest.fixture
def screenshot():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def shoot(page, name: str) -> Path:
        # Streamlit scrolls inside its main container, not the document: grow the window to the
        # content's height so the full-page picture holds the whole page, then put it back.
        size, height = page.viewport_size, 0
        for _ in range(4):  # charts and tables reflow when the window grows: measure until it settles
            now = page.evaluate("() => document.querySelector('[data-testid=\"stMainBlockContainer\"]').scrollHeight") + 160
            if now <= height:
                break
            height = now
            page.set_viewport_size({"width": size["width"], "height": min(max(height, size["height"]), 12_000)})
            page.wait_for_timeout(500)
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        page.set_viewport_size(size)
        return path

    return shoot


@pytest.fixture(scope="session")
def base_url():
    """Overrides pytest-playwright's fallback fixture, which pytest 9 deprecates (warnings are errors here)."""
    return None


# --- the tests ---------------------------------------------------------------------------------------------------

PAGES = [("Start", "start"), ("Initiative", "initiative"), ("Audience", "audience"), ("Budget and return", "budget"),
         ("Options", "options"), ("Alignment and measurement", "alignment"), ("Readiness (RADAR)", "readiness"), ("Export", "export")]
NAMED_WIDTHS = {"small": 75, "medium": 200, "large": 400}
ROW_MARKERS, HEADER, ROW = 32, 36, 35


def load_example(page, app_url, settle, title_part: str = "mobile sales") -> None:
    page.goto(app_url)
    page.wait_for_selector('[data-testid="stAppViewContainer"]', state="attached")
    settle(page)
    page.get_by_role("button", name="Load example:").filter(has_text=title_part).click()
    settle(page)
    expect(page.get_by_text("Loaded the example")).to_be_visible()


def go(page, settle, name: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=name, exact=True).click()
    settle(page)


def no_errors(page) -> None:
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)


def metric(page, label: str):
    return page.get_by_test_id("stMetric").filter(has_text=label).get_by_test_id("stMetricValue")


def edit_cell(page, settle, grid, table, row: int, header: str, text: str) -> str:
    """Double-click a cell of a data editor, type ``text``, press Enter; return what the cell held before."""
    x = ROW_MARKERS
    for c in table.columns:
        width = NAMED_WIDTHS.get(c.width, c.width)
        if c.header == header:
            x += width // 2
            break
        x += width
    return type_into_cell(page, settle, grid, x, row, text)


def _still(page, grid) -> dict:
    """The grid's canvas box once it has stopped moving (the page above it may still be drawing after a run)."""
    grid.scroll_into_view_if_needed()
    canvas = grid.get_by_test_id("data-grid-canvas")
    box = canvas.bounding_box()
    for _ in range(20):
        page.wait_for_timeout(150)
        again = canvas.bounding_box()
        if again == box:
            return box
        box = again
    return box


def open_cell(page, settle, grid, x: int, row: int, tries: int = 3):
    """Double-click the grid cell ``x`` pixels from its left edge (from its right edge when negative) in body row
    ``row`` until its editor opens, and return the editor (benchmarks open their cells with it too)."""
    editor = page.locator("#portal textarea, #portal input").first
    for attempt in range(tries):
        box = _still(page, grid)
        page.mouse.dblclick(box["x"] + (x if x >= 0 else box["width"] + x), box["y"] + HEADER + ROW * row + ROW // 2)
        try:  # a loaded machine may take a while to open the cell editor
            editor.wait_for(state="visible", timeout=5_000 * (attempt + 1))
            return editor
        except Exception:  # the grid was drawn again under the click (a late rerun): aim again at the redrawn grid
            if attempt == tries - 1:
                raise
            page.keyboard.press("Escape")
            settle(page)
    raise AssertionError("unreachable")


def type_into_cell(page, settle, grid, x: int, row: int, text: str) -> str:
    """Open the grid cell (``open_cell``), type ``text``, press Enter; return what the cell held before."""
    editor = open_cell(page, settle, grid, x, row)
    before = editor.input_value()
    editor.fill(text)
    page.keyboard.press("Enter")
    settle(page)
    settle(page)  # the edit reruns the page, which reruns once more with the rebuilt table
    return before


def test_every_page_shows_the_loaded_example_without_errors(page, app_url, settle, screenshot):
    load_example(page, app_url, settle)
    for n, (name, slug) in enumerate(PAGES, start=1):
        go(page, settle, name)
        no_errors(page)
        if slug in ("budget", "audience", "options", "readiness"):
            page.get_by_test_id("stVegaLiteChart").first.wait_for(state="visible")
            page.wait_for_timeout(400)  # let Vega finish drawing before the picture is taken
        screenshot(page, f"{n:02d}-{slug}")


def test_editing_a_cost_in_the_grid_changes_the_roi_and_the_charts(page, app_url, settle):
    load_example(page, app_url, settle)
    go(page, settle, "Budget and return")
    roi_before = metric(page, "ROI").inner_text()
    chart = page.get_by_test_id("stVegaLiteChart").nth(1)  # cumulative cash flow
    chart.wait_for(state="visible")
    page.wait_for_timeout(400)
    picture_before = chart.screenshot()
    grid = page.get_by_test_id("stDataFrame").first
    assert edit_cell(page, settle, grid, tables.COSTS, 0, "Amount", "$300,000") == "$18,000"
    expect(metric(page, "ROI")).not_to_have_text(roi_before)
    no_errors(page)
    page.wait_for_timeout(400)
    assert chart.screenshot() != picture_before, "the cumulative cash-flow chart is redrawn"
    expect(page.get_by_text("$300,000").first).to_be_attached()


def test_money_reads_in_the_pitchs_currency_and_locale(page, app_url, settle, screenshot):
    load_example(page, app_url, settle, "shop floor")  # EUR, de_DE
    go(page, settle, "Budget and return")
    expect(metric(page, "Total cost")).to_have_text(re.compile(r"^[\d.]+\s€$"))
    expect(page.get_by_test_id("stVegaLiteChart").first).to_be_visible()
    page.wait_for_timeout(400)
    screenshot(page, "budget-eur-de")


def test_a_nonsensical_amount_is_flagged_on_its_row(page, app_url, settle, screenshot):
    load_example(page, app_url, settle)
    go(page, settle, "Budget and return")
    roi_before = metric(page, "ROI").inner_text()
    assert edit_cell(page, settle, page.get_by_test_id("stDataFrame").first, tables.COSTS, 1, "Amount", "12,5,00") == "$96,000"
    expect(page.get_by_test_id("stAlert").filter(has_text="did you mean 12,500")).to_be_visible()
    no_errors(page)
    assert metric(page, "ROI").inner_text() == roi_before, "the flagged line keeps its last good amount until fixed"
    screenshot(page, "budget-flagged-row")


def test_the_deck_downloads_and_opens_in_python_pptx(page, app_url, settle, screenshot):
    from pptx import Presentation

    load_example(page, app_url, settle, "shop floor")
    go(page, settle, "Export")
    page.get_by_role("button", name="Build deck").click()
    settle(page)
    button = page.get_by_test_id("stDownloadButton").filter(has_text="Download the deck")
    expect(button).to_be_visible(timeout=60_000)
    screenshot(page, "export-built")
    with page.expect_download() as download:
        button.get_by_role("button").click()
    data = download.value.path().read_bytes()
    deck = Presentation(io.BytesIO(data))
    assert len(deck.slides) >= 8
    assert download.value.suggested_filename.endswith(".pptx")
    no_errors(page)


def test_a_first_visit_with_an_empty_pitch_shows_guidance_on_every_page(page, app_url, settle, screenshot):
    page.goto(app_url)
    page.wait_for_selector('[data-testid="stAppViewContainer"]', state="attached")
    settle(page)
    for n, (name, slug) in enumerate(PAGES, start=1):
        go(page, settle, name)
        no_errors(page)
        expect(page.get_by_test_id("stProgress").first).to_be_visible()
        screenshot(page, f"empty-{n:02d}-{slug}")
