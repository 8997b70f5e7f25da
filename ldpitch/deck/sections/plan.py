"""Delivering the case: the timeline, the measurement plan, readiness on the RADAR, and the decision with next steps."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from ldpitch.charts import build as chart_builders
from ldpitch.deck.facts import Facts, fits, pick
from ldpitch.deck.sections.case import kpi_match
from ldpitch.deck.sections.draft import Draft
from ldpitch.deck.slides import Metric, SlideSpec, TableSpec
from ldpitch.engine import factors, weakest
from ldpitch.narrative import clip, gist, join_and, lower_first, plural, singular
from ldpitch.pitch import Level, Measure, StakeholderType

#: Milestone names that mark the first result people feel.
FIRST_RESULT = re.compile(r"\b(pilot|launch|roll-?out|go[- ]live|first|live)\b", re.IGNORECASE)
LEVEL_ORDER = {level: n for n, level in enumerate(Level)}
#: Audiences who want quick results and immediate application (seed 004): the timeline leads with the first step.
QUICK_RESULTS = (StakeholderType.business_unit_manager, StakeholderType.operations_director, StakeholderType.employee)


def timeline(f: Facts) -> Draft | None:
    """The timeline: milestones in date order (undated ones last)."""
    ms = sorted(f.pitch.milestones, key=lambda m: (m.due is None, m.due or date.max))
    if not ms:
        return None
    dated = [m for m in ms if m.due]
    if len(dated) >= 2 and f.lens.type in QUICK_RESULTS:
        # Quick results: name the first step people will feel (a pilot, a launch), not just the next date.
        first = next((m for m in dated[1:] if FIRST_RESULT.search(m.name)), dated[1])
        step = f"“{first.name}”" if fits(first.name, 36) else "the first visible step"
        headline = pick(f"Work starts on {f.date(dated[0].due)}, and {step} follows by {f.date(first.due)}",
                        f"Work starts on {f.date(dated[0].due)}; the first visible step follows by {f.date(first.due)}")
    elif len(dated) >= 2:
        headline = f"The plan runs in {plural(len(ms), 'step')} from {f.date(dated[0].due)} to {f.date(dated[-1].due)}"
    elif dated:
        headline = f"The plan starts on {f.date(dated[0].due)}" + (f" with “{dated[0].name}”" if fits(dated[0].name, 40) else "")
    else:
        headline = f"The plan runs in {plural(len(ms), 'step')}; the dates are still to be set"
    rows = tuple((f.date(m.due), clip(m.name, 80), clip(m.note, 80)) for m in ms)
    table = TableSpec(("Date", "Milestone", "Note"), rows, widths=(1.3, 4, 4))
    return Draft(SlideSpec("timeline", headline, table=table), {"milestones": ms, "dated": dated})


def level_label(level: Level) -> str:
    """A measurement level as a table label ("Business impact", "ROI").

    >>> level_label(Level.roi), level_label(Level.impact)
    ('ROI', 'Business impact')
    """
    return level.value[:1].upper() + level.value[1:]


def measure_value(f: Facts, m: Measure, value: Decimal, *, with_unit: bool = False) -> str:
    """A baseline or target as written: a percentage when the unit starts with "%", money when it starts
    with the pitch's currency code, else a number (followed by a short unit when ``with_unit``)."""
    unit = m.unit.strip()
    if unit.startswith("%"):
        return f.share(value / 100)
    if unit.startswith(f.pitch.currency):
        rest = unit[len(f.pitch.currency):].strip()
        return f.money(value) + (f" {rest}" if with_unit and rest else "")
    said = unit_said(m)
    if with_unit and value == 1:
        unit = singular(unit)  # "1 item", "1 complaint a year"
    return f.number(value) + (f" {unit}" if with_unit and unit and len(unit) <= 24 and not said else "")


def unit_said(m: Measure) -> bool:
    """Whether the measure's name already says its unit ("Nonconformances a month" says "nonconformances"), so it is not repeated.

    >>> unit_said(Measure(level="business impact", measure="Lost-time injuries, rolling twelve months", unit="injuries"))
    True
    >>> unit_said(Measure(level="business impact", measure="Months to proficiency", unit="months"))
    True
    >>> unit_said(Measure(level="learning", measure="Sandbox claims completed without help", unit="% of tasks"))
    False
    """
    unit = m.unit.strip().casefold()
    return bool(unit) and (unit in m.measure.casefold() or unit.rstrip("s") in m.measure.casefold())


def _baseline_target(f: Facts, m: Measure) -> str:
    if m.baseline is None and m.target is None:
        return "to be set"
    b = measure_value(f, m, m.baseline) if m.baseline is not None else "?"
    t = measure_value(f, m, m.target) if m.target is not None else "?"
    return f"{b} to {t}"


def _headline_measure(f: Facts, measures: list[Measure]) -> Measure | None:
    """The measure the title promises: a business-impact (or application) measure with a baseline and a target, theirs first."""
    usable = [m for m in measures if m.level in (Level.impact, Level.application) and m.baseline is not None and m.target is not None]
    usable.sort(key=lambda m: (not kpi_match(m.measure, f.lens.kpis), m.level != Level.impact))
    return usable[0] if usable else None


