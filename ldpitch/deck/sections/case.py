"""The case itself: the initiative and its objective, the common thread to goals, and what it means for this audience."""

from __future__ import annotations

import re
from decimal import Decimal

from ldpitch.deck.facts import Facts, fits, short_name
from ldpitch.deck.sections.draft import Draft
from ldpitch.deck.slides import Metric, SlideSpec, TableSpec
from ldpitch.engine import BenefitItem
from ldpitch.narrative import clip, count_word, gist, lower_first, plural
from ldpitch.pitch import CADENCE_WORDS, TEMPLATES

#: How each benefit template reads as a gain in a title ("Extra margin from sales is worth $X a year").
GAIN: dict[str, str] = {
    "sales_uplift": "Extra margin from sales",
    "productivity_hours_saved": "Time given back to productive work",
    "turnover_reduction": "Lower turnover",
    "time_to_proficiency": "Faster ramp-up of new hires",
    "errors_avoided": "Fewer errors and less rework",
    "safety_incidents_avoided": "Fewer safety incidents",
    "compliance_risk_avoided": "Lower compliance risk",
    "membership_renewals": "More membership renewals",
}

_WORD = re.compile(r"[a-z0-9]{4,}")


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.casefold()))


def kpi_match(kpi: str, their_kpis: tuple[str, ...]) -> bool:
    """Whether a goal's KPI is one of the audience's (they share a meaningful word).

    >>> kpi_match("New-product win rate (CRM)", ("Sales per rep", "New-product win rate"))
    True
    >>> kpi_match("Calls a month", ("Gross margin %",))
    False
    >>> kpi_match("Sales per rep above the trend", ("Sales cost as a share of revenue",))
    False
    """
    words = _words(kpi)
    # Two shared words, or every word of a one-word KPI: "sales" alone is not "sales cost".
    return any(len(words & theirs) >= min(2, len(theirs)) for theirs in map(_words, their_kpis) if theirs)


def initiative(f: Facts) -> Draft | None:
    """The initiative and its strategic performance objective: what improves, what people do differently."""
    p = f.pitch
    i, o = p.initiative, p.objective
    people = sum(g.headcount for g in p.learner_groups)
    if not (i.name or i.why_it_matters or o.business_improvement or o.behaviour_change or people):
        return None
    delivery = f.delivery
    if people and i.course_length_hours:
        # Course length, not hours per person: mentors and managers in the learner groups may take part for less.
        headline = f"{f.name} reaches {f.number(people)} people with a {f.number(i.course_length_hours)}-hour course of {delivery}"
    elif people:
        headline = f"{f.name} reaches {f.number(people)} people through {delivery}"
    else:
        headline = f"{f.name} changes what people do on the job"
    bullets = []
    if o.business_improvement:
        bullets.append(f"For the business: {gist(lower_first(o.business_improvement), 155)}")
    if o.behaviour_change:
        bullets.append(f"On the job: {gist(lower_first(o.behaviour_change), 155)}")
    if o.evidence_of_success:
        bullets.append(f"Evidence of success – {gist(o.evidence_of_success, 135)}")
    build = []
    if i.development_weeks:
        build.append(f"ready {f.number(i.development_weeks)} weeks after a yes")
    if i.course_length_hours:
        build.append(f"a {f.number(i.course_length_hours)}-hour course of {delivery}")
    build_line = "; ".join(build).capitalize() + "." if build else ""
    if build_line:
        bullets.append(build_line)
    if not bullets and i.why_it_matters:
        bullets.append(gist(i.why_it_matters, 150))
    groups = [(g.name, g.headcount) for g in p.learner_groups if g.headcount]
    metrics = []
    if people:
        metrics.append(Metric("People taking part", f.number(people)))
    if i.course_length_hours:
        metrics.append(Metric("Course length, hours", f.number(i.course_length_hours)))
    if i.development_weeks:
        metrics.append(Metric("Weeks to build", f.number(i.development_weeks)))
    if metrics:  # the tiles say it: the last bullet would only repeat them
        bullets = [b for b in bullets if b != build_line]
    return Draft(SlideSpec("initiative", headline, metrics=tuple(metrics), bullets=tuple(bullets)), {"people": people, "groups": groups})


