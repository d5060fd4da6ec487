"""A full media disk (or a folder the server may not write): uploads are refused with
a Dutch message and nothing is half-saved - no signal, no attachment row, no
document row.

Simulated by a storage that raises ENOSPC, as FileSystemStorage does on a full disk
(a read-only folder raises EACCES/EROFS the same way; tests run as root, for whom
a read-only mode bit is no obstacle)."""

import errno
import io

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from cms.models import LifeDomain, PortalDocument, PortalImage
from cms.signals.models import Signal, SignalAttachment, SignalState
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    SignalFactory,
    StaffFactory,
    signed_in_client,
)

pytestmark = pytest.mark.django_db

REFUSED = "de opslag voor bestanden is vol of niet beschikbaar"


@pytest.fixture
def full_disk(monkeypatch):
    """Every file write fails as on a full disk; returns the names attempted."""
    attempts: list[str] = []

    def no_space(self, name, content):
        attempts.append(name)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", no_space)
    return attempts


@pytest.fixture
def member():
    organisation = OrganisationFactory(name="De Brugwachter vzw", is_partner=True)
    return MembershipFactory(organisation=organisation).user


def pdf(name="verslag.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 inhoud", "application/pdf")


def signal_form(member, **extra):
    return {
        "organisation": member.memberships.get().organisation_id,
        "title": "Te weinig crisisopvang",
        "description": "Gezinnen vinden 's nachts geen opvang.",
        "life_domains": [LifeDomain.objects.get(slug="wonen").pk],
        **extra,
    }


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def staff_client() -> Client:
    return signed_in_client(StaffFactory(is_superuser=True))


def test_a_new_signal_with_an_attachment_is_refused_whole(member, full_disk):
    client = Client()
    client.force_login(member)
    response = client.post(
        "/partners/signalen/nieuw/", signal_form(member, attachments=[pdf()])
    )
    assert response.status_code == 200  # the form again, with the message
    assert REFUSED in response.content.decode()
    assert full_disk  # the write was tried
    assert not Signal.objects.exists()
    assert not SignalAttachment.objects.exists()


def test_a_second_attachment_that_does_not_fit_takes_the_first_back(
    member, monkeypatch, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    real = FileSystemStorage._save
    calls = {"n": 0}

    def second_fails(self, name, content):
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, name, content)

    monkeypatch.setattr(FileSystemStorage, "_save", second_fails)
    client = Client()
    client.force_login(member)
    response = client.post(
        "/partners/signalen/nieuw/",
        signal_form(member, attachments=[pdf("een.pdf"), pdf("twee.pdf")]),
    )
    assert REFUSED in response.content.decode()
    assert not Signal.objects.exists()
    assert not [path for path in tmp_path.rglob("*") if path.is_file()]


def test_an_attachment_through_the_api_gets_the_structured_error(member, full_disk):
    signal = SignalFactory(
        organisation=member.memberships.get().organisation,
        author=member,
        state=SignalState.DRAFT,
    )
    client = Client()
    client.force_login(member)
    response = client.post(f"/api/v1/signals/{signal.pk}/attachments/", {"file": pdf()})
    assert response.status_code == 400
    error = response.json()["error"]
    assert REFUSED in " ".join(error["fields"]["attachments"])
    assert signal.attachments.count() == 0


def test_the_admin_refuses_a_document_upload_with_a_message(home, full_disk):
    response = staff_client().post(
        reverse("wagtaildocs:add"),
        {
            "title": "Jaarverslag",
            "file": pdf(),
            "collection": 1,
            "audience": "public",
        },
    )
    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    assert full_disk
    assert not PortalDocument.objects.exists()


def test_the_admins_multiple_upload_refuses_with_a_message(home, full_disk):
    response = staff_client().post(
        reverse("wagtaildocs:add_multiple"),
        {"title": "Jaarverslag", "collection": 1, "files[]": pdf()},
    )
    assert response.status_code == 200
    data = response.json()
    assert data["success"] is False
    assert REFUSED in data["error_message"]
    assert not PortalDocument.objects.exists()


def test_the_admin_refuses_an_image_upload_with_a_message(home, full_disk):
    response = staff_client().post(
        reverse("wagtailimages:add"),
        {
            "title": "Logo",
            "file": SimpleUploadedFile("logo.png", png_bytes(), "image/png"),
            "collection": 1,
            "audience": "public",
        },
    )
    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    assert not PortalImage.objects.exists()


def test_uploads_work_when_the_disk_has_room(home, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    response = staff_client().post(
        reverse("wagtaildocs:add"),
        {"title": "Jaarverslag", "file": pdf(), "collection": 1, "audience": "public"},
    )
    assert response.status_code == 302
    document = PortalDocument.objects.get()
    assert document.file_size == len(b"%PDF-1.4 inhoud")
    assert len([path for path in tmp_path.rglob("*") if path.is_file()]) == 1
