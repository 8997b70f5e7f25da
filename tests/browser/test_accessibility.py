"""WCAG 2.1 A and AA on every page of the running app, checked by axe-core in Chromium: signed out (local mode) and signed in.

axe-core (npm) is installed once into ``.cache/`` at test time, like the
OpenID provider of tests/browser/test_signin_browser.py, and injected into
each page; ``axe.run`` checks the whole document against the WCAG 2.0 and 2.1
A and AA rules. A page fails on any violation, and the failure lists each one:
its rule id, the selector of every element it found and the rule's help text.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest
from server import ROOT
from test_signin_browser import (  # noqa: F401
    base_url,
    browser_context_args,
    browser_type_launch_args,
    oidc_provider,
    open_url,
    person,
    settle,
    sign_in,
    team_app,
)
from test_wizard import app_url, go, load_example  # noqa: F401

import ui

pytestmark = [pytest.mark.browser, pytest.mark.slow]

AXE = "axe-core@4.14.1"
AXE_PREFIX = ROOT / ".cache" / AXE.replace("@", "-")
AXE_SCRIPT = AXE_PREFIX / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
#: Every page of the app, by its menu title (app.py's st.navigation list).
TITLES = [page.title for page in ui.menu()]


@pytest.fixture(scope="session")
def axe_script() -> str:
    """The path of axe.min.js, ``npm install``ed into .cache/ once (a few seconds); later sessions reuse it."""
    if not AXE_SCRIPT.is_file():
        if shutil.which("npm") is None:
            pytest.skip(f"npm is not installed, so {AXE} cannot be installed to check the pages' accessibility")
        AXE_PREFIX.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(["npm", "--prefix", str(AXE_PREFIX), "install", AXE, "--no-audit", "--no-fund", "--loglevel=error"],
                              capture_output=True, text=True, timeout=300)
        if done.returncode != 0 or not AXE_SCRIPT.is_file():
            pytest.fail(f"npm could not install {AXE} into {AXE_PREFIX}: {done.stderr.strip()[-600:]}")
    return str(AXE_SCRIPT)


def violations(page, axe_script: str) -> list[str]:
    """Every WCAG 2.1 A/AA violation axe-core finds in the page as shown now, one line per rule and element."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=axe_script)
    found = page.evaluate("""async (tags) => {
        const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
        return result.violations.map(v => ({id: v.id, help: v.help, targets: v.nodes.map(n => n.target.join(' '))}));
    }""", WCAG_21_AA)
    return [f"{v['id']}: {target} ({v['help']})" for v in found for target in v["targets"]]


def check_every_page(page, settle, axe_script: str, where: str) -> list[str]:  # noqa: F811
    """Visit every page of the menu and collect the violations of each, named by page."""
    found = []
    for title in TITLES:
        go(page, settle, title)
        found += [f"{where} · {title} · {line}" for line in violations(page, axe_script)]
    return found


def test_every_page_meets_wcag_21_aa_without_sign_in(browser, browser_context_args, app_url, settle, axe_script):  # noqa: F811
    context = browser.new_context(**browser_context_args)
    page = context.new_page()
    try:
        load_example(page, app_url, settle)
        found = check_every_page(page, settle, axe_script, "local")
    finally:
        context.close()
    assert not found, f"{len(found)} accessibility violations:\n" + "\n".join(found)


def test_the_sign_in_page_and_every_page_signed_in_meet_wcag_21_aa(browser, browser_context_args, team_app, settle,  # noqa: F811
                                                                   axe_script):
    team_url, _, _ = team_app
    context, page = person(browser, browser_context_args)
    try:
        open_url(page, team_url, settle)
        found = [f"signed out · Sign in · {line}" for line in violations(page, axe_script)]
        sign_in(page, team_url, "eve", settle)
        page.get_by_role("button", name="Load example:").filter(has_text="mobile sales").click()
        settle(page)
        found += check_every_page(page, settle, axe_script, "signed in")
    finally:
        context.close()
    assert not found, f"{len(found)} accessibility violations:\n" + "\n".join(found)
