"""Signing in through an OpenID Connect provider, in headless Chromium, against a real provider on loopback.

.ci/run starts django-oidc-provider (browser-tests/oidc/, a published implementation) on OIDC_PROVIDER_URL and
`podium serve` with PODIUM_OIDC_ISSUER pointing at it. The provider knows two people: the demo administrator, who
has a Podium account, and a stranger, who has not. Its test-only fault switch makes the next ID tokens carry another
audience, be expired or have a broken signature, each still issued by the real provider.
Skipped when OIDC_PROVIDER_URL is not set (a local run without the provider).
"""
import json
import os
import shutil
import urllib.request

import pytest
from playwright.sync_api import expect, sync_playwright

BASE = os.environ.get("BASE_URL", "http://127.0.0.1:8089")
PROVIDER = os.environ.get("OIDC_PROVIDER_URL", "")
ARTIFACTS = os.environ.get("BROWSER_ARTIFACTS", "browser-artifacts")
DEMO = ("demo@podium.example", os.environ.get("OIDC_DEMO_PASSWORD", "demo-pass-1"))
STRANGER = ("stranger@elsewhere.example", os.environ.get("OIDC_STRANGER_PASSWORD", "stranger-pass-2"))

pytestmark = pytest.mark.skipif(not PROVIDER, reason="OIDC_PROVIDER_URL is not set: no provider to sign in through")


def fault(mode):
    """Sets what the provider's next ID tokens look like (the fixture's test-only switch)."""
    request = urllib.request.Request(PROVIDER + "/test-fault", data=f"mode={mode}".encode(), method="POST")
    with urllib.request.urlopen(request) as answer:
        assert json.load(answer)["mode"] == mode


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox", "--disable-gpu"])
        yield browser
        browser.close()


class Attempt:
    """One person signing in, from Podium's sign-in page through the provider's login form and back, in a browser
    of their own (the provider remembers who signed in, so each attempt starts afresh)."""

    def __init__(self, browser, name):
        self.context = browser.new_context()
        self.page = self.context.new_page()
        self.name = name
        self.requests = []
        self.statuses = {}
        self.errors = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("response", lambda response: self.statuses.__setitem__(response.url, response.status))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def sign_in(self, who, start="/icbs/QT6"):
        self.page.goto(BASE + start)
        expect(self.page.locator("h1")).to_have_text("Sign in")
        self.shot("start")
        self.page.click("#sign-in-oidc a")
        self.page.fill("#id_username", who[0])
        self.page.fill("#id_password", who[1])
        self.page.click("#login-submit")
        self.page.wait_for_load_state()
        return self

    def callbacks(self):
        return [url for url in self.requests if "/sign-in/oidc/callback" in url]

    def refusal(self):
        """The sign-in page's message, kept as a picture too."""
        self.shot("refused")
        return " ".join(self.page.locator(".notice.error").all_inner_texts())

    def shot(self, label):
        os.makedirs(os.path.join(ARTIFACTS, "openid"), exist_ok=True)
        self.page.screenshot(path=os.path.join(ARTIFACTS, "openid", f"{self.name}-{label}.png"), full_page=True)

    def close(self):
        self.shot("end")
        self.context.close()
        assert self.errors == [], self.errors


@pytest.fixture
def attempt(browser, request):
    made = []

    def make():
        made.append(Attempt(browser, request.node.name + (f"-{len(made)}" if made else "")))
        return made[-1]

    fault("none")
    yield make
    fault("none")
    for each in made:
        each.close()


def test_sign_in_through_the_provider_with_pkce_state_and_nonce(attempt):
    a = attempt().sign_in(DEMO)
    # Back where they were going, signed in as the demo administrator.
    expect(a.page).to_have_url(BASE + "/icbs/QT6")
    expect(a.page.locator("h1")).to_contain_text("Cornwall")
    authorize = [url for url in a.requests if url.startswith(PROVIDER + "/openid/authorize")][0]
    for part in ["response_type=code", "code_challenge_method=S256", "code_challenge=", "state=", "nonce=",
                 "scope=openid"]:
        assert part in authorize, part
    # Signing out ends the Podium session.
    a.page.goto(BASE + "/account")
    a.page.click("form[action='/sign-out'] button")
    a.page.goto(BASE + "/icbs/QT6")
    expect(a.page.locator("h1")).to_have_text("Sign in")


def test_a_replayed_state_is_refused(attempt):
    a = attempt().sign_in(DEMO)
    expect(a.page).to_have_url(BASE + "/icbs/QT6")
    callback = a.callbacks()[-1]
    # The same return from the provider again, in the same browser: its state was used once and is gone.
    answer = a.page.goto(callback)
    assert answer.status == 400
    assert "already been used" in a.refusal()
    # And from another browser (an attacker holding the link): refused as well.
    b = attempt()
    answer = b.page.goto(callback)
    assert answer.status == 400
    assert "already been used" in b.refusal()


@pytest.mark.parametrize("mode, words", [
    ("wrong-audience", "issued for another application"),
    ("expired", "had expired"),
    ("tampered-signature", "signature does not match"),
])
def test_a_bad_id_token_is_refused(attempt, mode, words):
    fault(mode)
    a = attempt().sign_in(DEMO)
    expect(a.page.locator("h1")).to_have_text("Sign in")
    assert words in a.refusal()
    assert a.statuses[a.callbacks()[-1]] == 401
    # Nobody is signed in.
    a.page.goto(BASE + "/icbs/QT6")
    expect(a.page.locator("h1")).to_have_text("Sign in")


def test_an_unknown_email_is_refused(attempt):
    a = attempt().sign_in(STRANGER)
    expect(a.page.locator("h1")).to_have_text("Sign in")
    assert "No Podium account uses stranger@elsewhere.example" in a.refusal()
    assert a.statuses[a.callbacks()[-1]] == 403
    a.page.goto(BASE + "/icbs/QT6")
    expect(a.page.locator("h1")).to_have_text("Sign in")
