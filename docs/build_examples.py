"""Render every example pitch's deck into docs/examples/: the .pptx and a PNG thumbnail of each slide.

Run from the repository root with the project's venv after the deck changes:

    .venv/bin/python docs/build_examples.py

Needs LibreOffice (soffice) and poppler (pdftoppm), which `make test` installs.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ldpitch.deck.build import build_deck  # noqa: E402
from ldpitch.pitch import examples  # noqa: E402

OUT = ROOT / "docs" / "examples"


def render(pptx: Path, folder: Path) -> int:
    """Convert a deck to PDF with LibreOffice, then to one PNG per slide; returns the slide count."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--norestore",
                        "--convert-to", "pdf", "--outdir", tmp, str(pptx)], check=True, capture_output=True, timeout=180)
        pdf = Path(tmp) / (pptx.stem + ".pdf")
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf), str(folder / "slide")], check=True, timeout=180)
    return len(list(folder.glob("slide-*.png")))


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    lines = ["# Example decks", "", "Each example pitch's full deck for its primary audience, built with",
             "`python -m ldpitch deck --length full` and rendered by LibreOffice. Click a slide to see it larger;",
             "the .pptx opens in PowerPoint, Keynote, Google Slides and LibreOffice with editable charts.", ""]
    for name in examples.names():
        pitch = examples.load(name)
        pptx = OUT / f"{name}.pptx"
        pptx.write_bytes(build_deck(pitch, None, "full"))
        count = render(pptx, OUT / name)
        lines += [f"## {examples.title(name)}", "", f"[{name}.pptx]({name}.pptx), {count} slides, "
                  f"for {pitch.primary_audience or 'the primary audience'}.", ""]
        lines += [f"[![slide {i}]({name}/{p.name})]({name}/{p.name})" for i, p in
                  enumerate(sorted(OUT.joinpath(name).glob("slide-*.png")), start=1)]
        lines.append("")
        print(f"{name}: {count} slides")
    (OUT / "README.md").write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
