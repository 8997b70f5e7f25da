"""The pitch library as this tab uses it: one store per process, the open pitch in the page URL, autosave, undo, conflicts.

What the tab has open (``ldpitch.store.session.OpenPitch``) lives in
``ui.state``; every decision about it (save or not, what follows a conflict,
an undo, a failure) is a pure function of ``ldpitch.store.session``. This
module gathers their inputs (the store, the pitch, the clock), keeps the
state they return, shows their notices and keeps the page URL
(``?pitch=<id>``) naming the open pitch, so a refresh, a bookmark or a second
tab reopens it. Nothing here raises: a library that cannot be opened or
written turns saving off with a message, and the app keeps the pitch in
memory. No widgets either: ``ui.frame`` draws the library's banner and status.

Every store call names who acts (``actor``): ``LOCAL`` without sign-in, else
the person ``st.user`` says is signed in. With sign-in on (an ``[auth]``
section in secrets) the store is opened with the ``Organisation`` of the
``[ldpitch]`` section and refuses ``LOCAL``, so a signed-out visitor can read
or change nothing even past the sign-in page (``ui.signin``).
"""

from __future__ import annotations

import functools
import logging
import os
import time
import weakref
from dataclasses import dataclass

import streamlit as st

import ui.state as state
from ldpitch.errors import StoreError
from ldpitch.pitch import Pitch
from ldpitch.store import DATA_DIR_VARIABLE, LOCAL, URL_VARIABLE, Actor, Organisation, PitchRecord, PitchStore, open_store, session

#: Set to "off" to run without a library (a public demo, or measuring the app without saving).
SAVING_VARIABLE = "LDPITCH_SAVING"
#: The Streamlit secret holding a database URL (when the environment variable is not set).
URL_SECRET = "database_url"
#: The secrets section that turns sign-in on (Streamlit's own, read by st.login) and ldpitch's own section beside it:
#: ``organisation_domain`` (everyone signed in with an e-mail there can be shared with at once), ``admins`` (e-mails),
#: ``require_verified_email`` (take an e-mail only if the provider says it verified it; default: unless it says it did not).
AUTH_SECRETS = "auth"
ORG_SECRETS = "ldpitch"
#: The page URL's query parameter naming the open pitch.
PARAM = "pitch"
log = logging.getLogger("ldpitch.app")


# --- the library, once per process ----------------------------------------------------------------


@dataclass(frozen=True)
class Library:
    """The opened store, or why there is none (saving is off)."""

    store: PitchStore | None
    problem: str = ""


@st.cache_resource(show_spinner="Opening the pitch library…", max_entries=8)
def _open(url: str | None, data_dir: str | None, organisation: tuple[str, tuple[str, ...]] | None = None) -> Library:
    """The library at ``url`` or in ``data_dir``; with ``organisation`` (domain, admins' e-mails) sign-in is on and it takes signed-in actors only."""
    try:
        org = None if organisation is None else _organisation(*organisation)
    except ValueError as e:
        return Library(None, f"The sign-in settings in .streamlit/secrets.toml cannot be used: {e}.")
    try:
        return Library(open_store(url=url, data_dir=data_dir, organisation=org))
    except StoreError as e:
        log.warning("pitch library unavailable: %s", e)
        return Library(None, str(e))
    except Exception as e:  # a library that cannot be opened must never stop the app
        log.exception("pitch library failed to open")
        return Library(None, f"The pitch library could not be opened ({type(e).__name__}).")


@functools.lru_cache(maxsize=8)
def _organisation(domain: str, admins: tuple[str, ...]) -> Organisation:
    return Organisation(domain=domain, admins=frozenset(admins))


#: How long a value read from secrets is trusted: every run asks (which database? sign-in on? who acts?), and
#: without a secrets file Streamlit looks for one on disk each time (about 80 µs); an edited file counts within seconds.
SECRETS_KEPT_S = 5.0
_kept: dict[int, tuple[weakref.ref, dict]] = {}  # id(st.secrets) -> (st.secrets, {name: (until, value)}); AppTest swaps it


def _secret_value(name: str):
    """The top-level secret ``name`` as Streamlit reads it (None when there is none, or secrets do not parse)."""
    secrets, now = st.secrets, time.monotonic()
    entry = _kept.get(id(secrets))
    if entry is None or entry[0]() is not secrets:
        for key, (ref, _) in list(_kept.items()):
            if ref() is None:
                _kept.pop(key, None)
        entry = _kept[id(secrets)] = (weakref.ref(secrets), {})
    kept = entry[1]
    if name in kept and kept[name][0] > now:
        return kept[name][1]
    try:
        found = secrets[name] if (secrets.load_if_toml_exists() or len(secrets)) and name in secrets else None
    except Exception:  # no secrets, or secrets that do not parse: the environment and the defaults decide
        found = None
    kept[name] = (now + SECRETS_KEPT_S, found)
    return found


