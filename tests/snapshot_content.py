"""What the program produces, as comparable text: every example x audience x length deck, workbook and update deck.

A refactor guard: run it before and after a change of structure and diff the two
files. It drives only the command line (``ldpitch.cli.main``), so it runs the same
on either side of a move, and it records content, not bytes: slide texts, notes,
table cells, chart types with their categories and series values; workbook
formulas and cached values. Timestamps and generated ids are left out.

    .venv/bin/python tests/snapshot_content.py before.json
    .venv/bin/python tests/snapshot_content.py after.json
    diff before.json after.json
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
import tempfile
from pathlib import Path

import openpyxl
from pptx import Presentation
from pptx.util import Emu

from ldpitch.cli import main as cli

AUDIENCE_TYPES = ("executive", "operations_director", "hr_partner", "business_unit_manager",
                  "association_board", "members_boss", "employee", "other")
LENGTHS = ("short", "standard", "full")


class Refused(Exception):
    """The command line said no (exit 1): its message is part of what the program produces."""


def run(*argv: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli(list(argv))
    if code != 0:
        raise Refused(err.getvalue().replace(argv[1], "PITCH") if len(argv) > 1 else err.getvalue())
    return out.getvalue()


def _shape(shape) -> dict:
    d: dict = {"kind": str(shape.shape_type), "name": shape.name,
               "box": [Emu(v or 0).inches.__round__(2) for v in (shape.left, shape.top, shape.width, shape.height)]}
    if shape.has_text_frame:
        d["paragraphs"] = [
            [(r.text, r.font.size.pt if r.font.size else None, r.font.bold, r.font.name) for r in p.runs]
            for p in shape.text_frame.paragraphs
        ]
    if getattr(shape, "has_table", False) and shape.has_table:
        d["table"] = [[c.text for c in row.cells] for row in shape.table.rows]
    if getattr(shape, "has_chart", False) and shape.has_chart:
        ch = shape.chart
        d["chart"] = {
            "type": str(ch.chart_type),
            "title": ch.chart_title.text_frame.text if ch.has_title else None,
            "plots": [{"categories": [str(c) for c in p.categories],
                       "series": [{"name": s.name, "values": list(s.values)} for s in p.series]} for p in ch.plots],
            "xml": _chart_xml(ch),
        }
    if shape.shape_type is not None and "GROUP" in str(shape.shape_type):
        d["shapes"] = [_shape(s) for s in shape.shapes]
    return d


def _chart_xml(chart) -> list[str]:
    """Axis titles, number formats and data-label texts: what a reader of the chart sees besides the values."""
    c, a = "{http://schemas.openxmlformats.org/drawingml/2006/chart}", "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    el = chart._chartSpace
    texts = ["".join(t.text or "" for t in tx.iter(f"{a}t")) for tx in el.iter(f"{c}tx")]
    fmts = [n.get("formatCode") for n in el.iter(f"{c}numFmt")]
    return texts + fmts


def deck(path: Path) -> list[dict]:
    prs = Presentation(str(path))
    slides = []
    for slide in prs.slides:
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else None
        slides.append({"layout": slide.slide_layout.name, "shapes": [_shape(s) for s in slide.shapes], "notes": notes})
    return slides


def workbook(path: Path) -> dict:
    formulas = openpyxl.load_workbook(path, data_only=False)
    values = openpyxl.load_workbook(path, data_only=True)
    out = {}
    for ws in formulas.worksheets:
        wv = values[ws.title]
        cells = {}
        for row in ws.iter_rows():
            for c in row:
                if c.value is None:
                    continue
                cached = wv[c.coordinate].value
                cells[c.coordinate] = [str(c.value), None if cached is None else str(cached), c.number_format]
        out[ws.title] = {"cells": cells, "names": sorted(formulas.defined_names.keys())}
    return out


def snapshot() -> dict:
    names = [line.split("\t")[0] for line in run("examples").splitlines() if line]
    result: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        for name in names:
            pitch_file = d / f"{name}.json"
            run("example", name, "-o", str(pitch_file))
            pitch = json.loads(pitch_file.read_text())
            audiences = [None, *AUDIENCE_TYPES, *(s["name"] for s in pitch.get("stakeholders", []))]
            entry: dict = {"evaluate": json.loads(run("evaluate", str(pitch_file), "--json")),
                           "evaluate_text": run("evaluate", str(pitch_file)), "decks": {}}
            for audience in audiences:
                for length in LENGTHS:
                    out = d / "deck.pptx"
                    args = ["deck", str(pitch_file), "-o", str(out), "--length", length]
                    if audience:
                        args += ["--audience", audience]
                    run(*args)
                    entry["decks"][f"{audience or '(default)'} / {length}"] = deck(out)
            run("workbook", str(pitch_file), "-o", str(d / "book.xlsx"))
            entry["workbook"] = workbook(d / "book.xlsx")
            try:
                run("update-deck", str(pitch_file), "-o", str(d / "update.pptx"))
                entry["update_deck"] = deck(d / "update.pptx")
            except Refused as e:
                entry["update_deck"] = f"refused: {e}"
            result[name] = entry
            print(f"{name}: {len(entry['decks'])} decks", file=sys.stderr)
    return result


if __name__ == "__main__":
    Path(sys.argv[1]).write_text(json.dumps(snapshot(), indent=1, sort_keys=True, default=str))
