"""The pitch's lists as the app edits them: one ``Table`` per list, the options' score matrix, benefit inputs.

Each table names where its list lives in the pitch, its columns (header,
field, kind, help) and any read-only columns the core computes; the
machinery that turns rows into items and back is ``ldpitch.editing.rows``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache

from ldpitch import format as fmt
from ldpitch.editing.parse import EditError, fields_of, filled, opened_list, parse_money, parse_number, replaced, validated
from ldpitch.editing.rows import KEY, PROBLEM, Applied, Column, Draft, Table, parse_cell
from ldpitch.engine import analyse, benefit_item, participant_time_cost
from ldpitch.pitch import (
    CADENCE_WORDS,
    TEMPLATES,
    BenefitLine,
    CostCategory,
    CostLine,
    Criterion,
    DeliveryFormat,
    FundingSource,
    Goal,
    Intangible,
    KpiActual,
    LearnerGroup,
    Level,
    Measure,
    Milestone,
    Objection,
    Option,
    Pitch,
    Stakeholder,
    StakeholderType,
    Stance,
    apply_preset,
    preset,
)


def _rename_criterion(data: dict, old: str, new: str) -> None:
    for o in opened_list(data, "options"):
        if old in o["scores"] and new not in o["scores"]:
            o["scores"][new] = o["scores"].pop(old)


def _rename_option(data: dict, old: str, new: str) -> None:
    if data["recommended_option"] == old:
        data["recommended_option"] = new


def _rename_stakeholder(data: dict, old: str, new: str) -> None:
    if data["primary_audience"] == old:
        data["primary_audience"] = new


def _rename_measure(data: dict, old: str, new: str) -> None:
    for a in opened_list(data, "actuals"):
        if a["measure"] == old:
            a["measure"] = new


def _new_template_starts_afresh(fields: dict, base: dict) -> dict:
    """Another template has other inputs: a benefit whose template changed starts from the new one's defaults."""
    if base.get("template") and fields.get("template") != base["template"]:
        # The ranges of the old inputs go with them; those of attribution and confidence stay.
        ranges = {k: v for k, v in (fields.get("ranges") or {}).items() if k in ("attribution", "confidence")}
        return {**{k: v for k, v in fields.items() if k not in ("inputs", "sources")}, "ranges": ranges}
    return fields


def _range_both_ends(fields: dict, base: dict) -> dict:
    """A cost line's Low and High come together: both empty is no range, one alone is a problem on the row."""
    ends = fields.get("amount_range") or {}
    if not ends:
        return {**fields, "amount_range": None}
    if len(ends) == 1:
        raise EditError("Low and High: give both, or leave both empty if the amount is certain")
    return fields


def _choices(enum: type) -> tuple[tuple[str, str], ...]:
    return tuple((m.value, m.value[:1].upper() + m.value[1:].replace("_", " ")) for m in enum)


CADENCE = tuple((cadence, words.choice) for cadence, words in CADENCE_WORDS.items())
STAKEHOLDER_TYPES = tuple((t.value, preset(t).label) for t in StakeholderType)


def benefit_in_words(p: Pitch, b: BenefitLine) -> str:
    """A benefit line of ``p`` with its raw and counted value, as the inputs form states them (read from the pitch's evaluation)."""
    item = analyse(p).evaluation.benefits[p.benefits.index(b)]
    if item.raw is None:
        return "Until every input is filled in, this line counts as zero."
    return (f"Raw benefit {fmt.money(item.raw, p.currency, p.locale)}; counted {fmt.money(item.counted, p.currency, p.locale)} "
            f"after {fmt.share(b.attribution, p.locale)} attribution and {fmt.share(b.confidence, p.locale)} confidence.")


def _benefit_counted(p: Pitch, b: BenefitLine) -> str:
    return fmt.money(benefit_item(b, p.currency).counted, p.currency, p.locale)


