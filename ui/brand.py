"""The brand on Export: the branding picker, starting from the organisation's brand read from the pitch library (saved by administrators).

With sign-in on, an administrator saves the look chosen on Export (colours,
font, footer, logo, template, each already checked by ``ldpitch.deck``) as the
organisation's brand, a new version in the library; every member's Export
then starts from it, and anyone may still change it for one export. Without
sign-in there is no organisation, and Export starts from the defaults as before.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

import streamlit as st

import ui.library as library
import ui.state as state
from ldpitch.deck import Branding, load_logo, load_template
from ldpitch.errors import StoreError, TemplateError
from ldpitch.store import Brand, listing

FONTS = ["Calibri", "Arial", "Aptos", "Segoe UI", "Helvetica", "Georgia", "Verdana"]
log = logging.getLogger("ldpitch.app")
_converted: dict[tuple[str, int], Branding | None] = {}  # (library, brand version) -> its Branding: templates are big
_converted_lock = threading.Lock()


@dataclass(frozen=True)
class House:
    """The organisation's brand as Export uses it: the deck's ``Branding``, and a line saying which version it is."""

    branding: Branding
    about: str


def organisation() -> House | None:
    """The organisation's current brand (None without sign-in, without a saved brand, or if it cannot be used; the log says why)."""
    s = library.store()
    if s is None or not library.sign_in_on():
        return None
    who = library.actor()
    try:
        versions = s.brand_history(who)
    except StoreError as e:
        log.warning("the organisation's brand could not be read: %s", e)
        return None
    if not versions:
        return None
    latest = versions[0]
    key = (s.location, latest.version)
    with _converted_lock:
        known = key in _converted
        branding = _converted.get(key)
    if not known:
        try:
            saved = s.brand(who, latest.version)
            branding = as_branding(saved.brand) if saved is not None else None
        except (StoreError, TemplateError) as e:
            log.warning("the organisation's brand version %s cannot be used: %s", latest.version, e)
            branding = None
        with _converted_lock:
            if len(_converted) > 8:
                _converted.clear()
            _converted[key] = branding
    if branding is None:
        return None
    return House(branding, f"Your organisation's brand (version {latest.version}, saved by {listing.author(latest)}) is the "
                           "starting point of every export; change anything here for this deck only.")


def as_branding(brand: Brand) -> Branding:
    """A brand kept in the library as the deck's ``Branding`` (its files checked again by the deck; ``TemplateError`` if one fails)."""
    return Branding(primary=brand.primary or Branding.primary, accent=brand.accent or Branding.accent, font=brand.font or Branding.font,
                    footer=brand.footer, slide_numbers=brand.slide_numbers,
                    logo=load_logo(brand.logo) if brand.logo else None,
                    template=load_template(brand.template, brand.template_name or "template.pptx") if brand.template else None)


def may_save() -> bool:
    """Whether the person may save the organisation's brand: an administrator, with sign-in on."""
    return library.sign_in_on() and library.store() is not None and library.actor().is_admin and not library.actor().local


def save(branding: Branding, *, logo_name: str = "", template_name: str = "") -> None:
    """Save ``branding`` (checked by the deck) as the organisation's brand, a new version; a message says how it went."""
    s = library.store()
    if s is None:
        return
    try:
        current = s.brand(library.actor())
    except StoreError:
        current = None
    if current is not None:  # a file not uploaded again is the current brand's: it keeps its name
        logo_name = logo_name or (current.brand.logo_name if branding.logo else "")
        template_name = template_name or (current.brand.template_name if branding.template else "")
    brand = Brand(primary=branding.primary, accent=branding.accent, font=branding.font, footer=branding.footer,
                  slide_numbers=branding.slide_numbers, template=branding.template, template_name=template_name,
                  logo=branding.logo, logo_name=logo_name)
    try:
        saved = s.save_brand(library.actor(), brand)
    except StoreError as e:
        state.flash(f"The organisation's brand was not saved: {e}", "error")
        return
    state.flash(f"Saved as the organisation's brand (version {saved.version}): every member's Export starts from it now.")


def upload(label: str, kinds: list[str], key: str, check, what: str) -> bytes | None:
    """An optional upload checked by the core; a bad file is explained and the default kept."""
    file = st.file_uploader(label, type=kinds, key=key)
    if file is None:
        return None
    try:
        return check(file.getvalue())
    except TemplateError as e:
        st.error(f"{file.name} cannot be used, so the deck keeps the default {what}. {e}", icon=":material/error:")
        return None


def picker() -> Branding | None:
    """Export's branding expander: starts from the organisation's brand; an administrator may save the look as the new brand."""
    house = organisation()  # the organisation's brand, with sign-in: every export starts from it
    base = house.branding if house else Branding()
    with st.expander("Branding: logo, colours, font, footer or your organisation's template", icon=":material/palette:"):
        if house:
            st.caption(f":material/verified: {house.about}")
        c = st.columns(4)
        primary = c[0].color_picker("Primary colour", base.primary, key="export.primary")
        accent = c[1].color_picker("Accent colour", base.accent, key="export.accent")
        fonts = FONTS if base.font in FONTS else [base.font, *FONTS]
        font = c[2].selectbox("Font", fonts, index=fonts.index(base.font), key="export.font", accept_new_options=True,
                              help="Calibri keeps your template's own fonts; type another family if you need one.")
        footer = c[3].text_input("Footer text", base.footer, key="export.footer", max_chars=120, placeholder="e.g. Confidential")
        a, b = st.columns(2)
        with a:
            logo = upload("Logo (PNG or JPEG)", ["png", "jpg", "jpeg", "gif", "webp"], "export.logo", load_logo, "no logo")
        with b:
            template = upload("Organisation template (.pptx)", ["pptx", "potx", "pptm", "ppt"], "export.template",
                              lambda data: load_template(data, "template.pptx"), "design")
        keep = may_save() and st.button(
            "Save this look as the organisation's brand", key="export.brand.save", icon=":material/verified:",
            help="Every member's Export starts from it from now on (a new version; the earlier ones are kept).")
    try:
        chosen = Branding(primary=primary, accent=accent, font=font or "Calibri", footer=footer, slide_numbers=base.slide_numbers,
                          logo=logo or base.logo, template=template or base.template)
    except TemplateError as e:
        st.error(f"{e} The deck keeps the default look.", icon=":material/error:")
        return None
    if keep:
        named = {k: getattr(state.widget_value(f"export.{k}"), "name", "") for k in ("logo", "template")}
        save(chosen, logo_name=named["logo"], template_name=named["template"])
        st.rerun()
    return chosen
