"""The pitch library in Chromium: an edit survives a reload and a server restart; the URL names the pitch; replicas share PostgreSQL.

Each test serves the app itself (``server.AppServer``) with a library folder of
its own, so it can stop and start the server; the browser fixtures come from
test_wizard (no conftest.py here: see that module).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect
from server import AppServer, free_port

# The fixtures come from test_wizard (no conftest.py here: a second subfolder conftest clashes under --doctest-modules).
from test_wizard import (  # noqa: F401
    base_url,
    browser_context_args,
    browser_type_launch_args,
    go,
    load_example,
    no_errors,
    screenshot,
    settle,
)

from ldpitch.pitch import examples
from ldpitch.store import LOCAL, open_store

pytestmark = pytest.mark.browser
NAME = "Initiative name"


def open_app(page, url: str, settle) -> None:  # noqa: F811
    page.goto(url)
    page.wait_for_selector('[data-testid="stAppViewContainer"]', state="attached")
    settle(page)


def type_into(page, settle, label: str, text: str) -> None:  # noqa: F811
    field = page.get_by_label(label, exact=True)
    field.fill(text)
    field.press("Enter")
    settle(page)


def pitch_in_url(page) -> str:
    return page.url.split("pitch=")[1].split("&")[0] if "pitch=" in page.url else ""


def test_an_edit_survives_a_reload_and_a_server_restart(page, settle, tmp_path, screenshot):  # noqa: F811
    server = AppServer(tmp_path / "data", name="streamlit-library")
    try:
        load_example(page, server.start(), settle)
        pitch_id = pitch_in_url(page)
        assert pitch_id, "loading an example names the new library entry in the URL"
        go(page, settle, "Initiative")
        assert pitch_in_url(page) == pitch_id, "the id survives a page switch"
        type_into(page, settle, NAME, "Coaching that survives a refresh")
        expect(page.get_by_test_id("stSidebar").get_by_text("version 2")).to_be_visible()

        page.reload()
        settle(page)
        expect(page.get_by_label(NAME, exact=True)).to_have_value("Coaching that survives a refresh")

        server.stop()
        server.start()  # same port and library folder: the same URL works again
        page.reload()
        page.wait_for_selector('[data-testid="stAppViewContainer"]', state="attached")
        settle(page)
        expect(page.get_by_label(NAME, exact=True)).to_have_value("Coaching that survives a refresh")
        assert pitch_in_url(page) == pitch_id
        no_errors(page)
    finally:
        server.stop()


def test_undo_in_the_sidebar_and_the_library_page(page, settle, tmp_path, screenshot):  # noqa: F811
    with AppServer(tmp_path / "data", name="streamlit-library") as server:
        with open_store(data_dir=server.data_dir) as store:
            for name in ("onboarding", "production", "association_conference"):
                store.create(LOCAL, examples.load(name))
        load_example(page, server.url, settle)
        go(page, settle, "Initiative")
        type_into(page, settle, NAME, "A name to undo")
        page.get_by_test_id("stSidebar").get_by_role("button", name="Undo").click()
        settle(page)
        expect(page.get_by_label(NAME, exact=True)).to_have_value(examples.load("sales_mobile").initiative.name)
        go(page, settle, "Library")
        expect(page.get_by_text("All pitches (4)")).to_be_visible()
        no_errors(page)
        screenshot(page, "library")
        go(page, settle, "Start")
        expect(page.get_by_text("Carry on with a saved pitch")).to_be_visible()
        screenshot(page, "start-with-library")


def _postgres():
    """tests/store's PostgreSQL server helper (a conftest module is not importable by name: load it from its file)."""
    path = Path(__file__).resolve().parents[1] / "store" / "conftest.py"
    spec = importlib.util.spec_from_file_location("ldpitch_store_postgres", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while being made
    spec.loader.exec_module(module)
    return module._postgres()


def test_two_app_processes_on_postgresql_share_the_library(page, settle, tmp_path):  # noqa: F811
    with _postgres() as pg:
        url = pg.url("postgres")
        with AppServer(tmp_path / "a", database_url=url, port=free_port(), name="streamlit-replica-a") as a, \
                AppServer(tmp_path / "b", database_url=url, port=free_port(), name="streamlit-replica-b") as b:
            load_example(page, a.url, settle)
            pitch_id = pitch_in_url(page)
            open_app(page, f"{b.url}/initiative?pitch={pitch_id}", settle)
            expect(page.get_by_label(NAME, exact=True)).to_have_value(examples.load("sales_mobile").initiative.name)
            type_into(page, settle, NAME, "Saved through the second replica")
            open_app(page, f"{a.url}/initiative?pitch={pitch_id}", settle)
            expect(page.get_by_label(NAME, exact=True)).to_have_value("Saved through the second replica")
            no_errors(page)
