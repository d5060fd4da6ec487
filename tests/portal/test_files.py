"""Documents and images answer as their audience says, through every URL that serves
them: MEDIA_URL (originals, renditions, documents), Wagtail's document serve view and
the API v2; pages may not use files meant for fewer readers than the page."""

import re

import pytest
from django.core.exceptions import ValidationError
from wagtail.documents.forms import get_document_multi_form
from wagtail.images.forms import get_image_multi_form

from cms.models import PortalDocument, PortalImage
from portal.access.audiences import Audience
from tests.factories import (
    ContentPageFactory,
    MembershipFactory,
    PortalDocumentFactory,
    PortalImageFactory,
    StaffFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "citizen", "partner", "staff"]
SEES = {
    "anonymous": {Audience.PUBLIC},
    "citizen": {Audience.PUBLIC},
    "partner": {Audience.PUBLIC, Audience.PARTNERS},
    "staff": set(Audience.values),
}


@pytest.fixture(autouse=True)
def media_root(tmp_path, settings):
    """Uploaded and generated files go to a temporary folder, never var/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def sign_in(client, role: str):
    if role == "citizen":
        client.force_login(UserFactory())
    elif role == "partner":
        client.force_login(MembershipFactory().user)
    elif role == "staff":
        client.force_login(StaffFactory())
    return client


@pytest.fixture
def files(db) -> dict[str, dict[str, object]]:
    """One document and one image (with a rendition) per audience."""
    made = {}
    for audience in Audience.values:
        image = PortalImageFactory(audience=audience, title=f"Afbeelding {audience}")
        made[audience] = {
            "document": PortalDocumentFactory(
                audience=audience, title=f"Document {audience}"
            ),
            "image": image,
            "rendition": image.get_rendition("fill-20x20"),
        }
    return made


def file_urls(files: dict) -> dict[str, str]:
    return {
        "document (media)": files["document"].file.url,
        "document (serve view)": files["document"].url,
        "image original": files["image"].file.url,
        "image rendition": files["rendition"].url,
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("audience", Audience.values)
def test_each_file_answers_as_its_audience_says(client, files, role, audience):
    sign_in(client, role)
    for kind, url in file_urls(files[audience]).items():
        response = client.get(url)
        expected = 200 if audience in SEES[role] else 404
        assert response.status_code == expected, (kind, url)
        if expected == 200:
            content = b"".join(response.streaming_content)
            assert content, (kind, url)
            assert response["X-Content-Type-Options"] == "nosniff"
            cache_control = response["Cache-Control"]
            if audience == Audience.PUBLIC:
                assert "public" in cache_control and "max-age" in cache_control
            else:
                assert "private" in cache_control and "no-store" in cache_control


def test_the_urls_are_the_checking_ones(files):
    urls = file_urls(files[Audience.STAFF])
    assert urls["document (media)"].startswith("/media/documents/")
    assert re.fullmatch(
        r"/documents/\d+/document-\d+\.pdf", urls["document (serve view)"]
    )
    assert urls["image original"].startswith("/media/original_images/")
    assert urls["image rendition"].startswith("/media/images/")


def test_files_have_their_content_type_and_disposition(client, files):
    document = client.get(files[Audience.PUBLIC]["document"].url)
    assert document["Content-Type"] == "application/pdf"
    assert document["Content-Disposition"].startswith("inline; filename=")
    assert document["Content-Security-Policy"] == "default-src 'none'"
    assert b"".join(document.streaming_content).startswith(b"%PDF")

    image = client.get(files[Audience.PUBLIC]["image"].file.url)
    assert image["Content-Type"] == "image/png"
    rendition = client.get(files[Audience.PUBLIC]["rendition"].url)
    assert rendition["Content-Type"] == "image/png"


def test_a_document_not_shown_inline_is_an_attachment(client):
    document = PortalDocumentFactory(
        file__filename="begroting.csv", file__data=b"jaar;bedrag\n2026;1000\n"
    )
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment; filename=")


def test_guessing_the_path_of_a_staff_image_gives_404(client, files, media_root):
    staff_image = files[Audience.STAFF]["image"]
    name = staff_image.file.name.rsplit("/", 1)[-1]
    assert (media_root / "original_images" / name).exists()

    assert client.get(f"/media/original_images/{name}").status_code == 404
    assert client.get(files[Audience.STAFF]["rendition"].url).status_code == 404


def test_a_file_no_object_owns_gives_404(client, media_root):
    orphan = media_root / "original_images" / "weesbestand.png"
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(b"\x89PNG\r\n\x1a\n")
    assert client.get("/media/original_images/weesbestand.png").status_code == 404
    assert client.get("/media/../settings.py").status_code == 404
    assert client.get("/media/").status_code == 404


def test_the_serve_view_checks_the_file_name_too(client, files):
    document = files[Audience.PUBLIC]["document"]
    assert client.get(f"/documents/{document.pk}/anders.pdf").status_code == 404


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", ["documents", "images"])
def test_the_api_lists_the_files_each_role_may_see(client, files, role, endpoint):
    sign_in(client, role)
    response = client.get(f"/api/v2/{endpoint}/", {"fields": "audience"})
    assert response.status_code == 200
    items = response.json()["items"]
    assert {item["audience"] for item in items} == SEES[role]

    kind = endpoint.removesuffix("s")
    for audience in Audience.values:
        detail = client.get(f"/api/v2/{endpoint}/{files[audience][kind].pk}/")
        assert detail.status_code == (200 if audience in SEES[role] else 404)
    for item in items:
        # The download URL is the checking URL, and it answers this caller.
        url = item["meta"]["download_url"].removeprefix("http://testserver")
        assert client.get(url).status_code == 200, url


def test_the_api_searches_files_within_the_audience(client, files):
    response = client.get("/api/v2/documents/", {"search": "Document"})
    assert response.status_code == 200
    titles = {item["title"] for item in response.json()["items"]}
    assert titles <= {"Document public"}


def image_block(image) -> dict:
    return {
        "type": "image",
        "value": {
            "image": {"image": image.pk, "decorative": False, "alt_text": "Een foto"},
            "caption": "",
        },
    }


def document_block(document) -> dict:
    return {"type": "document", "value": {"document": document.pk, "title": ""}}


def test_a_staff_page_shows_its_staff_image_to_staff_only(client, home, files):
    staff_image = files[Audience.STAFF]["image"]
    page = ContentPageFactory(
        parent=home, audience=Audience.STAFF, body=[image_block(staff_image)]
    )
    sign_in(client, "staff")
    response = client.get(page.url)
    assert response.status_code == 200
    sources = re.findall(r'<img[^>]* src="([^"]+)"', response.content.decode())
    assert sources and all(src.startswith("/media/images/") for src in sources)

    assert client.get(sources[0]).status_code == 200
    client.logout()
    assert client.get(sources[0]).status_code == 404
    assert client.get(page.url).status_code == 404


def test_a_public_page_shows_its_public_files(client, home, files):
    public = files[Audience.PUBLIC]
    page = ContentPageFactory(
        parent=home,
        body=[image_block(public["image"]), document_block(public["document"])],
    )
    html = client.get(page.url).content.decode()
    assert public["document"].url in html
    (source,) = re.findall(r'<img[^>]* src="([^"]+)"', html)
    assert client.get(source).status_code == 200


@pytest.mark.parametrize(
    ("page_audience", "file_audience", "allowed"),
    [
        (Audience.PUBLIC, Audience.PUBLIC, True),
        (Audience.STAFF, Audience.PUBLIC, True),
        (Audience.PARTNERS, Audience.PARTNERS, True),
        (Audience.PUBLIC, Audience.PARTNERS, False),
        (Audience.PUBLIC, Audience.STAFF, False),
        (Audience.PARTNERS, Audience.STAFF, False),
    ],
)
@pytest.mark.parametrize("kind", ["document", "image", "rich text link"])
def test_a_page_never_uses_a_file_for_fewer_readers(
    home, files, kind, page_audience, file_audience, allowed
):
    used = files[file_audience]
    if kind == "document":
        body = [document_block(used["document"])]
    elif kind == "image":
        body = [image_block(used["image"])]
    else:
        link = f'<a linktype="document" id="{used["document"].pk}">de nota</a>'
        body = [{"type": "paragraph", "value": f"<p>Lees {link}.</p>"}]
    page = ContentPageFactory(parent=home, audience=page_audience)
    page.body = body

    if allowed:
        page.full_clean()
        return
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    (message,) = error.value.message_dict["body"]
    assert str(used["document" if kind != "image" else "image"].title) in message


def test_the_admin_refuses_a_public_page_with_a_staff_file(client, home, files):
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    page = ContentPageFactory(parent=home, title="Folders")
    staff_document = files[Audience.STAFF]["document"]
    client.force_login(StaffFactory(is_superuser=True))
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "audience": Audience.PUBLIC,
            "summary": "",
            "body": streamfield(
                [("document", {"document": staff_document.pk, "title": ""})]
            ),
        }
    )
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 200  # the form again, with its errors
    assert "Document staff (Medewerkers)" in response.content.decode()
    page.refresh_from_db()
    assert not page.body


def test_the_admin_forms_ask_for_the_audience(client, files):
    assert "audience" in get_document_multi_form(PortalDocument).base_fields
    assert "audience" in get_image_multi_form(PortalImage).base_fields
    client.force_login(StaffFactory(is_superuser=True))
    document = files[Audience.PARTNERS]["document"]
    image = files[Audience.PARTNERS]["image"]
    for url in (
        f"/admin/documents/edit/{document.pk}/",
        f"/admin/images/{image.pk}/",
        "/admin/documents/add/",
        "/admin/images/add/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert 'name="audience"' in response.content.decode(), url
