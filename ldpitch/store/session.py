"""What a browser tab has open in the pitch library, and what follows each save, conflict, undo and restore (pure decisions).

The shell keeps one ``OpenPitch`` per tab: which library pitch it works on,
the version it last saw, and how saving stands. Each function here takes that
state (and the store with the acting user, and the time, where it needs them) and returns an
``Outcome``: the tab's next state, the ``Notice``s to show, and, when a
library pitch takes the place of the tab's pitch (opened, undone, restored, a
settled conflict), that pitch. The shell only keeps the state, shows the
notices and shows the pitch; the decisions are here, tested without a browser.

Every save names the version it started from, so a save from a stale tab
becomes a ``SaveConflict`` the user settles (keep my edit as a copy, or load
theirs and re-apply mine), never an overwrite. Nothing here raises: a library
that cannot be written leaves a ``problem`` on the tab and a notice, and a
library that cannot be reached is not tried again for ``RETRY_AFTER_S``.
No Streamlit and no SQLAlchemy: the store is handed in.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from ldpitch.errors import AccessDenied, NothingToUndo, PitchNotFound, SaveConflict, StoreError, StoreUnavailable
from ldpitch.pitch import Pitch
from ldpitch.store.access import Actor, Role
from ldpitch.store.merge import reapply
from ldpitch.store.records import PitchRecord, is_pitch_id

if TYPE_CHECKING:  # the store is passed in; importing its module would load SQLAlchemy
    from ldpitch.store.library import PitchStore

#: How long to wait before trying an unreachable library again (each try may wait for a connection timeout).
RETRY_AFTER_S = 30
#: The name of a library entry made from a pitch with no title and no initiative yet.
UNTITLED = "Untitled pitch"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Notice:
    """A message for the person at the tab; ``toast`` marks a passing one (the sidebar keeps saying the rest)."""

    kind: Literal["success", "info", "warning", "error"]
    text: str
    toast: bool = False


@dataclass(frozen=True)
class OpenPitch:
    """What one tab has open in the library, and how its saving stands.

    ``id`` is None for a pitch not in the library yet (its first change
    creates the entry). ``saved`` is the pitch as the library holds it at
    ``version``: an unchanged pitch is not saved again. ``conflict`` is an
    unsettled save conflict; ``problem`` why the last save failed, until one
    succeeds; ``retry_at`` the moment (monotonic seconds) before which an
    unreachable library is not tried again. ``role`` is the acting user's
    on the open pitch (a new one is theirs): a viewer's tab is read-only.
    """

    id: str | None = None
    version: int | None = None
    name: str = ""
    can_undo: bool = False
    saved: Pitch | None = None
    conflict: SaveConflict | None = None
    problem: str | None = None
    retry_at: float = 0.0
    role: Role = Role.OWNER

    @property
    def read_only(self) -> bool:
        """Whether the acting user may only view the open pitch (the pages draw every input disabled; the store refuses a change)."""
        return self.role is Role.VIEWER


@dataclass(frozen=True)
class Outcome:
    """The tab's next state, what to tell the person, and the library pitch to show in place of the tab's (if any)."""

    tab: OpenPitch
    notices: tuple[Notice, ...] = ()
    shown: Pitch | None = None


# --- a tab's pitch starts ------------------------------------------------------------------------------------


def fresh_visit(tab: OpenPitch, pitch: Pitch) -> OpenPitch:
    """A new session's first run: the pitch it starts with is not worth a library entry until it changes."""
    return replace(tab, saved=pitch)


def start_new(tab: OpenPitch) -> OpenPitch:
    """The tab works on another pitch as a new library entry (a new pitch, an example, an opened file): its first save creates it.

    A retry window stays open: the library is no more reachable for a new pitch.
    """
    return OpenPitch(retry_at=tab.retry_at)