def _group_cost(p: Pitch, g: LearnerGroup) -> str:
    return fmt.money(participant_time_cost(g.headcount, g.hours_away, g.loaded_hourly_rate, p.currency), p.currency, p.locale)


LEARNER_GROUPS = Table("learner_groups", LearnerGroup, (
    Column("Group", "name", required=True, help="Who takes part, e.g. 'Field sales reps'.", width="medium"),
    Column("People", "headcount", "int", low=0, help="How many people in this group take part."),
    Column("Hours away", "hours_away", "number", low=0, help="Hours each person spends away from their work for the programme."),
    Column("Loaded hourly rate", "loaded_hourly_rate", "money", help="Wage plus benefits and overhead per hour."),
    Column("Cadence", "cadence", "choice", CADENCE, help="One-time, or every year of the horizon."),
), "learner group", shown=(("Time-away cost", _group_cost),))

MILESTONES = Table("milestones", Milestone, (
    Column("Milestone", "name", required=True, width="large"), Column("Due", "due", "date"), Column("Note", "note", width="large"),
), "milestone")

STAKEHOLDERS = Table("stakeholders", Stakeholder, (
    Column("Name", "name", required=True, help="The person or group, e.g. 'Director of Operations'.", width="medium"),
    Column("Role", "role", width="medium"),
    Column("Type", "type", "choice", STAKEHOLDER_TYPES, help="Presets fill in typical KPIs, pain points and objections for each type.",
           width="medium"),
    Column("Influence", "influence", "score", low=1, high=5, help="1 (little say) to 5 (decides).", width=105),
    Column("Interest", "interest", "score", low=1, high=5, help="1 (indifferent) to 5 (cares a lot).", width=105),
    Column("Stance", "stance", "choice", _choices(Stance), width=105),
), "stakeholder", renames="name", follow=_rename_stakeholder)

OBJECTIONS = Table("stakeholders.0.objections", Objection, (
    Column("Objection", "objection", required=True, help="What they are likely to say.", width="medium"),
    Column("Response", "response", help="Your answer, with evidence.", width="large"),
), "objection")

COSTS = Table("costs", CostLine, (
    Column("Category", "category", "choice", _choices(CostCategory), required=True, help="Fully loaded: count every kind of cost.",
           width="medium"),
    Column("Item", "label", help="What exactly, e.g. 'Tablets for 60 reps'.", width=320),
    Column("Cadence", "cadence", "choice", CADENCE, width=100),
    Column("Amount", "amount", "money", required=True, help="Typed as you would write it, e.g. $12,500.", width=110),
    Column("Low", "amount_range.low", "money", help="Optional: the lowest the amount may turn out (with High, a range for the simulation).",
           width=95),
    Column("High", "amount_range.high", "money", help="Optional: the highest the amount may turn out; leave both empty if it is certain.",
           width=95),
    Column("Note", "note", help="Where the number comes from.", width="large"),
), "cost line", adjust=_range_both_ends)

FUNDING = Table("funding", FundingSource, (
    Column("Source", "source", required=True, help="Whose budget pays, e.g. 'Sales operations budget'.", width="medium"),
    Column("Amount", "amount", "money", required=True, width=105),
    Column("Confirmed", "confirmed", "bool", width=105),
    Column("Note", "note", width="medium"),
), "funding source")

BENEFITS = Table("benefits", BenefitLine, (
    Column("Benefit", "label", required=True, help="A short name, e.g. 'More new-product deals'.", width=190),
    Column("Template", "template", "choice", tuple((t.id, t.title) for t in TEMPLATES.values()), required=True,
           help="The formula that turns the improvement into money; fill its inputs below.", width=170),
    Column("Attribution %", "attribution", "percent", low=0, high=100,
           help="Share of the improvement due to this programme rather than anything else (isolation).", width=105),
    Column("Confidence %", "confidence", "percent", low=0, high=100, help="How sure you are of the estimate.", width=105),
    Column("Cadence", "cadence", "choice", CADENCE, width=95),
    Column("Note", "note", width=95),
), "benefit line", shown=(("Counted", _benefit_counted),), adjust=_new_template_starts_afresh)

