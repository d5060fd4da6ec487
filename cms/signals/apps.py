from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignalsConfig(AppConfig):
    name = "cms.signals"
    label = "signals"
    verbose_name = _("Signalen")
    default_auto_field = "django.db.models.BigAutoField"
