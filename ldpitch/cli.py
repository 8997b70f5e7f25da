"""The command line: a thin shell that translates arguments into core calls and errors into one clear line.

    python -m ldpitch examples                  one example a line: name, then title
    python -m ldpitch example NAME -o FILE      write an example as a pitch file
    python -m ldpitch validate FILE             check a pitch file (exit 1 if invalid)
    python -m ldpitch evaluate FILE [--json] [--trials N] [--seed S]  the business case in numbers
    python -m ldpitch schema                    the pitch file's JSON Schema
    python -m ldpitch workbook FILE -o OUT.xlsx the numbers as an Excel workbook with live formulas
    python -m ldpitch update-deck FILE -o OUT.pptx  the results-update deck: actuals against baseline and target
    python -m ldpitch import-costs PITCH.json FILE -o NEW.json [--sheet NAME] [--map FIELD=COLUMN ...]
                                                cost lines from a .csv, .txt or .xlsx (fields: item, category, cadence, amount, note)
    python -m ldpitch import-benefits PITCH.json FILE -o NEW.json [...]  benefit lines: a template and its inputs, or an amount
    python -m ldpitch import-actuals PITCH.json FILE -o NEW.json [--map FIELD=COLUMN ...] [--measure NAME=MEASURE ...]
                                                KPI actuals from an LMS or BI export (fields: measure, date, value)
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

from ldpitch.errors import InvalidPitch, LdpitchError, PitchFileError

COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {}


def command(fn: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    COMMANDS[fn.__name__.removeprefix("cmd_").replace("_", "-")] = fn
    return fn


def _read(path: str):
    from ldpitch.errors import PitchTooLarge
    from ldpitch.pitch import MAX_BYTES, load_pitch

    p = Path(path)
    if p.is_dir():
        raise LdpitchError(f"{path}: is a folder, not a pitch file")
    if not p.is_file():
        raise LdpitchError(f"{path}: no such file")
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:  # say so without reading a huge file into memory first
            raise PitchTooLarge(f"This file is {size / 1e6:.1f} MB; a pitch file is at most {MAX_BYTES / 1e6:.0f} MB.")
        data = p.read_bytes()
    except OSError as e:
        raise LdpitchError(f"cannot read {path}: {e.strerror}") from e
    return load_pitch(data)


def _write(path: str, data: bytes) -> None:
    """Write an output file and say so on stderr (stdout stays free for data)."""
    try:
        Path(path).write_bytes(data)
    except OSError as e:
        raise LdpitchError(f"cannot write {path}: {e.strerror}") from e
    print(f"wrote {path}", file=sys.stderr)


@command
def cmd_examples(args: argparse.Namespace) -> int:
    from ldpitch.pitch import examples

    for name in examples.names():
        print(f"{name}\t{examples.title(name)}")
    return 0


@command
def cmd_example(args: argparse.Namespace) -> int:
    from ldpitch.pitch import dump_pitch, examples

    _write(args.output, dump_pitch(examples.load(args.name)))
    return 0


@command
def cmd_validate(args: argparse.Namespace) -> int:
    from ldpitch.engine import findings

    pitch = _read(args.file)
    found = findings(pitch)
    print(f"{args.file}: a valid pitch" + (f" with {len(found)} findings (run evaluate to see them)" if found else ""))
    return 0


@command
def cmd_evaluate(args: argparse.Namespace) -> int:
    from ldpitch.engine import DEFAULT_SEED, DEFAULT_TRIALS, analyse, check_trials, simulate, summary_data, summary_text

    trials = DEFAULT_TRIALS if args.trials is None else args.trials
    seed = DEFAULT_SEED if args.seed is None else args.seed
    check_trials(trials, seed)  # refused before the file is read: nothing else runs
    pitch = _read(args.file)
    a = analyse(pitch)
    sim = a.simulation if (trials, seed) == (DEFAULT_TRIALS, DEFAULT_SEED) else simulate(pitch, trials, seed, a.evaluation)
    if args.json:
        print(json.dumps(summary_data(pitch, sim), indent=2, ensure_ascii=False))
    else:
        print(summary_text(pitch, sim))
    return 0


@command
def cmd_schema(args: argparse.Namespace) -> int:
    from ldpitch.pitch import Pitch

    print(json.dumps(Pitch.model_json_schema(), indent=2))
    return 0


@command
def cmd_workbook(args: argparse.Namespace) -> int:
    from ldpitch.workbook import workbook_bytes

    _write(args.output, workbook_bytes(_read(args.file)))
    return 0


@command
def cmd_deck(args: argparse.Namespace) -> int:
    from ldpitch.deck import Branding, build_deck, load_logo, load_template
    from ldpitch.pitch import StakeholderType

    def upload(path: str) -> bytes:
        try:
            return Path(path).read_bytes()
        except OSError as e:
            raise LdpitchError(f"cannot read {path}: {e.strerror}") from e

    pitch = _read(args.file)
    if args.audience and pitch.stakeholder(args.audience) is None and args.audience not in {t.value for t in StakeholderType}:
        names = "; ".join(s.name for s in pitch.stakeholders) or "this pitch has no stakeholders yet"
        raise LdpitchError(f"unknown audience {args.audience!r}; choose a stakeholder: {names}")
    template = load_template(upload(args.template), Path(args.template).name) if args.template else None
    logo = load_logo(upload(args.logo)) if args.logo else None
    _write(args.output, build_deck(pitch, args.audience, args.length, Branding(logo=logo, template=template)))
    return 0


@command
def cmd_update_deck(args: argparse.Namespace) -> int:
    from ldpitch.deck.update import update_deck_bytes

    _write(args.output, update_deck_bytes(_read(args.file)))
    return 0


def _import(args: argparse.Namespace, what: str) -> int:
    """Import a sheet into a pitch file: print what was read, taken and refused; exit 1 with the reasons when nothing was taken."""
    from ldpitch.errors import SheetRefused
    from ldpitch.intake import check_size, imported, parse_pairs, preview_import, read_sheet, report
    from ldpitch.pitch import dump_pitch

    pitch = _read(args.file)
    path = Path(args.sheet)
    if path.is_dir():
        raise LdpitchError(f"{args.sheet}: is a folder, not a spreadsheet file")
    if not path.is_file():
        raise LdpitchError(f"{args.sheet}: no such file")
    columns = parse_pairs(args.map or [])
    measures = parse_pairs(getattr(args, "measure", None) or [], "--measure")
    try:
        check_size(path.stat().st_size)  # a huge file is refused before it is read
        found = preview_import(pitch, read_sheet(path.read_bytes(), path.name, args.sheet_name), what, columns, measures)
    except OSError as e:
        raise LdpitchError(f"cannot read {args.sheet}: {e.strerror}") from e
    except SheetRefused as e:  # name the file: the message describes its content
        raise LdpitchError(f"{args.sheet}: {e}") from None
    said, refused = report(found)
    print("\n".join(said))
    if not found.ready:
        print(f"error: {args.sheet}: nothing imported", file=sys.stderr)
        print("\n".join(refused or ["  no row of the sheet gives anything to import"]), file=sys.stderr)
        return 1
    if refused:
        print("\n".join(refused))
    _write(args.output, dump_pitch(imported(pitch, found)))
    return 0


@command
def cmd_import_costs(args: argparse.Namespace) -> int:
    return _import(args, "costs")


@command
def cmd_import_benefits(args: argparse.Namespace) -> int:
    return _import(args, "benefits")


@command
def cmd_import_actuals(args: argparse.Namespace) -> int:
    return _import(args, "actuals")


def _import_parser(sub, name: str, help: str, fields: str, *, measures: bool = False) -> None:
    p = sub.add_parser(name, help=help)
    p.add_argument("file", help="the pitch file to import into")
    p.add_argument("sheet", help="the .csv, .txt or .xlsx file to import")
    p.add_argument("-o", "--output", required=True, help="the new pitch file to write (the pitch file itself is not changed)")
    p.add_argument("--sheet", dest="sheet_name", help="the workbook's sheet to read (default: the first with data)")
    p.add_argument("--map", action="append", metavar="FIELD=COLUMN", help=f"the column of a field, by header or letter ({fields}); the rest are guessed")
    if measures:
        p.add_argument("--measure", action="append", metavar="NAME=MEASURE", help="read the file's measure NAME as the plan's MEASURE (empty: leave it out)")


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m ldpitch", description="Turn an L&D initiative into a business case leadership says yes to.")
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub.add_parser("examples", help="list the example pitches: name, then title")
    p = sub.add_parser("example", help="write an example pitch as a pitch file")
    p.add_argument("name")
    p.add_argument("-o", "--output", required=True, help="the pitch file to write")
    p = sub.add_parser("validate", help="check a pitch file; exit 1 if it is invalid")
    p.add_argument("file")
    p = sub.add_parser("evaluate", help="the business case in numbers")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument("--trials", type=int, help="simulated futures in the Monte Carlo view (default 10,000)")
    p.add_argument("--seed", type=int, help="the simulation's seed (default fixed, so figures repeat)")
    sub.add_parser("schema", help="print the pitch file's JSON Schema")
    p = sub.add_parser("workbook", help="write the numbers as an Excel workbook with live formulas")
    p.add_argument("file")
    p.add_argument("-o", "--output", required=True, help="the .xlsx file to write")
    p = sub.add_parser("deck", help="write the deck as an editable PowerPoint file")
    p.add_argument("file")
    p.add_argument("-o", "--output", required=True, help="the .pptx file to write")
    p.add_argument("--audience", help="a stakeholder's name (default: the pitch's primary audience)")
    p.add_argument("--length", choices=("short", "standard", "full"), default="standard", help="short (about 6 slides), standard or full (with appendix)")
    p.add_argument("--template", help="the organisation's .pptx template")
    p.add_argument("--logo", help="a logo image (PNG or JPEG)")
    p = sub.add_parser("update-deck", help="write the results-update deck (actuals against baseline and target) for the sponsor")
    p.add_argument("file")
    p.add_argument("-o", "--output", required=True, help="the .pptx file to write")
    _import_parser(sub, "import-costs", "add cost lines from a spreadsheet", "item, category, cadence, amount, note")
    _import_parser(sub, "import-benefits", "add benefit lines from a spreadsheet",
                   "item, template, amount, attribution, confidence, cadence, measure, note, or a template input such as sellers")
    _import_parser(sub, "import-actuals", "add KPI actuals from an LMS or BI export", "measure, date, value", measures=True)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except InvalidPitch as e:
        print(f"error: {args.file if 'file' in args else ''}: this pitch file has problems:", file=sys.stderr)
        for line in e.problems:
            print(f"  {line}", file=sys.stderr)
        return 1
    except PitchFileError as e:  # name the file: the message describes its content
        print(f"error: {getattr(args, 'file', '')}: {e}", file=sys.stderr)
        return 1
    except LdpitchError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and closed early: not an error
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps Python from failing again at exit
        return 0
