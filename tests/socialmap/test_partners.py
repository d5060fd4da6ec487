"""Partner upkeep: a partner proposes a change to its own service; the public keeps
seeing the published version until a civil servant publishes the proposal."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from cms.socialmap.demo.loader import demo_id
from cms.socialmap.models import Organization, Service
from cms.socialmap.services import service_propose_change
from portal.models import Membership
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

SOCIAL_HOUSING = demo_id(
    "service", "wilgenland", "Inschrijven voor een sociale huurwoning"
)
PROPOSED = "Nieuw: inschrijven kan ook online, met uw eID."


def linked(organization: Organization) -> Organization:
    """The social-map organisation, linked to a partner organisation of the portal
    (the demo links them when the portal's demo accounts are loaded)."""
    if organization.portal_organisation is None:
        organization.portal_organisation = OrganisationFactory(is_partner=True)
        organization.save(update_fields=["portal_organisation"])
    return organization


@pytest.fixture
def housing(social_map_module):
    service = Service.objects.select_related("organization").get(pk=SOCIAL_HOUSING)
    linked(service.organization)
    return service


@pytest.fixture
def member(housing):
    user = UserFactory()
    MembershipFactory(
        user=user,
        organisation=housing.organization.portal_organisation,
        status=Membership.Status.ACTIVE,
    )
    return user


def test_a_proposal_stays_invisible_until_published(client, housing, member):
    original = housing.description
    revision = service_propose_change(
        service=housing, user=member, changes={"description": PROPOSED}
    )
    housing.refresh_from_db()
    assert housing.description == original  # the live row is untouched
    assert housing.has_unpublished_changes
    page = client.get(reverse("socialmap:service", args=[housing.pk]))
    assert PROPOSED not in page.content.decode()
    api = client.get(reverse("hsds:service", args=[housing.pk])).json()
    assert api["description"] == original
    found = client.get(reverse("hsds:services"), {"search": "eID"}).json()
    assert str(housing.pk) not in {item["id"] for item in found["contents"]}

    revision.publish()  # what a civil servant does in the admin
    housing.refresh_from_db()
    assert housing.description == PROPOSED
    page = client.get(reverse("socialmap:service", args=[housing.pk]))
    assert PROPOSED in page.content.decode()
    assert housing.live_revision == revision
    assert housing.revisions.count() == 2  # the import and the proposal, both kept


def test_only_members_of_the_linked_organisation_may_propose(housing):
    outsider = UserFactory()
    MembershipFactory(
        user=outsider,
        organisation=OrganisationFactory(),
        status=Membership.Status.ACTIVE,
    )
    with pytest.raises(PermissionDenied):
        service_propose_change(
            service=housing, user=outsider, changes={"description": PROPOSED}
        )


def test_partners_cannot_change_other_fields(housing, member):
    with pytest.raises(Exception):  # noqa: B017 - ValidationError
        service_propose_change(service=housing, user=member, changes={"name": "X"})


def test_the_partner_portal_form(client, housing, member):
    client.force_login(member)
    listing = client.get(reverse("socialmap_partners:proposals"))
    assert listing.status_code == 200
    assert housing.name in listing.content.decode()
    url = reverse("socialmap_partners:propose", args=[housing.pk])
    form = client.get(url)
    assert form.status_code == 200
    data = {
        "description": PROPOSED,
        "application_process": housing.application_process,
        "eligibility_description": housing.eligibility_description,
        "fees_description": housing.fees_description,
        "email": housing.email,
        "url": housing.url,
        "alert": housing.alert,
    }
    response = client.post(url, data)
    assert response.status_code == 302
    housing.refresh_from_db()
    assert housing.has_unpublished_changes
    assert housing.description != PROPOSED
    assert (
        "wacht op publicatie"
        in client.get(reverse("socialmap_partners:proposals")).content.decode()
    )


def test_another_partners_service_is_hidden(client, housing):
    other = UserFactory()
    brugwachter = linked(Organization.objects.get(name="De Brugwachter vzw"))
    MembershipFactory(
        user=other,
        organisation=brugwachter.portal_organisation,
        status=Membership.Status.ACTIVE,
    )
    client.force_login(other)
    url = reverse("socialmap_partners:propose", args=[housing.pk])
    assert client.get(url).status_code == 404