def _secret(name: str) -> str | None:
    value = _secret_value(name)
    return None if value is None or hasattr(value, "keys") else (str(value).strip() or None)


def secrets_section(name: str) -> dict | None:
    """A section of Streamlit secrets as a plain dict (None when there is none)."""
    value = _secret_value(name)
    return dict(value) if hasattr(value, "keys") else None


def settings() -> tuple[str | None, str | None]:
    """The database URL (environment, else Streamlit secrets) and the SQLite data folder (environment)."""
    url = os.environ.get(URL_VARIABLE, "").strip() or _secret(URL_SECRET)
    return url, os.environ.get(DATA_DIR_VARIABLE, "").strip() or None


def sign_in_on() -> bool:
    """Whether the app requires sign-in: secrets hold an ``[auth]`` section (what ``st.login`` reads)."""
    return secrets_section(AUTH_SECRETS) is not None


def organisation_settings() -> tuple[str, tuple[str, ...]] | None:
    """The organisation's e-mail domain and administrators' e-mails from secrets' ``[ldpitch]`` section (None: no sign-in)."""
    if not sign_in_on():
        return None
    mine = secrets_section(ORG_SECRETS) or {}
    admins = mine.get("admins") or ()
    if isinstance(admins, str):
        admins = [admins]
    return str(mine.get("organisation_domain") or "").strip(), tuple(sorted(str(a).strip().lower() for a in admins if str(a).strip()))


def opened() -> Library:
    """The pitch library of this process (opened on first use, then shared by every session), with sign-in on if configured."""
    if os.environ.get(SAVING_VARIABLE, "").strip().lower() == "off":
        return Library(None, f"Saving is turned off on this server ({SAVING_VARIABLE}=off).")
    return _open(*settings(), organisation_settings())


# --- who acts -------------------------------------------------------------------------------------


def _claim(name: str) -> str:
    value = st.user.get(name)
    return "" if value is None else str(value).strip()


def signed_in() -> bool:
    """Whether someone is signed in (always False without sign-in: then nobody needs to be)."""
    return sign_in_on() and bool(st.user.get("is_logged_in"))


def actor() -> Actor:
    """Who acts on the library in this run: ``LOCAL`` without sign-in, else the signed-in person.

    Built from ``st.user`` (the identity provider's ID token, as Streamlit's
    signed cookie holds it) on each use, so a callback never acts as someone
    the run does not show: the id is issuer and subject, and the e-mail is
    taken only if the provider did not say it is unverified (with
    ``require_verified_email = true`` in ``[ldpitch]``: only if it says it is).
    With sign-in on and nobody signed in (or claims without issuer and
    subject), the result is ``LOCAL``, which a library with sign-in refuses:
    no store call can succeed for a signed-out visitor.
    """
    org = organisation_settings()
    if org is None or not st.user.get("is_logged_in"):
        return LOCAL
    verified = st.user.get("email_verified")
    strict = bool((secrets_section(ORG_SECRETS) or {}).get("require_verified_email", False))
    trusted = verified is True or str(verified).lower() == "true" or (not strict and verified is None)
    try:
        return _organisation(*org).actor(
            _claim("iss"), _claim("sub"), _claim("email") if trusted else "", _claim("name"))
    except ValueError:  # no issuer or subject: no stable identity, so no access
        log.warning("sign-in claims without issuer and subject; treated as signed out")
        return LOCAL


def store() -> PitchStore | None:
    return opened().store


def retry_opening() -> None:
    _open.clear()


# --- what this tab has open -----------------------------------------------------------------------


def open_pitch() -> session.OpenPitch:
    """What this tab has open in the library (its id, version, name, whether it can undo, a conflict, a problem)."""
    return state.open_pitch()


def open_id() -> str | None:
    return state.open_pitch().id


def read_only() -> bool:
    """Whether the person may only view the open pitch: every input that would change it is drawn disabled."""
    return state.open_pitch().read_only


