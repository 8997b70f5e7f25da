"""The pitch library's behaviour, on a real SQLite file and a real PostgreSQL server alike."""

from __future__ import annotations

import io
import threading
import zipfile
from datetime import UTC
from urllib.parse import quote

import pytest

from ldpitch.engine.evaluation import evaluate
from ldpitch.errors import NothingToUndo, PitchFileError, PitchNotFound, SaveConflict, StoreError
from ldpitch.pitch.files import dump_pitch, load_pitch
from ldpitch.store import LOCAL
from ldpitch.store.records import ID_ALPHABET, is_pitch_id


@pytest.fixture
def pitch(example_pitches):
    return example_pitches["onboarding"]


def retitled(pitch, title):
    return pitch.model_copy(update={"title": title})


def test_a_created_pitch_loads_back_unchanged_as_version_1(store, pitch):
    record = store.create(LOCAL, pitch)
    loaded, version = store.load(LOCAL, record.id)
    assert (record.version, version) == (1, 1)
    assert loaded == pitch
    assert dump_pitch(loaded) == dump_pitch(pitch)
    assert record.name == pitch.title


def test_a_new_pitch_takes_the_given_name_or_its_title_or_its_initiative(store, pitch, make_pitch):
    assert store.create(LOCAL, pitch, name="  Board  pitch ").name == "Board pitch"
    assert store.create(LOCAL, make_pitch(initiative={"name": "Coaching"})).name == "Coaching"
    assert store.create(LOCAL, make_pitch()).name == "Untitled pitch"


def test_pitch_ids_are_short_and_travel_unchanged_in_a_url(store, pitch):
    ids = {store.create(LOCAL, pitch).id for _ in range(20)}
    assert len(ids) == 20
    for pitch_id in ids:
        assert len(pitch_id) == 10 and set(pitch_id) <= set(ID_ALPHABET)
        assert quote(pitch_id, safe="") == pitch_id
        assert is_pitch_id(pitch_id)


def test_save_adds_the_next_version_and_history_describes_it(store, pitch):
    record = store.create(LOCAL, pitch)
    assert store.save(LOCAL, record.id, retitled(pitch, "Faster ramp-up"), based_on_version=1) == 2
    assert store.save(LOCAL, record.id, retitled(pitch, "Faster ramp-up, cheaper"), 2, "Shorter title") == 3
    history = store.history(LOCAL, record.id)
    assert [(h.version, h.summary, h.kind) for h in history] == [
        (3, "Shorter title", "edit"), (2, "Pitch: title changed", "edit"), (1, "Created", "created")]
    assert history[0].saved_at >= history[1].saved_at >= history[2].saved_at
    assert all(h.saved_at.tzinfo is UTC for h in history)
    assert store.load(LOCAL, record.id)[0].title == "Faster ramp-up, cheaper"
    assert store.load(LOCAL, record.id, version=2) == (retitled(pitch, "Faster ramp-up"), 2)


def test_saving_what_is_already_saved_writes_no_new_version(store, pitch):
    record = store.create(LOCAL, pitch)
    assert store.save(LOCAL, record.id, pitch, based_on_version=1) == 1
    assert len(store.history(LOCAL, record.id)) == 1


def test_a_stale_save_raises_a_conflict_that_carries_both_edits(store, pitch):
    record = store.create(LOCAL, pitch)
    tab_a, tab_b = retitled(pitch, "Tab A's title"), pitch.model_copy(update={"presenter": "Tab B"})
    assert store.save(LOCAL, record.id, tab_a, based_on_version=1) == 2
    with pytest.raises(SaveConflict) as caught:
        store.save(LOCAL, record.id, tab_b, based_on_version=1)
    conflict = caught.value
    assert (conflict.based_on_version, conflict.current_version) == (1, 2)
    assert conflict.mine == tab_b and conflict.theirs == tab_a
    assert conflict.their_changes == ["Pitch: title changed"]
    assert "changed elsewhere" in str(conflict) and "version 2" in str(conflict)
    # Nothing was overwritten.
    assert store.load(LOCAL, record.id) == (tab_a, 2)
    assert len(store.history(LOCAL, record.id)) == 2


