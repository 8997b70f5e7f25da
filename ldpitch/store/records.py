"""The plain data the pitch library hands out: records, list rows, history entries, the brand, and pitch ids.

No database here: the shell can check an id from the page URL, or show a
record, without importing SQLAlchemy.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from ldpitch.pitch import Pitch
from ldpitch.store.access import Role

#: The longest pitch name (as long as any one-line field of a pitch).
NAME_MAX = 200

#: Letters of a pitch id: lower case and digits without the look-alikes 0, 1, i, l, o (ids are read aloud and typed).
ID_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
ID_LENGTH = 10
_ID_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,32}")


def new_id() -> str:
    """A fresh pitch id: 10 URL-safe characters, about 2^49 possibilities.

    >>> len(new_id()), set(new_id()) <= set(ID_ALPHABET)
    (10, True)
    """
    return "".join(secrets.choice(ID_ALPHABET) for _ in range(ID_LENGTH))


def is_pitch_id(text: object) -> bool:
    """Whether ``text`` could be a pitch id (a URL's query parameter is checked before it reaches the database).

    >>> is_pitch_id("k3m9x2p7qa"), is_pitch_id("'; drop table--"), is_pitch_id("")
    (True, False, False)
    """
    return isinstance(text, str) and _ID_PATTERN.fullmatch(text) is not None


@dataclass(frozen=True)
class PitchRecord:
    """A pitch in the library: its id, name and current version (the pitch itself comes from ``load``), as the actor sees it.

    ``role`` is the acting user's (owner, editor or viewer); ``owner_id`` and
    ``owner_name`` say whose it is (``BEFORE_SIGN_IN`` and "" for a pitch made
    without sign-in); ``offered_to`` the e-mail it is being handed over to.
    """

    id: str
    name: str
    version: int
    created_at: datetime
    updated_at: datetime
    deleted_at: datetime | None = None
    can_undo: bool = False
    role: Role = Role.OWNER
    owner_id: str = ""
    owner_name: str = ""
    offered_to: str = ""


@dataclass(frozen=True)
class PitchRow:
    """One line of the library list, read from columns written at save time (no evaluation)."""

    id: str
    name: str
    title: str
    initiative_name: str
    primary_audience: str
    currency: str
    roi_percent: Decimal | None
    roi_note: str
    version: int
    updated_at: datetime
    deleted_at: datetime | None
    role: Role = Role.OWNER
    owner_id: str = ""
    owner_name: str = ""


@dataclass(frozen=True)
class HistoryEntry:
    """One saved version: when, what changed, how it came about (created, edit, restore, undo, ...) and who saved it.

    ``author_id`` is the actor's stable id (``BEFORE_SIGN_IN`` without sign-in),
    ``author_name`` their display name when they saved it.
    """

    version: int
    saved_at: datetime
    summary: str
    kind: str
    author_id: str = ""
    author_name: str = ""


@dataclass(frozen=True)
class Brand:
    """The organisation's brand as the library keeps it: plain fields and file bytes, checked by the shell before saving.

    The shell passes the template and logo through ``ldpitch.deck``'s
    ``load_template`` and ``load_logo`` and the colours and font through its
    ``Branding`` before saving them here, and builds a ``Branding`` from them
    for each export. Empty fields mean "the default".
    """

    primary: str = ""
    accent: str = ""
    font: str = ""
    footer: str = ""
    slide_numbers: bool = True
    template: bytes | None = field(default=None, repr=False)
    template_name: str = ""
    logo: bytes | None = field(default=None, repr=False)
    logo_name: str = ""


@dataclass(frozen=True)
class BrandVersion:
    """One saved version of the organisation's brand: its number, when, who saved it, and the brand."""

    version: int
    saved_at: datetime
    author_id: str
    author_name: str
    brand: Brand


def default_name(pitch: Pitch) -> str:
    """The name a new pitch gets when none is given: its title, else its initiative, else "Untitled pitch"."""
    return clean_name(pitch.title) or clean_name(pitch.initiative.name) or "Untitled pitch"


def clean_name(name: str | None) -> str:
    """A name on one line, spaces folded, at most 200 characters.

    >>> clean_name("  Board    pitch ")
    'Board pitch'
    """
    return " ".join((name or "").split())[:NAME_MAX]


def slug(name: str) -> str:
    """A file-name-safe form of a pitch name.

    >>> slug("Sales coaching: Q3 / EMEA")
    'sales-coaching-q3-emea'
    """
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60] or "pitch"
