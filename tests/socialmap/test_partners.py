"""Partner upkeep: a partner proposes changes to every part of its own service's
page; the public keeps seeing the published version until a civil servant takes
the proposal over."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from cms.socialmap import proposals as parts
from cms.socialmap.demo.loader import demo_id
from cms.socialmap.models import (
    Organization,
    ProposalKind,
    ProposalState,
    Service,
    ServiceProposal,
)
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


def test_a_proposal_stays_invisible_until_taken_over(client, housing, member):
    original = housing.description
    proposal = service_propose_change(
        service=housing, user=member, changes={"description": PROPOSED}
    )
    assert proposal.kind == ProposalKind.PARTNER
    assert proposal.state == ProposalState.OPEN
    assert proposal.changes == {"description": PROPOSED}
    assert proposal.original == {"description": original}
    housing.refresh_from_db()
    assert housing.description == original  # the live row is untouched
    assert not housing.has_unpublished_changes  # and no draft either
    page = client.get(reverse("socialmap:service", args=[housing.pk]))
    assert PROPOSED not in page.content.decode()
    api = client.get(reverse("hsds:service", args=[housing.pk])).json()
    assert api["description"] == original
    found = client.get(reverse("hsds:services"), {"search": "eID"}).json()
    assert str(housing.pk) not in {item["id"] for item in found["contents"]}


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
    assert not ServiceProposal.objects.exists()


def test_partners_cannot_change_other_fields(housing, member):
    with pytest.raises(ValidationError, match="name"):
        service_propose_change(service=housing, user=member, changes={"name": "X"})
    assert not ServiceProposal.objects.exists()


def test_a_proposal_the_models_refuse_is_not_kept(housing, member):
    bad_hours = [{"byday": "MONDAY", "opens_at": "09:00:00", "closes_at": "12:00:00"}]
    with pytest.raises(ValidationError) as refused:
        service_propose_change(
            service=housing,
            user=member,
            changes={"schedules": bad_hours, "minimum_age": 30, "maximum_age": 12},
        )
    assert set(refused.value.message_dict) == {"schedules", "service"}
    assert not ServiceProposal.objects.exists()


def test_nothing_changed_is_no_proposal(housing, member):
    same = parts.current_values(housing)["schedules"]
    with pytest.raises(ValidationError, match="niets gewijzigd"):
        service_propose_change(
            service=housing, user=member, changes={"schedules": same}
        )


def _form_data(client, url) -> dict:
    """What the form sends when nothing is touched: every field as rendered."""
    form = client.get(url).context["editor"]
    data = {}
    for item in form.forms():
        for field in item:
            value = field.value()
            if field.widget_type == "checkbox":
                if value:
                    data[field.html_name] = "on"
            elif value is not None:
                shown = field.field.widget.format_value(value)
                data[field.html_name] = (
                    shown[0] if isinstance(shown, list) else shown or ""
                )
    for formset in form.formsets():
        for field in formset.management_form:
            data[field.html_name] = field.value()
    return data


def test_the_partner_portal_form_covers_the_page(client, housing, member):
    client.force_login(member)
    listing = client.get(reverse("socialmap_partners:proposals"))
    assert listing.status_code == 200
    assert housing.name in listing.content.decode()
    url = reverse("socialmap_partners:propose", args=[housing.pk])
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    for heading in ("Contact", "Adres:", "Openingsuren en sluitingen", "Talen"):
        assert heading in html
    data = _form_data(client, url)
    assert client.post(url, data).status_code == 302  # nothing changed
    assert not ServiceProposal.objects.exists()

    data["dienst-description"] = PROPOSED
    data["phones-0-number"] = "09 000 99 99"
    data["voorstel-message"] = "Nieuw nummer vanaf januari."
    response = client.post(url, data)
    assert response.status_code == 302
    proposal = ServiceProposal.objects.get()
    assert set(proposal.changes) == {"description", "phones"}
    assert proposal.changes["phones"][0]["number"] == "09 000 99 99"
    assert proposal.message == "Nieuw nummer vanaf januari."
    assert proposal.proposed_by == member
    housing.refresh_from_db()
    assert housing.description != PROPOSED
    listing = client.get(reverse("socialmap_partners:proposals")).content.decode()
    assert "wacht op nazicht" in listing


def test_the_form_shows_errors_and_keeps_nothing(client, housing, member):
    client.force_login(member)
    url = reverse("socialmap_partners:propose", args=[housing.pk])
    data = _form_data(client, url)
    data["schedules-0-opens_at"] = "25:00"
    data["dienst-email"] = "geen adres"
    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "data-form-errors" in html
    assert 'href="#id_dienst-email"' in html
    assert not ServiceProposal.objects.exists()


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
    assert client.post(url, {}).status_code == 404
