"""A deck drawn by LibreOffice to PDF and by poppler to one PNG per slide, cached by content, at most one per core at once.

``render_preview`` does the drawing in the caller's thread (the command line,
the tests, ``deck_pdf`` on a download click, and ``ldpitch.preview.jobs``'s
background threads); the package's docstring tells the whole story.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import zipfile
from collections import OrderedDict
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ldpitch.errors import PreviewFailed, PreviewUnavailable
from ldpitch.preview.content import fingerprint

#: What to tell people when a program is missing.
INSTALL_HINT = ("Install LibreOffice Impress and poppler-utils (apt-get install libreoffice-impress poppler-utils) "
                "to see slide previews")
#: Thumbnail resolution: 60 dpi makes a 16:9 slide 800 x 450 pixels.
DPI = 60
#: Seconds a program may run before the preview gives up.
CONVERT_TIMEOUT = 120.0
RASTER_TIMEOUT = 60.0
#: How many previews the cache keeps (each is about 1 MB for a 15-slide deck): a room of 30, with some to spare.
CACHE_SIZE = 48
#: How much lower the programs' CPU priority is than the app's (``nice``): the lowest, so people's clicks and deck builds
#: come first and LibreOffice uses what they leave (30 people building at once: deck build p95 1.57 s at nice 10, 0.68 s at
#: 19, with the previews drawn as soon as before, bench/bench_room.py).
NICENESS = 19
#: Set to a number to fix how many conversions a process runs at once (a server running several app processes).
SLOTS_VARIABLE = "LDPITCH_PREVIEW_SLOTS"

#: ``on_progress(share_done, message)``: share_done runs from 0 to 1.
Progress = Callable[[float, str], None]
#: ``on_queue(place)``: the request's place in the queue for a conversion slot (1: next), ``None`` once it has one.
Queued = Callable[[int | None], None]


@dataclass(frozen=True)
class Preview:
    """A rendered deck: the PDF and one PNG per slide, in slide order."""

    fingerprint: str
    pdf: bytes
    slides: tuple[bytes, ...]
    dpi: int = DPI

    def __len__(self) -> int:
        return len(self.slides)


# --- fingerprint and cache ---------------------------------------------------------------------------


_cache: OrderedDict[tuple[str, int], Preview] = OrderedDict()
_lock = threading.Lock()


def cached_preview(pptx_bytes: bytes, dpi: int = DPI) -> Preview | None:
    """The cached preview of this deck's content at ``dpi``, or None (nothing is rendered)."""
    return _cached(fingerprint(pptx_bytes), dpi)


def _cached(key: str, dpi: int) -> Preview | None:
    with _lock:
        hit = _cache.get((key, dpi))
        if hit is not None:
            _cache.move_to_end((key, dpi))
        return hit


def _remember(preview: Preview) -> None:
    with _lock:
        _cache[(preview.fingerprint, preview.dpi)] = preview
        _cache.move_to_end((preview.fingerprint, preview.dpi))
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)


def clear_cache() -> None:
    """Forget every cached preview."""
    with _lock:
        _cache.clear()


# --- how many conversions at once ----------------------------------------------------------------------


def conversion_slots() -> int:
    """How many LibreOffice conversions this process runs at once: ``LDPITCH_PREVIEW_SLOTS``, else one per core (at least one).

    More would only share the cores between conversions and finish none sooner;
    the lower priority (``NICENESS``) keeps the app's own work ahead of them.
    """
    try:
        wanted = int(os.environ.get(SLOTS_VARIABLE, ""))
    except ValueError:
        wanted = os.cpu_count() or 1
    return max(1, wanted)


_slots = threading.BoundedSemaphore(conversion_slots())
_drawing: dict[tuple[str, int], list] = {}  # (fingerprint, dpi) -> [lock held while it is drawn, how many want it]
_queue: list[object] = []  # a ticket per request waiting for a conversion slot, first come first served
_turn = threading.Condition()  # guards _queue; notified when its head changes


def limit_conversions(slots: int) -> None:
    """Run at most ``slots`` conversions at once from now on (conversions already running finish as they are)."""
    global _slots
    _slots = threading.BoundedSemaphore(max(1, slots))


def _wait_for(acquire: Callable[[float], bool], deadline: float, report: Progress, message: str) -> None:
    """Wait for ``acquire`` (tried every 0.1 s), reporting ``message``; ``PreviewFailed`` once ``deadline`` passes."""
    said = 0.0
    while not acquire(0.1):
        now = time.monotonic()
        if now > deadline:
            raise PreviewFailed("LibreOffice is busy drawing other decks' slides, so this preview was given up. "
                                "Try again in a minute; the deck itself is fine: download it and open it.")
        if now - said >= 1.0:  # once a second: a waiting page need not be redrawn ten times a second
            report(0.0, message)
            said = now