def forget(tab: OpenPitch) -> OpenPitch:
    """The tab leaves its library pitch (it went to the bin) for a fresh, empty pitch, saved once it changes."""
    return OpenPitch(saved=Pitch(), retry_at=tab.retry_at)


def renamed(tab: OpenPitch, record: PitchRecord) -> OpenPitch:
    """The tab after a library pitch was renamed: its label follows if it is the open one."""
    return replace(tab, name=record.name) if record.id == tab.id else tab


def open_pitch(store: PitchStore | None, actor: Actor, tab: OpenPitch, pitch_id: str) -> Outcome:
    """Open a library pitch in the tab (nothing happens without a library; a pitch that cannot be opened is explained)."""
    if store is None:
        return Outcome(tab)
    try:
        opened, pitch, record = _reload(store, actor, tab, pitch_id)
    except StoreError as e:
        return Outcome(tab, (Notice("error", f"That pitch could not be opened: {e}"),))
    return Outcome(opened, (Notice("success", f"Opened “{record.name}” (version {record.version})."),), pitch)


def open_from_link(store: PitchStore | None, actor: Actor, tab: OpenPitch, wanted: str) -> Outcome:
    """A new session whose page URL names a pitch: open it, or say why the tab has a fresh, empty pitch instead."""
    fresh = "You have a fresh, empty pitch; the Library lists every pitch you can open."
    if store is None:
        return Outcome(tab, (Notice("warning", "This link opens a saved pitch, but saving is off (the sidebar says why), so you "
                                               "have a fresh, empty pitch. Reload the page once the library is back."),))
    if not is_pitch_id(wanted):
        return Outcome(tab, (Notice("warning", f"The link names no pitch ('{wanted[:40]}' is not a pitch id). {fresh}"),))
    try:
        opened, pitch, _ = _reload(store, actor, tab, wanted)
    except PitchNotFound as e:
        where = " Restore it from the bin on the Library page." if e.deleted else ""
        return Outcome(tab, (Notice("warning", f"The pitch in this link cannot be opened: {e}{where} {fresh}"),))
    except StoreError as e:
        return Outcome(tab, (Notice("warning", f"The pitch in this link could not be opened: {e} {fresh}"),))
    return Outcome(opened, (), pitch)


# --- autosave ------------------------------------------------------------------------------------------------


def needs_saving(tab: OpenPitch, pitch: Pitch, now: float) -> bool:
    """Whether ``pitch`` should be saved at ``now``: it differs from what the library holds and no retry window is open."""
    return tab.saved != pitch and now >= tab.retry_at


def save(store: PitchStore | None, actor: Actor, tab: OpenPitch, pitch: Pitch, now: float) -> Outcome:
    """Save ``pitch`` as ``actor``'s next version of the tab's library pitch, or as a new entry; never raises.

    Nothing is written without a library, for a pitch the library already
    holds, or inside a retry window. A stale tab gets the conflict, a pitch
    moved to the bin (or no longer shared) elsewhere is kept as a new entry,
    so is the change of an editor who became a viewer meanwhile; a change to
    a pitch the tab opened for viewing only is refused (``refused``: the
    store said no, nothing is written, the saved pitch is shown again); and
    a failure keeps the previous version and becomes the tab's ``problem``.
    """
    if store is None or not needs_saving(tab, pitch, now):
        return Outcome(tab)
    tab = replace(tab, retry_at=0.0)
    try:
        if tab.id is None:
            record = store.create(actor, pitch)
            return Outcome(replace(tab, id=record.id, version=record.version, name=record.name, can_undo=False, saved=pitch,
                                   conflict=None, problem=None, role=record.role))
        version = store.save(actor, tab.id, pitch, tab.version)
        if version != tab.version:
            tab = replace(tab, version=version, can_undo=True)
        tab = replace(tab, name=_follow_title(store, actor, tab, pitch))
        return Outcome(replace(tab, saved=pitch, conflict=None, problem=None))
    except SaveConflict as c:
        return Outcome(replace(tab, conflict=c, problem=None))
    except AccessDenied as e:
        if tab.read_only:  # a viewer's change (the pages draw no input for it: a crafted one) is refused, not forked
            return refused(tab, e)
        return _keep_as_new(store, actor, tab, pitch, e, now)
    except PitchNotFound as e:
        return _keep_as_new(store, actor, tab, pitch, e, now)
    except Exception as e:  # a failed save keeps the previous version and the app keeps working in memory
        return failed(tab, e, now)


