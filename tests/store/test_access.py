"""Owners and sharing, enforced by the store: people signed in to one library, on a real SQLite file and a real PostgreSQL alike.

Every call names its actor, as the app will; nothing here is mocked. Alice
owns the pitch, Bob is a colleague at the same organisation, Olga is from
another one, Ada is an administrator.
"""

from __future__ import annotations

import contextlib
import io
import zipfile
from datetime import UTC, datetime

import pytest

from ldpitch.errors import AccessDenied, PitchNotFound, StoreError
from ldpitch.pitch import Pitch
from ldpitch.pitch.files import dump_pitch
from ldpitch.store import LOCAL, Organisation, Role, listing, session
from ldpitch.store.access import BEFORE_SIGN_IN
from ldpitch.store.session import OpenPitch

ORG = Organisation(domain="example.com", admins=frozenset({"ada@example.com", "ops@example.com"}))
ISSUER = "https://id.example.com"
ALICE = ORG.actor(ISSUER, "alice", "alice@example.com", "Alice")
BOB = ORG.actor(ISSUER, "bob", "bob@example.com", "Bob")
OLGA = ORG.actor("https://id.other.org", "olga", "olga@other.org", "Olga")
ADA = ORG.actor(ISSUER, "ada", "ada@example.com", "Ada")
OPS = ORG.actor(ISSUER, "ops", "ops@example.com", "Ops")
NAME = "Alice's salary review"
TITLE = "Faster ramp-up for claims advisers"


@pytest.fixture
def team(backend):
    """The library with sign-in on, as every app process of a team opens it."""
    with contextlib.closing(backend.open(ORG)) as opened:
        yield opened


@pytest.fixture
def pitch(example_pitches):
    return example_pitches["onboarding"]


def retitled(pitch, title):
    return pitch.model_copy(update={"title": title})


@pytest.fixture
def alices(team, pitch):
    """A pitch of Alice's, at version 2."""
    record = team.create(ALICE, pitch, name=NAME)
    team.save(ALICE, record.id, retitled(pitch, TITLE), 1)
    return record.id


def state(team, pitch_id):
    """Everything about a pitch that an action could change, as its owner sees it."""
    record = team.record(ALICE, pitch_id)
    return (record.name, record.version, record.deleted_at, record.owner_id, team.load(ALICE, pitch_id),
            [(h.version, h.summary, h.author_id) for h in team.history(ALICE, pitch_id)], team.access(ALICE, pitch_id))


def reveals_nothing(error: Exception) -> None:
    text = str(error)
    for secret in (NAME, TITLE, "salary", "Alice", "alice@"):
        assert secret not in text, text


#: Everything one person can try on a pitch, by name: (store, actor, pitch id, pitch) -> anything.
ACTIONS = {
    "load": lambda s, a, i, p: s.load(a, i),
    "load an earlier version": lambda s, a, i, p: s.load(a, i, 1),
    "record": lambda s, a, i, p: s.record(a, i),
    "history": lambda s, a, i, p: s.history(a, i),
    "access": lambda s, a, i, p: s.access(a, i),
    "duplicate": lambda s, a, i, p: s.duplicate(a, i),
    "save": lambda s, a, i, p: s.save(a, i, retitled(p, "Changed by someone else"), 2),
    "undo": lambda s, a, i, p: s.undo(a, i),
    "restore": lambda s, a, i, p: s.restore(a, i, 1),
    "rename": lambda s, a, i, p: s.rename(a, i, "Renamed by someone else"),
    "delete": lambda s, a, i, p: s.delete(a, i),
    "restore from the bin": lambda s, a, i, p: s.restore_deleted(a, i),
    "purge": lambda s, a, i, p: s.purge(a, i),
    "share": lambda s, a, i, p: s.share(a, i, "olga@other.org", Role.EDITOR),
    "share with the organisation": lambda s, a, i, p: s.share_with_organisation(a, i),
    "revoke": lambda s, a, i, p: s.revoke(a, i, "bob@example.com"),
    "revoke the organisation": lambda s, a, i, p: s.revoke_organisation(a, i),
    "hand over": lambda s, a, i, p: s.hand_over(a, i, "olga@other.org"),
}
VIEWER_MAY = {"load", "load an earlier version", "record", "history", "access", "duplicate"}
EDITOR_MAY = VIEWER_MAY | {"save", "undo", "restore", "rename"}


