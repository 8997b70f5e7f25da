"""Library: every pitch I may open (open, copy, rename, bin), the open pitch's history with restore and undo, who has access, import and export."""

from datetime import date

import streamlit as st

import ui
from ldpitch.pitch import MAX_BYTES
from ldpitch.store import Role, listing
from ui import library, sharing, shelf

PER_PAGE = 20


def open_pitch() -> None:
    tab = library.open_pitch()
    if not tab.id:
        st.info("The pitch in this tab is not saved yet: your first change saves it here. Or open one below.",
                icon=":material/cloud:")
        return
    st.subheader(f"Open in this tab: {ui.markdown_text(tab.name)}", anchor="open")
    entries = library.history()
    now, tz = shelf.now(), shelf.browser_zone()
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.markdown(f"**History** · {len(entries)} version{'s' if len(entries) != 1 else ''}, newest first. "
                    "Every change is saved as you make it.")
        if entries and listing.signed(entries):
            st.markdown(f":material/edit_note: Last change: {ui.markdown_text(listing.change_line(entries[0], now, tz))}")
        st.dataframe(listing.history_lines(entries, now, tz), hide_index=True, height=min(38 + 35 * len(entries), 320),
                     width="stretch", column_config={"Version": st.column_config.NumberColumn(width=60, format="%d"),
                                                     "When": st.column_config.TextColumn(width="small"),
                                                     "How": st.column_config.TextColumn(width=70)})
    with right:
        older = [e for e in entries if e.version != tab.version]
        st.button("Undo the last change", key="library.page.undo", on_click=shelf.undo, icon=":material/undo:",
                  disabled=not tab.can_undo or tab.read_only, help="Steps back one change; undo again to go further back.")
        if older and not tab.read_only:
            labels = {e.version: listing.version_label(e, now, tz) for e in older}
            chosen = st.selectbox("Go back to an earlier version", list(labels), format_func=labels.get,
                                  key="library.restore.version")
            st.button("Restore this version", key="library.restore", on_click=shelf.restore, args=(chosen,),
                      icon=":material/settings_backup_restore:",
                      help="It becomes the newest version; the versions after it stay in the history.")
        with st.form("library.rename.open", border=False):
            st.text_input("Name in the library", tab.name, key="library.rename.open.name", max_chars=200, disabled=tab.read_only)
            if st.form_submit_button("Rename", icon=":material/edit:", disabled=tab.read_only):
                shelf.rename(tab.id, "library.rename.open.name")
                st.rerun()
    if shelf.sharing_on():
        sharing.share_panel(tab)



def pitch_line(line, role: Role, is_open: bool) -> None:
    with st.container(border=True):
        name, when, roi, actions = st.columns([5, 2, 2, 4], vertical_alignment="center")
        tag = " :blue-badge[open in this tab]" if is_open else ""
        shared = f"  \n:material/group: {ui.markdown_text(line.shared)}" if line.shared else ""
        name.markdown(f"**{ui.markdown_text(line.name)}**{tag}  \n:gray[{ui.markdown_text(line.about)}]{shared}")
        when.markdown(f":gray[Changed]  \n{line.changed}")
        roi.markdown(line.roi)
        with actions.container(horizontal=True, horizontal_alignment="right", wrap=False):
            st.button("Open", key=f"library.open.{line.id}", on_click=shelf.open_pitch, args=(line.id,),
                      disabled=is_open, type="primary")
            st.button("Duplicate", key=f"library.copy.{line.id}", on_click=shelf.duplicate, args=(line.id,),
                      help="A new pitch holding a copy of this one.")
            if role is Role.VIEWER:
                return
            with st.popover("", icon=":material/more_horiz:", help="Rename, or delete" if role is Role.OWNER else "Rename"):
                st.text_input("New name", line.name, key=f"library.name.{line.id}", max_chars=200)
                st.button("Rename", key=f"library.rename.{line.id}", on_click=shelf.rename,
                          args=(line.id, f"library.name.{line.id}"), icon=":material/edit:")
                if role is not Role.OWNER:
                    st.caption("Only its owner can move it to the bin.")
                elif shelf.deletion_asked() != line.id:
                    st.button("Delete…", key=f"library.delete.{line.id}", on_click=shelf.ask_to_delete, args=(line.id,),
                              icon=":material/delete:", help="Moves it to the bin, from where you can restore it.")
                else:
                    st.warning("Move it to the bin? The bin at the foot of this page gives it back.", icon=":material/delete:")
                    with st.container(horizontal=True):
                        st.button("Move to the bin", key=f"library.delete.yes.{line.id}", on_click=shelf.delete,
                                  args=(line.id, line.name), type="primary")
                        st.button("Cancel", key=f"library.delete.no.{line.id}", on_click=shelf.ask_to_delete, args=(None,))


