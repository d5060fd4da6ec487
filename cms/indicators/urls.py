"""/indicatoren/: the public pages of the indicators."""

from django.urls import path

from cms.indicators import views

app_name = "indicators"

urlpatterns = [
    path("", views.indicator_list, name="list"),
    path("<str:slug>/", views.indicator_detail, name="detail"),
]
