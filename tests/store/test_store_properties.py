"""Properties: undo behaves like an undo stack over any mix of saves, restores and undos; summaries are honest."""

from __future__ import annotations

import shutil
import tempfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from ldpitch.errors import NothingToUndo
from ldpitch.pitch import examples
from ldpitch.store import LOCAL
from ldpitch.store.changes import describe_change
from ldpitch.store.library import open_store

BASE = examples.load("sales_mobile")
titles = st.text(alphabet="abcxyz", min_size=1, max_size=6)


class LibraryMatchesAnUndoStack(RuleBasedStateMachine):
    """The library (SQLite) against a model: every version ever saved, and a stack of states undo walks back."""

    def __init__(self):
        super().__init__()
        self.folder = tempfile.mkdtemp(prefix="ldpitch-prop-")
        self.store = open_store(data_dir=self.folder)
        self.id = self.store.create(LOCAL, BASE).id
        self.versions = [BASE.title]  # versions[n - 1]: the title of version n
        self.stack = [BASE.title]

    def teardown(self):
        self.store.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    @rule(title=titles)
    def save(self, title):
        if title == self.versions[-1]:
            return  # saving what is saved writes nothing (another test covers it)
        version = self.store.save(LOCAL, self.id, BASE.model_copy(update={"title": title}), len(self.versions))
        self.versions.append(title)
        self.stack.append(title)
        assert version == len(self.versions)

    @precondition(lambda self: len(self.versions) > 1)
    @rule(data=st.data())
    def restore(self, data):
        version = data.draw(st.integers(1, len(self.versions)))
        if self.versions[version - 1] == self.versions[-1]:
            return
        assert self.store.restore(LOCAL, self.id, version) == len(self.versions) + 1
        self.versions.append(self.versions[version - 1])
        self.stack.append(self.versions[-1])

    @rule()
    def undo(self):
        if len(self.stack) == 1:
            try:
                self.store.undo(LOCAL, self.id)
            except NothingToUndo:
                return
            raise AssertionError("undo at the start of the history should say there is nothing to undo")
        self.store.undo(LOCAL, self.id)
        self.stack.pop()
        self.versions.append(self.stack[-1])

    @invariant()
    def current_pitch_is_the_top_of_the_stack(self):
        pitch, version = self.store.load(LOCAL, self.id)
        assert (pitch.title, version) == (self.stack[-1], len(self.versions))
        assert self.store.record(LOCAL, self.id).can_undo == (len(self.stack) > 1)

    @invariant()
    def history_has_every_version_once(self):
        assert [h.version for h in self.store.history(LOCAL, self.id)] == list(range(len(self.versions), 0, -1))


TestLibraryMatchesAnUndoStack = LibraryMatchesAnUndoStack.TestCase
TestLibraryMatchesAnUndoStack.settings = settings(max_examples=25, stateful_step_count=15, deadline=None,
                                                  suppress_health_check=[HealthCheck.too_slow])


pitches = st.builds(
    lambda title, costs, stakeholders: BASE.model_copy(update={"title": title, "costs": costs, "stakeholders": stakeholders}),
    st.sampled_from([BASE.title, "Other title"]),
    st.permutations(BASE.costs).flatmap(lambda costs: st.integers(0, len(costs)).map(lambda n: costs[:n])),
    st.lists(st.sampled_from(BASE.stakeholders), unique_by=lambda s: s.name, max_size=len(BASE.stakeholders)),
)


@settings(max_examples=200, deadline=None)
@given(pitches, pitches)
def test_describe_change_says_no_change_exactly_when_nothing_changed(old, new):
    text = describe_change(old, new)
    assert (text == "No change") == (old == new)
    assert len(text) < 300
