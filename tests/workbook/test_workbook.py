"""The Excel workbook: live formulas that recalculate to the engine's figures, to the cent, and user text kept as text.

Recalculation is checked with LibreOffice Calc headless. By default LibreOffice
keeps the cached values of an .xlsx it opens (its "Recalculation on file load"
setting for Excel 2007 and newer is "never recalculate"), so
``soffice --convert-to xlsx`` alone proves nothing. The tests give LibreOffice
its own profile whose ``registrymodifications.xcu`` sets
``/org.openoffice.Office.Calc/Formula/Load/OOXMLRecalcMode`` to 0 ("always
recalculate"), and they first overwrite every cached formula result in the
workbook with 0: a figure can only come back right if LibreOffice computed it
from the formulas. Every workbook goes through one ``soffice`` run.
"""

from __future__ import annotations

import io
import random
from decimal import Decimal as D

import libreoffice_recalc
import openpyxl
import pytest

from ldpitch.engine.evaluation import evaluate
from ldpitch.engine.finance import Undefined, payback_months, round_to
from ldpitch.engine.sensitivity import scenarios
from ldpitch.pitch import examples
from ldpitch.pitch.benefits import TEMPLATES
from ldpitch.pitch.model import Pitch
from ldpitch.workbook.book import SHEETS, money_format, workbook_bytes
from ldpitch.workbook.calc import FIGURES
from ldpitch.workbook.formulas import MAX_YEARS, year_workings

SOFFICE = libreoffice_recalc.SOFFICE


def _pitch(**fields) -> Pitch:
    return Pitch.model_validate({"schema_version": 1, **fields})


def _benefit(template: str, label: str = "", cadence: str = "per_year", attribution="1", confidence="1", **inputs) -> dict:
    return {"label": label, "template": template, "cadence": cadence, "attribution": attribution,
            "confidence": confidence, "inputs": {k: str(v) for k, v in inputs.items()}}


def _cost(amount, cadence="one_time", category="other", label="", note="") -> dict:
    return {"category": category, "label": label, "cadence": cadence, "amount": str(amount), "note": note}


# --- pitches: the examples, hand-made edge cases, and seeded random ones ----------------------

EVERY_TEMPLATE = [
    _benefit("sales_uplift", "Sales", "per_year", "0.4", "0.75", sellers=20, extra_sales_per_seller="50000.5", gross_margin="0.355"),
    _benefit("productivity_hours_saved", "Hours", "per_year", "0.333333", "0.8", people=140, hours_saved_per_week="1.25",
             loaded_hourly_rate="52.80", redeployed_share="0.6"),
    _benefit("turnover_reduction", "Turnover", "per_year", "0.5", "0.9", headcount=400, turnover_before="0.18",
             turnover_after="0.15", average_salary="41000"),
    # turnover rising: a negative raw benefit, rounded half-up away from zero like the engine
    _benefit("turnover_reduction", "Turnover up", "one_time", "0.5", "0.5", headcount=3, turnover_before="0.1",
             turnover_after="0.1003", average_salary="41000.17"),
    _benefit("time_to_proficiency", "Ramp-up", "per_year", "0.6", "0.7", new_hires_per_year=35, months_saved="1.5",
             monthly_loaded_cost="5200"),
    _benefit("errors_avoided", "Errors", "one_time", "0.5", "0.5", errors_avoided_per_year=1, cost_per_error="1000.10"),
    _benefit("safety_incidents_avoided", "Safety", "per_year", "0.7", "0.6", incidents_avoided_per_year=3,
             direct_cost_per_incident="38000"),
    _benefit("compliance_risk_avoided", "Compliance", "per_year", "0.5", "0.5", probability_before="0.1",
             probability_after="0.04", cost_of_incident="750000"),
    _benefit("membership_renewals", "Renewals", "per_year", "0.45", "0.8", members=2500, renewal_rate_after="0.86",
             annual_value_per_member="310"),
    _benefit("standard_value", "Standard", "one_time", "1", "1", units_per_year="12.5", value_per_unit="99.99"),
    _benefit("sales_uplift", "Not filled in yet", sellers=20),  # missing inputs: raw is n/a, counted 0
]

