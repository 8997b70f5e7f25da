"""Sign-in and sharing in the app: signed out, owner, viewer, editor and administrator, as AppTest runs the pages.

AppTest cannot run ``st.login`` (there is no browser to send to the identity
provider), so each test says who is signed in through ``AppTest.user`` (what
the app reads as ``st.user``: the ID token's claims) and turns sign-in on with
``AppTest.secrets`` (an ``[auth]`` section). The real sign-in, against a real
OpenID provider, is tests/browser/test_signin_browser.py's. Each test has its
own pitch library, opened here directly too, with the same organisation, to
set up and check what the app did.
"""

from __future__ import annotations

import io
import json
import threading
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from apptest_support import APP, LIBRARY_PAGE, PAGES, problems
from streamlit.testing.v1 import AppTest

from ldpitch.pitch import examples
from ldpitch.store import LOCAL, Organisation, Role
from ldpitch.store.library import open_store

ISSUER = "https://id.example.com"
DOMAIN = "example.com"
ADMIN = "ops@example.com"
ORG = Organisation(domain=DOMAIN, admins=frozenset({ADMIN}))
DEAD_PROVIDER = "http://127.0.0.1:9/.well-known/openid-configuration"  # the discard port: nothing listens


def auth_secrets(metadata_url: str = DEAD_PROVIDER) -> dict:
    return {
        "auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "s" * 40, "client_id": "ldpitch",
                 "client_secret": "secret", "server_metadata_url": metadata_url, "client_kwargs": {"prompt": "login"}},
        "ldpitch": {"organisation_domain": DOMAIN, "admins": [ADMIN.upper()]},
    }


def person(sub: str, name: str, email: str, **claims) -> dict:
    """What ``st.user`` holds for someone signed in: the ID token's claims, as Streamlit keeps them."""
    return {"is_logged_in": True, "iss": ISSUER, "sub": sub, "name": name, "email": email, "email_verified": True, **claims}


ALICE = person("alice", "Alice Archer", "alice@example.com")
BOB = person("bob", "Bob Baker", "Bob@Example.com")  # the e-mail in another case: the same person as bob@example.com
OPS = person("ops", "Olu Ops", ADMIN)
SIGNED_OUT = {"is_logged_in": False}


def actor(user: dict):
    return ORG.actor(user["iss"], user["sub"], user["email"], user["name"])


@pytest.fixture
def library(data_dir):
    """The app's library, opened directly with the same organisation."""
    with open_store(data_dir=data_dir, organisation=ORG) as store:
        yield store


def session(user: dict, pitch_id: str | None = None, page: str | None = None, secrets: dict | None = None) -> AppTest:
    """A new browser session of ``user`` with sign-in on (``?pitch=<id>`` if given), on ``page``."""
    at = AppTest.from_file(APP, default_timeout=30)
    at.secrets = secrets or auth_secrets()
    at.user = dict(user)
    if pitch_id is not None:
        at.query_params["pitch"] = pitch_id
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    if user.get("is_logged_in") and user.get("iss"):
        assert not problems(at), problems(at)
    return at


def shown_text(at: AppTest) -> str:
    """Every piece of text the page shows, in the page and the sidebar (to check that something is *not* shown)."""
    kinds = ["title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success", "text"]
    parts = [str(e.value) for kind in kinds for e in getattr(at, kind)]
    parts += [str(e.value) for kind in kinds for e in getattr(at.sidebar, kind)]
    parts += [b.label for b in at.button] + [str(w.value) for w in at.text_input]
    return "\n".join(parts)


def texts(at: AppTest, kind: str) -> str:
    return " ".join(str(e.value) for e in getattr(at, kind))


def tab(at: AppTest):
    return at.session_state["library.open"]


SECRET = "Alice's confidential headcount plan"


def alices_pitch(library, example: str = "sales_mobile"):
    """A pitch of Alice's, with a title that appears nowhere else in the app."""
    return library.create(actor(ALICE), examples.load(example).model_copy(update={"title": SECRET}))


def type_name(at: AppTest, text: str) -> AppTest:
    if not any(w.key == "initiative.name" for w in at.text_input):
        at.switch_page("pages/initiative.py").run()
    at.text_input(key="initiative.name").set_value(text).run()
    assert not problems(at), problems(at)
    return at


def button(at: AppTest, label: str):
    found = [b for b in at.button if b.label == label]
    assert found, f"no button {label!r}: {[b.label for b in at.button]}"
    return found[0]


# --- without sign-in ----------------------------------------------------------------------------------------------


