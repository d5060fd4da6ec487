"""Settings shared by every environment; each value that differs per machine comes
from the environment (see README, "Configuration")."""

from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

from portal.headers.csp import inline_style_hashes, source_of

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))
SHARED_DIR = Path(env_str("SHARED_DIR", str(BASE_DIR.parent / "shared")))

SECRET_KEY = env_str("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "portal",
    "cms",
    "cms.signals",
    "search",
    "cms.socialmap",
    "cms.bodies",
    "cms.indicators",
    "cms.followup",
    "theme",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.headless",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "django_guid",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

# The social map's background map (Leaflet); empty: no map, only the list.
SOCIALMAP_TILE_URL = env_str(
    "SOCIALMAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
)

MIDDLEWARE = [
    "django_guid.middleware.guid_middleware",
    "portal.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "portal.headers.csp.PathPolicyCSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.database_unavailable.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "portal.api.middleware.RejectNulInQueryMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.headers.caching.PrivateCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "portal.accounts.middleware.RequireMultiFactorMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

# Content-Security-Policy (django-csp), enforced everywhere, tests included: scripts
# and style sheets only from this origin or inline with the request's nonce
# (`request.csp_nonce`). Style *attributes* stay allowed: templates set
# colours and bar widths computed per object (goal status, progress, charts), as do
# allauth's and Wagtail's; an attribute cannot load anything or run script.
_TILE_SOURCE = source_of(SOCIALMAP_TILE_URL)
OIDC_SERVER_URL = env_str("OIDC_SERVER_URL")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        # The 500 page's own <style>: it must not depend on static files.
        "style-src": [
            SELF,
            NONCE,
            *inline_style_hashes(BASE_DIR / "theme" / "templates" / "500.html"),
        ],
        "style-src-attr": [UNSAFE_INLINE],
        # data: for allauth's TOTP QR code and Leaflet's and Wagtail's icons.
        "img-src": [SELF, "data:", *filter(None, [_TILE_SOURCE])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        # Wagtail's preview shows the page in a same-origin frame.
        "frame-src": [SELF],
        "frame-ancestors": [SELF],
        # Chromium checks the redirects after a form too: signing in through the
        # town's identity provider posts here and is sent on to it.
        "form-action": [SELF, *filter(None, [source_of(OIDC_SERVER_URL)])],
    }
}
# What the pages of other projects need beyond that, by path prefix, as django-csp's
# "update" (sources added) and "replace" (directive replaced) parts
# (portal/headers/csp.py); the rest of the site keeps the strict policy.
CONTENT_SECURITY_POLICY_PATHS: dict[str, dict] = {
    # Wagtail's admin asks releases.wagtail.org for a newer version (superusers),
    # and its editors (Draftail, StreamField) add <style> elements. Its inline
    # scripts are replaced by data attributes (theme/templates/wagtailadmin/,
    # theme/static/theme/js/admin-init.js), so scripts stay strict here too.
    "/admin/": {
        "replace": {"style-src": [SELF, UNSAFE_INLINE]},
        "update": {"connect-src": ["https://releases.wagtail.org"]},
    },
    # Django's admin (administrators only) has one inline <style>, on change lists.
    "/django-admin/": {"replace": {"style-src": [SELF, UNSAFE_INLINE]}},
    # Redoc adds <style> elements before it knows the nonce, and searches in a
    # worker it makes from a blob. A page of our own schema, no user content.
    "/api/docs/redoc/": {
        "replace": {"style-src": [SELF, UNSAFE_INLINE]},
        "update": {"worker-src": [SELF, "blob:"]},
    },
}

# Permissions-Policy (django-permissions-policy): the portal uses none of the
# browser's sensors, devices or payment features (the social map does not ask for
# the visitor's location), so none are granted, to this origin or to embeds.
# Security keys and passkeys (WebAuthn) stay allowed for this origin.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    **{
        feature: []
        for feature in (
            "accelerometer",
            "ambient-light-sensor",
            "autoplay",
            "bluetooth",
            "browsing-topics",
            "camera",
            "display-capture",
            "geolocation",
            "gyroscope",
            "hid",
            "idle-detection",
            "interest-cohort",
            "magnetometer",
            "microphone",
            "midi",
            "payment",
            "screen-wake-lock",
            "serial",
            "usb",
            "xr-spatial-tracking",
        )
    },
    "publickey-credentials-create": ["self"],
    "publickey-credentials-get": ["self"],
}

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
AUTH_USER_MODEL = "portal.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "theme" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.context_processors.portal",
            ],
        },
    },
]

# Every form rendered with `{{ form }}` or `{{ field.as_field_group }}` gets the
# portal's one form style (theme/templates/forms/).
FORM_RENDERER = "theme.forms.PortalFormRenderer"

# SQLite under var/ unless DATABASE_URL names another one (PostgreSQL in production).
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the task worker and the web process share the file.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

