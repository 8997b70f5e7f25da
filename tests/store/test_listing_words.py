"""The history and the list in words, with and without sign-in (pure; no database)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from ldpitch.store.access import BEFORE_SIGN_IN, Role
from ldpitch.store.listing import author, change_line, history_lines, shared, version_label
from ldpitch.store.records import HistoryEntry, PitchRow

NOW = datetime(2027, 3, 15, 12, 0, tzinfo=UTC)
PRIYA = "https://id.example.com#priya"


def entry(version, author_id=BEFORE_SIGN_IN, author_name="", summary="Budget: discount rate changed", minutes=5):
    return HistoryEntry(version, NOW - timedelta(minutes=minutes), summary, "edit", author_id, author_name)


def test_without_sign_in_the_history_looks_as_it_always_did():
    lines = history_lines([entry(2), entry(1, summary="Created")], NOW)
    assert lines[0] == {"Version": 2, "When": "5 minutes ago", "How": "Edit", "What changed": "Budget: discount rate changed"}
    assert version_label(entry(2), NOW) == "Version 2 · 5 minutes ago · Budget: discount rate changed"


def test_once_anyone_signed_in_the_history_names_who_saved_each_version():
    lines = history_lines([entry(3, PRIYA, "Priya"), entry(2)], NOW)
    assert [line["Who"] for line in lines] == ["Priya", "without sign-in"]
    assert list(lines[0]) == ["Version", "When", "How", "Who", "What changed"]
    assert version_label(entry(3, PRIYA, "Priya"), NOW) == "Version 3 · 5 minutes ago · Priya · Budget: discount rate changed"
    assert change_line(entry(3, PRIYA, "Priya", minutes=90), NOW) == "Priya · Budget: discount rate changed · 2 hours ago"


@pytest.mark.parametrize(("author_id", "name", "said"), [
    (PRIYA, "Priya", "Priya"),
    (PRIYA, "", "someone signed in"),
    (BEFORE_SIGN_IN, "", "without sign-in"),
    ("", "", "without sign-in"),
])
def test_who_saved_a_version_in_words(author_id, name, said):
    assert author(entry(1, author_id, name)) == said


def row(role, owner_id=PRIYA, owner_name="Priya"):
    return PitchRow("k3m9x2p7qa", "Coaching", "", "Sales coaching", "CFO", "USD", None, "", 1, NOW, None, role, owner_id, owner_name)


@pytest.mark.parametrize(("listed", "said"), [
    (row(Role.OWNER), ""),
    (row(Role.EDITOR), "Priya's · you can edit it"),
    (row(Role.VIEWER), "Priya's · you can view it"),
    (row(Role.VIEWER, owner_name=""), "Shared · you can view it"),
    (row(Role.EDITOR, BEFORE_SIGN_IN, ""), "Made before sign-in · you can edit it"),
])
def test_a_listed_pitch_says_whose_it_is_when_it_is_not_mine(listed, said):
    assert shared(listed) == said
