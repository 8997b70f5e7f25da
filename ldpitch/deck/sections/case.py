"""The case itself: the initiative and its objective, the common thread to goals, and what it means for this audience."""

from __future__ import annotations

import re
from decimal import Decimal

from ldpitch.deck.facts import Facts, fits, pick, short_name
from ldpitch.deck.sections.draft import Draft
from ldpitch.deck.slides import Metric, SlideSpec, TableSpec
from ldpitch.engine import BenefitItem
from ldpitch.narrative import clip, count_word, gist, lower_first, plural, with_article
from ldpitch.pitch import CADENCE_WORDS, TEMPLATES

#: How each benefit template reads as a gain in a title ("Extra margin on sales is worth $X a year").
GAIN: dict[str, str] = {
    "sales_uplift": "Extra margin on sales",
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
        course = with_article(f"{f.number(i.course_length_hours)}-hour course")
        headline = f"{f.name} reaches {f.quantity(people, 'person', 'people')} with {course} of {delivery}"
    elif people:
        headline = f"{f.name} reaches {f.quantity(people, 'person', 'people')} through {delivery}"
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
        build.append(f"ready {f.quantity(i.development_weeks, 'week')} after a yes")
    if i.course_length_hours:
        build.append(with_article(f"{f.number(i.course_length_hours)}-hour course of {delivery}"))
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
        kpi = lower_first(matched[0].kpi)
        alone = f"{f.name} moves {kpi}, {owned}"
        if len(goals) == 1:
            headline = alone
        elif len(matched) == 1:  # the table lists every goal: the title says how many, then the audience's
            headline = pick(f"{f.name} serves {plural(len(goals), 'goal')}; one moves {kpi}, {owned}", alone)
        else:
            their_kpis = "KPIs you own" if f.lens.own_kpis else "KPIs this audience watches"
            headline = pick(f"{f.name} serves {plural(len(goals), 'goal')}; {count_word(len(matched))} move {their_kpis}, led by {kpi}",
                            f"{f.name} serves {plural(len(goals), 'goal')}, starting with {owned}", alone)
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
    several = sum(1 for b in items if b.counted > 0) > 1
    if lead is not None and several:
        # The whole takeaway is the total; the audience's lead benefit is named second, never instead of it.
        when = CADENCE_WORDS[lead.cadence].after_amount
        gain = lower_first(gain_phrase(lead))
        total = counted_total(f)
        of_it = (f"Benefits are worth {total}, {f.money(lead.counted)} of it from {gain}" if not f.e.one_time_benefits
                 else f"Benefits are worth {total}; {gain} brings {f.money(lead.counted)} {when}")
        headline = pick(of_it, f"Benefits are worth {total}, counted conservatively", f"Benefits are worth {total}")
    elif lead is not None:
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
        if len(items) > 1:  # the total the title states, under the lines it adds up
            rows += total_rows(f)
        table = TableSpec(("Benefit", "Raw x attribution x confidence", "Counted a year"), rows, align=("left", "left", "right"), widths=(3, 3, 1.6))
    bullets = tuple(f"Not priced, still real: {clip(lower_first(i.name), 90)}" for i in intangibles[:3])
    leads = [b for b in items if f.benefit_leads(b)]
    return Draft(SlideSpec("audience", headline, bullets=bullets, table=table), {"items": items, "leads": leads, "lead": lead,
                                                                                  "intangibles": intangibles})


def counted_total(f: Facts) -> str:
    """The counted benefits of a year in words: "£556,143 a year", or "$40,000 a year and $10,000 once"."""
    e, words = f.e, CADENCE_WORDS
    parts = [f"{f.money(amount)} {words[cadence].after_amount}"
             for cadence, amount in (("per_year", e.recurring_benefits_per_year), ("one_time", e.one_time_benefits)) if amount]
    return " and ".join(parts) or f"{f.money(e.recurring_benefits_per_year)} {words['per_year'].after_amount}"


def total_rows(f: Facts) -> tuple[tuple[str, str, str], ...]:
    """The total row(s) of a benefits table: one per cadence present, each the sum of its counted lines."""
    e = f.e
    if not e.one_time_benefits:
        return (("Total", "", f.money(e.recurring_benefits_per_year)),)
    rows = [("Total a year", "", f.money(e.recurring_benefits_per_year))] if e.recurring_benefits_per_year else []
    rows.append((f"Total {CADENCE_WORDS['one_time'].after_amount}", "", f"{f.money(e.one_time_benefits)} {CADENCE_WORDS['one_time'].after_amount}"))
    return tuple(rows)


def _how_counted(f: Facts, b: BenefitItem) -> str:
    raw = Decimal(0) if b.raw is None else b.raw
    return f"{f.money(raw)} x {f.share(b.attribution)} x {f.share(b.confidence)}"


def template_title(item: BenefitItem) -> str:
    return TEMPLATES[item.template].title
