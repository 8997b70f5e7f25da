"""The opening of a deck: the title, the ask with the executive summary, and the problem in the audience's terms."""

from __future__ import annotations

from decimal import Decimal

from ldpitch.deck.facts import Facts, pick, short_name
from ldpitch.deck.sections.case import gain_phrase
from ldpitch.deck.sections.draft import Draft
from ldpitch.deck.slides import Metric, SlideSpec
from ldpitch.engine import Undefined
from ldpitch.narrative import capfirst, clip, join_and, lower_first, plural, with_article

#: How each benefit template reads as the cost of doing nothing ("Doing nothing costs $X a year ...").
INACTION: dict[str, str] = {
    "sales_uplift": "in lost margin",
    "productivity_hours_saved": "in lost productive time",
    "turnover_reduction": "in avoidable turnover",
    "time_to_proficiency": "in slow ramp-up of new hires",
    "errors_avoided": "in errors and rework",
    "safety_incidents_avoided": "in avoidable safety incidents",
    "compliance_risk_avoided": "in compliance risk",
    "membership_renewals": "in lapsed memberships",
}

#: The headline figures of the executive summary; a preset's ``lead_figures`` put theirs first.
SUMMARY_FIGURES = ("investment", "benefit", "roi", "payback")


#: The preset's headline figures (``presets.FIGURES``) as the summary figure each one puts first.
FIGURE_KEYS = {"payback": "payback", "roi": "roi", "npv": "roi", "net_benefit": "benefit", "break_even": "payback", "risk": "roi"}


def summary_order(lead_figures: tuple[str, ...]) -> list[str]:
    """The four summary figures, this audience's lead figures first.

    >>> summary_order(("payback", "roi", "npv", "risk"))
    ['payback', 'roi', 'investment', 'benefit']
    >>> summary_order(("net_benefit", "payback", "break_even"))
    ['benefit', 'payback', 'investment', 'roi']
    """
    first = [FIGURE_KEYS[f] for f in lead_figures if f in FIGURE_KEYS]
    return list(dict.fromkeys([*first, *SUMMARY_FIGURES]))


def _audience_line(f: Facts) -> str:
    lens = f.lens
    if lens.is_person:
        line = f"A business case for {clip(lens.name, 70)}"
        return f"{line}, {lens.role}" if lens.role and len(line) + len(lens.role) < 100 else line
    return f"A business case for {lower_first(lens.label)}"


def title(f: Facts) -> Draft:
    """The title slide: the initiative's headline promise, for whom, by whom."""
    p, e = f.pitch, f.e
    if f.has_return and f.pays_back and e.net_benefit >= 0:
        if f.lens.is_finance or "payback" in summary_order(f.lens.lead_figures)[:1]:
            headline = f"{f.name} pays for itself in {f.months(e.payback_months)}"
        else:
            headline = f"{f.name} brings {f.money(e.total_benefits)} of counted benefit {f.over_horizon}"
    elif f.has_costs:
        headline = f"{f.name} asks for {f.money(e.total_costs)} and your decision"
    else:
        headline = f"{f.name} is ready for your decision"
    subtitle = " · ".join(x for x in (clip(p.title, 90) if p.title and p.title != p.initiative.name else "", _audience_line(f)) if x)
    presenter = tuple(x for x in (clip(p.presenter, 70), clip(p.organisation, 50)) if x)
    return Draft(SlideSpec("title", headline, subtitle=subtitle, bullets=presenter))


def _metric(f: Facts, key: str) -> Metric | None:
    e = f.e
    if key == "investment" and f.has_costs:
        return Metric("Investment, fully loaded", f.money(e.total_costs))
    if key == "benefit" and f.has_benefits:
        label = "Counted benefit, year one" if f.pitch.horizon_years == 1 else f"Counted benefit, {f.horizon_words}"
        return Metric(label, f.money(e.total_benefits))
    if key == "roi" and f.has_return:
        return Metric("Return on investment", f.percent(e.roi_percent))
    if key == "payback" and f.has_return:
        return Metric("Payback", f.months(e.payback_months))
    return None


def ask(f: Facts) -> Draft:
    """The ask and the executive summary: the four headline figures and the decision needed."""
    e, lens = f.e, f.lens
    metrics = tuple(m for m in (_metric(f, k) for k in summary_order(lens.lead_figures)) if m)
    cons = f.scenarios[0].evaluation
    investment = capfirst(with_article(f"{f.money(e.total_costs)} investment"))
    if f.has_return and e.roi_percent >= 0 and f.pays_back:
        if lens.is_finance:
            headline = f"{investment} pays back in {f.months(e.payback_months)} and returns {f.percent(e.roi_percent)}"
        else:
            headline = f"{investment} returns {f.money(e.total_benefits)} {f.over_horizon}"
    elif f.has_return and e.roi_percent >= 0:
        headline = f"{investment} returns {f.percent(e.roi_percent)} {f.over_horizon}"
    elif f.has_return:
        headline = f"The expected case does not pay back within {f.horizon_words}; here is what would change that"
    elif f.has_costs:
        headline = f"We ask for {f.money(e.total_costs)}; the return still has to be put in money"
    else:
        headline = f"We ask you to back {f.name}"
    bullets = [_decision_needed(f)]
    if f.has_return and not isinstance(e.break_even_share, Undefined):
        if e.break_even_share <= 1:
            bullets.append(f"It pays back if only {f.share(e.break_even_share)} of the expected improvement happens.")
        else:
            bullets.append(f"Benefits would need to reach {f.share(e.break_even_share)} of today's estimate to break even.")
    if f.has_return and not isinstance(cons.roi_percent, Undefined) and cons.roi_percent >= 0 and e.roi_percent >= 0:
        bullets.append(f"Even the conservative case returns {f.percent(cons.roi_percent)}.")
    funding = _funding_line(f)
    if funding:
        bullets.append(funding)
    return Draft(
        SlideSpec("ask", headline, metrics=metrics, bullets=tuple(bullets)),
        {"conservative": cons, "metrics": metrics},
    )


