"""The results-update deck as data: what we promised, what happened, what it is worth so far, what comes next (pure).

Buy-in must be kept, not only won (seeds 001, 002 and 004): after launch the
L&D lead goes back to the sponsor with the KPIs against their baselines and
targets. ``update_outline(pitch)`` describes that short deck:

1. **title**: the headline result, for the pitch's primary audience, as of
   the latest reading;
2. **promised**: the forecast figures and the targets of the measures that
   carry the case;
3. **report**: the TDRp management report, one row per measure of the plan:
   baseline, plan, actual to date, share of plan and year-end forecast
   (``tdrp``), continued on following slides when the plan is long;
4. **results**: one slide per tracked application or business-impact measure
   (level 3 and 4, the ones leaders buy, seed 004), each with its tracking
   chart against baseline and target; reaction and learning results are
   told beside the first chart, not charted (seed 002: participation and
   smile sheets are not success). With no application or impact readings,
   the tracked measures are charted instead. At most ``MAX_RESULT_SLIDES``;
   any others are told beside the last chart;
5. **realised**: benefits, costs and ROI to date against what the forecast
   expected by now, then **outlook**: the business case over its horizon
   next to its re-forecast from the year-end trends (both left out, and said
   so in the notes, without a launch date or without costs);
6. **next**: remaining milestones, measures due, and the weakest RADAR factor;
7. **ask**: keep backing it, close the gap, and the next report.

Every number comes from the pitch, its actuals or the engine (``track`` and
``evaluate``), formatted through ``ldpitch.format``; titles are decided here,
speaker notes are written by ``templates/notes/update/<section>.j2``.

A pitch with no reading of any measure of its plan has no results to report:
``update_outline`` raises ``errors.NothingTracked`` with what to do,
rather than make a deck that says nothing (the app offers the update deck
only once there is a result; the command line prints the message).
"""

from __future__ import annotations

from datetime import date

from ldpitch.deck.audience import lens
from ldpitch.deck.facts import Facts, fits, person, pick
from ldpitch.deck.slides import Metric, SlideSpec, TableSpec
from ldpitch.deck.update.measures import Update, brief, change_verb, money_gap, realised_chart, result_title, status_words, tracking_chart
from ldpitch.deck.update.tdrp import outlook_slide, report_slide
from ldpitch.engine import MeasureProgress, Tracking, Undefined, track, weakest
from ldpitch.errors import NothingTracked
from ldpitch.narrative import clip, gist, join_and, lower_first, plural
from ldpitch.pitch import Level, Pitch

#: Chart slides for tracked measures; more measures are told in words beside the last chart.
MAX_RESULT_SLIDES = 4
#: Rows of the "what's next" table (a short deck: the rest are counted in the notes).
MAX_NEXT_ROWS = 6
#: Levels whose results carry the case for leaders (application on the job and business impact), in slide order.
CHARTED_LEVELS = (Level.impact, Level.application, Level.roi)

SECTIONS = ("title", "promised", "report", "results", "realised", "outlook", "next", "ask")


def update_outline(pitch: Pitch, tracking: Tracking | None = None) -> list[SlideSpec]:
    """The results-update deck for the pitch's primary audience, as slide descriptions with notes.

    Raises ``NothingTracked`` when no measure of the plan has a reading yet.
    """
    t = tracking or track(pitch)
    if not t.has_results:
        extra = ""
        if t.unmatched_actuals:
            extra = f" The readings entered are for {join_and(repr(n) for n in t.unmatched_actuals[:3])}, which the measurement plan does not list."
        raise NothingTracked(f"'{pitch.title or pitch.initiative.name or 'This pitch'}' has no results tracked yet: "
                             f"record actual values of its measures after launch (the Track page, or 'actuals' in the pitch file), "
                             f"then make the results update.{extra}")
    u = Update(Facts.of(pitch, lens(pitch, None)), t)
    charted, others = _charted(pitch, t)
    slides = [_title(u, charted), _promised(u, charted), report_slide(u)]
    slides += _results(u, charted, others)
    realised = _realised(u)
    if realised is not None:
        slides += [realised, outlook_slide(u)]
    slides += [_next(u, "" if realised is not None else money_gap(u)), _ask(u, charted)]
    return slides


def _charted(pitch: Pitch, t: Tracking) -> tuple[list[MeasureProgress], list[MeasureProgress]]:
    """The tracked measures that get a chart (impact first, those that carry a benefit first among them), and the rest."""
    linked = {b.measure for b in pitch.benefits if b.measure}
    tracked = t.tracked
    leading = [m for m in tracked if m.measure.level in CHARTED_LEVELS]
    if not leading:
        leading = list(tracked)
    leading.sort(key=lambda m: (CHARTED_LEVELS.index(m.measure.level) if m.measure.level in CHARTED_LEVELS else len(CHARTED_LEVELS),
                                m.name not in linked))
    charted = leading[:MAX_RESULT_SLIDES]
    return charted, [m for m in tracked if m not in charted]