@contextmanager
def _drawn_once(key: tuple[str, int], deadline: float, report: Progress):
    """Hold the right to draw this deck: a second request for the same deck waits for the first (and then finds it cached)."""
    with _lock:
        entry = _drawing.setdefault(key, [threading.Lock(), 0])
        entry[1] += 1
    try:
        _wait_for(lambda t: entry[0].acquire(timeout=t), deadline, report, "Waiting for the same slides, already being drawn…")
        try:
            yield
        finally:
            entry[0].release()
    finally:
        with _lock:
            entry[1] -= 1
            if entry[1] == 0:
                _drawing.pop(key, None)


@contextmanager
def _conversion_slot(deadline: float, report: Progress, on_queue: Queued):
    """One of the process's conversion slots, in turn: requests get them in the order they asked (the wait shows in the progress).

    ``on_queue(place)`` says the request's place while it waits (1: it gets the next free slot), then ``None``.
    """
    slots, ticket = _slots, object()
    with _turn:
        _queue.append(ticket)

    def in_turn(timeout: float) -> bool:
        with _turn:
            place = _queue.index(ticket) + 1
            if place > 1:
                _turn.wait(timeout)  # woken when a request ahead gets its slot or gives up
        on_queue(place)
        return place == 1 and slots.acquire(timeout=timeout)

    try:
        _wait_for(in_turn, deadline, report, "Waiting for LibreOffice: other decks' slides are being drawn first…")
    finally:
        with _turn:
            _queue.remove(ticket)
            _turn.notify_all()
    try:
        on_queue(None)
        yield
    finally:
        slots.release()


def queued() -> int:
    """How many requests are waiting for a conversion slot in this process."""
    with _turn:
        return len(_queue)


# --- the programs ------------------------------------------------------------------------------------------


def find_tools(soffice: str | None = None, pdftoppm: str | None = None) -> tuple[str, str]:
    """The paths of LibreOffice and pdftoppm, or ``PreviewUnavailable`` saying what to install.

    The program names come from the arguments, else from the environment
    variables ``LDPITCH_SOFFICE`` and ``LDPITCH_PDFTOPPM``, else ``soffice``
    (or ``libreoffice``) and ``pdftoppm`` on the PATH.

    >>> find_tools(soffice="no-such-office")
    Traceback (most recent call last):
    ...
    ldpitch.errors.PreviewUnavailable: LibreOffice (soffice) is not installed. Install LibreOffice Impress and poppler-utils (apt-get install libreoffice-impress poppler-utils) to see slide previews.
    """
    office_name = soffice or os.environ.get("LDPITCH_SOFFICE")
    office = shutil.which(office_name) if office_name else (shutil.which("soffice") or shutil.which("libreoffice"))
    if office is None:
        raise PreviewUnavailable(f"LibreOffice (soffice) is not installed. {INSTALL_HINT}.")
    raster = shutil.which(pdftoppm or os.environ.get("LDPITCH_PDFTOPPM") or "pdftoppm")
    if raster is None:
        raise PreviewUnavailable(f"poppler's pdftoppm is not installed. {INSTALL_HINT}.")
    return office, raster


def missing_tools(soffice: str | None = None, pdftoppm: str | None = None) -> str | None:
    """Why previews cannot be made on this machine, in words; None when they can."""
    try:
        find_tools(soffice, pdftoppm)
    except PreviewUnavailable as e:
        return str(e)
    return None


def slide_count(pptx_bytes: bytes) -> int:
    """How many slides a .pptx holds (its ``ppt/slides/slideN.xml`` parts); 0 when it is not a zip."""
    try:
        with zipfile.ZipFile(io.BytesIO(pptx_bytes)) as z:
            return sum(1 for n in z.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n))
    except zipfile.BadZipFile:
        return 0


