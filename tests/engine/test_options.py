"""The weighted decision matrix: sum(weight x score) / sum(weights) on the 1-10 scale, ranked, with a recommendation."""

from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ldpitch.engine.finance import Undefined
from ldpitch.engine.options import RankedOption, rank_options, recommendation, weighted_score
from ldpitch.pitch.model import Pitch


@pytest.mark.parametrize(
    ("weights", "scores", "expected"),
    [
        ({"Cost": 40, "Speed": 60}, {"Cost": 8, "Speed": 5}, "6.20"),  # (40 x 8 + 60 x 5) / 100 = 620 / 100
        # DOMAIN 4.4 style, weights summing to 100: (30 x 9 + 25 x 6 + 25 x 7 + 20 x 4) / 100 = (270 + 150 + 175 + 80) / 100
        ({"Cost": 30, "Impact": 25, "Risk": 25, "Ease": 20}, {"Cost": 9, "Impact": 6, "Risk": 7, "Ease": 4}, "6.75"),
        # weights need not sum to 100: (1 x 10 + 2 x 1) / 3 = 4
        ({"A": 1, "B": 2}, {"A": 10, "B": 1}, "4.00"),
        # thirds round half-up: (1 x 7 + 1 x 8 + 1 x 8) / 3 = 7.666... -> 7.67
        ({"A": 1, "B": 1, "C": 1}, {"A": 7, "B": 8, "C": 8}, "7.67"),
        # a missing score counts as the lowest, 1: (50 x 9 + 50 x 1) / 100 = 5
        ({"Cost": 50, "Speed": 50}, {"Cost": 9}, "5.00"),
        # a criterion with weight 0 does not count: 10
        ({"Cost": 0, "Speed": 70}, {"Cost": 1, "Speed": 10}, "10.00"),
        # scores for criteria that are not in the matrix are ignored
        ({"Cost": 10}, {"Cost": 3, "Other": 10}, "3.00"),
    ],
)
def test_weighted_score_is_the_weighted_mean_of_scores(weights, scores, expected):
    assert weighted_score(weights, scores) == D(expected)


@pytest.mark.parametrize("weights", [{}, {"Cost": 0}, {"Cost": 0, "Speed": 0}])
def test_weighted_score_is_undefined_when_no_criterion_has_a_weight(weights):
    assert weighted_score(weights, {"Cost": 5}) == Undefined("no criterion has a weight")


OPTIONS = {
    "criteria": [{"name": "Cost", "weight": 40}, {"name": "Impact", "weight": 60}],
    "options": [
        {"name": "Do nothing", "is_do_nothing": True, "scores": {"Cost": 10, "Impact": 1}},  # (400 + 60) / 100 = 4.60
        {"name": "E-learning", "scores": {"Cost": 7, "Impact": 5}},  # (280 + 300) / 100 = 5.80
        {"name": "Blended", "scores": {"Cost": 5, "Impact": 9}},  # (200 + 540) / 100 = 7.40
        {"name": "Coaching", "scores": {"Impact": 9}},  # cost missing counts 1: (40 + 540) / 100 = 5.80
    ],
}


def test_options_are_ranked_best_first_and_ties_keep_their_order():
    ranked = rank_options(Pitch(**OPTIONS))
    assert ranked == [
        RankedOption("Blended", D("7.40"), 1, False, ()),
        RankedOption("E-learning", D("5.80"), 2, False, ()),
        RankedOption("Coaching", D("5.80"), 3, False, ("Cost",)),  # tied with E-learning, entered after it
        RankedOption("Do nothing", D("4.60"), 4, True, ()),
    ]


def test_recommendation_is_the_top_option_unless_the_user_chose_one():
    assert recommendation(Pitch(**OPTIONS)) == "Blended"
    assert recommendation(Pitch(**OPTIONS, recommended_option="Coaching")) == "Coaching"
    # a recommended name that is not an option falls back to the ranking
    assert recommendation(Pitch(**OPTIONS, recommended_option="Outsourcing")) == "Blended"


def test_no_options_or_no_criteria_give_undefined_with_a_reason():
    assert rank_options(Pitch()) == Undefined("no options entered")
    assert recommendation(Pitch()) == Undefined("no options entered")
    no_criteria = Pitch(options=OPTIONS["options"])
    assert rank_options(no_criteria) == Undefined("no criterion has a weight")
    assert recommendation(no_criteria) == Undefined("no criterion has a weight")


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.sampled_from("ABCDEF"), st.integers(0, 100), min_size=1).filter(lambda w: sum(w.values()) > 0),
       st.dictionaries(st.sampled_from("ABCDEFG"), st.integers(1, 10)))
def test_weighted_score_stays_within_one_and_ten(weights, scores):
    score = weighted_score(weights, scores)
    assert D(1) <= score <= D(10)
    if all(scores.get(c) == 10 for c in weights):
        assert score == 10