def _apply(outcome: session.Outcome) -> None:
    """Keep the tab's new state, show the library pitch that takes the tab's place, and show the notices.

    The page URL names a pitch the tab has just opened, created or kept as new.
    """
    before = state.open_pitch()
    state.keep_open_pitch(outcome.tab)
    if outcome.shown is not None:
        state.keep_pitch(outcome.shown, replaced=True)  # already in the library: nothing to save
    if outcome.tab.id is not None and (outcome.shown is not None or outcome.tab.id != before.id):
        st.query_params[PARAM] = outcome.tab.id
    for notice in outcome.notices:
        if notice.toast:
            st.toast(notice.text, icon=":material/cloud_off:")
        else:
            state.flash(notice.text, notice.kind)


def set_pitch(new: Pitch, *, replaced: bool = False, save: bool = True) -> None:
    """Store ``new`` (a validated Pitch) as the tab's pitch and autosave it; ``replaced`` (a new, loaded or uploaded pitch) also resets every input.

    This is the one place a changed pitch goes through, so every change
    becomes a version in the library (``autosave``, which never raises).
    ``save=False`` is for a pitch that came from the library.
    """
    state.keep_pitch(new, replaced=replaced)
    if save:
        autosave(new)


def keep_or_explain(applied) -> None:
    """A form's outcome (``pitch`` and ``problems``): keep the new pitch and draw the page again, or say each problem and keep the old one."""
    for problem in applied.problems:
        st.warning(f"Not saved: {problem}", icon=":material/warning:")
    if not applied.problems:
        set_pitch(applied.pitch)
        st.rerun()


def autosave(pitch: Pitch) -> None:
    """Store ``pitch`` as the next version of the open pitch (or as a new library entry); never raises."""
    _apply(session.save(store(), actor(), state.open_pitch(), pitch, time.monotonic()))


def save_again() -> None:
    """Try once more to save the pitch this tab holds (after a failed save)."""
    _apply(session.save_again(store(), actor(), state.open_pitch(), state.pitch(), time.monotonic()))


def start_new(pitch: Pitch) -> None:
    """Work on ``pitch`` as a new library entry (a new pitch, an example, an opened file)."""
    state.keep_open_pitch(session.start_new(state.open_pitch()))
    set_pitch(pitch, replaced=True)


def forget_open_pitch() -> None:
    """This tab leaves its library pitch (it went to the bin) and starts a fresh, unsaved one."""
    state.keep_open_pitch(session.forget(state.open_pitch()))
    state.keep_pitch(Pitch(), replaced=True)


def renamed(record: PitchRecord) -> None:
    """A library pitch was renamed: the tab's label follows if it is the open one."""
    state.keep_open_pitch(session.renamed(state.open_pitch(), record))


def open_library_pitch(pitch_id: str) -> None:
    """Open a library pitch in this tab (a message says what happened)."""
    _apply(session.open_pitch(store(), actor(), state.open_pitch(), pitch_id))


def follow_url() -> None:
    """Each run: a new session opens the pitch its URL names; afterwards the URL always names the open pitch."""
    if state.first_run():
        state.keep_open_pitch(session.fresh_visit(state.open_pitch(), state.pitch()))
        wanted = st.query_params.get(PARAM)
        if wanted:
            _apply(session.open_from_link(store(), actor(), state.open_pitch(), wanted))
    if store() is None:
        return  # keep the link as it is: it opens the pitch again once the library is back
    current = open_id()
    if current and st.query_params.get(PARAM) != current:
        st.query_params[PARAM] = current  # page switches drop query parameters: put it back
    elif not current and PARAM in st.query_params:
        del st.query_params[PARAM]


# --- history, undo, restore, conflicts ------------------------------------------------------------


def undo() -> None:
    _apply(session.undo(store(), actor(), state.open_pitch()))


def restore(version: int) -> None:
    _apply(session.restore(store(), actor(), state.open_pitch(), version))


def keep_mine_as_copy() -> None:
    """Settle a conflict by keeping this tab's pitch as a new library entry; the original keeps their changes."""
    _apply(session.keep_mine_as_copy(store(), actor(), state.open_pitch()))


def load_theirs_and_reapply() -> None:
    """Settle a conflict by loading the saved version and applying this tab's change on top of it."""
    _apply(session.load_theirs_and_reapply(store(), actor(), state.open_pitch()))


def history() -> list:
    """The open pitch's versions, newest first (empty without a library or an open pitch)."""
    s, pitch_id = store(), open_id()
    if s is None or pitch_id is None:
        return []
    try:
        return s.history(actor(), pitch_id)
    except StoreError as e:
        st.warning(f"The history could not be read: {e}", icon=":material/cloud_off:")
        return []
