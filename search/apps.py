from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Zoeken")

    def ready(self):
        # Django's app registry calls ready() once every app is imported; only
        # then can the adapters (which import models) and the receivers load.
        from search import receivers, registry

        registry.autodiscover()
        receivers.connect()
