"""URLs, hooks and middleware for the test OpenID provider started by serve.py.

Everything protocol-related is django-oidc-provider's own code. The only
non-real part is the TEST-ONLY fault injection (/test-fault), which makes the
provider issue deliberately bad ID tokens so that the relying party's
rejection paths can be tested.
"""
import json
import logging
import threading
import time

from django.contrib.auth import views as auth_views
from django.http import HttpResponseBadRequest, JsonResponse
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from oidc_provider.views import ProviderInfoView

log = logging.getLogger("fixture")


# ---------------------------------------------------------------- claims

def userinfo(claims, user):
    """OIDC_USERINFO: the standard claims of a user (ID token and /userinfo)."""
    claims["name"] = user.get_full_name() or user.username
    claims["given_name"] = user.first_name
    claims["family_name"] = user.last_name
    claims["preferred_username"] = user.username
    claims["email"] = user.email
    # Fixture users are created from the command line, so their addresses count as verified.
    claims["email_verified"] = True
    return claims


# ------------------------------------------------ TEST-ONLY fault injection

FAULT_MODES = ("none", "wrong-audience", "expired", "tampered-signature")
_fault = {"mode": "none"}
_fault_lock = threading.Lock()


def current_fault():
    with _fault_lock:
        return _fault["mode"]


def idtoken_fault_hook(id_token, **kwargs):
    """OIDC_IDTOKEN_PROCESSING_HOOK: runs before the library signs the token,
    so these faults are still properly signed with the provider's key."""
    mode = current_fault()
    if mode == "wrong-audience":
        id_token["aud"] = "someone-else"
    elif mode == "expired":
        lifetime = id_token["exp"] - id_token["iat"]
        id_token["exp"] = int(time.time()) - 3600
        id_token["iat"] = id_token["exp"] - lifetime
        id_token["auth_time"] = min(id_token.get("auth_time", id_token["iat"]), id_token["iat"])
    return id_token


def _flip_signature(jwt_compact):
    """Change the first character of the signature segment. The first character
    carries 6 real bits (the last one may carry only padding bits), so the result
    is still valid base64url but no longer a valid signature."""
    header, payload, sig = jwt_compact.split(".")
    sig = ("B" if sig[0] == "A" else "A") + sig[1:]
    return ".".join((header, payload, sig))


class TamperIdTokenMiddleware:
    """In mode tampered-signature, corrupt the id_token in token-endpoint responses."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.path.rstrip("/") == "/openid/token"
            and response.status_code == 200
            and current_fault() == "tampered-signature"
        ):
            body = json.loads(response.content)
            if body.get("id_token"):
                body["id_token"] = _flip_signature(body["id_token"])
                response.content = json.dumps(body).encode()
                response["Content-Length"] = str(len(response.content))
        return response


@csrf_exempt
@require_http_methods(["GET", "POST"])
def test_fault(request):
    """GET: current mode. POST mode=<mode> (form or JSON): set it until changed."""
    if request.method == "POST":
        if request.content_type == "application/json":
            try:
                mode = json.loads(request.body or b"{}").get("mode")
            except (ValueError, AttributeError):
                return HttpResponseBadRequest("bad JSON\n")
        else:
            mode = request.POST.get("mode")
        if mode not in FAULT_MODES:
            return JsonResponse({"error": "mode must be one of %s" % ", ".join(FAULT_MODES)}, status=400)
        with _fault_lock:
            _fault["mode"] = mode
        log.info("TEST FAULT mode set to %s", mode)
    return JsonResponse({"mode": current_fault(), "modes": list(FAULT_MODES)})


# ------------------------------------------------------------- plumbing

class AccessLogMiddleware:
    """One stdout line per request, so CI logs show what the browser did."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        log.info("%s %s -> %s", request.method, request.path, response.status_code)
        return response


class DiscoveryView(ProviderInfoView):
    """The library's discovery document, plus the PKCE methods its token
    endpoint really enforces (it just does not advertise them)."""

    def get(self, request):
        response = super().get(request)
        doc = json.loads(response.content)
        doc["code_challenge_methods_supported"] = ["S256", "plain"]
        new = JsonResponse(doc)
        new["Access-Control-Allow-Origin"] = "*"
        return new


urlpatterns = [
    re_path(r"^openid/\.well-known/openid-configuration/?$", DiscoveryView.as_view()),
    path("openid/", include("oidc_provider.urls", namespace="oidc_provider")),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(template_name="login.html", redirect_authenticated_user=False),
        name="login",
    ),
    path("test-fault", test_fault),
]
