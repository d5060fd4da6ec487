from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portaal")

    def ready(self):
        from portal.access import (
            checks,  # noqa: F401 - registers the system check
            facts,
        )

        facts.connect()