# --- private by default --------------------------------------------------------------------------------------


def test_a_pitch_belongs_to_whoever_created_it_and_only_they_list_it(team, alices):
    record = team.record(ALICE, alices)
    assert (record.role, record.owner_id, record.owner_name) == (Role.OWNER, ALICE.id, "Alice")
    assert [r.id for r in team.list_pitches(ALICE)] == [alices]
    for someone in (BOB, OLGA, ADA):
        assert team.list_pitches(someone) == []
        assert team.list_pitches(someone, deleted=True) == []


@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_a_pitch_not_shared_with_me_is_as_if_it_did_not_exist(team, alices, pitch, action):
    before = state(team, alices)
    with pytest.raises(PitchNotFound) as refused:
        ACTIONS[action](team, BOB, alices, pitch)
    with pytest.raises(PitchNotFound) as missing:
        team.load(BOB, "k3m9x2p7qa")
    assert str(refused.value).replace(alices, "ID") == str(missing.value).replace("k3m9x2p7qa", "ID")
    assert not refused.value.deleted
    reveals_nothing(refused.value)
    assert state(team, alices) == before


def test_guessing_ids_learns_nothing_a_missing_id_would_not_say(team, alices):
    answers = set()
    for actor, pitch_id in ((BOB, alices), (BOB, "k3m9x2p7qa"), (OLGA, alices), (ADA, alices)):
        with pytest.raises(PitchNotFound) as refused:
            team.record(actor, pitch_id)
        answers.add((type(refused.value), str(refused.value).replace(pitch_id, "ID"), refused.value.deleted))
    assert len(answers) == 1
    (answer,) = answers
    assert "not shared with you" in answer[1]


def test_a_link_to_a_pitch_not_shared_with_me_says_so_and_nothing_else(team, alices):
    outcome = session.open_from_link(team, BOB, session.fresh_visit(OpenPitch(), Pitch()), alices)
    assert outcome.shown is None and outcome.tab.id is None
    (notice,) = outcome.notices
    assert "not shared with you" in notice.text
    reveals_nothing(Exception(notice.text))


# --- viewers and editors -------------------------------------------------------------------------------------


@pytest.mark.parametrize("action", sorted(ACTIONS))
@pytest.mark.parametrize("role", [Role.VIEWER, Role.EDITOR])
def test_what_a_viewer_and_an_editor_may_do_and_what_they_are_refused(team, alices, pitch, role, action):
    team.share(ALICE, alices, "bob@example.com", role)
    may = (VIEWER_MAY if role is Role.VIEWER else EDITOR_MAY)
    before = state(team, alices)
    if action in may:
        ACTIONS[action](team, BOB, alices, pitch)
        return
    with pytest.raises(AccessDenied) as refused:
        ACTIONS[action](team, BOB, alices, pitch)
    reveals_nothing(refused.value)
    assert state(team, alices) == before


