"""A plan's reports and versions in Wagtail's admin, in the group "Plannen
opvolgen" (`cms.wagtail_hooks`).

Reports: a civil servant or editor writes a draft (plan, year, introduction,
conclusions) and publishes it with "Publiceren" (a confirmation, then
`report_publish` freezes the figures). A published report can be opened, never
edited or deleted. Versions are recorded through `plan_version_record`, which
numbers them and keeps the goal tree; they are a record, never edited.

Who may do this is `portal.access.reports.may_manage_reports`, applied through
the permission policies below (not Django's model permissions)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import (
    CreateView,
    DeleteView,
    EditView,
    SnippetViewSet,
)

from cms.followup.engine import figures_of
from cms.followup.models import PlanReport, PlanVersion
from cms.followup.services import plan_version_record, report_publish
from portal.access import may_manage_reports, may_publish_report


class ReportPermissionPolicy(ModelPermissionPolicy):
    """Civil servants and editors write reports; a published one is read-only."""

    def user_has_permission(self, user, action):
        return may_manage_reports(user) and action in (
            "add",
            "change",
            "view",
            "delete",
        )

    def user_has_permission_for_instance(self, user, action, instance):
        if action in ("change", "delete") and instance.is_published:
            return False
        return self.user_has_permission(user, action)


class VersionPermissionPolicy(ModelPermissionPolicy):
    """Versions are recorded, then kept as they are."""

    def user_has_permission(self, user, action):
        return may_manage_reports(user) and action in ("add", "view")

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


class PublishedStaysMixin:
    """Wagtail's generic edit and delete views ask the policy per model only: a
    published report is refused here, per instance."""

    def dispatch(self, request, *args, **kwargs):
        report = self.get_object()
        if not self.permission_policy.user_has_permission_for_instance(
            request.user, self.permission_required, report
        ):
            messages.error(
                request, _("Een gepubliceerd verslag kan niet meer wijzigen.")
            )
            return redirect("wagtailsnippets_followup_planreport:inspect", report.pk)
        return super().dispatch(request, *args, **kwargs)


class PlanReportEditView(PublishedStaysMixin, EditView):
    pass


class PlanReportDeleteView(PublishedStaysMixin, DeleteView):
    pass


class PlanReportViewSet(SnippetViewSet):
    model = PlanReport
    edit_view_class = PlanReportEditView
    delete_view_class = PlanReportDeleteView
    icon = "doc-full"
    menu_label = gettext_lazy("Verslagen")
    list_display = ["__str__", "status", "published_at"]
    list_filter = ["status", "kind"]
    inspect_view_enabled = True
    panels = [
        FieldPanel("plan"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("year")]),
        FieldPanel("title"),
        FieldPanel("introduction"),
        FieldPanel("conclusions"),
    ]


class PlanVersionForm(forms.ModelForm):
    class Meta:
        model = PlanVersion
        fields = ["plan", "decided_on", "decision", "summary", "changed_goals"]


class PlanVersionCreateView(CreateView):
    """Record the version through the service: it numbers the version and keeps
    the goal tree as it stands."""

    def save_instance(self):
        data = self.form.cleaned_data
        version = plan_version_record(
            data["plan"],
            decided_on=data["decided_on"],
            decision=data["decision"],
            summary=data["summary"],
            changed_goals=data["changed_goals"],
            user=self.request.user,
        )
        log(instance=version, action="wagtail.create", user=self.request.user)
        return version

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)


class PlanVersionViewSet(SnippetViewSet):
    model = PlanVersion
    add_view_class = PlanVersionCreateView
    icon = "history"
    menu_label = gettext_lazy("Versies van plannen")
    list_display = ["__str__", "decision", "created_at"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "plan",
        "number",
        "decided_on",
        "decision",
        "summary",
        "changed_goals",
        "created_by",
        "created_at",
    ]
    panels = [
        FieldPanel("plan"),
        FieldPanel("decided_on"),
        FieldPanel("decision"),
        FieldPanel("summary"),
        FieldPanel("changed_goals", widget=forms.CheckboxSelectMultiple),
    ]


# Publishing ---------------------------------------------------------------------


class PublishForm(forms.Form):
    confirm = forms.BooleanField(
        label=gettext_lazy(
            "Ik publiceer dit verslag: de inleiding, de besluiten en de cijfers "
            "liggen daarna vast."
        )
    )


class ReportPublishView(WagtailAdminTemplateMixin, FormView):
    template_name = "followup/admin_publish.html"
    form_class = PublishForm
    page_title = gettext_lazy("Verslag publiceren")
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        self.report = get_object_or_404(
            PlanReport.objects.select_related("plan"), pk=kwargs["pk"]
        )
        if not may_publish_report(request.user, self.report):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.report)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            figures = figures_of(self.report)
        except ValidationError as error:
            figures, context["problem"] = None, " ".join(error.messages)
        context.update(report=self.report, figures=figures)
        return context

    def form_valid(self, form):
        try:
            report = report_publish(self.report, self.request.user)
        except (PermissionDenied, ValidationError) as error:
            form.add_error(None, " ".join(getattr(error, "messages", [str(error)])))
            return self.form_invalid(form)
        log(instance=report, action="wagtail.publish", user=self.request.user)
        messages.success(
            self.request,
            _("'%(report)s' is gepubliceerd; de cijfers liggen vast.")
            % {"report": report},
        )
        return redirect(report.get_absolute_url())


def admin_urls():
    return [
        path(
            "verslagen/<int:pk>/publiceren/",
            ReportPublishView.as_view(),
            name="followup_report_publish",
        )
    ]


def publish_button(snippet, user, next_url=None):
    if isinstance(snippet, PlanReport) and may_publish_report(user, snippet):
        yield Button(
            _("Publiceren"),
            url=reverse("followup_report_publish", args=[snippet.pk]),
            icon_name="upload",
            priority=30,
        )
    if isinstance(snippet, PlanReport):
        yield Button(
            _("Bekijken op de site"),
            url=snippet.get_absolute_url(),
            icon_name="view",
            priority=40,
        )
