"""Local development: DEBUG on, a fixed development key, console e-mail."""

from .base import *  # noqa: F403
from .env import env_str

DEBUG = True
SECRET_KEY = env_str("SECRET_KEY", "dev-only-key-never-in-production-9c1f4b7e")
ALLOWED_HOSTS = ["*"]
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
