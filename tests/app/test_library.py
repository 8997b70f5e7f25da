"""The pitch library in the app: autosave with history, the pitch's id in the URL, undo and restore, two tabs, the Library page.

Each test keeps its library in its own temporary folder (``LDPITCH_DATA_DIR``),
so the app opens a store of its own there (the store is cached per folder).
"""

from __future__ import annotations

import sqlite3

import pytest
from apptest_support import APP, problems
from streamlit.testing.v1 import AppTest

from ldpitch.pitch import examples
from ldpitch.pitch.files import dump_pitch
from ldpitch.pitch.model import Pitch
from ldpitch.store import LOCAL
from ldpitch.store.database import LIBRARY_FILE
from ldpitch.store.library import open_store

NAME = "initiative.name"


@pytest.fixture
def library(data_dir):
    """The same library, opened directly, to check what the app saved."""
    with open_store(data_dir=data_dir) as store:
        yield store



def session(pitch_id: str | None = None, page: str | None = None) -> AppTest:
    """A new browser session (a refresh, a bookmark, a second tab), opened with ``?pitch=<id>`` if given."""
    at = AppTest.from_file(APP, default_timeout=30)
    if pitch_id is not None:
        at.query_params["pitch"] = pitch_id
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, problems(at)
    return at


def with_example(name: str = "sales_mobile", page: str | None = None) -> AppTest:
    at = session()
    at.button(key=f"start.example.{name}").click().run()
    if page:
        at.switch_page(page).run()
    return at


def type_name(at: AppTest, text: str) -> AppTest:
    """Type the initiative's name on the Initiative page, the way a user changes the pitch."""
    if not any(w.key == NAME for w in at.text_input):
        at.switch_page("pages/initiative.py").run()
    at.text_input(key=NAME).set_value(text).run()
    assert not problems(at), problems(at)
    return at


def tab(at: AppTest):
    """What the session has open in the library (ldpitch.store.session.OpenPitch)."""
    return at.session_state["library.open"]


def open_id(at: AppTest) -> str:
    return tab(at).id


def texts(at: AppTest, kind: str) -> str:
    return " ".join(str(e.value) for e in getattr(at, kind))


# --- autosave and the URL ------------------------------------------------------------------------------------


def test_loading_an_example_creates_a_library_entry_named_in_the_url(library):
    at = with_example("production")
    rows = library.list_pitches(LOCAL)
    assert [r.id for r in rows] == [open_id(at)] and at.query_params["pitch"] == open_id(at)
    assert rows[0].name == examples.load("production").title
    assert "saved · version 1" in texts(at.sidebar, "caption")


def test_a_fresh_visit_saves_nothing_until_the_first_change(library):
    at = session()
    assert library.list_pitches(LOCAL) == [] and "pitch" not in at.query_params
    type_name(at, "Sales coaching")
    rows = library.list_pitches(LOCAL)
    assert len(rows) == 1 and rows[0].name == "Sales coaching" and at.query_params["pitch"] == rows[0].id


def test_every_change_is_a_new_version_and_a_new_session_with_the_id_sees_it(library):
    at = type_name(with_example(), "Coaching on the road")
    pitch_id = open_id(at)
    assert tab(at).version == 2
    assert library.history(LOCAL, pitch_id)[0].summary == "Initiative: name changed"
    again = session(pitch_id, page="pages/initiative.py")  # a refresh, a bookmark or a second tab
    assert again.text_input(key=NAME).value == "Coaching on the road"
    assert again.session_state["pitch"] == at.session_state["pitch"]


def test_the_url_keeps_naming_the_pitch_on_every_page(library):
    at = with_example()
    pitch_id = open_id(at)
    for page in ["pages/library.py", "pages/initiative.py", "pages/budget.py", "pages/export.py", "pages/start.py"]:
        at.switch_page(page).run()
        assert at.query_params.get("pitch") == pitch_id, page