def test_a_viewer_opens_exports_and_duplicates_and_the_copy_is_theirs(team, alices):
    team.share(ALICE, alices, "bob@example.com", "viewer")
    (row,) = team.list_pitches(BOB)
    assert (row.id, row.role, row.owner_name) == (alices, Role.VIEWER, "Alice")
    assert listing.list_lines([row], datetime.now(UTC))[0].shared == "Alice's · you can view it"
    assert team.load(BOB, alices) == team.load(ALICE, alices)
    assert team.record(BOB, alices).role is Role.VIEWER
    with zipfile.ZipFile(io.BytesIO(team.export_all(BOB))) as archive:
        assert [n for n in archive.namelist() if alices in n]
    copy = team.duplicate(BOB, alices)
    assert (copy.role, copy.owner_id, copy.name) == (Role.OWNER, BOB.id, f"{NAME} (copy)")
    assert team.save(BOB, copy.id, retitled(team.load(BOB, copy.id)[0], "Bob's own take"), 1) == 2
    assert {r.id: r.role for r in team.list_pitches(BOB)} == {alices: Role.VIEWER, copy.id: Role.OWNER}
    assert [r.id for r in team.list_pitches(ALICE)] == [alices], "the copy is Bob's, not Alice's"
    with pytest.raises(PitchNotFound):
        team.load(ALICE, copy.id)


def test_an_editors_save_is_recorded_with_the_editor_as_its_author(team, alices, pitch):
    team.share(ALICE, alices, "bob@example.com", Role.EDITOR)
    current, version = team.load(BOB, alices)
    assert team.save(BOB, alices, current.model_copy(update={"discount_rate": current.discount_rate / 2}), version) == 3
    history = team.history(ALICE, alices)
    assert [(h.version, h.author_id, h.author_name) for h in history] == [
        (3, BOB.id, "Bob"), (2, ALICE.id, "Alice"), (1, ALICE.id, "Alice")]
    now = history[0].saved_at
    assert listing.change_line(history[0], now) == "Bob · Budget: discount rate changed · just now"
    assert listing.history_lines(history, now)[0] == {
        "Version": 3, "When": "just now", "How": "Edit", "Who": "Bob", "What changed": "Budget: discount rate changed"}
    assert team.undo(BOB, alices) == 4 and team.history(ALICE, alices)[0].author_name == "Bob"
    assert team.rename(BOB, alices, "Reviewed by Bob").name == "Reviewed by Bob"


def test_revoking_refuses_the_person_again_even_mid_edit(team, alices, pitch):
    team.share(ALICE, alices, "bob@example.com", Role.EDITOR)
    tab = session.open_pitch(team, BOB, OpenPitch(), alices).tab
    assert (tab.id, tab.version, tab.role, tab.read_only) == (alices, 2, Role.EDITOR, False)
    assert [a.address for a in team.revoke(ALICE, alices, "bob@example.com")] == ["alice@example.com"]
    assert team.list_pitches(BOB) == []
    for action in ("load", "save", "history"):
        with pytest.raises(PitchNotFound):
            ACTIONS[action](team, BOB, alices, pitch)
    # Bob's tab still had it open: his next change is kept as a pitch of his own, and Alice's is untouched.
    before = state(team, alices)
    outcome = session.save(team, BOB, tab, retitled(pitch, "Bob's edit after the revoke"), 0.0)
    assert outcome.tab.id != alices and team.record(BOB, outcome.tab.id).owner_id == BOB.id
    assert NAME not in outcome.tab.name, "the copy is not named after a pitch Bob may no longer see"
    assert state(team, alices) == before


def test_a_viewers_edit_sent_anyway_is_refused_by_the_store_and_changes_nothing(team, alices, pitch):
    team.share(ALICE, alices, "bob@example.com", Role.VIEWER)
    tab = session.open_pitch(team, BOB, OpenPitch(), alices).tab
    assert tab.read_only and tab.role is Role.VIEWER
    before, bobs_before = state(team, alices), team.list_pitches(BOB)
    with pytest.raises(AccessDenied):
        team.save(BOB, alices, retitled(pitch, "Crafted by hand"), tab.version)
    outcome = session.save(team, BOB, tab, retitled(pitch, "Crafted by hand"), 0.0)
    assert outcome.tab == tab and outcome.shown == tab.saved and outcome.shown.title == TITLE, "the saved pitch is shown again"
    (notice,) = outcome.notices
    assert notice.kind == "error" and "Your change was not saved: You can view this pitch but not change it" in notice.text
    assert state(team, alices) == before and team.list_pitches(BOB) == bobs_before, "no version, no copy"


