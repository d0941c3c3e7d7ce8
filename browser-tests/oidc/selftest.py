#!/usr/bin/env python3
"""Check a running test OpenID provider (serve.py) end to end, as a browser and
a relying party would: authorization code + PKCE, ID token verification against
JWKS, and each test-only fault mode. Prints PASS/FAIL lines; exits 1 on failure.

Defaults match the example start command in README.md.
"""
import argparse
import base64
import hashlib
import json
import re
import secrets
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

import jwt  # PyJWT, a dependency of django-oidc-provider

results = []


def check(name, ok, detail=""):
    results.append(bool(ok))
    print("%s %s%s" % ("PASS" if ok else "FAIL", name, (" -- " + str(detail)) if detail else ""), flush=True)
    return ok


def info(msg):
    print("INFO " + msg, flush=True)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **k):
        return None  # let 3xx come back as responses so we can read Location


class Browser:
    """A cookie-keeping client that never follows redirects by itself."""

    def __init__(self):
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()), NoRedirect)

    def request(self, method, url, data=None, headers=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
        try:
            resp = self.opener.open(req, timeout=10)
        except urllib.error.HTTPError as e:  # 3xx/4xx/5xx
            resp = e
        return resp.status, resp.headers, resp.read().decode("utf-8", "replace")


def b64url(raw):
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--base", default="http://127.0.0.1:8099")
    p.add_argument("--client-id", default="podium-ci")
    p.add_argument("--client-secret", default="ci-secret")
    p.add_argument("--redirect-uri", default="http://127.0.0.1:8089/sign-in/oidc/callback")
    p.add_argument("--user", default="demo@podium.example:demo-pass-1")
    p.add_argument("--other-user", default="stranger@elsewhere.example:stranger-pass-2")
    a = p.parse_args()
    issuer = a.base + "/openid"
    email, _, password = a.user.partition(":")

    # ---- discovery and JWKS
    status, _, body = Browser().request("GET", issuer + "/.well-known/openid-configuration")
    disc = json.loads(body)
    check("discovery answers", status == 200)
    check("discovery issuer is %s" % issuer, disc.get("issuer") == issuer, disc.get("issuer"))
    for ep in ("authorization_endpoint", "token_endpoint", "jwks_uri", "userinfo_endpoint", "end_session_endpoint"):
        check("discovery %s on %s" % (ep, a.base), str(disc.get(ep, "")).startswith(a.base + "/"), disc.get(ep))
    jwks = json.loads(Browser().request("GET", disc["jwks_uri"])[2])
    keys = {k["kid"]: k for k in jwks["keys"]}
    check("JWKS has an RS256 key", any(k.get("alg") == "RS256" for k in keys.values()), list(keys))

    def sign_in(user_email, user_password, browser=None):
        """Browser part of the flow. Returns dict with code/state/nonce/verifier
        or None (and the failing response) if no code came back."""
        browser = browser or Browser()
        verifier = b64url(secrets.token_bytes(32))
        flow = {"verifier": verifier, "state": secrets.token_urlsafe(12), "nonce": secrets.token_urlsafe(12)}
        query = urllib.parse.urlencode({
            "client_id": a.client_id,
            "redirect_uri": a.redirect_uri,
            "response_type": "code",
            "scope": "openid email profile",
            "state": flow["state"],
            "nonce": flow["nonce"],
            "code_challenge": b64url(hashlib.sha256(verifier.encode()).digest()),
            "code_challenge_method": "S256",
        })
        url = disc["authorization_endpoint"] + "?" + query
        for _ in range(6):  # authorize -> login form -> authorize -> redirect_uri
            status, headers, body = browser.request("GET", url)
            if status in (301, 302, 303):
                url = urllib.parse.urljoin(url, headers["Location"])
                if url.startswith(a.redirect_uri):
                    q = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)
                    flow.update(code=q.get("code", [None])[0], returned_state=q.get("state", [None])[0],
                                error=q.get("error", [None])[0])
                    return flow, url
                continue
            if status == 200 and 'id="login-form"' in body:
                csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
                nxt = re.search(r'name="next" value="([^"]*)"', body).group(1)
                login_url = urllib.parse.urljoin(url, "/accounts/login/")
                status, headers, body = browser.request(
                    "POST", login_url,
                    {"csrfmiddlewaretoken": csrf, "username": user_email, "password": user_password,
                     "next": nxt.replace("&amp;", "&")},
                    {"Origin": a.base, "Referer": url},
                )
                if status != 302:
                    return None, "login POST answered %s%s" % (status, " (form shown again)" if 'id="login-error"' in body else "")
                url = urllib.parse.urljoin(login_url, headers["Location"])
                continue
            return None, "unexpected %s at %s" % (status, url)
        return None, "too many redirects"

    def token(code, verifier, auth="basic", secret=None):
        data = {"grant_type": "authorization_code", "code": code, "redirect_uri": a.redirect_uri}
        if verifier is not None:
            data["code_verifier"] = verifier
        headers = {}
        secret = a.client_secret if secret is None else secret
        if auth == "basic":
            headers["Authorization"] = "Basic " + base64.b64encode(
                ("%s:%s" % (a.client_id, secret)).encode()).decode()
        else:
            data.update(client_id=a.client_id, client_secret=secret)
        status, _, body = Browser().request("POST", disc["token_endpoint"], data, headers)
        try:
            return status, json.loads(body)
        except ValueError:
            return status, {"raw": body}

    def verify(id_token, **options):
        kid = jwt.get_unverified_header(id_token).get("kid")
        key = jwt.PyJWK(keys[kid]).key
        return jwt.decode(id_token, key, algorithms=["RS256"], audience=a.client_id, issuer=issuer,
                          options=options or None)

    def set_fault(mode):
        status, _, body = Browser().request("POST", a.base + "/test-fault", {"mode": mode})
        return status == 200 and json.loads(body)["mode"] == mode

    try:
        # ---- normal flow, client_secret_basic
        flow, where = sign_in(email, password)
        check("sign-in returns a code to the redirect_uri", flow and flow.get("code"), where)
        if not flow or not flow.get("code"):
            return finish()
        check("state echoed in redirect", flow["returned_state"] == flow["state"])

        status, body = token(flow["code"], "wrong-" + flow["verifier"])
        check("wrong code_verifier refused", status == 400 and body.get("error") == "invalid_grant", (status, body))
        status, body = token(flow["code"], None)
        check("missing code_verifier refused", status == 400 and body.get("error") == "invalid_grant", (status, body))
        status, body = token(flow["code"], flow["verifier"], secret="not-the-secret")
        check("wrong client secret refused", status == 400 and body.get("error") == "invalid_client", (status, body))

        status, body = token(flow["code"], flow["verifier"], auth="basic")
        info("code still redeemable after refused verifier attempts: %s" % (status == 200))
        check("token endpoint (client_secret_basic + right verifier) issues tokens", status == 200 and "id_token" in body,
              (status, sorted(body)))
        id_token = body["id_token"]
        header = jwt.get_unverified_header(id_token)
        check("id_token alg RS256, kid in JWKS", header.get("alg") == "RS256" and header.get("kid") in keys, header)
        try:
            claims = verify(id_token)
            check("id_token signature, iss, aud, exp verify against JWKS", True)
        except jwt.PyJWTError as e:
            check("id_token signature, iss, aud, exp verify against JWKS", False, repr(e))
            claims = jwt.decode(id_token, options={"verify_signature": False})
        info("id_token claims: %s" % json.dumps(claims, sort_keys=True))
        now = time.time()
        check("nonce echoed", claims.get("nonce") == flow["nonce"])
        check("aud == client id", claims.get("aud") == a.client_id)
        check("email claim", claims.get("email") == email, claims.get("email"))
        check("email_verified is true", claims.get("email_verified") is True, claims.get("email_verified"))
        check("name claim", bool(claims.get("name")), claims.get("name"))
        check("sub, iat, exp present and sane",
              claims.get("sub") and claims["iat"] <= now + 5 and claims["exp"] > now, claims.get("sub"))

        status, body = token(flow["code"], flow["verifier"])
        check("code cannot be used twice", status == 400 and body.get("error") == "invalid_grant", (status, body))


        # ---- client_secret_post, and the second user
        other_email, _, other_password = a.other_user.partition(":")
        flow, where = sign_in(other_email, other_password)
        status, body = token(flow["code"], flow["verifier"], auth="post") if flow else (None, where)
        check("token endpoint accepts client_secret_post", status == 200 and "id_token" in body, (status, sorted(body)))
        if status == 200:
            c = verify(body["id_token"])
            check("second user's email in id_token", c.get("email") == other_email, c.get("email"))
            status, _, ui = Browser().request("GET", disc["userinfo_endpoint"], None,
                                              {"Authorization": "Bearer " + body["access_token"]})
            ui = json.loads(ui)
            check("userinfo returns email/email_verified", ui.get("email") == other_email and ui.get("email_verified") is True, ui)

        # ---- wrong password: the form is shown again, no code
        flow, where = sign_in(email, "not-the-password")
        check("wrong password refused at the login form", flow is None and "form shown again" in str(where), where)

        # ---- SSO: a second authorize in the same browser needs no login
        browser = Browser()
        sign_in(email, password, browser)
        flow, where = sign_in(email, "password-not-needed", browser)
        check("same browser session signs in again without the form", flow and flow.get("code"), where)

        # ---- test-only faults
        status, _, body = Browser().request("GET", a.base + "/test-fault")
        check("GET /test-fault shows mode none", status == 200 and json.loads(body)["mode"] == "none", body)
        status, _, body = Browser().request("POST", a.base + "/test-fault", {"mode": "bogus"})
        check("unknown fault mode refused", status == 400, status)

        def faulty_token(mode):
            check("fault mode %s set" % mode, set_fault(mode))
            f, w = sign_in(email, password)
            s, b = token(f["code"], f["verifier"])
            return f, b.get("id_token", "")

        f, t = faulty_token("wrong-audience")
        try:
            c = verify(t, verify_aud=False)
            check("wrong-audience: signature still verifies, aud=someone-else", c.get("aud") == "someone-else", c.get("aud"))
        except jwt.PyJWTError as e:
            check("wrong-audience: signature still verifies, aud=someone-else", False, repr(e))
        try:
            verify(t)
            check("wrong-audience: audience check rejects it", False)
        except jwt.InvalidAudienceError:
            check("wrong-audience: audience check rejects it", True)

        f, t = faulty_token("expired")
        try:
            c = verify(t, verify_exp=False, verify_iat=False)
            check("expired: signature verifies, exp and iat >= 1h in the past",
                  c["exp"] <= time.time() - 3590 and c["iat"] <= time.time() - 3590 and c.get("nonce") == f["nonce"],
                  {"exp": c["exp"], "iat": c["iat"], "now": int(time.time())})
        except jwt.PyJWTError as e:
            check("expired: signature verifies, exp and iat >= 1h in the past", False, repr(e))
        try:
            verify(t)
            check("expired: exp check rejects it", False)
        except jwt.ExpiredSignatureError:
            check("expired: exp check rejects it", True)

        f, t = faulty_token("tampered-signature")
        c = jwt.decode(t, options={"verify_signature": False})
        check("tampered-signature: claims otherwise normal", c.get("aud") == a.client_id and c.get("nonce") == f["nonce"])
        try:
            verify(t)
            check("tampered-signature: signature check rejects it", False)
        except jwt.InvalidSignatureError:
            check("tampered-signature: signature check rejects it", True)

        check("fault mode none set", set_fault("none"))
        f, w = sign_in(email, password)
        s, b = token(f["code"], f["verifier"])
        try:
            verify(b["id_token"])
            check("after mode none tokens verify again", True)
        except jwt.PyJWTError as e:
            check("after mode none tokens verify again", False, repr(e))
    except Exception as e:  # a broken step must still end in a FAIL line and exit 1
        check("selftest ran to the end", False, repr(e))
    finally:
        set_fault("none")
    return finish()


def finish():
    passed, failed = results.count(True), results.count(False)
    print("selftest: %d passed, %d failed" % (passed, failed))
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
