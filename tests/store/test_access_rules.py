"""Who may do what: the pure rules of ldpitch.store.access (actors, the organisation, roles), no database."""

from __future__ import annotations

import pytest

from ldpitch.errors import AccessDenied
from ldpitch.store.access import (
    BEFORE_SIGN_IN,
    LOCAL,
    NEEDS,
    ORGANISATION,
    PERSON,
    Actor,
    Grant,
    Organisation,
    Role,
    check_actor,
    check_email,
    email_domain,
    require,
    require_admin,
    role_of,
)

ORG = Organisation(domain="Example.com", admins=frozenset({"Ada@Example.com"}))
ISSUER = "https://id.example.com"
ALICE = ORG.actor(ISSUER, "alice", "alice@example.com", "Alice")
BOB = ORG.actor(ISSUER, "bob", "Bob@EXAMPLE.com", "Bob")
OLGA = ORG.actor("https://id.other.org", "olga", "olga@other.org", "Olga")
ADA = ORG.actor(ISSUER, "ada", "ada@example.com", "Ada")


def test_a_signed_in_actor_is_known_by_issuer_and_subject_and_their_email_in_lower_case():
    assert (BOB.id, BOB.email, BOB.name, BOB.is_admin) == (f"{ISSUER}#bob", "bob@example.com", "Bob", False)
    assert ADA.is_admin and not ALICE.is_admin
    # The same e-mail from another provider is another person: the id never rests on the e-mail alone.
    assert ORG.actor("https://other-idp.example", "bob", "bob@example.com", "Bob").id != BOB.id


@pytest.mark.parametrize(("issuer", "subject"), [("", "bob"), (ISSUER, ""), ("  ", " "), ("ldpitch:before-sign-in", "x")])
def test_a_signed_in_actor_needs_an_issuer_and_a_subject_and_cannot_pose_as_the_local_one(issuer, subject):
    with pytest.raises(ValueError):
        ORG.actor(issuer, subject, "bob@example.com", "Bob")


def test_the_organisation_keeps_its_domain_and_admins_in_lower_case():
    assert ORG.domain == "example.com" and ORG.admins == frozenset({"ada@example.com"})
    assert Organisation(domain="@example.com").domain == "example.com"
    with pytest.raises(ValueError):
        Organisation(domain="not a domain")


@pytest.mark.parametrize(("email", "member"), [
    ("alice@example.com", True),
    ("ALICE@Example.COM", True),
    ("olga@other.org", False),
    ("eve@evil-example.com", False),        # ends like the domain, is another one
    ("eve@example.com.evil.org", False),    # starts like it
    ("eve@sub.example.com", False),         # a subdomain is not the organisation's domain
    ("", False),
])
def test_only_an_email_of_exactly_the_organisations_domain_is_a_member(email, member):
    assert ORG.is_member(Actor(f"{ISSUER}#x", email, "X")) is member


def test_without_a_domain_nobody_is_a_member():
    assert not Organisation().is_member(ALICE)


OWNER_ID = ALICE.id
TO_BOB = Grant(PERSON, "bob@example.com", Role.VIEWER)
BOB_EDITS = Grant(PERSON, "bob@example.com", Role.EDITOR)
TO_ORG = Grant(ORGANISATION, "example.com", Role.VIEWER)
TO_OTHER_ORG = Grant(ORGANISATION, "other.org", Role.VIEWER)


@pytest.mark.parametrize(("actor", "owner", "grants", "expected"), [
    (ALICE, OWNER_ID, [], Role.OWNER),
    (BOB, OWNER_ID, [], None),
    (BOB, OWNER_ID, [TO_BOB], Role.VIEWER),
    (BOB, OWNER_ID, [BOB_EDITS], Role.EDITOR),
    (BOB, OWNER_ID, [TO_ORG], Role.VIEWER),
    (BOB, OWNER_ID, [TO_ORG, BOB_EDITS], Role.EDITOR),           # the best role wins
    (OLGA, OWNER_ID, [TO_ORG, TO_BOB], None),                    # another domain, another person
    (OLGA, OWNER_ID, [TO_OTHER_ORG], None),                      # only the organisation's own domain counts
    (ADA, OWNER_ID, [], None),                                   # administrators do not see others' pitches
    (ADA, BEFORE_SIGN_IN, [], Role.OWNER),                       # ... but hold those made before sign-in
    (BOB, BEFORE_SIGN_IN, [], None),
    (BOB, BEFORE_SIGN_IN, [BOB_EDITS], Role.EDITOR),
    (LOCAL, BEFORE_SIGN_IN, [], None),                           # LOCAL is not an actor once sign-in is on
])
def test_role_of_an_actor_with_sign_in(actor, owner, grants, expected):
    assert role_of(actor, owner, grants, ORG) is expected


def test_without_sign_in_the_local_actor_owns_everything_and_no_one_else_is_anyone():
    assert role_of(LOCAL, ALICE.id, [], None) is Role.OWNER
    assert role_of(ALICE, ALICE.id, [], None) is None


@pytest.mark.parametrize("action", sorted(NEEDS))
@pytest.mark.parametrize("role", list(Role))
def test_each_role_may_do_what_its_rank_allows_and_is_refused_the_rest(role, action):
    if role.rank >= NEEDS[action].rank:
        require(role, action)
    else:
        with pytest.raises(AccessDenied) as refused:
            require(role, action)
        assert "pitch" in str(refused.value)


@pytest.mark.parametrize(("action", "needs"), [
    ("open", Role.VIEWER), ("duplicate", Role.VIEWER),
    ("save", Role.EDITOR), ("undo", Role.EDITOR), ("restore", Role.EDITOR), ("rename", Role.EDITOR),
    ("delete", Role.OWNER), ("restore_deleted", Role.OWNER), ("purge", Role.OWNER), ("share", Role.OWNER),
    ("hand_over", Role.OWNER),
])
def test_the_role_each_action_needs(action, needs):
    assert NEEDS[action] is needs


def test_a_viewer_is_told_what_they_may_do_instead():
    with pytest.raises(AccessDenied, match="view this pitch but not change it.*duplicate it"):
        require(Role.VIEWER, "save")
    with pytest.raises(AccessDenied, match="Only the owner of this pitch can share it"):
        require(Role.EDITOR, "share")


def test_the_library_takes_local_without_sign_in_and_signed_in_actors_with_it():
    assert check_actor(LOCAL, None) is LOCAL
    assert check_actor(ALICE, ORG) is ALICE
    with pytest.raises(AccessDenied, match="Sign in"):
        check_actor(LOCAL, ORG)
    with pytest.raises(AccessDenied, match="Sign-in is off"):
        check_actor(ALICE, None)
    with pytest.raises(TypeError):
        check_actor("alice@example.com", ORG)


def test_only_administrators_may_change_the_brand():
    require_admin(ADA)
    require_admin(LOCAL)
    with pytest.raises(AccessDenied, match="Only administrators"):
        require_admin(ALICE)


@pytest.mark.parametrize(("text", "expected"), [
    ("dana@example.com", "dana@example.com"),
    ("  Dana@Example.COM ", "dana@example.com"),
    ("dana", None), ("dana@", None), ("@example.com", None), ("dana@example", None), ("da na@example.com", None),
    ("a@b@example.com", None), ("x" * 320 + "@example.com", None),
])
def test_sharing_takes_an_email_address_and_nothing_else(text, expected):
    if expected is None:
        with pytest.raises(ValueError, match="not an e-mail address"):
            check_email(text)
    else:
        assert check_email(text) == expected
    assert email_domain("Dana@Example.com") == "example.com"
