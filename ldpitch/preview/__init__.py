"""Slide previews: a deck drawn by LibreOffice to PDF and by poppler to one PNG thumbnail per slide, cached by content, in the background.

``render_preview(pptx_bytes)`` returns a ``Preview`` (the PDF and one PNG per
slide) exactly as LibreOffice draws the deck, which is how most people who
cannot open PowerPoint will see it; it runs in the caller's thread (the
command line, ``deck_pdf`` on a download click). ``request_preview`` asks for
the same drawing in a background thread and returns at once with a
``PreviewState``, and ``preview_state`` asks again later: ready (the
``Preview``), failed (the problem in words) or still to come (its place in the
queue, the share drawn). So a page never waits for LibreOffice: it polls.

The programs are optional at run time: ``soffice`` (LibreOffice Impress) and
``pdftoppm`` (poppler-utils). When either is missing, ``PreviewUnavailable``
says what to install; nothing else of ldpitch needs them.

Each conversion gets its own LibreOffice profile (``-env:UserInstallation``)
in a temporary folder, so conversions from several sessions can overlap, and
every program runs under a timeout. A conversion costs LibreOffice about two
seconds of a core, so a room that builds its decks at once must not run them
all at once beside the app: a process runs at most ``conversion_slots()``
(one per core) and queues the rest, first come first served, with each
request's place in the queue known; the same deck asked for twice meanwhile
is drawn once; and the programs run at a lower CPU priority (``NICENESS``),
so the app's reruns, people's clicks, come first on every core while
LibreOffice uses what they leave.

Previews are cached in memory by the deck's *content fingerprint*
(``fingerprint``: a hash of every part inside the .pptx, not of the zip bytes,
whose timestamps change on every build) and the resolution, so previewing an
unchanged pitch again returns the same ``Preview`` at once without running
LibreOffice. The cache holds the last ``CACHE_SIZE`` previews; background jobs
are forgotten a while after they finish (see ``jobs``).

The modules: ``content`` (the fingerprint), ``draw`` (cache, slots and queue, the programs,
``render_preview``) and ``jobs`` (the background requests, on top of ``draw``).
"""

from ldpitch.fronts import front

__all__, __getattr__, __dir__ = front(__name__, {
    "ABANDON_AFTER": "jobs",
    "CACHE_SIZE": "draw",
    "DPI": "draw",
    "INSTALL_HINT": "draw",
    "KEEP_FINISHED": "jobs",
    "NICENESS": "draw",
    "Preview": "draw",
    "PreviewState": "jobs",
    "SLOTS_VARIABLE": "draw",
    "cached_preview": "draw",
    "clear_cache": "draw",
    "conversion_slots": "draw",
    "deck_pdf": "draw",
    "find_tools": "draw",
    "fingerprint": "content",
    "forget_requests": "jobs",
    "limit_conversions": "draw",
    "missing_tools": "draw",
    "preview_state": "jobs",
    "queued": "draw",
    "render_preview": "draw",
    "request_preview": "jobs",
    "requests_in_hand": "jobs",
    "slide_count": "draw",
})
