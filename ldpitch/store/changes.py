"""What changed between two versions of a pitch (or of the organisation's brand), in a few words, for the version history.

``describe_change`` is pure: it compares two ``Pitch`` values and names the
changes the way the wizard's pages name things ("Budget: cost 'Licences'
amount changed"), so a history entry says what the user did without opening it.
"""

from __future__ import annotations

from collections import Counter

from pydantic import BaseModel

from ldpitch.pitch import Pitch
from ldpitch.store.records import Brand

#: The wizard page each top-level field of a pitch lives on, in page order.
SECTIONS: dict[str, tuple[str, ...]] = {
    "Pitch": ("title", "organisation", "presenter", "currency", "locale"),
    "Initiative": ("initiative", "objective", "learner_groups", "milestones"),
    "Audience": ("stakeholders", "primary_audience"),
    "Budget": ("horizon_years", "discount_rate", "scenario_spread", "costs", "funding", "benefits", "intangibles"),
    "Options": ("options", "criteria", "recommended_option"),
    "Alignment": ("goals", "measures"),
    "Readiness": ("radar",),
    "Track": ("actuals",),
}

#: What one row of each list is called on its page.
_NOUNS = {
    "learner_groups": "learner group", "milestones": "milestone", "stakeholders": "stakeholder",
    "costs": "cost", "funding": "funding source", "benefits": "benefit", "intangibles": "intangible benefit",
    "options": "option", "criteria": "criterion", "goals": "goal", "measures": "measure", "actuals": "KPI actual",
}
_PLURALS = {"criterion": "criteria"}
#: Nested parts whose field names need their part's name in front to make sense.
_PREFIXES = {"objective": "objective "}
_LABELS = {"kpis": "KPIs", "why_it_matters": "why it matters"}
#: At most this many changes are spelled out; the rest are counted.
MAX_SHOWN = 3


def describe_change(old: Pitch, new: Pitch) -> str:
    """Say in a few words what changed from ``old`` to ``new``, by page.

    >>> from ldpitch.pitch.model import CostLine, Pitch, Stakeholder
    >>> old = Pitch(costs=[CostLine(category="content and licences", label="Licences", amount=100)])
    >>> new_cost = CostLine(category="content and licences", label="Licences", amount=120)
    >>> describe_change(old, old.model_copy(update={"costs": [new_cost]}))
    "Budget: cost 'Licences' amount changed"
    >>> describe_change(old, old.model_copy(update={"stakeholders": [Stakeholder(name="CFO")], "title": "Coaching"}))
    "Pitch: title changed; Audience: stakeholder 'CFO' added"
    >>> describe_change(old, old)
    'No change'
    """
    by_section: dict[str, list[str]] = {}
    for section, fields in SECTIONS.items():
        settings, phrases = [], []
        for field in fields:
            before, after = getattr(old, field), getattr(new, field)
            if before == after:
                continue
            if field in _NOUNS:
                phrases.extend(_list_changes(_NOUNS[field], before, after))
            elif isinstance(after, BaseModel):
                prefix = _PREFIXES.get(field, "")
                settings.extend(prefix + label for label in _changed_fields(before, after))
            else:
                settings.append(_label(field))
        if settings:
            phrases.insert(0, f"{_join(settings)} changed")
        if phrases:
            by_section[section] = phrases
    if not by_section:
        return "No change"
    total = sum(len(p) for p in by_section.values())
    shown, parts = 0, []
    for section, phrases in by_section.items():
        take = phrases[: MAX_SHOWN - shown]
        if take:
            parts.append(f"{section}: {', '.join(take)}")
            shown += len(take)
    more = total - shown
    tail = f" and {more} more change{'s' if more > 1 else ''}" if more else ""
    return "; ".join(parts) + tail


def _label(field: str) -> str:
    return _LABELS.get(field, field.replace("_", " "))