def save_again(store: PitchStore | None, actor: Actor, tab: OpenPitch, pitch: Pitch, now: float) -> Outcome:
    """Try once more to save the tab's pitch (after a failed save), at once, and say "Saved." if it worked."""
    outcome = save(store, actor, replace(tab, saved=None, retry_at=0.0), pitch, now)
    if outcome.tab.problem is None and outcome.tab.conflict is None:
        return replace(outcome, notices=(*outcome.notices, Notice("success", "Saved.")))
    return outcome


def failed(tab: OpenPitch, error: Exception, now: float) -> Outcome:
    """The tab after a save failed: the reason is its problem, and an unreachable library waits ``RETRY_AFTER_S``."""
    if not isinstance(error, StoreError):
        log.error("autosave failed", exc_info=error)
    problem = str(error) if isinstance(error, StoreError) else f"The pitch library failed ({type(error).__name__})."
    if isinstance(error, StoreUnavailable):  # don't make every edit wait for a server that is down: try again in a while
        tab = replace(tab, retry_at=now + RETRY_AFTER_S)
    return Outcome(replace(tab, problem=problem), (Notice("warning", f"Your last change was not saved: {problem}", toast=True),))


def refused(tab: OpenPitch, denied: AccessDenied) -> Outcome:
    """A change the store refused to a pitch the tab may only view: nothing is written, and the tab shows the saved pitch again."""
    return Outcome(tab, (Notice("error", f"Your change was not saved: {denied}"),), tab.saved)


def _follow_title(store: PitchStore, actor: Actor, tab: OpenPitch, pitch: Pitch) -> str:
    """An entry still called "Untitled pitch" takes the pitch's title (or initiative) once it has one."""
    name = pitch.title.strip() or pitch.initiative.name.strip()
    if tab.name != UNTITLED or not name:
        return tab.name
    try:
        return store.rename(actor, tab.id, name).name
    except StoreError:  # only a label: the change itself is saved, and the next save tries again
        log.warning("could not name pitch %s", tab.id)
        return tab.name


def _keep_as_new(store: PitchStore, actor: Actor, tab: OpenPitch, pitch: Pitch, gone: StoreError, now: float) -> Outcome:
    """The open pitch was moved to the bin, removed or unshared elsewhere, or may only be viewed: keep this tab's edit as a new entry."""
    try:
        record = store.save_as_copy(actor, tab.id, pitch)
    except Exception as e:
        return failed(tab, e, now)
    kept = replace(tab, id=record.id, version=record.version, name=record.name, can_undo=False, saved=pitch, role=record.role,
                   conflict=None, problem=None)
    return Outcome(kept, (Notice("warning", f"{gone} Your change is kept as a new pitch, “{record.name}”."),))


# --- history: undo and restore -------------------------------------------------------------------------------


def undo(store: PitchStore | None, actor: Actor, tab: OpenPitch) -> Outcome:
    """Step the open pitch back one change (a new version: nothing is lost)."""
    return _step(store, actor, tab, lambda s, i, v: s.undo(actor, i, based_on_version=v), "Undone")


def restore(store: PitchStore | None, actor: Actor, tab: OpenPitch, version: int) -> Outcome:
    """Make an earlier version of the open pitch the current one again (a new version)."""
    return _step(store, actor, tab, lambda s, i, v: s.restore(actor, i, version, based_on_version=v),
                 f"Version {version} is the current pitch again")