def test_an_editor_made_a_viewer_mid_edit_keeps_the_change_as_their_own_copy(team, alices, pitch):
    team.share(ALICE, alices, "bob@example.com", Role.EDITOR)
    tab = session.open_pitch(team, BOB, OpenPitch(), alices).tab
    team.share(ALICE, alices, "bob@example.com", Role.VIEWER)
    before = state(team, alices)
    outcome = session.save(team, BOB, tab, retitled(pitch, "Bob's edit"), 0.0)
    assert outcome.tab.id != alices and not outcome.tab.read_only and team.load(BOB, outcome.tab.id)[0].title == "Bob's edit"
    assert "view this pitch but not change it" in outcome.notices[0].text
    assert state(team, alices) == before


@pytest.mark.parametrize("shared_with", ["BOB@example.com", "Bob@Example.COM", "  bob@EXAMPLE.com "])
def test_an_email_differing_only_in_case_is_the_same_person(team, alices, shared_with):
    access = team.share(ALICE, alices, shared_with, Role.VIEWER)
    assert [(a.kind, a.address, a.role) for a in access][1:] == [("person", "bob@example.com", Role.VIEWER)]
    shouting_bob = ORG.actor(ISSUER, "bob", "BOB@EXAMPLE.COM", "Bob")
    assert team.load(shouting_bob, alices)[1] == 2
    team.revoke(ALICE, alices, shared_with.upper())
    with pytest.raises(PitchNotFound):
        team.load(BOB, alices)


def test_sharing_again_changes_the_role(team, alices, pitch):
    team.share(ALICE, alices, "bob@example.com", Role.VIEWER)
    with pytest.raises(AccessDenied):
        team.save(BOB, alices, retitled(pitch, "x"), 2)
    team.share(ALICE, alices, "bob@example.com", Role.EDITOR)
    assert team.save(BOB, alices, retitled(pitch, "x"), 2) == 3
    team.share(ALICE, alices, "bob@example.com", Role.VIEWER)
    assert team.record(BOB, alices).role is Role.VIEWER
    assert len(team.access(ALICE, alices)) == 2


# --- the organisation ----------------------------------------------------------------------------------------


def test_everyone_signed_in_from_the_organisation_may_view_and_no_one_else(team, alices, pitch):
    access = team.share_with_organisation(ALICE, alices)
    assert [(a.kind, a.address, a.role) for a in access] == [
        ("owner", "alice@example.com", Role.OWNER), ("organisation", "example.com", Role.VIEWER)]
    for member in (BOB, ADA):
        assert [(r.id, r.role) for r in team.list_pitches(member)] == [(alices, Role.VIEWER)]
        with pytest.raises(AccessDenied):
            team.save(member, alices, retitled(pitch, "x"), 2)
    assert team.list_pitches(OLGA) == []
    for outsider in (OLGA, ORG.actor(ISSUER, "eve", "eve@evil-example.com", "Eve"), ORG.actor(ISSUER, "nomail", "", "No mail")):
        with pytest.raises(PitchNotFound):
            team.load(outsider, alices)
    team.share(ALICE, alices, "bob@example.com", Role.EDITOR)
    assert team.record(BOB, alices).role is Role.EDITOR, "a person's own share wins over the organisation's"
    team.revoke_organisation(ALICE, alices)
    assert team.list_pitches(ADA) == [] and team.record(BOB, alices).role is Role.EDITOR


def test_a_library_without_an_organisation_domain_shares_with_people_only(backend, pitch):
    with contextlib.closing(backend.open(Organisation(admins=frozenset({"ada@example.com"})))) as team:
        record = team.create(ALICE, pitch)
        with pytest.raises(StoreError, match="people by e-mail only"):
            team.share_with_organisation(ALICE, record.id)
        team.share(ALICE, record.id, "bob@example.com", Role.VIEWER)
        assert team.load(BOB, record.id)[1] == 1


