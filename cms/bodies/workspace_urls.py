"""The bodies' workspace and the intranet's advice pages. The doors mount them
in their namespaces (`partners:`, `intranet:`, see `portal.portals.urls`)."""

from django.urls import path

from cms.bodies import report_views
from cms.bodies.views import intranet, workspace

partner_urlpatterns = [
    path("overleg/", workspace.workspace_list, name="bodies"),
    path("overleg/<int:pk>/", workspace.workspace_body, name="body_workspace"),
    path(
        "overleg/<int:pk>/eigen-advies/",
        workspace.own_initiative,
        name="body_own_initiative",
    ),
    path("overleg/adviezen/<int:pk>/", workspace.workspace_advice, name="body_advice"),
    path(
        "overleg/adviezen/<int:pk>/status/",
        workspace.advice_transition,
        name="body_advice_transition",
    ),
    path(
        "overleg/adviezen/<int:pk>/tekst/",
        workspace.advice_edit,
        name="body_advice_edit",
    ),
    path(
        "overleg/adviezen/<int:pk>/publicatie/",
        workspace.advice_publish,
        name="body_advice_publish",
    ),
    path(
        "overleg/adviezen/<int:pk>/antwoord/<int:recommendation_pk>/",
        workspace.advice_answer,
        name="body_advice_answer",
    ),
    path(
        "overleg/adviezen/<int:pk>/verlenging/",
        workspace.advice_extend,
        name="body_advice_extend",
    ),
    path(
        "overleg/adviezen/<int:pk>/stand-van-zaken/",
        workspace.advice_status_update,
        name="body_advice_status",
    ),
    path(
        "overleg/<int:pk>/jaarverslag/<int:year>/",
        report_views.year_report_pdf,
        name="body_year_report",
    ),
    path(
        "overleg/vergaderingen/<int:pk>/",
        workspace.workspace_meeting,
        name="body_meeting",
    ),
    path(
        "overleg/vergaderingen/<int:pk>/verslag/",
        workspace.minutes_save,
        name="body_minutes",
    ),
    path(
        "overleg/vergaderingen/<int:pk>/verslag/status/",
        workspace.minutes_advance,
        name="body_minutes_step",
    ),
]

intranet_urlpatterns = [
    path("advies/", intranet.advice_overview, name="advice"),
    path("advies/vragen/", intranet.advice_request, name="advice_request"),
]
