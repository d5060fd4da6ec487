"""Services and organisations in the one search index."""

import pytest

from cms.socialmap.demo.loader import demo_id
from cms.socialmap.models import Service
from search.documents import DocumentKind
from search.selectors import search_documents

pytestmark = pytest.mark.django_db

RENT_ARREARS = demo_id("service", "ocmw", "Hulp bij huurachterstal")


def test_services_are_found_as_kind_service(social_map_module):
    results = search_documents(
        query="huurachterstal", user=None, filters={"kind": DocumentKind.SERVICE}
    )
    titles = [hit.title for hit in results.hits]
    assert "Hulp bij huurachterstal" in titles
    assert {hit.kind for hit in results.hits} == {DocumentKind.SERVICE}
    hit = next(hit for hit in results.hits if hit.title == "Hulp bij huurachterstal")
    assert hit.url == f"/sociale-kaart/diensten/{RENT_ARREARS}/"


def test_organisations_are_found(social_map_module):
    results = search_documents(
        query="Brugwachter", user=None, filters={"kind": DocumentKind.ORGANISATION}
    )
    assert "De Brugwachter vzw" in [hit.title for hit in results.hits]


def test_an_unpublished_service_leaves_the_index(social_map_module):
    service = Service.objects.get(pk=RENT_ARREARS)
    service.live = False
    service.save()
    results = search_documents(
        query="huurachterstal", user=None, filters={"kind": DocumentKind.SERVICE}
    )
    assert "Hulp bij huurachterstal" not in [hit.title for hit in results.hits]
