"""Slide previews: one thumbnail per slide as LibreOffice draws it, a clear message without LibreOffice, and a content cache."""

from __future__ import annotations

import io
import struct

import pytest
from deck_checks import pdf_page_count

from ldpitch import preview
from ldpitch.deck.build import build_deck
from ldpitch.errors import LdpitchError, PreviewFailed, PreviewUnavailable
from ldpitch.pitch import examples

PNG = b"\x89PNG\r\n\x1a\n"
INSTALL = "Install LibreOffice Impress and poppler-utils (apt-get install libreoffice-impress poppler-utils) to see slide previews"
needs_libreoffice = pytest.mark.skipif(preview.missing_tools() is not None, reason="LibreOffice or pdftoppm is not installed")


@pytest.fixture(autouse=True)
def empty_cache():
    preview.clear_cache()
    yield
    preview.clear_cache()


@pytest.fixture(scope="module")
def deck() -> bytes:
    return build_deck(examples.load("production"), length="short")


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(PNG)
    return struct.unpack(">II", data[16:24])


@pytest.mark.slow
@needs_libreoffice
def test_every_slide_has_a_thumbnail_and_the_pdf_has_every_page(deck, tmp_path):
    from pptx import Presentation

    shares = []
    shown = preview.render_preview(deck, on_progress=lambda share, message: shares.append(share))
    slides = len(Presentation(io.BytesIO(deck)).slides)
    assert len(shown.slides) == slides == preview.slide_count(deck)
    (tmp_path / "deck.pdf").write_bytes(shown.pdf)
    assert pdf_page_count(tmp_path / "deck.pdf") == slides
    for png in shown.slides:
        width, height = png_size(png)
        assert abs(width - 800) <= 2 and abs(height - 450) <= 2, "a 16:9 slide at 60 dpi"
    assert shares[0] == 0 and shares[-1] == 1 and shares == sorted(shares), "the progress only moves forward"


@pytest.mark.slow
@needs_libreoffice
def test_an_unchanged_deck_comes_from_the_cache_without_running_libreoffice(deck):
    first = preview.render_preview(deck)
    rebuilt = build_deck(examples.load("production"), length="short")  # new zip timestamps, same content
    assert preview.fingerprint(rebuilt) == first.fingerprint
    again = preview.render_preview(rebuilt, soffice="no-such-office", pdftoppm="no-such-pdftoppm")  # would raise if it ran them
    assert again is first
    assert preview.deck_pdf(rebuilt, soffice="no-such-office") == first.pdf


def test_a_changed_pitch_is_a_different_deck():
    pitch = examples.load("production")
    before = preview.fingerprint(build_deck(pitch, length="short"))
    changed = pitch.model_copy(update={"title": "First time right, revised"})
    assert preview.fingerprint(build_deck(changed, length="short")) != before
    assert preview.fingerprint(build_deck(pitch, length="standard")) != before


@pytest.mark.parametrize(("tools", "says"), [
    ({"soffice": "no-such-office"}, "LibreOffice (soffice) is not installed"),
    ({"pdftoppm": "no-such-pdftoppm"}, "pdftoppm is not installed"),
])
def test_without_libreoffice_or_poppler_the_message_says_what_to_install(deck, tools, says):
    with pytest.raises(PreviewUnavailable) as e:
        preview.render_preview(deck, **tools)
    assert says in str(e.value) and INSTALL in str(e.value)
    assert isinstance(e.value, LdpitchError)
    assert INSTALL in preview.missing_tools(**tools)


def test_the_programs_can_be_named_in_the_environment(monkeypatch):
    monkeypatch.setenv("LDPITCH_SOFFICE", "/nowhere/soffice")
    assert "LibreOffice (soffice) is not installed" in preview.missing_tools()
    monkeypatch.setenv("LDPITCH_SOFFICE", "python3")  # any program that exists counts as found
    monkeypatch.setenv("LDPITCH_PDFTOPPM", "python3")
    assert preview.missing_tools() is None


@pytest.mark.slow
@needs_libreoffice
def test_a_conversion_that_takes_too_long_is_stopped_with_a_clear_message(deck):
    with pytest.raises(PreviewFailed, match="took longer than 0.2 seconds"):
        preview.render_preview(deck, convert_timeout=0.2)
    assert preview.cached_preview(deck) is None, "nothing half-made is cached"