PITCHES = {
    "every_template_5_years": _pitch(
        title="Every template", currency="EUR", locale="de_DE", horizon_years=5, discount_rate="0.1", scenario_spread="0.25",
        costs=[_cost("50000", "one_time", "design and development", "Design"), _cost("12000.50", "per_year", "content and licences", "Licences"),
               _cost("3333.33", "one_time", "evaluation and reporting"), _cost("0", "per_year", "administration and overhead", "Admin")],
        learner_groups=[{"name": "Managers", "headcount": 25, "hours_away": "16", "loaded_hourly_rate": "72.50"},
                        {"name": "Staff", "headcount": 300, "hours_away": "3.5", "loaded_hourly_rate": "41.17", "cadence": "per_year"},
                        {"name": "Not yet counted", "headcount": 0, "hours_away": "8", "loaded_hourly_rate": "50"}],
        benefits=EVERY_TEMPLATE,
        intangibles=[{"name": "Morale", "note": "pulse survey"}],
    ),
    "pays_back_in_year_4": _pitch(
        horizon_years=4, discount_rate="0.07",
        costs=[_cost("300000"), _cost("10000", "per_year")],
        benefits=[_benefit("standard_value", "Units", units_per_year=900, value_per_unit=100)],
    ),
    "never_pays_back": _pitch(horizon_years=2, costs=[_cost("100000")],
                              benefits=[_benefit("errors_avoided", errors_avoided_per_year=40, cost_per_error=500)]),
    "no_costs": _pitch(benefits=[_benefit("standard_value", units_per_year=10, value_per_unit=100)]),
    "no_benefits": _pitch(horizon_years=3, costs=[_cost("5000"), _cost("1000", "per_year")]),
    "empty": _pitch(),
    "recurring_loss": _pitch(horizon_years=3, costs=[_cost("50000", "per_year")],
                             benefits=[_benefit("standard_value", units_per_year=1, value_per_unit=10000)]),
    "yen": _pitch(currency="JPY", locale="ja_JP", horizon_years=2, discount_rate="0.015",
                  costs=[_cost("1234.56"), _cost("99.5", "per_year")],
                  learner_groups=[{"name": "Team", "headcount": 3, "hours_away": "1.5", "loaded_hourly_rate": "2345.67"}],
                  benefits=[_benefit("standard_value", "", "per_year", "0.333", "0.5", units_per_year="7.7", value_per_unit="1234.5")]),
    # benefits / costs = 2.345: half-up gives 2.35 where half-even would give 2.34
    "ratio_ties": _pitch(costs=[_cost("1000")], benefits=[_benefit("standard_value", units_per_year=1, value_per_unit=2345)]),
    # ROI = 12.25%: half-up gives 12.3
    "roi_ties": _pitch(costs=[_cost("1000")], benefits=[_benefit("standard_value", units_per_year=1, value_per_unit="1122.50")]),
    "ten_years_dinar": _pitch(currency="KWD", locale="ar_KW", horizon_years=10, discount_rate="0.125", scenario_spread="0.5",
                              costs=[_cost("20000.01"), _cost("777.77", "per_year")],
                              benefits=[_benefit("errors_avoided", "", "per_year", "0.3333", "0.6667",
                                                 errors_avoided_per_year="3.3333", cost_per_error="1111.11")]),
}

INJECTIONS = ['=HYPERLINK("http://evil.example","click me")', "+1+1", "-2", "@SUM(A1:A2)", "=cmd|' /C calc'!A0"]
INJECTION_PITCH = _pitch(
    title=INJECTIONS[0], organisation="+1+1", presenter="-2",
    costs=[_cost("100", label=INJECTIONS[3], note=INJECTIONS[0]), _cost("50", "per_year", label="\t=1", note="\r=1")],
    learner_groups=[{"name": "=1+2", "headcount": 2, "hours_away": "1", "loaded_hourly_rate": "10"},
                    {"name": "\t+1+1", "headcount": 1, "hours_away": "1", "loaded_hourly_rate": "10"}],
    benefits=[{**_benefit("errors_avoided", "-2", errors_avoided_per_year=1, cost_per_error=500),
               "sources": {"cost_per_error": INJECTIONS[4], "errors_avoided_per_year": "@SUM(1)"}, "note": "=1/0"}],
    intangibles=[{"name": "+A1", "note": "-A1"}],
)
PITCHES["formula_injection"] = INJECTION_PITCH


