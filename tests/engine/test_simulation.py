"""The Monte Carlo view: closed forms where they exist, the Decimal engine when nothing is uncertain, seeded and bounded."""

import math
from decimal import Decimal as D

import numpy as np
import pytest

from ldpitch.engine import DEFAULT_SEED, DEFAULT_TRIALS, Undefined, analyse, evaluate, scenarios, simulate
from ldpitch.errors import SimulationRefused
from ldpitch.pitch import Pitch, examples

NAMES = examples.names()


def _single_input(low: str, expected: str, high: str, **pitch) -> Pitch:
    """One benefit, units a year x 10 with only the units uncertain, against one cost of 1,000: ROI % = units - 100."""
    return Pitch.model_validate({
        "costs": [{"category": "other", "amount": "1000"}],
        "benefits": [{"label": "Units", "template": "standard_value", "inputs": {"units_per_year": expected, "value_per_unit": "10"},
                      "ranges": {"units_per_year": {"low": low, "high": high}}}],
        **pitch,
    })


def _beta_cdf(x: float, a: int, b: int) -> float:
    """The regularised incomplete beta function for whole a and b: P(Binomial(a + b - 1, x) >= a)."""
    n = a + b - 1
    return sum(math.comb(n, j) * x**j * (1 - x) ** (n - j) for j in range(a, n + 1))


def _beta_quantile(q: float, a: int, b: int) -> float:
    lo, hi = 0.0, 1.0
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if _beta_cdf(mid, a, b) < q else (lo, mid)
    return (lo + hi) / 2


@pytest.mark.parametrize(("expected", "a", "b"), [("250", 3, 3), ("175", 2, 4), ("100", 1, 5)])
def test_one_pert_input_has_the_closed_form_mean_and_percentiles(expected, a, b):
    # PERT(100, m, 400) is 100 + 300 x Beta(1 + 4 (m - 100) / 300, 1 + 4 (400 - m) / 300): whole parameters for these m.
    trials = 200_000
    sim = simulate(_single_input("100", expected, "400"), trials=trials)
    units = sim.roi_trials + 100  # ROI % = units - 100, exactly linear
    mean = (100 + 4 * float(expected) + 400) / 6
    sd = 300 * math.sqrt(a * b / ((a + b) ** 2 * (a + b + 1)))
    assert abs(units.mean() - mean) < 5 * sd / math.sqrt(trials)
    # Dvoretzky-Kiefer-Wolfowitz: the sample CDF is within eps of the true one everywhere, except with probability 2 exp(-2 n eps^2) = 1e-9.
    eps = math.sqrt(math.log(2 / 1e-9) / (2 * trials))
    for q, got in ((0.1, sim.roi_percent.p10), (0.5, sim.roi_percent.p50), (0.9, sim.roi_percent.p90)):
        low, high = (100 + 300 * _beta_quantile(q - eps, a, b) - 100, 100 + 300 * _beta_quantile(q + eps, a, b) - 100)
        assert D(str(round(low, 1))) - D("0.1") <= got <= D(str(round(high, 1))) + D("0.1"), (q, low, got, high)


def test_the_same_seed_gives_the_same_figures_and_another_seed_others():
    p = examples.load("onboarding")
    first, again, other = simulate(p, seed=7), simulate(p, seed=7), simulate(p, seed=8)
    assert first.as_dict() == again.as_dict()
    assert first.roi_percent != other.roi_percent


def test_the_default_is_ten_thousand_trials_from_a_fixed_seed_kept_per_pitch_version():
    p = examples.load("production")
    a = analyse(p)
    assert (a.simulation.trials, a.simulation.seed) == (DEFAULT_TRIALS, DEFAULT_SEED) == (10_000, DEFAULT_SEED)
    assert a.simulation is analyse(p).simulation
    assert a.simulation.as_dict() == simulate(p).as_dict()


def _ordered(values) -> bool:
    finite = [v for v in values if not isinstance(v, Undefined)]
    # "no payback" is later than any payback, so it may only come after the finite percentiles.
    return finite == sorted(finite) and values[: len(finite)] == finite


@pytest.mark.parametrize("name", NAMES)
def test_percentiles_are_ordered_and_chances_are_shares(name):
    sim = analyse(examples.load(name)).simulation
    for figure in (sim.roi_percent, sim.npv, sim.net_benefit, sim.payback_months):
        assert _ordered([figure.p10, figure.p50, figure.p90])
    assert D(0) <= sim.chance_of_payback <= 1 and D(0) <= sim.chance_roi_positive <= 1
    assert sum(b.trials for b in sim.histogram(25)) == sim.trials


def _without_ranges(name: str, **changes) -> Pitch:
    p = examples.load(name)
    benefits = [b.model_copy(update={"ranges": {}}) for b in p.benefits]
    costs = [c.model_copy(update={"amount_range": None}) for c in p.costs]
    return p.model_copy(update={"benefits": benefits, "costs": costs, **changes})


@pytest.mark.parametrize("name", NAMES)
def test_without_ranges_every_trial_lies_within_the_conservative_and_optimistic_scenarios(name):
    p = _without_ranges(name)
    sim = simulate(p)
    conservative, expected, optimistic = (s.evaluation for s in scenarios(p))
    assert conservative.roi_percent - D("0.1") <= D(float(sim.roi_trials[0])) <= D(float(sim.roi_trials[-1])) <= optimistic.roi_percent + D("0.1")
    assert conservative.roi_percent <= sim.roi_percent.p10 <= expected.roi_percent <= sim.roi_percent.p90 <= optimistic.roi_percent
    assert conservative.npv <= sim.npv.p10 <= sim.npv.p90 <= optimistic.npv
    assert all(u.source == "scenario spread" and (u.low, u.high) == (1 - p.scenario_spread, 1 + p.scenario_spread) for u in sim.inputs)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("horizon_years", [1, 3])
