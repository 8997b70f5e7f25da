"""The Library page's actions on the whole library: list, rename, duplicate, the bin, import and export, who has access.

Each action runs on the process's store (``ui.library.store``) and leaves a
message for the next run; none raises. What the open pitch of a tab is, and
how it is saved, lives in ``ui.library``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import streamlit as st

import ui.library as library
import ui.state as state
from ldpitch.errors import LdpitchError, StoreError
from ldpitch.store import Access, PitchRecord, Role, listing
from ui.guard import safely


def now() -> datetime:
    return datetime.now(UTC)


def browser_zone():
    """The reader's time zone (from the browser), for the times the library shows."""
    return listing.zone(st.context.timezone)


def pitches(*, deleted: bool = False) -> list:
    """The library's pitches, most recently changed first (``deleted``: the bin); empty, with a message, on failure."""
    s = library.store()
    if s is None:
        return []
    try:
        return s.list_pitches(library.actor(), deleted=deleted)
    except StoreError as e:
        st.warning(f"The library could not be read: {e}", icon=":material/cloud_off:")
        return []


def _act(action, done) -> None:
    """Run a library action; its result message (or why it failed) shows on the next run."""
    s = library.store()
    if s is None:
        return
    try:
        message = done(action(s))
    except StoreError as e:
        state.flash(str(e), "error")
        return
    if message:
        state.flash(message)


@safely
def open_pitch(pitch_id: str) -> None:
    library.open_library_pitch(pitch_id)


@safely
def undo() -> None:
    library.undo()


@safely
def restore(version: int) -> None:
    library.restore(version)


@safely
def duplicate(pitch_id: str) -> None:
    _act(lambda s: s.duplicate(library.actor(), pitch_id), lambda r: f"Made a copy: “{r.name}”.")


@safely
def rename(pitch_id: str, key: str) -> None:
    """Rename a library pitch to what the text input under ``key`` holds."""
    def done(record: PitchRecord) -> str:
        library.renamed(record)
        return f"Renamed to “{record.name}”."

    _act(lambda s: s.rename(library.actor(), pitch_id, state.widget_value(key) or ""), done)


def deletion_asked() -> str | None:
    """The pitch whose move to the bin waits for a confirmation, if any."""
    return state.deletion_asked()


def ask_to_delete(pitch_id: str | None) -> None:
    state.ask_deletion(pitch_id)


@safely
def delete(pitch_id: str, name: str) -> None:
    """Move a pitch to the bin; the tab that had it open starts a fresh pitch (nothing is lost: the bin restores it)."""
    state.ask_deletion(None)

    def done(_) -> str:
        if pitch_id != library.open_id():
            return f"Moved “{name}” to the bin. Restore it from the bin at the foot of this page."
        library.forget_open_pitch()
        return f"Moved “{name}” to the bin, so this tab has a fresh, empty pitch. Restore it from the bin below."

    _act(lambda s: s.delete(library.actor(), pitch_id), done)


@safely
def restore_deleted(pitch_id: str) -> None:
    _act(lambda s: s.restore_deleted(library.actor(), pitch_id), lambda r: f"“{r.name}” is back in the library.")


def import_files(uploads) -> None:
    """Add uploaded pitch files to the library, once each; a bad file is explained and nothing else changes."""
    s = library.store()
    for upload in uploads or []:
        data = upload.getvalue()
        if s is None or not state.is_new_import((upload.name, len(data), hash(data))):
            continue
        try:
            record = s.import_pitch(library.actor(), data)
        except LdpitchError as e:
            st.error(f"{upload.name} was not imported. {e}", icon=":material/error:")
            continue
        st.success(f"Imported {upload.name} as “{record.name}”.", icon=":material/check_circle:")


def export_all() -> Callable[[], bytes]:
    """Every pitch the person may open, outside the bin, as a zip of pitch files: built when the button is clicked.

    The person is taken now, while the page runs: Streamlit calls the returned
    function outside any run, where nobody is signed in.
    """
    s, who = library.store(), library.actor()
    return lambda: s.export_all(who) if s is not None else b""


# --- who has access to a pitch (with sign-in) ----------------------------------------------------------------


def sharing_on() -> bool:
    """Whether pitches are shared at all: only with sign-in (without it, everyone at this computer is the one user)."""
    return library.sign_in_on() and library.store() is not None


def organisation_domain() -> str:
    """The organisation's e-mail domain a pitch can be shared with as a whole ("" when none is set)."""
    s = library.store()
    org = s.organisation if s is not None else None
    return org.domain if org is not None else ""


def access(pitch_id: str) -> list[Access]:
    """Who may open the pitch: its owner, the organisation, people by e-mail (empty, with a message, on failure)."""
    s = library.store()
    if s is None:
        return []
    try:
        return s.access(library.actor(), pitch_id)
    except StoreError as e:
        st.warning(f"Who has access could not be read: {e}", icon=":material/cloud_off:")
        return []


@safely
def share(pitch_id: str, email_key: str, role_key: str) -> None:
    """Share the pitch with the e-mail typed under ``email_key`` as the role chosen under ``role_key`` (viewer or editor)."""
    email = str(state.widget_value(email_key) or "").strip()
    role = Role.EDITOR if state.widget_value(role_key) == ROLE_WORDS[Role.EDITOR] else Role.VIEWER
    if not email:
        state.flash("Type the e-mail address of the person to share with.", "warning")
        return
    _act(lambda s: s.share(library.actor(), pitch_id, email, role),
         lambda _: f"Shared with {email.lower()}: they can {'edit' if role is Role.EDITOR else 'view'} it once they sign in.")


@safely
def share_with_organisation(pitch_id: str) -> None:
    domain = organisation_domain()
    _act(lambda s: s.share_with_organisation(library.actor(), pitch_id),
         lambda _: f"Everyone signed in with an address at {domain} can view it now.")


@safely
def revoke(pitch_id: str, email: str) -> None:
    _act(lambda s: s.revoke(library.actor(), pitch_id, email), lambda _: f"{email} can no longer open it.")


@safely
def revoke_organisation(pitch_id: str) -> None:
    domain = organisation_domain()
    _act(lambda s: s.revoke_organisation(library.actor(), pitch_id),
         lambda _: f"No longer shared with everyone at {domain}; people it is shared with by e-mail keep their access.")


#: How a role reads in the Share panel's choice.
ROLE_WORDS = {Role.VIEWER: "Can view", Role.EDITOR: "Can edit"}


def offered_to(pitch_id: str) -> str:
    """The e-mail the pitch is being handed over to ("" when it is not)."""
    s = library.store()
    if s is None:
        return ""
    try:
        return s.record(library.actor(), pitch_id).offered_to
    except StoreError:
        return ""


@safely
def hand_over(pitch_id: str, email_key: str) -> None:
    """Offer the pitch to the e-mail typed under ``email_key``: they become its owner when they next sign in."""
    email = str(state.widget_value(email_key) or "").strip()
    if not email:
        state.flash("Type the e-mail address of the person to hand the pitch over to.", "warning")
        return
    _act(lambda s: s.hand_over(library.actor(), pitch_id, email),
         lambda r: f"Handed over to {r.offered_to}: it becomes theirs when they next sign in; until then it stays yours.")


@safely
def withdraw_hand_over(pitch_id: str) -> None:
    _act(lambda s: s.hand_over(library.actor(), pitch_id, None), lambda _: "The hand-over is withdrawn: the pitch stays yours.")
