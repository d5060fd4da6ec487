"""A citizen's own page (/mijn-pagina/): "Mijn portaal" leads each person to their
door, never back to the home page; a citizen's door is their own page, with the way
to their account settings. Saving services: tests/socialmap/test_saved_services.py."""

import pytest
from django.urls import reverse

from tests.factories import MembershipFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

MY_PAGE = "/mijn-pagina/"


@pytest.fixture
def citizen(client):
    user = UserFactory()
    client.force_login(user)
    return user


def listed(client) -> str:
    response = client.get(MY_PAGE)
    assert response.status_code == 200
    return response.content.decode()


# Mijn portaal: each person to their door ------------------------------------------


def test_my_portal_asks_the_anonymous_to_sign_in_and_come_back(client):
    response = client.get("/mijn-portaal/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/mijn-portaal/"


@pytest.mark.parametrize(
    ("make_person", "door"),
    [
        (UserFactory, MY_PAGE),
        (lambda: MembershipFactory().user, "/partners/"),
        (StaffFactory, "/intranet/"),
    ],
    ids=["citizen", "partner", "civil servant"],
)
def test_my_portal_leads_each_person_to_their_door_never_home(
    client, make_person, door
):
    client.force_login(make_person())
    response = client.get("/mijn-portaal/")
    assert response.status_code == 302
    assert response["Location"] == door != "/"


def test_my_page_asks_the_anonymous_to_sign_in(client):
    response = client.get(MY_PAGE)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={MY_PAGE}"


def test_my_page_leads_to_the_account_settings(client, citizen):
    html = listed(client)
    assert citizen.email in html
    for name in ("account_email", "account_change_password", "mfa_index"):
        assert f'href="{reverse(name)}"' in html
    assert "Je hebt nog geen diensten bewaard." in html


def test_a_citizen_at_the_partner_portal_is_shown_their_own_page(client, citizen):
    response = client.get("/partners/")
    assert response.status_code == 403
    assert f'href="{MY_PAGE}"' in response.content.decode()
