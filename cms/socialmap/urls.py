"""/sociale-kaart/: the citizen search of the social map."""

from django.urls import path

from cms.socialmap import views

app_name = "socialmap"

urlpatterns = [
    path("", views.search, name="search"),
    path("diensten/<uuid:pk>/", views.service, name="service"),
    path("diensten/<uuid:pk>/bewaren/", views.service_save, name="service_save"),
    path(
        "diensten/<uuid:pk>/niet-meer-bewaren/",
        views.service_unsave,
        name="service_unsave",
    ),
    path("diensten/<uuid:pk>/fout-melden/", views.service_report, name="report"),
    path("organisaties/<uuid:pk>/", views.organization, name="organization"),
]
