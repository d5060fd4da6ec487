"""Reviewing proposals for the social map: a civil servant sees the waiting
proposals and reports on the intranet, compares each part with what is published
and takes over the parts chosen (a new published revision), rejects the rest or
leaves it for later; nothing is half-saved; only those who publish services may
review. Citizens report mistakes without an account, behind a trap field and a
limit per network."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from wagtail.models import ModelLogEntry

from cms.demo.accounts import (
    CIVIL_SERVANT_EMAIL,
    DEMO_ACCOUNTS,
    demo_password,
    ensure_account,
    ensure_organisations,
)
from cms.socialmap import proposals as parts
from cms.socialmap.models import (
    ProposalKind,
    ProposalState,
    ReportTopic,
    Service,
    ServiceProposal,
)
from cms.socialmap.selectors import proposals_awaiting_review
from cms.socialmap.services import (
    PROPOSAL_ACCEPT_LOG_ACTION,
    REPORT_LIMIT,
    ReportLimitReached,
    proposal_decide,
    service_propose_change,
    service_report_problem,
)
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
NEW_HOURS = [
    {
        "byday": "MO,WE,FR",
        "opens_at": "08:30:00",
        "closes_at": "12:30:00",
        "valid_from": None,
        "valid_to": None,
        "description": "",
    }
]
NEW_DESCRIPTION = "Schrijf u in op het woonregister, ook online."


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


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


def propose(service: Service, user, **changes) -> ServiceProposal:
    return service_propose_change(
        service=service,
        user=user,
        changes=changes or {"alert": "Nieuw: ook online."},
    )


def dashboard(client, user) -> str:
    client.force_login(user)
    response = client.get("/intranet/")
    assert response.status_code == 200
    return response.content.decode()


def review_url(proposal: ServiceProposal) -> str:
    return reverse("intranet:socialmap_proposal", args=[proposal.pk])


# The intranet's overview.


def test_a_civil_servant_sees_the_waiting_proposals(
    client, civil_servant, services, partner
):
    assert HEADING not in dashboard(client, civil_servant)

    first = propose(services[0], partner)
    html = dashboard(client, civil_servant)
    assert HEADING in html
    assert "Eén voorstel of melding wacht op nazicht." in html
    assert f'href="{review_url(first)}"' in html

    second = propose(services[1], partner)
    html = dashboard(client, civil_servant)
    assert "2 voorstellen en meldingen wachten op nazicht." in html
    assert f'href="{review_url(second)}"' in html

    proposal_decide(proposal=first, user=civil_servant, accepted={"alert"})
    html = dashboard(client, civil_servant)
    assert f'href="{review_url(first)}"' not in html
    assert "Eén voorstel of melding wacht op nazicht." in html
    listing = client.get(reverse("intranet:socialmap_proposals")).content.decode()
    assert "Onlangs afgehandeld" in listing and "Overgenomen" in listing


def test_a_civil_servants_own_draft_is_no_proposal(client, civil_servant, services):
    draft = services[0].get_latest_revision_as_object()
    draft.alert = "Concept van de dienst welzijn."
    draft.save_revision(user=civil_servant)
    assert Service.objects.get(pk=services[0].pk).has_unpublished_changes
    assert HEADING not in dashboard(client, civil_servant)


def test_a_partner_does_not_see_the_proposals(client, services, partner):
    proposal = propose(services[0], partner)
    client.force_login(partner)
    for door in ("/intranet/", "/partners/"):
        response = client.get(door)
        assert HEADING not in response.content.decode()
    assert client.get("/intranet/").status_code == 403
    assert client.get(review_url(proposal)).status_code == 403
    assert not proposals_awaiting_review(partner).exists()


def test_staff_who_may_not_publish_services_do_not_see_them(client, services, partner):
    proposal = propose(services[0], partner)
    staff = StaffFactory()  # staff, but not in the Civil servants group
    assert HEADING not in dashboard(client, staff)
    assert not proposals_awaiting_review(staff).exists()
    assert client.get(review_url(proposal)).status_code == 404
    assert client.post(review_url(proposal), {"action": "afwijzen"}).status_code == 404


# Deciding, in the service layer.


def test_only_the_accepted_parts_are_published(services, partner, civil_servant):
    housing = services[0]
    before = housing.description
    proposal = propose(
        housing, partner, schedules=NEW_HOURS, description=NEW_DESCRIPTION
    )
    revisions = housing.revisions.count()

    proposal_decide(
        proposal=proposal, user=civil_servant, accepted={"schedules"}, rejected=set()
    )
    housing = Service.objects.get(pk=housing.pk)
    assert parts.current_values(housing)["schedules"] == NEW_HOURS
    assert housing.description == before
    assert housing.revisions.count() == revisions + 1
    assert housing.live_revision == housing.latest_revision
    assert not housing.has_unpublished_changes
    assert housing.live_revision.user == civil_servant
    assert ModelLogEntry.objects.filter(
        revision=housing.latest_revision, action=PROPOSAL_ACCEPT_LOG_ACTION
    ).exists()
    proposal.refresh_from_db()
    assert proposal.decisions == {"schedules": "accepted"}
    assert proposal.state == ProposalState.PARTLY_ACCEPTED
    assert proposal.is_open  # the description waits
    assert proposal in proposals_awaiting_review(civil_servant)

    proposal_decide(proposal=proposal, user=civil_servant, rejected={"description"})
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.PARTLY_ACCEPTED
    assert not proposal.is_open and proposal.decided_by == civil_servant
    assert Service.objects.get(pk=housing.pk).description == before
    with pytest.raises(ValidationError, match="al beslist"):
        proposal_decide(proposal=proposal, user=civil_servant, accepted={"alert"})


def test_all_accepted_or_all_rejected(services, partner, civil_servant):
    accepted = propose(services[0], partner, alert="Verhuisd naar de Markt.")
    proposal_decide(proposal=accepted, user=civil_servant, accepted={"alert"})
    accepted.refresh_from_db()
    assert accepted.state == ProposalState.ACCEPTED
    assert Service.objects.get(pk=services[0].pk).alert == "Verhuisd naar de Markt."

    rejected = propose(services[1], partner, alert="Iets verkeerds.")
    proposal_decide(proposal=rejected, user=civil_servant, rejected={"alert"})
    rejected.refresh_from_db()
    assert rejected.state == ProposalState.REJECTED
    assert Service.objects.get(pk=services[1].pk).alert != "Iets verkeerds."


def test_an_unpublished_service_gets_a_draft_not_a_publication(
    services, partner, civil_servant
):
    housing = services[0]
    proposal = propose(housing, partner, alert="Tijdelijk elders.")
    Service.objects.filter(pk=housing.pk).update(live=False)
    proposal_decide(proposal=proposal, user=civil_servant, accepted={"alert"})
    housing = Service.objects.get(pk=housing.pk)
    assert not housing.live and housing.has_unpublished_changes
    assert housing.alert != "Tijdelijk elders."
    assert housing.get_latest_revision_as_object().alert == "Tijdelijk elders."


def test_an_address_goes_to_the_location(services, partner, civil_servant):
    housing = services[0]
    location = parts.locations_of(housing)[0]
    key = parts.location_key(location)
    address = {**parts.current_values(housing)[key], "address_1": "Markt 12"}
    proposal = propose(housing, partner, **{key: address})
    proposal_decide(proposal=proposal, user=civil_servant, accepted={key})
    location.refresh_from_db()
    assert location.address_1 == "Markt 12"
    assert location.revisions.exists()


def test_nobody_else_decides(services, partner):
    proposal = propose(services[0], partner)
    for user in (partner, StaffFactory(), UserFactory()):
        with pytest.raises(PermissionDenied):
            proposal_decide(proposal=proposal, user=user, accepted={"alert"})
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.OPEN and proposal.decisions == {}
    assert Service.objects.get(pk=services[0].pk).alert != "Nieuw: ook online."


def test_a_part_that_no_longer_fits_saves_nothing(services, partner, civil_servant):
    housing = services[0]
    location = parts.locations_of(housing)[0]
    key = parts.location_key(location)
    street = location.address_1
    address = {**parts.current_values(housing)[key], "address_1": "Markt 12"}
    proposal = propose(housing, partner, **{key: address})
    # Stored before the models' rules changed, say: an opening hour without days
    # or dates no longer passes.
    proposal.changes["schedules"] = [{"opens_at": "09:00:00", "closes_at": "12:00:00"}]
    proposal.save()
    with pytest.raises(ValidationError):
        proposal_decide(
            proposal=proposal, user=civil_servant, accepted={key, "schedules"}
        )
    location.refresh_from_db()
    assert location.address_1 == street
    proposal.refresh_from_db()
    assert proposal.decisions == {} and proposal.state == ProposalState.OPEN


# "Meld een fout".


def report(service, **kwargs) -> ServiceProposal | None:
    values = {
        "user": AnonymousUser(),
        "topic": ReportTopic.HOURS,
        "message": "Op woensdag is het loket dicht.",
        "client": "192.0.2.10",
        **kwargs,
    }
    return service_report_problem(service=service, **values)


def test_a_citizen_reports_a_mistake(services, civil_servant):
    stored = report(services[0], email="burger@example.org")
    assert stored.kind == ProposalKind.REPORT
    assert stored.topic == ReportTopic.HOURS
    assert stored.proposed_by is None
    assert stored.reporter_email == "burger@example.org"
    assert stored in proposals_awaiting_review(civil_servant)
    proposal_decide(proposal=stored, user=civil_servant, accepted={"report"})
    stored.refresh_from_db()
    assert stored.state == ProposalState.ACCEPTED and not stored.is_open


def test_the_trap_field_keeps_robots_out(services):
    assert report(services[0], trap="https://spam.example") is None
    assert not ServiceProposal.objects.exists()


def test_one_network_sends_a_few_reports_an_hour(services):
    for _ in range(REPORT_LIMIT):
        report(services[0])
    with pytest.raises(ReportLimitReached):
        report(services[0])
    assert ServiceProposal.objects.count() == REPORT_LIMIT
    assert report(services[0], client="198.51.100.7") is not None  # another one


def test_no_report_on_an_unpublished_service(services):
    hidden = services[1]
    Service.objects.filter(pk=hidden.pk).update(live=False)
    with pytest.raises(PermissionDenied):
        report(Service.objects.get(pk=hidden.pk))


# The pages.


def test_the_report_page(client, services):
    service_page = reverse("socialmap:service", args=[services[0].pk])
    url = reverse("socialmap:report", args=[services[0].pk])
    assert f'href="{url}"' in client.get(service_page).content.decode()
    page = client.get(url)
    assert page.status_code == 200
    assert "Meld een fout" in page.content.decode()

    empty = client.post(url, {"topic": "hours", "message": ""})
    assert empty.status_code == 200 and "data-form-errors" in empty.content.decode()
    assert not ServiceProposal.objects.exists()

    sent = client.post(url, {"topic": "hours", "message": "Het nummer klopt niet."})
    assert sent.status_code == 302 and sent["Location"] == service_page
    assert ServiceProposal.objects.get().message == "Het nummer klopt niet."

    trapped = client.post(
        url, {"topic": "hours", "message": "Koop nu", "website": "spam"}
    )
    assert trapped.status_code == 302  # a robot is told nothing
    assert ServiceProposal.objects.count() == 1


def test_the_report_page_says_when_the_limit_is_reached(client, services):
    url = reverse("socialmap:report", args=[services[0].pk])
    for _ in range(REPORT_LIMIT):
        client.post(url, {"topic": "other", "message": "Fout"})
    limited = client.post(url, {"topic": "other", "message": "Nog een fout"})
    assert limited.status_code == 429
    assert "Probeer het over een uur opnieuw" in limited.content.decode()
    assert ServiceProposal.objects.count() == REPORT_LIMIT


def test_the_review_page_takes_over_the_chosen_parts(
    client, services, partner, civil_servant
):
    housing = services[0]
    proposal = propose(
        housing, partner, schedules=NEW_HOURS, description=NEW_DESCRIPTION
    )
    client.force_login(civil_servant)
    page = client.get(review_url(proposal))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Nu gepubliceerd" in html and "Voorgesteld" in html
    assert "<ins>maandag, woensdag, vrijdag: 08:30–12:30</ins>" in html
    assert "<del>maandag, woensdag: 09:00–12:00</del>" in html
    assert 'value="schedules"' in html and 'value="description"' in html

    nothing = client.post(review_url(proposal), {"action": "overnemen"})
    assert "Vink minstens één onderdeel aan" in nothing.content.decode()
    response = client.post(
        review_url(proposal), {"action": "overnemen", "accept": ["schedules"]}
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.decisions == {
        "schedules": "accepted",
        "description": "rejected",
    }
    public = client.get(reverse("socialmap:service", args=[housing.pk]))
    assert "08:30–12:30" in public.content.decode()
    assert NEW_DESCRIPTION not in public.content.decode()
    again = client.post(
        review_url(proposal), {"action": "overnemen", "accept": ["description"]}
    )
    assert again.status_code == 200  # no longer open: refused, not a 500
    assert Service.objects.get(pk=housing.pk).description != NEW_DESCRIPTION


def test_changes_since_the_proposal_are_marked(services, partner, civil_servant):
    housing = services[0]
    proposal = propose(housing, partner, alert="Nieuw")
    Service.objects.filter(pk=housing.pk).update(alert="Intussen anders")
    found = parts.differences(Service.objects.get(pk=housing.pk), proposal)
    assert [(item.key, item.changed_since) for item in found] == [("alert", True)]


def test_dates_and_times_read_in_dutch():
    lines = parts.describe(
        "schedules",
        [
            {"byday": "", "valid_from": "2026-07-27", "valid_to": "2026-08-07"},
            {"byday": "TH", "opens_at": "13:00:00", "closes_at": "18:00:00"},
        ],
    )
    assert lines == [
        "27 juli 2026 – 7 augustus 2026: gesloten",
        "donderdag: 13:00–18:00",
    ]
