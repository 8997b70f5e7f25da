"""Who is signed in: the sign-in page, the sidebar's name and sign-out, and a tab that starts afresh for another person.

Sign-in is Streamlit's own (``st.login`` / ``st.user`` / ``st.logout``,
Authlib underneath), turned on by an ``[auth]`` section in
``.streamlit/secrets.toml``; the organisation's e-mail domain and its
administrators sit beside it in ``[ldpitch]`` (see ``ui.library``). Without
``[auth]`` the app is single-user and local, as it always was, and the sidebar
says so once.

``gate`` runs before every page (``ui.frame``): a signed-out visitor gets the
sign-in page and nothing else, whatever the page URL names (the library
refuses a signed-out actor anyway). A tab's pitch and state belong to the
person who made them: when the person behind a session changes (signed out,
or someone else), everything the tab held is dropped. Right after signing in,
pitches handed over to the person become theirs.

A link to a pitch survives the sign-in: ``st.login`` ends on the app's root
(the provider returns to the fixed ``redirect_uri``, and Streamlit then
redirects to the base URL, dropping ``?pitch=``), in a new session. So the
sign-in page keeps the link's pitch id in a short-lived cookie of the browser
(``WANTED_COOKIE``, set by a line of script: Streamlit offers no way to set a
cookie from Python), and the first run after sign-in puts it back in the URL,
where the library opens it as any link, if it is shared with the person, and
clears the cookie. The cookie holds an id and nothing else; an id that is not
a pitch id is ignored.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import streamlit as st

import ui.library as library
import ui.state as state
from ldpitch.errors import StoreError
from ldpitch.store import Actor, is_pitch_id
from ui.page import markdown_text

log = logging.getLogger("ldpitch.app")

#: What ``st.login`` needs in ``[auth]`` (one provider, Streamlit's default).
AUTH_KEYS = ("redirect_uri", "cookie_secret", "client_id", "client_secret", "server_metadata_url")
#: How long the sign-in page waits for the identity provider's metadata, and how long an answer is trusted.
PROBE_TIMEOUT_S = 3.0
PROBE_KEPT_S = {True: 60.0, False: 5.0}
#: The browser cookie that keeps a link's pitch id across the sign-in, and how long it lasts (a sign-in takes a minute or two).
WANTED_COOKIE = "ldpitch_link"
WANTED_KEPT_S = 900
_probes: dict[str, tuple[float, str]] = {}
_probes_lock = threading.Lock()


# --- before every page ------------------------------------------------------------------------------------------


def gate() -> bool:
    """Whether the page may run: sign-in is off, or someone is signed in. Otherwise draw the sign-in page.

    A signed-in person's first run in a session makes them the tab's owner
    (and takes the pitches handed over to them); a different person, or
    nobody, in a session that held someone's tab drops everything it held.
    """
    if not library.sign_in_on():
        return True
    who = library.actor()
    if who.local:
        if state.owner_of_tab() is not None:
            state.forget_everything()
        try:
            sign_in_page()
        except Exception:  # the sign-in page must never show a traceback either
            log.exception("sign-in page failed")
            st.error("The sign-in page could not be shown. Reload the page to try again.", icon=":material/error:")
        return False
    _take_over_tab(who)
    _follow_link_kept_across_sign_in()
    return True


def may_enter() -> bool:
    """Whether this visitor may see the app's pages (sign-in off, or signed in): app.py hides the menu otherwise."""
    return not library.sign_in_on() or not library.actor().local


def _take_over_tab(who: Actor) -> None:
    previous = state.owner_of_tab()
    if previous == who.id:
        return
    if previous is not None:  # another person in this session: nothing of the previous one's stays
        state.forget_everything()
        if library.PARAM in st.query_params:
            del st.query_params[library.PARAM]
        state.flash(f"You are signed in as {who.display or 'someone else'} now, so this tab starts afresh.", "info")
    state.keep_owner_of_tab(who.id)
    _accept_hand_overs(who)


def _follow_link_kept_across_sign_in() -> None:
    """The session's first run after sign-in: the link followed before signing in names the pitch to open (then forgotten)."""
    if state.has_started():
        return
    wanted = st.context.cookies.get(WANTED_COOKIE)
    if wanted is None:
        return
    _keep_in_browser("")  # followed once: a later visit opens what its own URL says
    if is_pitch_id(wanted) and not st.query_params.get(library.PARAM):
        st.query_params[library.PARAM] = wanted  # library.follow_url opens it, if it is shared with this person


def _keep_in_browser(pitch_id: str) -> None:
    """Set (or, given "", clear) the browser's cookie naming the pitch a link asked for; an invisible element."""
    age = WANTED_KEPT_S if pitch_id else 0
    st.html(f"<script>document.cookie = '{WANTED_COOKIE}={pitch_id}; Max-Age={age}; Path=/; SameSite=Lax';</script>",
            unsafe_allow_javascript=True, width="content")


