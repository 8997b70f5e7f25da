"""Export's extras: slide thumbnails drawn in the background and the PDF when LibreOffice is installed, a clear message when it is not; chart images."""

from __future__ import annotations

import io
import threading
import time

import fake_office
import pytest
from apptest_support import APP, problems
from streamlit.testing.v1 import AppTest

from ldpitch import preview

INSTALL = "Install LibreOffice Impress and poppler-utils (apt-get install libreoffice-impress poppler-utils) to see slide previews"
needs_libreoffice = pytest.mark.skipif(preview.missing_tools() is not None, reason="LibreOffice or pdftoppm is not installed")



def open_app(example: str, page: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.button(key=f"start.example.{example}").click().run()
    at.switch_page(page).run()
    assert not problems(at), problems(at)
    return at


def download_keys(at: AppTest) -> list[str]:
    return [b.key for b in at.download_button]


@pytest.fixture(autouse=True)
def empty_cache():
    preview.clear_cache()
    yield
    preview.forget_requests()
    for drawing in [t for t in threading.enumerate() if t.name.startswith("ldpitch-preview-")]:
        drawing.join(timeout=30)  # a drawing left running would fill the cache for the next test
    preview.clear_cache()


def until(at: AppTest, shown, timeout: float = 60) -> AppTest:
    """Run the page again every 0.2 s (as its fragment's timer would) until ``shown(at)`` holds."""
    deadline = time.monotonic() + timeout
    while not shown(at):
        assert time.monotonic() < deadline, f"not shown within {timeout} s: {[p.proto.text for p in at.get('progress')]}"
        time.sleep(0.2)
        at.run()
        assert not problems(at), problems(at)
    return at


def waiting(at: AppTest) -> list[str]:
    """The progress the page shows while the slides are being drawn."""
    return [p.proto.text for p in at.get("progress") if p.proto.text.startswith("Drawing the slides")]


@pytest.mark.slow
@needs_libreoffice
def test_the_built_deck_is_offered_at_once_and_its_thumbnails_follow_from_the_background(monkeypatch):
    from pptx import Presentation

    at = open_app("production", "pages/export.py")
    at.radio(key="export.length").set_value("short").run()
    at.button(key="export.build").click().run()
    assert not problems(at) and not at.warning
    assert {"export.pptx", "export.pdf"} <= set(download_keys(at)), "the deck and its PDF at once"
    assert waiting(at), "the slides are being drawn below the deck"
    assert not at.get("image"), "the run that built the deck did not wait for LibreOffice"
    slides = len(Presentation(io.BytesIO(at.session_state["export.deck"][1])).slides)
    until(at, lambda at: at.get("image"))
    assert len(at.get("image")) == slides and not waiting(at) and not at.warning
    assert {"export.pptx", "export.pdf"} <= set(download_keys(at))
    # Shown again from the cache: with LibreOffice gone, the unchanged deck still shows every slide.
    monkeypatch.setenv("LDPITCH_SOFFICE", "/nowhere/soffice")
    at.toggle(key="export.preview").set_value(False).run()
    assert not at.get("image") and not waiting(at) and "export.pdf" in download_keys(at)
    at.toggle(key="export.preview").set_value(True).run()
    assert len(at.get("image")) == slides and not at.info


def test_while_the_slides_are_drawn_the_page_says_so_and_shows_them_when_ready(tmp_path, monkeypatch):
    office, raster, log = fake_office.fake_tools(tmp_path, seconds=0.3, slides=2)
    monkeypatch.setenv("LDPITCH_SOFFICE", office)
    monkeypatch.setenv("LDPITCH_PDFTOPPM", raster)
    at = open_app("sales_mobile", "pages/export.py")
    at.button(key="export.build").click().run()
    assert waiting(at) and not at.get("image") and {"export.pptx", "export.pdf"} <= set(download_keys(at))
    until(at, lambda at: at.get("image"))
    assert len(at.get("image")) == 2 and not waiting(at) and len(fake_office.conversions(log)) == 1
    # Slides off: a new deck is built and offered, and nothing is drawn until they are on again.
    at.toggle(key="export.preview").set_value(False).run()
    at.radio(key="export.length").set_value("short").run()
    at.button(key="export.build").click().run()
    assert not waiting(at) and not at.get("image") and "export.pdf" in download_keys(at)
    time.sleep(0.4)  # longer than a drawing would take
    assert len(fake_office.conversions(log)) == 1 and preview.requests_in_hand() == 1
    at.toggle(key="export.preview").set_value(True).run()
    assert waiting(at)
    until(at, lambda at: at.get("image"))
    assert len(fake_office.conversions(log)) == 2


def test_a_failed_preview_is_a_warning_with_a_retry_and_the_deck_is_still_offered(tmp_path, monkeypatch):
    office, raster, log = fake_office.fake_tools(tmp_path, seconds=0.05, fail=True)
    monkeypatch.setenv("LDPITCH_SOFFICE", office)
    monkeypatch.setenv("LDPITCH_PDFTOPPM", raster)
    at = open_app("sales_mobile", "pages/export.py")
    at.button(key="export.build").click().run()
    until(at, lambda at: at.warning)
    assert fake_office.OFFICE_FAILS in at.warning[0].value and "export.pptx" in download_keys(at)
    at.run()
    assert at.warning and len(fake_office.conversions(log)) == 1, "shown again, not drawn again, until asked"
    office, raster, _ = fake_office.fake_tools(tmp_path, seconds=0.05)  # LibreOffice works again
    monkeypatch.setenv("LDPITCH_SOFFICE", office)
    at.button(key="export.preview.retry").click().run()
    assert not at.warning and (waiting(at) or at.get("image"))
    until(at, lambda at: at.get("image"))
    assert len(at.get("image")) == 1 and len(fake_office.conversions(log)) == 2


def test_without_libreoffice_the_page_says_what_to_install_and_still_offers_the_deck(monkeypatch):
    monkeypatch.setenv("LDPITCH_SOFFICE", "/nowhere/soffice")
    at = open_app("sales_mobile", "pages/export.py")
    at.button(key="export.build").click().run()
    assert not problems(at)
    assert any(INSTALL in i.value for i in at.info)
    assert "export.pptx" in download_keys(at) and "export.pdf" not in download_keys(at)
    assert not at.get("image")


def test_every_chart_offers_png_and_svg_downloads_with_its_own_keys():
    at = open_app("onboarding", "pages/budget.py")
    charts = at.get("vega_lite_chart")
    keys = [k for k in download_keys(at) if k.startswith("chart.")]
    assert len(keys) == 2 * len(charts) == len(set(keys))
    assert {k.rsplit(".", 1)[1] for k in keys} == {"png", "svg"}
    labels = {b.label for b in at.download_button if b.key in keys}
    assert labels == {"PNG, for slides and documents", "SVG, sharp at any size"}
