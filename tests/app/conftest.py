"""Fixtures the app tests share."""

from __future__ import annotations

import pytest


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """A library folder of this test's own, as the app finds it (``LDPITCH_DATA_DIR``)."""
    folder = tmp_path / "data"
    monkeypatch.setenv("LDPITCH_DATA_DIR", str(folder))
    monkeypatch.delenv("LDPITCH_DATABASE_URL", raising=False)
    return folder
