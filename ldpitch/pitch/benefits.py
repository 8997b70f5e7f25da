"""Benefit templates: the formulas a user fills in instead of inventing one, with cited defaults.

Each template turns a few inputs into a *raw* annual (or one-time) monetary
benefit; the money engine then applies attribution and confidence. Its
formula is written once, as an ``expression``, from which the exact
computation, the workbook's Excel formula and the words are all derived. Every
default carries the source it comes from, so any figure on a slide can be
traced to the user's input or to a cited benchmark
(``../shared/reference/DOMAIN.md`` section 5 holds the research).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from ldpitch.pitch.expression import Expression, Input

InputKind = Literal["money", "count", "share", "number"]


@dataclass(frozen=True)
class TemplateInput:
    """One input of a benefit template: what to type, in which unit, and any cited default."""

    name: str
    label: str
    kind: InputKind
    help: str
    default: Decimal | None = None
    source: str | None = None


@dataclass(frozen=True)
class BenefitTemplate:
    """A benefit formula with its inputs, help text and the audiences who care most about it.

    ``expression`` is the one definition of the formula: ``compute``, the
    words of ``formula`` and the workbook's Excel formula are all read from it.
    """

    id: str
    title: str
    help: str
    expression: Expression
    inputs: tuple[TemplateInput, ...]
    audiences: tuple[str, ...]

    def __post_init__(self) -> None:
        if set(self.expression.names()) != {i.name for i in self.inputs}:
            raise ValueError(f"the formula of {self.id!r} reads {self.expression.names()}, not its inputs")

    @property
    def formula(self) -> str:
        """The formula in words: ``sellers x extra sales per seller x gross margin``."""
        return self.expression.words()

    def compute(self, inputs: Mapping[str, Decimal]) -> Decimal:
        """The exact raw benefit over ``inputs`` (every input given), before any rounding."""
        return self.expression.value(inputs)

    def input(self, name: str) -> TemplateInput:
        """The input called ``name``."""
        return next(i for i in self.inputs if i.name == name)


def _i(name, label, kind, help, default=None, source=None) -> TemplateInput:
    return TemplateInput(name, label, kind, help, None if default is None else Decimal(default), source)


_WEEKS = _i(
    "working_weeks", "Working weeks a year", "number",
    "Weeks people actually work in a year, after holidays and leave.",
    "46", "46 to 50 working weeks a year; 46 is the conservative end (cost-of-inaction practice, skillmds.dev business-case skill; DOMAIN 5.2)",
)

TEMPLATES: dict[str, BenefitTemplate] = {
    t.id: t
    for t in (
        BenefitTemplate(
            "sales_uplift", "Sales uplift (margin, not revenue)",
            "Extra sales each seller makes in a year beyond the trend, counted at gross margin: "
            "finance counts the profit on a sale, never the revenue.",
            Input("sellers") * Input("extra_sales_per_seller") * Input("gross_margin"),
            (
                _i("sellers", "Sellers", "count", "People whose sales the initiative should lift."),
                _i("extra_sales_per_seller", "Extra sales per seller a year", "money",
                   "Incremental revenue per seller a year over and above the trend (new revenue minus baseline growth)."),
                _i("gross_margin", "Gross margin", "share",
                   "Your finance team's gross margin on these sales, as a share (0.35 = 35%)."),
            ),
            ("executive", "business_unit_manager"),
        ),
        BenefitTemplate(
            "productivity_hours_saved", "Productivity: hours saved",
            "Hours each person saves a week, valued at the loaded hourly rate, counted only for the "
            "share of saved time that goes back into productive work: slack is worth nothing.",
            Input("people") * Input("hours_saved_per_week", "hours saved a week") * Input("working_weeks")
            * Input("loaded_hourly_rate") * Input("redeployed_share", "share redeployed"),
            (
                _i("people", "People", "count", "People who will save the time."),
                _i("hours_saved_per_week", "Hours saved a week", "number", "Hours each person saves in a typical week."),
                _WEEKS,
                _i("loaded_hourly_rate", "Loaded hourly rate", "money",
                   "Wage plus benefits and overhead per hour; about 1.43 x the hourly wage in the private sector "
                   "(benefits are about 30% of total compensation, BLS ECEC)."),
                _i("redeployed_share", "Share of saved time redeployed", "share",
                   "Share of the saved time that is actually used for productive work (Phillips: time savings are "
                   "realised only when the time saved is used productively)."),
            ),
            ("operations_director", "business_unit_manager", "members_boss"),
        ),
        BenefitTemplate(
            "turnover_reduction", "Turnover reduction",
            "Fewer leavers a year, each valued at the cost of replacing them.",
            Input("headcount") * (Input("turnover_before") - Input("turnover_after")) * Input("average_salary")
            * Input("replacement_cost_share"),
            (
                _i("headcount", "Headcount", "count", "People in the population whose turnover should fall."),
                _i("turnover_before", "Turnover rate today", "share", "Annual voluntary turnover today (0.18 = 18%)."),
                _i("turnover_after", "Turnover rate expected", "share", "Annual turnover expected after the initiative."),
                _i("average_salary", "Average annual salary", "money", "Average annual salary of the population."),
                _i("replacement_cost_share", "Replacement cost (share of salary)", "share",
                   "Cost of replacing one leaver as a share of annual salary.",
                   "0.21", "21% of annual salary, median for all positions except executives and physicians "
                   "(Boushey & Glynn, Center for American Progress, 2012)"),
            ),
            ("hr_partner", "executive"),
        ),
        BenefitTemplate(
            "time_to_proficiency", "Faster time to proficiency",
            "New hires reach full productivity sooner; each month saved is worth the productivity a new "
            "hire does not yet deliver.",
            Input("new_hires_per_year", "new hires a year") * Input("months_saved") * Input("monthly_loaded_cost")
            * Input("productivity_gap", "productivity gap during ramp"),
            (
                _i("new_hires_per_year", "New hires a year", "count", "People who go through onboarding in a year."),
                _i("months_saved", "Months of ramp-up saved", "number", "How much sooner each new hire is fully productive."),
                _i("monthly_loaded_cost", "Monthly loaded cost of a new hire", "money", "Salary plus benefits and overhead per month."),
                _i("productivity_gap", "Productivity gap during ramp", "share",
                   "Share of full productivity a new hire is missing during ramp-up.",
                   "0.5", "a linear ramp from 0% to 100% averages 50% productivity during ramp-up "
                   "(onboarding-velocity practice, jitinnair.com; DOMAIN 5.4)"),
            ),
            ("hr_partner", "operations_director", "business_unit_manager"),
        ),
        BenefitTemplate(
            "errors_avoided", "Errors or rework avoided",
            "Fewer errors a year, each valued at what one costs today (rework time at the loaded rate, "
            "scrap, returns, customer credits).",
            Input("errors_avoided_per_year", "errors avoided a year") * Input("cost_per_error"),
            (
                _i("errors_avoided_per_year", "Errors avoided a year", "number", "How many fewer errors a year."),
                _i("cost_per_error", "Cost per error", "money", "What one error costs today, from your own records."),
            ),
            ("operations_director", "business_unit_manager"),
        ),
        BenefitTemplate(
            "safety_incidents_avoided", "Safety incidents avoided",
            "Fewer recordable incidents a year, each valued at its direct cost plus the indirect costs "
            "(overtime, replacement, supervisor time, stoppage).",
            Input("incidents_avoided_per_year", "incidents avoided a year") * Input("direct_cost_per_incident")
            * (1 + Input("indirect_cost_ratio")),
            (
                _i("incidents_avoided_per_year", "Incidents avoided a year", "number", "How many fewer incidents a year."),
                _i("direct_cost_per_incident", "Direct cost per incident", "money", "Workers' compensation and medical cost of one incident."),
                _i("indirect_cost_ratio", "Indirect cost ratio", "number",
                   "Indirect cost of an incident as a multiple of its direct cost.",
                   "1.1", "indirect cost ratio 1.1 for high-cost injuries (OSHA $afety Pays estimator)"),
            ),
            ("operations_director", "executive"),
        ),
        BenefitTemplate(
            "compliance_risk_avoided", "Compliance risk avoided (expected value)",
            "The drop in the yearly chance of a compliance incident, times what such an incident costs "
            "(fines, legal, remediation, disruption).",
            (Input("probability_before") - Input("probability_after")) * Input("cost_of_incident", "cost of an incident"),
            (
                _i("probability_before", "Chance of an incident a year, today", "share", "Yearly probability today (0.10 = 10%)."),
                _i("probability_after", "Chance of an incident a year, after", "share", "Yearly probability after the initiative."),
                _i("cost_of_incident", "Cost of one incident", "money", "Fines, legal, remediation, disruption and lost revenue."),
            ),
            ("executive", "association_board"),
        ),
        BenefitTemplate(
            "membership_renewals", "Membership renewals",
            "More members renew, each bringing a year of dues and non-dues revenue.",
            Input("members") * (Input("renewal_rate_after") - Input("renewal_rate_before")) * Input("annual_value_per_member"),
            (
                _i("members", "Members up for renewal", "count", "Members whose renewal falls in the year."),
                _i("renewal_rate_before", "Renewal rate today", "share", "Share of members who renew today.",
                   "0.82", "mean overall renewal rate 82% (Marketing General Inc., 2019 Membership Marketing Benchmarking Report)"),
                _i("renewal_rate_after", "Renewal rate expected", "share", "Share expected to renew after the initiative."),
                _i("annual_value_per_member", "Annual value per member", "money", "Dues plus non-dues revenue per member a year."),
            ),
            ("association_board",),
        ),
        BenefitTemplate(
            "standard_value", "Other measure with a standard value",
            "Any business measure your organisation already puts a standard value on (the most credible "
            "way to convert data to money).",
            Input("units_per_year", "units a year") * Input("value_per_unit", "standard value per unit"),
            (
                _i("units_per_year", "Units a year", "number", "How many more (or fewer) units a year."),
                _i("value_per_unit", "Standard value per unit", "money", "The value your organisation already agrees for one unit."),
            ),
            (),
        ),
    )
}


def template(template_id: str) -> BenefitTemplate:
    """The benefit template called ``template_id`` (``KeyError`` if there is none)."""
    return TEMPLATES[template_id]


def raw_benefit(template_id: str, inputs: Mapping[str, Decimal]) -> Decimal | None:
    """The raw benefit before attribution and confidence, or ``None`` while an input is missing.

    >>> raw_benefit("sales_uplift", {"sellers": Decimal(20), "extra_sales_per_seller": Decimal(50000),
    ...                              "gross_margin": Decimal("0.4")})
    Decimal('400000.0')
    >>> raw_benefit("sales_uplift", {"sellers": Decimal(20)}) is None
    True
    """
    t = TEMPLATES[template_id]
    if any(i.name not in inputs for i in t.inputs):
        return None
    return t.compute(inputs)
