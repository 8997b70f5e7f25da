"""Slide previews: one thumbnail per slide as LibreOffice draws it, a clear message without LibreOffice, and a content cache."""

from __future__ import annotations

import io
import os
import shutil
import struct
import threading
import time

import fake_office
import pytest
from deck_checks import pdf_page_count
from fake_office import conversions

from ldpitch import preview
from ldpitch.deck.build import build_deck
from ldpitch.errors import LdpitchError, PreviewFailed, PreviewUnavailable
from ldpitch.pitch import examples
from ldpitch.preview import draw, jobs

PNG = b"\x89PNG\r\n\x1a\n"
INSTALL = "Install LibreOffice Impress and poppler-utils (apt-get install libreoffice-impress poppler-utils) to see slide previews"
needs_libreoffice = pytest.mark.skipif(preview.missing_tools() is not None, reason="LibreOffice or pdftoppm is not installed")


@pytest.fixture(autouse=True)
def empty_cache():
    preview.clear_cache()
    yield
    preview.forget_requests()
    for drawing in [t for t in threading.enumerate() if t.name.startswith("ldpitch-preview-")]:
        drawing.join(timeout=30)  # a drawing left running would fill the cache for the next test
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
    yield fake_office.fake_tools(tmp_path)
    preview.limit_conversions(preview.conversion_slots())


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
    held = draw._slots
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
    command = draw._niced(["soffice", "--headless"])
    if shutil.which("nice"):
        assert command[1:] == ["-n", str(preview.NICENESS), "soffice", "--headless"] and preview.NICENESS > 0
    else:
        assert command == ["soffice", "--headless"]


# --- in the background: a request returns at once, its state is asked for later ------------------------------------


def settled(request: str, timeout: float = 30) -> preview.PreviewState:
    """The request's state once it is ready or failed, asked for every 0.05 s as a page's fragment would."""
    deadline = time.monotonic() + timeout
    while (state := preview.preview_state(request)) is not None and state.to_come and time.monotonic() < deadline:
        time.sleep(0.05)
    assert state is not None and not state.to_come, state
    return state


def drawing_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("ldpitch-preview-")]


@pytest.mark.slow
@needs_libreoffice
def test_a_requested_preview_is_drawn_in_the_background_and_then_served_from_the_cache(deck):
    start = time.monotonic()
    asked = preview.request_preview(deck)
    assert time.monotonic() - start < 0.5 and asked.to_come and not asked.ready, "the request returns at once"
    assert all(t.daemon for t in drawing_threads())
    done = settled(asked.request, timeout=60)
    assert done.ready and done.share == 1 and len(done.preview) == preview.slide_count(deck) and done.place is None
    assert preview.cached_preview(deck) is done.preview
    assert preview.request_preview(build_deck(examples.load("production"), length="short")).preview is done.preview, "rebuilt: at once"


def test_the_same_deck_requested_by_many_tabs_is_one_drawing(fake_tools):
    office, raster, log = fake_tools
    states = [preview.request_preview(b"one deck", soffice=office, pdftoppm=raster) for _ in range(5)]
    assert len({s.request for s in states}) == 1 and preview.requests_in_hand() == 1
    done = settled(states[0].request)
    assert done.ready and len(conversions(log)) == 1
    assert preview.request_preview(b"one deck", soffice=office, pdftoppm=raster).preview is done.preview


def test_waiting_requests_know_their_place_and_are_drawn_first_come_first_served(fake_tools):
    office, raster, log = fake_tools
    preview.limit_conversions(1)
    held = draw._slots
    held.acquire()  # LibreOffice busy with someone else's deck
    try:
        decks = [b"deck" + b"." * n for n in range(3)]  # told apart by their size in the log
        asked = []
        for deck in decks:
            asked.append(preview.request_preview(deck, soffice=office, pdftoppm=raster))
            time.sleep(0.15)  # each in the queue before the next asks
        assert [preview.preview_state(a.request).place for a in asked] == [1, 2, 3] and preview.queued() == 3
    finally:
        held.release()
    done = [settled(a.request) for a in asked]
    assert all(d.ready and d.place is None for d in done) and preview.queued() == 0
    assert fake_office.sizes_converted(log) == [len(d) for d in decks], "drawn in the order they were asked for"


