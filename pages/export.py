"""Export: choose the audience, length and branding; build the deck on demand and see its slides (drawn in the background); see what a CFO will attack first."""

import hashlib

import streamlit as st

import ui
from ldpitch.deck import Branding, build_deck
from ldpitch.engine import cfo_findings, findings
from ldpitch.pitch import dump_pitch
from ldpitch.workbook import workbook_bytes

PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LENGTHS = {"short": "Short", "standard": "Standard", "full": "Full"}


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
            ui.state.keep_built_deck("export", settings, ui.workers.run(build_deck, p, audience=audience, length=length,
                                                                          branding=brand or Branding()))
        st.rerun()  # draw the page again with the deck built, so the button says what a click now does
    if fresh:
        row = st.container(horizontal=True, vertical_alignment="center")
        row.download_button("Download the deck (.pptx)", data=built[1], file_name=ui.pitch_filename(p, "pptx"), mime=PPTX,
                            key="export.pptx", on_click="ignore", type="primary", icon=":material/download:")
        ui.slides.show(built[1], row, ui.pitch_filename(p, "pdf"))  # thumbnails drawn in the background: the page stays usable
    elif built:
        st.info("The pitch or the deck settings changed since the last build: build the deck again.", icon=":material/update:")
    st.subheader("The numbers and the pitch file")
    c = st.columns(2)
    c[0].download_button("Workbook with live formulas (.xlsx)", data=lambda: ui.workers.run(workbook_bytes, p), file_name=ui.pitch_filename(p, "xlsx"),
                         mime=XLSX, key="export.xlsx", on_click="ignore", icon=":material/table:")
    c[1].download_button("Pitch file (.json)", data=dump_pitch(p), file_name=ui.pitch_filename(p), mime="application/json",
                         key="export.json", on_click="ignore", icon=":material/download:")


ui.run(body)
