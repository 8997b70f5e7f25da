"""One pitch version's figures, derived once and reused: its evaluation, its scenarios, its tornado and its simulation.

``analyse(pitch)`` is what the app, the deck, the workbook, the store and
the CLI ask for. It returns an immutable ``Analysis`` whose parts are
computed on first use (a page that shows no tornado never pays for one) and
then kept, so the deck's sections, the charts and the notes share one
evaluation, one set of scenarios and one tornado.

An equal pitch gets the same ``Analysis`` back: a rerun of a page with no
change, or the autosave, the page and the export of one version, do no
engine work after the first. Equal means equal as a pitch file (the JSON
dump, in which ``7.5`` and ``7.50`` differ, as they may on a slide); a few
recent versions are kept, the least recently used dropped first. The
figures are pure functions of the pitch, so reusing them changes nothing
but the time taken. The very pitch object asked about again (a page asks
several times a run) is found without dumping it again (a Pitch is frozen).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from ldpitch.engine.evaluation import Evaluation, evaluate
from ldpitch.engine.finance import Undefined
from ldpitch.engine.sensitivity import Scenario, TornadoBar, scenarios, tornado
from ldpitch.pitch import Pitch

if TYPE_CHECKING:
    from ldpitch.engine.simulation import Simulation

#: How many pitch versions keep their analysis: a room of people each on a version or two.
KEPT_VERSIONS = 64


@dataclass(frozen=True, eq=False)
class Analysis:
    """Every figure of one pitch version; each part is derived on first use, once."""

    pitch: Pitch

    @cached_property
    def evaluation(self) -> Evaluation:
        """The expected case: every money figure (``evaluate``)."""
        return evaluate(self.pitch)

    @cached_property
    def scenarios(self) -> tuple[Scenario, ...]:
        """Conservative, expected and optimistic cases; the expected one is ``evaluation`` itself."""
        return tuple(scenarios(self.pitch, self.evaluation))

    @cached_property
    def tornado(self) -> tuple[TornadoBar, ...] | Undefined:
        """Every input that moves ROI, widest bar first (take the first few for a chart), or why there is none."""
        bars = tornado(self.pitch, top=None, base=self.evaluation)
        return bars if isinstance(bars, Undefined) else tuple(bars)

    @cached_property
    def simulation(self) -> Simulation:
        """The Monte Carlo view with the default trials and seed (``simulate``): p10, p50, p90 and the chances."""
        from ldpitch.engine.simulation import simulate  # numpy is loaded only when a simulation is asked for

        return simulate(self.pitch, expected=self.evaluation)


_kept: OrderedDict[str, Analysis] = OrderedDict()
_asked: OrderedDict[int, tuple[Pitch, Analysis]] = OrderedDict()  # id(pitch) -> the pitch (kept alive, so the id stays its own)
_lock = threading.Lock()


def analyse(pitch: Pitch) -> Analysis:
    """The ``Analysis`` of ``pitch``: the one already made for an equal pitch, else a new one (kept for next time)."""
    with _lock:
        asked = _asked.get(id(pitch))
        if asked is not None and asked[0] is pitch:
            return asked[1]
    key = pitch.model_dump_json()
    with _lock:
        found = _kept.get(key)
        if found is not None:
            _kept.move_to_end(key)
        else:
            found = _kept[key] = Analysis(pitch)
            while len(_kept) > KEPT_VERSIONS:
                _kept.popitem(last=False)
        _asked[id(pitch)] = (pitch, found)
        while len(_asked) > KEPT_VERSIONS:
            _asked.popitem(last=False)
    return found
