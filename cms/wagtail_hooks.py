"""The admin for content that is not a page: vocabularies, the goal trees and
the indicators that follow them."""

import django_filters
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    CreateView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from cms.followup.admin_views import PlanReportViewSet, PlanVersionViewSet
from cms.goal_tree_admin import GoalCreateView, GoalTreeViewSet
from cms.indicators.admin_views import (
    IndicatorTargetViewSet,
    IndicatorValueViewSet,
    IndicatorViewSet,
)
from cms.models import (
    Goal,
    GoalLevel,
    GoalStatus,
    LifeDomain,
    PolicyPlanPage,
    ProgressUpdate,
    SocialRight,
    TargetGroup,
)
from cms.services import goal_report_progress
from portal.access import page_audience_problem
from portal.files import check_document_access
from portal.models import Organisation, OrganisationAlias


class TermViewSet(SnippetViewSet):
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]


class LifeDomainViewSet(TermViewSet):
    model = LifeDomain
    icon = "globe"


class SocialRightViewSet(TermViewSet):
    model = SocialRight
    icon = "pick"


class TargetGroupViewSet(TermViewSet):
    model = TargetGroup
    icon = "group"


class GoalStatusViewSet(SnippetViewSet):
    model = GoalStatus
    icon = "tasks"
    list_display = ["name", "colour", "default_progress", "is_closed"]


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "site"
    list_display = ["name", "sector", "is_partner", "kbo_number"]
    list_filter = ["sector", "is_partner"]
    search_fields = ["name"]


class OrganisationAliasViewSet(SnippetViewSet):
    """Other names of organisations, so imported owner texts find them."""

    model = OrganisationAlias
    icon = "link"
    list_display = ["alias", "organisation"]
    search_fields = ["alias"]


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("Taxonomieën")
    menu_icon = "tag"
    menu_order = 300
    items = (
        LifeDomainViewSet,
        SocialRightViewSet,
        TargetGroupViewSet,
        GoalStatusViewSet,
        OrganisationViewSet,
        OrganisationAliasViewSet,
    )


class GoalFilterSet(WagtailFilterSet):
    plan = django_filters.ModelChoiceFilter(
        queryset=PolicyPlanPage.objects.all(), label=_("Plan")
    )
    level = django_filters.ChoiceFilter(choices=GoalLevel.choices, label=_("Niveau"))
    status = django_filters.ModelChoiceFilter(
        queryset=GoalStatus.objects.all(), label=_("Status")
    )
    without_lead = django_filters.BooleanFilter(
        field_name="lead_organisation",
        lookup_expr="isnull",
        label=_("Zonder trekker"),
        help_text=_("Doelstellingen waarvan de import geen organisatie herkende."),
    )

    class Meta:
        model = Goal
        fields = ["plan", "level", "status", "without_lead"]


class GoalViewSet(SnippetViewSet):
    model = Goal
    add_view_class = GoalCreateView
    icon = "list-ul"
    menu_label = _("Doelstellingen")
    list_display = [
        "code",
        "title",
        "level",
        "lead_organisation",
        "status",
        "progress",
        "plan",
    ]
    filterset_class = GoalFilterSet
    search_fields = ["code", "title", "owners"]
    list_per_page = 50


class AppendOnlyPermissionPolicy(ModelPermissionPolicy):
    """History is appended, never edited: nobody may change or delete a row, not even
    a superuser. (Wagtail's policies know no append-only mode.)"""

    def user_has_permission(self, user, action):
        if action in ("change", "delete"):
            return False
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


class ProgressUpdateCreateView(CreateView):
    """Report progress through the service, so the goal's current state follows."""

    def save_instance(self):
        data = self.form.cleaned_data
        update = goal_report_progress(
            goal=data["goal"],
            status=data["status"],
            progress=data["progress"],
            text=data["text"],
            author=self.request.user,
            date=data["date"],
        )
        log(instance=update, action="wagtail.create", user=self.request.user)
        return update


class ProgressUpdateViewSet(SnippetViewSet):
    """Progress reports are appended; the admin offers create and view, never edit."""

    model = ProgressUpdate
    add_view_class = ProgressUpdateCreateView
    icon = "history"
    menu_label = _("Voortgang")
    list_display = ["goal", "date", "status", "progress", "author"]
    list_filter = ["status"]
    inspect_view_enabled = True


class PlanMonitoringGroup(SnippetViewSetGroup):
    menu_label = _("Plannen opvolgen")
    menu_icon = "list-ul"
    menu_order = 200
    items = (
        GoalTreeViewSet,
        GoalViewSet,
        ProgressUpdateViewSet,
        IndicatorViewSet,
        IndicatorValueViewSet,
        IndicatorTargetViewSet,
        PlanReportViewSet,
        PlanVersionViewSet,
    )


register_permission_policy(ProgressUpdate, AppendOnlyPermissionPolicy(ProgressUpdate))
register_snippet(TaxonomyGroup)
register_snippet(PlanMonitoringGroup)


# Wagtail's serve view asks before serving a document: an invisible one is a 404.
hooks.register("before_serve_document", check_document_access)


@hooks.register("before_move_page")
def refuse_moving_under_a_narrower_parent(request, page, destination):
    """A page is never wider than its parent: say so, and stay on the move page."""
    audience = getattr(page, "audience", None)
    if audience is None:
        return None
    problem = page_audience_problem(audience, parent=destination)
    if problem is None:
        return None
    messages.error(request, problem)
    return redirect("wagtailadmin_pages:move", page.pk)
