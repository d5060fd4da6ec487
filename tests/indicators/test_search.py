"""Indicators in the one search index: a public one is found by everyone, one
for civil servants only by them."""

import pytest
from django.contrib.auth.models import AnonymousUser

from portal.access import Audience
from search.selectors import search_documents
from search.services import index_rebuild
from tests.factories import IndicatorFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def found(user, query: str) -> set[str]:
    results = search_documents(query=query, user=user, filters={"kind": "indicator"})
    return {hit.title for hit in results.hits}


def test_a_public_indicator_is_found_and_a_staff_one_only_by_staff(db):
    IndicatorFactory(name="Huurachterstal gezinnen", description="Huurachterstal")
    IndicatorFactory(
        name="Huurachterstal intern",
        description="Huurachterstal",
        audience=Audience.STAFF,
    )
    index_rebuild()
    for user in (AnonymousUser(), UserFactory()):
        assert found(user, "huurachterstal") == {"Huurachterstal gezinnen"}
    assert found(StaffFactory(), "huurachterstal") == {
        "Huurachterstal gezinnen",
        "Huurachterstal intern",
    }