def _stop(proc: subprocess.Popen) -> None:
    """End a program this module started, with everything it spawned (soffice starts soffice.bin)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        proc.kill()
    proc.wait()


def _wait(proc: subprocess.Popen, timeout: float, what: str, tick: Callable[[float], None]) -> None:
    """Wait for ``proc``, calling ``tick(elapsed)`` every 0.1 s; stop it and raise ``PreviewFailed`` after ``timeout``."""
    start = time.monotonic()
    while proc.poll() is None:
        elapsed = time.monotonic() - start
        if elapsed > timeout:
            _stop(proc)
            raise PreviewFailed(f"{what} took longer than {timeout:g} seconds, so the preview was stopped. "
                                "The deck itself is fine: download it and open it in PowerPoint or LibreOffice.")
        tick(elapsed)
        time.sleep(0.1)


def _niced(args: list[str]) -> list[str]:
    """The command run at a lower CPU priority, where ``nice`` exists (it runs the program in its own place)."""
    nice = shutil.which("nice")
    return [nice, "-n", str(NICENESS), *args] if nice else args


def _run(args: list[str], *, timeout: float, what: str, tick: Callable[[float], None], env: dict | None = None) -> None:
    with tempfile.TemporaryFile() as log:
        # A process group of its own (to stop soffice with the soffice.bin it starts), in the app's session: Linux
        # shares the CPU fairly between sessions (autogroups) before it looks at niceness, so a new session would
        # give each conversion as much CPU as the whole app, whatever its ``nice``.
        proc = subprocess.Popen(_niced(args), stdout=log, stderr=log, stdin=subprocess.DEVNULL, env=env, process_group=0)
        try:
            _wait(proc, timeout, what, tick)
        except BaseException:
            if proc.poll() is None:
                _stop(proc)
            raise
        if proc.returncode != 0:
            log.seek(0)
            said = log.read().decode("utf-8", "replace").strip().splitlines()[-3:]
            raise PreviewFailed(f"{what} failed (exit code {proc.returncode}): {' '.join(said) or 'no message'}.")


# --- the preview -------------------------------------------------------------------------------------


def render_preview(pptx_bytes: bytes, *, dpi: int = DPI, on_progress: Progress | None = None, on_queue: Queued | None = None,
                   soffice: str | None = None, pdftoppm: str | None = None, convert_timeout: float = CONVERT_TIMEOUT,
                   raster_timeout: float = RASTER_TIMEOUT) -> Preview:
    """The deck as LibreOffice draws it: its PDF and one PNG per slide (from the cache when this content was rendered before).

    Runs in the caller's thread until the preview is drawn (see ``request_preview`` for the background).
    ``on_progress(share_done, message)`` is called as the work advances, and ``on_queue(place)`` while the
    request waits its turn for a conversion slot. Raises ``PreviewUnavailable`` when LibreOffice or pdftoppm
    is missing and ``PreviewFailed`` when a conversion fails or runs out of time.
    """
    report = on_progress or (lambda share, message: None)
    key = fingerprint(pptx_bytes)
    hit = _cached(key, dpi)
    if hit is not None:
        report(1.0, "Slides ready (unchanged since the last preview).")
        return hit
    office, raster = find_tools(soffice, pdftoppm)
    deadline = time.monotonic() + convert_timeout  # for waiting: the same deck drawn elsewhere, or a free slot
    with _drawn_once((key, dpi), deadline, report):
        hit = _cached(key, dpi)  # drawn meanwhile for another request
        if hit is not None:
            report(1.0, "Slides ready (drawn for another request just now).")
            return hit
        with _conversion_slot(deadline, report, on_queue or (lambda place: None)):
            preview = _draw(pptx_bytes, key, dpi, office, raster, report, convert_timeout, raster_timeout)
        _remember(preview)
    report(1.0, f"{len(preview)} slides ready.")
    return preview


def _draw(pptx_bytes: bytes, key: str, dpi: int, office: str, raster: str, report: Progress, convert_timeout: float,
          raster_timeout: float) -> Preview:
    """Run LibreOffice and pdftoppm on the deck: its PDF and one PNG per slide."""
    slides = max(1, slide_count(pptx_bytes))
    expected = 0.8 + 0.08 * slides  # seconds LibreOffice usually takes, for a progress bar that moves
    with tempfile.TemporaryDirectory(prefix="ldpitch-preview-") as tmp:
        work, profile = Path(tmp) / "out", Path(tmp) / "profile"
        work.mkdir()
        source = work / "deck.pptx"
        source.write_bytes(pptx_bytes)
        report(0.0, "Opening the deck in LibreOffice…")
        _run([office, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--nologo", "--nolockcheck",
              "--convert-to", "pdf", "--outdir", str(work), str(source)],
             timeout=convert_timeout, what="LibreOffice's conversion to PDF", env={**os.environ, "HOME": str(profile)},
             tick=lambda s: report(min(0.65, 0.65 * s / expected), f"Laying out {slides} slides in LibreOffice…"))
        pdf = work / "deck.pdf"
        if not pdf.is_file() or pdf.stat().st_size == 0:
            raise PreviewFailed("LibreOffice did not produce a PDF of the deck. The deck itself is fine: download it and open it.")
        report(0.65, "Drawing the thumbnails…")
        _run([raster, "-png", "-r", str(dpi), str(pdf), str(work / "slide")], timeout=raster_timeout, what="pdftoppm",
             tick=lambda s: report(0.65 + 0.35 * min(1.0, len(list(work.glob("slide-*.png"))) / slides),
                                   "Drawing the thumbnails…"))
        pngs = sorted(work.glob("slide-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        if not pngs:
            raise PreviewFailed("pdftoppm drew no slides from the PDF.")
        return Preview(key, pdf.read_bytes(), tuple(p.read_bytes() for p in pngs), dpi)


def deck_pdf(pptx_bytes: bytes, **options) -> bytes:
    """The deck as a PDF drawn by LibreOffice (shared with the preview's cache)."""
    return render_preview(pptx_bytes, **options).pdf