def _step(store: PitchStore | None, actor: Actor, tab: OpenPitch, action: Callable[[PitchStore, str, int | None], int],
          done: str) -> Outcome:
    """Run an undo or restore on the open pitch and show its result (a stale tab gets the conflict choices)."""
    if store is None or tab.id is None:
        return Outcome(tab)
    try:
        action(store, tab.id, tab.version)
        stepped, pitch, _ = _reload(store, actor, tab, tab.id)
    except SaveConflict as c:
        return Outcome(replace(tab, conflict=c))
    except NothingToUndo as e:
        return Outcome(tab, (Notice("info", str(e)),))
    except StoreError as e:
        return Outcome(tab, (Notice("error", f"{done} did not happen: {e}"),))
    return Outcome(stepped, (Notice("success", f"{done}. The history keeps every version, so nothing is lost."),), pitch)


# --- two tabs on one pitch: settling a conflict --------------------------------------------------------------


def keep_mine_as_copy(store: PitchStore | None, actor: Actor, tab: OpenPitch) -> Outcome:
    """Settle the conflict by keeping this tab's edit as a new library entry, open here; the original keeps their changes."""
    c = tab.conflict
    if c is None or store is None:
        return Outcome(tab)
    try:
        record = store.save_as_copy(actor, c.pitch_id, c.mine)
        copy, pitch, _ = _reload(store, actor, tab, record.id)
    except StoreError as e:
        return Outcome(tab, (Notice("error", f"Your edit could not be kept as a copy: {e}"),))
    return Outcome(copy, (Notice("success", f"Your edit is now its own pitch, “{record.name}”, open here. “{c.name}” keeps the other "
                                            "changes; both are in the Library."),), pitch)


def load_theirs_and_reapply(store: PitchStore | None, actor: Actor, tab: OpenPitch) -> Outcome:
    """Settle the conflict by loading the saved version and applying this tab's change on top of it.

    Where both changed the same thing, the saved version is kept there and
    this tab's whole edit is also kept as a copy, so neither is lost.
    """
    c = tab.conflict
    if c is None or store is None:
        return Outcome(tab)
    mine = c.mine  # the tab's latest edit (each edit made during a conflict raises it again with that edit)
    try:
        base, _ = store.load(actor, c.pitch_id, c.based_on_version)
        theirs, current = store.load(actor, c.pitch_id)
        merged = reapply(base, mine, theirs)
        copy = store.save_as_copy(actor, c.pitch_id, mine) if merged.clashes else None
        store.save(actor, c.pitch_id, merged.pitch, current, "Re-applied a change made in another tab")
        settled, pitch, _ = _reload(store, actor, tab, c.pitch_id)
    except SaveConflict as again:  # saved elsewhere once more in between: ask again
        return Outcome(replace(tab, conflict=again))
    except StoreError as e:
        return Outcome(tab, (Notice("error", f"The saved version could not be loaded: {e}"),))
    if copy is None:
        notice = Notice("success", f"Loaded the latest “{c.name}” and applied your change on top of it.")
    else:
        notice = Notice("warning", f"Loaded the latest “{c.name}” and applied your change, except where both tabs changed the same "
                                   f"thing ({', '.join(merged.clashes)}): there the saved version is kept, and your whole edit is "
                                   f"kept as “{copy.name}” in the Library.")
    return Outcome(settled, (notice,), pitch)


def _reload(store: PitchStore, actor: Actor, tab: OpenPitch, pitch_id: str) -> tuple[OpenPitch, Pitch, PitchRecord]:
    """The library pitch ``pitch_id`` as the tab's open pitch (already saved: nothing is written), the pitch and its record."""
    record = store.record(actor, pitch_id)
    pitch, version = store.load(actor, pitch_id)
    return replace(tab, id=pitch_id, version=version, name=record.name, can_undo=record.can_undo, role=record.role, saved=pitch,
                   conflict=None, problem=None), pitch, record
