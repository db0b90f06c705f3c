"""Settings of the Django contract fixture (see ../README.md).

Configured like the seed backend described in shared/backend-contract.md, on one
SQLite file instead of a Postgres schema per tenant. Everything that varies per
run comes from the environment:

  DJANGO_STATE_DIR      folder for the database, media and mail (default: a new temp dir)
  DJANGO_DB_PATH        SQLite file (default: $DJANGO_STATE_DIR/db.sqlite3)
  DJANGO_MEDIA_ROOT     uploaded photos (default: $DJANGO_STATE_DIR/media)
  DJANGO_EMAIL_DIR      file-based mail outbox (default: $DJANGO_STATE_DIR/mail)
  ACCESS_SECONDS        access token lifetime in seconds (default 120)
  PASSWORD_RETYPE=1     turn on all of Djoser's *_RETYPE settings
  UPSTREAM_TOKEN_MODEL=1  leave Djoser's TOKEN_MODEL at its default, like the original
  FIXTURE_RESET=1       mount POST /__fixture__/reset/
  BACKEND_PROFILE       hardened (default: the contract's server) or original (the seed
                        backend as observed: simplejwt's defaults, one database per schema)
  ROTATE=1, BLACKLIST=1, AUTH_HEADER_TYPES=JWT   knobs of the original profile (see README)
"""

import importlib.util
import os
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def _flag(name):
    return os.environ.get(name, "") not in ("", "0", "false", "False", "no")


# djoser 2.1's email module imports django-templated-mail, which Debian 12 does
# not package. Fall back to the tiny stand-in in ../shims only when it is missing.
if importlib.util.find_spec("templated_mail") is None:
    sys.path.append(str(BASE_DIR / "shims"))

PROFILE = os.environ.get("BACKEND_PROFILE") or "hardened"
if PROFILE not in ("hardened", "original"):
    raise RuntimeError(f"BACKEND_PROFILE must be 'hardened' or 'original', not {PROFILE!r}")
ORIGINAL = PROFILE == "original"

STATE_DIR = Path(
    os.environ.get("DJANGO_STATE_DIR") or tempfile.mkdtemp(prefix="django-fixture-")
)
DB_PATH = Path(os.environ.get("DJANGO_DB_PATH") or STATE_DIR / "db.sqlite3")

SECRET_KEY = os.environ.get(
    "DJANGO_SECRET_KEY", "contract-fixture-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz"
)
DEBUG = False

# '.localhost' matches localhost itself and every *.localhost; anything else is a 400.
ALLOWED_HOSTS = [".localhost", "localhost", "127.0.0.1"]

CORS_ALLOW_ALL_ORIGINS = True

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    # third party apps
    "corsheaders",
    "djoser",
    "rest_framework",
    "rest_framework_simplejwt",
    "rest_framework_simplejwt.token_blacklist",
    # project apps
    "tenants",
    "users",
    "core",
]

MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "tenants.middleware.TenantMiddleware",
]

ROOT_URLCONF = "fixtureproject.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
            ],
        },
    },
]

WSGI_APPLICATION = "fixtureproject.wsgi.application"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(DB_PATH),
        "OPTIONS": {"timeout": 20},
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

AUTH_USER_MODEL = "users.UserAccount"
AUTHENTICATION_BACKENDS = ["users.backends.TenantModelBackend"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "Africa/Nairobi"
USE_I18N = True
USE_L10N = True
USE_TZ = True

STATIC_URL = "/static/"
MEDIA_URL = "/media/"
MEDIA_ROOT = os.environ.get("DJANGO_MEDIA_ROOT") or str(STATE_DIR / "media")

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ.get("DJANGO_EMAIL_DIR") or str(STATE_DIR / "mail")
DEFAULT_FROM_EMAIL = "webmaster@localhost"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": (
        "users.authentication.TenantJWTAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ),
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ("rest_framework.renderers.JSONRenderer",),
}

PASSWORD_RETYPE = _flag("PASSWORD_RETYPE")

DJOSER = {
    "LOGIN_FIELD": "email",
    "HIDE_USERS": True,
    "SEND_ACTIVATION_EMAIL": False,
    "USER_CREATE_PASSWORD_RETYPE": PASSWORD_RETYPE,
    "SET_PASSWORD_RETYPE": PASSWORD_RETYPE,
    "PASSWORD_RESET_CONFIRM_RETYPE": PASSWORD_RETYPE,
    "SET_USERNAME_RETYPE": PASSWORD_RETYPE,
    "USERNAME_RESET_CONFIRM_RETYPE": PASSWORD_RETYPE,
    "PASSWORD_RESET_CONFIRM_URL": "auth/password/reset/{uid}/{token}",
    # Djoser has no default for these two; without them reset_email (and activation
    # mail, were it on) would be a 500. The contract only says reset_email answers 204.
    "USERNAME_RESET_CONFIRM_URL": "auth/email/reset/{uid}/{token}",
    "ACTIVATION_URL": "auth/activate/{uid}/{token}",
    "SERIALIZERS": {
        "user_create": "users.serializers.UserCreateSerializer",
        "user_create_password_retype": "users.serializers.UserCreatePasswordRetypeSerializer",
        "user": "users.serializers.UserSerializer",
        "current_user": "users.serializers.UserSerializer",
        # the same library serializers, with their user lookups kept inside the host's tenant
        "activation": "users.serializers.ActivationSerializer",
        "password_reset": "users.serializers.SendEmailResetSerializer",
        "password_reset_confirm": "users.serializers.PasswordResetConfirmSerializer",
        "password_reset_confirm_retype": "users.serializers.PasswordResetConfirmRetypeSerializer",
        "username_reset": "users.serializers.SendEmailResetSerializer",
        "username_reset_confirm": "users.serializers.UsernameResetConfirmSerializer",
        "username_reset_confirm_retype": "users.serializers.UsernameResetConfirmRetypeSerializer",
    },
}
if not _flag("UPSTREAM_TOKEN_MODEL"):
    # JWT-only project: no authtoken table. The original left the default here,
    # which makes DELETE /users/me/ a 500 (contract §5).
    DJOSER["TOKEN_MODEL"] = None

SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(seconds=int(os.environ.get("ACCESS_SECONDS") or 120)),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=7),
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "AUTH_HEADER_TYPES": ("Bearer",),
    "TOKEN_OBTAIN_SERIALIZER": "users.tokens.TenantTokenObtainPairSerializer",
    "TOKEN_REFRESH_SERIALIZER": "users.tokens.TenantTokenRefreshSerializer",
}

FIXTURE_RESET = _flag("FIXTURE_RESET")
# Seeded copy of the database that POST /__fixture__/reset/ restores (written by serve.py).
FIXTURE_TEMPLATE_DB = os.environ.get("DJANGO_TEMPLATE_DB") or str(STATE_DIR / "template.sqlite3")

# DEBUG is off (as in the original), so say on stderr why a 500 happened.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"stderr": {"class": "logging.StreamHandler"}},
    "loggers": {
        "django.request": {"handlers": ["stderr"], "level": "ERROR", "propagate": False},
    },
}

# ------------------------------------------------------------------ the original profile
# The seed backend as it answered when run unmodified (shared/seed-backend-observed.txt, B
# and C): simplejwt's defaults, Djoser's stock views, and one database per Postgres schema
# ("public" plus one per tenant), picked per request by the host, like its search_path.
if ORIGINAL:
    ROTATE = _flag("ROTATE")
    BLACKLIST = _flag("BLACKLIST")
    # The schemas seed_original creates; POST tenants/ adds more at run time.
    SEED_SCHEMAS = ("acme", "globex", "initech")
    SCHEMA_DIR = Path(os.environ.get("DJANGO_SCHEMA_DIR") or STATE_DIR / "schemas")
    # A migrated, empty schema: what a new tenant's schema is copied from.
    BLANK_SCHEMA_DB = str(SCHEMA_DIR / "blank.sqlite3")
    # The search path of an unknown host: a database without a single table.
    NOWHERE_DB = str(SCHEMA_DIR / "nowhere.sqlite3")

    def _sqlite(name):
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(name), "OPTIONS": {"timeout": 20}}

    DATABASES = {"default": _sqlite(DB_PATH), "nowhere": _sqlite(NOWHERE_DB)}
    for _schema in SEED_SCHEMAS:
        DATABASES[f"schema_{_schema}"] = _sqlite(SCHEMA_DIR / f"{_schema}.sqlite3")
    DATABASE_ROUTERS = ["tenants.schemas.SearchPathRouter"]
    # alias -> the seeded copy POST /__fixture__/reset/ restores
    FIXTURE_DATABASES = {
        alias: str(STATE_DIR / "templates" / f"{alias}.sqlite3")
        for alias in DATABASES
        if alias != "nowhere"
    }

    # The original's host list: 127.0.0.1 is not in it (a 400 page).
    ALLOWED_HOSTS = ["localhost", ".localhost"]
    # Site 2 is the public domain (tenants.utils of the original reads it on every request).
    SITE_ID = 1
    INSTALLED_APPS = [
        "django.contrib.auth",
        "django.contrib.contenttypes",
        "django.contrib.sessions",
        "django.contrib.sites",
        "corsheaders",
        "djoser",
        "rest_framework",
        "rest_framework_simplejwt",
        *(["rest_framework_simplejwt.token_blacklist"] if BLACKLIST else []),
        "tenants",
        "users",
        "core",
    ]
    MIDDLEWARE = [*MIDDLEWARE[:-1], "tenants.schemas.SearchPathMiddleware"]
    ROOT_URLCONF = "fixtureproject.urls_original"
    AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
    REST_FRAMEWORK = {
        **REST_FRAMEWORK,
        "DEFAULT_AUTHENTICATION_CLASSES": (
            "rest_framework_simplejwt.authentication.JWTAuthentication",
            "rest_framework.authentication.SessionAuthentication",
        ),
    }
    # Djoser's defaults but for what the original set (TOKEN_MODEL stays the default:
    # DELETE users/me/ is a 500, as observed).
    DJOSER = {
        "LOGIN_FIELD": "email",
        "PASSWORD_RESET_CONFIRM_URL": "auth/password/reset/{uid}/{token}",
        "SERIALIZERS": {
            "user_create": "users.serializers_original.UserCreateSerializer",
            "user": "users.serializers_original.UserSerializer",
            "current_user": "users.serializers_original.UserSerializer",
        },
    }
    # The original's SIMPLE_JWT used another library's key names, so simplejwt's defaults
    # are in force (access 5 min, refresh 1 day, no rotation); ACCESS_SECONDS still applies.
    SIMPLE_JWT = {
        "ACCESS_TOKEN_LIFETIME": timedelta(seconds=int(os.environ.get("ACCESS_SECONDS") or 300)),
        "ROTATE_REFRESH_TOKENS": ROTATE,
        "BLACKLIST_AFTER_ROTATION": BLACKLIST,
        "AUTH_HEADER_TYPES": tuple(
            (os.environ.get("AUTH_HEADER_TYPES") or "Bearer").replace(",", " ").split()
        ),
    }
else:
    FIXTURE_DATABASES = {"default": FIXTURE_TEMPLATE_DB}
