from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Inhoud")

    def ready(self):
        # before search.apps.ready(), which connects the receivers of every adapter
        from cms import search_adapters  # noqa: F401