def test_without_sign_in_the_app_is_single_user_and_local_and_says_so_once(data_dir):
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not problems(at)
    notes = [c.value for c in at.sidebar.caption if "Single-user and local" in c.value]
    assert len(notes) == 1
    assert "signin.logout" not in [b.key for b in at.sidebar.button]
    at.button(key="start.example.production").click().run()
    with open_store(data_dir=data_dir) as plain:
        assert [r.name for r in plain.list_pitches(LOCAL)] == [examples.load("production").title]


# --- signed out ---------------------------------------------------------------------------------------------------


def test_a_signed_out_visitor_gets_the_sign_in_page_and_nothing_of_a_pitch_even_from_its_link(library):
    record = alices_pitch(library)
    for page in (None, LIBRARY_PAGE, "pages/budget.py"):
        at = session(SIGNED_OUT, record.id, page)
        assert [t.value for t in at.title] == ["Sign in to ldpitch"], page
        shown = shown_text(at)
        assert record.name not in shown and "Ridgeline" not in shown and "Library" not in [t.value for t in at.subheader]
        assert "library.open" not in at.session_state, "the library was not even asked"
        assert "You followed a link to a pitch. Sign in and it opens" in texts(at, "info")


def test_an_expired_or_tampered_sign_in_is_signed_out(library):
    """Streamlit drops a cookie it cannot verify: the session then has no user at all, as here."""
    alices_pitch(library)
    at = session({})
    assert [t.value for t in at.title] == ["Sign in to ldpitch"]


def test_claims_without_issuer_and_subject_are_no_one(library):
    alices_pitch(library)
    at = session({"is_logged_in": True, "email": "alice@example.com", "name": "Alice Archer"})
    assert [t.value for t in at.title] == ["Sign in to ldpitch"]


def test_the_sign_in_page_says_when_the_identity_provider_cannot_be_reached(library):
    at = session(SIGNED_OUT)
    assert "The sign-in service (127.0.0.1:9) cannot be reached right now" in texts(at, "error")
    assert [b.label for b in at.button] == ["Try again"]
    at.button(key="signin.retry").click().run()
    assert not at.exception and "cannot be reached" in texts(at, "error")


