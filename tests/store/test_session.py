"""What a tab's library state becomes after each save, conflict, undo and restore: ldpitch.store.session against real stores."""

from __future__ import annotations

import pytest

from ldpitch.errors import SaveConflict, StoreError, StoreUnavailable
from ldpitch.pitch.model import Initiative, Pitch
from ldpitch.store import LOCAL, session
from ldpitch.store.session import Notice, OpenPitch

NOW = 1000.0


def named(pitch: Pitch, name: str) -> Pitch:
    return pitch.model_copy(update={"initiative": pitch.initiative.model_copy(update={"name": name})})


@pytest.fixture
def sales(example_pitches):
    return example_pitches["sales_mobile"]


def saved_tab(store, pitch: Pitch) -> OpenPitch:
    """A tab whose pitch is in the library, as after loading an example."""
    outcome = session.save(store, LOCAL, session.start_new(OpenPitch()), pitch, NOW)
    assert outcome.tab.id is not None
    return outcome.tab


def opened_twice(store, pitch: Pitch) -> tuple[OpenPitch, OpenPitch]:
    """Two tabs on the same library pitch (a second tab, a colleague)."""
    record = store.create(LOCAL, pitch)
    first = session.open_pitch(store, LOCAL, OpenPitch(), record.id).tab
    second = session.open_pitch(store, LOCAL, OpenPitch(), record.id).tab
    return first, second


# --- whether to save -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("saved", "now", "retry_at", "expected"), [
    (None, NOW, 0.0, True),               # never saved
    ("same", NOW, 0.0, False),            # the library already holds it
    ("other", NOW, 0.0, True),            # changed since the last save
    ("other", NOW, NOW + 1, False),       # an unreachable library is not tried inside the retry window
    ("other", NOW + 1, NOW + 1, True),    # the window is over
])
def test_a_pitch_is_saved_only_when_it_changed_and_no_retry_window_is_open(sales, saved, now, retry_at, expected):
    held = {None: None, "same": sales, "other": named(sales, "Before")}[saved]
    assert session.needs_saving(OpenPitch(saved=held, retry_at=retry_at), sales, now) is expected


def test_a_fresh_visit_saves_nothing_until_its_pitch_changes(store):
    tab = session.fresh_visit(OpenPitch(), Pitch())
    assert session.save(store, LOCAL, tab, Pitch(), NOW) == session.Outcome(tab)
    assert store.list_pitches(LOCAL) == []


def test_without_a_library_nothing_is_saved_and_nothing_is_said(sales):
    tab = OpenPitch()
    assert session.save(None, LOCAL, tab, sales, NOW) == session.Outcome(tab)


# --- saving --------------------------------------------------------------------------------------------------


def test_the_first_change_creates_a_library_entry_named_after_the_pitch(store, sales):
    outcome = session.save(store, LOCAL, session.start_new(OpenPitch()), sales, NOW)
    tab = outcome.tab
    assert (tab.version, tab.name, tab.can_undo, tab.saved, tab.problem) == (1, sales.title, False, sales, None)
    assert [r.id for r in store.list_pitches(LOCAL)] == [tab.id] and outcome.notices == ()


def test_a_later_change_is_the_next_version_and_can_be_undone(store, sales):
    tab = saved_tab(store, sales)
    edited = named(sales, "Coaching on the road")
    tab = session.save(store, LOCAL, tab, edited, NOW).tab
    assert (tab.version, tab.can_undo, tab.saved) == (2, True, edited)
    assert store.load(LOCAL, tab.id) == (edited, 2)
    assert session.save(store, LOCAL, tab, edited, NOW).tab == tab, "an unchanged pitch is not saved again"


def test_an_untitled_entry_takes_the_pitchs_name_once_it_has_one(store):
    tab = session.save(store, LOCAL, OpenPitch(), Pitch(presenter="Dana"), NOW).tab
    assert tab.name == session.UNTITLED
    tab = session.save(store, LOCAL, tab, Pitch(presenter="Dana", initiative=Initiative(name="Onboarding sprint")), NOW).tab
    assert tab.name == "Onboarding sprint" == store.record(LOCAL, tab.id).name
    tab = session.save(store, LOCAL, tab, Pitch(presenter="Dana", initiative=Initiative(name="Renamed later")), NOW).tab
    assert tab.name == "Onboarding sprint", "only an untitled entry follows the pitch"


