"""Example pitches: realistic pitch files that the app, the command line, the tests and the benchmarks all load.

Each example is a pitch file (``<name>.json``) beside this module, read through
``ldpitch.pitch.files.load_pitch`` like any upload, so an example can never drift
from the model without a test failing. They cover the seeds' situations:
sales enablement on mobile, new-hire onboarding with several delivery options,
production training, and an association's annual conference.

>>> names()
['association_conference', 'onboarding', 'production', 'sales_mobile']
>>> load("sales_mobile").currency
'USD'
"""

from __future__ import annotations

import json
from pathlib import Path

from ldpitch.errors import UnknownExample
from ldpitch.pitch.files import load_pitch
from ldpitch.pitch.model import Pitch

__all__ = ["largest", "load", "names", "path", "rows", "title"]

_HERE = Path(__file__).parent


def names() -> list[str]:
    """The names of the example pitches, sorted.

    >>> "onboarding" in names()
    True
    """
    return sorted(p.stem for p in _HERE.glob("*.json"))


def path(name: str) -> Path:
    """The pitch file of the example called ``name``; ``UnknownExample`` lists the valid names.

    >>> path("production").name
    'production.json'
    >>> path("nope")
    Traceback (most recent call last):
    ...
    ldpitch.errors.UnknownExample: There is no example pitch called 'nope'; choose one of: association_conference, onboarding, production, sales_mobile.
    """
    known = names()
    if name not in known:
        raise UnknownExample(f"There is no example pitch called {name!r}; choose one of: {', '.join(known)}.")
    return _HERE / f"{name}.json"


def load(name: str) -> Pitch:
    """The example called ``name`` as a validated ``Pitch``, read like any uploaded pitch file.

    A new ``Pitch`` on every call, so changing one loaded example never touches another.

    >>> load("onboarding").organisation
    'Brightwater Home Insurance'
    """
    return load_pitch(path(name).read_bytes())


def title(name: str) -> str:
    """The example's title, for a picker (read without validating the whole pitch).

    >>> title("production")
    'First time right: standard-work training on the shop floor'
    """
    return json.loads(path(name).read_text(encoding="utf-8"))["title"]


def rows(pitch: Pitch) -> int:
    """How many rows a pitch holds: the items of every list in it, plus each stakeholder's
    KPIs, pain points and objections and each option's scores.

    A rough size that benchmarks and ``largest`` use.

    >>> from ldpitch.pitch.model import Stakeholder
    >>> rows(Pitch(stakeholders=[Stakeholder(name="CFO", kpis=["Margin"])]))
    2
    """
    lists = (getattr(pitch, field) for field in Pitch.model_fields)
    count = sum(len(value) for value in lists if isinstance(value, list))
    count += sum(len(s.kpis) + len(s.pain_points) + len(s.objections) for s in pitch.stakeholders)
    count += sum(len(o.scores) for o in pitch.options)
    return count


def largest() -> str:
    """The name of the example with the most rows overall (the benchmarks' worst realistic case).

    >>> largest()
    'onboarding'
    """
    return max(names(), key=lambda n: (rows(load(n)), n))
