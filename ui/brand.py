"""The organisation's brand on Export: read from the pitch library as the deck's ``Branding``, saved by administrators.

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

import ui.library as library
import ui.state as state
from ldpitch.deck import Branding, load_logo, load_template
from ldpitch.errors import StoreError, TemplateError
from ldpitch.store import Brand, listing

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
