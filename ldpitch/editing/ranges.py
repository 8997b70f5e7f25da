"""How sure a benefit is, as people type it: a low and a high value beside each input, attribution and confidence, and its evidence.

``set_benefit_ranges`` reads the Budget page's form for one benefit line and
returns a new pitch through ``Applied``, like ``set_benefit_inputs``: a bad
value is named in ``problems`` and the pitch is kept as it was. The checks of
a range against its expected value (low above expected, a share above 100%,
equal ends) are the model's own (``ldpitch.pitch.check_range``).
"""

from __future__ import annotations

from datetime import date, datetime

from ldpitch.editing.parse import EditError, fields_of, filled, parse_money, parse_number, replaced
from ldpitch.editing.rows import Applied, Draft
from ldpitch.pitch import TEMPLATES, EvidenceKind, IsolationMethod, Pitch

#: The two shares of a benefit line that may carry a range, typed in percent like the benefits table.
SHARES = ("attribution", "confidence")
#: The evidence form's "nothing recorded" choice.
NOT_RECORDED = "not recorded"


def set_benefit_ranges(pitch: Pitch, index: int, ranges: dict[str, tuple[object, object]], evidence: dict[str, object]) -> Applied:
    """The benefit line at ``index`` with its ranges and its evidence register replaced.

    ``ranges`` maps an input's name, ``"attribution"`` or ``"confidence"`` to the
    (low, high) typed: money as written in the pitch's currency, a share input
    as a fraction (0.35), attribution and confidence in percent (35); both ends
    empty means no range (the scenario spread applies). ``evidence`` holds
    ``kind`` (an ``EvidenceKind`` value, or ``"not recorded"`` for none),
    ``isolation`` (an ``IsolationMethod`` value or empty), ``supplied_by``,
    ``on`` (a date or empty) and ``note``.

    >>> from ldpitch.pitch import Pitch
    >>> p = Pitch.model_validate({"benefits": [{"label": "Deals", "template": "standard_value",
    ...                                         "inputs": {"units_per_year": "20", "value_per_unit": "100"}}]})
    >>> done = set_benefit_ranges(p, 0, {"units_per_year": ("18", "24")}, {"kind": "a pilot", "isolation": "control group"})
    >>> r = done.pitch.benefits[0].ranges["units_per_year"]; (r.low, r.high), done.pitch.benefits[0].evidence.isolation.value
    ((Decimal('18'), Decimal('24')), 'control group')
    >>> set_benefit_ranges(p, 0, {"units_per_year": ("25", "30")}, {}).problems
    ('Units a year: the low value 25 is above the expected value 20',)
    """
    line = pitch.benefits[index]
    t = TEMPLATES[line.template]
    kinds = {i.name: i.kind for i in t.inputs}
    labels = {i.name: i.label for i in t.inputs} | {s: s.capitalize() for s in SHARES}
    name = line.label or t.title
    kept, problems = {}, []
    for key, (low, high) in ranges.items():
        if key not in labels:
            continue
        if not filled(low) and not filled(high):
            continue
        if not (filled(low) and filled(high)):
            problems.append(f"{name}: {labels[key]}: give both the low and the high value, or leave both empty to use the scenario spread")
            continue
        try:
            kept[key] = {"low": _end(pitch, kinds.get(key, "percent"), low), "high": _end(pitch, kinds.get(key, "percent"), high)}
        except EditError as e:
            problems.append(f"{name}: {labels[key]}: {e}")
    try:
        register = _evidence(evidence)
    except EditError as e:
        problems.append(f"{name}: {e}")
    if problems:
        return Applied(pitch, Draft(()), tuple(problems))
    try:
        return Applied(replaced(pitch, f"benefits.{index}", {**fields_of(line), "ranges": kept, "evidence": register}), Draft(()))
    except EditError as e:
        return Applied(pitch, Draft(()), (_plain(str(e)),))


def _end(pitch: Pitch, kind: str, value: object):
    """One end of a range as the model stores it: money parsed in the pitch's currency, percent as a fraction."""
    if kind == "money":
        return parse_money(value, pitch.currency, pitch.locale)
    number = parse_number(value)
    return number / 100 if kind == "percent" else number


def _evidence(form: dict[str, object]) -> dict | None:
    """The evidence register from the form, or ``None`` when its kind is "not recorded"."""
    kind = str(form.get("kind") or NOT_RECORDED)
    if kind == NOT_RECORDED:
        return None
    if kind not in {k.value for k in EvidenceKind}:
        raise EditError(f"evidence: '{kind}' is not one of {', '.join(k.value for k in EvidenceKind)}")
    isolation = str(form.get("isolation") or "").strip() or None
    if isolation is not None and isolation not in {m.value for m in IsolationMethod}:
        raise EditError(f"isolation method: '{isolation}' is not one of {', '.join(m.value for m in IsolationMethod)}")
    on = form.get("on")
    if isinstance(on, datetime):
        on = on.date()
    if filled(on) and not isinstance(on, date):
        try:
            on = date.fromisoformat(str(on).strip()[:10])
        except ValueError:
            raise EditError(f"evidence date: '{on}' is not a date (write it as 2026-03-31)") from None
    return {"kind": kind, "isolation": isolation, "supplied_by": str(form.get("supplied_by") or "").strip(),
            "on": on if filled(on) else None, "note": str(form.get("note") or "").strip()}


def _plain(message: str) -> str:
    """The model's message without the path pydantic puts before it ("Benefits: ...")."""
    return message.split(": ", 1)[1] if message.startswith("Benefits: ") else message
