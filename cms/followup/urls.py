"""/plannen/<plan>/: a plan's yearly reports, evaluation and versions."""

from django.urls import path

from cms.followup import views

app_name = "followup"

urlpatterns = [
    path("<int:plan_id>/verslag/<int:year>/", views.year_report, name="year_report"),
    path("<int:plan_id>/evaluatie/", views.evaluation, name="evaluation"),
    path("<int:plan_id>/versies/", views.versions, name="versions"),
    path(
        "<int:plan_id>/versies/<int:number>/",
        views.version_detail,
        name="version",
    ),
]
