"""The signal pages of the partner portal and the intranet queue: forms, Dutch
messages tied to fields, buttons from the transition table."""

from django.core.files.uploadedfile import SimpleUploadedFile

from cms.models import LifeDomain
from cms.signals.attachments import MAX_ATTACHMENT_SIZE
from cms.signals.models import Signal, SignalState
from tests.factories import signed_in_client as client_for

S = SignalState


def form_data(organisation, **extra):
    return {
        "organisation": organisation.pk,
        "title": "Te weinig crisisopvang",
        "description": "Gezinnen vinden 's nachts geen opvang.",
        "life_domains": [LifeDomain.objects.get(slug="wonen").pk],
        **extra,
    }


def test_raise_a_signal_with_an_attachment(organisation, member):
    client = client_for(member)
    assert client.get("/partners/signalen/nieuw/").status_code == 200
    pdf = SimpleUploadedFile("verslag.pdf", b"%PDF-1.4 inhoud", "application/pdf")
    response = client.post(
        "/partners/signalen/nieuw/", form_data(organisation, attachments=[pdf])
    )
    signal = Signal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/partners/signalen/{signal.pk}/"
    assert signal.state == S.DRAFT
    assert signal.attachments.get().filename == "verslag.pdf"
    page = client.get(response["Location"])
    assert "Indienen" in page.content.decode()
    assert "verslag.pdf" in page.content.decode()


def test_missing_fields_are_tied_to_their_field(organisation, member):
    response = client_for(member).post("/partners/signalen/nieuw/", {})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_title_error"' in html
    assert 'aria-describedby="id_title_error"' in html
    assert 'aria-invalid="true"' in html
    assert not Signal.objects.exists()


def test_wrong_and_oversized_files_are_refused_and_nothing_is_saved(
    organisation, member
):
    client = client_for(member)
    fake = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    response = client.post(
        "/partners/signalen/nieuw/", form_data(organisation, attachments=[fake])
    )
    assert "past niet bij de extensie" in response.content.decode()
    exe = SimpleUploadedFile("tool.exe", b"MZ", "application/octet-stream")
    response = client.post(
        "/partners/signalen/nieuw/", form_data(organisation, attachments=[exe])
    )
    assert "bestandstype is niet toegelaten" in response.content.decode()
    big = SimpleUploadedFile(
        "groot.pdf", b"%PDF-" + b"0" * MAX_ATTACHMENT_SIZE, "application/pdf"
    )
    response = client.post(
        "/partners/signalen/nieuw/", form_data(organisation, attachments=[big])
    )
    assert "te groot" in response.content.decode()
    assert not Signal.objects.exists()


def test_personal_data_is_a_warning_on_save(organisation, member):
    response = client_for(member).post(
        "/partners/signalen/nieuw/",
        form_data(organisation, example="Mail naar jan@voorbeeld.be"),
        follow=True,
    )
    html = response.content.decode()
    assert "bevat nog persoonsgegevens" in html
    assert "e-mailadres" in html
    assert Signal.objects.get().state == S.DRAFT


def test_a_stale_edit_gets_a_dutch_message(make_signal, member):
    signal = make_signal(state=S.DRAFT)
    data = {
        "title": "Nieuwe titel",
        "description": "Omschrijving",
        "version": signal.version,
    }
    client = client_for(member)
    assert (
        client.post(f"/partners/signalen/{signal.pk}/bewerken/", data).status_code
        == 302
    )
    response = client.post(f"/partners/signalen/{signal.pk}/bewerken/", data)
    assert "Iemand anders heeft dit signaal intussen gewijzigd" in (
        response.content.decode()
    )
    signal.refresh_from_db()
    assert signal.version == 2


def test_submit_and_register_through_the_buttons(make_signal, member, civil_servant):
    signal = make_signal(state=S.DRAFT)
    url = f"/partners/signalen/{signal.pk}/status/"
    client_for(member).post(url, {"to": "submitted", "naar-submitted-to": "submitted"})
    signal.refresh_from_db()
    assert signal.state == S.SUBMITTED
    queue = client_for(civil_servant).get("/intranet/signalen/")
    assert signal.title in queue.content.decode()
    detail = client_for(civil_servant).get(f"/partners/signalen/{signal.pk}/")
    assert "Registreren" in detail.content.decode()
    response = client_for(member).post(
        url, {"to": "registered", "naar-registered-to": "registered"}, follow=True
    )
    assert "Alleen een signaalcoördinator" in response.content.decode()
    client_for(civil_servant).post(
        url, {"to": "registered", "naar-registered-to": "registered"}
    )
    signal.refresh_from_db()
    assert signal.state == S.REGISTERED
    assert signal.events.filter(to_state=S.REGISTERED).exists()


def test_wrong_state_and_missing_reason_are_explained(make_signal, civil_servant):
    signal = make_signal(state=S.SUBMITTED)
    url = f"/partners/signalen/{signal.pk}/status/"
    response = client_for(civil_servant).post(
        url, {"to": "rejected", "naar-rejected-to": "rejected"}, follow=True
    )
    assert "Geef de reden van de afwijzing." in response.content.decode()
    response = client_for(civil_servant).post(
        url, {"to": "closed", "naar-closed-to": "closed"}, follow=True
    )
    assert "kan niet naar" in response.content.decode()
    signal.refresh_from_db()
    assert signal.state == S.SUBMITTED


def test_dashboards_show_what_awaits(make_signal, member, civil_servant):
    make_signal(state=S.RETURNED, title="Teruggestuurd signaal")
    make_signal(state=S.SUBMITTED, title="Ingediend signaal")
    partner_page = client_for(member).get("/partners/").content.decode()
    assert "Teruggestuurd signaal" in partner_page
    intranet_page = client_for(civil_servant).get("/intranet/").content.decode()
    assert "Ingediend signaal" in intranet_page
    assert "Signalen per status" in intranet_page


def test_a_partner_coordinator_with_signal_duty_finds_signals_to_screen(
    make_signal, signal_coordinator, other_partner, civil_servant
):
    """The intranet queue is for staff; a partner with the signal duty finds what
    awaits screening on the partner dashboard, and can act on it there."""
    make_signal(state=S.SUBMITTED, title="Ingediend signaal")
    make_signal(state=S.DRAFT, title="Concept van een ander")
    make_signal(state=S.REGISTERED, title="Al geregistreerd")
    page = client_for(signal_coordinator).get("/partners/").content.decode()
    assert "Te screenen als signaalcoördinator" in page
    assert "Ingediend signaal" in page
    assert "Concept van een ander" not in page
    assert "Al geregistreerd" not in page
    for user in (other_partner, civil_servant):
        page = client_for(user).get("/partners/").content.decode()
        assert "Te screenen als signaalcoördinator" not in page
        assert "Ingediend signaal" not in page
