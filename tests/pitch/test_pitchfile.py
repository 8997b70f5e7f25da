"""Pitch files in: every bad file gets one clear message naming the field, never a crash or a traceback."""

import json
from decimal import Decimal as D

import pytest

from ldpitch.errors import InvalidPitch, NotJson, PitchFileError, PitchTooLarge, UnsupportedVersion
from ldpitch.pitch.files import MAX_BYTES, MIGRATIONS, dump_pitch, load_pitch, migrate, pitch_from_data
from ldpitch.pitch.model import Pitch


def _load_error(data, kind=PitchFileError) -> str:
    with pytest.raises(kind) as caught:
        load_pitch(data)
    return str(caught.value)


def _pitch_json(**fields) -> str:
    return json.dumps({"schema_version": 1, **fields})


SALES = {"label": "Sales", "template": "sales_uplift"}


@pytest.mark.parametrize(
    ("data", "kind", "message"),
    [
        (b"not json", NotJson, "This file is not a pitch file: it is not valid JSON (Expecting value: line 1 column 1 (char 0))."),
        (b"\xff\xfe\x00oops", NotJson, "This file is not a pitch file: it is not UTF-8 text."),
        ('{"schema_version": 1,', NotJson, "This file is not a pitch file: it is not valid JSON (Expecting property name enclosed in double quotes"),
        ("[" * 100_000 + "]" * 100_000, NotJson, "This file is not a pitch file: its JSON is nested too deeply."),
        ("[1, 2]", InvalidPitch, "a pitch file holds a JSON object ({...}), not a list"),
        ('"pitch"', InvalidPitch, "a pitch file holds a JSON object ({...}), not a string"),
        ("3.5", InvalidPitch, "a pitch file holds a JSON object ({...}), not a number"),
        ("null", InvalidPitch, "a pitch file holds a JSON object ({...}), not null"),
        ("{}", UnsupportedVersion, "This file has no valid schema_version, so it is not a pitch file ldpitch wrote."),
        ('{"schema_version": "1"}', UnsupportedVersion, "This file has no valid schema_version"),
        ('{"schema_version": true}', UnsupportedVersion, "This file has no valid schema_version"),
        ('{"schema_version": 2}', UnsupportedVersion,
         "This pitch was saved by a newer ldpitch (schema version 2); this one reads up to version 1. Update ldpitch to open it."),
        ('{"schema_version": 0}', UnsupportedVersion, "Schema version 0 is not one ldpitch knows how to read."),
        (_pitch_json(titel="Typo"), InvalidPitch, "titel: is not a field of a pitch (a typo, or a file from another program?)"),
        (_pitch_json(costs=[{"category": "other", "amount": "1", "colour": "red"}]), InvalidPitch, "costs > 1 > colour: is not a field of a pitch"),
        (_pitch_json(learner_groups=[{"name": "Leads", "headcount": -3}]), InvalidPitch, "learner_groups > 1 > headcount: cannot be negative"),
        (_pitch_json(costs=[{"category": "other", "amount": "-5"}]), InvalidPitch, "costs > 1 > amount: cannot be negative"),
        (_pitch_json(discount_rate=1.5), InvalidPitch, "discount_rate: is a share between 0 and 1 (0.35 means 35%)"),
        (_pitch_json(benefits=[{**SALES, "attribution": 1.2}]), InvalidPitch, "benefits > 1 > attribution: is a share between 0 and 1 (0.35 means 35%)"),
        (_pitch_json(benefits=[{**SALES, "inputs": {"gross_margin": 1.5}}]), InvalidPitch,
         "benefits > 1: Gross margin is a share between 0 and 1 (0.35 means 35%)"),
        (_pitch_json(benefits=[{**SALES, "inputs": {"colour": 1}}]), InvalidPitch,
         "benefits > 1: 'colour' is not an input of 'Sales uplift (margin, not revenue)' (expected sellers, extra_sales_per_seller, gross_margin)"),
        (_pitch_json(benefits=[{**SALES, "inputs": {"sellers": -1}}]), InvalidPitch, "benefits > 1: Sellers cannot be negative"),
        (_pitch_json(benefits=[{**SALES, "sources": {"colour": "me"}}]), InvalidPitch,
         "benefits > 1: source given for 'colour', which is not an input of 'Sales uplift (margin, not revenue)'"),
        (_pitch_json(benefits=[{"label": "x", "template": "magic"}]), InvalidPitch, "benefits > 1 > template: unknown benefit template 'magic'; choose one of sales_uplift"),
        (_pitch_json(benefits=[{**SALES, "inputs": [1, 2]}]), InvalidPitch, "benefits > 1 > inputs: Input should be a valid dictionary"),
        (_pitch_json(benefits=[{**SALES, "sources": "CRM"}]), InvalidPitch, "benefits > 1 > sources: Input should be a valid dictionary"),
        (_pitch_json(benefits=[{"label": "x", "template": ["sales_uplift"]}]), InvalidPitch, "benefits > 1 > template: Input should be a valid string"),
        (_pitch_json(benefits=[{"label": "Huge", "template": "productivity_hours_saved", "inputs": {
            "people": "1e12", "hours_saved_per_week": "1e12", "working_weeks": "1e12", "loaded_hourly_rate": "1e12", "redeployed_share": "1"}}]),
         InvalidPitch, "benefits > 1: this benefit works out at more than 1,000,000,000,000 a year; check its inputs"),
        (_pitch_json(learner_groups=[{"name": "All", "headcount": 10_000_000, "hours_away": "1000000", "loaded_hourly_rate": "1000000"}]),
         InvalidPitch, "learner_groups > 1: time away from work for this group comes to more than 1,000,000,000,000"),
        (_pitch_json(costs=[{"category": "other"}] * 201), InvalidPitch, "costs: has too many entries (at most 200)"),
        (_pitch_json(title="x" * 1_000_000), InvalidPitch, "title: is too long (at most 200 characters)"),
        (_pitch_json(initiative={"why_it_matters": "y" * 1_000_000}), InvalidPitch, "initiative > why_it_matters: is too long (at most 10,000 characters)"),
        (_pitch_json(currency="usd"), InvalidPitch, "currency: String should match pattern '^[A-Z]{3}$'"),
        (_pitch_json(costs=[{"category": "other", "amount": "1.234"}]), InvalidPitch, "costs > 1 > amount: Decimal input should have no more than 2 decimal places"),
    ],
)
def test_a_bad_pitch_file_gets_one_clear_message_naming_the_field(data, kind, message):
    assert message in _load_error(data, kind)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"schema_version": 1, "discount_rate": NaN}', "it is not valid JSON (NaN is not a number a pitch can hold)"),
        ('{"schema_version": 1, "discount_rate": Infinity}', "it is not valid JSON (Infinity is not a number a pitch can hold)"),
        ('{"schema_version": 1, "costs": [{"category": "other", "amount": -Infinity}]}', "(-Infinity is not a number a pitch can hold)"),
    ],
)
def test_nan_and_infinity_as_json_constants_are_not_json_a_pitch_accepts(text, message):
    assert message in _load_error(text, NotJson)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"discount_rate": "NaN"}, "discount_rate: must be a finite number, not 'NaN'"),
        ({"costs": [{"category": "other", "amount": "Infinity"}]}, "costs > 1 > amount: must be a finite number, not 'Infinity'"),
        ({"costs": [{"category": "other", "amount": "-Infinity"}]}, "costs > 1 > amount: must be a finite number, not '-Infinity'"),
        ({"learner_groups": [{"name": "G", "hours_away": "nan"}]}, "learner_groups > 1 > hours_away: must be a finite number, not 'nan'"),
        ({"benefits": [{**SALES, "inputs": {"sellers": "NaN"}}]}, "benefits > 1 > inputs > sellers: must be a finite number, not 'NaN'"),
        ({"benefits": [{**SALES, "inputs": {"sellers": "Infinity"}}]}, "benefits > 1 > inputs > sellers: must be a finite number, not 'Infinity'"),
        ({"benefits": [{**SALES, "inputs": {"sellers": "sNaN"}}]}, "benefits > 1 > inputs > sellers: must be a finite number, not 'sNaN'"),
        ({"measures": [{"level": "reaction", "measure": "M", "baseline": "NaN"}]}, "measures > 1 > baseline: must be a finite number, not 'NaN'"),
        ({"actuals": [{"measure": "M", "on": "2026-01-01", "value": "Infinity"}]}, "actuals > 1 > value: must be a finite number, not 'Infinity'"),
    ],
)
def test_nan_and_infinity_as_strings_in_a_number_field_name_the_field(fields, message):
    assert message in _load_error(_pitch_json(**fields), InvalidPitch)