def test_the_losing_edit_can_be_kept_as_a_copy(store, pitch):
    record = store.create(LOCAL, pitch, name="Onboarding")
    store.save(LOCAL, record.id, retitled(pitch, "A"), 1)
    mine = retitled(pitch, "B")
    with pytest.raises(SaveConflict) as caught:
        store.save(LOCAL, record.id, mine, 1)
    copy = store.save_as_copy(LOCAL, caught.value.pitch_id, caught.value.mine)
    assert copy.id != record.id and copy.name == "Onboarding (your edit)"
    assert store.load(LOCAL, copy.id) == (mine, 1)
    assert store.load(LOCAL, record.id)[0].title == "A"
    assert "changed elsewhere" in store.history(LOCAL, copy.id)[0].summary


def test_the_losing_edit_can_be_saved_on_top_and_theirs_stays_in_the_history(store, pitch):
    record = store.create(LOCAL, pitch)
    theirs, mine = retitled(pitch, "Theirs"), retitled(pitch, "Mine")
    store.save(LOCAL, record.id, theirs, 1)
    with pytest.raises(SaveConflict) as caught:
        store.save(LOCAL, record.id, mine, 1)
    assert store.save(LOCAL, record.id, caught.value.mine, based_on_version=caught.value.current_version) == 3
    assert store.load(LOCAL, record.id) == (mine, 3)
    assert store.load(LOCAL, record.id, 2) == (theirs, 2)


def test_two_tabs_editing_the_same_pitch_never_silently_overwrite_each_other(backend, pitch):
    # Two app sessions (here: two processes' worth of stores) each autosave their own edits.
    with backend.open() as first, backend.open() as second:
        record = first.create(LOCAL, pitch)
        tab_a = {"pitch": pitch, "version": 1}
        tab_b = {"pitch": pitch, "version": 1}
        tab_a["version"] = first.save(LOCAL, record.id, retitled(pitch, "A1"), tab_a["version"])
        with pytest.raises(SaveConflict):
            second.save(LOCAL, record.id, retitled(pitch, "B1"), tab_b["version"])
        tab_a["version"] = first.save(LOCAL, record.id, retitled(pitch, "A2"), tab_a["version"])
        assert [h.summary for h in second.history(LOCAL, record.id)].count("Pitch: title changed") == 2
        assert second.load(LOCAL, record.id)[0].title == "A2"


