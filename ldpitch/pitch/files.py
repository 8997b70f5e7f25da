"""Pitch files: JSON in and out, with a size limit, schema versions, migrations and clear messages.

A pitch file is the portable form of a pitch (download, upload, the CLI, the
example pitches). Reading one never touches anything else: it returns a new
``Pitch`` or raises a ``PitchFileError`` whose message names the bad field.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from decimal import Decimal

from pydantic import ValidationError

from ldpitch.errors import InvalidPitch, NotJson, PitchTooLarge, UnsupportedVersion
from ldpitch.pitch.model import SCHEMA_VERSION, Pitch

#: No real pitch comes near this; it keeps a 50 MB upload from being parsed at all.
MAX_BYTES = 2_000_000

#: Migrations from one schema version to the next: ``{old_version: fn(data) -> data}``.
#: A file of version v goes through MIGRATIONS[v], MIGRATIONS[v + 1], ... up to SCHEMA_VERSION.
#: Version 1 is the first published schema, so there is nothing to migrate yet.
MIGRATIONS: dict[int, Callable[[dict], dict]] = {}


def _no_constants(name: str):
    raise ValueError(f"{name} is not a number a pitch can hold")


def parse_json(data: bytes | str) -> object:
    """Parse JSON with exact decimals; refuse NaN and Infinity."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise NotJson("This file is not a pitch file: it is not UTF-8 text.") from e
    try:
        return json.loads(data, parse_float=Decimal, parse_constant=_no_constants)
    except ValueError as e:
        raise NotJson(f"This file is not a pitch file: it is not valid JSON ({e}).") from e
    except RecursionError as e:  # thousands of nested brackets: a well-formed file that is no pitch
        raise NotJson("This file is not a pitch file: its JSON is nested too deeply.") from e


def migrate(data: dict, migrations: dict[int, Callable[[dict], dict]] | None = None) -> dict:
    """Bring pitch data of an older schema version up to the current one.

    >>> migrate({"schema_version": 0, "name": "x"}, {0: lambda d: {"schema_version": 1, "title": d["name"]}})
    {'schema_version': 1, 'title': 'x'}
    """
    steps = MIGRATIONS if migrations is None else migrations
    version = data.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise UnsupportedVersion("This file has no valid schema_version, so it is not a pitch file ldpitch wrote.")
    if version > SCHEMA_VERSION:
        raise UnsupportedVersion(
            f"This pitch was saved by a newer ldpitch (schema version {version}); "
            f"this one reads up to version {SCHEMA_VERSION}. Update ldpitch to open it."
        )
    while version < SCHEMA_VERSION:
        if version not in steps:
            raise UnsupportedVersion(f"Schema version {version} is not one ldpitch knows how to read.")
        data = steps[version](data)
        if not isinstance(data.get("schema_version"), int) or data["schema_version"] <= version:
            raise UnsupportedVersion(f"The migration from schema version {version} did not move the pitch forward.")
        version = data["schema_version"]
    return data


def describe_errors(error: ValidationError) -> list[str]:
    """One readable line per problem, naming the field: ``costs 2 > amount: ...``."""
    lines = []
    for err in error.errors(include_url=False):
        where = " > ".join(str(p + 1) if isinstance(p, int) else str(p) for p in err["loc"]) or "pitch"
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            msg = "is not a field of a pitch (a typo, or a file from another program?)"
        elif err["type"] == "string_too_long" or (err["type"] == "too_long" and isinstance(err.get("input"), str)):
            # Short and Long text is cleaned before its length is checked, so pydantic reports "too_long".
            msg = f"is too long (at most {err['ctx']['max_length']:,} characters)"
        elif err["type"] == "too_long":
            msg = f"has too many entries (at most {err['ctx']['max_length']:,})"
        elif err["type"] == "greater_than_equal" and str(err["ctx"].get("ge")) == "0":
            msg = "cannot be negative"
        elif err["type"] == "less_than_equal" and str(err["ctx"].get("le")) == "1":
            msg = "is a share between 0 and 1 (0.35 means 35%)"
        elif err["type"] in ("finite_number", "decimal_parsing") or _is_not_finite(err.get("input")):
            msg = f"must be a finite number, not {_clip(repr(err.get('input')), 40)}"
        # A 1 MB dict key or input must not make a 1 MB message.
        lines.append(f"{_clip(where, 120)}: {_clip(msg, 300)}")
    return lines


def _is_not_finite(value: object) -> bool:
    """NaN or Infinity, as a number or as text ("NaN", "-inf"); not a word that happens to contain "nan"."""
    if isinstance(value, float):
        return not math.isfinite(value)
    if isinstance(value, Decimal):
        return not value.is_finite()
    if isinstance(value, str) and len(value) < 20:
        try:
            return not Decimal(value.strip()).is_finite()
        except ArithmeticError:
            return False
    return False


def _json_kind(value: object) -> str:
    """What a parsed JSON value is, in JSON's own words: "a list", "a string", "null"."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    kinds = {list: "a list", str: "a string", int: "a number", float: "a number", Decimal: "a number"}
    return kinds.get(type(value), f"a {type(value).__name__}")


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def pitch_from_data(data: object) -> Pitch:
    """Validate already-parsed data as a pitch, migrating older schema versions first."""
    if not isinstance(data, dict):
        raise InvalidPitch([f"a pitch file holds a JSON object ({{...}}), not {_json_kind(data)}"])
    data = migrate(data)
    try:
        return Pitch.model_validate(data)
    except ValidationError as e:
        raise InvalidPitch(describe_errors(e)) from None


def load_pitch(data: bytes | str) -> Pitch:
    """Read a pitch file's bytes into a validated ``Pitch`` or raise a ``PitchFileError``."""
    # surrogatepass: a str with a lone surrogate is measured (and later cleaned), not a crash.
    size = len(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
    if size > MAX_BYTES:
        raise PitchTooLarge(f"This file is {size / 1e6:.1f} MB; a pitch file is at most {MAX_BYTES / 1e6:.0f} MB.")
    return pitch_from_data(parse_json(data))


def dump_pitch(pitch: Pitch) -> bytes:
    """The pitch as a pitch file: indented UTF-8 JSON, money as exact decimal strings."""
    return pitch.model_dump_json(indent=2, exclude_defaults=False).encode("utf-8") + b"\n"