class _Metadata(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the standard library's name
        body = json.dumps({"issuer": ISSUER, "authorization_endpoint": f"{ISSUER}/auth"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def metadata_url():
    """An HTTP server answering with OpenID metadata, as an identity provider that is up does (the browser test uses a real one)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Metadata)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/.well-known/openid-configuration"
    server.shutdown()
    server.server_close()


def test_the_sign_in_page_offers_to_sign_in_when_the_provider_answers(library, metadata_url):
    at = session(SIGNED_OUT, secrets=auth_secrets(metadata_url))
    assert not at.error and [b.key for b in at.button] == ["signin.login"]
    assert not [b for b in at.sidebar.button], "no menu, no sidebar actions before sign-in"


def test_incomplete_sign_in_settings_are_explained(library):
    secrets = auth_secrets()
    del secrets["auth"]["client_secret"]
    at = session(SIGNED_OUT, secrets=secrets)
    assert "not set up completely" in texts(at, "error") and "client_secret" in texts(at, "error")


# --- signed in ----------------------------------------------------------------------------------------------------


def test_the_sidebar_shows_who_is_signed_in_and_the_way_out(library):
    at = session(ALICE)
    who = " ".join(m.value for m in at.sidebar.markdown)
    assert "Alice Archer" in who and "alice@example.com" in who and "administrator" not in who
    assert "signin.logout" in [b.key for b in at.sidebar.button]
    assert "Single-user" not in shown_text(at)


def test_an_unverified_email_is_not_taken(library):
    at = session(person("mallory", "Mallory", "alice@example.com", email_verified=False))
    assert "alice@example.com" not in " ".join(m.value for m in at.sidebar.markdown)
    assert "no verified e-mail" in texts(at.sidebar, "caption")


def test_signing_out_drops_everything_the_tab_held(library):
    at = session(ALICE)
    at.button(key="start.example.onboarding").click().run()
    assert tab(at).id is not None
    at.sidebar.button(key="signin.logout").click().run()
    assert [t.value for t in at.title] == ["Sign in to ldpitch"]
    assert "library.open" not in at.session_state and "pitch" not in at.session_state or at.session_state["pitch"].title == ""


def test_another_person_in_the_same_session_starts_afresh(library):
    at = session(ALICE)
    at.button(key="start.example.onboarding").click().run()
    alices = tab(at).id
    at.user = dict(BOB)
    at.run()
    assert tab(at).id is None and at.session_state["pitch"].title == "" and "pitch" not in at.query_params
    assert "You are signed in as Bob Baker now, so this tab starts afresh." in texts(at, "info")
    assert library.record(actor(ALICE), alices).name == examples.load("onboarding").title


def test_a_pitch_is_its_makers_and_another_persons_library_does_not_list_it(library):
    at = session(ALICE)
    at.button(key="start.example.production").click().run()
    made = library.record(actor(ALICE), tab(at).id)
    assert made.owner_name == "Alice Archer"
    bob = session(BOB, page=LIBRARY_PAGE)
    assert "Your pitches and those shared with you (0)" in texts(bob, "subheader")
    assert made.name not in shown_text(bob)


def test_a_link_to_a_pitch_not_shared_with_me_says_so_in_plain_words_without_its_title(library):
    record = alices_pitch(library)
    bob = session(BOB, record.id)
    warned = texts(bob, "warning")
    assert "that you can open: it may have been removed, or it is not shared with you" in warned
    assert record.name not in shown_text(bob) and "Ridgeline" not in shown_text(bob)
    assert tab(bob).id is None and bob.session_state["pitch"].title == ""
    assert [r.id for r in library.list_pitches(actor(ALICE))] == [record.id], "nothing changed"


# --- viewer, editor, owner ----------------------------------------------------------------------------------------


def test_a_viewer_opens_the_pitch_read_only_and_may_duplicate_but_not_rename_or_undo(library):
    record = alices_pitch(library)
    library.share(actor(ALICE), record.id, "bob@example.com", Role.VIEWER)
    bob = session(BOB, record.id)
    assert tab(bob).id == record.id and tab(bob).read_only
    assert "You can view this pitch but not change it" in texts(bob, "info")
    bob.switch_page(LIBRARY_PAGE).run()
    assert "Alice Archer's · you can view it" in texts(bob, "markdown")
    assert bob.button(key="library.page.undo").disabled
    assert bob.text_input(key="library.rename.open.name").disabled
    assert "library.share.email" not in [w.key for w in bob.text_input], "only the owner shares"
    assert "only its owner changes who has access" in texts(bob, "markdown")
    assert f"library.copy.{record.id}" in [b.key for b in bob.button], "a viewer may duplicate"
    # a change sent anyway is refused: tests/app/test_viewer.py


def test_every_page_shows_a_viewer_the_shared_pitch_read_only_without_a_problem(library):
    record = alices_pitch(library)
    library.share(actor(ALICE), record.id, "bob@example.com", Role.VIEWER)
    bob = session(BOB, record.id)
    for page in PAGES:
        bob.switch_page(page).run()
        assert not problems(bob), (page, problems(bob))
        assert "You can view this pitch but not change it" in texts(bob, "info"), page
    assert library.load(actor(ALICE), record.id)[1] == 1, "looking changes nothing"


def test_a_viewer_may_duplicate_the_pitch_and_the_copy_is_theirs(library):
    record = alices_pitch(library)
    library.share(actor(ALICE), record.id, "bob@example.com", Role.VIEWER)
    bob = session(BOB, record.id, LIBRARY_PAGE)
    bob.button(key=f"library.copy.{record.id}").click().run()
    mine = [r for r in library.list_pitches(actor(BOB)) if r.role is Role.OWNER]
    assert [r.name for r in mine] == [f"{record.name} (copy)"]


def test_an_editors_change_is_saved_and_the_history_says_who_made_it(library):
    record = alices_pitch(library)
    library.share(actor(ALICE), record.id, "bob@example.com", Role.EDITOR)
    bob = session(BOB, record.id)
    assert not tab(bob).read_only and "not change it" not in texts(bob, "info")
    type_name(bob, "Coaching on the road")
    assert tab(bob).id == record.id and library.load(actor(ALICE), record.id)[1] == 2
    alice = session(ALICE, record.id, LIBRARY_PAGE)
    history = alice.dataframe[0].value
    assert list(history["Who"]) == ["Bob Baker", "Alice Archer"]
    assert "Last change: Bob Baker · Initiative: name changed · just now" in texts(alice, "markdown")


def test_the_owner_shares_by_email_and_with_the_organisation_sees_who_has_access_and_revokes(library):
    record = alices_pitch(library)
    alice = session(ALICE, record.id, LIBRARY_PAGE)
    assert "Alice Archer** · owner" in texts(alice, "markdown")
    alice.text_input(key="library.share.email").set_value("  BOB@example.com ")
    alice.radio(key="library.share.role").set_value("Can edit")
    button(alice, "Share").click().run()
    assert not problems(alice), problems(alice)
    assert "Shared with bob@example.com" in texts(alice, "success")
    assert [(a.kind, a.address, a.role) for a in library.access(actor(ALICE), record.id)][1:] == [("person", "bob@example.com", Role.EDITOR)]
    assert "bob@example.com · can edit" in texts(alice, "markdown")
    alice.button(key="library.share.org").click().run()
    assert "Everyone signed in at **example.com** · can view" in texts(alice, "markdown")
    assert session(person("cy", "Cy", "cy@example.com"), record.id).session_state["library.open"].read_only
    alice.button(key="library.share.revoke.bob@example.com").click().run()
    alice.button(key="library.share.org.revoke").click().run()
    assert [a.kind for a in library.access(actor(ALICE), record.id)] == ["owner"]
    refused = session(BOB, record.id)
    assert "not shared with you" in texts(refused, "warning") and tab(refused).id is None


def test_sharing_with_a_bad_address_says_why_and_changes_nothing(library):
    record = alices_pitch(library)
    alice = session(ALICE, record.id, LIBRARY_PAGE)
    alice.text_input(key="library.share.email").set_value("not an address")
    button(alice, "Share").click().run()
    assert "is not an e-mail address" in texts(alice, "error")
    assert len(library.access(actor(ALICE), record.id)) == 1


def test_only_the_owner_sees_delete_and_a_viewer_sees_no_rename(library):
    record = alices_pitch(library)
    other = library.create(actor(ALICE), examples.load("onboarding"))
    library.share(actor(ALICE), record.id, "bob@example.com", Role.VIEWER)
    library.share(actor(ALICE), other.id, "bob@example.com", Role.EDITOR)
    bob = session(BOB, page=LIBRARY_PAGE)
    keys = [b.key for b in bob.button]
    assert f"library.rename.{record.id}" not in keys and f"library.rename.{other.id}" in keys
    assert not [k for k in keys if k and k.startswith("library.delete.")]
    alice = session(ALICE, page=LIBRARY_PAGE)
    assert {f"library.delete.{record.id}", f"library.delete.{other.id}"} <= set(b.key for b in alice.button)


# --- administrators -----------------------------------------------------------------------------------------------


def test_pitches_made_before_sign_in_are_the_administrators_until_handed_over(data_dir, library):
    with open_store(data_dir=data_dir) as before_sign_in:
        old = before_sign_in.create(LOCAL, examples.load("onboarding"))
    assert session(BOB, old.id).session_state["library.open"].id is None, "not a member's"
    ops = session(OPS, old.id, LIBRARY_PAGE)
    assert tab(ops).id == old.id and tab(ops).role is Role.OWNER
    assert "administrator" in " ".join(m.value for m in ops.sidebar.markdown)
    assert "The administrators (made before sign-in)** · owner" in texts(ops, "markdown")
    ops.text_input(key="library.handover.email").set_value("bob@example.com")
    button(ops, "Hand over").click().run()
    assert "Handed over to bob@example.com" in texts(ops, "success")
    bob = session(BOB)
    assert f"A pitch was handed over to you and is yours now: “{old.name}”." in texts(bob, "success")
    assert library.record(actor(BOB), old.id).role is Role.OWNER



# --- the organisation's brand -------------------------------------------------------------------------------------


def test_an_administrator_saves_the_look_as_the_organisations_brand_and_members_export_with_it(library):
    ops = session(OPS, page="pages/export.py")
    ops.color_picker(key="export.primary").set_value("#112233")
    ops.text_input(key="export.footer").set_value("Confidential: Ridgeline only")
    ops.button(key="export.brand.save").click().run()
    assert not problems(ops), problems(ops)
    saved = library.brand(actor(ALICE))
    assert (saved.version, saved.author_name, saved.brand.primary, saved.brand.footer) == (1, "Olu Ops", "#112233",
                                                                                       "Confidential: Ridgeline only")
    alice = session(ALICE)
    alice.button(key="start.example.onboarding").click().run()
    alice.switch_page("pages/export.py").run()
    assert "export.brand.save" not in [b.key for b in alice.button], "members use the brand; administrators change it"
    assert "Your organisation's brand (version 1, saved by Olu Ops)" in texts(alice, "caption")
    assert alice.color_picker(key="export.primary").value == "#112233"
    assert alice.text_input(key="export.footer").value == "Confidential: Ridgeline only"
    alice.button(key="export.build").click().run()
    deck = alice.session_state["export.deck"][1]
    with zipfile.ZipFile(io.BytesIO(deck)) as pptx:
        slide = pptx.read("ppt/slides/slide2.xml").decode()
    assert "Confidential: Ridgeline only" in slide


def test_without_sign_in_export_starts_from_the_default_look_and_offers_no_organisation_brand(data_dir):
    at = AppTest.from_file(APP, default_timeout=30).run()
    at.switch_page("pages/export.py").run()
    assert "export.brand.save" not in [b.key for b in at.button]
    assert at.color_picker(key="export.primary").value.upper() == "#1F4E79"
