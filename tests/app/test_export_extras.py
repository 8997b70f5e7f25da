"""Export's extras: slide thumbnails and the PDF when LibreOffice is installed, a clear message when it is not; chart images."""

from __future__ import annotations

import io

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
    preview.clear_cache()


@pytest.mark.slow
@needs_libreoffice
def test_the_built_deck_shows_a_thumbnail_of_every_slide_and_offers_a_pdf(monkeypatch):
    from pptx import Presentation

    at = open_app("production", "pages/export.py")
    at.radio(key="export.length").set_value("short").run()
    at.button(key="export.build").click().run()
    assert not problems(at) and not at.warning
    slides = len(Presentation(io.BytesIO(at.session_state["export.deck"][1])).slides)
    assert len(at.get("image")) == slides
    assert {"export.pptx", "export.pdf"} <= set(download_keys(at))
    # Shown again from the cache: with LibreOffice gone, the unchanged deck still shows every slide.
    monkeypatch.setenv("LDPITCH_SOFFICE", "/nowhere/soffice")
    at.toggle(key="export.preview").set_value(False).run()
    assert not at.get("image") and "export.pdf" in download_keys(at)
    at.toggle(key="export.preview").set_value(True).run()
    assert len(at.get("image")) == slides and not at.info


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
