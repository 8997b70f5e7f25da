"""Owners and shares in the database: each pitch's role for an actor, the pitches an actor may see, shares, hand-overs.

The rules are ``access``'s; this module reads and writes the rows they
decide on, inside the caller's transaction (``PitchStore`` opens it).
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ldpitch.store.access import (
    BEFORE_SIGN_IN,
    ORGANISATION,
    OWNER,
    PERSON,
    Access,
    Actor,
    Grant,
    Organisation,
    Role,
    owns,
    role_of,
)
from ldpitch.store.schema import pitches, shares


def grants(conn: Connection, pitch_id: str) -> list[Grant]:
    """Every share of the pitch."""
    rows = conn.execute(sa.select(shares.c.kind, shares.c.address, shares.c.role).where(shares.c.pitch_id == pitch_id))
    return [Grant(r.kind, r.address, Role(r.role)) for r in rows]


def role(conn: Connection, actor: Actor, row, organisation: Organisation | None) -> Role | None:
    """``actor``'s role on the pitch of ``row`` (a row of ``pitches``); None if they may not open it.

    A pitch in the bin is its owner's alone: to everyone it was shared with it
    is as if it did not exist.
    """
    if organisation is None or owns(actor, row.owner_id):
        found = role_of(actor, row.owner_id, (), organisation)
    else:
        found = role_of(actor, row.owner_id, grants(conn, row.id), organisation)
    if found is not None and found is not Role.OWNER and row.deleted_at is not None:
        return None
    return found


def _grantee(actor: Actor, organisation: Organisation) -> sa.ColumnElement[bool]:
    """The shares that reach ``actor``: by their e-mail, or to their organisation's domain."""
    reach = []
    if actor.email:
        reach.append(sa.and_(shares.c.kind == PERSON, shares.c.address == actor.email))
    if organisation.is_member(actor):
        reach.append(sa.and_(shares.c.kind == ORGANISATION, shares.c.address == organisation.domain))
    return sa.or_(*reach) if reach else sa.false()


def owned(actor: Actor) -> sa.ColumnElement[bool]:
    """The pitches ``actor`` owns (with those made before sign-in, for an administrator)."""
    ids = [actor.id, BEFORE_SIGN_IN] if actor.is_admin else [actor.id]
    return pitches.c.owner_id.in_(ids)


def visible(actor: Actor, organisation: Organisation) -> sa.ColumnElement[bool]:
    """The pitches ``actor`` may open: theirs, and those shared with them."""
    shared = sa.select(shares.c.pitch_id).where(_grantee(actor, organisation))
    return sa.or_(owned(actor), pitches.c.id.in_(shared))


def shared_roles(conn: Connection, actor: Actor, organisation: Organisation) -> dict[str, Role]:
    """The best role each share gives ``actor``, by pitch id."""
    best: dict[str, Role] = {}
    for pitch_id, granted in conn.execute(sa.select(shares.c.pitch_id, shares.c.role).where(_grantee(actor, organisation))):
        granted = Role(granted)
        if pitch_id not in best or granted.rank > best[pitch_id].rank:
            best[pitch_id] = granted
    return best


def row_role(actor: Actor, owner_id: str, shared: dict[str, Role], pitch_id: str) -> Role | None:
    """A listed pitch's role for ``actor``: owner, else what its shares give them."""
    return Role.OWNER if owns(actor, owner_id) else shared.get(pitch_id)


def access_list(row, found: list[Grant]) -> list[Access]:
    """Who may open the pitch of ``row``: its owner, then the organisation, then people by e-mail."""
    owner = Access(OWNER, row.owner_email, Role.OWNER, row.owner_name)
    org = [Access(g.kind, g.address, g.role) for g in found if g.kind == ORGANISATION]
    people = sorted((Access(g.kind, g.address, g.role) for g in found if g.kind == PERSON), key=lambda a: a.address)
    return [owner, *org, *people]


def put_grant(conn: Connection, actor: Actor, pitch_id: str, kind: str, address: str, granted: Role, now: datetime) -> None:
    """Share the pitch with ``address`` as ``granted``, replacing the role it had (the caller holds the pitch's row lock)."""
    drop_grant(conn, pitch_id, kind, address)
    conn.execute(shares.insert().values(pitch_id=pitch_id, kind=kind, address=address, role=granted.value, granted_at=now,
                                        granted_by=actor.id))


def drop_grant(conn: Connection, pitch_id: str, kind: str, address: str) -> None:
    conn.execute(sa.delete(shares).where(shares.c.pitch_id == pitch_id, shares.c.kind == kind, shares.c.address == address))


def take_offered(conn: Connection, actor: Actor, now: datetime) -> list[str]:
    """Make ``actor`` the owner of every pitch handed over to their e-mail; return those pitches' ids.

    Each gives its previous owner, if they signed in with an e-mail, editor
    access, and drops the share it had with ``actor`` (an owner needs none).
    """
    if not actor.email:
        return []
    offered = conn.execute(
        sa.select(pitches.c.id, pitches.c.owner_id, pitches.c.owner_email)
        .where(pitches.c.offered_to == actor.email).order_by(pitches.c.id).with_for_update()
    ).all()
    for pitch_id, previous_id, previous_email in offered:
        conn.execute(sa.update(pitches).where(pitches.c.id == pitch_id).values(
            owner_id=actor.id, owner_name=actor.display, owner_email=actor.email, offered_to=None))
        drop_grant(conn, pitch_id, PERSON, actor.email)
        if previous_id != BEFORE_SIGN_IN and previous_email and previous_email != actor.email:
            put_grant(conn, actor, pitch_id, PERSON, previous_email, Role.EDITOR, now)
    return [pitch_id for pitch_id, _, _ in offered]