_validators = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_validators}.UserAttributeSimilarityValidator"},
    {"NAME": f"{_validators}.MinimumLengthValidator"},
    {"NAME": f"{_validators}.CommonPasswordValidator"},
    {"NAME": f"{_validators}.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl-be"
LANGUAGES = [("nl-be", _("Nederlands"))]
LOCALE_PATHS = [BASE_DIR / "theme" / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
# theme/static is found as the theme app's static folder (no STATICFILES_DIRS, or
# collectstatic sees every file twice).
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# E-mail: console in development; SMTP settings from the environment in production.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Sociaal beleid <noreply@localhost>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Personal data over time: terms after which `manage.py apply_retention` (run daily
# by cron) removes or anonymises it (portal/retention/; README, "Personal data over
# time"). 0 turns a rule off.
RETENTION = {
    # a closed, rejected or merged signal's attachments, after it ended
    "SIGNAL_ATTACHMENTS_DAYS": env_int("RETENTION_SIGNAL_ATTACHMENTS_DAYS", 2 * 365),
    # its free text (description, examples, notes on its timeline)
    "SIGNAL_TEXT_DAYS": env_int("RETENTION_SIGNAL_TEXT_DAYS", 5 * 365),
    # an account nobody signed in to for this long gets a warning by e-mail,
    "ACCOUNT_INACTIVE_DAYS": env_int("RETENTION_ACCOUNT_INACTIVE_DAYS", 3 * 365),
    # is deactivated this long after the warning unless someone signs in,
    "ACCOUNT_WARNING_DAYS": env_int("RETENTION_ACCOUNT_WARNING_DAYS", 30),
    # and removed this long after it was deactivated
    "ACCOUNT_REMOVAL_DAYS": env_int("RETENTION_ACCOUNT_REMOVAL_DAYS", 365),
    # invitations (the address a coordinator invited), after they ended
    "INVITATION_DAYS": env_int("RETENTION_INVITATION_DAYS", 90),
    # a social-map report's sender (address, a citizen's words), after its decision
    "PROPOSAL_REPORTER_DAYS": env_int("RETENTION_PROPOSAL_REPORTER_DAYS", 90),
}

# Background work: django-tasks, database backend; `manage.py db_worker` runs it
# (portal's own command: it survives database faults and records a heartbeat). A
# task whose worker is silent this long (seconds) is run again by another.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
TASK_WORKER_STALE_AFTER = env_int("TASK_WORKER_STALE_AFTER", 300)

# Search: ELASTICSEARCH_URL selects the Elasticsearch backend of the one index.
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL")
SEARCH_BACKEND = env_str(
    "SEARCH_BACKEND",
    "search.backends.elasticsearch"
    if ELASTICSEARCH_URL
    else "search.backends.database",
)
SEARCH_ELASTICSEARCH = {
    "INDEX": env_str("SEARCH_ELASTICSEARCH_INDEX", "lsb-documents"),
    "TIMEOUT": env_int("SEARCH_ELASTICSEARCH_TIMEOUT", 10),
}
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# Wagtail
WAGTAIL_SITE_NAME = env_str("SITE_NAME", "Lokaal sociaal beleid")
WAGTAILADMIN_BASE_URL = env_str("BASE_URL", "http://127.0.0.1:8000")
# The admin signs in through the same accounts (allauth's login, with MFA).
WAGTAILADMIN_LOGIN_URL = "/admin/login/"  # portal.accounts.views.wagtail_admin_login
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
# No Gravatar: editors' addresses (hashed) would go to a third party on every page.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILDOCS_DOCUMENT_MODEL = "cms.PortalDocument"
WAGTAILIMAGES_IMAGE_MODEL = "cms.PortalImage"
# Uploads the storage refuses (full disk) are form errors, not server errors.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cms.file_forms.PortalDocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.file_forms.PortalImageForm"
# Files are served through views that check their audience (portal/files.py).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_I18N_ENABLED = False
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = [("nl-be", "Nederlands")]
WAGTAILDOCS_EXTENSIONS = [
    "csv",
    "docx",
    "odt",
    "ods",
    "pdf",
    "pptx",
    "rtf",
    "txt",
    "xlsx",
]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 100
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Caches: Redis where REDIS_URL is set (production, several processes); otherwise a
# database table, still shared by every process, so allauth's rate limits hold.
REDIS_URL = env_str("REDIS_URL")
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
        if REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "portal_cache",
        }
    )
}

