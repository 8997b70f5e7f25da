"""A pitch shared with someone to view: every input on every page is drawn disabled, and a change sent anyway is refused by the store.

AppTest runs the pages as the person signed in (``AppTest.user``, see
tests/app/test_signin.py). A disabled widget is only what the page draws:
AppTest, like a hand-made websocket message (tests/browser/test_viewer_message.py),
can still send a value for it, so the tests below send one and check that the
store refused it (its ``AccessDenied`` words reach the page) and that nothing
changed in the library.
"""

from __future__ import annotations

import pytest
from apptest_support import LIBRARY_PAGE, PAGES, delta
from streamlit.testing.v1 import AppTest

# The signed-in sessions and the library come from test_signin (no conftest.py here: see apptest_support).
from test_signin import ALICE, BOB, actor, alices_pitch, library, session, tab, texts  # noqa: F401

from ldpitch.store import Role

BANNER = "Shared with you to view: duplicate it to make your own copy"
REFUSED = "Your change was not saved: You can view this pitch but not change it"
#: Inputs that choose what the page shows or how one export looks, not what the pitch says: a viewer keeps them.
LOOKING_ONLY = {"audience.pick", "budget.benefit", "budget.ranges.open", "library.search", "export.audience", "export.length", "export.font", "export.footer"}
#: Buttons that change the open pitch, by label; each must be drawn disabled for a viewer, on the page named.
CHANGING_BUTTONS = {"pages/audience.py": ["Fill what is empty from the"], "pages/budget.py": ["Save inputs"],
                    LIBRARY_PAGE: ["Undo the last change", "Rename"]}
INPUT_KINDS = ["text_input", "text_area", "number_input", "selectbox", "radio", "date_input", "checkbox", "multiselect",
               "slider", "select_slider", "toggle"]


def inputs(at: AppTest) -> list:
    """Every input widget of the page (main area and sidebar) with its key."""
    return [w for kind in INPUT_KINDS for w in getattr(at, kind)]


def editors(at: AppTest) -> list:
    """The page's data editors (a plain dataframe has no widget id)."""
    return [d for d in at.dataframe if d.proto.id]


def send_anyway(widget, value):
    """What a hand-made widget message does: a value for a widget the page drew disabled.

    AppTest's ``set_value`` refuses a disabled widget, as a browser would; a
    crafted message is not a browser, so the value is put where AppTest sends
    widget values from, and the next run sends it to the app.
    """
    assert widget.disabled, "only a disabled widget needs this"
    widget._value = value
    return widget


def viewer_session(library):  # noqa: F811
    record = alices_pitch(library)
    library.share(actor(ALICE), record.id, "bob@example.com", Role.VIEWER)
    bob = session(BOB, record.id)
    assert tab(bob).id == record.id and tab(bob).read_only
    return record, bob


def unchanged(library, record, bob: AppTest) -> None:  # noqa: F811
    """Alice's pitch is as she saved it, Bob owns nothing new, and Bob's tab still shows her saved pitch, read-only."""
    stored, version = library.load(actor(ALICE), record.id)
    assert version == record.version == 1, "no new version"
    assert [(r.id, r.role) for r in library.list_pitches(actor(BOB))] == [(record.id, Role.VIEWER)], "no copy either"
    assert tab(bob).id == record.id and tab(bob).read_only and tab(bob).version == 1
    assert bob.session_state["pitch"] == stored, "the tab shows the saved pitch again"


@pytest.mark.parametrize("page", PAGES)
def test_every_input_on_every_page_is_disabled_for_a_viewer_under_one_banner(library, page):  # noqa: F811
    record, bob = viewer_session(library)
    bob.switch_page(page).run()
    assert not bob.exception and not bob.error, [e.value for e in [*bob.exception, *bob.error]]
    assert sum(BANNER in str(i.value) for i in [*bob.info, *bob.sidebar.info]) == 1, "one banner says why"
    enabled = [w.key for w in inputs(bob) if not w.disabled and w.key not in LOOKING_ONLY]
    assert not enabled, enabled
    assert [e.proto.disabled for e in editors(bob)] == [True] * len(editors(bob))
    for label in CHANGING_BUTTONS.get(page, []):
        found = [b for b in bob.button if b.label.startswith(label)]
        assert found and all(b.disabled for b in found), (label, [b.label for b in bob.button])
    assert bob.sidebar.button(key="library.undo").disabled, "the sidebar's Undo too"
    assert library.load(actor(ALICE), record.id)[1] == 1, "looking changes nothing"


@pytest.mark.parametrize("page", ["pages/initiative.py", "pages/budget.py", "pages/track.py"])
def test_the_owner_gets_the_same_pages_with_inputs_enabled_and_no_banner(library, page):  # noqa: F811
    record = alices_pitch(library)
    alice = session(ALICE, record.id, page)
    assert BANNER not in texts(alice, "info")
    assert [w for w in inputs(alice) if not w.disabled] and editors(alice)
    assert not [e.proto.id for e in editors(alice) if e.proto.disabled]


def test_a_value_sent_for_a_disabled_field_is_dropped_before_any_callback_and_changes_nothing(library):  # noqa: F811
    # Streamlit (1.67) itself discards a value the browser sends for a widget it drew disabled, and runs no callback:
    # the first line. The store's refusal, the second, is what the tests below reach through the table editor.
    record, bob = viewer_session(library)
    bob.switch_page("pages/initiative.py").run()
    field = bob.text_input(key="initiative.name")
    before = field.value
    send_anyway(field, "Bob's crafted name").run()
    assert bob.text_input(key="initiative.name").value == before
    assert not bob.exception and texts(bob, "error") in ("", REFUSED), texts(bob, "error")
    unchanged(library, record, bob)


def test_a_click_sent_for_a_disabled_preset_button_changes_nothing(library):  # noqa: F811
    record, bob = viewer_session(library)
    bob.switch_page("pages/audience.py").run()
    send_anyway(bob.button(key="audience.preset"), True).run()
    assert not bob.exception and "Filled what was empty" not in texts(bob, "success")
    unchanged(library, record, bob)


def test_a_viewers_table_edit_seeded_through_session_state_is_refused_by_the_store_with_a_message(library):  # noqa: F811
    record, bob = viewer_session(library)
    bob.switch_page("pages/budget.py").run()
    bob.session_state["budget.costs"] = delta(edited={0: {"Amount": "$1"}}, deleted=[1])
    bob.run()
    assert REFUSED in texts(bob, "error"), "the store's own words: AccessDenied, caught by ldpitch.store.session"
    unchanged(library, record, bob)
    stored = library.load(actor(ALICE), record.id)[0].costs
    assert bob.session_state["pitch"].costs == stored and len(stored) > 1
    editor = [e for e in editors(bob) if e.proto.id.endswith("budget.costs") or "budget.costs~" in e.proto.id]
    assert editor and editor[0].proto.disabled, "the grid is drawn again from the saved pitch, disabled"


def test_the_store_decides_not_the_page_the_same_edit_goes_through_once_the_viewer_is_an_editor(library):  # noqa: F811
    record, bob = viewer_session(library)
    bob.switch_page("pages/budget.py").run()
    library.share(actor(ALICE), record.id, "bob@example.com", Role.EDITOR)  # Bob's tab still draws its inputs disabled
    assert tab(bob).read_only
    bob.session_state["budget.costs"] = delta(deleted=[1])
    bob.run()
    assert REFUSED not in texts(bob, "error")
    stored, version = library.load(actor(ALICE), record.id)
    assert version == 2 and len(stored.costs) == len(library.load(actor(ALICE), record.id, 1)[0].costs) - 1
