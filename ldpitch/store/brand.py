"""The organisation's brand in the database: each save a new version, the highest one current.

The store keeps plain fields and file bytes and checks only that they fit;
whether a template or logo can be used is ``ldpitch.deck``'s to say, and the
shell asks it before saving (the store never imports python-pptx).
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ldpitch.errors import StoreError
from ldpitch.store.access import Actor
from ldpitch.store.changes import describe_brand_change
from ldpitch.store.records import NAME_MAX, Brand, BrandVersion, HistoryEntry, clean_name
from ldpitch.store.schema import SUMMARY_MAX, brand_versions

#: The largest template or logo the library keeps (the deck's own limits are lower).
FILE_MAX_BYTES = 64 * 1024 * 1024
COLOUR_MAX = 32
#: PostgreSQL advisory lock held while saving a brand version, so two administrators saving at once take turns.
_LOCK_KEY = 7_262_002
_TEXT = {"primary": ("primary_colour", COLOUR_MAX), "accent": ("accent_colour", COLOUR_MAX), "font": ("font", NAME_MAX),
         "footer": ("footer", NAME_MAX)}


def checked(brand: Brand) -> Brand:
    """``brand`` with its names on one line, or ``StoreError`` if a field is of the wrong kind or too large to keep."""
    if not isinstance(brand, Brand):
        raise TypeError(f"save_brand takes a Brand, not {type(brand).__name__}")
    for field, (_, longest) in _TEXT.items():
        value = getattr(brand, field)
        if not isinstance(value, str) or len(value) > longest or "\n" in value:
            raise StoreError(f"The brand's {field} is not a line of at most {longest} characters.")
    if not isinstance(brand.slide_numbers, bool):
        raise StoreError("The brand's slide numbers setting is on or off.")
    for part in ("template", "logo"):
        data = getattr(brand, part)
        if data is not None and not isinstance(data, bytes | bytearray):
            raise StoreError(f"The brand's {part} is a file's bytes.")
        if data is not None and len(data) > FILE_MAX_BYTES:
            raise StoreError(f"The brand's {part} is larger than {FILE_MAX_BYTES // 1024 // 1024} MB.")
    return Brand(brand.primary, brand.accent, brand.font, brand.footer, brand.slide_numbers,
                 bytes(brand.template) if brand.template else None, clean_name(brand.template_name),
                 bytes(brand.logo) if brand.logo else None, clean_name(brand.logo_name))


def read(conn: Connection, version: int | None = None) -> BrandVersion | None:
    """The brand at ``version`` (default: the current one); None if there is none."""
    query = sa.select(brand_versions)
    query = query.order_by(brand_versions.c.version.desc()).limit(1) if version is None else query.where(
        brand_versions.c.version == version)
    row = conn.execute(query).first()
    if row is None:
        return None
    brand = Brand(row.primary_colour, row.accent_colour, row.font, row.footer, row.slide_numbers,
                  bytes(row.template) if row.template is not None else None, row.template_name,
                  bytes(row.logo) if row.logo is not None else None, row.logo_name)
    return BrandVersion(row.version, row.saved_at, row.author_id, row.author_name, brand)


def history(conn: Connection) -> list[HistoryEntry]:
    """Every version of the brand, newest first, without the files."""
    rows = conn.execute(sa.select(brand_versions.c.version, brand_versions.c.saved_at, brand_versions.c.summary,
                                  brand_versions.c.author_id, brand_versions.c.author_name)
                        .order_by(brand_versions.c.version.desc()))
    return [HistoryEntry(r.version, r.saved_at, r.summary, "brand", r.author_id, r.author_name) for r in rows]


def write(conn: Connection, actor: Actor, brand: Brand, now: datetime) -> BrandVersion:
    """Save ``brand`` (already ``checked``) as the next version, by ``actor``."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_LOCK_KEY)))
    previous = read(conn)
    number = (previous.version if previous else 0) + 1
    summary = describe_brand_change(previous.brand if previous else None, brand)
    conn.execute(brand_versions.insert().values(
        version=number, saved_at=now, author_id=actor.id, author_name=actor.display, summary=summary[:SUMMARY_MAX],
        primary_colour=brand.primary, accent_colour=brand.accent, font=brand.font, footer=brand.footer,
        slide_numbers=brand.slide_numbers, template=brand.template, template_name=brand.template_name,
        logo=brand.logo, logo_name=brand.logo_name))
    return BrandVersion(number, now, actor.id, actor.display, brand)