def _decision_needed(f: Facts) -> str:
    option = next((o for o in f.pitch.options if o.name == f.recommended), None)
    what = clip(f.recommended, 60) if f.recommended else f.name
    if option is not None and option.cost:
        return f"Decision needed today: approve {what} at {f.money(option.cost)}."
    if f.has_costs:
        return f"Decision needed today: approve {what} at {f.money(f.e.total_costs)} {f.over_horizon}."
    return f"Decision needed today: approve {what}."


def _funding_line(f: Facts) -> str:
    if not f.pitch.funding:
        return ""
    total, confirmed = f.e.funding_total, f.e.funding_confirmed
    if confirmed == total:
        return f"Funding of {f.money(total)} is confirmed."
    return f"Funding: {f.money(confirmed)} confirmed of {f.money(total)} identified."


def problem(f: Facts) -> Draft | None:
    """The business problem in this audience's terms: their pain points and KPIs first, then the cost of inaction."""
    lens, e = f.lens, f.e
    lead = f.lead_benefit
    year_one = e.benefits_by_year[0] if e.benefits_by_year else Decimal(0)
    all_yearly = bool(e.benefits) and all(b.cadence == "per_year" for b in e.benefits)
    if lens.is_finance and year_one > 0:
        headline = (f"Doing nothing costs {f.money(year_one)} a year in benefits we forgo" if all_yearly
                    else f"Doing nothing forgoes {f.money(year_one)} of counted benefit in year one")
        inaction = year_one
    elif lead is not None and year_one > lead.counted:
        # Several benefits: the cost of doing nothing is all of them; the audience's lead is named second.
        phrase = INACTION.get(lead.template, f"in {short_name(lead.label, 30).lower()}")
        whole = f"Doing nothing costs {f.money(year_one)} a year" if all_yearly else f"Doing nothing forgoes {f.money(year_one)} of counted benefit in year one"
        headline = pick(f"{whole}, {f.money(lead.counted)} of it {phrase}", whole)
        inaction = year_one
    elif lead is not None:
        phrase = INACTION.get(lead.template, f"in {short_name(lead.label, 30).lower()}")
        headline = (f"Doing nothing costs {f.money(lead.counted)} a year {phrase}" if lead.cadence == "per_year"
                    else f"Doing nothing gives up {f.money(lead.counted)} {phrase}")
        inaction = lead.counted
    elif lens.own_pain_points:
        n = min(len(lens.pain_points), 4)
        headline = f"{plural(n, 'problem').capitalize()} {'holds' if n == 1 else 'hold'} back {_their(f)} results today"
        inaction = None
    elif f.pitch.initiative.why_it_matters:
        headline = f"{f.name} answers a problem that costs us today"
        inaction = None
    else:
        return None
    if lens.own_pain_points:
        bullets = [clip(pp, 110) for pp in lens.pain_points[:4]]
    else:  # the preset's typical pains, said as typical: they are not this organisation's own words
        bullets = [f"Typical in this role: {clip(join_and(map(lower_first, lens.pain_points[:3])), 120)}."] if lens.pain_points else []
    if lens.kpis:
        owner = "KPIs you own" if lens.own_kpis else "KPIs this audience usually watches"
        bullets.append(f"{owner}: {clip(join_and(lens.kpis[:4]), 120)}.")
    if not bullets and f.pitch.initiative.why_it_matters:
        bullets.append(clip(f.pitch.initiative.why_it_matters, 150))
    do_nothing = next((o for o in f.pitch.options if o.is_do_nothing), None)
    metrics = ()
    if inaction:
        whole = lens.is_finance or lead is None or inaction != lead.counted
        yearly = all_yearly if whole else lead.cadence == "per_year"
        metrics = (Metric("Cost of doing nothing, a year" if yearly else "Cost of doing nothing, year one", f.money(inaction)),)
        if lead is not None and inaction != lead.counted and not lens.is_finance:
            phrase = INACTION.get(lead.template, f"in {short_name(lead.label, 30).lower()}")
            metrics += (Metric(f"Of it, {phrase}", f.money(lead.counted)),)
    return Draft(
        SlideSpec("problem", headline, metrics=metrics, bullets=tuple(bullets)),
        {"inaction": inaction, "lead": lead, "lead_gain": lower_first(gain_phrase(lead)) if lead is not None else "", "do_nothing": do_nothing,
         "year_one": year_one, "all_yearly": all_yearly},
    )


def _their(f: Facts) -> str:
    return "your" if f.lens.is_person else "the business's"

