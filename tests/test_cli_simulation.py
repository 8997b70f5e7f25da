"""`evaluate` with the simulation, as a user runs it: the JSON block, the text line, --trials and --seed, refusals."""

import json

import pytest

from ldpitch.engine import DEFAULT_SEED, analyse, simulate
from ldpitch.pitch import examples


def _json(run_ldpitch, *args) -> dict:
    result = run_ldpitch("evaluate", *args, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["simulation"]


@pytest.mark.parametrize("name", examples.names())
def test_evaluate_json_carries_the_simulation_of_the_core(run_ldpitch, name):
    got = _json(run_ldpitch, examples.path(name))
    sim = analyse(examples.load(name)).simulation
    assert (got["trials"], got["seed"]) == (10_000, DEFAULT_SEED)
    for figure in ("roi_percent", "npv", "net_benefit", "payback_months"):
        assert got[figure] == getattr(sim, figure).as_dict()
        assert all(isinstance(v, str) for v in got[figure].values())
    assert got["chance_of_payback"] == float(sim.chance_of_payback) and 0 <= got["chance_of_payback"] <= 1
    assert got["chance_roi_positive"] == float(sim.chance_roi_positive) and 0 <= got["chance_roi_positive"] <= 1
    assert [d["input"] for d in got["drivers"]] == [d.label for d in sim.drivers] != []


def test_trials_and_seed_change_the_simulation_and_repeat_it(run_ldpitch):
    path = examples.path("sales_mobile")
    first = _json(run_ldpitch, path, "--trials", "2000", "--seed", "11")
    assert (first["trials"], first["seed"]) == (2000, 11)
    assert first == _json(run_ldpitch, path, "--trials", "2000", "--seed", "11")
    assert first["roi_percent"] == simulate(examples.load("sales_mobile"), 2000, 11).roi_percent.as_dict()
    assert first["roi_percent"] != _json(run_ldpitch, path, "--trials", "2000", "--seed", "12")["roi_percent"]


def test_the_text_summary_has_one_line_with_the_range_and_the_chance(run_ldpitch):
    result = run_ldpitch("evaluate", examples.path("onboarding"))
    assert result.returncode == 0, result.stderr
    sim = analyse(examples.load("onboarding")).simulation
    lines = [line for line in result.stdout.splitlines() if line.startswith("Simulation")]
    assert len(lines) == 1
    assert f"ROI {sim.roi_percent.p10}% to {sim.roi_percent.p90}%" in lines[0]
    assert f"pays back within the 3-year horizon in {sim.paying_back:,} of 10,000 simulated futures" in lines[0]


@pytest.mark.parametrize(("args", "message"), [
    (("--trials", "0"), "error: trials: 0 is not a number of trials the simulation runs; choose a whole number from 100 to 1,000,000"),
    (("--trials", "10000000"), "error: trials: 10000000 is not a number of trials"),
    (("--seed", "-4"), "error: seed: -4 is not a seed"),
])
def test_trials_or_a_seed_out_of_bounds_is_one_clear_line(run_ldpitch, args, message):
    result = run_ldpitch("evaluate", examples.path("production"), *args)
    assert result.returncode == 1 and result.stdout == ""
    assert message in result.stderr and "Traceback" not in result.stderr


def test_the_readme_shows_the_simulation_line_the_command_prints(run_ldpitch):
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    printed = run_ldpitch("evaluate", examples.path("sales_mobile")).stdout
    line = next(x for x in printed.splitlines() if x.startswith("Simulation"))
    assert line in readme.splitlines()
