"""The public search page; the partner portal's and the intranet's are routed with
their door (`portal.portals.urls`)."""

from django.urls import path

from search import views

app_name = "search"

urlpatterns = [
    path("", views.public_search, name="public"),
]
