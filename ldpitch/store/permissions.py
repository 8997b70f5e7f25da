"""Who may open a pitch, as operations of the library: sharing with people and the organisation, revoking, handing over.

The rules are ``access``'s and the rows ``sharing``'s; each operation here is
one transaction of the ``Ledger``, checked like every other use of a pitch.
"""

from __future__ import annotations

import sqlalchemy as sa

from ldpitch.errors import StoreError
from ldpitch.store import sharing
from ldpitch.store.access import ORGANISATION, PERSON, Access, Actor, Role, check_email
from ldpitch.store.ledger import Ledger, utc_now
from ldpitch.store.records import PitchRecord
from ldpitch.store.schema import pitches


class Permissions(Ledger):
    """The sharing operations of ``PitchStore``."""

    # --- who may open it ---------------------------------------------------------------------------

    def access(self, actor: Actor, pitch_id: str) -> list[Access]:
        """Who may open the pitch: its owner, the organisation if it is shared with it, then people by e-mail."""
        actor = self._actor(actor)
        with self._tx(write=False) as conn:
            row, _ = self._allowed(conn, actor, pitch_id, "open", live=False)
            return sharing.access_list(row, sharing.grants(conn, pitch_id))

    def share(self, actor: Actor, pitch_id: str, email: str, role: Role | str = Role.VIEWER) -> list[Access]:
        """Let the person signing in with ``email`` open the pitch as ``role`` (viewer or editor), or change their role.

        The owner only; e-mails are compared without regard to case. Returns who has access now.
        """
        actor = self._actor(actor)
        self._needs_sign_in("share a pitch")
        granted = _share_role(role)
        try:
            address = check_email(email)
        except ValueError as e:
            raise StoreError(str(e)) from None
        with self._tx(write=True) as conn:
            row, _ = self._allowed(conn, actor, pitch_id, "share", for_update=True)
            if address == row.owner_email:
                raise StoreError("That is the owner's own address: the owner can always open the pitch.")
            sharing.put_grant(conn, actor, pitch_id, PERSON, address, granted, utc_now())
            return sharing.access_list(row, sharing.grants(conn, pitch_id))

    def share_with_organisation(self, actor: Actor, pitch_id: str) -> list[Access]:
        """Let everyone signed in with an e-mail of the organisation's domain open the pitch, as viewers; the owner only."""
        actor = self._actor(actor)
        self._needs_sign_in("share a pitch")
        domain = self._organisation.domain
        if not domain:
            raise StoreError("No organisation e-mail domain is set, so a pitch can be shared with people by e-mail only.")
        with self._tx(write=True) as conn:
            row, _ = self._allowed(conn, actor, pitch_id, "share", for_update=True)
            sharing.put_grant(conn, actor, pitch_id, ORGANISATION, domain, Role.VIEWER, utc_now())
            return sharing.access_list(row, sharing.grants(conn, pitch_id))

    def revoke(self, actor: Actor, pitch_id: str, email: str) -> list[Access]:
        """Stop sharing the pitch with the person signing in with ``email``; the owner only. Returns who has access now."""
        return self._unshare(actor, pitch_id, PERSON, str(email or "").strip().lower())

    def revoke_organisation(self, actor: Actor, pitch_id: str) -> list[Access]:
        """Stop sharing the pitch with everyone in the organisation (people it is shared with by e-mail keep it)."""
        actor = self._actor(actor)
        self._needs_sign_in("share a pitch")
        return self._unshare(actor, pitch_id, ORGANISATION, self._organisation.domain)

    def hand_over(self, actor: Actor, pitch_id: str, email: str | None) -> PitchRecord:
        """Offer the pitch to the person signing in with ``email``; they become its owner when they next sign in.

        Until then the current owner keeps it (``None`` withdraws the offer).
        An administrator hands over the pitches made before sign-in this way.
        """
        actor = self._actor(actor)
        self._needs_sign_in("hand a pitch over")
        address = None
        if email is not None:
            try:
                address = check_email(email)
            except ValueError as e:
                raise StoreError(str(e)) from None
        with self._tx(write=True) as conn:
            row, _ = self._allowed(conn, actor, pitch_id, "hand_over", for_update=True)
            if address is not None and address == row.owner_email:
                raise StoreError("The pitch already belongs to that address.")
            conn.execute(sa.update(pitches).where(pitches.c.id == pitch_id).values(offered_to=address))
        return self.record(actor, pitch_id)

    def accept_hand_overs(self, actor: Actor) -> list[PitchRecord]:
        """Make ``actor`` the owner of every pitch handed over to their e-mail (the shell calls this at sign-in).

        A previous owner who signed in with an e-mail keeps editor access.
        """
        actor = self._actor(actor)
        if self._organisation is None:
            return []
        with self._tx(write=True) as conn:
            taken = sharing.take_offered(conn, actor, utc_now())
        return [self.record(actor, pitch_id) for pitch_id in taken]

    def _needs_sign_in(self, what: str) -> None:
        if self._organisation is None:
            raise StoreError(f"Sign-in is off for this pitch library, so there is no one to {what} with or to.")

    def _unshare(self, actor: Actor, pitch_id: str, kind: str, address: str) -> list[Access]:
        actor = self._actor(actor)
        self._needs_sign_in("share a pitch")
        with self._tx(write=True) as conn:
            row, _ = self._allowed(conn, actor, pitch_id, "share", for_update=True, live=False)
            sharing.drop_grant(conn, pitch_id, kind, address)
            return sharing.access_list(row, sharing.grants(conn, pitch_id))


def _share_role(role: Role | str) -> Role:
    """The role a share gives: viewer or editor (the owner is one person, changed by ``hand_over``)."""
    try:
        granted = Role(role)
    except ValueError:
        granted = None
    if granted not in (Role.VIEWER, Role.EDITOR):
        raise StoreError(f"A pitch is shared with a viewer or an editor, not '{str(role)[:20]}'.")
    return granted
