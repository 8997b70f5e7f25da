"""Sign-in in Chromium against a real OpenID Connect provider: two people, a pitch kept private, shared as viewer, revoked.

The provider is panva's ``oidc-provider`` (npm) run by node on a loopback port
for the test session (tests/browser/oidc_provider.mjs), installed once into
``.cache/`` at test time; Streamlit's ``st.login`` talks to it as to any
company's identity provider. The app is served by ``streamlit run`` with an
``[auth]`` secrets file of the test's own. The browser uses ``localhost``,
the host of the redirect URI (``127.0.0.1`` would end signed out).
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
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

from ldpitch.pitch import examples
from ldpitch.store import Organisation, Role, open_store

pytestmark = [pytest.mark.browser, pytest.mark.slow]

OIDC_PROVIDER = "oidc-provider@9.13.3"
PREFIX = ROOT / ".cache" / OIDC_PROVIDER.replace("@", "-")
SCRIPT = Path(__file__).with_name("oidc_provider.mjs")
DOMAIN = "example.com"
ACCOUNTS = {"alice": {"email": "alice@example.com", "name": "Alice Archer"},
            "bob": {"email": "bob@example.com", "name": "Bob Baker"},
            # test_viewer_message.py's own, so that its pitches never show in Alice's or Bob's library
            "cy": {"email": "cy@example.com", "name": "Cy Cole"},
            "dee": {"email": "dee@example.com", "name": "Dee Dunn"},
            "eve": {"email": "eve@example.com", "name": "Eve Evans"},  # test_accessibility.py's
            "hal": {"email": "hal@example.com", "name": "Hal Hart"}}  # follows a link across the sign-in
ORG = Organisation(domain=DOMAIN, admins=frozenset({"ops@example.com"}))
UP_TO = 15_000  # ms: one sign-in takes 3 to 8 s on a busy machine
#: The libraries the two-person test runs on, each behind an app of its own (the provider knows both apps' redirect URIs).
BACKENDS = ("sqlite", "postgresql")


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
    """The running identity provider and the sign-in settings of each app served for it (one port per library backend)."""

    def __init__(self, port: int, app_ports: dict[str, int]):
        self.port, self.app_ports = port, app_ports
        self.client_id, self.client_secret = "ldpitch-tests", secrets.token_urlsafe(24)
        self.proc: subprocess.Popen | None = None

    @property
    def issuer(self) -> str:
        return f"http://localhost:{self.port}"

    def redirect_uri(self, backend: str) -> str:
        return f"http://localhost:{self.app_ports[backend]}/oauth2callback"

    def secrets_toml(self, backend: str) -> str:
        return "\n".join([
            "[auth]",
            f'redirect_uri = "{self.redirect_uri(backend)}"',
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
                                      "redirect_uris": [self.redirect_uri(b) for b in self.app_ports], "accounts": ACCOUNTS}))
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
    provider = Provider(free_port(), {backend: free_port() for backend in BACKENDS})
    provider.start(tmp_path_factory.mktemp("oidc"))
    yield provider
    provider.stop()


def _serve_team_app(provider: Provider, folder: Path, backend: str, database_url: str | None = None) -> AppServer:
    """The app with sign-in on (its own secrets file) on the port the provider redirects to for ``backend``."""
    (folder / "secrets.toml").write_text(provider.secrets_toml(backend))
    server = AppServer(folder / "data", database_url=database_url, port=provider.app_ports[backend], name=f"streamlit-signin-{backend}",
                       env={"STREAMLIT_SECRETS_FILES": str(folder / "secrets.toml")})
    server.start()
    return server


@pytest.fixture(scope="session")
def team_app(oidc_provider, tmp_path_factory):
    """The app with sign-in on, its library a SQLite file; yields (URL, library folder, issuer)."""
    folder = tmp_path_factory.mktemp("team")
    server = _serve_team_app(oidc_provider, folder, "sqlite")
    yield f"http://localhost:{server.port}", folder / "data", oidc_provider.issuer
    server.stop()


def _store_backends():
    """tests/store/conftest.py's throwaway PostgreSQL server, loaded as a module (a second conftest.py here would clash)."""
    if "store_backends" not in sys.modules:
        spec = importlib.util.spec_from_file_location("store_backends", ROOT / "tests" / "store" / "conftest.py")
        module = sys.modules["store_backends"] = importlib.util.module_from_spec(spec)  # its dataclasses look themselves up there
        spec.loader.exec_module(module)
    return sys.modules["store_backends"]


