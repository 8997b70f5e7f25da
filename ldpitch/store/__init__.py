"""The pitch library: pitches with their whole version history in SQLite or PostgreSQL (the only SQLAlchemy importer)."""
