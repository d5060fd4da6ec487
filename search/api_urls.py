"""/api/v1/search/: included by `portal.api.urls`."""

from django.urls import path

from search.api import SearchView, SuggestView

urlpatterns = [
    path("", SearchView.as_view(), name="api-search"),
    path("suggest/", SuggestView.as_view(), name="api-search-suggest"),
]
