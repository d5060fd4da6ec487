"""Saving services of the social map on one's own page (/mijn-pagina/): save from
the service page, see it listed, unsave; only one's own, only published services;
the anonymous are asked to sign in."""

import pytest
from django.urls import reverse

from cms.socialmap.demo.loader import demo_id
from cms.socialmap.models import SavedService, Service
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

RENT_ARREARS = demo_id("service", "ocmw", "Hulp bij huurachterstal")
LISTENING_LINE = demo_id("service", "brugwachter", "Luisterlijn Wilgenstreek")
MY_PAGE = "/mijn-pagina/"


@pytest.fixture
def citizen(client):
    user = UserFactory()
    client.force_login(user)
    return user


def save(client, pk, **data):
    return client.post(reverse("socialmap:service_save", args=[pk]), data)


def unsave(client, pk, **data):
    return client.post(reverse("socialmap:service_unsave", args=[pk]), data)


def listed(client) -> str:
    response = client.get(MY_PAGE)
    assert response.status_code == 200
    return response.content.decode()


def test_a_citizen_saves_a_service_sees_it_listed_and_unsaves_it(
    client, citizen, social_map_module
):
    page = reverse("socialmap:service", args=[RENT_ARREARS])
    html = client.get(page).content.decode()
    assert "Bewaar op mijn pagina" in html

    response = save(client, RENT_ARREARS)
    assert response.status_code == 302 and response["Location"] == page
    html = client.get(page).content.decode()
    assert "Niet meer bewaren" in html and f'href="{MY_PAGE}"' in html
    assert "Hulp bij huurachterstal" in listed(client)

    save(client, RENT_ARREARS)  # twice is once
    assert SavedService.objects.filter(user=citizen).count() == 1

    response = unsave(client, RENT_ARREARS, next=MY_PAGE)
    assert response["Location"] == MY_PAGE
    assert "Hulp bij huurachterstal" not in listed(client)
    assert not SavedService.objects.filter(user=citizen).exists()


def test_saved_services_are_newest_first_and_ones_own(
    client, citizen, social_map_module
):
    save(client, RENT_ARREARS)
    save(client, LISTENING_LINE)
    html = listed(client)
    assert html.index("Luisterlijn Wilgenstreek") < html.index(
        "Hulp bij huurachterstal"
    )
    client.force_login(UserFactory())
    assert "Hulp bij huurachterstal" not in listed(client)


def test_a_service_taken_off_the_map_leaves_the_page(
    client, citizen, social_map_module
):
    save(client, RENT_ARREARS)
    Service.objects.filter(pk=RENT_ARREARS).update(live=False)
    assert "Hulp bij huurachterstal" not in listed(client)
    assert save(client, RENT_ARREARS).status_code == 404


def test_the_anonymous_are_asked_to_sign_in_to_save(client, social_map_module):
    page = reverse("socialmap:service", args=[RENT_ARREARS])
    html = client.get(page).content.decode()
    assert "Meld je aan om deze dienst op je eigen pagina te bewaren" in html
    assert "Bewaar op mijn pagina" not in html
    response = save(client, RENT_ARREARS)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={page}"
    assert not SavedService.objects.exists()


def test_saving_is_a_post(client, citizen, social_map_module):
    response = client.get(reverse("socialmap:service_save", args=[RENT_ARREARS]))
    assert response.status_code == 405
