"""The pitch: one validated model of everything a leadership business case needs.

A ``Pitch`` follows the method in the seeds, one part per step: the initiative
and its strategic performance objective, the audience, the budget and the
return, the options, the alignment with goals and the measurement plan, the
RADAR readiness and, after launch, the tracked KPI actuals.

Rules that hold for every part:

- money is ``Decimal`` in the pitch's ``currency`` (never float), at most 2 decimals;
- shares and rates are fractions in [0, 1] whose names say so;
- unknown keys are rejected; every text field is capped and cleaned (``text``);
- incompleteness is *not* an error: ``findings`` reports what is missing or weak.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ldpitch.pitch.benefits import TEMPLATES, raw_benefit
from ldpitch.pitch.money import MAX_AMOUNT, Amount
from ldpitch.pitch.text import Long, Short
from ldpitch.pitch.uncertainty import Evidence, Range, check_range, check_ranges

SCHEMA_VERSION = 1

#: A fraction in [0, 1]: attribution, confidence, rates, shares.
Share = Annotated[Decimal, Field(ge=0, le=1, max_digits=12, decimal_places=6, allow_inf_nan=False)]
#: A non-negative quantity such as hours or weeks.
Quantity = Annotated[Decimal, Field(ge=0, le=Decimal("1000000000"), max_digits=16, decimal_places=4, allow_inf_nan=False)]
Headcount = Annotated[int, Field(ge=0, le=10_000_000)]
Rating = Annotated[int, Field(ge=1, le=5)]
Cadence = Literal["one_time", "per_year"]


class CadenceWords(NamedTuple):
    """How a cadence reads wherever it is shown: the one spelling of each."""

    choice: str  # picked in an editor: "One-time", "Every year"
    cell: str  # in a table or workbook cell (and the workbook's SUMIF criteria): "one-time", "per year"
    heading: str  # a column of such amounts: "One-time", "Per year"
    after_amount: str  # after an amount: "$5,000 once", "$5,000 a year"


#: Every cadence's words, keyed by the ``Cadence`` the pitch stores.
CADENCE_WORDS: dict[str, CadenceWords] = {
    "one_time": CadenceWords("One-time", "one-time", "One-time", "once"),
    "per_year": CadenceWords("Every year", "per year", "Per year", "a year"),
}

_MAX_ROWS = 200
Items = Field(default_factory=list, max_length=_MAX_ROWS)


class Part(BaseModel):
    """Base of every part of a pitch: unknown keys rejected, immutable once validated."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class DeliveryFormat(StrEnum):
    classroom = "classroom"
    virtual_classroom = "virtual classroom"
    e_learning = "e-learning"
    mobile = "mobile learning"
    blended = "blended"
    coaching = "coaching or mentoring"
    simulation = "simulation"
    on_the_job = "on-the-job"
    conference = "conference or event"
    other = "other"


class Initiative(Part):
    """Know your initiative: what it is, why it matters, who builds it, how long it takes."""

    name: Short = ""
    why_it_matters: Long = ""
    expected_results: Long = ""
    developed_by: Short = ""
    development_weeks: Quantity | None = None
    course_length_hours: Quantity | None = None
    resources: Long = ""
    delivery_format: DeliveryFormat = DeliveryFormat.blended


class PerformanceObjective(Part):
    """The strategic performance objective: what improves for the business, what people do differently."""

    business_improvement: Long = ""
    behaviour_change: Long = ""
    evidence_of_success: Long = ""


class LearnerGroup(Part):
    """People who take part; their time away from work is a cost (headcount x hours x loaded rate)."""

    name: Short
    headcount: Headcount = 0
    hours_away: Quantity = Decimal(0)
    loaded_hourly_rate: Amount = Decimal(0)
    cadence: Cadence = "one_time"
    note: Short = ""

    @model_validator(mode="after")
    def _cost_fits_money(self):
        if self.headcount * self.hours_away * self.loaded_hourly_rate > MAX_AMOUNT:
            raise ValueError(f"time away from work for this group comes to more than {MAX_AMOUNT:,}; check headcount, hours away and the rate")
        return self


class Milestone(Part):
    name: Short
    due: date | None = None
    note: Short = ""


class StakeholderType(StrEnum):
    executive = "executive"
    operations_director = "operations_director"
    hr_partner = "hr_partner"
    business_unit_manager = "business_unit_manager"
    association_board = "association_board"
    members_boss = "members_boss"
    employee = "employee"
    other = "other"


class Stance(StrEnum):
    champion = "champion"
    supporter = "supporter"
    neutral = "neutral"
    sceptic = "sceptic"
    blocker = "blocker"


