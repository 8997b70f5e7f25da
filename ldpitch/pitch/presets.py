"""Stakeholder presets: what each kind of decision-maker wants to buy, so a pitch starts in their language.

"Sell people what they want to buy, not what you want to sell." Each
``StakeholderType`` has a ``Preset`` drawn from the seeds (who wants what) and
from the research on executive objections (``DOMAIN.md`` 4.2): the KPIs they
own, their usual pain points, the objections they raise with a response to
each, the headline figures to lead with and the benefit templates they care
about most. ``apply_preset`` fills only what the user left empty.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, NamedTuple

from ldpitch.pitch.model import Stakeholder, StakeholderType

#: The headline figures a deck can lead with, in the money engine's vocabulary.
HeadlineFigure = Literal["payback", "roi", "npv", "net_benefit", "break_even", "risk"]
FIGURES: tuple[HeadlineFigure, ...] = ("payback", "roi", "npv", "net_benefit", "break_even", "risk")


class PresetObjection(NamedTuple):
    """An objection this kind of stakeholder often raises, and a response that works (DOMAIN 4.2)."""

    objection: str
    response: str


@dataclass(frozen=True)
class Preset:
    """How to pitch to one kind of stakeholder.

    ``objections`` are ``(objection, response)`` pairs (``PresetObjection``); ``lead_figures`` are
    names from ``FIGURES`` in the order to show them; ``lead_benefits`` are
    benefit template ids whose ``audiences`` include this stakeholder type.
    """

    label: str
    what_they_want: str
    kpis: tuple[str, ...]
    pain_points: tuple[str, ...]
    objections: tuple[PresetObjection, ...]
    wants_to_buy: str
    lead_figures: tuple[HeadlineFigure, ...]
    lead_benefits: tuple[str, ...]
    framing: str


# Responses shared by several presets (DOMAIN 4.2).
_NO_BUDGET = PresetObjection(
    "There's no budget.",
    "There is always budget for something that improves the bottom line. Doing nothing costs more than the "
    "programme, and a pilot keeps the first commitment small.",
)
_MADE_UP = PresetObjection(
    "Show me the ROI. These numbers look made up.",
    "The inputs are our own baseline data and standard values. Costs are fully loaded, including people's time; "
    "only the share of the improvement attributed to the programme is counted, discounted for confidence, first "
    "year only. The assumptions table names the source of every figure.",
)
_NO_RESULTS = PresetObjection(
    "We don't see immediate results.",
    "There are leading indicators at 30, 60 and 90 days, a pilot group compared with the rest, and a payback "
    "period in months.",
)
_DONE_BEFORE = PresetObjection(
    "We did training before and nothing changed.",
    "Most training is never applied when nothing supports it after the course. This plan funds practice on the "
    "job, manager follow-up and a measurement plan, so we see early whether it is working.",
)

PRESETS: dict[StakeholderType, Preset] = {
    StakeholderType.executive: Preset(
        label="Senior executive or CFO",
        what_they_want="Senior management wants to see performance improvement in relation to their business objectives.",
        kpis=("Revenue growth", "Gross margin", "Operating cost against budget", "Return on investment", "Cost of risk and compliance"),
        pain_points=(
            "Budgets under pressure in every business area",
            "Past training spend could not be traced to results",
            "Strategic goals at risk from skills gaps",
        ),
        objections=(
            _NO_BUDGET,
            _MADE_UP,
            PresetObjection("Learning is a cost centre.",
                            "Judge it like any other investment, on cash, profit, growth, assets and people. This case shows the "
                            "return, the payback and the risk."),
        ),
        wants_to_buy="Measurable movement on the business objectives they answer for, at a cost that pays back within the year.",
        lead_figures=("payback", "roi", "npv", "risk"),
        lead_benefits=("sales_uplift", "turnover_reduction", "safety_incidents_avoided", "compliance_risk_avoided"),
        framing="Position the initiative as an investment in one of their business objectives, with payback and risk up front, not as learning for its own sake.",
    ),
    StakeholderType.operations_director: Preset(
        label="Operations director",
        what_they_want="The director of operations wants to know specifically how much the training will increase production output.",
        kpis=("Output per shift", "Overall equipment effectiveness (OEE)", "Scrap and rework rate", "Safety incident rate", "On-time delivery"),
        pain_points=(
            "Output below plan on the bottleneck lines",
            "Rework and waiting eat productive hours",
            "People pulled off the line for training",
        ),
        objections=(
            PresetObjection("We can't take people off the line.",
                            "Participants' time is counted in the costs. Training runs at the workstation or in short modules "
                            "during planned downtime, and pays back in weeks."),
            _DONE_BEFORE,
            PresetObjection("How much more output will it give me?",
                            "The case states the hours returned to production and the defects avoided, counted conservatively, "
                            "and tracks them in your own production data."),
        ),
        wants_to_buy="More good output from the people and equipment already in place, visible in the production numbers within weeks.",
        lead_figures=("net_benefit", "payback", "break_even"),
        lead_benefits=("productivity_hours_saved", "errors_avoided", "safety_incidents_avoided", "time_to_proficiency"),
        framing="Lead with output, quality and safety figures from their own production data; the training is how those numbers move.",
    ),
    StakeholderType.hr_partner: Preset(
        label="HR business partner",
        what_they_want="The HR partner wants to know the new-hire targets, and whether new hires stay and become productive quickly.",
        kpis=("New-hire targets met", "Time to fill", "First-year attrition", "Time to proficiency", "Cost per hire"),
        pain_points=(
            "Too many new hires leave in their first year",
            "Hiring to replace leavers rather than to grow",
            "Managers say new hires take too long to be productive",
        ),
        objections=(
            PresetObjection("What if we train them and they leave?",
                            "Ask what happens if we don't train them and they stay, or leave anyway: people who don't get the "
                            "development they need are far more likely to leave within a year. The case prices the turnover saving."),
            PresetObjection("Why not just hire experienced people?",
                            "Compare the cost of replacing a leaver and of a slow ramp-up with the cost of developing people; "
                            "hiring around the problem is usually the dearer option."),
        ),
        wants_to_buy="A hiring plan that adds people instead of replacing them, with new hires who are productive in weeks.",
        lead_figures=("net_benefit", "payback"),
        lead_benefits=("turnover_reduction", "time_to_proficiency"),
        framing="Show what the initiative does to the new-hire target, first-year attrition and time to proficiency.",
    ),
    StakeholderType.business_unit_manager: Preset(
        label="Business-unit manager",
        what_they_want="Business-unit managers want to see quick results and immediate application.",
        kpis=("Team output or sales", "Quality and error rate", "Time to proficiency of new team members", "Overtime hours"),
        pain_points=(
            "Team members away from work for training",
            "New starters slow the team down",
            "No time to coach",
        ),
        objections=(
            PresetObjection("We can't spare people.",
                            "Time away is kept short and counted in the costs; learning happens in small pieces in the flow of work."),
            _NO_RESULTS,
            PresetObjection("Our people are already skilled.",
                            "Compare top and bottom performers on the team's own KPIs: the gap is the opportunity, and the "
                            "programme targets it."),
        ),
        wants_to_buy="Fast, visible improvement in the team's numbers with little time away from work.",
        lead_figures=("payback", "net_benefit"),
        lead_benefits=("sales_uplift", "productivity_hours_saved", "errors_avoided", "time_to_proficiency"),
        framing="Show how quickly the team applies it on the job and what moves on their own dashboard in the first 90 days.",
    ),
    StakeholderType.association_board: Preset(
        label="Association board",
        what_they_want="Association leaders want proof that programmes advance the mission, protect the association from legal action, promote its image and grow membership and revenue.",
        kpis=("Membership renewal rate", "Membership growth", "Non-dues revenue", "Event net income", "Legal and reputational incidents"),
        pain_points=(
            "Renewals slipping",
            "Members question the value of their dues",
            "Legal exposure from outdated guidance",
        ),
        objections=(
            PresetObjection("There's no budget.",
                            "Fees and sponsorship fund the programme alongside the education budget already in place; the return "
                            "comes back as renewals and non-dues revenue."),
            PresetObjection("Will this protect the association legally?",
                            "Content is reviewed by counsel and participants practise the current rules; the lower risk is "
                            "valued conservatively as an expected cost."),
            _MADE_UP,
        ),
        wants_to_buy="A solvent association that stays out of legal trouble, with members who see enough value to renew.",
        lead_figures=("net_benefit", "roi", "risk"),
        lead_benefits=("membership_renewals", "compliance_risk_avoided"),
        framing="Tie the programme to the mission, renewals and revenue, and show how it lowers the association's legal risk.",
    ),
    StakeholderType.members_boss: Preset(
        label="Member's boss (approves attendance)",
        what_they_want="The member's boss wants to know that the money spent on attendance made the person more productive.",
        kpis=("Staff productivity", "Skills applied on the job", "Cost of attendance", "Compliance incidents"),
        pain_points=(
            "Attendance costs fees, travel and days away",
            "No evidence the last event changed anything",
        ),
        objections=(
            PresetObjection("How do I know it was worth sending them?",
                            "A follow-up report after the event shows what the person applied and the time or money it saved, "
                            "confirmed by you."),
            PresetObjection("We can't spare people for days away.",
                            "The programme fits inside the event days, and the follow-up is done on real tasks at work."),
        ),
        wants_to_buy="An employee who comes back more productive, with new skills or ideas the organisation can use.",
        lead_figures=("roi", "payback"),
        lead_benefits=("productivity_hours_saved",),
        framing="Answer their three questions: how the event adds to the attendee's contribution, whether the person is more productive, and which new skills or ideas the organisation can use.",
    ),
    StakeholderType.employee: Preset(
        label="Employee or learner",
        what_they_want="Employees expect skills that add some tangible value to their job.",
        kpis=("Personal targets or quota", "Quality score", "Certification or credits", "Bonus or commission"),
        pain_points=(
            "Training that takes time and changes nothing",
            "Being thrown in without practice",
        ),
        objections=(
            PresetObjection("Is this more work on top of my job?",
                            "The learning is short, built on real tasks, and replaces time spent on less useful training."),
            PresetObjection("Will the results be used against me?",
                            "Practice results are for coaching, not for performance ratings."),
        ),
        wants_to_buy="Tangible value in the day-to-day job: less frustration, more success and a path to progress.",
        # Money matters least to this audience: one figure, no benefit template speaks to them directly.
        lead_figures=("net_benefit",),
        lead_benefits=(),
        framing="Show what changes in their working day and how it helps them succeed; keep the money to one slide.",
    ),
    StakeholderType.other: Preset(
        label="Other stakeholder",
        what_they_want="Every stakeholder wants to see how the initiative helps with the goals they answer for.",
        kpis=(),
        pain_points=(),
        objections=(_NO_BUDGET, _NO_RESULTS),
        wants_to_buy="",
        lead_figures=("roi", "payback"),
        lead_benefits=(),
        framing="Find out which KPIs they own and what keeps them up at night, then position the initiative from their perspective.",
    ),
}


def preset(type: StakeholderType | str) -> Preset:
    """The preset for a stakeholder type (its value, such as ``"hr_partner"``, also works).

    >>> preset("executive").label
    'Senior executive or CFO'
    >>> preset(StakeholderType.members_boss).lead_benefits
    ('productivity_hours_saved',)
    """
    return PRESETS[StakeholderType(type)]


def apply_preset(stakeholder: Stakeholder) -> Stakeholder:
    """A copy of ``stakeholder`` whose empty KPIs, pain points, objections and wants-to-buy come from its preset.

    What the user typed is never overwritten: a field is filled only when it is
    empty. The result is validated again as a ``Stakeholder``.

    >>> cfo = apply_preset(Stakeholder(name="Dana", type="executive", kpis=["EBITDA"]))
    >>> cfo.kpis, cfo.objections[0].objection
    (['EBITDA'], "There's no budget.")
    >>> cfo.wants_to_buy == preset("executive").wants_to_buy
    True
    """
    p = preset(stakeholder.type)
    data = stakeholder.model_dump()
    if not stakeholder.kpis:
        data["kpis"] = list(p.kpis)
    if not stakeholder.pain_points:
        data["pain_points"] = list(p.pain_points)
    if not stakeholder.objections:
        data["objections"] = [{"objection": o, "response": r} for o, r in p.objections]
    if not stakeholder.wants_to_buy.strip():
        data["wants_to_buy"] = p.wants_to_buy
    return Stakeholder.model_validate(data)
