from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignalsConfig(AppConfig):
    name = "cms.signals"
    label = "signals"
    verbose_name = _("Signalen")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Django wants modules that import models imported in ready(), once the
        # models are loaded (search adapters are found by search.registry).
        from cms.signals.lifecycle import RULES
        from portal.access.signals import register_signal_rules

        # Access decides who may see and do what; it learns this app's states here.
        register_signal_rules(RULES)