class Objection(Part):
    objection: Short
    response: Long = ""


class Stakeholder(Part):
    """Know your audience: who decides, their role, their KPIs and pain points, what they want to buy."""

    name: Short
    role: Short = ""
    type: StakeholderType = StakeholderType.other
    influence: Rating = 3
    interest: Rating = 3
    stance: Stance = Stance.neutral
    kpis: list[Short] = Field(default_factory=list, max_length=30)
    pain_points: list[Short] = Field(default_factory=list, max_length=30)
    objections: list[Objection] = Field(default_factory=list, max_length=30)
    wants_to_buy: Long = ""


class CostCategory(StrEnum):
    """The fully loaded cost list (Phillips): every cost of the programme, direct and indirect."""

    needs_analysis = "needs analysis"
    design_development = "design and development"
    content_licences = "content and licences"
    hardware_software = "hardware and software"
    delivery = "delivery (facilitators)"
    venue_travel_materials = "venue, travel and materials"
    participant_time = "participants' time away from work"
    administration = "administration and overhead"
    evaluation = "evaluation and reporting"
    other = "other"


class CostLine(Part):
    """One cost of the programme; ``amount_range`` is its low and high (empty: the amount is taken as certain)."""

    category: CostCategory
    label: Short = ""
    cadence: Cadence = "one_time"
    amount: Amount = Decimal(0)
    note: Short = ""
    amount_range: Range | None = None

    @model_validator(mode="after")
    def _range_holds_amount(self):
        if self.amount_range is not None:
            check_range(f"{self.label or self.category.value.capitalize()}: amount", self.amount, self.amount_range)
        return self


class FundingSource(Part):
    source: Short
    amount: Amount = Decimal(0)
    confirmed: bool = False
    note: Short = ""


class BenefitLine(Part):
    """A monetary benefit from a template: raw x attribution x confidence is what counts.

    ``sources`` says where each input comes from; inputs left out take the
    template's cited default (and its source) when it has one. ``measure``
    names the business-impact measure of the plan that tracks this benefit
    after launch (``tracking`` credits the benefit only as far as that
    measure has moved; empty means no benefit is realised to date).
    ``ranges`` holds a low and high for any input, ``"attribution"`` or
    ``"confidence"`` (the simulation's spread); ``evidence`` is the register.
    """

    label: Short
    template: str
    inputs: dict[str, Decimal] = Field(default_factory=dict, max_length=20)
    attribution: Share = Decimal(1)
    confidence: Share = Decimal(1)
    cadence: Cadence = "per_year"
    sources: dict[str, Short] = Field(default_factory=dict, max_length=20)
    note: Short = ""
    measure: Short = ""
    ranges: dict[str, Range] = Field(default_factory=dict, max_length=22)
    evidence: Evidence | None = None

    @model_validator(mode="before")
    @classmethod
    def _fill_cited_defaults(cls, data):
        if not isinstance(data, dict) or not isinstance(data.get("template"), str) or data["template"] not in TEMPLATES:
            return data
        # Inputs or sources of the wrong type are left for field validation to name (a TypeError here would crash).
        if not all(isinstance(data.get(k) or {}, dict) for k in ("inputs", "sources")):
            return data
        t = TEMPLATES[data["template"]]
        inputs = dict(data.get("inputs") or {})
        sources = dict(data.get("sources") or {})
        for i in t.inputs:
            if i.name not in inputs and i.default is not None:
                inputs[i.name] = i.default
                sources.setdefault(i.name, f"default: {i.source}")
        return {**data, "inputs": inputs, "sources": sources}

    @field_validator("template")
    @classmethod
    def _known_template(cls, v: str) -> str:
        if v not in TEMPLATES:
            raise ValueError(f"unknown benefit template {v!r}; choose one of {', '.join(TEMPLATES)}")
        return v

    @model_validator(mode="after")
    def _inputs_fit_template(self):
        t = TEMPLATES[self.template]
        known = {i.name: i for i in t.inputs}
        for name, value in self.inputs.items():
            spec = known.get(name)
            if spec is None:
                raise ValueError(f"{name!r} is not an input of {t.title!r} (expected {', '.join(known)})")
            if not value.is_finite():
                raise ValueError(f"{spec.label} must be a number")
            if value < 0:
                raise ValueError(f"{spec.label} cannot be negative")
            if spec.kind == "share" and value > 1:
                raise ValueError(f"{spec.label} is a share between 0 and 1 (0.35 means 35%)")
            if abs(value) > Decimal("1e12"):
                raise ValueError(f"{spec.label} is too large")
        for name in self.sources:
            if name not in known:
                raise ValueError(f"source given for {name!r}, which is not an input of {t.title!r}")
        check_ranges(self.label or t.title, t, self.ranges, {**self.inputs, "attribution": self.attribution, "confidence": self.confidence})
        # Each input may be up to 1e12, but their product must stay an amount money can hold,
        # or exact decimal arithmetic cannot round it to the cent later.
        raw = raw_benefit(self.template, self.inputs)
        if raw is not None and abs(raw) > MAX_AMOUNT:
            raise ValueError(f"this benefit works out at more than {MAX_AMOUNT:,} a year; check its inputs")
        return self