def _random_pitch(seed: int) -> Pitch:
    """A seeded random pitch: mixed cadences, currencies of 0, 2 and 3 decimals, odd shares, 1 to 10 years."""
    r = random.Random(seed)

    def money(top: int) -> str:
        return f"{r.randint(0, top * 100) / 100:.2f}"

    def share() -> str:
        return str(D(r.randint(0, 10_000)) / 10_000)

    benefits = []
    for _ in range(r.randint(0, 4)):
        t = r.choice(list(TEMPLATES.values()))
        inputs = {}
        for spec in t.inputs:
            if spec.kind == "share":
                inputs[spec.name] = share()
            elif spec.kind == "money":
                inputs[spec.name] = money(20_000)
            else:
                inputs[spec.name] = str(D(r.randint(0, 5_000)) / r.choice((1, 10, 100)))
        benefits.append(_benefit(t.id, f"Line {len(benefits) + 1}", r.choice(("one_time", "per_year")), share(), share(), **inputs))
    return _pitch(
        currency=r.choice(("USD", "EUR", "JPY", "GBP", "KWD")), horizon_years=r.randint(1, MAX_YEARS),
        discount_rate=r.choice(("0", "0.035", "0.08", "0.125")), scenario_spread=r.choice(("0", "0.1", "0.2", "0.5")),
        costs=[_cost(money(200_000), r.choice(("one_time", "per_year"))) for _ in range(r.randint(0, 6))],
        learner_groups=[{"name": f"G{i}", "headcount": r.randint(0, 300), "hours_away": str(r.randint(0, 80) / 4),
                         "loaded_hourly_rate": money(120), "cadence": r.choice(("one_time", "per_year"))} for i in range(r.randint(0, 3))],
        benefits=benefits,
    )


RANDOM = {f"random_{seed}": _random_pitch(seed) for seed in range(24)}
EXAMPLES = {f"example_{name}": examples.load(name) for name in examples.names()}
ALL = {**EXAMPLES, **PITCHES, **RANDOM}


# --- reading a workbook ---------------------------------------------------------------------


def _open(data: bytes, **kw) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data), **kw)


def _named(book: openpyxl.Workbook, name: str):
    ((sheet, coordinate),) = book.defined_names[name].destinations
    return book[sheet][coordinate.replace("$", "")]


def _row_of(ws, label: str) -> int:
    return next(c.row for c in ws["A"] if c.value == label)


def _same(value, expected) -> bool:
    """A spreadsheet's value against the engine's: exact to the engine's own decimals, n/a with the engine's reason."""
    if isinstance(expected, Undefined):
        return value == f"n/a: {expected.reason}"
    if expected is None:
        return value == "n/a: an input is missing"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return D(repr(value)).quantize(D(expected)) == expected


FIGURE_NAMES = {attr: name for attr, _, _, _, name in FIGURES}


def _figure_problems(book: openpyxl.Workbook, pitch: Pitch) -> list[str]:
    """Every headline figure, scenario figure, cost line and benefit line that differs from the engine."""
    problems = []
    ev = evaluate(pitch)
    for attr, name in FIGURE_NAMES.items():
        if not _same(_named(book, name).value, getattr(ev, attr)):
            problems.append(f"{name}: {_named(book, name).value!r} != {getattr(ev, attr)!r}")
    ws = book["Scenarios"]
    for col, case in enumerate(scenarios(pitch), start=2):
        for attr, label, *_ in FIGURES:
            value = ws.cell(_row_of(ws, label), col).value
            if not _same(value, getattr(case.evaluation, attr)):
                problems.append(f"{case.name} {label}: {value!r} != {getattr(case.evaluation, attr)!r}")
        for n, item in enumerate(case.evaluation.benefits):
            row = _row_of(ws, "Counted benefit per line") + 2 + n
            raw, counted = (ws.cell(row, 2 * col - 1 + k).value for k in (0, 1))
            if not (_same(raw, item.raw) and _same(counted, item.counted)):
                problems.append(f"{case.name} line {n + 1}: {raw!r}, {counted!r} != {item.raw!r}, {item.counted!r}")
    calc = book["Calculation"]
    first = _row_of(calc, "Benefits, counted") + 2
    for n, item in enumerate(ev.benefits):
        raw, counted = calc.cell(first + n, 4).value, calc.cell(first + n, 7).value
        if not (_same(raw, item.raw) and _same(counted, item.counted)):
            problems.append(f"benefit line {n + 1}: {raw!r}, {counted!r} != {item.raw!r}, {item.counted!r}")
    rows = [(calc.cell(r, 1).value, calc.cell(r, 4).value) for r in range(_row_of(calc, "Costs, fully loaded") + 2, first - 3)]
    lines, groups = rows[: len(pitch.costs)], dict(rows[len(pitch.costs):])  # the engine leaves out groups whose time costs nothing
    for item, got in zip(ev.costs, [v for _, v in lines] + [groups.get(c.label) for c in ev.costs[len(pitch.costs):]], strict=True):
        if not _same(got, item.amount):
            problems.append(f"cost {item.label}: {got!r} != {item.amount!r}")
    first_year = _row_of(calc, "Year by year") + 2
    for year in range(ev.horizon_years):
        row = [calc.cell(first_year + year, col).value for col in (2, 3, 4, 5)]
        want = [ev.costs_by_year[year], ev.benefits_by_year[year], ev.net_by_year[year], ev.cumulative_by_year[year]]
        if not all(_same(v, w) for v, w in zip(row, want, strict=True)):
            problems.append(f"year {year + 1}: {row} != {want}")
    return problems


