from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignalsConfig(AppConfig):
    name = "cms.signals"
    label = "signals"
    verbose_name = _("Signalen")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Before `search` (later in INSTALLED_APPS) connects its receivers.
        from cms.signals import search_adapters  # noqa: F401 - registers adapters
