from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "cms.followup"
    label = "followup"
    verbose_name = _("Plannen opvolgen")
    default_auto_field = "django.db.models.BigAutoField"