INTANGIBLES = Table("intangibles", Intangible, (
    Column("Intangible benefit", "name", required=True, width="medium"), Column("Note", "note", width="medium"),
), "intangible benefit")

OPTIONS = Table("options", Option, (
    Column("Option", "name", required=True, width=170),
    Column("Description", "description", width=180),
    Column("Do nothing", "is_do_nothing", "bool", help="Tick for the 'do nothing' option.", width=105),
    Column("Cost", "cost", "money", width=105),
), "option", renames="name", follow=_rename_option)

CRITERIA = Table("criteria", Criterion, (
    Column("Criterion", "name", required=True, width=160),
    Column("Weight", "weight", "int", low=0, high=100, help="Weights should add up to 100.", width=90),
), "criterion", renames="name", follow=_rename_criterion)

GOALS = Table("goals", Goal, (
    Column("Goal", "goal", required=True, help="An organisational goal leaders already own.", width="medium"),
    Column("Kind", "kind", "choice", (("strategic", "Strategic"), ("operational", "Operational")), width=105),
    Column("Outcome", "outcome", help="What the initiative changes for this goal.", width="medium"),
    Column("KPI", "kpi", help="The KPI that will show the movement.", width="medium"),
    Column("Owner", "owner", width=105),
), "goal")

MEASURES = Table("measures", Measure, (
    Column("Level", "level", "choice", _choices(Level), required=True, width=120),
    Column("Measure", "measure", required=True, width=190),
    Column("Unit", "unit", width=90),
    Column("Baseline", "baseline", "number", width=85),
    Column("Target", "target", "number", width=85),
    Column("Due", "due", "date", width=100),
    Column("Data source", "data_source", width=130),
    Column("Owner", "owner", width=105),
), "measure", renames="measure", follow=_rename_measure)

ACTUALS = Table("actuals", KpiActual, (
    Column("Measure", "measure", required=True, width="large", help="A measure of the measurement plan (Alignment page)."),
    Column("On", "on", "date", required=True, width=120, help="The date the value was read."),
    Column("Value", "value", "number", required=True, width=110, help="In the measure's unit: 63 for 63%."),
), "KPI actual")


def actuals_for(pitch: Pitch) -> Table:
    """``ACTUALS`` with the measure picked from the plan's measure names (and any name a reading already uses).

    >>> from ldpitch.pitch.examples import load
    >>> actuals_for(load("production")).columns[0].choices[:1]
    (('Operators rating the station modules as useful', 'Operators rating the station modules as useful'),)
    """
    names = dict.fromkeys([m.measure for m in pitch.measures if m.measure] + [a.measure for a in pitch.actuals])
    measure = replace(ACTUALS.columns[0], kind="choice", choices=tuple((n, n) for n in names))
    return replace(ACTUALS, columns=(measure, *ACTUALS.columns[1:]))

DELIVERY_FORMATS = tuple(f.value for f in DeliveryFormat)


# --- the options' score matrix ----------------------------------------------------------------------


