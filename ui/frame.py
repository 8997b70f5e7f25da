"""What runs around every page: the pitch its URL names, a save conflict above it, the guard, and the saving status beside it.

Every page ends with ``ui.run(body)``. It runs here rather than in app.py
because Streamlit may run a ``pages/`` script without app.py (see
``_entered_without_app_py``). Around each page, too, the one thing that lets a
tab move to another app process unnoticed: ``_rerun_on_reconnect``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from functools import cache
from pathlib import Path

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

import ui.guard as guard
import ui.library as library
import ui.serving as serving
import ui.signin as signin
from ui.page import LIBRARY_PAGE, markdown_text

APP_PY = Path(__file__).resolve().parents[1] / "app.py"
#: The period of the page's no-op timer. Its ticks are not what restores a tab (the timer being set is, see
#: ``_rerun_on_reconnect``), so it is long: each tick reruns the empty fragment, measured at about 6 ms of server CPU
#: (90 ms with Streamlit's runner.postScriptGC on); 30 tabs every 15 minutes make 2 ticks a minute, about 0.02% of
#: a core. A 10 s period would have cost 30 tabs 2% of a core (27% with postScriptGC on) for nothing.
RECONNECT_TIMER = timedelta(minutes=15)


def run(body: Callable[[], None]) -> None:
    """Run a page's body so that any failure is a clear message and leaves the pitch as it was.

    Around the body, the pitch library's frame: the pitch the page URL names is
    opened (in a new session) and the URL kept naming the open pitch, a save
    conflict is shown above the page, and the saving status in the sidebar
    after it. Before all of it, sign-in (``ui.signin``): with sign-in on, a
    signed-out visitor gets the sign-in page instead of the page.
    """
    serving.set_up_once()  # the process's first run: no 40 ms wait on every rerun, a lighter collector (see ui.serving)
    if _entered_without_app_py():
        exec(_app_py(), {"__name__": "__main__", "__file__": str(APP_PY)})  # noqa: S102 - app.py's set-up and menu, then this page again
        return
    if signin.gate():  # with sign-in on, a signed-out visitor gets the sign-in page and nothing else
        signin.sidebar()
        saving = st.sidebar.container()
        guard.page(_library_frame, body)
        status(saving)
    _rerun_on_reconnect()


def _library_frame() -> None:
    """Before each page: follow the URL, then show an open conflict above the page."""
    library.follow_url()
    conflict_banner()
    read_only_banner()


@cache
def _app_py():
    return compile(APP_PY.read_bytes(), str(APP_PY), "exec")


def _entered_without_app_py() -> bool:
    """True when Streamlit ran this page on its own, without app.py: its legacy mode for a folder named ``pages/``.

    Streamlit decides once per process, when the first browser connects: if a
    ``pages/`` folder sits beside the entry script and no script has called
    ``st.navigation`` yet, it makes its own menu of that folder (app.py among
    the pages) and runs the page the URL names alone. So the first runs after a
    server (re)start, a tab that reconnects to a fresh process on /budget for
    instance, would get that menu and miss app.py's page set-up. No setting
    turns this off (``client.showSidebarNavigation`` only hides the menu), and
    the folder keeps its name: so such a run is recognised by app.py being one
    of the registered pages, and ``run`` goes through app.py instead, in the
    same run (nothing the browser sent is lost). app.py's ``st.navigation``
    then turns the legacy mode off for the whole process. AppTest, which turns
    it on again before each run, goes through app.py the same way.
    """
    ctx = get_script_run_ctx()
    if ctx is None:
        return False
    return any(p.get("script_path") == str(APP_PY) for p in ctx.pages_manager.get_pages().values())  # both resolved paths


@st.fragment(run_every=RECONNECT_TIMER)
def _rerun_on_reconnect() -> None:
    """Nothing to show: a page with a timer, so that a tab moved to another app process reopens its pitch at once.

    When a process behind the proxy dies, its tabs reconnect to another one,
    where they have no session yet. Streamlit's browser client reruns the page
    after a reconnect only when the page has a fragment on a timer
    (``run_every``); otherwise the new process stays empty until the person
    acts, and that first edit or click is lost (no widget is registered yet,
    so no callback runs) while a menu click drops ``?pitch=``. With the timer,
    the reconnect reruns the page at once with the tab's widget values and URL:
    the new session opens the pitch the URL names (``library.follow_url``), and
    the next edit is kept like any other.
    """


def read_only_banner() -> None:
    """At the top of every page while the open pitch is one the person may only view."""
    if not library.open_pitch().read_only:
        return
    st.info("**Shared with you to view: duplicate it to make your own copy.** You can view this pitch but not change it, so "
            "its inputs are greyed out. Export it as it is, or duplicate it in the Library to work on a copy of your own.",
            icon=":material/visibility:")


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
            a.button("Undo", key="library.undo", on_click=guard.safely(library.undo), icon=":material/undo:", disabled=not tab.can_undo or tab.read_only,
                     help="Step back one change (saved as a new version: nothing is lost).", width="stretch")
            with b:
                st.page_link(LIBRARY_PAGE, label="History", icon=":material/history:")
