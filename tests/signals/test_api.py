"""/api/v1/signals/ and /api/v1/bundles/: the lifecycle, errors in the one format,
and what each caller sees."""

import pytest
from rest_framework.test import APIClient

from cms.models import LifeDomain
from cms.signals.models import SignalState

S = SignalState


def client_for(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_anonymous_callers_see_no_unpublished_signal(make_signal):
    make_signal(state=S.REGISTERED)
    response = client_for().get("/api/v1/signals/")
    assert response.status_code == 200
    assert response.json()["results"] == []


def test_raise_edit_submit_and_register(organisation, member, civil_servant):
    housing = LifeDomain.objects.get(slug="wonen")
    response = client_for(member).post(
        "/api/v1/signals/",
        {
            "organisation": organisation.pk,
            "title": "Geen betaalbare huurwoningen",
            "description": "Gezinnen wachten jaren. Bel 0470 12 34 56.",
            "life_domains": [housing.slug],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    signal = response.json()
    assert signal["state"] == "draft"
    assert signal["reference"].startswith("S-")
    assert [f["kind"] for f in signal["privacy_findings"]] == ["phone"]
    url = f"/api/v1/signals/{signal['id']}/"

    stale = client_for(member).patch(
        url, {"description": "Nieuw", "version": 99}, format="json"
    )
    assert stale.status_code == 409
    assert stale.json()["error"]["code"] == "stale"

    edited = client_for(member).patch(
        url, {"description": "Gezinnen wachten jaren.", "version": 1}, format="json"
    )
    assert edited.status_code == 200
    assert edited.json()["privacy_findings"] == []
    assert edited.json()["version"] == 2

    submitted = client_for(member).post(
        url + "transitions/", {"to": "submitted"}, format="json"
    )
    assert submitted.status_code == 200
    assert submitted.json()["state"] == "submitted"

    refused = client_for(member).post(
        url + "transitions/", {"to": "registered"}, format="json"
    )
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "permission_denied"
    assert "signaalcoördinator" in refused.json()["error"]["message"]

    wrong_state = client_for(civil_servant).post(
        url + "transitions/", {"to": "answered"}, format="json"
    )
    assert wrong_state.status_code == 409
    assert wrong_state.json()["error"]["code"] == "invalid_transition"

    no_reason = client_for(civil_servant).post(
        url + "transitions/", {"to": "rejected"}, format="json"
    )
    assert no_reason.status_code == 400
    assert "note" in no_reason.json()["error"]["fields"]

    registered = client_for(civil_servant).post(
        url + "transitions/", {"to": "registered", "note": "Structureel"}, format="json"
    )
    assert registered.status_code == 200
    timeline = client_for(member).get(url + "timeline/").json()
    assert [event["kind"] for event in timeline] == [
        "created",
        "edited",
        "transition",
        "transition",
    ]
    assert timeline[-1]["to_state"] == "registered"


def test_a_registered_signal_cannot_be_edited(make_signal, member):
    signal = make_signal(state=S.REGISTERED)
    response = client_for(member).patch(
        f"/api/v1/signals/{signal.pk}/", {"title": "Anders"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "not_editable"


def test_personal_data_blocks_registration(make_signal, civil_servant):
    signal = make_signal(state=S.SUBMITTED, example="RRN 85.07.30-033.28")
    response = client_for(civil_servant).post(
        f"/api/v1/signals/{signal.pk}/transitions/", {"to": "registered"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "personal_data"


def test_missing_fields_are_reported_per_field(organisation, member):
    response = client_for(member).post(
        "/api/v1/signals/", {"organisation": organisation.pk}, format="json"
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert {"title", "description"} <= set(error["fields"])


def test_a_partner_cannot_raise_for_another_organisation(organisation, other_partner):
    response = client_for(other_partner).post(
        "/api/v1/signals/",
        {"organisation": organisation.pk, "title": "T", "description": "D"},
        format="json",
    )
    assert response.status_code == 403


def test_invisible_signals_answer_404(make_signal, other_partner):
    signal = make_signal(state=S.DRAFT)
    assert (
        client_for(other_partner).get(f"/api/v1/signals/{signal.pk}/").status_code
        == 404
    )
    response = client_for(other_partner).post(
        f"/api/v1/signals/{signal.pk}/transitions/", {"to": "submitted"}, format="json"
    )
    assert response.status_code == 404


def test_consent_by_the_organisations_coordinator(make_signal, coordinator, member):
    signal = make_signal(state=S.BUNDLED)
    url = f"/api/v1/signals/{signal.pk}/consent/"
    refused = client_for(member).post(url, {"consent": True}, format="json")
    assert refused.status_code == 403
    given = client_for(coordinator).post(url, {"consent": True}, format="json")
    assert given.status_code == 200
    assert given.json()["consent_given"] is True
    again = client_for(coordinator).post(url, {"consent": True}, format="json")
    assert again.status_code == 400
    assert again.json()["error"]["code"] == "consent_unchanged"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("state=registered", {"Eén"}),
        ("state=closed", {"Twee"}),
        ("year=2026", {"Eén", "Twee"}),
        ("year=1999", set()),
        ("life_domain=wonen", {"Twee"}),
    ],
)
def test_filters(make_signal, other_partner, query, expected):
    from django.utils import timezone

    make_signal(state=S.REGISTERED, title="Eén")
    second = make_signal(state=S.CLOSED, title="Twee")
    second.life_domains.add(LifeDomain.objects.get(slug="wonen"))
    year = timezone.now().year
    query = query.replace("2026", str(year))
    response = client_for(other_partner).get(f"/api/v1/signals/?{query}")
    assert response.status_code == 200
    assert {s["title"] for s in response.json()["results"]} == expected


def test_bundles_list(home):
    response = client_for().get("/api/v1/bundles/")
    assert response.status_code == 200


def _upload(user, signal, file):
    return client_for(user).post(
        f"/api/v1/signals/{signal.pk}/attachments/", {"file": file}, format="multipart"
    )


def test_attach_a_file_through_the_api(make_signal, member):
    from django.core.files.uploadedfile import SimpleUploadedFile

    signal = make_signal(state=S.DRAFT)
    pdf = SimpleUploadedFile("verslag.pdf", b"%PDF-1.4 inhoud", "application/pdf")
    response = _upload(member, signal, pdf)
    assert response.status_code == 201, response.json()
    assert response.json()["filename"] == "verslag.pdf"
    assert signal.attachments.count() == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("tool.exe", b"MZ", "bestandstype is niet toegelaten"),
        ("virus.pdf", b"MZ\x90\x00 not a pdf", "past niet bij de extensie"),
        ("groot.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), "te groot"),
    ],
)
def test_wrong_and_oversized_files_get_a_structured_error(
    make_signal, member, name, content, message
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    signal = make_signal(state=S.DRAFT)
    response = _upload(member, signal, SimpleUploadedFile(name, content))
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert message in " ".join(error["fields"]["attachments"])
    assert signal.attachments.count() == 0
    signal.refresh_from_db()
    assert signal.version == 1


def test_no_file_and_wrong_state_and_wrong_organisation(
    make_signal, member, other_partner
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    signal = make_signal(state=S.DRAFT)
    missing = client_for(member).post(
        f"/api/v1/signals/{signal.pk}/attachments/", {}, format="multipart"
    )
    assert missing.status_code == 400
    assert "file" in missing.json()["error"]["fields"]

    registered = make_signal(state=S.REGISTERED)
    pdf = SimpleUploadedFile("verslag.pdf", b"%PDF-1.4 inhoud", "application/pdf")
    refused = _upload(member, registered, pdf)
    assert refused.status_code == 400
    assert refused.json()["error"]["code"] == "not_editable"

    pdf.seek(0)
    other = _upload(other_partner, registered, pdf)
    assert other.status_code == 403
    assert other.json()["error"]["code"] == "permission_denied"
    assert _upload(other_partner, signal, pdf).status_code == 404  # a draft
    assert not registered.attachments.exists()
    assert not signal.attachments.exists()


def test_a_refused_create_saves_nothing(organisation, member):
    from cms.signals.models import Signal, SignalEvent

    response = client_for(member).post(
        "/api/v1/signals/",
        {"organisation": organisation.pk, "title": "", "description": ""},
        format="json",
    )
    assert response.status_code == 400
    assert not Signal.objects.exists()
    assert not SignalEvent.objects.exists()
