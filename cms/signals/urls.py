"""The signal pages. The doors mount them in their namespaces (`partners:`,
`intranet:`, see `portal.portals.urls`), so the URL names stay those of the door
a page belongs to."""

from django.urls import path

from cms.signals import list_views, views

partner_urlpatterns = [
    path("signalen/", views.signal_list, name="signals"),
    path("signalen/nieuw/", views.signal_new, name="signal_new"),
    path("signalen/<int:pk>/", views.signal_detail, name="signal"),
    path("signalen/<int:pk>/bewerken/", views.signal_edit, name="signal_edit"),
    path(
        "signalen/<int:pk>/status/", views.signal_transition, name="signal_transition"
    ),
    path("signalen/<int:pk>/opmerking/", views.signal_comment, name="signal_comment"),
    path("signalen/<int:pk>/toestemming/", views.signal_consent, name="signal_consent"),
    path(
        "signalen/<int:pk>/herkennen/", views.signal_recognise, name="signal_recognise"
    ),
    path(
        "signalen/<int:pk>/doelstellingen/",
        views.signal_link_goals,
        name="signal_goals",
    ),
    path(
        "signalen/<int:pk>/doelstellingen/<int:goal_id>/ontkoppelen/",
        views.signal_unlink_goal,
        name="signal_goal_unlink",
    ),
    path(
        "signalen/<int:pk>/bijlagen/<int:attachment_pk>/",
        views.signal_attachment,
        name="signal_attachment",
    ),
]

intranet_urlpatterns = [
    path("signalen/", views.coordinator_queue, name="signals"),
    path("signalen/alle/", list_views.signal_overview, name="signal_list"),
    path("signalen/alle.csv", list_views.signal_export, name="signal_export"),
]
