"""Every page runs with every example pitch, and on its own with an empty pitch, without an exception or an error box."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ldpitch import examples

# Helpers live in each test file: a second conftest.py beside tests/store's would clash under --doctest-modules.
APP = str(Path(__file__).resolve().parents[2] / "app.py")
PAGES = ["pages/start.py", "pages/initiative.py", "pages/audience.py", "pages/budget.py", "pages/options.py",
         "pages/alignment.py", "pages/readiness.py", "pages/export.py"]


def problems(at: AppTest) -> list[str]:
    """Everything that would show a person that something broke: exceptions and error boxes."""
    return [str(e.value) for e in at.exception] + [str(e.value) for e in at.error]


def open_app(example: str | None = None, page: str | None = None) -> AppTest:
    """The running app, with an example loaded from Start the way a user loads it, on a page."""
    at = AppTest.from_file(APP, default_timeout=30).run()
    if example:
        at.button(key=f"start.example.{example}").click().run()
    if page:
        at.switch_page(page).run()
    assert not problems(at), problems(at)
    return at


@pytest.mark.parametrize("name", examples.names())
def test_every_page_runs_with_every_example(name):
    at = open_app(name)
    for page in PAGES:
        at.switch_page(page).run()
        assert not problems(at), (page, problems(at))
        assert at.title, f"{page} has no title"


@pytest.mark.parametrize("page", PAGES)
def test_every_page_works_on_its_own_with_an_empty_pitch(page):
    at = open_app(page=page)
    assert not problems(at)
    assert at.get("progress"), f"{page} shows no progress indicator"
