"""The command line as a user runs it: its own process, exit codes, one clear line on error, never a traceback."""

import importlib.util
import json

import pytest

EXAMPLES = importlib.util.find_spec("ldpitch.pitch.examples") is not None
needs_examples = pytest.mark.skipif(not EXAMPLES, reason="ldpitch.pitch.examples is not importable yet (written by another change)")

VALID = {"schema_version": 1, "title": "CLI pitch", "costs": [{"category": "other", "amount": "20000"}],
         "benefits": [{"label": "B", "template": "standard_value", "inputs": {"units_per_year": "1", "value_per_unit": "60000"}}]}


def _clean_failure(result, message: str):
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert message in result.stderr
    assert result.stdout == ""


@needs_examples
def test_examples_lists_each_example_with_its_title(run_ldpitch):
    from ldpitch.pitch import examples

    result = run_ldpitch("examples")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split("\t")[0] for line in lines] == examples.names()
    assert all(line.split("\t")[1] == examples.title(line.split("\t")[0]) for line in lines)


@needs_examples
def test_example_writes_a_pitch_file_that_validates(run_ldpitch, tmp_path):
    from ldpitch.pitch import examples

    name = examples.names()[0]
    out = tmp_path / "example.json"
    result = run_ldpitch("example", name, "-o", out)
    assert result.returncode == 0, result.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["schema_version"] == 1
    assert run_ldpitch("validate", out).returncode == 0


@needs_examples
def test_an_unknown_example_is_one_clear_line(run_ldpitch, tmp_path):
    result = run_ldpitch("example", "nope", "-o", tmp_path / "x.json")
    _clean_failure(result, "error: There is no example pitch called 'nope'; choose one of:")
    assert not (tmp_path / "x.json").exists()


@needs_examples
def test_every_example_evaluates_as_json(run_ldpitch):
    from ldpitch.pitch import examples

    for name in examples.names():
        result = run_ldpitch("evaluate", examples.path(name), "--json")
        assert result.returncode == 0, (name, result.stderr)
        assert json.loads(result.stdout)["title"] == examples.title(name)


def test_validate_accepts_a_valid_pitch(run_ldpitch, write_file):
    path = write_file(VALID)
    result = run_ldpitch("validate", path)
    assert result.returncode == 0
    assert result.stdout.startswith(f"{path}: a valid pitch with ")  # incomplete is valid: findings, not errors
    assert result.stdout.rstrip().endswith("findings (run evaluate to see them)")


def test_validate_refuses_an_invalid_pitch_with_one_clear_message(run_ldpitch, write_file):
    path = write_file({**VALID, "discount_rate": "1.5", "titel": "typo"})
    result = run_ldpitch("validate", path)
    _clean_failure(result, f"error: {path}: this pitch file has problems:")
    assert "  discount_rate: is a share between 0 and 1 (0.35 means 35%)" in result.stderr.splitlines()
    assert "  titel: is not a field of a pitch (a typo, or a file from another program?)" in result.stderr.splitlines()


def test_evaluate_prints_the_business_case(run_ldpitch, write_file):
    result = run_ldpitch("evaluate", write_file(VALID))
    assert result.returncode == 0, result.stderr
    # Phillips & Phillips, ROI Basics: 60,000 benefits on 20,000 costs -> 3:1 and 200%; payback 20,000 / 5,000 = 4 months
    lines = result.stdout.splitlines()
    assert lines[0] == "CLI pitch"
    assert "Benefit-cost ratio  3.0:1" in lines
    assert "ROI                 200%" in lines
    assert "Payback             4 months" in lines
    assert any(line.startswith("  Conservative  benefits        $48,000  ROI     140%") for line in lines)


def test_evaluate_json_has_every_headline_figure(run_ldpitch, write_file):
    result = run_ldpitch("evaluate", write_file(VALID), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"total_costs", "counted_benefits", "bcr", "roi_percent", "payback_months", "npv", "break_even_share", "scenarios"} <= set(data)
    # NPV at the default 4%: -20,000 + 60,000 / 1.04 = 37,692.31
    assert (data["total_costs"], data["counted_benefits"], data["bcr"], data["roi_percent"]) == ("20000.00", "60000.00", "3.00", "200.0")
    assert (data["payback_months"], data["npv"], data["break_even_share"]) == ("4.0", "37692.31", "0.3333")
    assert [(s["name"], s["roi_percent"]) for s in data["scenarios"]] == [("Conservative", "140.0"), ("Expected", "200.0"), ("Optimistic", "260.0")]


def test_evaluate_json_gives_undefined_figures_as_null_with_a_reason(run_ldpitch, write_file):
    data = json.loads(run_ldpitch("evaluate", write_file({"schema_version": 1}), "--json").stdout)
    assert data["roi_percent"] is None
    assert data["undefined"]["roi_percent"] == "no costs entered, so there is no return to compute"


def test_schema_prints_a_json_schema_of_the_pitch(run_ldpitch):
    result = run_ldpitch("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert schema["type"] == "object" and "properties" in schema
    assert {"schema_version", "costs", "benefits"} <= set(schema["properties"])


@pytest.mark.parametrize(
    ("command", "make", "message"),
    [
        ("validate", lambda tmp: tmp / "missing.json", "missing.json: no such file"),
        ("evaluate", lambda tmp: tmp / "missing.json", "missing.json: no such file"),
        ("validate", lambda tmp: tmp, "is a folder, not a pitch file"),
        ("evaluate", lambda tmp: tmp, "is a folder, not a pitch file"),
        ("validate", lambda tmp: _write(tmp / "notes.txt", b"these are my notes"), "notes.txt: This file is not a pitch file: it is not valid JSON"),
        ("evaluate", lambda tmp: _write(tmp / "notes.txt", b"these are my notes"), "notes.txt: This file is not a pitch file: it is not valid JSON"),
        ("validate", lambda tmp: _write(tmp / "list.json", b"[1, 2, 3]"), "a pitch file holds a JSON object ({...}), not a list"),
        ("validate", lambda tmp: _write(tmp / "new.json", b'{"schema_version": 9}'), "new.json: This pitch was saved by a newer ldpitch (schema version 9)"),
        ("evaluate", lambda tmp: _write(tmp / "nan.json", b'{"schema_version": 1, "discount_rate": NaN}'), "NaN is not a number a pitch can hold"),
        ("validate", lambda tmp: _write(tmp / "big.json", b" " * 3_000_000), "big.json: This file is 3.0 MB; a pitch file is at most 2 MB."),
        ("evaluate", lambda tmp: _write(tmp / "binary.json", bytes(range(256))), "binary.json: This file is not a pitch file: it is not UTF-8 text."),
    ],
)
def test_a_file_that_is_no_pitch_exits_1_with_one_line_and_no_traceback(run_ldpitch, tmp_path, command, make, message):
    result = run_ldpitch(command, make(tmp_path))
    _clean_failure(result, message)


def test_a_bad_command_line_is_a_usage_error(run_ldpitch):
    result = run_ldpitch("fly")
    assert result.returncode == 2
    assert "invalid choice: 'fly'" in result.stderr and "Traceback" not in result.stderr


def _write(path, data: bytes):
    path.write_bytes(data)
    return path