@dataclass(frozen=True)
class ScoreMatrix:
    """Options (rows) scored 1 to 10 on each criterion (columns); a blank cell is not scored yet."""

    path: str = "options"
    noun: str = "score"

    def columns(self, pitch: Pitch) -> tuple[Column, ...]:
        return tuple(Column(c.name, c.name, "score", low=1, high=10) for c in pitch.criteria)

    def source(self, pitch: Pitch) -> str:
        return json.dumps([[o.name, o.scores] for o in pitch.options] + [[c.name for c in pitch.criteria]], sort_keys=True)

    def draft(self, pitch: Pitch) -> Draft:
        rows = tuple({"Option": o.name, **{c.name: o.scores.get(c.name) for c in pitch.criteria}, KEY: n, PROBLEM: ""}
                     for n, o in enumerate(pitch.options))
        return Draft(rows, {}, self.source(pitch))

    def apply(self, pitch: Pitch, draft: Draft, edited: list[dict]) -> Applied:
        data = fields_of(pitch)
        options = data["options"] = [o.model_dump() for o in pitch.options]
        rows, problems = [], []
        for row, option in zip(edited, options, strict=False):
            bad = []
            for c in self.columns(pitch):
                value = row.get(c.header)
                if not filled(value):
                    option["scores"].pop(c.header, None)
                    continue
                try:
                    option["scores"][c.header] = parse_cell(pitch, c, value)
                except EditError as e:
                    bad.append(f"{c.header}: {e}")
            rows.append({**row, PROBLEM: "⚠ " + "; ".join(bad) if bad else ""})
            problems += [f"{option['name']}: {b}" for b in bad]
        new = validated(data)
        return Applied(new, Draft(tuple(rows), {}, self.source(new)), tuple(problems))


SCORES = ScoreMatrix()


# --- benefit inputs ------------------------------------------------------------------------------------


def set_benefit_inputs(pitch: Pitch, index: int, values: dict[str, object], sources: dict[str, str]) -> Applied:
    """The benefit line at ``index`` with its template inputs and their sources replaced.

    A blank input is left out (it takes the template's cited default if it has
    one); a bad one is named in ``problems`` and the pitch is kept as it was.
    """
    line = pitch.benefits[index]
    t = TEMPLATES[line.template]
    inputs, problems = {}, []
    for spec in t.inputs:
        value = values.get(spec.name)
        if not filled(value):
            continue
        try:
            if spec.kind == "money":
                inputs[spec.name] = parse_money(value, pitch.currency, pitch.locale)
            else:
                inputs[spec.name] = parse_number(value)
        except EditError as e:
            problems.append(f"{spec.label}: {e}")
    kept_sources = {}
    for name, text in sources.items():
        text = (text or "").strip()
        # A cited default's source no longer applies once the user types another value.
        stale = text.startswith("default: ") and inputs.get(name, Decimal(0)) != t.input(name).default
        if text and name in inputs and not stale:
            kept_sources[name] = text
    if problems:
        return Applied(pitch, Draft(()), tuple(problems))
    try:
        return Applied(replaced(pitch, f"benefits.{index}", {**fields_of(line), "inputs": inputs, "sources": kept_sources}), Draft(()))
    except EditError as e:
        return Applied(pitch, Draft(()), (str(e),))


def with_preset(pitch: Pitch, index: int) -> Pitch:
    """The stakeholder at ``index`` with the KPIs, pain points and objections typical of its type added."""
    return replaced(pitch, f"stakeholders.{index}", apply_preset(pitch.stakeholders[index]))


# --- settings choices ----------------------------------------------------------------------------------

CURRENCIES = ("USD", "EUR", "GBP", "CAD", "AUD", "NZD", "CHF", "SEK", "NOK", "DKK", "JPY", "INR", "SGD", "ZAR", "BRL", "MXN")
LOCALE_CODES = ("en_US", "en_GB", "en_CA", "en_AU", "en_IE", "en_IN", "de_DE", "de_AT", "de_CH", "fr_FR", "fr_CA", "nl_NL",
                "es_ES", "es_MX", "it_IT", "pt_BR", "sv_SE", "nb_NO", "da_DK", "ja_JP")


def locale_names() -> dict[str, str]:
    """Number-format locales people can pick, named with an example amount."""
    return dict(_locale_names())


@cache
def _locale_names() -> tuple[tuple[str, str], ...]:
    # Formatted once a process: the Budget page asks on every rerun, and each name costs a CLDR look-up.
    return tuple((code, f"{fmt.locale_name(code)} ({fmt.number(Decimal('12500.5'), code)})") for code in LOCALE_CODES)
