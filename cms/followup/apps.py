from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "cms.followup"
    label = "followup"
    verbose_name = _("Plannen opvolgen")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Before any admin view asks for a policy (the snippets are registered in
        # `cms.wagtail_hooks`, which may load first).
        from wagtail.permissions import register_permission_policy

        from cms.followup.admin_views import (
            ReportPermissionPolicy,
            VersionPermissionPolicy,
        )
        from cms.followup.models import PlanReport, PlanVersion

        register_permission_policy(PlanReport, ReportPermissionPolicy(PlanReport))
        register_permission_policy(PlanVersion, VersionPermissionPolicy(PlanVersion))
