"""A merged signal's target carries both organisations: the merged-in organisation
sees it through pages, API, files and search, already while it is only submitted,
and nobody else sees more than before."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from cms.signals.models import SignalState
from cms.signals.services import signal_create, signal_transition
from search.selectors import search_documents
from tests.factories import MembershipFactory, OrganisationFactory
from tests.factories import signed_in_client as portal_client

S = SignalState


def raise_and_submit(*, by, organisation, title: str):
    pdf = SimpleUploadedFile("verslag.pdf", b"%PDF-1.4 test", "application/pdf")
    signal, _ = signal_create(
        by=by,
        organisation=organisation,
        title=title,
        description="Gezinnen vinden geen crisisopvang in de regio.",
        attachments=[pdf],
    )
    return signal_transition(signal=signal, to=S.SUBMITTED, by=by)


@pytest.fixture
def merged(organisation, member, other_partner, civil_servant):
    """The other partner's signal merged into the member's submitted one."""
    target = raise_and_submit(
        by=member, organisation=organisation, title="Te weinig crisisopvang"
    )
    source = raise_and_submit(
        by=other_partner,
        organisation=other_partner.memberships.get().organisation,
        title="Geen noodopvang voor gezinnen",
    )
    signal_transition(signal=source, to=S.MERGED, by=civil_servant, merged_into=target)
    target.refresh_from_db()
    assert target.state == S.SUBMITTED
    return target


@pytest.fixture
def outsider(db):
    """A member of a third partner organisation, without signal duty."""
    return MembershipFactory(
        organisation=OrganisationFactory(name="Buurtwerk", is_partner=True)
    ).user


# role -> whether they see the submitted target
SEES_TARGET = {
    "member": True,
    "other_partner": True,  # its signal was merged in
    "signal_coordinator": True,
    "civil_servant": True,
    "outsider": False,
    "citizen": False,
}


def found_keys(user, query: str = "crisisopvang") -> set[str]:
    return {hit.key for hit in search_documents(query=query, user=user).hits}


@pytest.mark.parametrize("role", SEES_TARGET)
def test_the_target_is_seen_through_pages_api_and_files(request, merged, role):
    user = request.getfixturevalue(role)
    expected = SEES_TARGET[role]
    attachment = merged.attachments.get()

    client = portal_client(user)
    page = client.get(f"/partners/signalen/{merged.pk}/")
    download = client.get(attachment.get_absolute_url())
    api = APIClient()
    api.force_authenticate(user)
    detail = api.get(f"/api/v1/signals/{merged.pk}/")
    listed = {row["id"] for row in api.get("/api/v1/signals/").json()["results"]}

    if expected:
        assert page.status_code == 200
        assert download.status_code == 200
        assert detail.status_code == 200
        assert merged.pk in listed
    else:
        # A citizen is shown the right door (403); partners get a plain 404.
        assert page.status_code in (403, 404)
        assert download.status_code in (403, 404)
        assert detail.status_code == 404
        assert merged.pk not in listed


@pytest.mark.parametrize(
    "role", ["member", "other_partner", "civil_servant", "outsider", "citizen"]
)
def test_the_target_is_found_in_search_by_its_organisations_only(request, merged, role):
    user = request.getfixturevalue(role)
    keys = found_keys(user)
    mine = {key for key in keys if key.split("#")[0] == f"signals.signal:{merged.pk}"}
    if SEES_TARGET[role]:
        assert mine, role
    else:
        assert not mine, role
    if role in ("member", "other_partner"):
        # each organisation finds it once
        assert len(mine) == 1


def test_the_merged_in_organisation_keeps_finding_it_once_registered(
    merged, other_partner, outsider, civil_servant
):
    signal_transition(signal=merged, to=S.REGISTERED, by=civil_servant)
    key = f"signals.signal:{merged.pk}"
    # shared with every partner now: one document, found by all of them
    assert key in found_keys(other_partner)
    assert key in found_keys(outsider)
    assert {k for k in found_keys(civil_servant) if k.startswith(key)} == {key}
