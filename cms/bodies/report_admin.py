"""The yearly report in the admin: a "Jaarverslag" button on each body in the
list of bodies leads to a form that makes the draft page (then opens it in the
page editor) or downloads the PDF of a year. Registered in `wagtail_hooks`."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button

from cms.bodies.models import Body, BodyYearReportPage
from cms.bodies.report import FIRST_YEAR, check_year, create_year_report_draft


class YearReportForm(forms.Form):
    year = forms.IntegerField(
        label=gettext_lazy("Jaar"),
        min_value=FIRST_YEAR,
        help_text=gettext_lazy("Het kalenderjaar waarover het verslag gaat."),
    )


class YearReportView(WagtailAdminTemplateMixin, FormView):
    template_name = "bodies/report/admin_year_report.html"
    form_class = YearReportForm
    page_title = gettext_lazy("Jaarverslag")
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("bodies.view_body"):
            raise PermissionDenied
        self.body = get_object_or_404(Body, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.body)

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {
                "url": reverse("wagtailsnippets_bodies_body:list"),
                "label": Body._meta.verbose_name_plural.capitalize(),
            },
            {"url": "", "label": _("Jaarverslag: %(body)s") % {"body": self.body}},
        ]

    def get_initial(self):
        return {"year": timezone.localdate().year - 1}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["body"] = self.body
        context["action_url"] = self.request.path
        context["reports"] = BodyYearReportPage.objects.filter(body=self.body).order_by(
            "-year"
        )
        return context

    def form_valid(self, form):
        year = form.cleaned_data["year"]
        try:
            check_year(year)
        except ValidationError as error:
            form.add_error("year", error)
            return self.form_invalid(form)
        if self.request.POST.get("action") == "pdf":
            return redirect("intranet:body_year_report", self.body.pk, year)
        try:
            page = create_year_report_draft(
                body=self.body, year=year, by=self.request.user
            )
        except PermissionDenied as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Het jaarverslag %(year)s staat klaar als concept: vul het aan.")
            % {"year": year},
        )
        return redirect("wagtailadmin_pages:edit", page.pk)


def year_report_urls():
    return [
        path(
            "bodies/<int:pk>/jaarverslag/",
            YearReportView.as_view(),
            name="bodies_year_report",
        )
    ]


def year_report_button(snippet, user, next_url=None):
    if isinstance(snippet, Body):
        yield Button(
            _("Jaarverslag"),
            url=reverse("bodies_year_report", args=[snippet.pk]),
            icon_name="doc-full",
            priority=30,
        )
