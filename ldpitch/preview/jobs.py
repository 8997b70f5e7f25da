"""Previews drawn in the background: a request returns at once, a daemon thread draws it, its state is asked for by polling.

``request_preview(pptx_bytes)`` starts (or joins) the drawing of a deck's
preview and returns its ``PreviewState`` at once; ``preview_state(request)``
says where it stands later: ready (the ``Preview``), failed (the problem in
words) or still to come (waiting its turn, with its place in the queue, or
being drawn, with the share done and what is being done). The drawing is
``render_preview`` in a daemon thread, so it shares its slots, queue, lower
priority, cache and drawing-once with every other preview of the process.

One deck (its content fingerprint at a resolution) is one job, however many
tabs ask for it. A finished job is kept ``KEEP_FINISHED`` seconds, then
forgotten (a ready one is still served from the cache while the cache holds
it); a failed one is drawn again only when asked with ``retry=True``. A job
nobody has asked about for ``ABANDON_AFTER`` seconds while it waits for a
slot gives up its place and is forgotten: a person who left the page costs
no conversion. Nothing runs between requests but the jobs' own threads, which
end with their drawing.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from dataclasses import dataclass, field

from ldpitch.errors import LdpitchError
from ldpitch.preview.draw import DPI, Preview, _cached, fingerprint, render_preview

log = logging.getLogger(__name__)

#: Seconds a finished job (ready or failed) is remembered after it ends.
KEEP_FINISHED = 120.0
#: Seconds a job waiting for a conversion slot keeps its place without anyone asking about it.
ABANDON_AFTER = 30.0
#: What a request says before its thread has reported anything.
STARTING = "Waiting to be drawn…"


@dataclass(frozen=True)
class PreviewState:
    """Where a requested preview stands: ready (``preview``), failed (``problem``, in words) or still to come.

    While it is to come, ``share`` (0 to 1) and ``message`` say how far the
    drawing is, and ``place`` its place in the queue for LibreOffice (1: drawn
    next) while it waits for its turn, else ``None``. ``request`` is what
    ``preview_state`` takes to ask again.
    """

    request: str
    preview: Preview | None = field(default=None, repr=False)  # megabytes of PNG: not in the repr
    problem: str | None = None
    share: float = 0.0
    message: str = STARTING
    place: int | None = None

    @property
    def ready(self) -> bool:
        return self.preview is not None

    @property
    def failed(self) -> bool:
        return self.problem is not None

    @property
    def to_come(self) -> bool:
        """Still waiting or being drawn: ask again later."""
        return self.preview is None and self.problem is None


class _Abandoned(Exception):
    """Nobody has asked about a waiting job for ``ABANDON_AFTER`` seconds: it leaves the queue."""


class _Job:
    """One deck's drawing in the background; its fields change only under ``_lock``."""

    def __init__(self, state: PreviewState, now: float):
        self.state, self.asked, self.ended = state, now, None

    def update(self, **changes) -> None:
        with _lock:
            self.state = dataclasses.replace(self.state, **changes)


_jobs: dict[str, _Job] = {}
_lock = threading.Lock()


def _request_id(key: str, dpi: int) -> str:
    return f"{key}@{dpi}"


def request_preview(pptx_bytes: bytes, *, dpi: int = DPI, retry: bool = False, **options) -> PreviewState:
    """Ask for the deck's preview to be drawn in the background; returns at once with where it stands.

    A deck already in the cache, or being drawn for anyone, starts nothing new.
    A failed request stays failed (so a page can show the problem on every
    run) until ``retry=True`` draws it again. ``options`` go to
    ``render_preview`` (``soffice``, ``pdftoppm``, the timeouts) when a drawing starts.
    """
    key = fingerprint(pptx_bytes)
    request, now = _request_id(key, dpi), time.monotonic()
    with _lock:
        _forget_old(now)
        job = _jobs.get(request)
        if job is not None and not job.state.failed:
            job.asked = now
            return job.state
    hit = _cached(key, dpi)  # also after a failure: drawn meanwhile by someone's PDF download
    if hit is not None:
        return _ready(request, hit)
    with _lock:
        job = _jobs.get(request)
        if job is not None and not (retry and job.state.failed):  # failed (and no retry asked), or started meanwhile by another tab
            job.asked = now
            return job.state
        job = _jobs[request] = _Job(PreviewState(request), now)
    threading.Thread(target=_draw, args=(job, pptx_bytes, dpi, options), name=f"ldpitch-preview-{key[:8]}", daemon=True).start()
    return job.state


def preview_state(request: str) -> PreviewState | None:
    """Where the preview ``request`` (``PreviewState.request``) stands; ``None`` once forgotten and no longer cached (request it again)."""
    now = time.monotonic()
    with _lock:
        _forget_old(now)
        job = _jobs.get(request)
        if job is not None:
            job.asked = now
            if not job.state.failed:
                return job.state
    key, _, dpi = request.rpartition("@")
    hit = _cached(key, int(dpi)) if dpi.isdigit() else None
    return _ready(request, hit) if hit is not None else job.state if job is not None else None


def _ready(request: str, preview: Preview) -> PreviewState:
    return PreviewState(request, preview=preview, share=1.0, message=f"{len(preview)} slides ready.")


def requests_in_hand() -> int:
    """How many jobs this process remembers (waiting, drawing, or finished and not yet forgotten)."""
    with _lock:
        return len(_jobs)


def forget_requests() -> None:
    """Forget every job (their threads finish their drawing and are then dropped)."""
    with _lock:
        _jobs.clear()


def _forget_old(now: float) -> None:
    """Drop finished jobs older than ``KEEP_FINISHED`` (under ``_lock``)."""
    for request in [r for r, job in _jobs.items() if job.ended is not None and now - job.ended > KEEP_FINISHED]:
        del _jobs[request]


def _draw(job: _Job, pptx_bytes: bytes, dpi: int, options: dict) -> None:
    """The job's thread: draw the preview, reporting into its state; never raises."""
    def queued(place: int | None) -> None:
        if place is not None and time.monotonic() - job.asked > ABANDON_AFTER:
            raise _Abandoned
        if place != job.state.place:
            job.update(place=place)

    changes: dict
    try:
        shown = render_preview(pptx_bytes, dpi=dpi, on_progress=lambda share, message: job.update(share=share, message=message),
                               on_queue=queued, **options)
        changes = {"preview": shown, "share": 1.0, "message": f"{len(shown)} slides ready.", "place": None}
    except _Abandoned:
        with _lock:
            if _jobs.get(job.state.request) is job:
                del _jobs[job.state.request]
        return
    except LdpitchError as e:  # PreviewUnavailable or PreviewFailed: the message says it in words
        changes = {"problem": str(e), "place": None}
    except Exception as e:  # a bug must not leave the page waiting for ever
        log.exception("slide preview failed")
        changes = {"problem": f"The slide preview failed unexpectedly ({type(e).__name__}). The deck itself is fine: "
                              "download it and open it.", "place": None}
    with _lock:
        job.state = dataclasses.replace(job.state, **changes)
        job.ended = time.monotonic()
