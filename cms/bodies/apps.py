from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BodiesConfig(AppConfig):
    name = "cms.bodies"
    label = "bodies"
    verbose_name = _("Overleg en advies")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Django wants modules that import models imported in ready(), once the
        # models are loaded.
        from cms.bodies.lifecycle import RULES
        from portal.access.bodies import register_body_rules

        # Access decides who may see and do what; it learns this app's states here.
        register_body_rules(RULES)
