"""The yearly report's address. A door mounts these in its namespace (the
intranet, `intranet:body_year_report`, see `portal.portals.urls`)."""

from django.urls import path

from cms.bodies import report_views

urlpatterns = [
    path(
        "organen/<int:pk>/jaarverslag/<int:year>/",
        report_views.year_report_pdf,
        name="body_year_report",
    ),
]
