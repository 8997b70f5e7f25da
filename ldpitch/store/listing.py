"""The pitch library as people read it: list lines, history lines and moments in words.

Pure functions over the plain records the store hands out (``PitchRow``,
``HistoryEntry``); the Library page only shows what these return. With
sign-in, a list line says whose a shared pitch is and what the reader may do
with it, and the history says who saved each version.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ldpitch import format as fmt
from ldpitch.store.access import BEFORE_SIGN_IN, Role
from ldpitch.store.records import HistoryEntry, PitchRow

#: How each kind of version came about, in words.
KINDS = {"created": "Created", "edit": "Edit", "restore": "Restore", "undo": "Undo", "copy": "Copy",
         "duplicate": "Duplicate", "import": "Import", "brand": "Brand"}


def zone(name: str | None) -> tzinfo:
    """The browser's time zone by IANA name (UTC when unknown).

    >>> zone("Europe/Berlin").key, zone("Not/AZone"), zone(None)
    ('Europe/Berlin', datetime.timezone.utc, datetime.timezone.utc)
    """
    try:
        return ZoneInfo(name) if name else UTC
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def when(moment: datetime, now: datetime, tz: tzinfo = UTC) -> str:
    """How long ago ``moment`` was, in words; past yesterday, the date (and time) in ``tz``.

    >>> from datetime import timedelta
    >>> now = datetime(2027, 3, 15, 12, 0, tzinfo=UTC)
    >>> [when(now - d, now) for d in (timedelta(seconds=20), timedelta(minutes=1), timedelta(minutes=5), timedelta(hours=3))]
    ['just now', '1 minute ago', '5 minutes ago', '3 hours ago']
    >>> when(now - timedelta(hours=30), now), when(now - timedelta(days=9), now, zone("Asia/Tokyo"))
    ('yesterday 06:00', 'Mar 6, 2027 21:00')
    """
    seconds = (now - moment).total_seconds()
    if seconds < 45:
        return "just now"
    if seconds < 3600:
        minutes = max(1, round(seconds / 60))
        return f"{minutes} minute{'s' if minutes > 1 else ''} ago"
    local, today = moment.astimezone(tz), now.astimezone(tz).date()
    if seconds < 6 * 3600 or local.date() == today:
        hours = max(1, round(seconds / 3600))
        return f"{hours} hour{'s' if hours > 1 else ''} ago"
    if (today - local.date()).days == 1:
        return f"yesterday {local:%H:%M}"
    return f"{fmt.date(local.date())} {local:%H:%M}"


@dataclass(frozen=True)
class ListLine:
    """One pitch of the library as the list shows it."""

    id: str
    name: str
    about: str
    changed: str
    roi: str
    version: int
    shared: str = ""


def list_lines(rows: Iterable[PitchRow], now: datetime, tz: tzinfo = UTC) -> list[ListLine]:
    """The library list: name, what it is about (initiative and audience), when it last changed, headline ROI, whose."""
    return [ListLine(r.id, r.name, about(r), when(r.deleted_at or r.updated_at, now, tz), roi(r), r.version, shared(r))
            for r in rows]


def shared(row: PitchRow) -> str:
    """Whose a listed pitch is and what the reader may do with it ("" for their own).

    >>> from dataclasses import replace
    >>> row = PitchRow("k3", "x", "", "", "", "USD", None, "", 1, None, None, Role.VIEWER, "https://id#7", "Priya")
    >>> shared(row), shared(replace(row, role=Role.EDITOR, owner_id=BEFORE_SIGN_IN, owner_name="")), shared(replace(row, role=Role.OWNER))
    ("Priya's · you can view it", 'Made before sign-in · you can edit it', '')
    """
    if row.role is Role.OWNER:
        return ""
    whose = f"{row.owner_name}'s" if row.owner_name else ("Made before sign-in" if row.owner_id == BEFORE_SIGN_IN else "Shared")
    return f"{whose} · you can {'edit' if row.role is Role.EDITOR else 'view'} it"


def about(row: PitchRow) -> str:
    """The initiative and the audience of a listed pitch, or a hint that they are still to fill in.

    >>> from decimal import Decimal
    >>> row = PitchRow("k3m9x2p7qa", "Coaching", "", "Sales coaching", "CFO", "USD", Decimal("120"), "", 3, None, None)
    >>> about(row)
    'Sales coaching · for CFO'
    >>> about(row.__class__(*("k3", "x", "", "", "", "USD", None, "", 1, None, None)))
    'Initiative and audience still to fill in'
    """
    parts = [row.initiative_name.strip() or row.title.strip()]
    if row.primary_audience.strip():
        parts.append(f"for {row.primary_audience.strip()}")
    shown = " · ".join(p for p in parts if p)
    return shown or "Initiative and audience still to fill in"


def roi(row: PitchRow) -> str:
    """The headline ROI of a listed pitch, or why there is none yet.

    >>> from decimal import Decimal
    >>> row = PitchRow("k3", "x", "", "", "", "USD", Decimal("212.5"), "", 1, None, None)
    >>> roi(row), roi(row.__class__(*("k3", "x", "", "", "", "USD", None, "no costs yet", 1, None, None)))
    ('ROI 212.5%', 'ROI n/a (no costs yet)')
    """
    if row.roi_percent is None:
        return f"ROI {fmt.NOT_AVAILABLE}" + (f" ({row.roi_note})" if row.roi_note else "")
    return f"ROI {fmt.percent(row.roi_percent)}"


def matches(row: PitchRow, query: str) -> bool:
    """Whether a listed pitch matches the words typed in the search box (every word, anywhere, any case).

    >>> from decimal import Decimal
    >>> row = PitchRow("k3m9x2p7qa", "Coaching", "", "Sales coaching", "CFO", "USD", None, "", 1, None, None)
    >>> matches(row, "sales cfo"), matches(row, "onboarding"), matches(row, "  ")
    (True, False, True)
    """
    text = " ".join((row.name, row.title, row.initiative_name, row.primary_audience, row.id)).lower()
    return all(word in text for word in query.lower().split())


def author(entry: HistoryEntry) -> str:
    """Who saved a version, in words: their name, or that it was saved without sign-in.

    >>> from datetime import datetime
    >>> at = datetime(2027, 3, 15, 10, 42, tzinfo=UTC)
    >>> author(HistoryEntry(2, at, "x", "edit", "https://id#7", "Priya")), author(HistoryEntry(1, at, "x", "created", BEFORE_SIGN_IN))
    ('Priya', 'without sign-in')
    """
    if entry.author_name:
        return entry.author_name
    return "without sign-in" if entry.author_id in (BEFORE_SIGN_IN, "") else "someone signed in"


def signed(entries: Iterable[HistoryEntry]) -> bool:
    """Whether anyone signed in saved one of ``entries`` (then the history names who saved each)."""
    return any(e.author_id not in (BEFORE_SIGN_IN, "") for e in entries)


def history_lines(entries: Iterable[HistoryEntry], now: datetime, tz: tzinfo = UTC) -> list[dict[str, str | int]]:
    """The version history as table rows, newest first: version, when, how, what changed (and who, once anyone signed in)."""
    entries = list(entries)
    who = signed(entries)
    return [{"Version": e.version, "When": when(e.saved_at, now, tz), "How": KINDS.get(e.kind, e.kind.title()),
             **({"Who": author(e)} if who else {}), "What changed": e.summary} for e in entries]


def change_line(entry: HistoryEntry, now: datetime, tz: tzinfo = UTC) -> str:
    """One version as a sentence of who changed what, and when.

    >>> from datetime import timedelta
    >>> now = datetime(2027, 3, 15, 12, 0, tzinfo=UTC)
    >>> change_line(HistoryEntry(4, now - timedelta(minutes=5), "Budget: discount rate changed", "edit", "https://id#7", "Priya"), now)
    'Priya · Budget: discount rate changed · 5 minutes ago'
    """
    return f"{author(entry)} · {entry.summary} · {when(entry.saved_at, now, tz)}"


def version_label(entry: HistoryEntry, now: datetime, tz: tzinfo = UTC) -> str:
    """A version as a choice in a list: number, when, who (once anyone signed in), and what changed."""
    who = f" · {author(entry)}" if signed([entry]) else ""
    return f"Version {entry.version} · {when(entry.saved_at, now, tz)}{who} · {entry.summary}"
