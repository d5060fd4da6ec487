"""/doelen/: the page of each goal of a plan, and the civil servants' forms on it.
Mounted by `portal.urls` before Wagtail's page serving."""

from django.urls import path

from cms.goalpages import views

app_name = "goals"

urlpatterns = [
    path("<int:goal_id>/<str:slug>/", views.goal_detail, name="detail"),
    path(
        "<int:goal_id>/signalen/koppelen/",
        views.goal_link_signal,
        name="link_signal",
    ),
    path(
        "<int:goal_id>/signalen/<int:signal_id>/ontkoppelen/",
        views.goal_unlink_signal,
        name="unlink_signal",
    ),
]
