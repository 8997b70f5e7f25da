"""Slide previews: one thumbnail per slide as LibreOffice draws it, a clear message without LibreOffice, and a content cache."""

from __future__ import annotations

import io
import os
import shutil
import struct
import sys
import threading

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


# --- many decks at once: a bounded number of conversions, the same deck drawn once ---------------------------------


@pytest.fixture
def fake_tools(tmp_path):
    """Stand-ins for soffice and pdftoppm that log when each conversion runs (0.3 s each) and make a one-page PDF and PNG."""
    log = tmp_path / "conversions.log"
    office = tmp_path / "soffice"
    office.write_text(f"""#!{sys.executable}
import pathlib, sys, time
out = pathlib.Path(sys.argv[sys.argv.index("--outdir") + 1])
with open({str(log)!r}, "a") as log:
    log.write(f"start {{time.monotonic()}}\\n")
time.sleep(0.3)
(out / "deck.pdf").write_bytes(b"%PDF-1.4 fake")
with open({str(log)!r}, "a") as log:
    log.write(f"end {{time.monotonic()}}\\n")
""")
    raster = tmp_path / "pdftoppm"
    raster.write_text(f"""#!{sys.executable}
import pathlib, sys
pathlib.Path(sys.argv[-1] + "-1.png").write_bytes(b"\\x89PNG fake")
""")
    for program in (office, raster):
        program.chmod(0o755)
    yield str(office), str(raster), log
    preview.limit_conversions(preview.conversion_slots())


def conversions(log) -> list[tuple[float, float]]:
    times = [float(line.split()[1]) for line in log.read_text().splitlines()]
    return sorted(zip(times[0::2], times[1::2], strict=True))


def render_all(decks: list[bytes], office: str, raster: str) -> tuple[list, list]:
    shown, failed = [], []

    def render(deck):
        try:
            shown.append(preview.render_preview(deck, soffice=office, pdftoppm=raster))
        except Exception as e:  # noqa: BLE001 - reported by the test
            failed.append(e)
    threads = [threading.Thread(target=render, args=(deck,)) for deck in decks]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return shown, failed


def test_a_process_runs_only_as_many_conversions_at_once_as_it_has_slots(fake_tools):
    office, raster, log = fake_tools
    preview.limit_conversions(1)
    shown, failed = render_all([f"deck {n}".encode() for n in range(4)], office, raster)
    assert not failed and len(shown) == 4
    runs = conversions(log)
    assert len(runs) == 4
    assert all(end <= start for (_, end), (start, _) in zip(runs, runs[1:], strict=False)), "one after another, never two at once"


def test_the_same_deck_asked_for_at_once_is_drawn_once(fake_tools):
    office, raster, log = fake_tools
    preview.limit_conversions(2)
    shown, failed = render_all([b"the same deck"] * 5, office, raster)
    assert not failed and len(shown) == 5 and all(s is shown[0] for s in shown)
    assert len(conversions(log)) == 1


def test_waiting_for_a_slot_shows_in_the_progress_and_gives_up_at_the_time_limit(fake_tools, deck):
    office, raster, _ = fake_tools
    preview.limit_conversions(1)
    held = preview._slots
    held.acquire()  # every slot busy
    try:
        said = []
        with pytest.raises(PreviewFailed, match="busy drawing other decks"):
            preview.render_preview(deck, soffice=office, pdftoppm=raster, convert_timeout=0.3,
                                   on_progress=lambda share, message: said.append(message))
        assert said and all("Waiting for LibreOffice" in m for m in said)
    finally:
        held.release()


def test_a_process_runs_one_conversion_per_core_unless_the_environment_says(monkeypatch):
    monkeypatch.delenv("LDPITCH_PREVIEW_SLOTS", raising=False)
    assert preview.conversion_slots() == (os.cpu_count() or 1)
    monkeypatch.setenv("LDPITCH_PREVIEW_SLOTS", "3")
    assert preview.conversion_slots() == 3
    monkeypatch.setenv("LDPITCH_PREVIEW_SLOTS", "0")
    assert preview.conversion_slots() == 1


def test_the_programs_run_at_a_lower_priority_than_the_app():
    command = preview._niced(["soffice", "--headless"])
    if shutil.which("nice"):
        assert command[1:] == ["-n", str(preview.NICENESS), "soffice", "--headless"] and preview.NICENESS > 0
    else:
        assert command == ["soffice", "--headless"]
