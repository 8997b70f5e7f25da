"""Shared test fixtures, small and generic: build a pitch, write a file, run the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session", autouse=True)
def _pitch_library_outside_the_repository(tmp_path_factory):
    """The app's pitch library lives in a temporary folder during tests: never the repository's data/, never a team database.

    Tests that need a library of their own set ``LDPITCH_DATA_DIR`` (or pass a folder) themselves. Nor does a
    developer's .streamlit/secrets.toml reach the app under test (its ``[auth]`` would turn sign-in on): tests
    that want secrets pass them (``AppTest.secrets``, or a secrets file for a served app).
    """
    from streamlit import config

    no_secrets = str(tmp_path_factory.mktemp("secrets") / "none.toml")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LDPITCH_DATA_DIR", str(tmp_path_factory.mktemp("library")))
        mp.delenv("LDPITCH_DATABASE_URL", raising=False)
        mp.delenv("LDPITCH_SAVING", raising=False)
        mp.setenv("STREAMLIT_SECRETS_FILES", no_secrets)  # for apps served by streamlit run (tests/browser)
        before = config.get_option("secrets.files")
        config.set_option("secrets.files", [no_secrets])  # for AppTest, which runs the app in this process
        yield
        config.set_option("secrets.files", before)


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """A library folder of this test's own, as the app finds it (``LDPITCH_DATA_DIR``)."""
    folder = tmp_path / "data"
    monkeypatch.setenv("LDPITCH_DATA_DIR", str(folder))
    monkeypatch.delenv("LDPITCH_DATABASE_URL", raising=False)
    return folder


@pytest.fixture
def make_pitch():
    """Build a validated ``Pitch`` from keyword fields (schema version 1 is filled in)."""
    from ldpitch.pitch.model import Pitch

    def make(**fields):
        return Pitch.model_validate({"schema_version": 1, **fields})

    return make


@pytest.fixture
def write_file(tmp_path):
    """Write bytes, text or JSON-able data to a file in a temporary folder; return its path."""

    def write(content, name: str = "pitch.json") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_text(json.dumps(content), encoding="utf-8")
        return path

    return write


@pytest.fixture
def run_ldpitch():
    """Run ``python -m ldpitch ARGS...`` as its own process from the repository root."""

    def run(*args, timeout: float = 120) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "ldpitch", *map(str, args)],
            cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=timeout,
        )

    return run
