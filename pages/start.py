"""Start: a new pitch, an example in one click, open or save a pitch file, and what each step still lacks."""

import hashlib

import streamlit as st

import ui
from ldpitch import format as fmt
from ldpitch.engine import STEPS, completeness, findings
from ldpitch.errors import PitchFileError
from ldpitch.pitch import MAX_BYTES, Pitch, dump_pitch, examples, load_pitch
from ldpitch.store import listing
from ui import library, shelf

RECENT = 3


@ui.safely
def new_pitch() -> None:
    library.start_new(Pitch())
    ui.flash("Started a new, empty pitch. It is saved in the Library as you work.")


@ui.safely
def load_example(name: str) -> None:
    library.start_new(examples.load(name))
    ui.flash(f"Loaded the example “{examples.title(name)}”. Change anything: it is your copy, saved in the Library.")


def open_upload(upload) -> None:
    """Read an uploaded pitch file once; a bad file leaves the current pitch as it was."""
    data = upload.getvalue()
    digest = hashlib.sha256(data).hexdigest()
    if not ui.state.is_new_upload(digest):
        return
    try:
        opened = load_pitch(data)
    except PitchFileError as e:
        st.error(f"{upload.name} was not opened, so your current pitch is unchanged. {e}", icon=":material/error:")
        return
    library.start_new(opened)
    st.success(f"Opened {upload.name}: “{opened.title or opened.initiative.name or 'untitled pitch'}”.")


def recent() -> None:
    """The few pitches changed last, to carry on where you left off."""
    rows = shelf.pitches()[:RECENT]
    if not rows:
        return
    st.subheader("Carry on with a saved pitch")
    for line in listing.list_lines(rows, shelf.now(), shelf.browser_zone()):
        name, about, when, action = st.columns([4, 5, 2, 2], vertical_alignment="center")
        name.markdown(f"**{ui.markdown_text(line.name)}**")
        shared = f"  \n:material/group: {ui.markdown_text(line.shared)}" if line.shared else ""
        about.markdown(f":gray[{ui.markdown_text(line.about)} · {line.roi}]{shared}")
        when.markdown(f":gray[{line.changed}]")
        if line.id == library.open_id():
            action.markdown(":blue-badge[open in this tab]")
        else:
            action.button("Open", key=f"start.open.{line.id}", on_click=shelf.open_pitch, args=(line.id,), width="stretch")
    st.page_link(ui.LIBRARY_PAGE, label="Every pitch, its history and the bin: Library", icon=":material/folder_open:")
    st.divider()


def body() -> None:
    p = ui.header(None, "Build your L&D business case",
                  "Sell leaders what they want to buy, not what you want to sell. Work through the steps on the left: "
                  "know your initiative and your audience, show the budget, offer choices, align with goals, "
                  "plan the measures and get on the RADAR. Then export a deck you can present today.")
    recent()
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
        if library.store() is not None:
            st.caption("Every change is saved in the Library as you make it. A pitch file is a copy to keep or send: "
                       "opening one adds it to the Library.")
        else:
            st.caption("Saving is off, so your pitch lives in this browser tab: save it as a file to keep it.")
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
