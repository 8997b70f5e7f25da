"""What the AppTest files share: the app's path, its pages (from the app's own list), and how a test opens it.

A module rather than a conftest.py: a second conftest.py beside tests/store's
would clash under --doctest-modules.
"""

from __future__ import annotations

import sys
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import ui  # noqa: E402 - the shell package lives next to app.py

APP = str(ROOT / "app.py")
#: Every page of the app, in menu order, as st.navigation gets them (Library sits after Start).
PAGES = [page.path for page in ui.menu()]
LIBRARY_PAGE = ui.LIBRARY_PAGE


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


def delta(edited=None, added=None, deleted=None) -> dict:
    """What a data editor holds after a user's edits (AppTest cannot type into the grid)."""
    return {"edited_rows": edited or {}, "added_rows": added or [], "deleted_rows": deleted or []}
