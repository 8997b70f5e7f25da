"""The organisation's brand in the library's database: versioned, written by administrators, read by everyone signed in."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
from PIL import Image

from ldpitch.deck import Branding, load_logo, load_template
from ldpitch.errors import AccessDenied, StoreError
from ldpitch.store import LOCAL, Brand, Organisation, listing
from ldpitch.store.brand import FILE_MAX_BYTES

ROOT = Path(__file__).resolve().parents[2]
ORG = Organisation(domain="example.com", admins=frozenset({"ada@example.com"}))
ADA = ORG.actor("https://id.example.com", "ada", "Ada@Example.com", "Ada")
BOB = ORG.actor("https://id.example.com", "bob", "bob@example.com", "Bob")
OLGA = ORG.actor("https://id.other.org", "olga", "olga@other.org", "Olga")


@pytest.fixture
def team(backend):
    with contextlib.closing(backend.open(ORG)) as opened:
        yield opened


@pytest.fixture(scope="module")
def template() -> bytes:
    return (ROOT / "templates" / "default.pptx").read_bytes()


@pytest.fixture(scope="module")
def logo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 40), (10, 61, 98)).save(buffer, "PNG")
    return buffer.getvalue()


def test_there_is_no_brand_until_an_administrator_saves_one(team):
    assert team.brand(BOB) is None and team.brand_history(BOB) == []


def test_each_save_is_a_new_version_and_the_latest_is_current(team, template, logo):
    first = team.save_brand(ADA, Brand(primary="#0A3D62", accent="#F39C12", font="Arial", template=template,
                                       template_name="acme.pptx"))
    second = team.save_brand(ADA, Brand(primary="#0A3D62", accent="#F39C12", font="Inter", template=template,
                                        template_name="acme.pptx", logo=logo, logo_name="acme.png", footer="Acme · Internal"))
    assert (first.version, second.version) == (1, 2)
    current = team.brand(BOB)
    assert current.version == 2 and current.author_id == ADA.id and current.author_name == "Ada"
    assert (current.brand.template, current.brand.logo, current.brand.font) == (template, logo, "Inter")
    assert current.brand == second.brand
    assert team.brand(OLGA, version=1).brand.font == "Arial"
    assert [(h.version, h.summary, listing.author(h)) for h in team.brand_history(BOB)] == [
        (2, "Logo, font and footer changed", "Ada"), (1, "First brand: template acme.pptx", "Ada")]
    with pytest.raises(StoreError, match="no version 7"):
        team.brand(BOB, version=7)


def test_an_earlier_brand_comes_back_as_a_new_version(team, template):
    team.save_brand(ADA, Brand(font="Arial", template=template, template_name="old.pptx"))
    team.save_brand(ADA, Brand(font="Inter"))
    again = team.save_brand(ADA, team.brand(ADA, version=1).brand)
    assert again.version == 3 and team.brand(BOB).brand.template == template
    assert team.brand_history(ADA)[0].summary == "Template and font changed"


@pytest.mark.parametrize("someone", [BOB, OLGA])
def test_only_administrators_write_the_brand(team, someone):
    team.save_brand(ADA, Brand(font="Arial"))
    with pytest.raises(AccessDenied, match="Only administrators"):
        team.save_brand(someone, Brand(font="Comic Sans MS"))
    assert team.brand(someone).version == 1 and team.brand(someone).brand.font == "Arial"


def test_without_sign_in_the_local_user_keeps_the_brand(store):
    assert store.save_brand(LOCAL, Brand(primary="#112233")).version == 1
    assert store.brand(LOCAL).author_name == "" and store.brand(LOCAL).brand.primary == "#112233"


@pytest.mark.parametrize(("brand", "says"), [
    (Brand(primary="#" + "0" * 40), "primary is not a line"),
    (Brand(font="Arial\nBold"), "font is not a line"),
    (Brand(footer=3), "footer is not a line"),
    (Brand(slide_numbers="yes"), "slide numbers"),
    (Brand(logo="a path, not bytes"), "logo is a file's bytes"),
    (Brand(template=b"x" * (FILE_MAX_BYTES + 1)), "larger than"),
])
def test_what_cannot_be_kept_is_refused_and_nothing_is_written(store, brand, says):
    with pytest.raises(StoreError, match=says):
        store.save_brand(LOCAL, brand)
    assert store.brand(LOCAL) is None


def test_a_brand_checked_by_the_deck_and_kept_in_the_library_makes_a_branding(team, template, logo):
    # What the shell does: the deck checks the files and colours, the library keeps them, each export reads them back.
    checked = Branding(primary="0a3d62", accent="f39c12", font="Arial", logo=load_logo(logo), template=load_template(template))
    team.save_brand(ADA, Brand(primary=checked.primary, accent=checked.accent, font=checked.font, footer=checked.footer,
                               slide_numbers=checked.slide_numbers, template=checked.template, template_name="default.pptx",
                               logo=checked.logo, logo_name="logo.png"))
    kept = team.brand(BOB).brand
    assert Branding(primary=kept.primary, accent=kept.accent, font=kept.font, footer=kept.footer,
                    slide_numbers=kept.slide_numbers, logo=kept.logo, template=kept.template) == checked
