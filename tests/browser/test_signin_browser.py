"""Sign-in in Chromium against a real OpenID Connect provider: two people, a pitch kept private, shared as viewer, revoked.

The provider is panva's ``oidc-provider`` (npm) run by node on a loopback port
for the test session (tests/browser/oidc_provider.mjs), installed once into
``.cache/`` at test time; Streamlit's ``st.login`` talks to it as to any
company's identity provider. The app is served by ``streamlit run`` with an
``[auth]`` secrets file of the test's own. The browser uses ``localhost``,
the host of the redirect URI (``127.0.0.1`` would end signed out).
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect
from server import LOGS, ROOT, AppServer, free_port, stop_process

# The fixtures come from test_wizard (no conftest.py here: a second subfolder conftest clashes under --doctest-modules).
from test_wizard import (  # noqa: F401
    FINISHED,
    base_url,
    browser_context_args,
    browser_type_launch_args,
    screenshot,
    settle,
)

from ldpitch.store import Organisation, Role, open_store

pytestmark = [pytest.mark.browser, pytest.mark.slow]

OIDC_PROVIDER = "oidc-provider@9.13.3"
PREFIX = ROOT / ".cache" / OIDC_PROVIDER.replace("@", "-")
SCRIPT = Path(__file__).with_name("oidc_provider.mjs")
DOMAIN = "example.com"
ACCOUNTS = {"alice": {"email": "alice@example.com", "name": "Alice Archer"},
            "bob": {"email": "bob@example.com", "name": "Bob Baker"}}
ORG = Organisation(domain=DOMAIN, admins=frozenset({"ops@example.com"}))
UP_TO = 15_000  # ms: one sign-in takes 3 to 8 s on a busy machine


def _install_provider() -> None:
    """``npm install oidc-provider`` into .cache/ once (about 3 s); later sessions reuse it."""
    if (PREFIX / "node_modules" / "oidc-provider" / "package.json").is_file():
        return
    PREFIX.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["npm", "--prefix", str(PREFIX), "install", OIDC_PROVIDER, "--no-audit", "--no-fund", "--loglevel=error"],
                          capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        pytest.fail(f"npm could not install {OIDC_PROVIDER} into {PREFIX}: {done.stderr.strip()[-600:]}")


class Provider:
    """The running identity provider and the app's sign-in settings for it."""

    def __init__(self, port: int, app_port: int):
        self.port, self.app_port = port, app_port
        self.client_id, self.client_secret = "ldpitch-tests", secrets.token_urlsafe(24)
        self.proc: subprocess.Popen | None = None

    @property
    def issuer(self) -> str:
        return f"http://localhost:{self.port}"

    @property
    def redirect_uri(self) -> str:
        return f"http://localhost:{self.app_port}/oauth2callback"

    def secrets_toml(self) -> str:
        return "\n".join([
            "[auth]",
            f'redirect_uri = "{self.redirect_uri}"',
            f'cookie_secret = "{secrets.token_urlsafe(32)}"',
            f'client_id = "{self.client_id}"',
            f'client_secret = "{self.client_secret}"',
            f'server_metadata_url = "{self.issuer}/.well-known/openid-configuration"',
            "[auth.client_kwargs]",
            'prompt = "login"',  # Streamlit's default, select_account, is refused by oidc-provider
            "[ldpitch]",
            f'organisation_domain = "{DOMAIN}"',
            f"admins = {json.dumps(sorted(ORG.admins))}",
            "",
        ])

    def start(self, folder: Path) -> None:
        config = folder / "oidc.json"
        config.write_text(json.dumps({"port": self.port, "client_id": self.client_id, "client_secret": self.client_secret,
                                      "redirect_uri": self.redirect_uri, "accounts": ACCOUNTS}))
        LOGS.mkdir(exist_ok=True)
        log = LOGS / "oidc-provider.log"
        with log.open("wb") as out:
            self.proc = subprocess.Popen(["node", str(SCRIPT), str(config)], stdout=out, stderr=subprocess.STDOUT,
                                         env={**os.environ, "OIDC_PROVIDER_PREFIX": str(PREFIX)})
        deadline = time.monotonic() + 20
        while "listening" not in log.read_text(errors="replace"):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                pytest.fail(f"the OpenID provider did not start; see {log}")
            time.sleep(0.1)

    def stop(self) -> None:
        if self.proc is not None:
            stop_process(self.proc)
            self.proc = None


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory):
    """A real OpenID Connect provider on a loopback port for the test session, with two accounts (alice, bob)."""
    missing = [tool for tool in ("node", "npm") if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"{' and '.join(missing)} not installed: the sign-in tests run a real OpenID provider on node")
    _install_provider()
    provider = Provider(free_port(), free_port())
    provider.start(tmp_path_factory.mktemp("oidc"))
    yield provider
    provider.stop()


@pytest.fixture(scope="session")
def team_app(oidc_provider, tmp_path_factory):
    """The app with sign-in on (its own secrets file), on the port the provider redirects to; yields (URL, library folder, issuer)."""
    folder = tmp_path_factory.mktemp("team")
    (folder / "secrets.toml").write_text(oidc_provider.secrets_toml())
    data = folder / "data"
    server = AppServer(data, port=oidc_provider.app_port, name="streamlit-signin",
                       env={"STREAMLIT_SECRETS_FILES": str(folder / "secrets.toml")})
    server.start()
    yield f"http://localhost:{server.port}", data, oidc_provider.issuer
    server.stop()


