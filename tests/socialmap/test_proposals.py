"""Partners' proposals on the intranet: a civil servant sees how many wait, each
linked to its service in the admin, until one is published; a civil servant's own
draft is no proposal; partners and staff without the rights see no such block."""

import pytest
from django.urls import reverse

from cms.demo.accounts import (
    CIVIL_SERVANT_EMAIL,
    DEMO_ACCOUNTS,
    demo_password,
    ensure_account,
    ensure_organisations,
)
from cms.socialmap.models import Service
from cms.socialmap.selectors import proposals_awaiting_review
from cms.socialmap.services import service_propose_change
from portal.models import Membership
from tests.factories import (
    MembershipFactory,
    StaffFactory,
    UserFactory,
    enrol_second_factor,
)
from tests.socialmap.test_partners import SOCIAL_HOUSING, linked

pytestmark = pytest.mark.django_db

HEADING = "Voorstellen voor de sociale kaart"


@pytest.fixture
def civil_servant():
    """ambtenaar@demo.lokaal as the demo makes it (group Civil servants), with the
    second factor staff must have."""
    organisations, _ = ensure_organisations()
    account = next(item for item in DEMO_ACCOUNTS if item.email == CIVIL_SERVANT_EMAIL)
    user, _ = ensure_account(
        account, password=demo_password(), organisations=organisations
    )
    enrol_second_factor(user)
    return user


@pytest.fixture
def services(social_map_module) -> list[Service]:
    """Two services of the housing company, linked to a partner organisation."""
    housing = Service.objects.select_related("organization").get(pk=SOCIAL_HOUSING)
    linked(housing.organization)
    other = (
        Service.objects.filter(organization=housing.organization)
        .exclude(pk=housing.pk)
        .order_by("name")
        .first()
    )
    return [housing, other]


@pytest.fixture
def partner(services):
    user = UserFactory()
    MembershipFactory(
        user=user,
        organisation=services[0].organization.portal_organisation,
        status=Membership.Status.ACTIVE,
    )
    return user


def propose(service: Service, user):
    return service_propose_change(
        service=service, user=user, changes={"alert": "Nieuw: ook online."}
    )


def dashboard(client, user) -> str:
    client.force_login(user)
    response = client.get("/intranet/")
    assert response.status_code == 200
    return response.content.decode()


def edit_url(service: Service) -> str:
    return reverse("wagtailsnippets_socialmap_service:edit", args=[service.pk])


def test_a_civil_servant_sees_the_waiting_proposals(
    client, civil_servant, services, partner
):
    assert HEADING not in dashboard(client, civil_servant)

    first = propose(services[0], partner)
    html = dashboard(client, civil_servant)
    assert HEADING in html
    assert "Eén voorstel van een partner wacht op publicatie." in html
    assert f'href="{edit_url(services[0])}"' in html
    assert client.get(edit_url(services[0])).status_code == 200  # may publish it

    propose(services[1], partner)
    html = dashboard(client, civil_servant)
    assert "2 voorstellen van partners wachten op publicatie." in html
    assert f'href="{edit_url(services[1])}"' in html

    first.publish(user=civil_servant)
    html = dashboard(client, civil_servant)
    assert f'href="{edit_url(services[0])}"' not in html
    assert "Eén voorstel van een partner wacht op publicatie." in html


def test_a_civil_servants_own_draft_is_no_proposal(client, civil_servant, services):
    draft = services[0].get_latest_revision_as_object()
    draft.alert = "Concept van de dienst welzijn."
    draft.save_revision(user=civil_servant)
    assert Service.objects.get(pk=services[0].pk).has_unpublished_changes
    assert HEADING not in dashboard(client, civil_servant)


def test_a_partner_does_not_see_the_proposals(client, services, partner):
    propose(services[0], partner)
    client.force_login(partner)
    for door in ("/intranet/", "/partners/"):
        response = client.get(door)
        assert HEADING not in response.content.decode()
    assert client.get("/intranet/").status_code == 403
    assert not proposals_awaiting_review(partner).exists()


def test_staff_who_may_not_publish_services_do_not_see_them(client, services, partner):
    propose(services[0], partner)
    staff = StaffFactory()  # staff, but not in the Civil servants group
    assert HEADING not in dashboard(client, staff)
    assert not proposals_awaiting_review(staff).exists()