def _accept_hand_overs(who: Actor) -> None:
    s = library.store()
    if s is None:
        return
    try:
        taken = s.accept_hand_overs(who)
    except StoreError as e:
        log.warning("hand-overs not accepted: %s", e)
        return
    if taken:
        names = ", ".join(f"“{r.name}”" for r in taken[:5]) + (f" and {len(taken) - 5} more" if len(taken) > 5 else "")
        state.flash(f"{'A pitch was' if len(taken) == 1 else f'{len(taken)} pitches were'} handed over to you and "
                    f"{'is' if len(taken) == 1 else 'are'} yours now: {names}.", "success")


# --- the sign-in page -------------------------------------------------------------------------------------------


def sign_in_page() -> None:
    """What a signed-out visitor sees: what this is, and the way in (or why there is none right now)."""
    st.title("Sign in to ldpitch")
    st.markdown("This ldpitch keeps your organisation's business cases. Sign in with your work account to see your "
                "pitches and those shared with you.")
    wanted = st.query_params.get(library.PARAM)
    if wanted:
        st.info("You followed a link to a pitch. Sign in and it opens, if it is shared with you.", icon=":material/link:")
        if is_pitch_id(wanted):
            _keep_in_browser(wanted)
    problem = provider_problem()
    if problem:
        st.error(problem, icon=":material/cloud_off:")
        st.button("Try again", key="signin.retry", icon=":material/refresh:")
        return
    if st.button("Sign in", key="signin.login", type="primary", icon=":material/login:"):
        try:
            st.login()
        except Exception as e:  # incomplete [auth] settings, Authlib missing: say so instead of a traceback
            log.warning("st.login failed: %s", e)
            st.error("Sign-in could not start: the sign-in settings of this server are incomplete. Tell whoever runs it.",
                     icon=":material/error:")


def provider_problem() -> str:
    """Why nobody can sign in right now, in words ("" when the identity provider answers).

    Checked by fetching the provider's OpenID metadata (what Streamlit's
    sign-in fetches first), with a short timeout; an answer is kept for a
    minute, a failure for a few seconds.
    """
    auth = library.secrets_section(library.AUTH_SECRETS) or {}
    missing = [k for k in AUTH_KEYS if not str(auth.get(k) or "").strip()]
    if missing:
        return ("Sign-in is not set up completely on this server (.streamlit/secrets.toml's [auth] section has no "
                f"{', '.join(missing)}). Tell whoever runs it.")
    url = str(auth["server_metadata_url"]).strip()
    now = time.monotonic()
    with _probes_lock:
        kept = _probes.get(url)
    if kept is not None and kept[0] > now:
        return kept[1]
    problem = _probe(url)
    with _probes_lock:
        _probes[url] = (now + PROBE_KEPT_S[not problem], problem)
    return problem


def _probe(url: str) -> str:
    host = urlsplit(url).netloc or url
    down = (f"The sign-in service ({host}) cannot be reached right now, so nobody can sign in. "
            "Your pitches are safe; try again in a few minutes.")
    try:
        with urllib.request.urlopen(url, timeout=PROBE_TIMEOUT_S) as response:  # noqa: S310 - the operator's own https/http URL
            metadata = json.loads(response.read(1_000_000))
    except (OSError, ValueError) as e:  # refused, timed out, not found, not JSON
        log.warning("identity provider unreachable at %s: %s", url, e)
        return down
    if not isinstance(metadata, dict) or not metadata.get("authorization_endpoint"):
        log.warning("identity provider at %s answered without an authorization endpoint", url)
        return down
    return ""


# --- the sidebar ------------------------------------------------------------------------------------------------


def sidebar() -> None:
    """Who is signed in, with the way out; without sign-in, one line saying the app is single-user and local."""
    if not library.sign_in_on():
        st.sidebar.caption(":material/person: Single-user and local: no sign-in, and every pitch in this library is yours.")
        return
    who = library.actor()
    with st.sidebar.container(border=True):
        name = markdown_text(who.name or who.email or "Signed in")
        email = markdown_text(who.email) if who.email and who.email != who.name else ""
        role = " · administrator" if who.is_admin else ""
        st.markdown(f":material/account_circle: **{name}**" + (f"  \n{email}" if email else "") + role)
        if not who.email:
            st.caption("Your sign-in gave no verified e-mail address, so nobody can share a pitch with you by e-mail.")
        st.button("Sign out", key="signin.logout", on_click=sign_out, icon=":material/logout:")


def sign_out() -> None:
    """Drop everything this tab holds, then sign out (Streamlit clears its cookie and ends the session)."""
    state.forget_everything()
    st.logout()