def test_a_word_containing_nan_is_not_mistaken_for_a_non_finite_number():
    # "fiNANcial" and "FiNANce" are words, not NaN: the real problem is reported
    message = _load_error(_pitch_json(stakeholders=[{"name": "Ana", "stance": "financial"}]), InvalidPitch)
    assert "stakeholders > 1 > stance: Input should be 'champion', 'supporter', 'neutral', 'sceptic' or 'blocker'" in message
    assert "finite" not in _load_error(_pitch_json(costs=[{"label": "Finance team"}]), InvalidPitch)
    assert "costs > 1 > category: Field required" in _load_error(_pitch_json(costs=[{"label": "Finance team"}]), InvalidPitch)


def test_a_huge_file_is_refused_before_it_is_parsed():
    # 50 MB of bytes that are not even JSON: PitchTooLarge (not NotJson) proves the size is checked first
    huge = b"x" * 50_000_000
    assert _load_error(huge, PitchTooLarge) == "This file is 50.0 MB; a pitch file is at most 2 MB."
    assert "50.0 MB" in _load_error(huge.decode(), PitchTooLarge)
    assert "2.0 MB" in _load_error(b" " * (MAX_BYTES + 1), PitchTooLarge)


def test_a_very_long_key_does_not_make_a_very_long_message():
    message = _load_error(_pitch_json(options=[{"name": "A", "scores": {"k" * 1_000_000: 3}}]), InvalidPitch)
    assert len(message) < 600
    assert message.startswith("This pitch file has problems: options > 1 > scores > kkkk")
    assert "is too long (at most 200 characters)" in message