# --- the formulas mirror the engine ------------------------------------------------------------


# Each template's Excel formula is written from its one expression: tests/pitch/test_benefit_formulas.py.


@pytest.mark.parametrize("name", sorted(ALL))
def test_year_workings_give_the_engines_payback_and_cumulative_cash_flow(name):
    ev = evaluate(ALL[name])
    rows = year_workings(ev)
    assert len(rows) == MAX_YEARS
    assert [w.cumulative for w in rows[: ev.horizon_years]] == ev.cumulative_by_year
    first = next((w for w in rows if w.pays_back), None)
    flows = [w.net_of_recurring for w in rows[: ev.horizon_years]]
    expected = payback_months(ev.one_time_costs, flows)
    if ev.one_time_costs > 0:
        assert (round_to(first.payback_month, 1) if first else None) == (None if isinstance(expected, Undefined) else expected)
    assert all(w.costs == w.benefits == w.net_of_recurring == 0 for w in rows[ev.horizon_years:])


# --- the workbook as written ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def written() -> dict[str, bytes]:
    return {name: workbook_bytes(pitch) for name, pitch in ALL.items()}


def test_workbook_has_its_four_sheets_and_named_cells(written):
    book = _open(written["every_template_5_years"])
    assert book.sheetnames == list(SHEETS) == ["Inputs", "Calculation", "Scenarios", "Risk", "Assumptions"]
    assert set(book.defined_names) == {"Horizon", "DiscountRate", "Spread", *FIGURE_NAMES.values()}
    assert _named(book, "Horizon").value == 5
    assert _named(book, "DiscountRate").value == 0.1
    assert _named(book, "Spread").value == 0.25
    assert all(book[s].freeze_panes for s in SHEETS)
    assert book["Inputs"]["A4"].value == "How to read this workbook"


def test_formulas_sit_where_finance_will_look_for_them(written):
    book = _open(written["every_template_5_years"])
    inputs, calc, sc = book["Inputs"], book["Calculation"], book["Scenarios"]
    # the first benefit line's inputs: sellers, extra sales per seller, gross margin, each in its own cell
    sellers = _row_of(inputs, "Sellers")
    assert [inputs.cell(sellers + k, 2).value for k in range(3)] == [20, 50000.5, 0.355]
    line = _row_of(calc, "Benefits, counted") + 2
    raw = calc.cell(line, 4).value
    assert f"ROUND(Inputs!$B${sellers}*Inputs!$B${sellers + 1}*Inputs!$B${sellers + 2},2)" in raw
    assert calc.cell(line, 5).value == f"=Inputs!$B${sellers + 3}"  # attribution
    assert calc.cell(line, 7).value == f"=IF(ISNUMBER(D{line}),ROUND(D{line}*E{line}*F{line},2),0)"
    group = _row_of(inputs, "Managers")
    assert inputs.cell(group, 6).value == f"=ROUND($C${group}*$D${group}*$E${group},2)"
    formulas = {attr: _named(book, name).value for attr, name in FIGURE_NAMES.items()}
    assert formulas["total_costs"].startswith("=$B$") and formulas["total_benefits"].startswith("=$C$")
    assert "ROUND($C$" in formulas["bcr"] and ",2))" in formulas["bcr"]
    assert "*100,1))" in formulas["roi_percent"]
    assert "INDEX(" in formulas["payback_months"] and "MATCH(1," in formulas["payback_months"]
    assert "&Horizon&" in formulas["payback_months"]
    assert formulas["npv"].startswith("=ROUND(NPV(DiscountRate,$F$") and formulas["npv"].endswith(",2)")
    assert ",4))" in formulas["break_even_share"]
    totals = _row_of(calc, "Over the horizon")
    assert calc.cell(totals, 2).value == f"=SUM(B{totals - MAX_YEARS}:B{totals - 1})"
    assert [sc.cell(6, c).value for c in (2, 3, 4)] == ["=1-Spread", "=1", "=1+Spread"]
    assert "*$B$6,2)" in sc.cell(_row_of(sc, "Counted benefit per line") + 2, 3).value
    assert "Horizon" in calc.cell(_row_of(calc, "Year by year") + 2, 2).value


