"""/sociale-kaart/: the citizen search of the social map."""

from django.urls import path

from cms.socialmap import views

app_name = "socialmap"

urlpatterns = [
    path("", views.search, name="search"),
    path("diensten/<uuid:pk>/", views.service, name="service"),
    path("organisaties/<uuid:pk>/", views.organization, name="organization"),
]