def test_many_problems_are_summarised_after_the_first_five():
    with pytest.raises(InvalidPitch) as caught:
        load_pitch(_pitch_json(title=5, currency="x", locale="?", horizon_years=11, discount_rate=2, scenario_spread=-1, presenter=[]))
    assert len(caught.value.problems) == 7
    assert str(caught.value).endswith("(and 2 more)")
    assert caught.value.problems[0] == "title: Input should be a valid string"


def test_control_characters_and_lone_surrogates_are_cleaned_from_text():
    # as JSON escapes (BEL, a lone high surrogate, NUL) and, in a str, as raw characters
    p = load_pitch(b'{"schema_version": 1, "title": "Q3\\u0007 plan\\ud800", "presenter": "A\\u0000na",'
                   b' "stakeholders": [{"name": "CFO\\udc00", "kpis": ["Cash\\u001b"]}]}')
    assert (p.title, p.presenter, p.stakeholders[0].name, p.stakeholders[0].kpis) == ("Q3 plan", "Ana", "CFO", ["Cash"])
    assert load_pitch('{"schema_version": 1, "title": "raw\ud800 lone"}').title == "raw lone"
    # a raw (unescaped) control character inside a JSON string is not JSON at all
    assert "Invalid control character" in _load_error('{"schema_version": 1, "title": "a\x01"}', NotJson)


def test_a_byte_order_mark_is_accepted():
    assert load_pitch(b"\xef\xbb\xbf" + _pitch_json(title="BOM").encode()).title == "BOM"


def test_a_pitch_survives_a_round_trip_through_its_file_exactly():
    p = Pitch(title="Round trip \u20ac", discount_rate=D("0.035"), benefits=[{"label": "S", "template": "standard_value",
              "inputs": {"units_per_year": D("0.1"), "value_per_unit": D("1234567.89")}}])
    data = dump_pitch(p)
    assert load_pitch(data) == p
    parsed = json.loads(data)
    assert parsed["schema_version"] == 1
    assert parsed["discount_rate"] == "0.035"  # money and rates as exact decimal strings, never floats
    assert parsed["benefits"][0]["inputs"]["value_per_unit"] == "1234567.89"
    assert "Round trip \u20ac" in data.decode("utf-8")


def test_json_numbers_are_read_as_exact_decimals():
    p = load_pitch('{"schema_version": 1, "costs": [{"category": "other", "amount": 0.1}, {"category": "other", "amount": 0.2}]}')
    assert sum(c.amount for c in p.costs) == D("0.3")  # not 0.30000000000000004


# --- migrations -------------------------------------------------------------------------------


def test_migrate_runs_each_step_from_the_file_version_up_to_the_current_one():
    steps = {
        -1: lambda d: {"schema_version": 0, "name": d["pitch_name"]},
        0: lambda d: {"schema_version": 1, "title": d["name"].title()},
    }
    assert migrate({"schema_version": -1, "pitch_name": "sales coaching"}, steps) == {"schema_version": 1, "title": "Sales Coaching"}
    assert migrate({"schema_version": 0, "name": "x"}, steps) == {"schema_version": 1, "title": "X"}


def test_migrate_leaves_a_current_file_alone_and_refuses_gaps_and_newer_versions():
    assert migrate({"schema_version": 1, "title": "t"}, {}) == {"schema_version": 1, "title": "t"}
    with pytest.raises(UnsupportedVersion, match="Schema version -1 is not one ldpitch knows how to read"):
        migrate({"schema_version": -1}, {0: lambda d: {"schema_version": 1}})
    with pytest.raises(UnsupportedVersion, match="newer ldpitch"):
        migrate({"schema_version": 7}, {})


def test_the_shipped_migrations_table_reads_the_current_version():
    assert all(v < 1 for v in MIGRATIONS)
    assert pitch_from_data({"schema_version": 1, "title": "ok"}).title == "ok"
