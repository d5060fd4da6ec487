"""/partners/sociale-kaart/: partners propose changes to their services."""

from django.urls import path

from cms.socialmap import partners

app_name = "socialmap_partners"

urlpatterns = [
    path("", partners.proposals, name="proposals"),
    path("<uuid:pk>/", partners.propose, name="propose"),
]
