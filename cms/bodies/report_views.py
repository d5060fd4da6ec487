"""A body's yearly report as PDF, for its workspace: staff and the people with a
seat in the body (`portal.access.bodies.may_view_body_report`). Anyone else gets
404, as for anything they may not see; the anonymous are sent to sign in."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404

from cms.bodies.models import Body
from cms.bodies.report import check_year, year_report
from portal.access.bodies import may_view_body_report
from portal.access.doors import signed_in
from portal.pdf import pdf_response


@signed_in
def year_report_pdf(request, pk: int, year: int):
    body = get_object_or_404(Body, pk=pk)
    if not may_view_body_report(request.user, body.pk):
        raise Http404
    try:
        check_year(year)
    except ValidationError as error:
        raise Http404 from error
    report = year_report(body, year)
    return pdf_response(
        "bodies/report/year_report_pdf.html",
        {"report": report, "site_name": settings.WAGTAIL_SITE_NAME},
        filename=f"jaarverslag-{year}-{body.name}",
        audience="staff",
    )