def test_with_nothing_uncertain_every_trial_is_the_decimal_engine_to_the_cent(name, horizon_years):
    p = _without_ranges(name, scenario_spread=D(0), horizon_years=horizon_years)
    e, sim = evaluate(p), simulate(p)
    assert sim.inputs == () and sim.drivers == ()
    for figure, exact in ((sim.roi_percent, e.roi_percent), (sim.npv, e.npv), (sim.net_benefit, e.net_benefit),
                          (sim.payback_months, e.payback_months)):
        assert figure.p10 == figure.p50 == figure.p90 == exact
    assert sim.chance_roi_positive == (1 if e.roi_percent > 0 else 0)


def test_a_pitch_that_may_not_pay_back_says_no_payback_for_its_late_percentiles():
    p = _single_input("100", "200", "1000", costs=[{"category": "other", "amount": "4000"}])  # pays back only above 400 units
    sim = simulate(p)
    assert isinstance(sim.payback_months.p10, Undefined) or sim.payback_months.p10 <= 12
    assert isinstance(sim.payback_months.p90, Undefined)
    assert sim.as_dict()["payback_months"]["p90"] == "no payback"
    assert D(0) < sim.chance_of_payback < D("0.5")
    assert sim.chance_of_payback == sim.chance_roi_positive or abs(sim.chance_of_payback - sim.chance_roi_positive) < D("0.01")


def test_a_pitch_without_costs_has_no_roi_but_a_net_benefit_range():
    p = Pitch.model_validate({"benefits": [{"label": "B", "template": "standard_value", "inputs": {"units_per_year": "10", "value_per_unit": "10"}}]})
    sim = simulate(p)
    assert isinstance(sim.roi_percent, Undefined) and isinstance(sim.chance_roi_positive, Undefined)
    assert sim.as_dict()["roi_percent"] is None and "roi_percent" in sim.as_dict()["undefined"]
    assert D(80) <= sim.net_benefit.p10 < sim.net_benefit.p90 <= D(120)
    assert sim.histogram() == ()


def test_drivers_rank_the_widest_range_first_and_a_cost_against_roi():
    p = Pitch.model_validate({
        "costs": [{"category": "other", "label": "Licence", "amount": "1000", "amount_range": {"low": "900", "high": "1300"}}],
        "benefits": [{"label": "B", "template": "standard_value", "inputs": {"units_per_year": "300", "value_per_unit": "10"},
                      "ranges": {"units_per_year": {"low": "100", "high": "500"}, "value_per_unit": {"low": "9.5", "high": "10.5"}}}],
    })
    drivers = simulate(p).drivers
    assert [d.label for d in drivers] == ["B: units a year", "Licence", "B: standard value per unit"]
    assert drivers[0].correlation > 0 > drivers[1].correlation
    assert abs(sum(d.share for d in drivers) - 1) <= D("0.0003")


def test_a_benefit_with_a_range_is_not_also_moved_by_the_spread():
    sim = simulate(_single_input("100", "250", "400"))
    assert [(u.label, u.source) for u in sim.inputs] == [("Units: units a year", "range")]


@pytest.mark.parametrize(("trials", "seed", "message"), [
    (0, DEFAULT_SEED, "trials: 0 is not a number of trials the simulation runs; choose a whole number from 100 to 1,000,000"),
    (10_000_000, DEFAULT_SEED, "trials: 10000000 is not a number of trials"),
    (True, DEFAULT_SEED, "trials: True is not"),
    (1000, -1, "seed: -1 is not a seed"),
])
def test_trials_and_seeds_out_of_bounds_are_refused_with_a_clear_message(trials, seed, message):
    with pytest.raises(SimulationRefused, match=message.replace("(", r"\(")):
        simulate(examples.load("production"), trials=trials, seed=seed)


def test_draws_come_from_pcg64_so_a_seed_names_one_sequence():
    # The generator the docs promise: numpy's PCG64 from the seed, the first draw feeding the first uncertain input.
    sim = simulate(_single_input("100", "250", "400"), trials=100, seed=3)
    rng = np.random.Generator(np.random.PCG64(3))
    units = 100 + 300 * rng.beta(3.0, 3.0, 100)
    counted = np.floor(units * 10 * 100 + 0.5) / 100  # the benefit is counted to the cent, as in the engine
    assert sim.roi_trials.tolist() == pytest.approx(np.sort(counted / 10 - 100).tolist(), abs=1e-9)


@pytest.mark.parametrize(("paying_back", "sentence"), [
    (10_000, "In all 10,000 simulated futures the programme pays back within the year"),
    (9_998, "In at least 99 of 100 simulated futures the programme pays back within the year"),
    (9_900, "In at least 99 of 100 simulated futures the programme pays back within the year"),
    (9_899, "In at least 9 of 10 simulated futures the programme pays back within the year"),
    (9_000, "In at least 9 of 10 simulated futures the programme pays back within the year"),
    (8_999, "In at least 8 of 10 simulated futures the programme pays back within the year"),
    (999, "In fewer than 1 of 10 simulated futures the programme pays back within the year"),
    (0, "In none of 10,000 simulated futures does the programme pay back within the year"),
])
def test_the_payback_sentence_never_claims_more_than_the_trials_show(paying_back, sentence):
    from dataclasses import replace

    from ldpitch.engine import payback_sentence

    sim = replace(simulate(examples.load("production")), paying_back=paying_back)
    assert payback_sentence(sim) == sentence
    assert payback_sentence(replace(sim, horizon_years=3)) == sentence.replace("the year", "3 years")