def test_a_failed_preview_says_why_stays_failed_and_is_drawn_again_on_retry(tmp_path):
    office, raster, log = fake_office.fake_tools(tmp_path, seconds=0.05, fail=True)
    failed = settled(preview.request_preview(b"a deck", soffice=office, pdftoppm=raster).request)
    assert failed.failed and not failed.ready
    assert "LibreOffice's conversion to PDF failed (exit code 1)" in failed.problem and fake_office.OFFICE_FAILS in failed.problem
    again = preview.request_preview(b"a deck", soffice=office, pdftoppm=raster)
    assert again == failed and len(conversions(log)) == 1, "asked again without retry: the same failure, nothing run"
    office, raster, _ = fake_office.fake_tools(tmp_path, seconds=0.05)
    retried = preview.request_preview(b"a deck", retry=True, soffice=office, pdftoppm=raster)
    assert retried.to_come
    assert settled(retried.request).ready and len(conversions(log)) == 2


def test_a_failed_preview_drawn_meanwhile_by_a_pdf_download_is_ready_without_a_retry(tmp_path):
    broken, raster, _ = fake_office.fake_tools(tmp_path, seconds=0.05, fail=True)
    request = settled(preview.request_preview(b"a deck", soffice=broken, pdftoppm=raster).request).request
    office, raster, _ = fake_office.fake_tools(tmp_path, seconds=0.05)
    pdf = preview.deck_pdf(b"a deck", soffice=office, pdftoppm=raster)  # someone clicked "PDF" once LibreOffice worked again
    assert preview.request_preview(b"a deck").preview.pdf == pdf and preview.preview_state(request).ready


def test_without_libreoffice_the_request_fails_with_what_to_install():
    failed = settled(preview.request_preview(b"a deck", soffice="no-such-office").request)
    assert failed.failed and INSTALL in failed.problem


def test_finished_requests_are_forgotten_and_the_cache_still_answers(fake_tools, monkeypatch):
    office, raster, _ = fake_tools
    monkeypatch.setattr(jobs, "KEEP_FINISHED", 0.0)
    request = settled(preview.request_preview(b"a deck", soffice=office, pdftoppm=raster).request).request
    time.sleep(0.01)
    assert preview.preview_state(request).ready and preview.requests_in_hand() == 0, "forgotten, served from the cache"
    preview.clear_cache()
    assert preview.preview_state(request) is None, "unknown: the page requests it again"


def test_an_abandoned_request_leaves_the_queue_and_its_thread_ends(fake_tools, monkeypatch):
    office, raster, log = fake_tools
    monkeypatch.setattr(jobs, "ABANDON_AFTER", 0.3)
    preview.limit_conversions(1)
    held = draw._slots
    held.acquire()
    try:
        preview.request_preview(b"nobody waits for me", soffice=office, pdftoppm=raster)  # and the person leaves the page
        deadline = time.monotonic() + 5
        while (drawing_threads() or preview.requests_in_hand()) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not drawing_threads() and preview.requests_in_hand() == 0 and preview.queued() == 0
    finally:
        held.release()
    assert conversions(log) == [], "never drawn"


def test_libreoffice_runs_below_the_app_in_its_session_in_a_group_of_its_own(tmp_path):
    # Linux shares the CPU between sessions before it weighs niceness: in a session of its own a conversion would get as
    # much CPU as the whole app. In the app's session, its nice keeps it behind people's clicks; its own group is stopped whole.
    import os

    office, raster, log = fake_office.fake_tools(tmp_path, seconds=0.05)
    preview.render_preview(b"PK\x03\x04 not really a deck", soffice=office, pdftoppm=raster)
    ran = fake_office.where(log)
    assert ran["session"] == os.getsid(0) and ran["group"] == ran["pid"] != os.getpgid(0)
    assert ran["nice"] >= min(19, os.nice(0) + preview.NICENESS)
