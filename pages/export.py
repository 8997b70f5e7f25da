"""Export: choose the audience, length and branding; build the deck on demand and see its slides; see what a CFO will attack first."""

import hashlib
from functools import partial

import streamlit as st

import ui
from ldpitch import preview
from ldpitch.deck import Branding, build_deck
from ldpitch.engine import cfo_findings, findings
from ldpitch.errors import LdpitchError
from ldpitch.pitch import dump_pitch
from ldpitch.workbook import workbook_bytes

PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LENGTHS = {"short": "Short", "standard": "Standard", "full": "Full"}


def slides(deck: bytes, p, row) -> None:
    """The deck as a PDF and a thumbnail of every slide, as LibreOffice draws them (optional: a missing LibreOffice is explained)."""
    ready = preview.cached_preview(deck)  # an unchanged deck is shown at once, without LibreOffice
    missing = None if ready else preview.missing_tools()
    if missing:
        st.info(f"No PDF or slide previews on this machine. {missing}", icon=":material/visibility_off:")
        return
    row.download_button("PDF", data=ready.pdf if ready else partial(preview.deck_pdf, deck), file_name=ui.pitch_filename(p, "pdf"),
                        mime="application/pdf", key="export.pdf", on_click="ignore", icon=":material/picture_as_pdf:",
                        help="The deck as LibreOffice draws it, for people who cannot open PowerPoint.")
    if not row.toggle("Show the slides", value=True, key="export.preview", persist_state="session",
                      help="A thumbnail of every slide as it will look, drawn by LibreOffice."):
        return
    if ready is None:
        bar = st.progress(0.0, text="Drawing the slides with LibreOffice…")
        try:
            ready = preview.render_preview(deck, on_progress=lambda share, text: bar.progress(share, text=text))
        except LdpitchError as e:
            st.warning(f"{e}", icon=":material/warning:")
            return
        finally:
            bar.empty()
    with st.container(height=600, border=True):
        cols = st.columns(3)
        for n, png in enumerate(ready.slides, start=1):
            cols[(n - 1) % 3].container(border=True).image(png, caption=f"Slide {n}", width="stretch")


def body() -> None:
    p = ui.header(None, "Export the deck",
                  "Pick who you are presenting to, how long you have and how it should look. The deck is built from "
                  "the same numbers and charts you see in the app, with speaker notes on every slide.")
    missing = [f for f in findings(p) if f.severity == "missing"]
    if missing:
        with st.expander(f"Still missing from the pitch ({len(missing)})", expanded=not (p.title or p.initiative.name),
                         icon=":material/checklist:"):
            ui.findings_list(missing)
    attacks = cfo_findings(p)
    st.subheader("Before you present: what a CFO will attack", help="Fix these, or be ready to answer them.")
    if attacks:
        ui.findings_list(attacks)
    elif p.costs and p.benefits:
        st.success("Nothing a finance reviewer would strike out.", icon=":material/verified:")
    else:
        st.info("The finance checks run once the budget has costs and benefits.", icon=":material/gavel:")
    weak = [f for f in findings(p) if f.severity == "weak"]
    if weak:
        with st.expander(f"Other weak points a sharp audience may probe ({len(weak)})", icon=":material/info:"):
            ui.findings_list(weak)
    st.subheader("Your deck")
    names = [s.name for s in p.stakeholders]
    c = st.columns(2)
    audience = c[0].selectbox("Audience", names, index=names.index(p.primary_audience) if p.primary_audience in names else None,
                              key="export.audience", placeholder="No particular audience" if names else "Add stakeholders first",
                              help="The deck leads with this stakeholder's KPIs and pain points.")
    length = c[1].radio("Length", list(LENGTHS), format_func=LENGTHS.get, index=1, horizontal=True, key="export.length",
                        help="Short: the ask, the money and the decision. Standard: the whole case. Full: with the appendix.")
    brand = ui.brand.picker()
    look = (brand.logo or b"") + (brand.template or b"") if brand else b""
    settings = hashlib.sha256(dump_pitch(p) + repr((audience, length, brand)).encode() + look).hexdigest()
    built = ui.state.built_deck("export")
    fresh = bool(built) and built[0] == settings
    if st.button("Build the deck again" if fresh else "Build deck", type="secondary" if fresh else "primary",
                 icon=":material/slideshow:", key="export.build"):
        with st.spinner("Building the deck: slides, native charts and speaker notes…"):
            ui.state.keep_built_deck("export", settings, build_deck(p, audience=audience, length=length, branding=brand or Branding()))
        st.rerun()  # draw the page again with the deck built, so the button says what a click now does
    if fresh:
        row = st.container(horizontal=True, vertical_alignment="center")
        row.download_button("Download the deck (.pptx)", data=built[1], file_name=ui.pitch_filename(p, "pptx"), mime=PPTX,
                            key="export.pptx", on_click="ignore", type="primary", icon=":material/download:")
        slides(built[1], p, row)
    elif built:
        st.info("The pitch or the deck settings changed since the last build: build the deck again.", icon=":material/update:")
    st.subheader("The numbers and the pitch file")
    c = st.columns(2)
    c[0].download_button("Workbook with live formulas (.xlsx)", data=lambda: workbook_bytes(p), file_name=ui.pitch_filename(p, "xlsx"),
                         mime=XLSX, key="export.xlsx", on_click="ignore", icon=":material/table:")
    c[1].download_button("Pitch file (.json)", data=dump_pitch(p), file_name=ui.pitch_filename(p), mime="application/json",
                         key="export.json", on_click="ignore", icon=":material/download:")


ui.run(body)
