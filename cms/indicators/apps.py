from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "cms.indicators"
    label = "indicators"
    verbose_name = _("Indicatoren")
    default_auto_field = "django.db.models.BigAutoField"
