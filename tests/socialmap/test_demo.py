import pytest

from cms.models import LifeDomain
from cms.socialmap.demo.loader import ensure_social_map
from cms.socialmap.models import Organization, Service

SIX_LIFE_DOMAINS = [
    "wonen",
    "werken",
    "leren",
    "zorg-en-gezondheid",
    "vrije-tijd",
    "leefbaarheid",
]


@pytest.mark.django_db
def test_the_demo_map_covers_the_town(social_map):
    assert Service.objects.filter(live=True).count() >= 40
    assert Organization.objects.filter(live=True).count() >= 20
    for slug in SIX_LIFE_DOMAINS:
        domain = LifeDomain.objects.get(slug=slug)
        assert Service.objects.filter(life_domains=domain).exists(), slug
    assert not any(social_map.unchanged.values())


@pytest.mark.django_db
def test_loading_the_demo_twice_changes_nothing(social_map):
    again = ensure_social_map()
    assert again.changes == 0
    assert sum(again.unchanged.values()) == sum(social_map.created.values())


@pytest.mark.django_db
def test_demo_phone_numbers_are_in_the_unassigned_range(social_map):
    for service in Service.objects.prefetch_related("phones"):
        for phone in service.phones.all():
            assert phone.number.startswith("09 000 ")
