"""The workbook's Inputs and Assumptions sheets: every number the case uses, in its own cell, with its source.

``write_inputs`` lays out the settings (the named cells Horizon, DiscountRate
and Spread), the cost lines, the learner groups (time away from work as a
formula) and one block per benefit line (each template input in its own cell),
and returns where each input sits so that the Calculation and Scenarios sheets
can refer to it. ``write_assumptions`` lists every input again with its value
(a live reference), the source the pitch gives for it and any cited default.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ldpitch.engine import Evaluation
from ldpitch.pitch import TEMPLATES, BenefitLine, Pitch
from ldpitch.workbook.cells import Sheet, quote
from ldpitch.workbook.formulas import CADENCE_TEXT, MAX_YEARS, money_digits

SHEET = "Inputs"

HOW_TO_READ = (
    "Inputs (this sheet): every number the business case uses. Blue cells on yellow are inputs: change one "
    "and every sheet follows. Horizon, DiscountRate and Spread are named cells.",
    "Calculation: fully loaded costs, counted benefits (raw x attribution x confidence, rounded to the cent per line), "
    "the year-by-year cash flow and the headline figures: BCR, ROI %, payback, NPV and break-even.",
    "Scenarios: the same figures with every raw benefit scaled by 1 - Spread (conservative), 1 (expected) and "
    "1 + Spread (optimistic); costs stay as entered.",
    "Assumptions: each input with its value, where it comes from, and the cited default a template offers.",
    "Conventions (Phillips ROI Methodology): costs are fully loaded; ROI and BCR use undiscounted totals over the horizon "
    "with one-time costs in year 1; NPV and payback put one-time costs at year 0, undiscounted.",
    f"Year rows run to {MAX_YEARS}; those beyond the horizon count zero and are folded away (click + to show them). "
    "The values were computed by ldpitch and saved with the formulas, so viewers that do not recalculate show them too.",
)

_SHARE_RULE = {"validate": "decimal", "criteria": "between", "minimum": 0, "maximum": 1,
               "error_message": "A share between 0 and 1 (0.35 means 35%)."}
_CADENCE_RULE = {"validate": "list", "source": list(CADENCE_TEXT.values())}


@dataclass(frozen=True)
class CostCell:
    """One cost line (or a learner group's time away from work) as the Calculation sheet reads it."""

    label: str
    category: str
    cadence: str  # reference to the cadence cell
    cadence_text: str
    amount: str  # reference to the amount cell
    amount_value: Decimal
    rounds: bool  # a typed amount is rounded to the currency; a group's time cost already is


@dataclass(frozen=True)
class BenefitCells:
    """One benefit line's cells: each template input, attribution, confidence and cadence."""

    line: BenefitLine
    label: str
    cadence: str
    inputs: dict[str, str]
    input_range: str
    attribution: str
    confidence: str


@dataclass(frozen=True)
class Assumption:
    """One row of the Assumptions sheet."""

    part: str
    input: str
    cell: str
    value: Decimal | int | None
    style: str
    source: str
    cited_default: str = ""


@dataclass
class InputCells:
    """Where the Inputs sheet put everything, for the other sheets' formulas."""

    costs: list[CostCell] = field(default_factory=list)
    benefits: list[BenefitCells] = field(default_factory=list)
    assumptions: list[Assumption] = field(default_factory=list)


def _input_style(kind: str) -> str:
    return {"money": "money", "share": "share", "count": "count"}.get(kind, "number")


def write_inputs(sh: Sheet, pitch: Pitch, ev: Evaluation) -> InputCells:
    """Lay out the Inputs sheet; return where each input sits."""
    out = InputCells()
    sh.text(0, 0, pitch.title or "L&D business case", "title")
    byline = " | ".join(x for x in (pitch.organisation, pitch.presenter) if x)
    if byline:
        sh.text(1, 0, byline, "subtitle")
    sh.text(3, 0, "How to read this workbook", "section")
    for i, line in enumerate(HOW_TO_READ):
        sh.text(4 + i, 0, line, "note")
    row = _settings(sh, 5 + len(HOW_TO_READ), pitch, out)
    row = _cost_lines(sh, row, pitch, ev, out)
    row = _learner_groups(sh, row, pitch, ev, out)
    _benefit_lines(sh, row, pitch, ev, out)
    for col, width in enumerate((40, 34, 14, 16, 16, 16, 60)):
        sh.ws.set_column(col, col, width)
    sh.ws.freeze_panes(1, 1)
    return out


def _settings(sh: Sheet, row: int, pitch: Pitch, out: InputCells) -> int:
    sh.text(row, 0, "Settings", "section")
    sh.header(row + 1, 0, ["Setting", "Value", "What it does"])
    row += 2
    sh.text(row, 0, "Currency")
    sh.text(row, 1, pitch.currency)
    sh.text(row, 2, f"Money is in {pitch.currency}, rounded to {money_digits(pitch.currency)} decimals per line, as the engine does.", "note")
    settings = (
        ("Horizon", "Horizon (years)", pitch.horizon_years, "number",
         f"Years of benefits and recurring costs counted, 1 to {MAX_YEARS} (named Horizon)."),
        ("DiscountRate", "Discount rate", pitch.discount_rate, "share", "Yearly rate at which NPV discounts each year's net (named DiscountRate)."),
        ("Spread", "Scenario spread", pitch.scenario_spread, "share", "Scenarios scale raw benefits by 1 - Spread and 1 + Spread (named Spread)."),
    )
    for name, label, value, style, what in settings:
        row += 1
        sh.text(row, 0, label)
        sh.number(row, 1, value, style, input=True)
        sh.text(row, 2, what, "note")
        sh.define_name(name, row, 1)
        rule = ({"validate": "integer", "criteria": "between", "minimum": 1, "maximum": MAX_YEARS}
                if name == "Horizon" else _SHARE_RULE)
        sh.ws.data_validation(row, 1, row, 1, rule)
        out.assumptions.append(Assumption("Settings", label, sh.ref(row, 1), value, style, "chosen in the pitch"))
    return row + 2


def _cost_lines(sh: Sheet, row: int, pitch: Pitch, ev: Evaluation, out: InputCells) -> int:
    sh.text(row, 0, "Cost lines (fully loaded)", "section")
    sh.header(row + 1, 0, ["Category", "Label", "Cadence", "Amount", "Note"])
    row += 2
    if not pitch.costs:
        sh.text(row, 0, "(no cost lines entered)", "note")
        row += 1
    for line, item in zip(pitch.costs, ev.costs[: len(pitch.costs)], strict=True):
        cadence = CADENCE_TEXT[line.cadence]
        sh.text(row, 0, line.category.value)
        sh.text(row, 1, line.label)
        sh.text(row, 2, cadence, input=True)
        sh.number(row, 3, line.amount, "money", input=True)
        sh.text(row, 4, line.note)
        sh.ws.data_validation(row, 2, row, 2, _CADENCE_RULE)
        out.costs.append(CostCell(item.label, item.category, sh.ref(row, 2), cadence, sh.ref(row, 3), item.amount, True))
        out.assumptions.append(Assumption(f"Cost: {item.label}", f"Amount ({cadence})", sh.ref(row, 3), line.amount, "money",
                                          line.note or "entered in the pitch"))
        row += 1
    return row + 1


def _learner_groups(sh: Sheet, row: int, pitch: Pitch, ev: Evaluation, out: InputCells) -> int:
    sh.text(row, 0, "Learner groups (participants' time away from work is a cost)", "section")
    sh.header(row + 1, 0, ["Group", "Cadence", "Headcount", "Hours away", "Loaded hourly rate", "Time away from work"])
    row += 2
    if not pitch.learner_groups:
        sh.text(row, 0, "(no learner groups entered)", "note")
        row += 1
    digits = money_digits(pitch.currency)
    for g, time in zip(pitch.learner_groups, ev.participants_time, strict=True):  # every group, counted or not yet
        cadence, cost, label = CADENCE_TEXT[g.cadence], time.amount, time.label
        sh.text(row, 0, g.name)
        sh.text(row, 1, cadence, input=True)
        sh.number(row, 2, g.headcount, "count", input=True)
        sh.number(row, 3, g.hours_away, "number", input=True)
        sh.number(row, 4, g.loaded_hourly_rate, "money", input=True)
        c, h, r = (sh.ref(row, col).split("!")[1] for col in (2, 3, 4))
        sh.formula(row, 5, f"=ROUND({c}*{h}*{r},{digits})", cost, "money")
        sh.ws.data_validation(row, 1, row, 1, _CADENCE_RULE)
        out.costs.append(CostCell(label, time.category, sh.ref(row, 1), cadence, sh.ref(row, 5), cost, False))
        part = f"Learner group: {g.name}"
        for col, what, value, style in ((2, "Headcount", g.headcount, "count"), (3, "Hours away", g.hours_away, "number"),
                                        (4, "Loaded hourly rate", g.loaded_hourly_rate, "money")):
            out.assumptions.append(Assumption(part, what, sh.ref(row, col), value, style, "entered in the pitch"))
        row += 1
    return row + 1


def _benefit_lines(sh: Sheet, row: int, pitch: Pitch, ev: Evaluation, out: InputCells) -> int:
    sh.text(row, 0, "Benefit lines (raw x attribution x confidence is what counts)", "section")
    row += 1
    if not pitch.benefits:
        sh.text(row, 0, "(no benefit lines entered)", "note")
        return row + 2
    for n, (line, item) in enumerate(zip(pitch.benefits, ev.benefits, strict=True), start=1):
        t = TEMPLATES[line.template]
        part = f"Benefit: {item.label}"
        sh.header(row, 0, [f"Benefit {n}", "Value", "Source"])
        sh.text(row + 1, 0, "Label")
        sh.text(row + 1, 1, line.label)
        sh.text(row + 2, 0, "Template")
        sh.text(row + 2, 1, t.title)
        sh.text(row + 3, 0, "Formula")
        sh.text(row + 3, 1, t.formula)
        sh.text(row + 4, 0, "Cadence")
        sh.text(row + 4, 1, CADENCE_TEXT[line.cadence], input=True)
        sh.ws.data_validation(row + 4, 1, row + 4, 1, _CADENCE_RULE)
        cadence = sh.ref(row + 4, 1)
        row += 5
        inputs, first = {}, row
        for spec in t.inputs:
            value = line.inputs.get(spec.name)
            style = _input_style(spec.kind)
            if style == "count" and value is not None and value != value.to_integral_value():
                style = "number"
            source = line.sources.get(spec.name, "")
            sh.text(row, 0, spec.label)
            sh.number(row, 1, value, style, input=True)
            sh.text(row, 2, source)
            if spec.kind == "share":
                sh.ws.data_validation(row, 1, row, 1, _SHARE_RULE)
            inputs[spec.name] = sh.ref(row, 1)
            default = "" if spec.default is None else f"{spec.default}: {spec.source}"
            out.assumptions.append(Assumption(part, spec.label, sh.ref(row, 1), value, style,
                                              source or "entered, no source given", default))
            row += 1
        input_range = f"{sh.ref(first, 1)}:{sh.ref(row - 1, 1).split('!')[1]}"
        shares = []
        for label, value, why in (("Attribution", line.attribution, "Share of the improvement due to the initiative (isolation)."),
                                  ("Confidence", line.confidence, "Confidence in the estimate (adjusts for its possible error).")):
            sh.text(row, 0, label)
            sh.number(row, 1, value, "share", input=True)
            sh.text(row, 2, why, "note")
            sh.ws.data_validation(row, 1, row, 1, _SHARE_RULE)
            shares.append(sh.ref(row, 1))
            out.assumptions.append(Assumption(part, label, sh.ref(row, 1), value, "share", "estimate in the pitch"))
            row += 1
        if line.note:
            sh.text(row, 0, "Note")
            sh.text(row, 1, line.note)
            row += 1
        out.benefits.append(BenefitCells(line, item.label, cadence, inputs, input_range, *shares))
        row += 1
    return row


def write_assumptions(sh: Sheet, pitch: Pitch, cells: InputCells) -> None:
    """Every input with its live value, its source, and the cited default its template offers."""
    sh.text(0, 0, "Assumptions", "title")
    sh.text(1, 0, "Every input of the case, where it comes from, and the benchmark a template cites when it offers a default.", "note")
    sh.header(2, 0, ["Part", "Input", "Value", "Source", "Cited default"])
    row = 3
    for a in cells.assumptions:
        sh.text(row, 0, a.part)
        sh.text(row, 1, a.input)
        sh.formula(row, 2, f"=IF(ISBLANK({a.cell}),{quote('missing')},{a.cell})", "missing" if a.value is None else a.value, a.style)
        sh.text(row, 3, a.source)
        sh.text(row, 4, a.cited_default)
        row += 1
    row += 1
    sh.text(row, 0, "Intangible benefits (listed, never turned into money)", "section")
    sh.header(row + 1, 0, ["Intangible", "Note"])
    row += 2
    if not pitch.intangibles:
        sh.text(row, 0, "(none listed)", "note")
    for x in pitch.intangibles:
        sh.text(row, 0, x.name)
        sh.text(row, 1, x.note)
        row += 1
    _write_evidence(sh, pitch, row + 1)
    for col, width in enumerate((40, 34, 16, 60, 60)):
        sh.ws.set_column(col, col, width)
    sh.ws.freeze_panes(3, 0)


def _write_evidence(sh: Sheet, pitch: Pitch, row: int) -> None:
    """The evidence register: what each benefit rests on, how the programme's share was isolated, who said so and when."""
    sh.text(row, 0, "Evidence register (what each benefit rests on, and how the programme's share is isolated)", "section")
    sh.header(row + 1, 0, ["Benefit", "Evidence", "Isolation method", "Supplied by", "Date", "Note"])
    row += 2
    if not pitch.benefits:
        sh.text(row, 0, "(no benefits yet)", "note")
    for b in pitch.benefits:
        ev = b.evidence
        sh.text(row, 0, b.label or TEMPLATES[b.template].title)
        if ev is None:
            sh.text(row, 1, "(not recorded)", "note")
        else:
            sh.text(row, 1, ev.kind.value)
            sh.text(row, 2, ev.isolation.value if ev.isolation else "(none given)")
            sh.text(row, 3, ev.supplied_by)
            sh.text(row, 4, ev.on.isoformat() if ev.on else "")
            sh.text(row, 5, ev.note)
        row += 1
