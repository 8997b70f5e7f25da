"""The wizard's steps, in order: the one list that the app's menu, its links and the findings share (imports nothing).

A step is an id and the title people see for it in the menu and in links.
The six ``checked`` steps build the pitch: the findings name them and
completeness is counted for them (``STEPS``). Start, Export and Track frame
those steps. The app adds each step's page file and icon by id.

>>> [s.id for s in WIZARD]
['start', 'initiative', 'audience', 'budget', 'options', 'alignment', 'readiness', 'export', 'track']
>>> STEPS[2]
('budget', 'Budget and return')
>>> title("track")
'Track results'
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    """One step of the wizard: its id, its title, and whether findings and completeness are counted for it."""

    id: str
    title: str
    checked: bool = True


WIZARD: tuple[Step, ...] = (
    Step("start", "Start", checked=False),
    Step("initiative", "Initiative"),
    Step("audience", "Audience"),
    Step("budget", "Budget and return"),
    Step("options", "Options"),
    Step("alignment", "Alignment and measurement"),
    Step("readiness", "Readiness (RADAR)"),
    Step("export", "Export", checked=False),
    Step("track", "Track results", checked=False),
)

#: The steps that build the pitch, as (id, title) pairs in wizard order: findings and completeness are counted for these.
STEPS: tuple[tuple[str, str], ...] = tuple((s.id, s.title) for s in WIZARD if s.checked)


def title(step_id: str) -> str:
    """The title of the step ``step_id`` (``KeyError`` for an unknown id)."""
    return {s.id: s.title for s in WIZARD}[step_id]


def following(step_id: str) -> Step:
    """The step after ``step_id`` in the wizard (``IndexError`` after the last).

    >>> following("readiness").title
    'Export'
    """
    ids = [s.id for s in WIZARD]
    return WIZARD[ids.index(step_id) + 1]
