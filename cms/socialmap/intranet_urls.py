"""The review of social-map proposals on the intranet; the door mounts these in
its namespace (`intranet:`, see `portal.portals.urls`)."""

from django.urls import path

from cms.socialmap import review

urlpatterns = [
    path("sociale-kaart/", review.proposal_list, name="socialmap_proposals"),
    path(
        "sociale-kaart/<int:pk>/",
        review.proposal_review,
        name="socialmap_proposal",
    ),
]
