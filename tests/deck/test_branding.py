"""Branding: colours checked and told apart, templates and logos refused in the user's words."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from ldpitch.deck.branding import (
    LOGO_MAX_BYTES,
    TEMPLATE_MAX_BYTES,
    Branding,
    load_logo,
    load_template,
    palette,
)
from ldpitch.errors import LdpitchError, TemplateError

DEFAULT = Path(__file__).resolve().parents[2] / "templates" / "default.pptx"
PRESENTATION_CT = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"


def rezip(data: bytes, *, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None, drop: tuple[str, ...] = ()) -> bytes:
    """A copy of a zip package with some parts replaced, added or removed."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename in drop:
                continue
            dst.writestr(info.filename, (replace or {}).get(info.filename, src.read(info)))
        for name, blob in (add or {}).items():
            dst.writestr(name, blob)
    return out.getvalue()


def with_main_content_type(data: bytes, content_type: str) -> bytes:
    types = zipfile.ZipFile(io.BytesIO(data)).read("[Content_Types].xml").replace(PRESENTATION_CT.encode(), content_type.encode())
    return rezip(data, replace={"[Content_Types].xml": types})


@pytest.fixture(scope="module")
def pptx() -> bytes:
    return DEFAULT.read_bytes()


def png(size=(40, 20), mode="RGBA", fmt="PNG", **save) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, "red" if mode != "1" else 1).save(out, format=fmt, **save)
    return out.getvalue()


# --- Branding --------------------------------------------------------------------


def test_colours_are_normalised_to_upper_case_hex():
    b = Branding(primary="1f4e79", accent="#f90")
    assert (b.primary, b.accent) == ("#1F4E79", "#FF9900")


@pytest.mark.parametrize("bad", ["blue", "#12345", "#GGGGGG", "", "rgb(1,2,3)"])
def test_a_colour_that_is_not_hex_is_refused_with_an_example(bad):
    with pytest.raises(TemplateError, match="#1F4E79"):
        Branding(primary=bad)


@pytest.mark.parametrize("bad", ["", "Calibri<script>", "x" * 80])
def test_a_font_that_is_not_a_family_name_is_refused(bad):
    with pytest.raises(TemplateError, match="font"):
        Branding(font=bad)


def test_footer_is_cleaned_to_one_line():
    assert Branding(footer="Acme\x0b Corp\n confidential").footer == "Acme Corp confidential"


def test_template_error_is_an_ldpitch_error():
    assert issubclass(TemplateError, LdpitchError)


def test_cost_and_benefit_colours_stay_distinct_when_the_brand_colours_are_alike():
    p = palette(Branding(primary="#1F4E79", accent="#1F4E7A"))
    assert p.role("cost") != p.role("benefit")


def test_a_pale_primary_is_darkened_so_headings_stay_readable():
    p = palette(Branding(primary="#FFF2CC"))
    assert p.primary != "FFF2CC" and p.heading != "FFF2CC"


# --- templates ---------------------------------------------------------------------


def test_a_pptx_template_is_accepted_unchanged(pptx):
    assert load_template(pptx, "brand.pptx") == pptx


def test_a_potx_template_is_refused_with_how_to_save_it(pptx):
    potx = with_main_content_type(pptx, "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml")
    with pytest.raises(TemplateError, match=r"PowerPoint template \(\.potx\).*save it as a \.pptx"):
        load_template(potx, "brand.potx")


def test_a_macro_enabled_pptm_is_refused(pptx):
    pptm = with_main_content_type(pptx, "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml")
    with pytest.raises(TemplateError, match=r"macros \(\.pptm\)"):
        load_template(pptm, "brand.pptm")


def test_a_presentation_carrying_a_vba_project_is_refused(pptx):
    with pytest.raises(TemplateError, match="macros"):
        load_template(rezip(pptx, add={"ppt/vbaProject.bin": b"\x00" * 64}), "brand.pptx")


def test_a_slide_show_is_refused(pptx):
    ppsx = with_main_content_type(pptx, "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml")
    with pytest.raises(TemplateError, match=r"\.ppsx"):
        load_template(ppsx, "brand.ppsx")


