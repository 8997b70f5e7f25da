"""Export's slide previews: drawn by LibreOffice in the background while the page stays usable, polled by a fragment on a timer.

After a build the deck and its PDF button appear at once. An unchanged deck's
thumbnails come from the cache at once; otherwise the page requests the
preview (``ldpitch.preview.request_preview``, which returns at once) and a
fragment rerunning every ``POLL`` shows its place in the queue and progress.
When the preview is ready, or has failed, the fragment reruns the whole page
once: the page then draws the thumbnails (or the problem with a retry button)
and no longer has the fragment, so the polling stops.
"""

from __future__ import annotations

from datetime import timedelta
from functools import partial

import streamlit as st

from ldpitch import preview
from ldpitch.narrative import ordinal

#: How often a waiting page asks how its preview stands (a rerun of one small fragment, a few milliseconds; a room of
#: 60 waiting for LibreOffice makes 30 of them a second at this period).
POLL = timedelta(seconds=2)


def show(deck: bytes, row, pdf_name: str) -> None:
    """The deck's PDF button in ``row`` and, below, a thumbnail of every slide (optional: a missing LibreOffice is explained)."""
    ready = preview.cached_preview(deck)  # an unchanged deck is shown at once, without LibreOffice
    missing = None if ready else preview.missing_tools()
    if missing:
        st.info(f"No PDF or slide previews on this machine. {missing}", icon=":material/visibility_off:")
        return
    pdf = row.empty()  # filled once we know whether the preview is ready: its PDF, else drawn on a click
    wanted = row.toggle("Show the slides", value=True, key="export.preview", persist_state="session",
                        help="A thumbnail of every slide as it will look, drawn by LibreOffice.")
    state = preview.request_preview(deck) if wanted and ready is None else None  # returns at once
    ready = ready or (state.preview if state else None)
    pdf.download_button("PDF", data=ready.pdf if ready else partial(preview.deck_pdf, deck), file_name=pdf_name,
                        mime="application/pdf", key="export.pdf", on_click="ignore", icon=":material/picture_as_pdf:",
                        help="The deck as LibreOffice draws it, for people who cannot open PowerPoint.")
    if not wanted:
        return
    if ready is not None:
        thumbnails(ready)
        return
    if state.failed:
        st.warning(f"No slide previews this time. {state.problem}", icon=":material/warning:")
        st.button("Draw the slides again", key="export.preview.retry", icon=":material/refresh:", on_click=partial(retry, deck))
        return
    drawing(state.request, deck)


def retry(deck: bytes) -> None:
    """Before the run the click starts: a new drawing of a failed preview (the run then shows it coming)."""
    preview.request_preview(deck, retry=True)


def thumbnails(ready: preview.Preview) -> None:
    with st.container(height=600, border=True):
        cols = st.columns(3)
        for n, png in enumerate(ready.slides, start=1):
            cols[(n - 1) % 3].container(border=True).image(png, caption=f"Slide {n}", width="stretch",
                                                             output_format="PNG")  # sent as drawn: no JPEG made on every run


def saying(state: preview.PreviewState) -> str:
    """What the progress bar says: the place in the queue while waiting for LibreOffice, else what is being done."""
    if state.place:
        return f"Drawing the slides with LibreOffice… {ordinal(state.place)} in the queue"
    return f"Drawing the slides with LibreOffice… {state.message}" if state.share else "Drawing the slides with LibreOffice…"


@st.fragment(run_every=POLL)
def drawing(request: str, deck: bytes) -> None:
    """While the preview is to come: its progress, asked again every ``POLL``; once it is done, the whole page again."""
    state = preview.preview_state(request) or preview.request_preview(deck)  # forgotten meanwhile: asked again
    if not state.to_come:
        st.rerun(scope="app")  # the page draws the thumbnails or the problem, without this fragment: the polling stops
    st.progress(state.share, text=saying(state))
    st.caption("The deck is ready: download it or keep working meanwhile; the slides appear here when LibreOffice has drawn them.")