def test_a_save_from_a_stale_tab_is_a_conflict_and_overwrites_nothing(store, sales):
    first, second = opened_twice(store, sales)
    first = session.save(store, LOCAL, first, named(sales, "Theirs"), NOW).tab
    mine = named(sales, "Mine")
    outcome = session.save(store, LOCAL, second, mine, NOW)
    c = outcome.tab.conflict
    assert isinstance(c, SaveConflict) and (c.mine, c.current_version) == (mine, 2)
    assert outcome.tab.saved == sales and outcome.tab.version == 1 and outcome.notices == ()
    assert store.load(LOCAL, first.id)[0].initiative.name == "Theirs"


def test_a_pitch_moved_to_the_bin_elsewhere_keeps_the_change_as_a_new_entry(store, sales):
    tab = saved_tab(store, sales)
    store.delete(LOCAL, tab.id)
    edited = named(sales, "Still working on it")
    outcome = session.save(store, LOCAL, tab, edited, NOW)
    kept = outcome.tab
    assert kept.id != tab.id and (kept.version, kept.saved, kept.can_undo) == (1, edited, False)
    assert store.load(LOCAL, kept.id)[0] == edited
    (notice,) = outcome.notices
    assert notice.kind == "warning" and notice.text.endswith(f"Your change is kept as a new pitch, “{kept.name}”.")


@pytest.mark.parametrize(("error", "problem", "waits"), [
    (StoreUnavailable("The library's server does not answer."), "The library's server does not answer.", True),
    (StoreError("database or disk is full"), "database or disk is full", False),
    (RuntimeError("boom"), "The pitch library failed (RuntimeError).", False),
])
def test_a_failed_save_says_why_and_waits_only_for_an_unreachable_library(error, problem, waits):
    outcome = session.failed(OpenPitch(id="k3m9x2p7qa", version=3), error, NOW)
    assert outcome.tab.problem == problem and outcome.tab.version == 3
    assert outcome.tab.retry_at == (NOW + session.RETRY_AFTER_S if waits else 0.0)
    assert outcome.notices == (Notice("warning", f"Your last change was not saved: {problem}", toast=True),)


def test_saving_again_tries_at_once_and_says_saved(store, sales):
    tab = saved_tab(store, sales)
    edited = named(sales, "Not saved yet")
    waiting = session.failed(tab, StoreUnavailable("down"), NOW).tab
    assert session.save(store, LOCAL, waiting, edited, NOW).tab == waiting, "inside the retry window nothing is tried"
    outcome = session.save_again(store, LOCAL, waiting, edited, NOW)
    assert outcome.tab.problem is None and outcome.tab.version == 2 and outcome.notices == (Notice("success", "Saved."),)


def test_saving_again_into_a_conflict_does_not_say_saved(store, sales):
    first, second = opened_twice(store, sales)
    session.save(store, LOCAL, first, named(sales, "Theirs"), NOW)
    outcome = session.save_again(store, LOCAL, second, named(sales, "Mine"), NOW)
    assert outcome.tab.conflict is not None and outcome.notices == ()


# --- opening -------------------------------------------------------------------------------------------------


def test_opening_a_library_pitch_shows_it_and_says_which_version(store, sales):
    record = store.create(LOCAL, sales)
    outcome = session.open_pitch(store, LOCAL, OpenPitch(problem="old"), record.id)
    assert outcome.shown == sales and outcome.tab == OpenPitch(id=record.id, version=1, name=record.name, saved=sales)
    assert outcome.notices == (Notice("success", f"Opened “{record.name}” (version 1)."),)


