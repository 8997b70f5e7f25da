"""Who may do what in the pitch library: the acting user, the organisation, roles, and the pure decision for each action.

Every read and write of the library names its ``Actor``. Without sign-in the
library has one actor, ``LOCAL``, who may do everything (as before sign-in
existed). With sign-in on, the library is opened with the ``Organisation``
and refuses ``LOCAL``: each person acts as themselves, identified by their
identity provider's issuer and subject (never by the e-mail alone).

A pitch has one owner, whoever created or imported it; its owner shares it
with a person by e-mail, as ``VIEWER`` or ``EDITOR``, or with everyone
signed in from the organisation's e-mail domain, as ``VIEWER``. Pitches made
before sign-in was turned on belong to ``BEFORE_SIGN_IN``, which every
administrator acts as until they hand them over.

No database here: the store reads the owner and grants, and these functions decide.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from ldpitch.errors import AccessDenied

#: The owner and author of everything done without sign-in; once sign-in is on, administrators act as it.
BEFORE_SIGN_IN = "ldpitch:before-sign-in"
#: Longest stored actor id (issuer URL + subject), e-mail address and display name.
ACTOR_ID_MAX = 400
EMAIL_MAX = 320
NAME_MAX = 200
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
_DOMAIN = re.compile(r"[a-z0-9-]+(\.[a-z0-9-]+)+")


class Role(StrEnum):
    """What someone may do with a pitch; each role may do everything the ones before it may."""

    VIEWER = "viewer"
    EDITOR = "editor"
    OWNER = "owner"

    @property
    def rank(self) -> int:
        return _RANKS[self]


_RANKS = {Role.VIEWER: 1, Role.EDITOR: 2, Role.OWNER: 3}

#: The role each action on one pitch needs.
NEEDS: dict[str, Role] = {
    "open": Role.VIEWER,         # load, record, history, who has access
    "duplicate": Role.VIEWER,    # the copy is the actor's
    "save": Role.EDITOR,
    "undo": Role.EDITOR,
    "restore": Role.EDITOR,      # an earlier version
    "rename": Role.EDITOR,
    "delete": Role.OWNER,        # move to the bin
    "restore_deleted": Role.OWNER,
    "purge": Role.OWNER,
    "share": Role.OWNER,         # share, change a role, revoke
    "hand_over": Role.OWNER,
}

#: What the owner alone may do, in words, for the message that refuses it.
_OWNER_ONLY = {
    "delete": "move it to the bin", "restore_deleted": "take it out of the bin", "purge": "remove it for good",
    "share": "share it or change who has access", "hand_over": "hand it over to someone else",
}


def normal_email(text: str) -> str:
    """An e-mail address as the library compares it: trimmed, lower case.

    >>> normal_email("  Priya.Shah@Example.COM ")
    'priya.shah@example.com'
    """
    return str(text or "").strip().lower()


def email_domain(email: str) -> str:
    """The domain of an e-mail address ("" when there is none).

    >>> email_domain("priya@example.com"), email_domain("nobody")
    ('example.com', '')
    """
    local, at, domain = normal_email(email).rpartition("@")
    return domain if at and local else ""


def check_email(text: str) -> str:
    """``text`` as an e-mail address to share with (lower case), or ``ValueError`` saying why not.

    >>> check_email(" Dana@Example.com ")
    'dana@example.com'
    """
    email = normal_email(text)
    if len(email) > EMAIL_MAX or not _EMAIL.fullmatch(email):
        raise ValueError(f"'{str(text)[:60]}' is not an e-mail address; share with a person's address, such as dana@example.com.")
    return email


@dataclass(frozen=True)
class Actor:
    """The person acting on the library: a stable id (issuer + subject), e-mail, display name, administrator or not.

    Build a signed-in actor with ``Organisation.actor``; ``LOCAL`` is the one
    actor of a library without sign-in. The e-mail is kept in lower case, so
    addresses that differ only in case are the same person's.

    >>> Actor("https://id.example.com#42", "Priya@Example.com", "Priya").email
    'priya@example.com'
    """

    id: str
    email: str = ""
    name: str = ""
    is_admin: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not self.id.strip() or len(self.id) > ACTOR_ID_MAX:
            raise ValueError("an actor needs a stable id (the identity provider's issuer and subject)")
        object.__setattr__(self, "email", normal_email(self.email)[:EMAIL_MAX])
        object.__setattr__(self, "name", " ".join(str(self.name or "").split())[:NAME_MAX])

    @property
    def local(self) -> bool:
        """Whether this is the actor of a library without sign-in."""
        return self.id == BEFORE_SIGN_IN

    @property
    def domain(self) -> str:
        return email_domain(self.email)

    @property
    def display(self) -> str:
        """How others see this actor: the name, else the e-mail ("" for ``LOCAL``)."""
        return self.name or self.email


#: The one actor of a library without sign-in: owns and may do everything, as before sign-in existed.
LOCAL = Actor(BEFORE_SIGN_IN, "", "", is_admin=True)


@dataclass(frozen=True)
class Organisation:
    """The sign-in settings the library needs: the e-mail domain shared with as a whole, and the administrators' e-mails.

    >>> org = Organisation(domain="@Example.com", admins=frozenset({"Ops@Example.com"}))
    >>> org.domain, org.admins
    ('example.com', frozenset({'ops@example.com'}))
    >>> org.actor("https://id.example.com", "42", "OPS@example.com", "Ops").is_admin
    True
    """

    domain: str = ""
    admins: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        domain = normal_email(self.domain).lstrip("@")
        if domain and not _DOMAIN.fullmatch(domain):
            raise ValueError(f"'{self.domain}' is not an e-mail domain (such as example.com)")
        object.__setattr__(self, "domain", domain)
        object.__setattr__(self, "admins", frozenset(normal_email(a) for a in self.admins if normal_email(a)))

    def actor(self, issuer: str, subject: str, email: str, name: str) -> Actor:
        """The signed-in person (from the identity provider's claims) as an ``Actor``.

        The id is ``issuer#subject`` (an issuer has no fragment, so the two
        never run together); pass the e-mail only if the provider verified it.
        """
        issuer, subject = str(issuer or "").strip(), str(subject or "").strip()
        if not issuer or not subject:
            raise ValueError("a signed-in actor needs the identity provider's issuer and subject")
        actor_id = f"{issuer}#{subject}"
        if actor_id.startswith("ldpitch:"):
            raise ValueError("that issuer is reserved by ldpitch")
        return Actor(actor_id, email, name, is_admin=normal_email(email) in self.admins)

    def is_member(self, actor: Actor) -> bool:
        """Whether ``actor`` signed in with an e-mail of the organisation's domain."""
        return bool(self.domain) and actor.domain == self.domain


