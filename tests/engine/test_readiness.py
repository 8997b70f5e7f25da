"""RADAR readiness: the sum of the scored factors over the best possible score (5 each)."""

from decimal import Decimal as D

import pytest

from ldpitch.engine.finance import Undefined
from ldpitch.engine.readiness import factors, readiness_share, weakest
from ldpitch.pitch.model import Radar, RadarFactor


def _radar(**scores) -> Radar:
    return Radar(**{k: RadarFactor(score=v, mitigation=f"plan for {k}") for k, v in scores.items()})


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        ({"resistance": 4, "results": 3}, "0.7000"),  # 7 / (5 x 2) = 0.7
        ({"resistance": 5, "apathy": 5, "disruptions": 5, "application": 5, "results": 5}, "1.0000"),  # 25 / 25
        ({"resistance": 1, "apathy": 1, "disruptions": 1, "application": 1, "results": 1}, "0.2000"),  # 5 / 25: the floor
        ({"resistance": 2, "apathy": 3, "disruptions": 4, "application": 3, "results": 5}, "0.6800"),  # 17 / 25
        ({"apathy": 2, "disruptions": 3, "application": 3}, "0.5333"),  # 8 / 15 = 0.53333 -> 0.5333
        ({"apathy": 5, "results": 4, "application": 4}, "0.8667"),  # 13 / 15 = 0.86667 -> 0.8667 (half-up)
    ],
)
def test_readiness_share_is_the_score_over_the_best_possible_for_the_scored_factors(scores, expected):
    assert readiness_share(_radar(**scores)) == D(expected)


def test_readiness_is_undefined_until_a_factor_is_scored():
    assert readiness_share(Radar()) == Undefined("no RADAR factor scored yet")
    assert weakest(Radar()) == []


def test_factors_come_in_radar_order_with_their_aims():
    readings = factors(_radar(results=4))
    assert [(f.label, f.aim, f.score) for f in readings] == [
        ("Resistance", "minimise", None), ("Apathy", "minimise", None), ("Disruptions", "minimise", None),
        ("Application", "maximise", None), ("Results", "maximise", 4),
    ]
    assert readings[-1].mitigation == "plan for results"


def test_weakest_lists_every_factor_sharing_the_lowest_score():
    assert [f.key for f in weakest(_radar(resistance=2, apathy=4, results=2))] == ["resistance", "results"]