def test_a_pitch_that_cannot_be_opened_is_explained_and_the_tab_keeps_its_own(store):
    tab = OpenPitch(saved=Pitch())
    outcome = session.open_pitch(store, LOCAL, tab, "k3m9x2p7qa")
    assert outcome.tab == tab and outcome.shown is None
    assert outcome.notices[0].kind == "error" and outcome.notices[0].text.startswith("That pitch could not be opened: ")


@pytest.mark.parametrize(("link", "says"), [
    ("k3m9x2p7qa", "The pitch in this link cannot be opened: "),
    ("'; drop table--", "The link names no pitch (''; drop table--' is not a pitch id)."),
])
def test_a_link_that_names_no_library_pitch_gives_a_fresh_pitch_and_says_why(store, link, says):
    tab = session.fresh_visit(OpenPitch(), Pitch())
    outcome = session.open_from_link(store, LOCAL, tab, link)
    assert outcome.tab == tab and outcome.shown is None
    (notice,) = outcome.notices
    assert notice.kind == "warning" and notice.text.startswith(says) and "fresh, empty pitch" in notice.text


def test_a_link_to_a_pitch_in_the_bin_says_how_to_get_it_back(store, sales):
    record = store.create(LOCAL, sales)
    store.delete(LOCAL, record.id)
    (notice,) = session.open_from_link(store, LOCAL, OpenPitch(), record.id).notices
    assert "Restore it from the bin on the Library page." in notice.text


def test_a_link_opens_its_pitch_quietly(store, sales):
    record = store.create(LOCAL, sales)
    outcome = session.open_from_link(store, LOCAL, session.fresh_visit(OpenPitch(), Pitch()), record.id)
    assert outcome.shown == sales and outcome.tab.id == record.id and outcome.notices == ()


def test_a_link_without_a_library_says_saving_is_off(sales):
    (notice,) = session.open_from_link(None, LOCAL, OpenPitch(), "k3m9x2p7qa").notices
    assert "saving is off" in notice.text and notice.kind == "warning"


def test_a_new_pitch_or_a_forgotten_one_starts_a_fresh_entry_and_keeps_the_retry_window(sales):
    tab = OpenPitch(id="k3m9x2p7qa", version=4, name="Old", can_undo=True, saved=sales, problem="down", retry_at=NOW)
    assert session.start_new(tab) == OpenPitch(retry_at=NOW)
    assert session.forget(tab) == OpenPitch(saved=Pitch(), retry_at=NOW)


def test_renaming_the_open_pitch_renames_the_tabs_label_only(store, sales):
    tab = saved_tab(store, sales)
    other = store.create(LOCAL, sales)
    assert session.renamed(tab, store.rename(LOCAL, other.id, "Someone else's")) == tab
    assert session.renamed(tab, store.rename(LOCAL, tab.id, "Q3 pitch")).name == "Q3 pitch"


# --- undo and restore ----------------------------------------------------------------------------------------


def test_undo_steps_back_one_change_as_a_new_version_until_nothing_is_left(store, sales):
    tab = saved_tab(store, sales)
    tab = session.save(store, LOCAL, tab, named(sales, "First"), NOW).tab
    outcome = session.undo(store, LOCAL, tab)
    assert outcome.shown == sales and outcome.tab.version == 3 and not outcome.tab.can_undo
    assert outcome.notices == (Notice("success", "Undone. The history keeps every version, so nothing is lost."),)
    again = session.undo(store, LOCAL, outcome.tab)
    assert again.tab == outcome.tab and again.shown is None
    assert again.notices[0].kind == "info" and again.notices[0].text.startswith("Nothing to undo")


def test_restore_makes_an_earlier_version_current_again(store, sales):
    tab = saved_tab(store, sales)
    for name in ("First", "Second"):
        tab = session.save(store, LOCAL, tab, named(sales, name), NOW).tab
    outcome = session.restore(store, LOCAL, tab, 2)
    assert outcome.shown.initiative.name == "First" and outcome.tab.version == 4
    assert outcome.notices == (Notice("success", "Version 2 is the current pitch again. The history keeps every version, "
                                                 "so nothing is lost."),)