@pytest.fixture(scope="session")
def team_app_postgresql(oidc_provider, tmp_path_factory):
    """The same app with its library on a PostgreSQL server of the test session's own; yields (URL, database URL, issuer)."""
    backends = _store_backends()
    with backends._postgres() as postgres:
        admin = sa.create_engine(postgres.admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.exec_driver_sql('CREATE DATABASE "signin"')
        admin.dispose()
        url = postgres.url("signin")
        server = _serve_team_app(oidc_provider, tmp_path_factory.mktemp("team-pg"), "postgresql", database_url=url)
        try:
            yield f"http://localhost:{server.port}", url, oidc_provider.issuer
        finally:
            server.stop()


@contextlib.contextmanager
def team_library(where):
    """The served app's library, opened here with the same organisation: a SQLite folder or a database URL."""
    with open_store(**({"url": where} if isinstance(where, str) else {"data_dir": where}), organisation=ORG) as library:
        yield library


def person(browser, browser_context_args):  # noqa: F811
    """A browser of one's own (cookies, sign-in) that reaches nothing outside this machine (the provider's pages ask for web fonts)."""
    context = browser.new_context(**browser_context_args)
    context.route(re.compile(r"^https?://(?!localhost[:/]|127\.0\.0\.1[:/])"), lambda route: route.abort())
    return context, context.new_page()


def open_url(page, url: str, settle) -> None:  # noqa: F811
    page.goto(url)
    page.wait_for_selector(FINISHED, state="attached", timeout=UP_TO)
    settle(page)


def sign_in(page, app_url: str | None, login: str, settle) -> None:  # noqa: F811
    """Sign in through the provider's own pages: the app's Sign in, the login form, the consent, back in the app.

    From ``app_url``'s sign-in page, or (None) from the sign-in page the browser shows now.
    """
    if app_url is not None:
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


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_pitch_is_private_until_shared_and_private_again_once_revoked(browser, browser_context_args, settle, screenshot,  # noqa: F811
                                                                        request, backend):
    app_url, data, issuer = request.getfixturevalue("team_app" if backend == "sqlite" else f"team_app_{backend}")
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
        with team_library(data) as library:
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
        expect(bob.get_by_text("Shared with you to view: duplicate it to make your own copy")).to_be_visible()
        assert pitch_in_url(bob) == pitch_id
        go(bob, settle, "Library")
        expect(bob.get_by_text("Alice Archer's · you can view it")).to_be_visible()
        expect(bob.get_by_label("Name in the library")).to_be_disabled()
        screenshot(bob, "signin-bob-viewer")
        go(bob, settle, "Initiative")
        expect(bob.get_by_label("Initiative name", exact=True)).to_be_disabled()  # a hand-made edit: test_viewer_message.py
        go(bob, settle, "Budget and return")
        expect(bob.get_by_label("Discount rate %", exact=True)).to_be_disabled()
        expect(bob.get_by_role("button", name="Save inputs")).to_be_disabled()
        screenshot(bob, "signin-bob-viewer-budget")
        assert pitch_in_url(bob) == pitch_id
        with team_library(data) as library:
            assert library.load(alice_actor, pitch_id)[1] == 1
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


def test_a_link_followed_while_signed_out_opens_its_pitch_once_signed_in(browser, browser_context_args, team_app, settle,  # noqa: F811
                                                                         screenshot):  # noqa: F811
    app_url, data, issuer = team_app
    owner = ORG.actor(issuer, "gil", "gil@example.com", "Gil Green")  # signs in nowhere: the pitch is made in the store
    with open_store(data_dir=data, organisation=ORG) as library:
        record = library.create(owner, examples.load("onboarding"), name="Gil's onboarding case")
        library.share(owner, record.id, "hal@example.com", Role.VIEWER)
    context, hal = person(browser, browser_context_args)
    try:
        open_url(hal, f"{app_url}/?pitch={record.id}", settle)
        expect(hal.get_by_text("You followed a link to a pitch. Sign in and it opens")).to_be_visible()
        expect(hal.get_by_text(record.name)).to_have_count(0)
        screenshot(hal, "signin-link-signed-out")
        sign_in(hal, None, "hal", settle)  # st.login comes back to the app's root, without ?pitch=
        expect(hal.get_by_text("Shared with you to view")).to_be_visible(timeout=UP_TO)
        assert pitch_in_url(hal) == record.id
        expect(hal.get_by_test_id("stSidebar").get_by_text(record.name)).to_be_visible()
        screenshot(hal, "signin-link-opened")
        assert any(c["name"] == "ldpitch_link" for c in context.cookies(app_url)) is False, "the kept link is used once"
        open_url(hal, app_url, settle)  # a later visit to the root opens no pitch of its own accord
        expect(hal.get_by_text("Shared with you to view")).to_have_count(0)
        assert pitch_in_url(hal) == ""
        expect(hal.get_by_test_id("stException")).to_have_count(0)
    finally:
        context.close()