def test_who_has_access_is_listed_owner_first_for_everyone_who_may_open_it(team, alices):
    team.share(ALICE, alices, "zoe@example.com", Role.EDITOR)
    team.share(ALICE, alices, "bob@example.com", Role.VIEWER)
    team.share_with_organisation(ALICE, alices)
    expected = [("owner", "alice@example.com", Role.OWNER, "Alice"), ("organisation", "example.com", Role.VIEWER, ""),
                ("person", "bob@example.com", Role.VIEWER, ""), ("person", "zoe@example.com", Role.EDITOR, "")]
    for reader in (ALICE, BOB):
        assert [(a.kind, a.address, a.role, a.name) for a in team.access(reader, alices)] == expected


@pytest.mark.parametrize(("email", "role", "says"), [
    ("bob", Role.VIEWER, "not an e-mail address"),
    ("bob@example.com", "owner", "viewer or an editor"),
    ("bob@example.com", "admin", "viewer or an editor"),
    ("Alice@Example.com", Role.EDITOR, "owner's own address"),
])
def test_sharing_is_refused_for_what_is_not_a_person_or_a_role(team, alices, email, role, says):
    with pytest.raises(StoreError, match=says):
        team.share(ALICE, alices, email, role)
    assert len(team.access(ALICE, alices)) == 1


# --- the bin, export all, import all -------------------------------------------------------------------------


def test_the_bin_is_the_owners_and_a_binned_pitch_is_gone_for_everyone_else(team, alices):
    team.share(ALICE, alices, "bob@example.com", Role.EDITOR)
    team.delete(ALICE, alices)
    assert team.list_pitches(BOB) == [] and team.list_pitches(BOB, deleted=True) == []
    assert [r.id for r in team.list_pitches(ALICE, deleted=True)] == [alices]
    with pytest.raises(PitchNotFound) as refused:
        team.load(BOB, alices)
    assert not refused.value.deleted and "not shared with you" in str(refused.value)
    reveals_nothing(refused.value)
    with pytest.raises(PitchNotFound, match="in the bin"):
        team.load(ALICE, alices)
    team.restore_deleted(ALICE, alices)
    assert team.record(BOB, alices).role is Role.EDITOR


def test_export_all_holds_what_i_may_open_and_import_all_makes_mine(team, example_pitches):
    mine = {n: team.create(ALICE, example_pitches[n], name=n).id for n in ("onboarding", "production", "sales_mobile")}
    team.share(ALICE, mine["production"], "bob@example.com", Role.VIEWER)
    team.delete(ALICE, mine["sales_mobile"])
    bobs = team.create(BOB, example_pitches["association_conference"], name="bobs").id

    def exported(actor):
        with zipfile.ZipFile(io.BytesIO(team.export_all(actor))) as archive:
            return sorted(name.rsplit("-", 1)[1].removesuffix(".json") for name in archive.namelist())

    assert exported(ALICE) == sorted([mine["onboarding"], mine["production"]])
    assert exported(BOB) == sorted([mine["production"], bobs])
    assert exported(OLGA) == []
    imported = team.import_pitch(OLGA, dump_pitch(example_pitches["onboarding"]))
    assert (imported.owner_id, imported.role) == (OLGA.id, Role.OWNER)
    assert exported(OLGA) == [imported.id] and imported.id not in exported(ALICE)


def test_a_copy_kept_after_a_conflict_is_mine_and_names_only_what_i_may_see(team, alices, pitch):
    kept = team.save_as_copy(BOB, alices, retitled(pitch, "Bob's pitch"))
    assert kept.owner_id == BOB.id and kept.name == "Bob's pitch (your edit)"
    reveals_nothing(Exception(team.history(BOB, kept.id)[0].summary))


# --- who may use the library at all --------------------------------------------------------------------------