@dataclass(frozen=True)
class Grant:
    """One share of a pitch: with a ``person`` (an e-mail) or the ``organisation`` (its domain), as a role."""

    kind: str
    address: str
    role: Role


@dataclass(frozen=True)
class Access:
    """One line of who may open a pitch: its ``owner``, a ``person`` by e-mail, or everyone in the ``organisation``.

    ``address`` is the e-mail or domain ("" for a pitch made before sign-in,
    owned by the administrators); ``name`` the owner's display name.
    """

    kind: str
    address: str
    role: Role
    name: str = ""


PERSON, ORGANISATION, OWNER = "person", "organisation", "owner"


def check_actor(actor: object, organisation: Organisation | None) -> Actor:
    """``actor`` if the library takes it: ``LOCAL`` without sign-in, a signed-in actor with it; else ``AccessDenied``."""
    if not isinstance(actor, Actor):
        raise TypeError(f"the library needs the acting user (an Actor), not {type(actor).__name__}")
    if organisation is None and not actor.local:
        raise AccessDenied("Sign-in is off for this pitch library, so it is used without signing in.")
    if organisation is not None and actor.local:
        raise AccessDenied("Sign in to use the pitch library.")
    return actor


def owns(actor: Actor, owner_id: str) -> bool:
    """Whether ``actor`` is the owner: it is theirs, or it was made before sign-in and they are an administrator."""
    return owner_id == actor.id or (owner_id == BEFORE_SIGN_IN and actor.is_admin)


def role_of(actor: Actor, owner_id: str, grants: Iterable[Grant], organisation: Organisation | None) -> Role | None:
    """The best role ``actor`` has on a pitch owned by ``owner_id`` and shared by ``grants`` (None: they may not open it).

    >>> org = Organisation(domain="example.com")
    >>> dana = org.actor("https://id", "7", "Dana@example.com", "Dana")
    >>> grants = [Grant(PERSON, "dana@example.com", Role.EDITOR), Grant(ORGANISATION, "example.com", Role.VIEWER)]
    >>> role_of(dana, "https://id#1", grants, org), role_of(dana, "https://id#1", grants[1:], org), role_of(dana, "https://id#1", [], org)
    (<Role.EDITOR: 'editor'>, <Role.VIEWER: 'viewer'>, None)
    """
    if organisation is None or actor.local:  # each mode has its own actors (``check_actor``)
        return Role.OWNER if organisation is None and actor.local else None
    if owns(actor, owner_id):
        return Role.OWNER
    best = None
    for grant in grants:
        if grant.kind == PERSON:
            applies = bool(actor.email) and grant.address == actor.email
        else:
            applies = grant.kind == ORGANISATION and organisation.is_member(actor) and grant.address == organisation.domain
        if applies and (best is None or Role(grant.role).rank > best.rank):
            best = Role(grant.role)
    return best


def require(role: Role, action: str) -> None:
    """Raise ``AccessDenied`` unless ``role`` may do ``action`` (one of ``NEEDS``); the message names no pitch."""
    needed = NEEDS[action]
    if role.rank >= needed.rank:
        return
    if needed is Role.OWNER:
        raise AccessDenied(f"Only the owner of this pitch can {_OWNER_ONLY[action]}.")
    raise AccessDenied("You can view this pitch but not change it. Ask its owner to make you an editor, "
                       "or duplicate it to work on a copy of your own.")


def require_admin(actor: Actor) -> None:
    """Raise ``AccessDenied`` unless ``actor`` is an administrator (``LOCAL`` is, without sign-in)."""
    if not actor.is_admin:
        raise AccessDenied("Only administrators can change the organisation's brand; ask one of them.")