def measurement(f: Facts) -> Draft | None:
    """The measurement plan by level, from reaction to ROI, with baselines, targets, dates and owners."""
    measures = sorted(f.pitch.measures, key=lambda m: LEVEL_ORDER[m.level])
    if not measures:
        return None
    lead = _headline_measure(f, measures)
    levels = list(dict.fromkeys(m.level for m in measures))
    if lead is not None:
        by = f" by {f.date(lead.due)}" if lead.due else ""
        what = lower_first(lead.measure)
        start, end = measure_value(f, lead, lead.baseline), measure_value(f, lead, lead.target, with_unit=True)
        headline = pick(f"We will show {what} moving from {start} to {end}{by}", f"We will track {what}: {start} to {end}{by}",
                        f"We will track {what} from {start} to {end}", f"We will move our lead measure from {start} to {end}{by}")
    elif Level.impact in levels or Level.application in levels:
        headline = f"We will measure {plural(len(levels), 'level')}, up to {levels[-1].value}, not just attendance"
    else:
        headline = "We will measure reaction and learning first; application and impact still need measures"
    rows = tuple(
        (level_label(m.level), clip(m.measure + (f" ({m.unit})" if m.unit and m.unit.strip() not in ("%", f.pitch.currency) and not unit_said(m) else ""), 70),
         _baseline_target(f, m), f.date(m.due),
         clip(m.owner, 40) or "to be named")
        for m in measures
    )
    # Dates read as text, left like the rest (in some locales "30.06.2027" would look like a number and align right).
    table = TableSpec(("Level", "Measure", "Baseline to target", "By", "Owner"), rows, align=("left",) * 5, widths=(1.5, 4, 1.7, 1.3, 2.2))
    return Draft(SlideSpec("measurement", headline, table=table), {"measures": measures, "lead": lead, "lead_from": measure_value(f, lead, lead.baseline) if lead else "",
                  "lead_to": measure_value(f, lead, lead.target, with_unit=True) if lead else "", "levels": [lv.value for lv in levels]})


def readiness(f: Facts) -> Draft | None:
    """Get on the RADAR: the five factors scored, with the mitigations for the weakest."""
    share = f.readiness
    if share is None:
        return None
    low = weakest(f.pitch.radar)
    all_top = all(x.score == 5 for x in factors(f.pitch.radar) if x.score is not None)
    if all_top:
        headline = f"Readiness scores {f.share(share)} on the RADAR: every factor is handled"
    else:
        names = join_and([x.label.lower() for x in low[:2]])
        headline = f"Readiness scores {f.share(share)} on the RADAR; {names} {'needs' if len(low[:2]) == 1 else 'need'} the most work"
    readings = factors(f.pitch.radar)
    order = sorted((x for x in readings if x.score is not None), key=lambda x: x.score)
    bullets = tuple(f"{x.label} {x.score} of 5: {gist(lower_first(x.mitigation), 100)}" if x.mitigation
                    else f"{x.label} {x.score} of 5: mitigation still to plan" for x in order[:3])
    chart = chart_builders.readiness_radar(f.pitch)
    unscored = [x.label for x in readings if x.score is None]
    return Draft(SlideSpec("readiness", headline, bullets=bullets, chart=chart),
                 {"readings": readings, "weakest": low, "unscored": unscored, "readiness": share})


def decision(f: Facts) -> Draft:
    """The decision and the next steps: what we ask for, today, and what happens after a yes."""
    p, e = f.pitch, f.e
    rec = f.recommended
    what = rec if fits(rec, 40) else ("the recommended option" if rec else f.name)
    option = next((o for o in p.options if o.name == rec), None)
    amount = option.cost if option is not None and option.cost else (e.total_costs if f.has_costs else None)
    steps = sorted((m for m in p.milestones if m.due), key=lambda m: m.due)
    if f.lens.type in (StakeholderType.business_unit_manager, StakeholderType.employee) and steps:
        headline = f"Approve {what} today and work starts on {f.date(steps[0].due)}"
    elif amount:
        headline = f"Approve {f.money(amount)} for {what} today"
    else:
        headline = f"Approve {what} today so the work can start"
    bullets = []
    bullets.append(f"Approve {clip(rec, 60) if rec else f.name}" + (f" at {f.money(amount)}." if amount else "."))
    to_confirm = f.e.funding_to_confirm
    if to_confirm:
        bullets.append(f"Confirm the {f.money(to_confirm)} of funding not yet confirmed.")
    for m in steps[:2]:
        bullets.append(f"{f.date(m.due)}: {clip(m.name, 90)}.")
    impact = [m for m in p.measures if m.level == Level.impact and m.owner]
    if impact:
        bullets.append(f"Results reported to you by {clip(impact[0].owner, 50)}.")
    metrics = []
    if amount:
        metrics.append(Metric("To approve today", f.money(amount)))
    if steps:
        metrics.append(Metric("First step", f.date(steps[0].due)))
    if f.has_return and f.pays_back:
        metrics.append(Metric("Pays back in", f.months(f.e.payback_months)))
    return Draft(SlideSpec("decision", headline, metrics=tuple(metrics), bullets=tuple(bullets[:5])),
                 {"amount": amount, "to_confirm": to_confirm, "steps": steps[:3]})
