"""The rules of `portal.access.signals` as callers meet them: a membership that
ended takes its rights along (the author keeps reading), the public reads only
what a bundle publishes, and other organisations read organisations, not people,
on the timeline. Through the portal and the API alike."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from rest_framework.test import APIClient

from cms.signals.models import BundleSignal, SignalBundlePage, SignalState
from cms.signals.services import (
    signal_comment,
    signal_consent_give,
    signal_transition,
)
from portal.access import signal_permissions
from portal.access.roles import is_signal_coordinator
from portal.access.signals import signal_coordinators
from portal.memberships import membership_end
from portal.models import Membership
from tests.factories import StaffFactory, UserFactory

S = SignalState

# A step from each state that the organisation or anyone else could take.
NEXT = {
    S.DRAFT: S.SUBMITTED,
    S.RETURNED: S.SUBMITTED,
    S.SUBMITTED: S.REGISTERED,
    S.BUNDLED: S.ANALYSED,
}

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def portal(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def former_member(organisation, coordinator):
    """A member who wrote signals for the organisation, then left it; still a
    partner through another organisation (so the partner portal stays open)."""
    membership = Membership.objects.create(
        user=UserFactory(email="vertrokken@example.test", first_name="Vera"),
        organisation=organisation,
        status=Membership.Status.ACTIVE,
        role=Membership.Role.COORDINATOR,
    )
    return membership


def _leave(membership):
    membership_end(membership=membership, by=membership.user)
    membership.user.refresh_from_db()
    return membership.user


@pytest.fixture
def written(make_signal, former_member, other_partner):
    """Signals the former member wrote, in the states a write could apply to."""
    author = former_member.user
    signals = {
        state: make_signal(state=state, author=author, title=f"Geschreven {state}")
        for state in (S.DRAFT, S.RETURNED, S.SUBMITTED, S.BUNDLED)
    }
    # still a partner elsewhere, so the door lets them in
    Membership.objects.create(
        user=author,
        organisation=other_partner.memberships.get().organisation,
        status=Membership.Status.ACTIVE,
    )
    _leave(former_member)
    return signals


def test_a_former_member_keeps_reading_what_they_wrote(written):
    author = next(iter(written.values())).author
    for signal in written.values():
        permissions = signal_permissions(author, signal)
        assert permissions.can_view
        assert not permissions.acts_for_organisation
        assert not permissions.can_edit
        assert not permissions.can_consent
        assert permissions.allowed_transitions == ()
        assert portal(author).get(f"/partners/signalen/{signal.pk}/").status_code == 200
        assert api(author).get(f"/api/v1/signals/{signal.pk}/").status_code == 200


def test_a_former_member_may_not_write_through_the_portal(written):
    author = next(iter(written.values())).author
    client = portal(author)
    draft = written[S.DRAFT]
    base = f"/partners/signalen/{draft.pk}/"
    assert client.get(base + "bewerken/").status_code == 403
    upload = SimpleUploadedFile("verslag.pdf", PDF, "application/pdf")
    edit = {"title": "Gewijzigd", "description": "x", "version": 1}
    assert (
        client.post(base + "bewerken/", {**edit, "attachments": upload}).status_code
        == 403
    )
    for state in (S.DRAFT, S.RETURNED):
        base = f"/partners/signalen/{written[state].pk}/"
        response = client.post(base + "status/", {"to": S.SUBMITTED})
        assert response.status_code == 403
    for signal in written.values():
        base = f"/partners/signalen/{signal.pk}/"
        assert (
            client.post(base + "toestemming/", {"consent": "give"}).status_code == 403
        )
    for state in (S.DRAFT, S.RETURNED, S.SUBMITTED):
        # seen only as their author: no comment (a registered signal any partner
        # may comment on, they too, through their other organisation)
        base = f"/partners/signalen/{written[state].pk}/"
        response = client.post(base + "opmerking/", {"opmerking-note": "Nog iets"})
        assert response.status_code == 403
    for signal in written.values():
        before = signal.state, signal.version, signal.consent_given
        signal.refresh_from_db()
        assert (signal.state, signal.version, signal.consent_given) == before
        assert not signal.attachments.exists()


@pytest.mark.parametrize(
    ("method", "path", "data", "format"),
    [
        ("patch", "", {"title": "Gewijzigd"}, "json"),
        ("post", "transitions/", {"to": "submitted"}, "json"),
        ("post", "consent/", {"consent": True}, "json"),
        ("post", "attachments/", "file", "multipart"),
    ],
)
def test_a_former_member_may_not_write_through_the_api(
    written, method, path, data, format
):
    author = next(iter(written.values())).author
    for signal in written.values():
        payload = data
        if path == "transitions/":
            payload = {"to": NEXT[signal.state]}
        if data == "file":
            payload = {
                "file": SimpleUploadedFile("verslag.pdf", PDF, "application/pdf")
            }
        response = getattr(api(author), method)(
            f"/api/v1/signals/{signal.pk}/{path}", payload, format=format
        )
        assert response.status_code in (403, 404), (signal.state, response.json())
        before = signal.version, signal.state
        signal.refresh_from_db()
        assert (signal.version, signal.state) == before
        assert not signal.attachments.exists()


def test_a_former_member_may_not_comment_on_a_signal_only_they_still_see(written):
    author = next(iter(written.values())).author
    with pytest.raises(PermissionDenied):
        signal_comment(signal=written[S.DRAFT], by=author, note="Nog iets")


def test_while_a_member_the_same_person_may_write(make_signal, former_member):
    signal = make_signal(state=S.DRAFT, author=former_member.user)
    response = api(former_member.user).patch(
        f"/api/v1/signals/{signal.pk}/", {"title": "Gewijzigd"}, format="json"
    )
    assert response.status_code == 200


@pytest.fixture
def published(home, make_signal, coordinator):
    signal = make_signal(
        state=S.BUNDLED,
        title="Geen betaalbare huurwoningen",
        example="Een gezin met drie kinderen in de Molenwijk",
        affected="Gezinnen met kinderen",
        causes="Te weinig sociale woningen",
    )
    page = SignalBundlePage(title="Signalenbundel 2026", edition="Signalenbundel 2026")
    home.add_child(instance=page)
    BundleSignal.objects.create(page=page, signal=signal, analysis="Analyse")
    page.save_revision().publish()
    signal_consent_give(signal=signal, by=coordinator)
    signal_transition(signal=signal, to=S.ANALYSED, by=StaffFactory())
    signal.refresh_from_db()
    return signal


BUNDLE_FIELDS = {
    "id",
    "reference",
    "title",
    "description",
    "organisation",
    "life_domains",
    "answer",
    "answered_on",
}


def test_the_public_reads_only_what_the_bundle_shows(published):
    response = api().get(f"/api/v1/signals/{published.pk}/")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == BUNDLE_FIELDS
    for hidden in ("example", "affected", "causes", "addressee", "created_at"):
        assert hidden not in body
    text = response.content.decode()
    assert "Molenwijk" not in text and "sociale woningen" not in text
    listed = api().get("/api/v1/signals/").json()["results"]
    assert [set(item) for item in listed] == [BUNDLE_FIELDS]
    bundle = api().get("/api/v1/bundles/").json()["results"][0]
    assert set(bundle["signals"][0]["signal"]) == BUNDLE_FIELDS


def test_partners_read_the_whole_signal(published, other_partner):
    body = api(other_partner).get(f"/api/v1/signals/{published.pk}/").json()
    assert body["example"] == published.example
    assert "created_at" in body


def test_other_organisations_read_the_organisation_not_the_person(
    make_signal, member, other_partner, civil_servant
):
    signal = make_signal(state=S.DRAFT, author=member)
    signal_transition(signal=signal, to=S.SUBMITTED, by=member)
    signal.refresh_from_db()
    signal_transition(signal=signal, to=S.REGISTERED, by=civil_servant)
    name = member.get_full_name()
    organisation = signal.organisation.name
    assert name

    events = api(other_partner).get(f"/api/v1/signals/{signal.pk}/timeline/").json()
    submitted = next(event for event in events if event["to_state"] == "submitted")
    assert submitted["actor"] == ""
    assert submitted["organisation"]["name"] == organisation
    page = portal(other_partner).get(f"/partners/signalen/{signal.pk}/")
    assert page.status_code == 200
    assert name not in page.content.decode()
    assert organisation in page.content.decode()

    own = api(member).get(f"/api/v1/signals/{signal.pk}/timeline/").json()
    assert next(e for e in own if e["to_state"] == "submitted")["actor"] == name
    assert (
        name in portal(member).get(f"/partners/signalen/{signal.pk}/").content.decode()
    )


def test_one_definition_of_signal_coordinator(
    signal_coordinator, civil_servant, member, citizen
):
    """Who screens (`is_signal_coordinator`) is who is told (`signal_coordinators`)."""
    staff_outside_groups = StaffFactory()
    people = [signal_coordinator, civil_servant, member, citizen, staff_outside_groups]
    told = set(signal_coordinators())
    for person in people:
        assert is_signal_coordinator(person) is (person in told), person
    assert staff_outside_groups in told and member not in told
