#!/usr/bin/env python3
"""Start a real OpenID Connect provider (django-oidc-provider) on loopback.

TEST FIXTURE ONLY: for browser tests on 127.0.0.1. See README.md.

    python browser-tests/oidc/serve.py --port 8099 --state-dir DIR \
        --redirect-uri http://127.0.0.1:8089/sign-in/oidc/callback \
        --client-id podium-ci --client-secret SECRET \
        --user demo@podium.example:PASSWORD1 --user stranger@elsewhere.example:PASSWORD2

Issuer: http://127.0.0.1:PORT/openid
"""
import argparse
import logging
import os
import secrets
import sys
from urllib.parse import urlsplit

HERE = os.path.dirname(os.path.abspath(__file__))
HOST = "127.0.0.1"  # loopback only: this is a test fixture with a fault-injection endpoint


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--state-dir", required=True, help="sqlite DB (and its RSA key) live here")
    p.add_argument("--redirect-uri", action="append", required=True, help="repeatable")
    p.add_argument(
        "--post-logout-redirect-uri",
        action="append",
        help="repeatable; default: the origin of the first --redirect-uri plus '/'",
    )
    p.add_argument("--client-id", required=True)
    p.add_argument("--client-secret", required=True)
    p.add_argument("--user", action="append", default=[], metavar="EMAIL:PASSWORD", help="repeatable")
    return p.parse_args(argv)


def configure_django(args):
    from django.conf import settings

    site_url = "http://%s:%d" % (HOST, args.port)
    settings.configure(
        DEBUG=False,
        # Fresh per start: only browser sessions at the provider depend on it.
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=["127.0.0.1", "localhost", "[::1]"],
        ROOT_URLCONF="fixture_app",
        INSTALLED_APPS=[
            "django.contrib.auth",
            "django.contrib.contenttypes",
            "django.contrib.sessions",
            "oidc_provider",
        ],
        MIDDLEWARE=[
            "fixture_app.AccessLogMiddleware",
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.middleware.csrf.CsrfViewMiddleware",
            "django.contrib.auth.middleware.AuthenticationMiddleware",
            "fixture_app.TamperIdTokenMiddleware",  # test-only fault injection
        ],
        TEMPLATES=[
            {
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "DIRS": [os.path.join(HERE, "templates")],
                "APP_DIRS": True,
                "OPTIONS": {
                    "context_processors": [
                        "django.template.context_processors.request",
                        "django.contrib.auth.context_processors.auth",
                    ]
                },
            }
        ],
        DATABASES={
            "default": {
                "ENGINE": "django.db.backends.sqlite3",
                "NAME": os.path.join(os.path.abspath(args.state_dir), "oidc-provider.sqlite3"),
            }
        },
        DEFAULT_AUTO_FIELD="django.db.models.AutoField",
        USE_TZ=True,
        # Cookies ignore the port, so the provider and Podium (both on 127.0.0.1)
        # share one cookie jar: give ours names that cannot clash with Podium's.
        SESSION_COOKIE_NAME="oidc_fixture_session",
        CSRF_COOKIE_NAME="oidc_fixture_csrftoken",
        LOGIN_URL="/accounts/login/",
        LOGIN_REDIRECT_URL="/accounts/login/",
        # Test fixture: a fast hasher keeps start-up and each login quick.
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        # --- django-oidc-provider settings ---
        # Fixed issuer whatever Host header a client uses (e.g. "localhost").
        SITE_URL=site_url,
        OIDC_IDTOKEN_INCLUDE_CLAIMS=True,  # put email/email_verified/name in the ID token
        OIDC_USERINFO="fixture_app.userinfo",
        OIDC_IDTOKEN_PROCESSING_HOOK="fixture_app.idtoken_fault_hook",  # test-only faults
        LOGGING={
            "version": 1,
            "disable_existing_loggers": False,
            "formatters": {"plain": {"format": "%(asctime)s %(name)s %(levelname)s %(message)s"}},
            "handlers": {
                "stdout": {"class": "logging.StreamHandler", "stream": sys.stdout, "formatter": "plain"}
            },
            "root": {"handlers": ["stdout"], "level": "INFO"},
            # The library explains token-endpoint refusals only at DEBUG level.
            "loggers": {"oidc_provider": {"level": "DEBUG"}},
        },
    )
    return site_url


def seed(args):
    """Idempotent: safe to re-run against an existing --state-dir."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from oidc_provider.models import Client, ResponseType, RSAKey

    call_command("migrate", interactive=False, verbosity=0)
    if not RSAKey.objects.exists():
        call_command("creatersakey")  # the library's own RS256 key generator

    redirect_origin = "{0.scheme}://{0.netloc}/".format(urlsplit(args.redirect_uri[0]))
    client, _ = Client.objects.update_or_create(
        client_id=args.client_id,
        defaults=dict(
            name="Podium (CI)",
            client_type="confidential",
            client_secret=args.client_secret,
            jwt_alg="RS256",
            require_consent=False,  # no consent screen for a confidential client
            reuse_consent=True,
            _redirect_uris="\n".join(args.redirect_uri),
            _post_logout_redirect_uris="\n".join(args.post_logout_redirect_uri or [redirect_origin]),
        ),
    )
    client.response_types.set([ResponseType.objects.get(value="code")])

    User = get_user_model()
    for spec in args.user:
        email, sep, password = spec.partition(":")
        if not sep or "@" not in email:
            sys.exit("--user must be EMAIL:PASSWORD, got %r" % spec)
        local = email.split("@")[0]
        user, _ = User.objects.update_or_create(
            username=email,
            defaults=dict(email=email, first_name=local.replace(".", " ").title(), last_name="User"),
        )
        user.set_password(password)
        user.save()
    return client


def main(argv=None):
    args = parse_args(argv)
    os.makedirs(args.state_dir, exist_ok=True)
    sys.path.insert(0, HERE)  # so "fixture_app" imports however we are started
    site_url = configure_django(args)

    import django

    django.setup()
    seed(args)

    import waitress
    from django.core.wsgi import get_wsgi_application

    server = waitress.create_server(
        get_wsgi_application(), host=HOST, port=args.port, threads=8, ident="oidc-fixture"
    )
    logging.getLogger("fixture").info(
        "READY issuer=%s/openid discovery=%s/openid/.well-known/openid-configuration client=%s users=%s",
        site_url,
        site_url,
        args.client_id,
        ",".join(u.partition(":")[0] for u in args.user),
    )
    server.run()  # foreground until killed


if __name__ == "__main__":
    main()