def test_concurrent_saves_from_one_version_let_exactly_one_win(store, pitch):
    record = store.create(LOCAL, pitch)
    outcomes: list[object] = []
    barrier = threading.Barrier(6)

    def save(n):
        barrier.wait()
        try:
            outcomes.append(store.save(LOCAL, record.id, retitled(pitch, f"writer {n}"), based_on_version=1))
        except SaveConflict as e:
            outcomes.append(e)

    threads = [threading.Thread(target=save, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes.count(2) == 1
    assert sum(isinstance(o, SaveConflict) for o in outcomes) == 5
    assert [h.version for h in store.history(LOCAL, record.id)] == [2, 1]


def test_restore_makes_an_old_version_current_as_a_new_version(store, pitch):
    record = store.create(LOCAL, pitch)
    store.save(LOCAL, record.id, retitled(pitch, "Two"), 1)
    store.save(LOCAL, record.id, retitled(pitch, "Three"), 2)
    assert store.restore(LOCAL, record.id, 1) == 4
    assert store.load(LOCAL, record.id) == (pitch, 4)
    assert store.history(LOCAL, record.id)[0].summary == "Restored version 1"
    assert [h.version for h in store.history(LOCAL, record.id)] == [4, 3, 2, 1]


def test_restore_from_a_stale_tab_is_a_conflict(store, pitch):
    record = store.create(LOCAL, pitch)
    store.save(LOCAL, record.id, retitled(pitch, "Two"), 1)
    with pytest.raises(SaveConflict) as caught:
        store.restore(LOCAL, record.id, 1, based_on_version=1)
    assert caught.value.mine == pitch and caught.value.current_version == 2


def test_undo_steps_back_one_change_at_a_time_until_the_start(store, pitch):
    record = store.create(LOCAL, pitch)
    store.save(LOCAL, record.id, retitled(pitch, "Two"), 1)
    store.save(LOCAL, record.id, retitled(pitch, "Three"), 2)
    assert store.undo(LOCAL, record.id) == 4
    assert store.load(LOCAL, record.id)[0].title == "Two"
    assert store.history(LOCAL, record.id)[0].summary == "Undo: Pitch: title changed"
    assert store.undo(LOCAL, record.id) == 5
    assert store.load(LOCAL, record.id)[0] == pitch
    assert store.record(LOCAL, record.id).can_undo is False
    with pytest.raises(NothingToUndo, match="Nothing to undo"):
        store.undo(LOCAL, record.id)
    assert [h.kind for h in store.history(LOCAL, record.id)] == ["undo", "undo", "edit", "edit", "created"]


def test_undo_after_a_restore_goes_back_to_before_the_restore(store, pitch):
    record = store.create(LOCAL, pitch)
    store.save(LOCAL, record.id, retitled(pitch, "Two"), 1)
    store.restore(LOCAL, record.id, 1)
    store.undo(LOCAL, record.id)
    assert store.load(LOCAL, record.id)[0].title == "Two"


def test_undo_from_a_stale_tab_is_a_conflict(store, pitch):
    record = store.create(LOCAL, pitch)
    store.save(LOCAL, record.id, retitled(pitch, "Two"), 1)
    store.save(LOCAL, record.id, retitled(pitch, "Three"), 2)
    with pytest.raises(SaveConflict) as caught:
        store.undo(LOCAL, record.id, based_on_version=2)
    assert caught.value.mine == pitch and store.load(LOCAL, record.id)[1] == 3


def test_rename_changes_the_name_but_not_the_pitch(store, pitch):
    record = store.create(LOCAL, pitch)
    renamed = store.rename(LOCAL, record.id, "For the CFO")
    assert (renamed.name, renamed.version) == ("For the CFO", 1)
    assert store.list_pitches(LOCAL)[0].name == "For the CFO"
    with pytest.raises(StoreError, match="needs a name"):
        store.rename(LOCAL, record.id, "   ")


def test_duplicate_copies_the_current_version_with_a_fresh_history(store, pitch):
    record = store.create(LOCAL, pitch, name="Onboarding")
    store.save(LOCAL, record.id, retitled(pitch, "Two"), 1)
    copy = store.duplicate(LOCAL, record.id)
    assert copy.name == "Onboarding (copy)" and copy.version == 1
    assert store.load(LOCAL, copy.id)[0].title == "Two"
    store.save(LOCAL, copy.id, retitled(pitch, "Copy edited"), 1)
    assert store.load(LOCAL, record.id)[0].title == "Two"
    assert store.duplicate(LOCAL, record.id, "Variant").name == "Variant"


def test_a_deleted_pitch_goes_to_the_bin_and_can_come_back(store, pitch):
    keep, gone = store.create(LOCAL, pitch, name="Keep"), store.create(LOCAL, pitch, name="Gone")
    store.save(LOCAL, gone.id, retitled(pitch, "Two"), 1)
    store.delete(LOCAL, gone.id)
    assert [row.name for row in store.list_pitches(LOCAL)] == ["Keep"]
    assert [row.name for row in store.list_pitches(LOCAL, deleted=True)] == ["Gone"]
    with pytest.raises(PitchNotFound, match="in the bin") as caught:
        store.load(LOCAL, gone.id)
    assert caught.value.deleted
    with pytest.raises(PitchNotFound):
        store.save(LOCAL, gone.id, pitch, 2)
    back = store.restore_deleted(LOCAL, gone.id)
    assert back.deleted_at is None and back.version == 2
    assert store.load(LOCAL, gone.id)[0].title == "Two"
    assert {row.name for row in store.list_pitches(LOCAL)} == {"Keep", "Gone"}
    assert keep.id in {row.id for row in store.list_pitches(LOCAL)}


def test_purge_removes_a_binned_pitch_for_good_and_only_from_the_bin(store, pitch):
    record = store.create(LOCAL, pitch)
    with pytest.raises(StoreError, match="not in the bin"):
        store.purge(LOCAL, record.id)
    store.delete(LOCAL, record.id)
    store.purge(LOCAL, record.id)
    with pytest.raises(PitchNotFound, match="no pitch with id"):
        store.record(LOCAL, record.id)
    assert store.list_pitches(LOCAL, deleted=True) == []


@pytest.mark.parametrize("bad_id", ["nosuchpitch", "", "a b", "x" * 40, "../etc", "'; drop table ldpitch_pitches;--"])
def test_an_unknown_or_malformed_id_is_not_found(store, bad_id):
    with pytest.raises(PitchNotFound):
        store.load(LOCAL, bad_id)


def test_a_missing_version_is_not_found(store, pitch):
    record = store.create(LOCAL, pitch)
    with pytest.raises(PitchNotFound, match="no version 7"):
        store.load(LOCAL, record.id, version=7)


def test_the_list_shows_names_audience_and_the_roi_saved_with_the_pitch(store, example_pitches):
    for name, example in example_pitches.items():
        store.create(LOCAL, example, name=name)
    rows = {row.name: row for row in store.list_pitches(LOCAL)}
    assert set(rows) == set(example_pitches)
    for name, example in example_pitches.items():
        row = rows[name]
        assert row.initiative_name == example.initiative.name
        assert row.primary_audience == example.primary_audience
        assert row.currency == example.currency
        assert row.roi_percent == evaluate(example).roi_percent


def test_the_list_is_most_recently_changed_first_and_follows_saves(store, pitch, make_pitch):
    first, second = store.create(LOCAL, pitch, name="first"), store.create(LOCAL, pitch, name="second")
    assert [r.name for r in store.list_pitches(LOCAL)] == ["second", "first"]
    store.save(LOCAL, first.id, make_pitch(title="No money yet"), 1)
    rows = store.list_pitches(LOCAL)
    assert [r.name for r in rows] == ["first", "second"]
    assert rows[0].roi_percent is None and rows[0].roi_note
    assert rows[0].version == 2 and second.id == rows[1].id


def test_import_adds_a_pitch_file_and_rejects_what_is_not_one(store, pitch):
    record = store.import_pitch(LOCAL, dump_pitch(pitch))
    assert store.load(LOCAL, record.id) == (pitch, 1)
    assert store.history(LOCAL, record.id)[0].kind == "import"
    with pytest.raises(PitchFileError):
        store.import_pitch(LOCAL, b"not json")
    assert len(store.list_pitches(LOCAL)) == 1


def test_export_all_is_a_zip_of_pitch_files_without_the_bin(store, example_pitches):
    ids = {name: store.create(LOCAL, p, name=name).id for name, p in example_pitches.items()}
    store.delete(LOCAL, ids["production"])
    with zipfile.ZipFile(io.BytesIO(store.export_all(LOCAL))) as archive:
        names = archive.namelist()
        assert sorted(names) == sorted(f"{n.replace('_', '-')}-{ids[n]}.json" for n in ids if n != "production")
        for name in ids:
            if name != "production":
                data = archive.read(f"{name.replace('_', '-')}-{ids[name]}.json")
                assert load_pitch(data) == example_pitches[name]


def test_a_change_is_described_alike_whether_or_not_this_store_wrote_the_version_it_replaces(backend, pitch):
    # The store that wrote version 1 describes the change from the pitch it remembers; another one reads version 1 back.
    with backend.open() as writer, backend.open() as other:
        first, second = writer.create(LOCAL, pitch), writer.create(LOCAL, pitch)
        writer.save(LOCAL, first.id, retitled(pitch, "Two"), 1)
        other.save(LOCAL, second.id, retitled(pitch, "Two"), 1)
        assert writer.history(LOCAL, first.id)[0].summary == other.history(LOCAL, second.id)[0].summary == "Pitch: title changed"


def test_everything_is_still_there_after_the_app_restarts(backend, pitch):
    with backend.open() as before:
        record = before.create(LOCAL, pitch)
        before.save(LOCAL, record.id, retitled(pitch, "Two"), 1)
    with backend.open() as after:
        assert after.load(LOCAL, record.id) == (retitled(pitch, "Two"), 2)
        assert len(after.history(LOCAL, record.id)) == 2