def test_undefined_figures_are_text_saying_why(written):
    book = _open(written["empty"])
    assert "n/a: no costs entered" in _named(book, "BenefitCostRatio").value
    cached = _open(written["empty"], data_only=True)
    assert _named(cached, "BenefitCostRatio").value == "n/a: no costs entered, so there is no ratio to compute"
    assert _named(cached, "PaybackMonths").value == "n/a: there is no net benefit to pay anything back"
    never = _open(written["never_pays_back"], data_only=True)
    assert _named(never, "PaybackMonths").value == "n/a: does not pay back within the 2-year horizon"


@pytest.mark.parametrize("name", sorted(ALL))
def test_cached_values_are_the_engines_figures(written, name):
    assert _figure_problems(_open(written[name], data_only=True), ALL[name]) == []


def test_every_formula_has_a_cached_value(written):
    data = written["every_template_5_years"]
    formulas, cached = _open(data), _open(data, data_only=True)
    for ws in formulas.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f" and not (ws.title == "Calculation" and c.column == 9) and not c.value.endswith(',"")'):
                    assert cached[ws.title][c.coordinate].value is not None, f"{ws.title}!{c.coordinate} {c.value}"


@pytest.mark.parametrize(("name", "money"), [("every_template_5_years", '#,##0.00" €"'), ("yen", '"￥"#,##0'),
                                             ("example_sales_mobile", '"$"#,##0.00'), ("ten_years_dinar", None)])
def test_money_cells_show_the_pitchs_currency(written, name, money):
    pitch = ALL[name]
    money = money or money_format(pitch.currency, pitch.locale)
    book = _open(written[name])
    assert _named(book, "NetPresentValue").number_format == money
    assert _named(book, "TotalCosts").number_format == money
    assert _named(book, "DiscountRate").number_format.endswith("%")
    assert _named(book, "BreakEvenShare").number_format == "0.00%"


def test_years_beyond_the_horizon_are_folded_away(written):
    ws = _open(written["pays_back_in_year_4"])["Calculation"]
    first = _row_of(ws, "Year by year") + 2
    hidden = [ws.row_dimensions[first + k].hidden for k in range(MAX_YEARS)]
    assert hidden == [False] * 4 + [True] * (MAX_YEARS - 4)


# --- user text stays text ------------------------------------------------------------------------


def _strings(book: openpyxl.Workbook) -> dict[str, object]:
    return {f"{ws.title}!{c.coordinate}": c for ws in book.worksheets for row in ws.iter_rows() for c in row if c.data_type == "s"}


def test_text_that_looks_like_a_formula_is_written_as_quote_prefixed_text(written):
    book = _open(written["formula_injection"])
    texts = {c.value: c for c in _strings(book).values()}
    cleaned = ["=1", "=1+2", "=1/0", "+A1", "-A1", "@SUM(1)", "+1+1 | -2"]  # the model trims tabs and carriage returns
    for payload in INJECTIONS + cleaned:
        assert payload in texts, payload
        assert texts[payload].data_type == "s" and texts[payload].quotePrefix, payload
    assert _row_of(book["Calculation"], "@SUM(A1:A2)")  # labels land in the calculation too, as text
    # no formula anywhere carries the user's text
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f":
                    assert not any(p.lstrip("=") in c.value for p in INJECTIONS + cleaned if len(p) > 2), c.value


def test_automatic_string_conversions_are_off():
    from ldpitch.workbook.book import WORKBOOK_OPTIONS

    assert WORKBOOK_OPTIONS["strings_to_formulas"] is False
    assert WORKBOOK_OPTIONS["strings_to_numbers"] is False
    assert WORKBOOK_OPTIONS["strings_to_urls"] is False


# --- the command line ----------------------------------------------------------------------------


