"""The pure functions behind the pages: money typed by people, tables edited row by row, charts drawn from specs."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from ldpitch.charts import build as cb
from ldpitch.charts.render import to_altair, vega_locale
from ldpitch.charts.spec import ChartSpec, Point, Series
from ldpitch.editing import parse as editing
from ldpitch.editing import tables
from ldpitch.editing.parse import EditError, MoneyInputError, parse_money
from ldpitch.editing.rows import KEY, PROBLEM
from ldpitch.pitch import examples
from ldpitch.pitch.model import Pitch


@pytest.mark.parametrize(("text", "currency", "locale", "amount"), [
    ("$12,500", "USD", "en_US", "12500"),
    ("12500", "USD", "en_US", "12500"),
    (" $ 12,500.50 ", "USD", "en_US", "12500.50"),
    ("USD 12,500", "USD", "en_US", "12500"),
    ("12.500 €", "EUR", "de_DE", "12500"),
    ("12.500,5", "EUR", "de_DE", "12500.5"),
    ("12 500 €", "EUR", "fr_FR", "12500"),
    ("€ 12.500", "EUR", "nl_NL", "12500"),
    ("£1,250,000", "GBP", "en_GB", "1250000"),
    ("CHF 12'500", "CHF", "de_CH", "12500"),
    ("¥12,500", "JPY", "ja_JP", "12500"),
    (7000, "USD", "en_US", "7000"),
    (12.5, "EUR", "de_DE", "12.5"),
])
def test_money_is_read_the_way_the_locale_writes_it(text, currency, locale, amount):
    assert parse_money(text, currency, locale) == Decimal(amount)


@pytest.mark.parametrize(("text", "currency", "locale", "says"), [
    ("", "USD", "en_US", "Enter an amount, for example $12,500"),
    ("lots", "USD", "en_US", "'lots' is not an amount: write it like $12,500"),
    ("12,5,00", "USD", "en_US", "did you mean 12,500?"),
    ("1.5", "EUR", "de_DE", "write it like 12.500\u00a0€"),
    ("-500", "USD", "en_US", "negative"),
    ("€500", "USD", "en_US", "This pitch is in USD"),
    ("GBP 500", "USD", "en_US", "another currency"),
    ("$10.005", "USD", "en_US", "more decimals than USD uses (at most 2)"),
    ("¥10.5", "JPY", "ja_JP", "at most 0"),
    ("2,000,000,000,000", "USD", "en_US", "more than any pitch can hold"),
    (float("nan"), "USD", "en_US", "Enter an amount"),
    (True, "USD", "en_US", "Enter an amount"),
])
def test_money_that_cannot_be_read_says_why(text, currency, locale, says):
    with pytest.raises(MoneyInputError) as e:
        parse_money(text, currency, locale)
    assert says in str(e.value)


def test_money_text_round_trips_without_losing_cents():
    for amount in (Decimal("12500"), Decimal("12500.5"), Decimal("0.01")):
        assert parse_money(editing.money_text(amount, "EUR", "de_DE"), "EUR", "de_DE") == amount


def test_a_field_is_set_through_validation():
    p = editing.set_field(Pitch(), "initiative.development_weeks", Decimal(6))
    assert p.initiative.development_weeks == 6
    with pytest.raises(EditError, match="Horizon years: must be at most 10"):
        editing.set_field(p, "horizon_years", 12)


def rows_after(table, pitch, change):
    draft = table.draft(pitch)
    return table.apply(pitch, draft, change([dict(r) for r in draft.rows]))


def test_a_table_round_trips_every_example_unchanged():
    every = [tables.LEARNER_GROUPS, tables.MILESTONES, tables.STAKEHOLDERS, tables.COSTS, tables.FUNDING, tables.BENEFITS,
             tables.INTANGIBLES, tables.OPTIONS, tables.CRITERIA, tables.GOALS, tables.MEASURES, tables.SCORES]
    for name in examples.names():
        pitch = examples.load(name)
        for table in every:
            applied = rows_after(table, pitch, lambda rows: rows)
            assert applied.pitch == pitch, (name, table.path)
            assert not applied.problems


def test_fields_a_table_does_not_show_are_kept():
    pitch = examples.load("sales_mobile")

    def rename(rows):
        rows[0]["Name"] = "Someone else"
        return rows

    applied = rows_after(tables.STAKEHOLDERS, pitch, rename)
    assert applied.pitch.stakeholders[0].objections == pitch.stakeholders[0].objections
    assert applied.pitch.stakeholders[0].kpis == pitch.stakeholders[0].kpis


def test_renamed_things_are_followed_where_they_are_referred_to():
    pitch = examples.load("onboarding")
    criterion = pitch.criteria[0].name

    def rename(rows):
        rows[0]["Criterion"] = "Renamed"
        return rows

    applied = rows_after(tables.CRITERIA, pitch, rename)
    assert all("Renamed" in o.scores and criterion not in o.scores for o in applied.pitch.options if criterion in o.scores)
    recommended = next(n for n, o in enumerate(pitch.options) if o.name == pitch.recommended_option)

    def rename_option(rows):
        rows[recommended]["Option"] = "Plan B"
        return rows

    assert rows_after(tables.OPTIONS, pitch, rename_option).pitch.recommended_option == "Plan B"


def test_deleting_and_adding_rows_keeps_each_rows_hidden_fields():
    pitch = examples.load("sales_mobile")

    def drop_first_add_one(rows):
        return rows[1:] + [{"Benefit": "Fewer returns", "Template": "Errors or rework avoided", "Attribution %": 50.0,
                            "Confidence %": 80.0, KEY: None}]

    applied = rows_after(tables.BENEFITS, pitch, drop_first_add_one)
    assert applied.pitch.benefits[0] == pitch.benefits[1]
    assert applied.pitch.benefits[-1].template == "errors_avoided"
    assert applied.pitch.benefits[-1].attribution == Decimal("0.5")


def test_changing_a_benefits_template_starts_from_the_new_templates_inputs():
    pitch = examples.load("sales_mobile")

    def switch(rows):
        rows[0]["Template"] = "Membership renewals"
        return rows

    line = rows_after(tables.BENEFITS, pitch, switch).pitch.benefits[0]
    assert line.template == "membership_renewals"
    assert set(line.inputs) == {"renewal_rate_before"}, "only the cited default is filled in"
    assert set(line.ranges) == {"attribution"}, "the old inputs' ranges go with them; attribution's stays"


@pytest.mark.parametrize(("cells", "problem"), [
    ({"Category": "Other", "Amount": "12,5,00"}, "Amount: '12,5,00' is not an amount"),
    ({"Category": "Nonsense", "Amount": "5"}, "Category: 'Nonsense' is not one of the choices"),
    ({"Item": "No category", "Amount": "5"}, "Category: fill it in"),
    ({"Category": "Other"}, "Amount: fill it in"),
])
def test_a_new_bad_row_is_flagged_and_left_out(cells, problem):
    pitch = Pitch()
    applied = rows_after(tables.COSTS, pitch, lambda rows: rows + [{**cells, KEY: None}])
    assert applied.pitch == pitch
    assert applied.draft.rows[-1][PROBLEM].startswith(f"⚠ {problem}")
    assert problem in applied.problems[0]


def test_a_blank_row_just_added_is_kept_on_screen_without_a_problem():
    applied = rows_after(tables.COSTS, Pitch(), lambda rows: rows + [{KEY: None}])
    assert applied.pitch == Pitch() and not applied.problems and len(applied.draft.rows) == 1


def test_numbers_out_of_range_are_flagged():
    pitch = examples.load("sales_mobile")

    def bad(rows):
        rows[0]["Influence"] = 9.0
        rows[1]["Interest"] = 2.5
        return rows

    applied = rows_after(tables.STAKEHOLDERS, pitch, bad)
    assert "must be at most 5" in applied.draft.rows[0][PROBLEM]
    assert "not a whole number" in applied.draft.rows[1][PROBLEM]
    assert applied.pitch == pitch


def test_benefit_inputs_take_money_in_the_locale_and_keep_sources():
    pitch = examples.load("production")  # EUR, de_DE
    line = pitch.benefits[0]
    name = next(i.name for i in tables.TEMPLATES[line.template].inputs if i.kind == "money")
    values = {k: str(v) for k, v in line.inputs.items()} | {name: "1.234,50 €"}
    applied = tables.set_benefit_inputs(pitch, 0, values, dict(line.sources))
    assert not applied.problems
    assert applied.pitch.benefits[0].inputs[name] == Decimal("1234.50")
    bad = tables.set_benefit_inputs(pitch, 0, values | {name: "zwölf"}, {})
    assert bad.pitch == pitch and "zwölf" in bad.problems[0]


def test_score_matrix_cells_must_be_1_to_10():
    pitch = examples.load("onboarding")
    criterion = pitch.criteria[0].name

    def bad(rows):
        rows[0][criterion] = 11.0
        return rows

    applied = rows_after(tables.SCORES, pitch, bad)
    assert applied.pitch == pitch and "must be at most 10" in applied.problems[0]


# --- charts ------------------------------------------------------------------------------------------------


def specs(pitch):
    return [s for s in (cb.costs_vs_benefits(pitch), cb.cumulative_cash(pitch), cb.cost_waterfall(pitch), cb.scenario_roi(pitch),
                        cb.sensitivity(pitch), cb.option_scores(pitch), cb.readiness_radar(pitch), cb.stakeholder_grid(pitch))
            if s is not None]


@pytest.mark.parametrize("name", examples.names())
def test_every_chart_of_every_example_is_inline_data_without_nan(name):
    pitch = examples.load(name)
    kinds = set()
    for spec in specs(pitch):
        text = json.dumps(to_altair(spec).to_dict())
        assert "NaN" not in text and '"url"' not in text, spec.kind
        kinds.add(spec.kind)
    assert {"column", "line", "waterfall", "tornado", "bar", "radar", "scatter"} <= kinds


def test_every_kind_of_chart_description_is_drawn():
    d = Decimal
    common = {"title": "t", "alt_text": "a"}
    for spec in [
        ChartSpec("column", categories=("A", "B"), series=(Series("s", (d(1), None)),), **common),
        ChartSpec("bar", categories=("A",), series=(Series("s", (d(2),)),), value_format="score", **common),
        ChartSpec("line", categories=("M0", "M1"), series=(Series("s", (d(-5), d(5)), "net"),), marker_at="M1", **common),
        ChartSpec("radar", categories=tuple("ABCDE"), series=(Series("s", (d(1), None, d(3), d(4), d(5))),),
                  value_range=(d(0), d(5)), **common),
        ChartSpec("scatter", points=(Point("x", d(1), d(2)), Point("y", d(1), d(2))), x_range=(d(0), d(6)),
                  value_range=(d(0), d(6)), **common),
        ChartSpec("bubble", points=(Point("x", d(1), d(2), d(30)),), **common),
        ChartSpec("waterfall", categories=("B", "C", "N"), series=(Series("x", (d(250), d(-300), None)),), totals=("B", "N"), **common),
        ChartSpec("tornado", categories=("A",), series=(Series("lo", (d(50),), "low"), Series("hi", (d(150),), "high")),
                  value_format="percent", baseline=d(100), **common),
    ]:
        chart = to_altair(spec).to_dict()
        assert chart["title"] == "t" if "title" in chart else True
        assert "NaN" not in json.dumps(chart)


def test_money_axes_use_the_pitchs_currency_and_separators():
    assert vega_locale("EUR", "de_DE")["number"] == {"decimal": ",", "thousands": ".", "grouping": [3],
                                                     "currency": ["", "\u00a0€"], "minus": "-"}
    assert vega_locale("USD", "en_US")["number"]["currency"] == ["$", ""]
    spec = to_altair(cb.costs_vs_benefits(examples.load("production"))).to_dict()
    assert spec["config"]["locale"]["number"]["currency"] == ["", "\u00a0€"]
    assert "€" in json.dumps(spec["data"], ensure_ascii=False), "tooltips read in euros"