@pytest.mark.parametrize("data", [b"", b"not a zip at all", b"PK\x03\x04broken"])
def test_a_corrupt_file_is_refused(data):
    with pytest.raises(TemplateError, match="not a PowerPoint presentation"):
        load_template(data, "brand.pptx")


def test_a_truncated_pptx_is_refused(pptx):
    with pytest.raises(TemplateError):
        load_template(pptx[: len(pptx) // 2], "brand.pptx")


def test_a_legacy_or_password_protected_file_is_refused():
    with pytest.raises(TemplateError, match=r"older PowerPoint file \(\.ppt\) or a password-protected"):
        load_template(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "old.ppt")


def test_a_word_document_is_refused_as_not_a_presentation(pptx):
    docx = with_main_content_type(pptx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")
    with pytest.raises(TemplateError, match="Word document"):
        load_template(docx, "letter.docx")


def test_a_zip_bomb_is_refused_before_anything_is_expanded(pptx):
    bomb = rezip(pptx, add={"ppt/media/filler.bin": b"\x00" * (30 * 1024 * 1024)})
    assert len(bomb) < TEMPLATE_MAX_BYTES
    with pytest.raises(TemplateError, match="expands to far more data"):
        load_template(bomb, "brand.pptx")


def test_an_oversize_file_is_refused(pptx):
    with pytest.raises(TemplateError, match="the limit is 20 MB"):
        load_template(pptx + b"\x00" * TEMPLATE_MAX_BYTES, "huge.pptx")


def test_a_presentation_with_a_damaged_part_is_refused(pptx):
    damaged = rezip(pptx, replace={"ppt/presentation.xml": b"<p:presentation"})
    with pytest.raises(TemplateError, match="damaged.*ppt/presentation.xml"):
        load_template(damaged, "brand.pptx")


def test_a_presentation_without_a_slide_master_is_refused(pptx):
    names = [n for n in zipfile.ZipFile(io.BytesIO(pptx)).namelist() if n.startswith("ppt/slideMasters/")]
    with pytest.raises(TemplateError, match="no slide master"):
        load_template(rezip(pptx, drop=tuple(names)), "brand.pptx")


# --- logos -------------------------------------------------------------------------


def test_a_png_logo_is_kept_as_it_is():
    data = png()
    assert load_logo(data) == data


def test_an_rgb_jpeg_logo_is_kept_as_it_is():
    data = png(mode="RGB", fmt="JPEG")
    assert load_logo(data) == data


@pytest.mark.parametrize(("mode", "fmt"), [("RGBA", "WEBP"), ("CMYK", "JPEG"), ("RGB", "GIF"), ("RGB", "TIFF"), ("RGB", "BMP")])
def test_other_formats_become_png(mode, fmt):
    out = load_logo(png(mode=mode, fmt=fmt))
    with Image.open(io.BytesIO(out)) as im:
        assert im.format == "PNG" and im.size == (40, 20)


def test_an_exif_rotated_photo_is_turned_upright():
    image = Image.new("RGB", (40, 20), "blue")
    exif = image.getexif()
    exif[0x0112] = 6  # rotated 90 degrees
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    with Image.open(io.BytesIO(load_logo(out.getvalue()))) as im:
        assert im.size == (20, 40)


def test_a_very_large_logo_is_scaled_down():
    with Image.open(io.BytesIO(load_logo(png(size=(3000, 600), mode="RGB", fmt="PNG")))) as im:
        assert max(im.size) == 2000


def test_an_svg_logo_is_refused_with_what_to_upload_instead():
    with pytest.raises(TemplateError, match="export the logo as PNG"):
        load_logo(b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>')


@pytest.mark.parametrize("data", [b"", b"GIF89a broken", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, b"hello"])
def test_an_unreadable_logo_is_refused(data):
    with pytest.raises(TemplateError, match="could not be read as a picture"):
        load_logo(data)


def test_a_decompression_bomb_logo_is_refused():
    bomb = png(size=(8000, 8000), mode="1")
    assert len(bomb) < 100_000
    with pytest.raises(TemplateError, match="far more than a logo needs|far larger than a logo needs"):
        load_logo(bomb)


def test_an_oversize_logo_file_is_refused():
    with pytest.raises(TemplateError, match="larger than 5 MB"):
        load_logo(png() + b"\x00" * LOGO_MAX_BYTES)