# --- the slides ----------------------------------------------------------------------------------


def _title(u: Update, charted: list[MeasureProgress]) -> SlideSpec:
    f, t, p = u.f, u.t, u.pitch
    lead = charted[0]
    if t.money_known and t.realised_benefits > 0 and not isinstance(t.realised_share, Undefined):
        headline = pick(f"{f.name} has realised {f.money(t.realised_benefits)}, {f.share(t.realised_share)} of the forecast to date",
                        f"{f.name} has realised {f.money(t.realised_benefits)} of benefit so far")
    elif isinstance(lead.progress, Undefined) or change_verb(u, lead) == "held":
        headline = result_title(u, lead)
    else:
        verb, latest, start = change_verb(u, lead), u.value(lead, lead.latest.value), u.value(lead, lead.measure.baseline)
        headline = pick(f"Since launch, {lower_first(lead.name)} {verb} from {start} to {latest}", result_title(u, lead))
    audience = f.lens.name if f.lens.is_person else lower_first(f.lens.label)
    subtitle = f"Results update for {clip(audience, 70)} · as of {f.date(t.as_of)}"
    presenter = tuple(x for x in (clip(p.presenter, 70), clip(p.organisation, 50)) if x)
    return SlideSpec("title", headline, subtitle=subtitle, bullets=presenter,
                     notes=u.notes("title", lead=lead, lead_words=brief(u, lead), charted=len(charted)))


def _promise_measures(u: Update, charted: list[MeasureProgress]) -> list[MeasureProgress]:
    """The measures the case rests on: those that carry a benefit and those tracked at the levels leaders buy, in plan order."""
    linked = {b.measure for b in u.pitch.benefits if b.measure}
    shown = {m.name for m in charted}
    return [m for m in u.t.measures if m.name in linked or m.name in shown]


def _promised(u: Update, charted: list[MeasureProgress]) -> SlideSpec:
    f, e = u.f, u.t.forecast
    measures = _promise_measures(u, charted)
    if f.has_return:
        headline = pick(f"We promised {f.money(e.total_benefits)} of counted benefit {f.over_horizon} for {f.money(e.total_costs)}",
                        f"We promised {f.money(e.total_benefits)} of benefit for {f.money(e.total_costs)}")
    else:
        headline = f"We promised to move {plural(len(measures), 'measure')} from baseline to target"
    metrics = []
    if f.has_costs:
        metrics.append(Metric("Investment, fully loaded", f.money(e.total_costs)))
    if f.has_benefits:
        label = "Counted benefit, year one" if u.pitch.horizon_years == 1 else f"Counted benefit, {f.horizon_words}"
        metrics.append(Metric(label, f.money(e.total_benefits)))
    if f.has_return:
        metrics.append(Metric("Forecast ROI", f.percent(e.roi_percent)))
        metrics.append(Metric("Forecast payback", f.months(e.payback_months)))
    rows = tuple((clip(m.name, 70), u.value(m, m.measure.baseline) if m.measure.baseline is not None else "not set",
                  u.value(m, m.measure.target, with_unit=True) if m.measure.target is not None else "not set", f.date(m.measure.due))
                 for m in measures)
    table = TableSpec(("Measure", "Baseline", "Target", "By"), rows, align=("left", "right", "right", "left"), widths=(3.4, 1.2, 1.7, 1.4))
    return SlideSpec("promised", headline, metrics=tuple(metrics), table=table if rows else None,
                     notes=u.notes("promised", measures=measures, has_return=f.has_return))