def thread(f: Facts) -> Draft | None:
    """The common thread: each organisational goal, the initiative's outcome for it, and the KPI that shows it."""
    goals = list(f.pitch.goals)
    if not goals:
        return None
    theirs = f.lens.kpis
    ordered = sorted(goals, key=lambda g: not kpi_match(g.kpi or g.goal, theirs))
    matched = [g for g in ordered if kpi_match(g.kpi or g.goal, theirs)]
    with_kpi = [g for g in goals if g.kpi]
    owned = "a KPI you own" if f.lens.own_kpis else "a KPI this audience watches"
    if matched and fits(matched[0].kpi, 36):
        headline = f"{f.name} moves {lower_first(matched[0].kpi)}, {owned}"
    elif matched:
        headline = f"{f.name} serves {plural(len(goals), 'goal')}, starting with {owned}"
    elif len(with_kpi) == len(goals):
        headline = f"{f.name} serves {plural(len(goals), 'goal')}, each with a KPI to watch"
    else:
        headline = f"{f.name} serves {plural(len(goals), 'goal')}; {count_word(len(goals) - len(with_kpi))} still need a KPI"
    rows = tuple((clip(g.goal, 70), clip(g.outcome, 70) or "to be defined", clip(g.kpi, 60) or "to be named", clip(g.owner, 40) or "to be named")
                 for g in ordered)
    table = TableSpec(("Goal", "What the initiative changes", "KPI that shows it", "Owner"), rows, widths=(3, 3, 2.5, 2))
    return Draft(SlideSpec("thread", headline, table=table), {"goals": ordered, "matched": matched})


def gain_phrase(item: BenefitItem) -> str:
    """A benefit line as a gain in words, from its template (or its own label)."""
    return GAIN.get(item.template) or short_name(item.label, 34)


def audience(f: Facts) -> Draft | None:
    """What it means for this audience: their lead benefits first, counted conservatively, then the intangibles."""
    items = [b for b in f.benefits_for_audience if b.raw is not None]
    intangibles = list(f.pitch.intangibles)
    if not items and not intangibles:
        return None
    lead = f.lead_benefit
    if lead is not None:
        when = CADENCE_WORDS[lead.cadence].after_amount
        headline = f"{gain_phrase(lead)} is worth {f.money(lead.counted)} {when}, counted conservatively"
    elif intangibles:
        headline = f"{f.name} brings {plural(len(intangibles), 'benefit')} we do not put a price on"
    else:
        headline = f"{f.name} still needs its benefits put in money"
    table = None
    if items:
        rows = tuple(
            (clip(b.label, 60), _how_counted(f, b), f.money(b.counted) + ("" if b.cadence == "per_year" else f" {CADENCE_WORDS[b.cadence].after_amount}"))
            for b in items
        )
        table = TableSpec(("Benefit", "Raw x attribution x confidence", "Counted a year"), rows, align=("left", "left", "right"), widths=(3, 3, 1.6))
    bullets = tuple(f"Not priced, still real: {clip(lower_first(i.name), 90)}" for i in intangibles[:3])
    leads = [b for b in items if f.benefit_leads(b)]
    return Draft(SlideSpec("audience", headline, bullets=bullets, table=table), {"items": items, "leads": leads, "lead": lead,
                                                                                  "intangibles": intangibles})


def _how_counted(f: Facts, b: BenefitItem) -> str:
    raw = Decimal(0) if b.raw is None else b.raw
    return f"{f.money(raw)} x {f.share(b.attribution)} x {f.share(b.confidence)}"


def template_title(item: BenefitItem) -> str:
    return TEMPLATES[item.template].title
