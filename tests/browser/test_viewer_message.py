"""A viewer sending an edit by hand: Streamlit's own websocket protocol, spoken to the running app with a real sign-in cookie.

The person signs in through Chromium against the real OpenID provider
(tests/browser/test_signin_browser.py's fixtures); the test then takes the
browser's sign-in cookie and speaks the browser's protocol itself
(``/_stcore/stream``: ``BackMsg.rerun_script`` with every widget state, as in
bench/bench_room.py), so it can send what no page offers: a value for an input
the page drew disabled, and an edit from a tab that still shows the pitch as
editable after its owner made the person a viewer. Each time the stored pitch
is read through the store afterwards: it never changes.
"""

from __future__ import annotations

import contextlib

import pytest
from playwright.sync_api import expect
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from test_signin_browser import (  # noqa: F401
    ORG,
    UP_TO,
    base_url,
    browser_context_args,
    browser_type_launch_args,
    oidc_provider,
    person,
    settle,
    sign_in,
    team_app,
)
from websockets.sync.client import connect

from ldpitch.pitch import examples
from ldpitch.store import Role, open_store

pytestmark = [pytest.mark.browser, pytest.mark.slow]

OWNER = ("cy", "cy@example.com", "Cy Cole")  # accounts of this module's own (tests/browser/oidc_provider.mjs's list)
VIEWER = ("dee", "dee@example.com", "Dee Dunn")
FORGED = "Forged by hand over the websocket"


class Tab:
    """One browser tab spoken by hand: its widget states, page and query string over one websocket, with a sign-in cookie."""

    def __init__(self, ws):
        self.ws = ws
        self.widgets: dict[str, WidgetState] = {}
        self.page, self.query, self.pages = "", "", {}
        self.elements: dict[tuple, object] = {}

    def run(self, page: str | None = None, query: str | None = None, **value_of) -> None:
        """Send a rerun as the browser does, with ``value_of[key]`` = WidgetState fields for a keyed widget; read the whole run."""
        for key, value in value_of.items():
            wid = self.widget_id(key)
            self.widgets[wid] = WidgetState(id=wid, **value)
        msg = BackMsg()
        msg.rerun_script.query_string = self.query if query is None else query
        msg.rerun_script.page_script_hash = self.pages[page] if page else self.page
        msg.rerun_script.widget_states.widgets.extend(self.widgets.values())
        self.ws.send(msg.SerializeToString())
        while True:
            m = ForwardMsg.FromString(self.ws.recv(timeout=UP_TO / 1000))
            kind = m.WhichOneof("type")
            if kind == "new_session":
                self.elements = {}
            elif kind == "navigation":
                self.page = m.navigation.page_script_hash
                self.pages = {p.url_pathname or "start": p.page_script_hash for p in m.navigation.app_pages}
            elif kind == "page_info_changed":
                self.query = m.page_info_changed.query_string
            elif kind == "delta" and m.delta.WhichOneof("type") == "new_element":
                self.elements[tuple(m.metadata.delta_path)] = m.delta.new_element
            elif kind == "script_finished" and m.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                alive = {self._id(e) for e in self.elements.values()}
                self.widgets = {w: s for w, s in self.widgets.items() if w in alive}  # the browser drops widgets no longer shown
                return

    @staticmethod
    def _id(element) -> str:
        sub = getattr(element, element.WhichOneof("type") or "empty")
        return getattr(sub, "id", "") if "id" in sub.DESCRIPTOR.fields_by_name else ""

    def widget(self, key: str):
        """The element of the widget keyed ``key`` in the last run (its id ends with ``-<key>``)."""
        for element in self.elements.values():
            if self._id(element).endswith("-" + key):
                return getattr(element, element.WhichOneof("type"))
        raise AssertionError(f"no widget {key!r} on the page")

    def widget_id(self, key: str) -> str:
        return self.widget(key).id

    def alerts(self) -> str:
        return "\n".join(e.alert.body for e in self.elements.values() if e.WhichOneof("type") == "alert")


@pytest.fixture
def library(team_app):  # noqa: F811
    _, data, _ = team_app
    with open_store(data_dir=data, organisation=ORG) as store:
        yield store


@contextlib.contextmanager
def signed_in_tab(browser, browser_context_args, app_url: str, login: str, settle):  # noqa: F811
    """Sign ``login`` in with Chromium through the real provider, then hand the browser's cookies to a tab spoken by hand."""
    context, page = person(browser, browser_context_args)
    try:
        sign_in(page, app_url, login, settle)
        expect(page.get_by_test_id("stException")).to_have_count(0)
        cookies = context.cookies(app_url)
    finally:
        context.close()
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in cookies)
    xsrf = next(c["value"] for c in cookies if c["name"] == "_streamlit_xsrf")  # the browser sends it as a second subprotocol
    with connect(f"ws://{app_url.split('//', 1)[1]}/_stcore/stream", subprotocols=["streamlit", xsrf], max_size=None,
                 open_timeout=UP_TO / 1000, additional_headers={"Cookie": cookie, "Origin": app_url}) as ws:
        yield Tab(ws)


def test_a_viewers_hand_made_edits_never_change_the_pitch(browser, browser_context_args, team_app, library, settle):  # noqa: F811
    app_url, _, issuer = team_app
    owner, viewer = ORG.actor(issuer, *OWNER), ORG.actor(issuer, *VIEWER)
    record = library.create(owner, examples.load("sales_mobile"))
    library.share(owner, record.id, VIEWER[1], Role.VIEWER)
    name = library.load(owner, record.id)[0].initiative.name
    with signed_in_tab(browser, browser_context_args, app_url, VIEWER[0], settle) as tab:
        tab.run(query=f"pitch={record.id}")
        assert "Shared with you to view" in tab.alerts(), tab.alerts()
        tab.run(page="initiative")
        assert tab.widget("initiative.name").disabled, "the page draws the input disabled"

        # 1. A value for the disabled input: Streamlit drops it before any callback; nothing reaches the pitch.
        tab.run(**{"initiative.name": {"string_value": FORGED}})
        assert library.load(owner, record.id)[1] == 1 and library.load(owner, record.id)[0].initiative.name == name
        assert "Shared with you to view" in tab.alerts() and tab.widget("initiative.name").disabled
        assert [r.id for r in library.list_pitches(viewer)] == [record.id], "no copy was made either"

    # 2. An input drawn enabled (Dee was an editor when the page was drawn) sends an edit after Cy made Dee a viewer:
    #    the store is what refuses it (AccessDenied: its words reach the page), and Cy's pitch stays as it was.
    library.share(owner, record.id, VIEWER[1], Role.EDITOR)
    with signed_in_tab(browser, browser_context_args, app_url, VIEWER[0], settle) as tab:
        tab.run(query=f"pitch={record.id}")
        tab.run(page="initiative")
        assert not tab.widget("initiative.name").disabled
        library.share(owner, record.id, VIEWER[1], Role.VIEWER)
        tab.run(**{"initiative.name": {"string_value": FORGED}})
        said = tab.alerts()
        assert "You can view this pitch but not change it" in said, said
        stored, version = library.load(owner, record.id)
        assert version == 1 and stored.initiative.name == name, "the store refused the edit"
        mine = [r for r in library.list_pitches(viewer) if r.role is Role.OWNER]
        assert len(mine) == 1 and library.load(viewer, mine[0].id)[0].initiative.name == FORGED, "Dee's edit is Dee's own pitch"
