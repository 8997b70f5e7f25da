"""The pitch library's tables and the ordered, versioned migrations that create and upgrade them.

The database records which migrations it has had in ``ldpitch_schema_migrations``
(one row per step). Opening a library runs the steps it lacks, in order, each in
its own transaction with its row, so a step is applied completely or not at all;
two processes opening the same library at once take turns (SQLite: the write
lock; PostgreSQL: an advisory lock). A step is never edited once released: a
change to the tables is a new step at the end of ``MIGRATIONS``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.schema import CreateColumn
from sqlalchemy.types import TypeDecorator

from ldpitch.engine import Undefined, analyse
from ldpitch.errors import LdpitchError, StoreUnavailable
from ldpitch.pitch import Pitch, parse_json, pitch_from_data
from ldpitch.store.access import ACTOR_ID_MAX, BEFORE_SIGN_IN, EMAIL_MAX
from ldpitch.store.database import transaction
from ldpitch.store.records import NAME_MAX


class UtcDateTime(TypeDecorator):
    """A moment in UTC: aware ``datetime`` in and out on every backend (SQLite keeps no zone)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


SUMMARY_MAX = 500

# The tables as the latest migration leaves them; the queries in ``store`` use these.
metadata = sa.MetaData()

migrations_table = sa.Table(
    "ldpitch_schema_migrations", metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("description", sa.String(200), nullable=False),
    sa.Column("applied_at", UtcDateTime, nullable=False),
)

pitches = sa.Table(
    "ldpitch_pitches", metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("name", sa.String(NAME_MAX), nullable=False),
    sa.Column("created_at", UtcDateTime, nullable=False),
    sa.Column("updated_at", UtcDateTime, nullable=False),
    sa.Column("current_version", sa.Integer, nullable=False),
    sa.Column("deleted_at", UtcDateTime, nullable=True),
    # Headline figures, copied from the current version at save time (migration 2) so the library list needs no evaluation.
    sa.Column("title", sa.String(NAME_MAX), nullable=False, server_default=""),
    sa.Column("initiative_name", sa.String(NAME_MAX), nullable=False, server_default=""),
    sa.Column("primary_audience", sa.String(NAME_MAX), nullable=False, server_default=""),
    sa.Column("currency", sa.String(3), nullable=False, server_default=""),
    sa.Column("roi_percent", sa.String(64), nullable=True),
    sa.Column("roi_note", sa.String(300), nullable=False, server_default=""),
    # Whose it is (migration 3): the actor who created or imported it; BEFORE_SIGN_IN for pitches made without sign-in.
    sa.Column("owner_id", sa.String(ACTOR_ID_MAX), nullable=False),
    sa.Column("owner_name", sa.String(NAME_MAX), nullable=False, server_default=""),
    sa.Column("owner_email", sa.String(EMAIL_MAX), nullable=False, server_default=""),
    # The e-mail of the person it is being handed over to (they take it when they next sign in).
    sa.Column("offered_to", sa.String(EMAIL_MAX), nullable=True),
    sa.Index("ix_ldpitch_pitches_updated_at", "updated_at"),
    sa.Index("ix_ldpitch_pitches_owner_id", "owner_id"),
)

