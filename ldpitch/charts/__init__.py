"""Describe, then render: chart descriptions, built from the evaluation, and their Altair renderer (imports pitch, engine and format)."""
