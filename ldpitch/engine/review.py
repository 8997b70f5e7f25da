"""What the pitch still lacks, what is weak, and what a CFO will attack: findings, never errors.

Each finding names the step (the wizard page) that fixes it, so the app can
link to it. Severity: ``missing`` (a step is incomplete), ``weak`` (it will
not persuade), ``cfo`` (a finance reviewer will strike the number out).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from ldpitch.engine.analysis import analyse
from ldpitch.engine.finance import Undefined
from ldpitch.engine.options import rank_options
from ldpitch.engine.readiness import factors
from ldpitch.pitch import TEMPLATES, BenefitLine, CostCategory, EvidenceKind, Level, Pitch, raw_benefit
from ldpitch.steps import STEPS  # the steps findings name, in wizard order (defined once, with the whole wizard)

Step = Literal["initiative", "audience", "budget", "options", "alignment", "readiness"]
Severity = Literal["missing", "weak", "cfo"]

#: A programme this short counts first-year benefits only (Phillips guiding principle 9).
SHORT_PROGRAMME_HOURS = Decimal(40)
#: ROI above this reads as an unsupported claim to a finance reviewer (Phillips guiding principle 8).
IMPLAUSIBLE_ROI_PERCENT = Decimal(500)


@dataclass(frozen=True)
class Finding:
    step: Step
    severity: Severity
    message: str


@dataclass(frozen=True)
class _Required:
    step: Step
    done: bool
    message: str


def _required(p: Pitch) -> list[_Required]:
    """The things each step needs before the pitch is complete (each is one unit of progress)."""
    i, o = p.initiative, p.objective
    levels = {m.level for m in p.measures}
    return [
        _Required("initiative", bool(i.name), "Name the initiative."),
        _Required("initiative", bool(i.why_it_matters), "Say why the initiative matters to the business."),
        _Required("initiative", bool(i.expected_results), "State the expected results."),
        _Required("initiative", bool(o.business_improvement), "Strategic performance objective: say what will improve for the business."),
        _Required("initiative", bool(o.behaviour_change), "Strategic performance objective: say what employees will do differently."),
        _Required("initiative", bool(p.learner_groups), "Add the learner groups: who takes part and how many."),
        _Required("audience", bool(p.stakeholders), "Know your audience: add the stakeholders who decide or are affected."),
        _Required("audience", p.audience is not None, "Choose the deck's primary audience from the stakeholders."),
        _Required("audience", any(s.pain_points for s in p.stakeholders), "Write down your stakeholders' pain points."),
        _Required("budget", bool(p.costs) or bool(p.learner_groups), "Show the budget: add the cost lines."),
        _Required("budget", bool(p.benefits), "Translate the result into money: add at least one benefit line."),
        _Required("budget", bool(p.funding), "Say where the funding comes from."),
        _Required("options", len(p.options) >= 2, "Offer choices: add at least two options."),
        _Required("options", any(o.is_do_nothing for o in p.options), "Include a 'do nothing' option."),
        _Required("options", bool(p.criteria), "Add the criteria the options are scored on, with weights."),
        _Required("alignment", bool(p.goals), "Find the common thread: link the initiative to the organisation's goals."),
        _Required("alignment", Level.application in levels, "Plan how you will measure application on the job."),
        _Required("alignment", Level.impact in levels, "Plan how you will measure business impact."),
        _Required("readiness", all(f.score is not None for f in factors(p.radar)), "Score all five RADAR factors."),
    ]


def completeness(pitch: Pitch) -> dict[Step, Decimal]:
    """How complete each step is, as a share of what it needs (for progress indicators)."""
    req = _required(pitch)
    return {step: Decimal(sum(r.done for r in req if r.step == step)) / sum(1 for r in req if r.step == step) for step, _ in STEPS}


def overall_completeness(pitch: Pitch) -> Decimal:
    """The share of everything the pitch needs that is in place, to 2 decimals."""
    req = _required(pitch)
    return (Decimal(sum(r.done for r in req)) / len(req)).quantize(Decimal("0.01"))


def findings(pitch: Pitch) -> list[Finding]:
    """Everything missing, weak or open to attack, in wizard order (missing first within a step)."""
    out = [Finding(r.step, "missing", r.message) for r in _required(pitch) if not r.done]
    out += _initiative(pitch) + _audience(pitch) + _budget(pitch) + _options(pitch) + _alignment(pitch) + _readiness(pitch)
    order = {s: n for n, (s, _) in enumerate(STEPS)}
    rank = {"missing": 0, "cfo": 1, "weak": 2}
    return sorted(out, key=lambda f: (order[f.step], rank[f.severity]))


def cfo_findings(pitch: Pitch) -> list[Finding]:
    """Only what a finance reviewer will attack."""
    return [f for f in findings(pitch) if f.severity == "cfo"]


def _initiative(p: Pitch) -> list[Finding]:
    out = []
    for g in p.learner_groups:
        if g.headcount and not (g.hours_away and g.loaded_hourly_rate):
            out.append(Finding("initiative", "cfo", f"Learner group '{g.name}': enter hours away and the loaded hourly rate; time away from work is a real cost."))
    if not p.milestones:
        out.append(Finding("initiative", "weak", "Add timeline milestones: leaders ask when results will show."))
    if p.initiative.development_weeks is None or p.initiative.course_length_hours is None:
        out.append(Finding("initiative", "weak", "Say how long development takes and how long the course is."))
    return out


def _audience(p: Pitch) -> list[Finding]:
    out = []
    if p.primary_audience and p.audience is None:
        out.append(Finding("audience", "weak", f"The primary audience '{p.primary_audience}' is not one of the stakeholders."))
    for s in p.stakeholders:
        if not s.kpis:
            out.append(Finding("audience", "weak", f"{s.name}: which KPIs do they own? Position the initiative against them."))
        for ob in s.objections:
            if not ob.response:
                out.append(Finding("audience", "weak", f"{s.name}: prepare a response to \"{ob.objection}\"."))
    return out


def _budget(p: Pitch) -> list[Finding]:
    out = []
    cats = {c.category for c in p.costs}
    # Time is counted once a cost line says so or a learner group's time costs something (the engine lists it).
    has_time = CostCategory.participant_time in cats or bool(p.learner_groups and analyse(p).evaluation.learner_group_costs)
    if (p.costs or p.learner_groups) and not has_time:
        out.append(Finding("budget", "cfo", "Costs are not fully loaded: participants' time away from work is missing."))
    if p.costs and CostCategory.evaluation not in cats:
        out.append(Finding("budget", "weak", "No evaluation cost: measuring results costs time and money too."))
    for b in p.benefits:
        t = TEMPLATES[b.template]
        name = b.label or t.title
        missing = [i.label for i in t.inputs if i.name not in b.inputs]
        if missing:
            out.append(Finding("budget", "missing", f"{name}: fill in {', '.join(missing)}; until then it counts as zero."))
        raw = raw_benefit(b.template, b.inputs)
        if raw is not None and raw < 0:
            out.append(Finding("budget", "cfo", f"{name}: works out negative ({_inputs_hint(b.template)}); check the before and after values."))
        if b.attribution == 1:
            out.append(Finding("budget", "cfo", f"{name}: no attribution. 100% of the improvement is credited to the programme; estimate its share."))
        estimate = b.evidence is not None and b.evidence.kind == EvidenceKind.estimate
        if b.confidence == 1:
            said = "100% confidence in an estimate" if estimate else "100% confidence"
            out.append(Finding("budget", "cfo", f"{name}: {said}. Adjust the estimate for its possible error."))
        out += _evidence(name, b, estimate)
        if b.template == "sales_uplift" and b.inputs.get("gross_margin") == 1:
            out.append(Finding("budget", "cfo", f"{name}: revenue is counted instead of margin. Use your gross margin."))
        if b.template == "productivity_hours_saved" and b.inputs.get("redeployed_share") == 1:
            out.append(Finding("budget", "cfo", f"{name}: all saved time is counted as productive. Saved time that becomes slack is worth nothing."))
        unsourced = [i.label for i in t.inputs if i.name in b.inputs and not b.sources.get(i.name)]
        if unsourced:
            out.append(Finding("budget", "weak", f"{name}: say where these numbers come from: {', '.join(unsourced)}."))
    short = p.initiative.course_length_hours is None or p.initiative.course_length_hours <= SHORT_PROGRAMME_HOURS
    if p.horizon_years > 1 and short and any(b.cadence == "per_year" for b in p.benefits):
        out.append(Finding("budget", "cfo", f"Benefits are counted for {p.horizon_years} years for a short programme; Phillips counts the first year only."))
    if p.benefits and (p.costs or p.learner_groups):
        e = analyse(p).evaluation
        if not isinstance(e.roi_percent, Undefined):
            if e.roi_percent > IMPLAUSIBLE_ROI_PERCENT:
                out.append(Finding("budget", "cfo", "An ROI above 500% reads as an unsupported claim; check every assumption and keep the conservative case."))
            if e.roi_percent < 0:
                out.append(Finding("budget", "cfo", "The expected case does not pay back its costs within the horizon."))
        if p.funding and e.funding_total < e.costs_by_year[0]:
            out.append(Finding("budget", "weak", "The funding sources do not cover the first year's costs."))
    if not p.intangibles:
        out.append(Finding("budget", "weak", "List the intangible benefits (kept out of the ROI, but they persuade)."))
    return out


def _evidence(name: str, b: BenefitLine, estimate: bool) -> list[Finding]:
    """The evidence register: "how do you know the training caused it?" is the question finance asks first."""
    if b.evidence is None:
        return [Finding("budget", "weak", f"{name}: record the evidence (measured data, a pilot, a benchmark or an estimate) and how the programme's share was isolated.")]
    if b.evidence.isolation is None:
        severity = "cfo" if estimate else "weak"
        what = "an estimate with no isolation method" if estimate else "no isolation method"
        return [Finding("budget", severity, f"{name}: {what}. Say how the programme's share of the improvement was isolated "
                                            "(control group, trend line, forecasting, or participants', managers' or experts' estimates).")]
    return []


def _options(p: Pitch) -> list[Finding]:
    out = []
    if p.criteria and sum(c.weight for c in p.criteria) != 100:
        out.append(Finding("options", "weak", "Criteria weights should add up to 100."))
    ranked = rank_options(p) if p.criteria else Undefined("no criteria")
    if not isinstance(ranked, Undefined):
        for r in ranked:
            if r.missing:
                out.append(Finding("options", "weak", f"{r.name}: score it on {', '.join(r.missing)}."))
        if p.recommended_option and p.recommended_option != ranked[0].name:
            out.append(Finding("options", "weak", f"You recommend '{p.recommended_option}' but '{ranked[0].name}' scores highest; explain why."))
    if p.options and not p.recommended_option:
        out.append(Finding("options", "weak", "Say which option you recommend."))
    return out


def _alignment(p: Pitch) -> list[Finding]:
    out = []
    for g in p.goals:
        if not g.kpi:
            out.append(Finding("alignment", "weak", f"Goal '{g.goal}': name the KPI that will show the movement."))
    levels = {m.level for m in p.measures}
    if p.measures and not ({Level.application, Level.impact} <= levels):
        out.append(Finding("alignment", "cfo", "The measurement plan stops at reaction and learning; leaders want application and business impact."))
    for m in p.measures:
        if m.level in (Level.application, Level.impact) and (m.baseline is None or m.target is None):
            out.append(Finding("alignment", "weak", f"'{m.measure}': give a baseline and a target."))
        if not m.owner:
            out.append(Finding("alignment", "weak", f"'{m.measure}': who owns this measure?"))
    return out


def _readiness(p: Pitch) -> list[Finding]:
    return [
        Finding("readiness", "weak", f"{f.label} is scored {f.score} of 5: say how you will handle it.")
        for f in factors(p.radar)
        if f.score is not None and f.score <= 2 and not f.mitigation
    ]


def _inputs_hint(template_id: str) -> str:
    return TEMPLATES[template_id].formula