def _results(u: Update, charted: list[MeasureProgress], others: list[MeasureProgress]) -> list[SlideSpec]:
    slides = []
    for n, m in enumerate(charted):
        f = u.f
        bullets = []
        base = u.value(m, m.measure.baseline) if m.measure.baseline is not None else "not set"
        target = u.value(m, m.measure.target) if m.measure.target is not None else "not set"
        bullets.append(f"Baseline {base}; target {target}" + (f" by {f.date(m.measure.due)}." if m.measure.due else "."))
        bullets.append(f"Latest reading {u.value(m, m.latest.value, with_unit=True)} on {f.date(m.latest.on)}"
                       + (f"; first after launch {u.value(m, m.first.value)} on {f.date(m.first.on)}." if len(m.readings) > 1 else "."))
        if m.status == "behind" and m.expected == 1:
            bullets.append(f"Behind plan: the target was due by {f.date(m.measure.due)}.")
        elif m.status in ("on_track", "behind") and m.expected is not None:
            bullets.append(f"{'On track' if m.status == 'on_track' else 'Behind plan'}: a straight line from launch to target "
                           f"would be at {f.share(m.expected)} by now.")
        elif m.status == "moved_away":
            bullets.append("Moving away from target: this needs action now.")
        lines = [line for line in u.t.lines if line.measure == m.name]
        for line in lines[:1]:
            bullets.append(f"Carries “{clip(line.label, 60)}”: {f.money(line.realised)} realised to date.")
        # Leading indicators (reaction, learning) sit with the first chart; measures beyond the charts with the last.
        leading = [o for o in others if o.measure.level in (Level.reaction, Level.learning)]
        told = (leading if n == 0 else []) + ([o for o in others if o not in leading] if n == len(charted) - 1 else [])
        for o in told:
            bullets.append(f"Also tracked: {brief(u, o)}")
        chart = tracking_chart(u, m)
        slides.append(SlideSpec("results", result_title(u, m), bullets=tuple(bullets), chart=chart,
                                notes=u.notes("results", m=m, lines=lines, also=[brief(u, o) for o in told], falling=m.falling, status=status_words(u, m),
                                              baseline=base, target=target, latest=u.value(m, m.latest.value, with_unit=True),
                                              first_value=u.value(m, m.first.value, with_unit=True), first=n == 0)))
    return slides


def _realised(u: Update) -> SlideSpec | None:
    f, t = u.f, u.t
    if money_gap(u):
        return None
    first_due = next((m for m in t.due_measures() if m.measure.level == Level.impact and m.measure.due), None)
    if t.realised_benefits <= 0:
        headline = (f"No benefit is counted yet: the first business-impact reading is due {f.date(first_due.measure.due)}"
                    if first_due is not None else "No benefit is counted yet: no business-impact measure has moved")
    elif t.net_to_date >= 0:
        headline = f"{f.name} has paid back: {f.money(t.realised_benefits)} realised against {f.money(t.costs_to_date)} spent"
    elif t.realised_benefits >= t.forecast_to_date:
        headline = f"Realised benefits of {f.money(t.realised_benefits)} are on or above the forecast to date"
    else:
        headline = pick(f"We have realised {f.money(t.realised_benefits)}, {f.share(t.realised_share)} of the {f.money(t.forecast_to_date)} forecast by now",
                        f"We have realised {f.money(t.realised_benefits)} of the {f.money(t.forecast_to_date)} forecast by now")
    metrics = (Metric("Realised to date", f.money(t.realised_benefits)), Metric("Forecast by now", f.money(t.forecast_to_date)),
               Metric("Costs to date", f.money(t.costs_to_date)), Metric("ROI to date", f.percent(t.roi_to_date)))
    bullets = [f"Forecast ROI by now {f.percent(t.forecast_roi_to_date)}; over {f.horizon_words} {f.percent(t.forecast.roi_percent)}."]
    pending = [line for line in t.lines if line.realised == 0 and line.counted > 0]
    if pending:
        bullets.append(f"Nothing counted yet for {plural(len(pending), 'benefit line')}: no impact reading yet."
                       if all("no reading" in line.reason for line in pending) else
                       f"Nothing counted yet for {plural(len(pending), 'benefit line')}.")
    bullets.append("Realised = counted benefit × progress to target × time since launch.")
    return SlideSpec("realised", headline, metrics=metrics, bullets=tuple(bullets), chart=realised_chart(u),
                     notes=u.notes("realised", pending=pending, first_due=first_due))


def _next_rows(u: Update) -> list[tuple]:
    """(date, what, where it stands) for the remaining milestones and the measures due, by date."""
    f, t = u.f, u.t
    items = [(m.due, clip(m.name, 70), "Milestone") for m in t.upcoming_milestones]
    items += [(m.measure.due, clip(m.name, 70), status_words(u, m)) for m in t.due_measures()]
    items.sort(key=lambda x: (x[0] is None, x[0] or t.as_of))
    return [(f.date(d), what, status) for d, what, status in items]