class Intangible(Part):
    """A benefit purposely not converted to money (Phillips guiding principle 11)."""

    name: Short
    note: Short = ""


class Criterion(Part):
    name: Short
    weight: Annotated[int, Field(ge=0, le=100)] = 0


class Option(Part):
    """One choice leaders can make; scores are 1 to 10 per criterion name; ``cost`` is over the whole horizon."""

    name: Short
    description: Long = ""
    is_do_nothing: bool = False
    cost: Amount | None = None
    scores: dict[Short, Annotated[int, Field(ge=1, le=10)]] = Field(default_factory=dict, max_length=20)


class Goal(Part):
    """The common thread: an organisational goal, the initiative's outcome for it, the KPI that shows it."""

    goal: Short
    kind: Literal["strategic", "operational"] = "strategic"
    outcome: Short = ""
    kpi: Short = ""
    owner: Short = ""


class Level(StrEnum):
    reaction = "reaction"
    learning = "learning"
    application = "application"
    impact = "business impact"
    roi = "ROI"


class Measure(Part):
    """One line of the measurement plan at one level (Phillips / Kirkpatrick)."""

    level: Level
    measure: Short
    unit: Short = ""
    baseline: Decimal | None = Field(default=None, allow_inf_nan=False, max_digits=18, decimal_places=4)
    target: Decimal | None = Field(default=None, allow_inf_nan=False, max_digits=18, decimal_places=4)
    due: date | None = None
    data_source: Short = ""
    owner: Short = ""


class RadarFactor(Part):
    """One RADAR factor: 1 (not addressed) to 5 (well handled), with the mitigation."""

    score: Rating | None = None
    mitigation: Long = ""


class Radar(Part):
    """Get on the RADAR: minimise Resistance, Apathy, Disruptions; maximise Application, Results."""

    resistance: RadarFactor = RadarFactor()
    apathy: RadarFactor = RadarFactor()
    disruptions: RadarFactor = RadarFactor()
    application: RadarFactor = RadarFactor()
    results: RadarFactor = RadarFactor()


class KpiActual(Part):
    """A tracked value of a measure (by its name) on a date, after launch."""

    measure: Short
    on: date
    value: Decimal = Field(allow_inf_nan=False, max_digits=18, decimal_places=4)


class Pitch(Part):
    """One L&D business case, the single source of truth for the app, the deck and the exports."""

    schema_version: Literal[1] = SCHEMA_VERSION
    title: Short = ""
    organisation: Short = ""
    presenter: Short = ""
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] = "USD"
    locale: Annotated[str, Field(pattern=r"^[a-z]{2,3}(_[A-Z]{2})?$")] = "en_US"
    horizon_years: Annotated[int, Field(ge=1, le=10)] = 1
    discount_rate: Share = Decimal("0.04")
    scenario_spread: Share = Decimal("0.2")

    initiative: Initiative = Initiative()
    objective: PerformanceObjective = PerformanceObjective()
    learner_groups: list[LearnerGroup] = Items
    milestones: list[Milestone] = Items

    stakeholders: list[Stakeholder] = Items
    primary_audience: Short = ""

    costs: list[CostLine] = Items
    funding: list[FundingSource] = Items
    benefits: list[BenefitLine] = Items
    intangibles: list[Intangible] = Items

    options: list[Option] = Field(default_factory=list, max_length=6)
    criteria: list[Criterion] = Field(default_factory=list, max_length=20)
    recommended_option: Short = ""

    goals: list[Goal] = Items
    measures: list[Measure] = Items
    radar: Radar = Radar()
    launch_date: date | None = None  # when the programme went live: benefits and running costs accrue from here
    actuals: list[KpiActual] = Field(default_factory=list, max_length=5000)

    def stakeholder(self, name: str) -> Stakeholder | None:
        """The stakeholder called ``name``, or ``None``."""
        return next((s for s in self.stakeholders if s.name == name), None)

    @property
    def audience(self) -> Stakeholder | None:
        """The deck's primary audience, if it names one of the stakeholders."""
        return self.stakeholder(self.primary_audience)