def test_with_sign_in_on_the_local_actor_is_refused_everywhere(team, alices, pitch):
    for attempt in (lambda: team.list_pitches(LOCAL), lambda: team.create(LOCAL, pitch), lambda: team.load(LOCAL, alices),
                    lambda: team.export_all(LOCAL), lambda: team.brand(LOCAL)):
        with pytest.raises(AccessDenied, match="Sign in"):
            attempt()


def test_without_sign_in_a_signed_in_actor_is_refused_and_sharing_makes_no_sense(store, pitch):
    record = store.create(LOCAL, pitch)
    with pytest.raises(AccessDenied, match="Sign-in is off"):
        store.list_pitches(ALICE)
    with pytest.raises(StoreError, match="Sign-in is off"):
        store.share(LOCAL, record.id, "bob@example.com")
    assert store.organisation is None and store.record(LOCAL, record.id).role is Role.OWNER


# --- pitches made before sign-in, and handing over -----------------------------------------------------------


def test_pitches_made_before_sign_in_belong_to_every_administrator_until_handed_over(backend, team, pitch):
    with backend.open() as before:  # the same library, before sign-in was turned on
        old = before.create(LOCAL, pitch, name="Made before sign-in")
        before.save(LOCAL, old.id, retitled(pitch, "Second version"), 1)
    for admin in (ADA, OPS):
        (row,) = team.list_pitches(admin)
        assert (row.id, row.role, row.owner_id) == (old.id, Role.OWNER, BEFORE_SIGN_IN)
    for member in (ALICE, BOB):
        assert team.list_pitches(member) == []
        with pytest.raises(PitchNotFound):
            team.load(member, old.id)
    assert team.save(ADA, old.id, retitled(pitch, "Third, by Ada"), 2) == 3
    assert [listing.author(h) for h in team.history(OPS, old.id)] == ["Ada", "without sign-in", "without sign-in"]

    offered = team.hand_over(ADA, old.id, "Alice@Example.com")
    assert offered.offered_to == "alice@example.com" and offered.owner_id == BEFORE_SIGN_IN
    assert team.list_pitches(ALICE) == [], "it is Alice's only once she takes it"
    assert team.accept_hand_overs(BOB) == []
    (taken,) = team.accept_hand_overs(ALICE)
    assert (taken.id, taken.owner_id, taken.owner_name, taken.offered_to, taken.role) == (old.id, ALICE.id, "Alice", "", Role.OWNER)
    assert team.list_pitches(ADA) == [] and team.list_pitches(OPS) == []
    assert team.accept_hand_overs(ALICE) == [], "taken once"
    assert len(team.history(ALICE, old.id)) == 3


def test_handing_over_between_people_keeps_the_previous_owner_as_an_editor(team, alices, pitch):
    team.share(ALICE, alices, "bob@example.com", Role.VIEWER)
    team.hand_over(ALICE, alices, "bob@example.com")
    assert team.hand_over(ALICE, alices, None).offered_to == "", "an offer can be withdrawn"
    assert team.accept_hand_overs(BOB) == []
    team.hand_over(ALICE, alices, "bob@example.com")
    (taken,) = team.accept_hand_overs(BOB)
    assert taken.owner_id == BOB.id
    assert [(a.kind, a.address, a.role) for a in team.access(BOB, alices)] == [
        ("owner", "bob@example.com", Role.OWNER), ("person", "alice@example.com", Role.EDITOR)]
    assert team.save(ALICE, alices, retitled(pitch, "Alice still edits"), 2) == 3
    with pytest.raises(AccessDenied):
        team.delete(ALICE, alices)
    with pytest.raises(StoreError, match="already belongs"):
        team.hand_over(BOB, alices, "bob@example.com")


def test_pitches_made_with_sign_in_open_without_it_as_before(backend, team, alices):
    """Turning sign-in off again: the one local user may use every pitch, as before sign-in existed."""
    with backend.open() as local:
        assert [r.id for r in local.list_pitches(LOCAL)] == [alices]
        assert local.record(LOCAL, alices).owner_name == "Alice"
        assert local.load(LOCAL, alices)[1] == 2
