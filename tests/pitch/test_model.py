"""The pitch model: one validated, immutable value; bad values refused with a message, incompleteness allowed."""

from decimal import Decimal as D
from typing import get_args

import pytest
from pydantic import ValidationError

from ldpitch.editing.tables import CADENCE
from ldpitch.pitch.model import (
    CADENCE_WORDS,
    SCHEMA_VERSION,
    BenefitLine,
    Cadence,
    LearnerGroup,
    Option,
    Pitch,
    RadarFactor,
    Stakeholder,
)
from ldpitch.workbook.formulas import CADENCE_TEXT


def _errors(call) -> str:
    with pytest.raises(ValidationError) as caught:
        call()
    return str(caught.value)


def test_an_empty_pitch_is_valid_with_conservative_defaults():
    p = Pitch()
    assert (p.schema_version, p.currency, p.locale, p.horizon_years) == (SCHEMA_VERSION, "USD", "en_US", 1)
    assert (p.discount_rate, p.scenario_spread) == (D("0.04"), D("0.2"))
    assert p.costs == [] and p.benefits == [] and p.radar.results.score is None


def test_a_pitch_is_immutable_once_validated():
    p = Pitch(title="A")
    with pytest.raises(ValidationError, match="frozen"):
        p.title = "B"
    assert p.model_copy(update={"title": "B"}).title == "B" and p.title == "A"


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Pitch(titel="typo"), "Extra inputs are not permitted"),
        (lambda: LearnerGroup(name="G", headcount=-1), "greater than or equal to 0"),
        (lambda: LearnerGroup(name="G", hours_away=D("-0.5")), "greater than or equal to 0"),
        (lambda: Pitch(discount_rate=D("1.01")), "less than or equal to 1"),
        (lambda: BenefitLine(label="x", template="standard_value", attribution=D("1.5")), "less than or equal to 1"),
        (lambda: BenefitLine(label="x", template="standard_value", confidence=D("-0.1")), "greater than or equal to 0"),
        (lambda: Pitch(horizon_years=0), "greater than or equal to 1"),
        (lambda: Pitch(horizon_years=11), "less than or equal to 10"),
        (lambda: Pitch(currency="EURO"), "should match pattern"),
        (lambda: Pitch(locale="german"), "should match pattern"),
        (lambda: Stakeholder(name="S", influence=6), "less than or equal to 5"),
        (lambda: Option(name="O", scores={"Cost": 11}), "less than or equal to 10"),
        (lambda: RadarFactor(score=0), "greater than or equal to 1"),
        (lambda: Pitch(options=[{"name": str(i)} for i in range(7)]), "at most 6"),
        (lambda: Pitch(discount_rate=float("nan")), "finite number"),
        (lambda: Pitch(costs=[{"category": "other", "amount": float("inf")}]), "finite number"),
        (lambda: Pitch(costs=[{"category": "other", "amount": D("0.001")}]), "no more than 2 decimal places"),
        (lambda: Pitch(costs=[{"category": "other", "amount": D("1000000000000.01")}]), "less than or equal to 1000000000000"),
    ],
)
def test_bad_values_are_refused_by_the_model(build, message):
    assert message in _errors(build)


@pytest.mark.parametrize(
    ("inputs", "message"),
    [
        ({"colour": D(1)}, "'colour' is not an input of 'Sales uplift (margin, not revenue)' (expected sellers, extra_sales_per_seller, gross_margin)"),
        ({"sellers": D(-2)}, "Sellers cannot be negative"),
        ({"gross_margin": D("1.01")}, "Gross margin is a share between 0 and 1 (0.35 means 35%)"),
        ({"sellers": D("NaN")}, "finite number"),
        ({"sellers": D("Infinity")}, "finite number"),
        ({"extra_sales_per_seller": D("1e13")}, "Extra sales per seller a year is too large"),
        # each input allowed, the product not: 1e7 x 1e7 x 0.5 = 5e13 > 1e12
        ({"sellers": D("1e7"), "extra_sales_per_seller": D("1e7"), "gross_margin": D("0.5")},
         "this benefit works out at more than 1,000,000,000,000 a year; check its inputs"),
    ],
)
def test_a_benefit_input_must_fit_its_template(inputs, message):
    assert message in _errors(lambda: BenefitLine(label="x", template="sales_uplift", inputs=inputs))


@pytest.mark.parametrize("bad", [[1, 2], 5, "sellers"])
def test_benefit_inputs_of_the_wrong_type_are_a_validation_error_not_a_crash(bad):
    assert "Input should be a valid dictionary" in _errors(lambda: BenefitLine(label="x", template="sales_uplift", inputs=bad))


def test_an_unhashable_template_is_a_validation_error_not_a_crash():
    assert "Input should be a valid string" in _errors(lambda: BenefitLine(label="x", template=["sales_uplift"]))


def test_an_unknown_template_names_the_templates_to_choose_from():
    assert "unknown benefit template 'magic'; choose one of sales_uplift, productivity_hours_saved" in _errors(
        lambda: BenefitLine(label="x", template="magic"))


def test_a_learner_group_whose_time_cannot_be_held_as_money_is_refused():
    # 10,000,000 people x 1,000,000 hours x 1,000,000 an hour = 1e19, far past the 1e12 cap on any amount
    message = _errors(lambda: LearnerGroup(name="G", headcount=10_000_000, hours_away=D(1_000_000), loaded_hourly_rate=D(1_000_000)))
    assert "time away from work for this group comes to more than 1,000,000,000,000" in message
    assert LearnerGroup(name="G", headcount=1000, hours_away=D(1000), loaded_hourly_rate=D(1_000_000)).headcount == 1000  # 1e12: allowed


def test_a_benefit_line_fills_cited_defaults_only_for_inputs_left_out():
    line = BenefitLine(label="T", template="turnover_reduction", inputs={"replacement_cost_share": D("0.5")}, sources={"headcount": "HRIS"})
    assert line.inputs == {"replacement_cost_share": D("0.5")}  # the user's value wins over the 21% default
    assert line.sources == {"headcount": "HRIS"}
    filled = BenefitLine(label="T", template="turnover_reduction")
    assert filled.inputs == {"replacement_cost_share": D("0.21")}
    assert filled.sources["replacement_cost_share"].startswith("default: 21% of annual salary")


def test_a_benefit_line_defaults_to_a_recurring_benefit_counted_in_full():
    line = BenefitLine(label="x", template="standard_value")
    assert (line.cadence, line.attribution, line.confidence) == ("per_year", D(1), D(1))


def test_the_primary_audience_is_found_among_the_stakeholders():
    p = Pitch(stakeholders=[{"name": "CFO"}, {"name": "COO"}], primary_audience="COO")
    assert p.audience.name == "COO"
    assert p.stakeholder("CFO").name == "CFO"
    assert Pitch(primary_audience="CEO").audience is None


def test_the_json_schema_describes_every_part_of_a_pitch():
    schema = Pitch.model_json_schema()
    assert {"costs", "benefits", "learner_groups", "options", "radar", "schema_version"} <= set(schema["properties"])
    assert schema["additionalProperties"] is False


def test_every_cadence_has_its_words_spelled_once_for_editor_cells_headings_and_amounts():
    assert set(CADENCE_WORDS) == set(get_args(Cadence))
    assert CADENCE == (("one_time", "One-time"), ("per_year", "Every year"))
    assert CADENCE_TEXT == {"one_time": "one-time", "per_year": "per year"}
    assert [(w.heading, w.after_amount) for w in CADENCE_WORDS.values()] == [("One-time", "once"), ("Per year", "a year")]