# Accounts: django-allauth, signing in by e-mail (see portal/accounts/).
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "portal_home"
LOGOUT_REDIRECT_URL = "/"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 8)  # one working day
SESSION_EXPIRE_AT_BROWSER_CLOSE = False
ACCOUNT_ADAPTER = "portal.accounts.adapter.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None  # the person chooses "remember me"
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{env_str('SITE_NAME', 'Lokaal sociaal beleid')}] "
ACCOUNT_PREVENT_ENUMERATION = True
# A signed-in person sent to the login page (e.g. a citizen at /admin/) sees the form
# and the reason, instead of being bounced back into a redirect loop.
ACCOUNT_AUTHENTICATED_LOGIN_REDIRECTS = False
ACCOUNT_EMAIL_NOTIFICATIONS = True
# Failed sign-ins count per address *and client network* ("key") and per network
# ("ip"), never per address alone: nobody can lock a known account by failing on
# purpose (portal/accounts/throttling.py).
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": env_str("ACCOUNT_LOGIN_FAILED_RATE", "5/5m/key,20/m/ip"),
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
}
# Behind a reverse proxy every request comes from the proxy: the rate limits per
# network then need the client's address from X-Forwarded-For (number of proxies).
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
MFA_ADAPTER = "portal.accounts.adapter.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_TOTP_ISSUER = env_str("SITE_NAME", "Lokaal sociaal beleid")
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = False
# Who must use a second factor: civil servants, editors, moderators, administrators.
PORTAL_MFA_REQUIRED = env_bool("MFA_REQUIRED", True)
SOCIALACCOUNT_ADAPTER = "portal.accounts.adapter.SocialAccountAdapter"
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_PROVIDERS: dict = {}
# Optional single sign-on for civil servants through the town's OpenID Connect
# identity provider (see README, "Single sign-on"); OIDC_SERVER_URL is read above,
# for the Content-Security-Policy.
if OIDC_SERVER_URL:
    SOCIALACCOUNT_PROVIDERS["openid_connect"] = {
        "OAUTH_PKCE_ENABLED": True,
        "APPS": [
            {
                "provider_id": env_str("OIDC_PROVIDER_ID", "town"),
                "name": env_str("OIDC_PROVIDER_NAME", "Aanmelden als medewerker"),
                "client_id": env_str("OIDC_CLIENT_ID"),
                "secret": env_str("OIDC_CLIENT_SECRET"),
                "settings": {
                    "server_url": OIDC_SERVER_URL,
                    "token_auth_method": env_str(
                        "OIDC_TOKEN_AUTH_METHOD", "client_secret_basic"
                    ),
                },
            }
        ],
    }
# Accounts made through the town's identity provider are civil servants.
OIDC_USERS_ARE_STAFF = env_bool("OIDC_USERS_ARE_STAFF", True)
HEADLESS_ONLY = False
HEADLESS_CLIENTS = ("app",)
HEADLESS_SERVE_SPECIFICATION = True
HEADLESS_FRONTEND_URLS = {
    "account_confirm_email": "/accounts/confirm-email/{key}/",
    "account_reset_password_from_key": "/accounts/password/reset/key/{key}/",
    "account_signup": "/accounts/signup/",
}

# REST API at /api/v1/ (portal/api/); documented by drf-spectacular.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "portal.api.authentication.SessionTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_PAGINATION_CLASS": "portal.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "portal.api.schema.PortalAutoSchema",
    "EXCEPTION_HANDLER": "portal.api.errors.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_str("API_ANON_RATE", "120/minute"),
        "user": env_str("API_USER_RATE", "600/minute"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Lokaal sociaal beleid API",
    "DESCRIPTION": (
        "JSON API of the local social policy portal. Sign in through "
        "`POST /_allauth/app/v1/auth/login` and send the session token as the "
        "`X-Session-Token` header; without it, only public data is returned."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "PREPROCESSING_HOOKS": ["portal.api.schema.only_portal_api"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",  # the default, kept
        "cms.signals.api.schema.signal_fields_beyond_the_bundle_optional",
    ],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}

# Every request gets an id (django-guid): taken from a proxy's X-Request-ID when it
# is a UUID, made up otherwise, returned in the answer and written on each log line.
DJANGO_GUID = {
    "GUID_HEADER_NAME": "X-Request-ID",
    "RETURN_HEADER": True,
    "EXPOSE_HEADER": True,
}
# Logs: plain lines by default; LOG_FORMAT=json writes one JSON object per line for a
# log collector, with the request id as `request_id`.
LOG_FORMAT = env_str("LOG_FORMAT", "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "django_guid.log_filters.CorrelationId"}},
    "formatters": {
        "text": {
            "format": "%(asctime)s %(levelname)s %(name)s [%(correlation_id)s] "
            "%(message)s"
        },
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {
                "asctime": "time",
                "levelname": "level",
                "name": "logger",
                "correlation_id": "request_id",
            },
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "django_guid": {"level": "WARNING"},
        # "Page created/edited/published" for every save: the admin's audit log
        # already keeps those, with who and when.
        "wagtail": {"level": env_str("WAGTAIL_LOG_LEVEL", "WARNING")},
        # Every step of every PDF (portal/pdf.py) and every font it subsets.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# /health/ready reports the task queue as degraded when its oldest waiting task has
# waited longer than this many seconds.
HEALTH_TASK_QUEUE_MAX_AGE = env_int("HEALTH_TASK_QUEUE_MAX_AGE", 300)