def person(browser, browser_context_args):  # noqa: F811
    """A browser of one's own (cookies, sign-in) that reaches nothing outside this machine (the provider's pages ask for web fonts)."""
    context = browser.new_context(**browser_context_args)
    context.route(re.compile(r"^https?://(?!localhost[:/]|127\.0\.0\.1[:/])"), lambda route: route.abort())
    return context, context.new_page()


def open_url(page, url: str, settle) -> None:  # noqa: F811
    page.goto(url)
    page.wait_for_selector(FINISHED, state="attached", timeout=UP_TO)
    settle(page)


def sign_in(page, app_url: str, login: str, settle) -> None:  # noqa: F811
    """Sign in through the provider's own pages: the app's Sign in, the login form, the consent, back in the app."""
    open_url(page, app_url, settle)
    page.get_by_role("button", name="Sign in").click()
    page.locator('input[name="login"]').fill(login, timeout=UP_TO)
    page.locator('input[name="password"]').fill("any password")
    page.get_by_role("button", name="Sign-in").click()
    consent = page.get_by_role("button", name="Continue")
    sidebar = page.get_by_test_id("stSidebar").get_by_text(ACCOUNTS[login]["name"])
    expect(consent.or_(sidebar)).to_be_visible(timeout=UP_TO)
    if consent.is_visible():
        consent.click()
    expect(sidebar).to_be_visible(timeout=UP_TO)
    settle(page)


def go(page, settle, name: str) -> None:  # noqa: F811
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=name, exact=True).click()
    settle(page)


def pitch_in_url(page) -> str:
    found = re.search(r"[?&]pitch=([^&]+)", page.url)
    return found.group(1) if found else ""


def refused(page, title: str) -> None:
    warning = page.get_by_test_id("stAlertContentWarning").filter(has_text="not shared with you")
    expect(warning).to_be_visible()
    assert title not in warning.inner_text()
    assert pitch_in_url(page) == ""


def test_a_pitch_is_private_until_shared_and_private_again_once_revoked(browser, browser_context_args, team_app, settle,  # noqa: F811
                                                                        screenshot):  # noqa: F811
    app_url, data, issuer = team_app
    alice_actor = ORG.actor(issuer, "alice", "alice@example.com", "Alice Archer")  # the id the provider's claims give Alice
    alice_context, alice = person(browser, browser_context_args)
    bob_context, bob = person(browser, browser_context_args)
    try:
        open_url(alice, app_url, settle)
        expect(alice.get_by_role("heading", name="Sign in to ldpitch")).to_be_visible()
        expect(alice.get_by_test_id("stSidebarNav")).to_have_count(0)
        screenshot(alice, "signin-signed-out")

        sign_in(alice, app_url, "alice", settle)
        alice.get_by_role("button", name="Load example:").filter(has_text="mobile sales").click()
        settle(alice)
        expect(alice.get_by_text("Loaded the example")).to_be_visible()
        pitch_id = pitch_in_url(alice)
        assert pitch_id
        expect(alice.get_by_test_id("stSidebar").get_by_text("alice@example.com")).to_be_visible()
        screenshot(alice, "signin-alice")
        with open_store(data_dir=data, organisation=ORG) as library:
            record = library.record(alice_actor, pitch_id)  # Alice's, by the provider's issuer and subject
            assert record.role is Role.OWNER and record.owner_name == "Alice Archer"
            title = record.name

        sign_in(bob, app_url, "bob", settle)
        go(bob, settle, "Library")
        expect(bob.get_by_text("Your pitches and those shared with you (0)")).to_be_visible()
        expect(bob.get_by_text(title)).to_have_count(0)
        open_url(bob, f"{app_url}/?pitch={pitch_id}", settle)
        refused(bob, title)
        screenshot(bob, "signin-bob-refused")

        go(alice, settle, "Library")
        alice.get_by_label("Share with (e-mail address)").fill("bob@example.com")
        alice.get_by_role("button", name="Share", exact=True).click()
        settle(alice)
        expect(alice.get_by_text("bob@example.com · can view")).to_be_visible()

        open_url(bob, f"{app_url}/?pitch={pitch_id}", settle)
        expect(bob.get_by_text("You can view this pitch but not change it")).to_be_visible()
        assert pitch_in_url(bob) == pitch_id
        go(bob, settle, "Library")
        expect(bob.get_by_text("Alice Archer's · you can view it")).to_be_visible()
        expect(bob.get_by_label("Name in the library")).to_be_disabled()
        screenshot(bob, "signin-bob-viewer")
        go(bob, settle, "Initiative")
        field = bob.get_by_label("Initiative name", exact=True)
        field.fill("Bob tries to change it")
        field.press("Enter")
        settle(bob)
        expect(bob.get_by_text("Your change is kept as a new pitch")).to_be_visible()
        assert pitch_in_url(bob) not in ("", pitch_id), "the change went to a pitch of Bob's own"
        with open_store(data_dir=data, organisation=ORG) as library:
            pitch, version = library.load(alice_actor, pitch_id)
            assert version == 1 and pitch.initiative.name != "Bob tries to change it"
            assert [a.role for a in library.access(alice_actor, pitch_id)] == [Role.OWNER, Role.VIEWER]

        alice.get_by_role("button", name="Revoke").click()
        settle(alice)
        expect(alice.get_by_text("bob@example.com can no longer open it.")).to_be_visible()
        open_url(bob, f"{app_url}/?pitch={pitch_id}", settle)
        refused(bob, title)
        expect(bob.get_by_test_id("stException")).to_have_count(0)
        expect(alice.get_by_test_id("stException")).to_have_count(0)
    finally:
        alice_context.close()
        bob_context.close()