def test_cli_writes_the_workbook(run_ldpitch, write_file, tmp_path):
    from ldpitch.pitch.files import dump_pitch

    source = write_file(dump_pitch(PITCHES["pays_back_in_year_4"]))
    out = tmp_path / "case.xlsx"
    done = run_ldpitch("workbook", source, "-o", out)
    assert done.returncode == 0, done.stderr
    book = _open(out.read_bytes(), data_only=True)
    assert _figure_problems(book, PITCHES["pays_back_in_year_4"]) == []


@pytest.mark.parametrize(
    ("content", "output", "message"),
    [
        (None, "out.xlsx", "no such file"),
        (b"{not json", "out.xlsx", "not valid JSON"),
        ({"schema_version": 1, "horizon_years": 99}, "out.xlsx", "horizon_years"),
        ({"schema_version": 1}, "missing-folder/out.xlsx", "cannot write"),
    ],
)
def test_cli_errors_are_one_clear_line(run_ldpitch, write_file, tmp_path, content, output, message):
    source = tmp_path / "absent.json" if content is None else write_file(content)
    done = run_ldpitch("workbook", source, "-o", tmp_path / output)
    assert done.returncode == 1
    assert message in done.stderr and "Traceback" not in done.stderr
    assert done.stderr.startswith("error:")


# --- recalculated by LibreOffice -----------------------------------------------------------------




def _edited(data: bytes) -> bytes:
    """What a finance reviewer might do: a longer horizon, another rate and spread, a different attribution."""
    book = _open(data)
    _named(book, "Horizon").value = 7
    _named(book, "DiscountRate").value = 0.06
    _named(book, "Spread").value = 0.3
    inputs = book["Inputs"]
    inputs.cell(_row_of(inputs, "Attribution"), 2).value = 0.9
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _edited_pitch(pitch: Pitch) -> Pitch:
    first = pitch.benefits[0].model_copy(update={"attribution": D("0.9")})
    return pitch.model_copy(update={"horizon_years": 7, "discount_rate": D("0.06"), "scenario_spread": D("0.3"),
                                    "benefits": [first, *pitch.benefits[1:]]})


@pytest.fixture(scope="module")
def recalculated(written, tmp_path_factory) -> dict[str, bytes]:
    """Every workbook, staled, then recalculated by LibreOffice Calc in one headless run."""
    return libreoffice_recalc.recalculated({**written, "edited": _edited(written["every_template_5_years"])}, tmp_path_factory.mktemp("libreoffice"))


@pytest.mark.slow
def test_libreoffice_really_recalculates(written, recalculated):
    stale = _open(libreoffice_recalc.stale(written["example_sales_mobile"]), data_only=True)
    assert _named(stale, "NetPresentValue").value == 0
    fresh = _open(recalculated["example_sales_mobile"], data_only=True)
    assert _same(_named(fresh, "NetPresentValue").value, evaluate(ALL["example_sales_mobile"]).npv)
    assert _named(fresh, "NetPresentValue").value != 0


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(ALL))
def test_recalculated_figures_equal_the_engine_to_the_cent(recalculated, name):
    assert _figure_problems(_open(recalculated[name], data_only=True), ALL[name]) == []


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(ALL))
def test_every_recalculated_cell_equals_its_cached_value(written, recalculated, name):
    formulas, cached = _open(written[name]), _open(written[name], data_only=True)
    fresh = _open(recalculated[name], data_only=True)
    differ = []
    for ws in formulas.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type != "f":
                    continue
                want, got = cached[ws.title][c.coordinate].value, fresh[ws.title][c.coordinate].value
                if isinstance(want, int | float) and isinstance(got, int | float):
                    same = abs(want - got) <= 1e-9 * max(1.0, abs(want))
                else:
                    same = (want or "") == (got or "")
                if not same:
                    differ.append(f"{ws.title}!{c.coordinate} {c.value}: {want!r} != {got!r}")
    assert differ == []


@pytest.mark.slow
def test_changed_inputs_recalculate_like_the_engine(recalculated):
    book = _open(recalculated["edited"], data_only=True)
    assert _figure_problems(book, _edited_pitch(ALL["every_template_5_years"])) == []


@pytest.mark.slow
def test_user_text_survives_recalculation_as_text(recalculated):
    texts = {c.value for c in _strings(_open(recalculated["formula_injection"])).values()}
    assert set(INJECTIONS) <= texts

