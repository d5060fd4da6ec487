"""Who sees which signal: per state and per role, through the selector, the portal
pages and the attachment download."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from cms.signals.models import BundleSignal, SignalState
from cms.signals.selectors import signal_is_visible_to, signals_visible_to
from cms.signals.services import signal_create
from portal.access import signals_visible_to as access_signals_visible_to
from tests.factories import signed_in_client

S = SignalState
ROLES = ["member", "other_partner", "signal_coordinator", "civil_servant", "citizen"]
# state -> roles that see it (a citizen or anonymous visitor: only when published)
SEES = {
    S.DRAFT: {"member"},
    S.SUBMITTED: {"member", "signal_coordinator", "civil_servant"},
    S.RETURNED: {"member", "signal_coordinator", "civil_servant"},
    S.REJECTED: {"member", "signal_coordinator", "civil_servant"},
    S.MERGED: {"member", "signal_coordinator", "civil_servant"},
    **{
        state: {"member", "other_partner", "signal_coordinator", "civil_servant"}
        for state in (
            S.REGISTERED,
            S.BUNDLED,
            S.ANALYSED,
            S.COMMUNICATED,
            S.ANSWERED,
            S.CLOSED,
        )
    },
}


@pytest.mark.parametrize("state", S.values)
@pytest.mark.parametrize("role", ROLES)
def test_visibility_per_state_and_role(request, make_signal, state, role):
    user = request.getfixturevalue(role)
    signal = make_signal(state=state)
    expected = role in SEES[state]
    assert signal_is_visible_to(user, signal) is expected
    assert (signal in access_signals_visible_to(user)) is expected


def test_a_civil_servant_does_not_see_another_organisations_draft(
    make_signal, civil_servant
):
    assert not signal_is_visible_to(civil_servant, make_signal(state=S.DRAFT))


def _bundle(home, signal, *, live=True):
    from cms.signals.models import SignalBundlePage

    page = SignalBundlePage(title="Signalenbundel 2026", edition="Signalenbundel 2026")
    home.add_child(instance=page)
    BundleSignal.objects.create(page=page, signal=signal, analysis="Analyse")
    if live:
        page.save_revision().publish()
    else:
        page.unpublish()
    return page


def test_the_public_sees_a_bundled_signal_only_with_consent(home, make_signal, citizen):
    from django.contrib.auth.models import AnonymousUser

    signal = make_signal(state=S.BUNDLED)
    page = _bundle(home, signal)
    assert not signal_is_visible_to(AnonymousUser(), signal)
    signal.consent_given = True
    signal.save()
    assert signal_is_visible_to(AnonymousUser(), signal)
    assert signal_is_visible_to(citizen, signal)
    page.unpublish()
    assert not signal_is_visible_to(AnonymousUser(), signal)


def test_the_bundle_page_shows_consented_signals_only(home, make_signal):
    shown = make_signal(state=S.BUNDLED, consent_given=True, title="Wachtlijsten")
    page = _bundle(home, shown)
    hidden = make_signal(state=S.BUNDLED, title="Geheim signaal")
    BundleSignal.objects.create(page=page, signal=hidden)
    response = Client().get(page.url)
    assert response.status_code == 200
    assert b"Wachtlijsten" in response.content
    assert b"Geheim signaal" not in response.content


def test_merged_in_organisations_see_the_target(make_signal, other_partner):
    target = make_signal(state=S.SUBMITTED)
    target.co_organisations.add(other_partner.memberships.get().organisation)
    assert signal_is_visible_to(other_partner, target)
    assert list(signals_visible_to(other_partner)) == [target]


def test_portal_pages_and_attachments_follow_the_rule(
    organisation, member, other_partner, civil_servant
):
    pdf = SimpleUploadedFile("verslag.pdf", b"%PDF-1.4 test", "application/pdf")
    signal, _ = signal_create(
        by=member,
        organisation=organisation,
        title="Te weinig crisisopvang",
        description="Gezinnen vinden geen crisisopvang.",
        attachments=[pdf],
    )
    attachment = signal.attachments.get()
    detail = f"/partners/signalen/{signal.pk}/"
    download = attachment.get_absolute_url()
    for user, status in [(member, 200), (other_partner, 404), (civil_servant, 404)]:
        client = signed_in_client(user)
        assert client.get(detail).status_code == status, user
        response = client.get(download)
        assert response.status_code == status, user
    client = Client()
    client.force_login(member)
    response = client.get(download)
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
    assert "no-store" in response["Cache-Control"]
    # Never served straight from the media folder.
    assert Client().get(f"/media/{attachment.file.name}").status_code == 404


def test_the_bundle_downloads_as_csv_with_visible_signals_only(home, make_signal):
    shown = make_signal(state=S.BUNDLED, consent_given=True, title="Wachtlijsten")
    page = _bundle(home, shown)
    BundleSignal.objects.create(
        page=page, signal=make_signal(state=S.BUNDLED, title="Geheim signaal")
    )
    response = Client().get(page.url + "?formaat=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    content = response.content.decode("utf-8-sig")
    assert "Wachtlijsten" in content
    assert "Geheim signaal" not in content


def test_the_bundle_csv_does_not_hand_a_spreadsheet_formulas(home, make_signal):
    import csv
    import io

    signal = make_signal(
        state=S.BUNDLED,
        consent_given=True,
        title='=HYPERLINK("http://evil.example","klik")',
        description="@SUM(1+1)",
    )
    page = _bundle(home, signal)
    response = Client().get(page.url + "?formaat=csv")
    rows = list(
        csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    )
    assert rows[1][1] == '\'=HYPERLINK("http://evil.example","klik")'
    assert rows[1][6] == "'@SUM(1+1)"
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in rows[1])


def test_the_bundle_downloads_as_pdf_with_visible_signals_only(home, make_signal):
    import io

    from pypdf import PdfReader

    shown = make_signal(
        state=S.BUNDLED, consent_given=True, title="Wachtlijsten crèche (één jaar)"
    )
    page = _bundle(home, shown)
    BundleSignal.objects.create(
        page=page, signal=make_signal(state=S.BUNDLED, title="Geheim signaal")
    )
    response = Client().get(page.url + "?formaat=pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="signalenbundel-2026.pdf"'
    )
    assert "no-store" in response["Cache-Control"]
    assert response.content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(response.content))
    text = "".join(p.extract_text() for p in reader.pages)
    assert "Wachtlijsten crèche (één jaar)" in text
    assert shown.reference in text
    assert "Analyse" in text  # the bundle's analysis of the signal
    assert "Geheim signaal" not in text
    # Tagged PDF/UA: a structure tree, marked content, Dutch, its title shown.
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert catalog["/Lang"] == "nl"
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata.title == "Signalenbundel 2026"


def test_the_bundle_pdf_fetches_nothing_an_editor_links(home, make_signal, monkeypatch):
    """Rich text may hold any address; the PDF renders it as text and never asks
    the network or the disk for it."""
    import urllib.request

    page = _bundle(home, make_signal(state=S.BUNDLED, consent_given=True))
    page.introduction = (
        '<p>Zie <a href="https://example.org/x">de bron</a>.</p>'
        '<img src="file:///etc/passwd" alt="">'
        '<img src="http://169.254.169.254/latest" alt="">'
    )
    page.save_revision().publish()
    opened = []

    def refuse(self, url, *args, **kwargs):
        opened.append(url)
        raise OSError("no fetching in a test")

    monkeypatch.setattr(urllib.request.OpenerDirector, "open", refuse)
    response = Client().get(page.url + "?formaat=pdf")
    assert response.status_code == 200
    assert opened == []
