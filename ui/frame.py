"""What runs around every page: the pitch its URL names, a save conflict above it, the guard, and the saving status beside it.

Every page ends with ``ui.run(body)``. It runs here rather than in app.py
because Streamlit runs a ``pages/`` script on its own, without app.py, in
AppTest reruns and in the first run after a server start.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from ui import guard, library
from ui.page import LIBRARY_PAGE, markdown_text


def run(body: Callable[[], None]) -> None:
    """Run a page's body so that any failure is a clear message and leaves the pitch as it was.

    Around the body, the pitch library's frame: the pitch the page URL names is
    opened (in a new session) and the URL kept naming the open pitch, a save
    conflict is shown above the page, and the saving status in the sidebar
    after it.
    """
    _through_app_py()
    saving = st.sidebar.container()
    guard.page(_library_frame, body)
    status(saving)


def _library_frame() -> None:
    """Before each page: follow the URL, then show an open conflict above the page."""
    library.follow_url()
    conflict_banner()


def _through_app_py() -> None:
    """Make the next runs go through app.py when Streamlit ran this page on its own, as a legacy ``pages/`` script.

    Until a process first runs app.py (which calls ``st.navigation``), Streamlit
    treats a folder named ``pages/`` as the old multipage mechanism: after a
    server restart, a browser reconnecting on /budget gets pages/budget.py run
    alone, without app.py's page set-up and menu, and so does every run after
    it until someone opens "/". Turning that mode off limits it to this one run
    (a rerun now would lose the click that started it). AppTest turns it on
    again before each run, which is why the library's frame runs in ``run``.
    Renaming the folder (e.g. to ``app_pages/``) would make this unnecessary.
    """
    if getattr(PagesManager, "uses_pages_directory", None):
        PagesManager.uses_pages_directory = False


def conflict_banner() -> None:
    """At the top of every page while a conflict is open: what happened and the two ways out."""
    c = library.open_pitch().conflict
    if c is None:
        return
    theirs = "; ".join(c.their_changes[:3]) or "a change"
    with st.container(border=True):
        st.warning(f"**Not saved: “{markdown_text(c.name)}” was changed in another tab or by someone else** (version {c.current_version}: "
                   f"{theirs}). Your edit is safe in this tab. Choose how to keep both:", icon=":material/sync_problem:")
        left, right = st.columns(2)
        left.button("Keep my edit as a separate copy", key="library.conflict.copy", on_click=guard.safely(library.keep_mine_as_copy),
                    icon=":material/file_copy:", width="stretch")
        right.button("Load their version and re-apply my change", key="library.conflict.reapply",
                     on_click=guard.safely(library.load_theirs_and_reapply), icon=":material/merge:", width="stretch")


def status(slot) -> None:
    """The sidebar's saving status, drawn after the page so it shows what the page just did."""
    with slot:
        lib = library.opened()
        if lib.store is None:
            st.warning(f"**Saving is off.** {lib.problem} Your pitch stays in this tab only: save it as a file "
                       "from Start to keep it.", icon=":material/cloud_off:")
            st.button("Try the library again", key="library.retry", on_click=library.retry_opening, icon=":material/refresh:")
            return
        tab = library.open_pitch()
        if tab.problem:
            st.warning(f"**Your last change was not saved.** {tab.problem} It is kept in this tab.",
                       icon=":material/cloud_off:")
            st.button("Try saving again", key="library.save_again", on_click=guard.safely(library.save_again), icon=":material/refresh:")
        elif tab.conflict:
            st.warning("**Not saved:** changed elsewhere meanwhile. Choose at the top of the page.",
                       icon=":material/sync_problem:")
        elif tab.id:
            st.caption(f":material/cloud_done: **{markdown_text(tab.name)}** saved · version {tab.version}")
        else:
            st.caption(":material/cloud: Your first change saves this pitch in the Library.")
        if tab.id:
            a, b = st.columns(2)
            a.button("Undo", key="library.undo", on_click=guard.safely(library.undo), icon=":material/undo:", disabled=not tab.can_undo,
                     help="Step back one change (saved as a new version: nothing is lost).", width="stretch")
            with b:
                st.page_link(LIBRARY_PAGE, label="History", icon=":material/history:")