def _join(words: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``, ``a, b and 3 more``."""
    if len(words) > 3:
        return f"{words[0]}, {words[1]} and {len(words) - 2} more"
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def _changed_fields(old: BaseModel, new: BaseModel) -> list[str]:
    """Labels of the fields that differ; nested parts name the inner field (``resistance score``)."""
    labels = []
    for field in type(new).model_fields:
        before, after = getattr(old, field), getattr(new, field)
        if before == after:
            continue
        if isinstance(after, BaseModel) and isinstance(before, BaseModel):
            labels.extend(f"{_label(field)} {inner}" for inner in _changed_fields(before, after))
        else:
            labels.append(_label(field))
    return labels


def _key(item: BaseModel) -> str:
    """What a row is called: its name, label, source, goal or measure (a cost with no label: its category)."""
    if hasattr(item, "on") and hasattr(item, "measure"):
        return f"{item.measure} on {item.on.isoformat()}"
    for attr in ("name", "label", "source", "goal", "measure", "objection"):
        value = getattr(item, attr, "")
        if value:
            return value
    category = getattr(item, "category", None)
    return str(category) if category is not None else ""


def _named(noun: str, key: str) -> str:
    short = key if len(key) <= 40 else key[:39] + "…"
    return f"{noun} '{short}'" if short else noun


def _list_changes(noun: str, old: list[BaseModel], new: list[BaseModel]) -> list[str]:
    """Rows added, removed, renamed, changed or reordered, matched by their names."""
    if len(old) == len(new):
        if sorted(x.model_dump_json() for x in old) == sorted(x.model_dump_json() for x in new):
            return [f"{_PLURALS.get(noun, noun + 's')} reordered"]
        old_keys, new_keys = Counter(map(_key, old)), Counter(map(_key, new))
        if old_keys != new_keys:
            # Same number of rows but different names: compare row by row (a rename is the usual case).
            phrases = []
            for before, after in zip(old, new, strict=True):
                if before == after:
                    continue
                fields = _changed_fields(before, after)
                if _key(before) != _key(after) and len(fields) == 1:
                    phrases.append(f"{_named(noun, _key(before))} renamed to '{_key(after)}'")
                else:
                    phrases.append(f"{_named(noun, _key(after))} {_join(fields)} changed")
            return phrases
    old_keys, new_keys = Counter(map(_key, old)), Counter(map(_key, new))
    added = list((new_keys - old_keys).elements())
    removed = list((old_keys - new_keys).elements())
    phrases = _counted(noun, added, "added") + _counted(noun, removed, "removed")
    first_old = {}
    for item in old:
        first_old.setdefault(_key(item), item)
    seen = set()
    for item in new:
        key = _key(item)
        before = first_old.get(key)
        if key in seen or before is None or before == item:
            continue
        seen.add(key)
        phrases.append(f"{_named(noun, key)} {_join(_changed_fields(before, item))} changed")
    # Rows that share a name can differ in ways matching by name cannot place.
    return phrases or [f"{_PLURALS.get(noun, noun + 's')} changed"]


def _counted(noun: str, keys: list[str], what: str) -> list[str]:
    if len(keys) > 2:
        return [f"{len(keys)} {_PLURALS.get(noun, noun + 's')} {what}"]
    return [f"{_named(noun, key)} {what}" for key in keys]


#: The parts of the organisation's brand, in the order the history names them.
_BRAND_PARTS = (("template", ("template", "template_name")), ("logo", ("logo", "logo_name")),
                ("colours", ("primary", "accent")), ("font", ("font",)), ("footer", ("footer",)),
                ("slide numbers", ("slide_numbers",)))


def describe_brand_change(old: Brand | None, new: Brand) -> str:
    """Say which parts of the organisation's brand changed (``old`` None: the first brand).

    >>> describe_brand_change(None, Brand(template=b"PK", template_name="acme.pptx"))
    'First brand: template acme.pptx'
    >>> describe_brand_change(Brand(font="Arial"), Brand(font="Inter", primary="#0A3D62"))
    'Colours and font changed'
    >>> describe_brand_change(Brand(logo=b"x"), Brand())
    'Logo removed'
    """
    if old is None:
        files = [f"{part} {getattr(new, part + '_name') or 'uploaded'}" for part in ("template", "logo") if getattr(new, part)]
        return "First brand" + (f": {', '.join(files)}" if files else "")
    changed, removed = [], []
    for part, fields in _BRAND_PARTS:
        if all(getattr(old, f) == getattr(new, f) for f in fields):
            continue
        if part in ("template", "logo") and getattr(old, part) and not getattr(new, part):
            removed.append(part)
        else:
            changed.append(part)
    said = "; ".join(f"{_join(words)} {what}" for words, what in ((changed, "changed"), (removed, "removed")) if words)
    return said[:1].upper() + said[1:] if said else "No change"