versions = sa.Table(
    "ldpitch_versions", metadata,
    sa.Column("pitch_id", sa.String(32), sa.ForeignKey("ldpitch_pitches.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("saved_at", UtcDateTime, nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("summary", sa.String(SUMMARY_MAX), nullable=False),
    # The version an undo from this one goes back to (None: nothing to undo).
    sa.Column("undo_to", sa.Integer, nullable=True),
    sa.Column("pitch_schema", sa.Integer, nullable=False),
    sa.Column("body", sa.Text, nullable=False),
    sa.Column("body_sha256", sa.String(64), nullable=False),
    # Who saved it (migration 3): the actor's stable id and display name at the time.
    sa.Column("author_id", sa.String(ACTOR_ID_MAX), nullable=False),
    sa.Column("author_name", sa.String(NAME_MAX), nullable=False, server_default=""),
)

# Who else may open a pitch (migration 3): a person by e-mail, or everyone signed in from the organisation's domain.
shares = sa.Table(
    "ldpitch_shares", metadata,
    sa.Column("pitch_id", sa.String(32), sa.ForeignKey("ldpitch_pitches.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("kind", sa.String(20), primary_key=True),  # "person" or "organisation"
    sa.Column("address", sa.String(EMAIL_MAX), primary_key=True),  # a lower-case e-mail or domain
    sa.Column("role", sa.String(20), nullable=False),  # "viewer" or "editor"
    sa.Column("granted_at", UtcDateTime, nullable=False),
    sa.Column("granted_by", sa.String(ACTOR_ID_MAX), nullable=False),
    sa.Index("ix_ldpitch_shares_grantee", "kind", "address"),
)

# The organisation's brand (migration 3): each save a new version, the highest one current.
brand_versions = sa.Table(
    "ldpitch_brand_versions", metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("saved_at", UtcDateTime, nullable=False),
    sa.Column("author_id", sa.String(ACTOR_ID_MAX), nullable=False),
    sa.Column("author_name", sa.String(NAME_MAX), nullable=False),
    sa.Column("summary", sa.String(SUMMARY_MAX), nullable=False),
    sa.Column("primary_colour", sa.String(32), nullable=False),
    sa.Column("accent_colour", sa.String(32), nullable=False),
    sa.Column("font", sa.String(NAME_MAX), nullable=False),
    sa.Column("footer", sa.String(NAME_MAX), nullable=False),
    sa.Column("slide_numbers", sa.Boolean, nullable=False),
    sa.Column("template", sa.LargeBinary, nullable=True),
    sa.Column("template_name", sa.String(NAME_MAX), nullable=False),
    sa.Column("logo", sa.LargeBinary, nullable=True),
    sa.Column("logo_name", sa.String(NAME_MAX), nullable=False),
)


def listing_columns(pitch: Pitch) -> dict[str, str | None]:
    """The headline columns the library list shows for ``pitch``: names, primary audience, ROI %."""
    try:
        roi = analyse(pitch).evaluation.roi_percent  # the version the page shows: its figures are usually derived already
    except (ArithmeticError, LdpitchError, ValueError) as e:
        # A figure the engine cannot compute must never stop a save: the list shows the reason instead.
        roi = Undefined(f"could not be computed ({type(e).__name__})")
    if not isinstance(roi, Undefined) and len(str(roi)) > 64:
        roi = Undefined("too large to show in the list")
    return {
        "title": pitch.title,
        "initiative_name": pitch.initiative.name,
        "primary_audience": pitch.primary_audience,
        "currency": pitch.currency,
        "roi_percent": None if isinstance(roi, Undefined) else str(roi),
        "roi_note": roi.reason[:300] if isinstance(roi, Undefined) else "",
    }


# --- migrations --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    apply: Callable[[Connection], None]


def _v1_pitches_and_versions(conn: Connection) -> None:
    # Frozen copy of the tables as version 1 made them: later steps change them, this never does.
    v1 = sa.MetaData()
    sa.Table(
        "ldpitch_pitches", v1,
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("created_at", UtcDateTime, nullable=False),
        sa.Column("updated_at", UtcDateTime, nullable=False),
        sa.Column("current_version", sa.Integer, nullable=False),
        sa.Column("deleted_at", UtcDateTime, nullable=True),
    )
    sa.Table(
        "ldpitch_versions", v1,
        sa.Column("pitch_id", sa.String(32), sa.ForeignKey("ldpitch_pitches.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("saved_at", UtcDateTime, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("summary", sa.String(500), nullable=False),
        sa.Column("undo_to", sa.Integer, nullable=True),
        sa.Column("pitch_schema", sa.Integer, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("body_sha256", sa.String(64), nullable=False),
    )
    v1.create_all(conn)


_V2_COLUMNS = ("title", "initiative_name", "primary_audience", "currency", "roi_percent", "roi_note")


def _v2_headline_figures(conn: Connection) -> None:
    frozen = sa.Table(
        "ldpitch_pitches", sa.MetaData(),
        sa.Column("updated_at", UtcDateTime, nullable=False),
        sa.Column("title", sa.String(200), nullable=False, server_default=""),
        sa.Column("initiative_name", sa.String(200), nullable=False, server_default=""),
        sa.Column("primary_audience", sa.String(200), nullable=False, server_default=""),
        sa.Column("currency", sa.String(3), nullable=False, server_default=""),
        sa.Column("roi_percent", sa.String(64), nullable=True),
        sa.Column("roi_note", sa.String(300), nullable=False, server_default=""),
    )
    for name in _V2_COLUMNS:
        _add_column(conn, frozen.c[name])
    sa.Index("ix_ldpitch_pitches_updated_at", frozen.c.updated_at).create(conn)
    # Fill the new columns from each pitch's current version.
    p = sa.table("ldpitch_pitches", sa.column("id"), sa.column("current_version"), *(sa.column(c) for c in _V2_COLUMNS))
    v = sa.table("ldpitch_versions", sa.column("pitch_id"), sa.column("version"), sa.column("body"))
    rows = conn.execute(sa.select(p.c.id, v.c.body).join(v, (v.c.pitch_id == p.c.id) & (v.c.version == p.c.current_version)))
    for pitch_id, body in rows.all():
        try:
            pitch = pitch_from_data(parse_json(body))
        except LdpitchError:
            continue  # an unreadable version keeps blank headline columns; the list still shows its name
        figures = listing_columns(pitch)
        conn.execute(sa.update(p).where(p.c.id == pitch_id).values({c: figures[c] for c in _V2_COLUMNS}))


def _v3_owners_sharing_authors_and_brand(conn: Connection) -> None:
    # Every pitch and version already saved was made without sign-in: BEFORE_SIGN_IN owns and wrote it, so once
    # sign-in is on the administrators hold those pitches until they hand them over. Nothing else is touched.
    frozen = sa.MetaData()
    pitches_v3 = sa.Table(
        "ldpitch_pitches", frozen,
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("owner_id", sa.String(400), nullable=False, server_default=BEFORE_SIGN_IN),
        sa.Column("owner_name", sa.String(200), nullable=False, server_default=""),
        sa.Column("owner_email", sa.String(320), nullable=False, server_default=""),
        sa.Column("offered_to", sa.String(320), nullable=True),
    )
    versions_v3 = sa.Table(
        "ldpitch_versions", frozen,
        sa.Column("author_id", sa.String(400), nullable=False, server_default=BEFORE_SIGN_IN),
        sa.Column("author_name", sa.String(200), nullable=False, server_default=""),
    )
    for column in (*(pitches_v3.c[n] for n in ("owner_id", "owner_name", "owner_email", "offered_to")),
                   versions_v3.c.author_id, versions_v3.c.author_name):
        _add_column(conn, column)
    sa.Index("ix_ldpitch_pitches_owner_id", pitches_v3.c.owner_id).create(conn)
    sa.Table(
        "ldpitch_shares", frozen,
        sa.Column("pitch_id", sa.String(32), sa.ForeignKey("ldpitch_pitches.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("kind", sa.String(20), primary_key=True),
        sa.Column("address", sa.String(320), primary_key=True),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("granted_at", UtcDateTime, nullable=False),
        sa.Column("granted_by", sa.String(400), nullable=False),
        sa.Index("ix_ldpitch_shares_grantee", "kind", "address"),
    ).create(conn)
    sa.Table(
        "ldpitch_brand_versions", frozen,
        sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("saved_at", UtcDateTime, nullable=False),
        sa.Column("author_id", sa.String(400), nullable=False),
        sa.Column("author_name", sa.String(200), nullable=False),
        sa.Column("summary", sa.String(500), nullable=False),
        sa.Column("primary_colour", sa.String(32), nullable=False),
        sa.Column("accent_colour", sa.String(32), nullable=False),
        sa.Column("font", sa.String(200), nullable=False),
        sa.Column("footer", sa.String(200), nullable=False),
        sa.Column("slide_numbers", sa.Boolean, nullable=False),
        sa.Column("template", sa.LargeBinary, nullable=True),
        sa.Column("template_name", sa.String(200), nullable=False),
        sa.Column("logo", sa.LargeBinary, nullable=True),
        sa.Column("logo_name", sa.String(200), nullable=False),
    ).create(conn)


def _add_column(conn: Connection, column: sa.Column) -> None:
    """``ALTER TABLE ... ADD COLUMN`` with the column spelled by the connection's own dialect."""
    spec = CreateColumn(column).compile(dialect=conn.dialect)
    table = conn.dialect.identifier_preparer.quote(column.table.name)
    conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN {spec}")


#: Every migration, in order; the database's version is the highest one it has had.
MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "pitches and their versions", _v1_pitches_and_versions),
    Migration(2, "headline figures for the library list", _v2_headline_figures),
    Migration(3, "owners, sharing, authors of versions and the organisation's brand", _v3_owners_sharing_authors_and_brand),
)
LATEST = MIGRATIONS[-1].version
#: PostgreSQL advisory lock held while migrating, so replicas starting together take turns.
_LOCK_KEY = 7_262_001


def schema_version(conn: Connection) -> int:
    """The highest migration the database has had (0 for an empty database)."""
    if not sa.inspect(conn).has_table(migrations_table.name):
        return 0
    return conn.scalar(sa.select(sa.func.max(migrations_table.c.version))) or 0


def upgrade(engine: Engine, target: int | None = None) -> list[int]:
    """Apply the migrations the database lacks, up to ``target`` (default: all); return those applied."""
    target = LATEST if target is None else target
    with transaction(engine, write=False) as conn:
        found = schema_version(conn)
    if found > LATEST:
        raise StoreUnavailable(
            f"This pitch library was last opened by a newer ldpitch (library format {found}; this one knows up to "
            f"{LATEST}). Update ldpitch to use it; nothing in the library was changed."
        )
    applied = []
    for step in MIGRATIONS:
        if step.version <= found or step.version > target:
            continue
        with transaction(engine, write=True) as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_LOCK_KEY)))
            migrations_table.create(conn, checkfirst=True)
            if schema_version(conn) >= step.version:
                continue  # another process applied it while this one waited for the lock
            step.apply(conn)
            conn.execute(migrations_table.insert().values(
                version=step.version, description=step.description, applied_at=datetime.now(UTC)))
        applied.append(step.version)
    return applied
