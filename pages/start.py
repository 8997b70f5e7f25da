"""Start: a new pitch, an example in one click, open or save a pitch file, and what each step still lacks."""

import hashlib

import streamlit as st

import ui
from ldpitch import examples
from ldpitch import format as fmt
from ldpitch.errors import PitchFileError
from ldpitch.findings import STEPS, completeness, findings
from ldpitch.model import Pitch
from ldpitch.pitchfile import MAX_BYTES, dump_pitch, load_pitch


@ui.safely
def new_pitch() -> None:
    ui.set_pitch(Pitch(), replaced=True)
    ui.flash("Started a new, empty pitch.")


@ui.safely
def load_example(name: str) -> None:
    ui.set_pitch(examples.load(name), replaced=True)
    ui.flash(f"Loaded the example “{examples.title(name)}”. Change anything: it is your copy.")


def open_upload(upload) -> None:
    """Read an uploaded pitch file once; a bad file leaves the current pitch as it was."""
    data = upload.getvalue()
    digest = hashlib.sha256(data).hexdigest()
    if st.session_state.get("start.opened") == digest:
        return
    st.session_state["start.opened"] = digest
    try:
        opened = load_pitch(data)
    except PitchFileError as e:
        st.error(f"{upload.name} was not opened, so your current pitch is unchanged. {e}", icon=":material/error:")
        return
    ui.set_pitch(opened, replaced=True)
    st.success(f"Opened {upload.name}: “{opened.title or opened.initiative.name or 'untitled pitch'}”.")


def body() -> None:
    p = ui.header(None, "Build your L&D business case",
                  "Sell leaders what they want to buy, not what you want to sell. Work through the steps on the left: "
                  "know your initiative and your audience, show the budget, offer choices, align with goals, "
                  "plan the measures and get on the RADAR. Then export a deck you can present today.")
    left, right = st.columns(2, gap="large")
    with left:
        st.subheader("Start from an example")
        st.caption("Realistic pitches that follow the method. Load one and change a number to see everything update.")
        for name in examples.names():
            st.button(f"Load example: {examples.title(name)}", key=f"start.example.{name}", on_click=load_example,
                      args=(name,), width="stretch", wrap=True)
        st.button("Start a new, empty pitch", key="start.new", on_click=new_pitch, icon=":material/note_add:")
    with right:
        st.subheader("Open or save a pitch file")
        st.caption("Your pitch lives in this browser tab: save it as a file to keep it, and open it again later.")
        upload = st.file_uploader("Open a pitch file (.json)", type=["json"], key="start.upload",
                                  max_upload_size=max(1, MAX_BYTES // 1_000_000),
                                  help=f"A pitch file saved by ldpitch, at most {MAX_BYTES // 1_000_000} MB.")
        if upload is not None:
            open_upload(upload)
            p = ui.pitch()
        st.download_button("Save pitch file", data=dump_pitch(p), file_name=ui.pitch_filename(p), mime="application/json",
                           key="start.save", on_click="ignore", icon=":material/download:")
    st.divider()
    st.subheader(f"Your pitch: {p.title or p.initiative.name or 'untitled'}")
    done = completeness(p)
    notes = findings(p)
    for step, label in STEPS:
        mine = [f for f in notes if f.step == step]
        c1, c2, c3 = st.columns([3, 2, 6], vertical_alignment="center")
        with c1:
            ui.page_link(step, label=label)
        c2.progress(float(done[step]), text=fmt.share(done[step], p.locale))
        if not mine:
            c3.markdown(":material/check_circle: Nothing missing.")
            continue
        more = f" :gray[+{len(mine) - 1} more on that page]" if len(mine) > 1 else ""
        c3.markdown(f"{mine[0].message}{more}")
    ui.page_link("initiative", label="Begin with the first step: Initiative", icon=":material/arrow_forward:")


ui.run(body)
