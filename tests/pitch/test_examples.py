"""The example pitches: complete, consistent, and loaded the same way as any pitch file."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ldpitch.engine import review
from ldpitch.engine.evaluation import evaluate
from ldpitch.engine.finance import Undefined
from ldpitch.errors import UnknownExample
from ldpitch.pitch import examples
from ldpitch.pitch.benefits import TEMPLATES
from ldpitch.pitch.files import dump_pitch, load_pitch
from ldpitch.pitch.model import CostCategory, Level, Pitch, StakeholderType

NAMES = examples.names()
PITCHES = {name: examples.load(name) for name in NAMES}


def _pitch(name: str) -> Pitch:
    return PITCHES[name]


def test_names_are_sorted_and_cover_the_seed_situations():
    assert sorted(NAMES) == NAMES
    assert {"sales_mobile", "onboarding", "production", "association_conference"} <= set(NAMES)


def test_unknown_example_raises_and_lists_the_valid_names():
    with pytest.raises(UnknownExample) as err:
        examples.load("nope")
    assert all(name in str(err.value) for name in NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_example_loads_from_its_pitch_file_as_a_valid_pitch(name):
    pitch = load_pitch(examples.path(name).read_bytes())
    assert isinstance(pitch, Pitch)
    assert pitch == examples.load(name)
    assert Pitch.model_validate(pitch.model_dump()) == pitch


@pytest.mark.parametrize("name", NAMES)
def test_load_returns_a_new_pitch_on_every_call(name):
    assert examples.load(name) is not examples.load(name)


@pytest.mark.parametrize("name", NAMES)
def test_title_is_the_loaded_pitch_title(name):
    assert examples.title(name) == _pitch(name).title != ""


@pytest.mark.parametrize("name", NAMES)
def test_example_round_trips_through_a_pitch_file_unchanged(name):
    pitch = _pitch(name)
    again = load_pitch(dump_pitch(pitch))
    assert again == pitch
    assert dump_pitch(again) == dump_pitch(pitch)


@pytest.mark.parametrize(
    ("name", "currency", "locale"),
    [
        ("sales_mobile", "USD", "en_US"),
        ("onboarding", "GBP", "en_GB"),
        ("production", "EUR", "de_DE"),
        ("association_conference", "USD", "en_US"),
    ],
)
def test_example_uses_its_currency_and_locale(name, currency, locale):
    assert (_pitch(name).currency, _pitch(name).locale) == (currency, locale)


# Hand-checked against the inputs (see each file); the prose in the examples quotes these.
@pytest.mark.parametrize(
    ("name", "total_costs", "counted_benefits", "roi_percent", "payback_months"),
    [
        ("sales_mobile", "359888.00", "762132.00", "111.8", "3.7"),
        ("onboarding", "881334.00", "1668429.45", "89.3", "5.2"),
        ("production", "269240.00", "423925.00", "57.5", "7.3"),
        ("association_conference", "220084.00", "362104.50", "64.5", "7.1"),
    ],
)
def test_example_headline_figures(name, total_costs, counted_benefits, roi_percent, payback_months):
    figures = evaluate(_pitch(name))
    assert figures.total_costs == Decimal(total_costs)
    assert figures.total_benefits == Decimal(counted_benefits)
    assert figures.roi_percent == Decimal(roi_percent)
    assert figures.payback_months == Decimal(payback_months)


@pytest.mark.parametrize("name", NAMES)
def test_example_evaluates_to_a_plausible_return_that_pays_back_within_the_horizon(name):
    pitch = _pitch(name)
    figures = evaluate(pitch)
    for figure in (figures.bcr, figures.roi_percent, figures.payback_months, figures.break_even_share):
        assert not isinstance(figure, Undefined)
    assert Decimal(40) <= figures.roi_percent <= Decimal(300)
    assert figures.payback_months <= 12 * pitch.horizon_years
    assert figures.npv > 0


@pytest.mark.parametrize(("name", "horizon_years"), [
    ("sales_mobile", 1), ("onboarding", 3), ("production", 1), ("association_conference", 1),
])
def test_only_the_standing_onboarding_programme_counts_more_than_the_first_year(name, horizon_years):
    pitch = _pitch(name)
    assert pitch.horizon_years == horizon_years
    if pitch.horizon_years > 1:
        assert Decimal("0.03") <= pitch.discount_rate <= Decimal("0.12")
        assert pitch.initiative.course_length_hours > review.SHORT_PROGRAMME_HOURS


@pytest.mark.parametrize("name", NAMES)
def test_example_shows_good_practice_so_the_app_finds_nothing_weak(name):
    assert review.findings(_pitch(name)) == []
    assert review.cfo_findings(_pitch(name)) == []


@pytest.mark.parametrize("name", NAMES)
def test_example_fills_the_initiative_and_objective(name):
    pitch = _pitch(name)
    for part in (pitch.initiative, pitch.objective):
        for field, value in part.model_dump().items():
            assert value not in ("", None), f"{type(part).__name__}.{field} is empty"
    assert pitch.title and pitch.organisation and pitch.presenter


@pytest.mark.parametrize("name", NAMES)
def test_example_learner_groups_cost_real_time(name):
    groups = _pitch(name).learner_groups
    assert 2 <= len(groups) <= 4
    for g in groups:
        assert g.headcount > 0 and g.hours_away > 0 and g.loaded_hourly_rate > 0


@pytest.mark.parametrize("name", NAMES)
def test_example_milestones_are_dated_in_2027(name):
    milestones = _pitch(name).milestones
    assert 4 <= len(milestones) <= 6
    assert all(m.due is not None and m.due.year == 2027 for m in milestones)
    assert [m.due for m in milestones] == sorted(m.due for m in milestones)


@pytest.mark.parametrize(
    ("name", "types"),
    [
        ("sales_mobile", {StakeholderType.executive, StakeholderType.business_unit_manager}),
        ("onboarding", {StakeholderType.hr_partner, StakeholderType.executive}),
        ("production", {StakeholderType.operations_director, StakeholderType.hr_partner}),
        ("association_conference", {StakeholderType.association_board, StakeholderType.members_boss}),
    ],
)
def test_example_has_the_stakeholders_its_situation_needs(name, types):
    assert types <= {s.type for s in _pitch(name).stakeholders}


@pytest.mark.parametrize("name", NAMES)
def test_example_stakeholders_are_complete(name):
    stakeholders = _pitch(name).stakeholders
    assert 3 <= len(stakeholders) <= 6
    for s in stakeholders:
        assert s.role and s.kpis and s.pain_points and s.wants_to_buy, s.name
        assert 2 <= len(s.objections) <= 3, s.name
        assert all(o.response for o in s.objections), s.name


@pytest.mark.parametrize("name", NAMES)
def test_primary_audience_is_one_of_the_stakeholders(name):
    assert _pitch(name).audience is not None


@pytest.mark.parametrize("name", NAMES)
def test_cost_lines_cover_the_fully_loaded_cost_list(name):
    pitch = _pitch(name)
    expected = set(CostCategory) - {CostCategory.participant_time, CostCategory.other}
    assert expected <= {c.category for c in pitch.costs}
    assert all(c.note and c.amount > 0 for c in pitch.costs)
    # Participants' time comes from the learner groups, never from a typed cost line.
    assert CostCategory.participant_time not in {c.category for c in pitch.costs}


@pytest.mark.parametrize("name", NAMES)
def test_funding_covers_the_fully_loaded_cost(name):
    funded = sum(f.amount for f in _pitch(name).funding)
    assert abs(funded - evaluate(_pitch(name)).total_costs) <= Decimal("0.05") * funded


@pytest.mark.parametrize("name", NAMES)
def test_every_benefit_input_has_a_source(name):
    for b in _pitch(name).benefits:
        for spec in TEMPLATES[b.template].inputs:
            assert spec.name in b.inputs, f"{b.label}: {spec.name} missing"
            assert b.sources.get(spec.name, "").strip(), f"{b.label}: no source for {spec.name}"


@pytest.mark.parametrize("name", NAMES)
def test_benefits_are_adjusted_honestly(name):
    benefits = _pitch(name).benefits
    assert 2 <= len(benefits) <= 4
    for b in benefits:
        assert Decimal("0.3") <= b.attribution <= Decimal("0.6"), b.label
        assert Decimal("0.6") <= b.confidence <= Decimal("0.85"), b.label


@pytest.mark.parametrize("name", NAMES)
def test_example_lists_intangibles(name):
    assert 2 <= len(_pitch(name).intangibles) <= 4


@pytest.mark.parametrize("name", NAMES)
def test_example_has_exactly_one_do_nothing_option(name):
    options = _pitch(name).options
    assert 3 <= len(options) <= 5
    assert sum(o.is_do_nothing for o in options) == 1


@pytest.mark.parametrize("name", NAMES)
def test_criteria_weights_sum_to_100_and_every_option_is_scored_on_every_criterion(name):
    pitch = _pitch(name)
    assert 3 <= len(pitch.criteria) <= 5
    assert sum(c.weight for c in pitch.criteria) == 100
    names = {c.name for c in pitch.criteria}
    for o in pitch.options:
        assert set(o.scores) == names, o.name
        assert all(1 <= s <= 10 for s in o.scores.values())


@pytest.mark.parametrize("name", NAMES)
def test_recommended_option_exists_and_ranks_first(name):
    pitch = _pitch(name)
    weights = {c.name: c.weight for c in pitch.criteria}
    ranked = sorted(pitch.options, key=lambda o: sum(weights[k] * v for k, v in o.scores.items()), reverse=True)
    assert ranked[0].name == pitch.recommended_option
    assert ranked[0].cost == evaluate(pitch).total_costs


@pytest.mark.parametrize("name", NAMES)
def test_goals_form_the_common_thread(name):
    goals = _pitch(name).goals
    assert 3 <= len(goals) <= 5
    assert all(g.goal and g.outcome and g.kpi and g.owner for g in goals)


@pytest.mark.parametrize("name", NAMES)
def test_measures_cover_all_five_levels_with_baselines_targets_and_owners(name):
    measures = _pitch(name).measures
    assert {m.level for m in measures} == set(Level)
    for m in measures:
        assert m.baseline is not None and m.target is not None, m.measure
        assert m.due is not None and m.data_source and m.owner and m.unit, m.measure
    assert len({m.measure for m in measures}) == len(measures)


@pytest.mark.parametrize("name", NAMES)
def test_radar_scores_every_factor_with_a_mitigation(name):
    for factor, value in _pitch(name).radar:
        assert value.score is not None and value.mitigation, factor


@pytest.mark.parametrize("name", NAMES)
def test_actuals_name_a_measure_of_the_plan(name):
    pitch = _pitch(name)
    measures = {m.measure for m in pitch.measures}
    assert all(a.measure in measures for a in pitch.actuals)
    assert all(date(2027, 1, 1) <= a.on <= date(2028, 12, 31) for a in pitch.actuals)


def test_at_least_two_examples_track_actuals():
    assert sum(bool(p.actuals) for p in PITCHES.values()) >= 2


def test_largest_example_is_onboarding():
    assert examples.largest() == "onboarding"
    assert examples.rows(_pitch("onboarding")) == max(examples.rows(p) for p in PITCHES.values())
