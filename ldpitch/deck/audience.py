"""Know your audience: the lens a deck is written through (whose KPIs, pains, objections and figures lead).

A ``Lens`` merges what the pitch says about one stakeholder with the preset
for that stakeholder's type (``ldpitch.pitch.presets``): the stakeholder's own
KPIs, pain points and objections come first, the preset's fill the gaps and
decide which figures and benefits lead and how the problem is framed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ldpitch.pitch import Pitch, Stakeholder, StakeholderType, presets

#: Objections a deck answers from the preset when the stakeholder brought their own (keeps notes short).
PRESET_OBJECTIONS_WITH_OWN = 1
PRESET_OBJECTIONS_WITHOUT_OWN = 3

#: Where an objection is answered: keywords of its topic, then the sections that answer it, best first.
OBJECTION_TOPICS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("made up", "roi", "return", "prove", "proof", "numbers", "evidence", "worth"), ("roi", "sensitivity", "ask")),
    (("budget", "afford", "money", "expensive", "cost", "spend", "cash", "price", "fund"), ("budget", "ask", "options")),
    (("leave", "quit", "poach", "turnover"), ("audience", "problem")),
    (("before", "nothing changed", "didn't work", "did not work", "tried", "stick", "forget", "last time"), ("measurement", "readiness")),
    (("against me", "against us", "used against", "rank", "ranking", "privacy", "spy"), ("readiness", "measurement")),
    (("immediate", "quick", "how soon", "when will", "results", "too long", "wait"), ("timeline", "measurement", "roi")),
    (("off the", "time away", "time off", "away from", "take people", "take reps", "time", "disrupt", "busy", "workload", "admin",
      "more work", "extra work", "on top of"),
     ("timeline", "readiness", "budget")),
    (("hire", "hiring", "recruit", "experienced"), ("options", "problem")),
    (("already", "skilled", "know how", "don't need", "do not need"), ("problem", "audience")),
    (("app", "log in", "log into", "login", "use it", "adopt", "engage", "support", "tablet", "device", "system"), ("readiness", "initiative")),
)


@lru_cache(maxsize=1)
def _topic_patterns() -> tuple[tuple[re.Pattern, tuple[str, ...]], ...]:
    # Whole words (a plural s allowed): "app" must not match "approve", nor "roi" "heroic".
    return tuple((re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")s?\b"), sections)
                 for words, sections in OBJECTION_TOPICS)


def topic_sections(objection: str) -> tuple[str, ...]:
    """The sections that answer an objection, best first, from its wording.

    >>> topic_sections("There's no budget for this.")
    ('budget', 'ask', 'options')
    >>> topic_sections("Show me the ROI. These numbers look made up.")
    ('roi', 'sensitivity', 'ask')
    >>> topic_sections("Why should we care?")
    ('decision',)
    """
    text = objection.casefold().replace("’", "'")
    for pattern, sections in _topic_patterns():
        if pattern.search(text):
            return sections
    return ("decision",)


@dataclass(frozen=True)
class Lens:
    """The audience of one deck.

    ``name`` is the stakeholder's name (or the preset's label when the deck
    is written for a type of audience rather than a person); ``own_*`` say
    whether the KPIs and pain points are the stakeholder's own words.
    """

    name: str
    role: str
    type: StakeholderType
    label: str
    stakeholder: Stakeholder | None
    kpis: tuple[str, ...]
    pain_points: tuple[str, ...]
    own_kpis: bool
    own_pain_points: bool
    objections: tuple[tuple[str, str, bool], ...]  # (objection, response, is_their_own)
    wants_to_buy: str
    what_they_want: str
    lead_figures: tuple[str, ...]
    lead_benefits: tuple[str, ...]
    framing: str

    @property
    def is_person(self) -> bool:
        """True when the deck speaks to a named stakeholder of the pitch."""
        return self.stakeholder is not None

    @property
    def is_finance(self) -> bool:
        """Executives and CFOs: payback, ROI and risk lead."""
        return self.type == StakeholderType.executive


def resolve(pitch: Pitch, audience: str | None) -> Stakeholder | StakeholderType | None:
    """Who the deck is for: a stakeholder by name, else a stakeholder type, else the primary audience.

    Falls back gracefully: an empty or unknown ``audience`` gives the pitch's
    primary audience, then its most influential stakeholder, then ``None``
    (a general leadership audience).
    """
    if audience:
        found = pitch.stakeholder(audience)
        if found is not None:
            return found
        try:
            kind = StakeholderType(audience)
        except ValueError:
            kind = None
        if kind is not None:
            return next((s for s in pitch.stakeholders if s.type == kind), kind)
    if pitch.audience is not None:
        return pitch.audience
    if pitch.stakeholders:
        return max(pitch.stakeholders, key=lambda s: (s.influence, s.interest))
    return None


def lens(pitch: Pitch, audience: str | None = None) -> Lens:
    """The lens for ``audience`` (see ``resolve``); a general executive lens when the pitch names no one."""
    who = resolve(pitch, audience)
    if isinstance(who, Stakeholder):
        return _lens_for_stakeholder(who)
    kind = who if isinstance(who, StakeholderType) else StakeholderType.executive
    p = presets.preset(kind)
    return Lens(
        name=p.label, role="", type=kind, label=p.label, stakeholder=None,
        kpis=tuple(p.kpis), pain_points=tuple(p.pain_points), own_kpis=False, own_pain_points=False,
        objections=tuple((o, r, False) for o, r in p.objections[:PRESET_OBJECTIONS_WITHOUT_OWN]),
        wants_to_buy="", what_they_want=p.what_they_want, lead_figures=tuple(p.lead_figures),
        lead_benefits=tuple(p.lead_benefits), framing=p.framing,
    )


def _lens_for_stakeholder(s: Stakeholder) -> Lens:
    p = presets.preset(s.type)
    own = tuple((o.objection, o.response, True) for o in s.objections)
    keep = PRESET_OBJECTIONS_WITH_OWN if own else PRESET_OBJECTIONS_WITHOUT_OWN
    # A preset objection on a topic the stakeholder already raised would answer the same thing twice.
    asked = {topic_sections(o.objection) for o in s.objections}
    from_preset = tuple((o, r, False) for o, r in p.objections if topic_sections(o) not in asked)[:keep]
    return Lens(
        name=s.name, role=s.role, type=s.type, label=p.label, stakeholder=s,
        kpis=tuple(s.kpis) or tuple(p.kpis), pain_points=tuple(s.pain_points) or tuple(p.pain_points),
        own_kpis=bool(s.kpis), own_pain_points=bool(s.pain_points),
        objections=own + from_preset, wants_to_buy=s.wants_to_buy, what_they_want=p.what_they_want,
        lead_figures=tuple(p.lead_figures), lead_benefits=tuple(p.lead_benefits), framing=p.framing,
    )
