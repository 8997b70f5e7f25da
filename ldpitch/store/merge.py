"""Apply one edit again on top of another: what "load theirs and re-apply my change" does after a save conflict.

``reapply`` is pure. It takes the version both edits started from (``base``),
the edit that lost the conflict (``mine``) and the version saved since
(``theirs``), and carries every part ``mine`` changed over to ``theirs``.
Parts are compared field by field down through nested parts (the initiative's
name, the RADAR's resistance score); a list (costs, stakeholders, ...) is one
part. Where both edits changed the same part differently, theirs is kept and
the part is named in ``clashes``, so the shell can keep ``mine`` as a copy and
neither edit is lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from ldpitch.pitch import Pitch
from ldpitch.store.changes import SECTIONS

_SECTION_OF = {field: section for section, fields in SECTIONS.items() for field in fields}


@dataclass(frozen=True)
class Reapplied:
    """``theirs`` with ``mine``'s changes carried over, and the parts where both changed the same thing."""

    pitch: Pitch
    clashes: tuple[str, ...]


def reapply(base: Pitch, mine: Pitch, theirs: Pitch) -> Reapplied:
    """Carry the changes from ``base`` to ``mine`` over to ``theirs``.

    >>> from ldpitch.pitch.model import Initiative
    >>> base = Pitch(title="Coaching")
    >>> mine = base.model_copy(update={"title": "Sales coaching"})
    >>> theirs = base.model_copy(update={"initiative": Initiative(name="Field coaching")})
    >>> r = reapply(base, mine, theirs)
    >>> r.pitch.title, r.pitch.initiative.name, r.clashes
    ('Sales coaching', 'Field coaching', ())
    >>> reapply(base, mine, base.model_copy(update={"title": "Coaching 2027"})).clashes
    ('Pitch: title',)
    """
    old, new, merged = (p.model_dump(mode="json") for p in (base, mine, theirs))
    clashes: list[str] = []
    _carry(old, new, merged, (), clashes)
    try:
        pitch = Pitch.model_validate(merged)
    except ValidationError:  # parts that are fine alone but not together (a rare cross-field rule): keep theirs whole
        return Reapplied(theirs, ("the pitch as a whole",))
    return Reapplied(pitch, tuple(clashes))


def _carry(old: dict, new: dict, into: dict, path: tuple[str, ...], clashes: list[str]) -> None:
    for key, mine in new.items():
        before = old.get(key)
        if mine == before:
            continue
        theirs = into.get(key)
        if theirs in (before, mine):
            into[key] = mine
        elif isinstance(mine, dict) and isinstance(before, dict) and isinstance(theirs, dict):
            _carry(before, mine, theirs, (*path, key), clashes)
        else:
            clashes.append(_label((*path, key)))


def _label(path: tuple[Any, ...]) -> str:
    """A part as the history names it, by page.

    >>> _label(("initiative", "name")), _label(("costs",)), _label(("radar", "resistance", "score"))
    ('Initiative: name', 'Budget: costs', 'Readiness: radar resistance score')
    """
    section = _SECTION_OF.get(path[0], "Pitch")
    words = [str(p).replace("_", " ") for p in path]
    if len(words) > 1 and words[0].lower() == section.lower():
        words = words[1:]
    return f"{section}: {' '.join(words)}"