def all_pitches() -> None:
    rows = shelf.pitches()
    mine = "Your pitches and those shared with you" if shelf.sharing_on() else "All pitches"
    st.subheader(f"{mine} ({len(rows)})", anchor="all")
    search, imports, export = st.columns([3, 3, 2], vertical_alignment="bottom")
    query = search.text_input("Find a pitch", key="library.search", placeholder="name, initiative or audience")
    with imports:
        files = st.file_uploader("Import pitch files (.json)", type=["json"], accept_multiple_files=True, key="library.import",
                                 max_upload_size=max(1, MAX_BYTES // 1_000_000))
    shelf.import_files(files)
    if files:
        rows = shelf.pitches()
    export.download_button("Export all (.zip)", data=shelf.export_all(), file_name=f"ldpitch-library-{date.today()}.zip",
                           mime="application/zip", key="library.export", on_click="ignore", icon=":material/download:",
                           disabled=not rows, help="Every pitch outside the bin, one pitch file each.")
    found = [r for r in rows if listing.matches(r, query)]
    shown = ui.state.pitches_shown(PER_PAGE)
    if not rows:
        st.info("No pitches yet. Load an example or start a new pitch on the Start page, or import pitch files above.",
                icon=":material/folder_open:")
    elif not found:
        st.info(f"No pitch matches “{query}”.", icon=":material/search_off:")
    for row, line in zip(found[:shown], listing.list_lines(found[:shown], shelf.now(), shelf.browser_zone()), strict=True):
        pitch_line(line, row.role, line.id == library.open_id())
    if len(found) > shown:
        st.button(f"Show more ({len(found) - shown} not shown)", key="library.more",
                  on_click=ui.state.show_pitches, args=(shown + PER_PAGE,))


def bin_section() -> None:
    deleted = shelf.pitches(deleted=True)
    with st.expander(f"Bin ({len(deleted)})", icon=":material/delete:", expanded=False):
        if not deleted:
            st.caption("Pitches you move to the bin wait here, with their whole history, until you restore them.")
        for line in listing.list_lines(deleted, shelf.now(), shelf.browser_zone()):
            left, middle, right = st.columns([5, 3, 2], vertical_alignment="center")
            left.markdown(f"**{ui.markdown_text(line.name)}**  \n:gray[{ui.markdown_text(line.about)}]")
            middle.markdown(f":gray[Moved to the bin {line.changed}]")
            right.button("Restore", key=f"library.undelete.{line.id}", on_click=shelf.restore_deleted, args=(line.id,),
                         icon=":material/restore_from_trash:")


def body() -> None:
    st.title("Library")
    st.markdown("Every pitch is saved here as you work, with its whole history. Open one to work on it; "
                "the page address names the open pitch, so a refresh or a bookmark brings you back to it.")
    ui.show_flash()
    store = library.store()
    if store is None:
        st.warning(f"The library cannot be used right now. {library.opened().problem}", icon=":material/cloud_off:")
        return
    if not shelf.sharing_on() or library.actor().is_admin:  # where the server keeps the library is the administrators' business
        st.caption(f":material/database: Kept in {store.location}")
    open_pitch()
    st.divider()
    all_pitches()
    bin_section()


ui.run(body)
