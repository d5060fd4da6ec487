"""A plan's yearly report, its evaluation and its versions as pages, with their
PDF and CSV (`?formaat=pdf` or `?formaat=csv`). What the reader may not see
answers 404 (`portal.access.reports`): a draft report is for civil servants and
editors, a published one for the plan's readers."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.utils.cache import patch_cache_control

from cms.followup import exports
from cms.followup.engine import figures_of
from cms.followup.selectors import (
    plan_reports_visible_to,
    plan_versions_of,
    plan_visible_to,
    report_for,
)
from portal.access import may_publish_report

FORMATS = ("pdf", "csv")


def _private(response):
    """What a reader sees here depends on who they are: never in a shared cache."""
    patch_cache_control(response, private=True, no_store=True)
    return response


def _report_page(request, plan_id: int, year: int | None):
    plan, report = report_for(request.user, plan_id, year=year)
    if report is None:
        raise Http404
    try:
        figures = figures_of(report)
    except ValidationError as error:  # a draft for a year the plan does not cover
        raise Http404 from error
    download = request.GET.get("formaat")
    if download == "pdf":
        return exports.report_pdf_response(report, figures)
    if download == "csv":
        return exports.report_csv_response(report, figures)
    context = exports.report_context(report, figures)
    context["others"] = plan_reports_visible_to(request.user, plan).exclude(
        pk=report.pk
    )
    context["may_publish"] = may_publish_report(request.user, report)
    return _private(render(request, "followup/plan_report.html", context))


def year_report(request, plan_id: int, year: int):
    return _report_page(request, plan_id, year)


def evaluation(request, plan_id: int):
    return _report_page(request, plan_id, None)


def versions(request, plan_id: int):
    plan = plan_visible_to(request.user, plan_id)
    if plan is None:
        raise Http404
    context = {
        "plan": plan,
        "versions": plan_versions_of(request.user, plan).prefetch_related(
            "changed_goals"
        ),
    }
    return _private(render(request, "followup/plan_versions.html", context))


def version_detail(request, plan_id: int, number: int):
    plan = plan_visible_to(request.user, plan_id)
    if plan is None:
        raise Http404
    version = plan_versions_of(request.user, plan).filter(number=number).first()
    if version is None:
        raise Http404
    download = request.GET.get("formaat")
    if download == "pdf":
        return exports.version_pdf_response(version)
    if download == "csv":
        return exports.version_csv_response(version)
    return _private(
        render(
            request,
            "followup/plan_version.html",
            exports.version_context(version),
        )
    )
