"""The pitch library: pitches with their whole version history in SQLite or PostgreSQL (the only SQLAlchemy importer)."""

from ldpitch.fronts import front

__all__, __getattr__, __dir__ = front(__name__, {
    "Access": "access",
    "Actor": "access",
    "BEFORE_SIGN_IN": "access",
    "Brand": "records",
    "BrandVersion": "records",
    "DATA_DIR_VARIABLE": "database",
    "LOCAL": "access",
    "Organisation": "access",
    "PitchRecord": "records",
    "PitchStore": "library",
    "Role": "access",
    "URL_VARIABLE": "database",
    "describe_change": "changes",
    "is_pitch_id": "records",
    "listing": "",
    "open_store": "library",
    "reapply": "merge",
})