def _next(u: Update, gap: str) -> SlideSpec:
    f, t = u.f, u.t
    rows = _next_rows(u)
    due = t.due_measures()
    milestone = t.upcoming_milestones[0] if t.upcoming_milestones else None
    overdue = [m for m in due if m.status == "no_readings" and m.measure.due is not None and m.measure.due <= t.as_of]
    if milestone is not None and fits(milestone.name, 44):
        headline = f"Next comes “{milestone.name}” on {f.date(milestone.due)}"
    elif milestone is not None:
        headline = f"The next milestone comes on {f.date(milestone.due)}" + (f"; {plural(len(due), 'measure')} still report" if due else "")
    elif overdue:
        headline = f"{plural(len(overdue), 'reading').capitalize()} {'is' if len(overdue) == 1 else 'are'} overdue; {plural(len(due), 'measure')} still to report"
    elif due:
        first = next((m for m in due if m.measure.due), None)
        headline = (f"{plural(len(due), 'measure').capitalize()} still {'reports' if len(due) == 1 else 'report'}, the first by {f.date(first.measure.due)}"
                    if first else f"{plural(len(due), 'measure').capitalize()} {'is' if len(due) == 1 else 'are'} still to report")
    elif u.pitch.milestones:
        headline = "Every milestone is past and every measure has reported"
    else:
        headline = "Every measure of the plan has reported; we keep tracking them"
    low = weakest(u.pitch.radar)
    bullets = []
    for x in low[:2]:
        what = gist(lower_first(x.mitigation), 110) if x.mitigation else "mitigation still to plan"
        bullets.append(f"Risk to watch: {x.label.lower()}, {x.score} of 5 on the RADAR; {what}")
    shown = rows[:MAX_NEXT_ROWS]
    table = TableSpec(("By", "What", "Where it stands"), tuple(shown), widths=(1.3, 4, 2.4)) if shown else None
    if table is None and not bullets:
        bullets.append("Keep recording each measure's readings so the next update shows the trend.")
    return SlideSpec("next", headline, bullets=tuple(bullets), table=table,
                     notes=u.notes("next", gap=gap, rows=rows, shown=len(shown), weakest=low[:2], overdue=overdue, milestone=milestone))


def next_update(u: Update) -> tuple[date, str, bool] | None:
    """The next date there is something to report: (date, what, is_milestone), the earliest of the
    milestones ahead and the measures due after the as-of date; ``None`` when nothing is ahead."""
    t = u.t
    ahead = [(m.due, m.name, True) for m in t.upcoming_milestones]
    ahead += [(m.measure.due, m.name, False) for m in t.due_measures() if m.measure.due is not None and m.measure.due > t.as_of]
    return min(ahead, key=lambda x: (x[0], not x[2]), default=None)


def _ask(u: Update, charted: list[MeasureProgress]) -> SlideSpec:
    f, t = u.f, u.t
    gap = sorted((m for m in charted if m.status in ("behind", "moved_away")),
                 key=lambda m: m.progress - (m.expected or 0) if not isinstance(m.progress, Undefined) else 0)
    worst = gap[0] if gap else None
    nxt = next_update(u)
    if worst is not None:
        what = lower_first(worst.name) if fits(worst.name, 40) else ("the one measure behind plan" if len(gap) == 1 else "the measures behind plan")
        headline = pick(f"Keep backing {u.name_in_sentence} and help us close the gap on {what}",
                        f"Keep backing {u.name_in_sentence} and help close the gap on {what}",
                        f"Keep backing {u.name_in_sentence} and help close the gap behind plan")
    elif nxt is not None:
        headline = f"Keep backing {u.name_in_sentence}; the next update comes on {f.date(nxt[0])}"
    else:
        headline = f"Keep backing {u.name_in_sentence} and share these results widely"
    recurring = t.forecast.recurring_costs_per_year
    bullets = []
    if recurring > 0:
        bullets.append(f"Keep funding the running cost of {f.money(recurring)} a year.")
    if worst is not None:
        where = f"{f.share(worst.progress)} of the way"
        if worst.expected == 1 and worst.measure.due:
            where += f", with the target due by {f.date(worst.measure.due)}"
        elif worst.expected is not None:
            where += f", {f.share(worst.expected)} expected by now"
        bullets.append(f"Help close the gap on {lower_first(clip(worst.name, 70))}: {where}.")
    if nxt is not None:
        when, what, milestone = nxt
        bullets.append(f"Next review: {clip(what, 70)} on {f.date(when)}." if milestone
                       else f"Next results: {lower_first(clip(what, 70))} by {f.date(when)}.")
    others = [person(s.name) for s in u.pitch.stakeholders if s.name != f.lens.name]
    if others:
        bullets.append(f"Share these results with {clip(join_and(others[:3]), 120)}.")
    metrics = []
    if recurring > 0:
        metrics.append(Metric("Running cost a year", f.money(recurring)))
    if nxt is not None:
        metrics.append(Metric("Next review" if nxt[2] else "Next results", f.date(nxt[0])))
    return SlideSpec("ask", headline, metrics=tuple(metrics), bullets=tuple(bullets),
                     notes=u.notes("ask", worst=worst, recurring=recurring, next_date=f.date(nxt[0]) if nxt else "",
                                   next_what=nxt[1] if nxt else "", next_is_milestone=bool(nxt and nxt[2]), others=others[:3]))