def test_undo_in_a_stale_tab_is_a_conflict(store, sales):
    first, second = opened_twice(store, sales)
    session.save(store, LOCAL, first, named(sales, "Theirs"), NOW)
    outcome = session.undo(store, LOCAL, second)
    assert outcome.tab.conflict is not None and outcome.shown is None and outcome.notices == ()


def test_undo_without_an_open_library_pitch_does_nothing(store, sales):
    tab = OpenPitch(saved=sales)
    assert session.undo(store, LOCAL, tab) == session.Outcome(tab) == session.undo(None, LOCAL, tab)


# --- settling a conflict -------------------------------------------------------------------------------------


def conflicted(store, sales, theirs: Pitch, mine: Pitch) -> tuple[OpenPitch, str]:
    first, second = opened_twice(store, sales)
    session.save(store, LOCAL, first, theirs, NOW)
    return session.save(store, LOCAL, second, mine, NOW).tab, first.id


def test_keeping_mine_as_a_copy_opens_the_copy_and_leaves_theirs(store, sales):
    mine = named(sales, "Mine")
    tab, pitch_id = conflicted(store, sales, named(sales, "Theirs"), mine)
    outcome = session.keep_mine_as_copy(store, LOCAL, tab)
    copy = outcome.tab
    assert copy.id != pitch_id and copy.conflict is None and outcome.shown == mine and copy.name.endswith("(your edit)")
    assert store.load(LOCAL, pitch_id)[0].initiative.name == "Theirs"
    assert outcome.notices == (Notice("success", f"Your edit is now its own pitch, “{copy.name}”, open here. “{sales.title}” keeps "
                                                 "the other changes; both are in the Library."),)


def test_loading_theirs_reapplies_mine_when_they_changed_other_things(store, sales):
    tab, pitch_id = conflicted(store, sales, named(sales, "Theirs"), sales.model_copy(update={"presenter": "Chief revenue officer"}))
    outcome = session.load_theirs_and_reapply(store, LOCAL, tab)
    pitch, version = store.load(LOCAL, pitch_id)
    assert (pitch.initiative.name, pitch.presenter) == ("Theirs", "Chief revenue officer")
    assert outcome.shown == pitch and outcome.tab.version == version == 3 and outcome.tab.conflict is None
    assert outcome.notices == (Notice("success", f"Loaded the latest “{sales.title}” and applied your change on top of it."),)
    assert len(store.list_pitches(LOCAL)) == 1


def test_loading_theirs_when_both_changed_the_same_thing_keeps_mine_as_a_copy(store, sales):
    tab, pitch_id = conflicted(store, sales, named(sales, "Theirs"), named(sales, "Mine"))
    outcome = session.load_theirs_and_reapply(store, LOCAL, tab)
    assert store.load(LOCAL, pitch_id)[0].initiative.name == "Theirs" and outcome.shown.initiative.name == "Theirs"
    (copy,) = [r for r in store.list_pitches(LOCAL) if r.id != pitch_id]
    assert store.load(LOCAL, copy.id)[0].initiative.name == "Mine"
    (notice,) = outcome.notices
    assert notice.kind == "warning" and "(Initiative: name)" in notice.text and f"kept as “{copy.name}”" in notice.text


def test_settling_without_a_conflict_does_nothing(store, sales):
    tab = OpenPitch(saved=sales)
    for settle in (session.keep_mine_as_copy, session.load_theirs_and_reapply):
        assert settle(store, LOCAL, tab) == session.Outcome(tab)


def test_settling_a_conflict_on_a_pitch_gone_to_the_bin_is_explained(store, sales):
    tab, pitch_id = conflicted(store, sales, named(sales, "Theirs"), named(sales, "Mine"))
    store.delete(LOCAL, pitch_id)
    outcome = session.load_theirs_and_reapply(store, LOCAL, tab)
    assert outcome.tab == tab and outcome.notices[0].kind == "error"
    assert outcome.notices[0].text.startswith("The saved version could not be loaded: ")
