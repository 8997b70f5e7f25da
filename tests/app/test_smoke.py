"""Every page runs with every example pitch, and on its own with an empty pitch, without an exception or an error box."""

from __future__ import annotations

import pytest
from apptest_support import LIBRARY_PAGE, PAGES, open_app, problems

from ldpitch.pitch import examples


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
    if page != LIBRARY_PAGE:  # the library lists all pitches; the steps show the open pitch's progress
        assert at.get("progress"), f"{page} shows no progress indicator"