def test_a_table_edit_is_saved_too(library):
    at = with_example(page="pages/budget.py")
    at.session_state["budget.costs"] = {"edited_rows": {0: {"Amount": "$300,000"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    pitch, version = library.load(LOCAL, open_id(at))
    assert version == 2 and pitch.costs[0].amount == 300_000
    assert "cost" in library.history(LOCAL, open_id(at))[0].summary


def test_a_new_pitch_is_a_new_entry_and_takes_its_name_once_it_has_one(library):
    at = with_example()
    first = open_id(at)
    at.button(key="start.new").click().run()
    second = open_id(at)
    assert second != first and at.query_params["pitch"] == second
    assert library.record(LOCAL, second).name == "Untitled pitch"
    type_name(at, "Onboarding sprint")
    assert library.record(LOCAL, second).name == "Onboarding sprint"
    assert library.load(LOCAL, first)[0] == examples.load("sales_mobile"), "the example's entry is untouched"


@pytest.mark.parametrize(("link", "says"), [
    ("k3m9x2p7qa", "no pitch with id 'k3m9x2p7qa'"),
    ("'; drop table--", "is not a pitch id"),
])
def test_an_unknown_id_in_the_link_gives_a_fresh_pitch_and_says_why(library, link, says):
    at = session(link)
    assert says in texts(at, "warning") and "fresh, empty pitch" in texts(at, "warning")
    assert at.session_state["pitch"] == Pitch()
    assert "pitch" not in at.query_params
    assert not at.exception


def test_a_link_to_a_pitch_in_the_bin_says_how_to_get_it_back(library):
    record = library.create(LOCAL, examples.load("onboarding"))
    library.delete(LOCAL, record.id)
    at = session(record.id)
    assert "in the bin" in texts(at, "warning") and "Restore it from the bin" in texts(at, "warning")
    assert at.session_state["pitch"].title == ""


# --- history, undo, restore ----------------------------------------------------------------------------------


def test_undo_steps_back_one_change(library):
    at = type_name(type_name(with_example(), "First"), "Second")
    at.button(key="library.undo").click().run()
    assert at.text_input(key=NAME).value == "First"
    at.button(key="library.undo").click().run()
    assert at.text_input(key=NAME).value == examples.load("sales_mobile").initiative.name
    assert tab(at).version == 5, "undoing adds versions: nothing is lost"
    assert at.button(key="library.undo").disabled, "back at the start of the history"
    assert library.load(LOCAL, open_id(at))[0] == examples.load("sales_mobile")


def test_an_older_version_can_be_seen_and_restored_on_the_library_page(library):
    at = type_name(type_name(with_example(), "First"), "Second")
    at.switch_page("pages/library.py").run()
    history = at.dataframe[0].value
    assert list(history["Version"]) == [3, 2, 1]
    assert list(history["What changed"]) == ["Initiative: name changed", "Initiative: name changed", "Created"]
    assert set(history["When"]) == {"just now"}
    at.selectbox(key="library.restore.version").set_value(2).run()
    at.button(key="library.restore").click().run()
    assert "Version 2 is the current pitch again" in texts(at, "success")
    assert at.session_state["pitch"].initiative.name == "First"
    assert library.history(LOCAL, open_id(at))[0].summary == "Restored version 2"
    at.switch_page("pages/initiative.py").run()
    assert at.text_input(key=NAME).value == "First", "the fields show the restored pitch"


# --- two tabs on one pitch -----------------------------------------------------------------------------------


def two_tabs(library):
    record = library.create(LOCAL, examples.load("sales_mobile"))
    return session(record.id, "pages/initiative.py"), session(record.id, "pages/initiative.py"), record.id


def test_a_later_save_from_a_stale_tab_is_not_written_over_the_other_and_can_be_kept_as_a_copy(library):
    first, second, pitch_id = two_tabs(library)
    type_name(first, "Edited in the first tab")
    type_name(second, "Edited in the second tab")
    banner = texts(second, "warning")
    assert "was changed in another tab" in banner and "Initiative: name changed" in banner
    assert library.load(LOCAL, pitch_id)[0].initiative.name == "Edited in the first tab", "nothing was overwritten"
    second.button(key="library.conflict.copy").click().run()
    copy = open_id(second)
    assert copy != pitch_id and second.query_params["pitch"] == copy
    assert library.load(LOCAL, copy)[0].initiative.name == "Edited in the second tab"
    assert library.record(LOCAL, copy).name.endswith("(your edit)")
    assert library.load(LOCAL, pitch_id)[0].initiative.name == "Edited in the first tab"
    assert tab(second).conflict is None and "was changed in another tab" not in texts(second, "warning")


def test_load_theirs_and_reapply_keeps_both_changes(library):
    first, second, pitch_id = two_tabs(library)
    type_name(first, "Edited in the first tab")
    second.text_input(key="presenter").set_value("Chief revenue officer").run()
    assert tab(second).conflict is not None
    second.button(key="library.conflict.reapply").click().run()
    pitch, version = library.load(LOCAL, pitch_id)
    assert (pitch.initiative.name, pitch.presenter) == ("Edited in the first tab", "Chief revenue officer")
    assert second.session_state["pitch"] == pitch and tab(second).version == version == 3
    assert second.text_input(key=NAME).value == "Edited in the first tab"
    assert len(library.list_pitches(LOCAL)) == 1, "no copy needed: the changes did not overlap"


def test_load_theirs_when_both_changed_the_same_thing_keeps_mine_as_a_copy(library):
    first, second, pitch_id = two_tabs(library)
    type_name(first, "Theirs")
    type_name(second, "Mine")
    second.button(key="library.conflict.reapply").click().run()
    assert library.load(LOCAL, pitch_id)[0].initiative.name == "Theirs"
    copies = [r for r in library.list_pitches(LOCAL) if r.id != pitch_id]
    assert len(copies) == 1 and library.load(LOCAL, copies[0].id)[0].initiative.name == "Mine"
    assert "Initiative: name" in texts(second, "warning")


# --- when the library cannot be used ------------------------------------------------------------------------


def test_an_unavailable_library_turns_saving_off_and_the_app_works_in_memory(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("LDPITCH_DATA_DIR", str(blocker / "data"))
    at = with_example("onboarding")
    status = texts(at.sidebar, "warning")
    assert "Saving is off" in status and "a-file" in status and not at.exception
    assert len(at.sidebar.warning) == 1, "said once"
    type_name(at, "Works in memory")
    at.switch_page("pages/budget.py").run()
    assert not problems(at) and at.session_state["pitch"].initiative.name == "Works in memory"
    at.switch_page("pages/library.py").run()
    assert "cannot be used right now" in texts(at, "warning") and not at.exception


def test_a_failed_save_keeps_the_previous_version_says_so_and_can_be_tried_again(library, data_dir):
    at = with_example()
    pitch_id = open_id(at)
    with sqlite3.connect(data_dir / LIBRARY_FILE) as db:  # the disk fills up: every new version is refused
        db.execute("CREATE TRIGGER full BEFORE INSERT ON ldpitch_versions BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END")
    type_name(at, "Not saved yet")
    assert "not saved" in texts(at.sidebar, "warning") and "full" in texts(at.sidebar, "warning")
    assert [t.value for t in at.toast] and "not saved" in at.toast[0].value
    assert library.load(LOCAL, pitch_id) == (examples.load("sales_mobile"), 1), "the previous version is intact"
    at.switch_page("pages/budget.py").run()
    assert not problems(at) and at.session_state["pitch"].initiative.name == "Not saved yet"
    with sqlite3.connect(data_dir / LIBRARY_FILE) as db:
        db.execute("DROP TRIGGER full")
    at.button(key="library.save_again").click().run()
    assert library.load(LOCAL, pitch_id)[0].initiative.name == "Not saved yet"
    assert not at.sidebar.warning


def test_an_unreachable_library_is_not_tried_on_every_edit_until_asked(library, data_dir):
    at = with_example()
    pitch_id = open_id(at)
    with sqlite3.connect(data_dir / LIBRARY_FILE) as db:  # the disk fails: the library counts as unreachable
        db.execute("CREATE TRIGGER failing BEFORE INSERT ON ldpitch_versions BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END")
    type_name(at, "First try")
    with sqlite3.connect(data_dir / LIBRARY_FILE) as db:
        db.execute("DROP TRIGGER failing")
    type_name(at, "Not tried for a while")
    assert library.load(LOCAL, pitch_id)[1] == 1, "no save is tried while the library counts as unreachable"
    assert "input/output error" in texts(at.sidebar, "warning")
    at.button(key="library.save_again").click().run()
    assert library.load(LOCAL, pitch_id)[0].initiative.name == "Not tried for a while" and not at.sidebar.warning


def test_the_database_url_can_come_from_streamlit_secrets(tmp_path, monkeypatch):
    monkeypatch.delenv("LDPITCH_DATABASE_URL", raising=False)
    monkeypatch.setenv("LDPITCH_DATA_DIR", str(tmp_path / "not-this-one"))
    url = f"sqlite:///{tmp_path / 'from-secrets.sqlite3'}"
    at = AppTest.from_file(APP, default_timeout=30)
    at.secrets["database_url"] = url
    at.run()
    at.button(key="start.example.onboarding").click().run()
    with open_store(url=url) as store:
        assert [r.id for r in store.list_pitches(LOCAL)] == [open_id(at)]
    assert not (tmp_path / "not-this-one").exists()


# --- the Library page ----------------------------------------------------------------------------------------


def library_page(library, *names: str) -> tuple[AppTest, list[str]]:
    ids = [library.create(LOCAL, examples.load(n)).id for n in names]
    at = session(page="pages/library.py")
    return at, ids


def test_the_library_lists_name_initiative_audience_last_change_and_roi(library):
    at, ids = library_page(library, "onboarding", "production")
    shown = texts(at, "markdown")
    for name in ("onboarding", "production"):
        p = examples.load(name)
        assert p.title in shown and p.initiative.name in shown and f"for {p.primary_audience}" in shown
    assert shown.count("ROI ") >= 2 and "just now" in shown
    assert "All pitches (2)" in texts(at, "subheader")


def test_opening_a_pitch_from_the_library_puts_it_in_the_url(library):
    at, ids = library_page(library, "onboarding", "production")
    at.button(key=f"library.open.{ids[0]}").click().run()
    assert open_id(at) == ids[0] and at.query_params["pitch"] == ids[0]
    assert at.session_state["pitch"] == examples.load("onboarding")
    assert "Opened" in texts(at, "success")


def test_rename_and_copy(library):
    at, (pitch_id,) = library_page(library, "onboarding")
    at.text_input(key=f"library.name.{pitch_id}").set_value("Claims onboarding 2027").run()
    at.button(key=f"library.rename.{pitch_id}").click().run()
    assert library.record(LOCAL, pitch_id).name == "Claims onboarding 2027"
    at.button(key=f"library.copy.{pitch_id}").click().run()
    names = sorted(r.name for r in library.list_pitches(LOCAL))
    assert names == ["Claims onboarding 2027", "Claims onboarding 2027 (copy)"]


def test_delete_asks_first_and_the_bin_gives_the_pitch_back(library):
    at, (keep, drop) = library_page(library, "onboarding", "production")
    at.button(key=f"library.delete.{drop}").click().run()
    assert "Move it to the bin?" in texts(at, "warning") and len(library.list_pitches(LOCAL)) == 2, "nothing happens before the confirmation"
    at.button(key=f"library.delete.no.{drop}").click().run()
    assert len(library.list_pitches(LOCAL)) == 2 and not at.warning
    at.button(key=f"library.delete.{drop}").click().run()
    at.button(key=f"library.delete.yes.{drop}").click().run()
    assert [r.id for r in library.list_pitches(LOCAL)] == [keep] and "Bin (1)" in [e.label for e in at.expander]
    at.button(key=f"library.undelete.{drop}").click().run()
    assert {r.id for r in library.list_pitches(LOCAL)} == {keep, drop}


def test_deleting_the_open_pitch_leaves_a_fresh_one(library):
    at = with_example(page="pages/library.py")
    pitch_id = open_id(at)
    at.button(key=f"library.delete.{pitch_id}").click().run()
    at.button(key=f"library.delete.yes.{pitch_id}").click().run()
    assert tab(at).id is None and "pitch" not in at.query_params
    assert at.session_state["pitch"].title == "" and "fresh, empty pitch" in texts(at, "success")


def test_pitch_files_are_imported_and_bad_ones_explained(library):
    at = session(page="pages/library.py")
    good = dump_pitch(examples.load("production"))
    uploader = at.file_uploader(key="library.import")
    uploader.upload("production.json", good, "application/json").upload("bad.json", b"{not json", "application/json").run()
    assert [r.title for r in library.list_pitches(LOCAL)] == [examples.load("production").title]
    assert "bad.json was not imported" in texts(at, "error") and "Imported production.json" in texts(at, "success")
    assert not at.download_button(key="library.export").disabled


def test_search_finds_pitches_by_initiative(library):
    at, ids = library_page(library, "onboarding", "production", "sales_mobile")
    at.text_input(key="library.search").set_value("shop floor").run()
    assert [b.key for b in at.button if b.key.startswith("library.open.")] == [f"library.open.{ids[1]}"]


def test_start_offers_the_pitches_changed_last(library):
    library.create(LOCAL, examples.load("onboarding"))
    at = session()
    assert "Carry on with a saved pitch" in texts(at, "subheader")
    assert any(b.key.startswith("start.open.") for b in at.button)


def test_the_library_page_runs_with_every_example_open_and_with_an_empty_library(library):
    at = session(page="pages/library.py")
    assert not problems(at) and "No pitches yet" in texts(at, "info")
    for name in examples.names():
        at = with_example(name, page="pages/library.py")
        assert not problems(at), (name, problems(at))
