import hashlib
import io
import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import transaction
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import GroupPagePermission, Page, PageLogEntry
from wagtail.rich_text import get_text_for_indexing

from cms.importers.plone import Outcome, import_plone
from cms.importers.plone.readers import read_export
from cms.models import (
    ContentPage,
    EventPage,
    IndexPage,
    NewsPage,
    PloneItem,
    PortalDocument,
    PortalImage,
)
from portal.access.audiences import Audience
from portal.models import User
from search.selectors import search_documents
from tests.factories import StaffFactory
from tests.plone.conftest import copy_export, edit_item, to_collective

BASE = {
    "root": "a85d0294bdbb41cabb03ff81e6aeb302",
    "pdf": "3e0dd7c4b2714eafa1d6fc6a1493f953",
    "bar": "70844f7bec1843b8ab2796c972c9ebfe",
    "bar_foo": "5d77cd5686184ec49ab077017b1fbc3a",
    "logo": "90b11c863598495ba699b22ca76b1041",
    "news": "7c1393f615c4447c80db0d784390c5b7",
    "foo": "e7359727ace64e609b79c4091c38822a",
    "foo_bar": "35661c9bb5be42c68f665aa1ed291418",
    "another_page": "45b0b46f17104a7b8fa7bb94d3dd5bd9",
}


def target(uid: str):
    return PloneItem.objects.get(uid=uid).target


def page_of(uid: str) -> Page:
    return target(uid).specific


def body_text(page) -> str:
    return " ".join(
        get_text_for_indexing(child.value.source)
        if child.block_type == "paragraph"
        else str(child.value)
        for child in page.body
    )


def site_shape() -> list[tuple]:
    """Everything an import made, without database ids: compares two imports."""
    shape = []
    for record in PloneItem.objects.order_by("uid"):
        obj = record.target
        if isinstance(obj, Page):
            page = obj.specific
            shape.append(
                (
                    record.uid,
                    record.path,
                    type(page).__name__,
                    page.title,
                    page.url_path,
                    page.audience,
                    page.live,
                    body_text(page) if hasattr(page, "body") else page.intro,
                )
            )
        else:
            with obj.file.open("rb") as handle:
                digest = hashlib.sha256(handle.read()).hexdigest()
            shape.append(
                (record.uid, record.path, type(obj).__name__, obj.title, digest)
            )
    shape.append(sorted(Redirect.objects.values_list("old_path", flat=True)))
    return shape


def counts() -> dict:
    return {
        "pages": Page.objects.count(),
        "documents": PortalDocument.objects.count(),
        "images": PortalImage.objects.count(),
        "redirects": Redirect.objects.count(),
        "records": PloneItem.objects.count(),
        "log": PageLogEntry.objects.count(),
        "users": User.objects.count(),
        "permissions": GroupPagePermission.objects.count(),
    }


@pytest.mark.django_db
def test_base_import_brings_every_item_to_its_place(home, base_import):
    report = import_plone(base_import)

    assert not report.failed
    assert report.total(Outcome.CREATED) == 8
    assert report.total(Outcome.MERGED) == 1  # the default page of /foo
    site = read_export(base_import)
    assert set(PloneItem.objects.values_list("uid", flat=True)) >= {
        item.uid for item in site.all_items()
    }

    root = page_of(BASE["root"])
    assert root.get_parent().specific == home
    assert root.slug == "plone"
    assert "Plone is made possible" in body_text(root)
    assert [child.title for child in root.get_children()] == ["Bar", "Foo"]
    bar = page_of(BASE["bar"])
    assert [child.specific_class for child in bar.get_children()] == [
        ContentPage,
        NewsPage,
    ]
    assert page_of(BASE["bar_foo"]).get_parent().pk == bar.pk
    assert page_of(BASE["foo_bar"]).get_parent().pk == page_of(BASE["foo"]).pk

    # the default page is the folder's page, with its text
    foo = page_of(BASE["foo"])
    assert target(BASE["another_page"]).pk == foo.pk
    assert foo.summary == "Yet another page"

    news = page_of(BASE["news"])
    assert news.date.isoformat() == "2024-02-13"
    lead = news.body[0].value["image"]
    assert lead.width == 787 and lead.height == 227

    pdf = target(BASE["pdf"])
    assert isinstance(pdf, PortalDocument)
    with pdf.file.open("rb") as handle:
        assert (
            handle.read()
            == (
                base_import / "content" / BASE["pdf"] / "file" / "plone.pdf"
            ).read_bytes()
        )
    assert pdf.audience == Audience.PUBLIC
    assert list(pdf.tags.names()) == ["File"]
    logo = target(BASE["logo"])
    assert isinstance(logo, PortalImage)
    assert (logo.width, logo.height) == (800, 800)
    assert logo.collection.name == "Bar"  # files keep their folder
    assert logo.audience == Audience.STAFF  # no workflow: follows its private folder

    # pages are saved without a second validation: they pass it
    for record in PloneItem.objects.all():
        if isinstance(record.target, Page):
            record.target.specific.full_clean()


@pytest.mark.django_db
def test_review_states_become_audiences_and_liveness(home, base_import, client):
    import_plone(base_import)

    bar = page_of(BASE["bar"])
    assert (bar.audience, bar.live) == (Audience.STAFF, False)  # private
    # published, but under a private folder: never wider than its parent
    bar_foo = page_of(BASE["bar_foo"])
    assert (bar_foo.audience, bar_foo.live) == (Audience.STAFF, True)
    assert page_of(BASE["root"]).audience == Audience.PUBLIC

    for record in PloneItem.objects.all():
        obj = record.target
        if isinstance(obj, Page):
            page = obj.specific
            visible = page.live and page.audience == Audience.PUBLIC
            assert client.get(page.url).status_code == (200 if visible else 404), (
                record.path
            )
    assert client.get(target(BASE["logo"]).file.url).status_code == 404
    assert client.get(target(BASE["pdf"]).url).status_code == 200

    # civil servants see the live staff pages (the news page's own template)
    client.force_login(StaffFactory())
    response = client.get(page_of(BASE["news"]).url)
    assert response.status_code == 200
    assert b"An important news" in response.content
    assert client.get(page_of(BASE["bar"]).url).status_code == 404  # a draft


@pytest.mark.django_db
def test_the_pdf_text_is_searchable_by_its_audience(home, base_import):
    import_plone(base_import)

    results = search_documents(query="Hello", user=AnonymousUser())
    urls = [hit.url for hit in results.hits]
    assert target(BASE["pdf"]).url in urls
    # the private pages are not found by anonymous visitors
    titles = {
        hit.title for hit in search_documents(query="Bar", user=AnonymousUser()).hits
    }
    assert "Bar" not in titles


@pytest.mark.django_db
def test_old_plone_paths_redirect_to_the_new_addresses(home, base_import, client):
    import_plone(base_import)

    for uid, old_path in [
        (BASE["bar"], "/bar"),
        (BASE["bar_foo"], "/bar/foo"),
        (BASE["another_page"], "/foo/another-page"),
        (BASE["news"], "/bar/an-important-news"),
    ]:
        response = client.get(old_path)
        assert response.status_code == 301, old_path
        assert response["Location"].endswith(target(uid).url)
    response = client.get("/plone.pdf")
    assert response.status_code == 301
    assert response["Location"].endswith(target(BASE["pdf"]).url)


@pytest.mark.django_db
def test_links_between_items_are_rewritten(home, base_import, tmp_path):
    export = copy_export(base_import, tmp_path / "export")
    edit_item(
        export,
        BASE["bar_foo"],
        text={
            "content-type": "text/html",
            "data": (
                "<h2>Links</h2>"
                f'<p>See <a href="resolveuid/{BASE["foo_bar"]}">a later page</a>, '
                f'<a href="../resolveuid/{BASE["pdf"]}/@@download/file">the PDF</a>, '
                '<a href="/bar/an-important-news/view">the news</a>, '
                '<a href="/nowhere">a lost page</a> and '
                '<a href="https://www.plone.org">Plone</a>.</p>'
                f'<p><img src="resolveuid/{BASE["logo"]}/@@images/image/preview" '
                'alt="The logo" class="image-left"/></p>'
                "<table><tr><th>A</th></tr><tr><td>1</td></tr></table>"
                '<script>alert("x")</script><p style="color:red">End</p>'
            ),
        },
    )
    report = import_plone(export)

    assert not report.failed
    page = page_of(BASE["bar_foo"])
    kinds = [child.block_type for child in page.body]
    assert kinds == ["heading", "paragraph", "image", "table", "paragraph"]
    html = page.body[1].value.source
    assert f'<a linktype="page" id="{page_of(BASE["foo_bar"]).pk}">' in html
    assert f'<a linktype="document" id="{target(BASE["pdf"]).pk}">' in html
    assert f'<a linktype="page" id="{page_of(BASE["news"]).pk}">' in html
    assert '<a href="https://www.plone.org">' in html
    assert "a lost page" in html and "/nowhere" not in html
    assert page.body[2].value["image"].pk == target(BASE["logo"]).pk
    assert "script" not in str(page.body.raw_data) and "color" not in html
    assert ("/bar/foo", "/nowhere (not in the export: kept as plain text)") in (
        report.broken_links
    )


@pytest.mark.django_db
def test_collective_exportimport_layout_gives_the_same_site(
    home, base_import, tmp_path
):
    with transaction.atomic():
        import_plone(base_import)
        expected = site_shape()
        transaction.set_rollback(True)
    collective = to_collective(base_import, tmp_path / "collective")

    report = import_plone(collective)

    assert report.layout == "collective.exportimport"
    assert not report.failed
    assert site_shape() == expected


@pytest.mark.django_db
def test_importing_twice_gives_the_same_site(home, base_import):
    import_plone(base_import)
    first = counts()
    shape = site_shape()

    again = import_plone(base_import)
    assert again.total(Outcome.CREATED) == 0
    assert again.total(Outcome.UNCHANGED) == 9  # with the merged default page
    assert counts() == first
    assert site_shape() == shape

    forced = import_plone(base_import, force=True)
    assert forced.total(Outcome.UPDATED) == 8
    assert {key: value for key, value in counts().items() if key != "log"} == {
        key: value for key, value in first.items() if key != "log"
    }
    assert site_shape() == shape


@pytest.mark.django_db
def test_dry_run_changes_nothing(home, base_import):
    before = counts()

    report = import_plone(base_import, dry_run=True)

    assert report.dry_run and report.total(Outcome.CREATED) == 8
    assert counts() == before


@pytest.mark.django_db
def test_history_goes_to_the_audit_log_with_plone_times(home, base_import):
    import_plone(base_import)

    entries = PageLogEntry.objects.filter(page=page_of(BASE["bar_foo"])).order_by(
        "timestamp"
    )
    assert [(entry.action, entry.timestamp.isoformat()) for entry in entries] == [
        ("wagtail.create", "2024-02-13T18:16:32+00:00"),
        ("wagtail.publish", "2024-02-13T20:23:20+00:00"),
    ]
    assert entries[1].data["plone"]["actor"] == "admin"


@pytest.mark.django_db
def test_principals_and_local_roles(home, base_import):
    report = import_plone(base_import)

    joao = User.objects.get(email="joao.silva@plone.org.br")
    assert not joao.has_usable_password()
    assert joao.first_name == "João"
    assert "Plone: Plone Brasil" in joao.groups.values_list("name", flat=True)
    assert not User.objects.filter(email="").exists()
    # Site Administrators are Editor, Contributor and Reviewer on /bar
    permissions = GroupPagePermission.objects.filter(page=page_of(BASE["bar"]))
    assert {(p.group.name, p.permission.codename) for p in permissions} == {
        ("Plone: Site Administrators", "add_page"),
        ("Plone: Site Administrators", "change_page"),
        ("Plone: Site Administrators", "publish_page"),
    }
    assert any("Manager not granted" in line for line in report.unmapped_roles)
    assert any(
        "/bar: inherited roles were blocked" in line for line in report.unmapped_roles
    )


@pytest.mark.django_db
def test_report_explains_everything_it_leaves_out(home, base_import):
    report = import_plone(base_import)

    assert not report.failed
    assert not report.broken_links
    assert all(reason for _path, reason in report.skipped)
    text = report.render()
    assert "Document: 4 created, 1 merged" in text
    assert "Plone screen /controlpanel" in text
    assert "7 comments (discussions.json) not carried over" in text


@pytest.mark.django_db
def test_multilingual_export_imports_completely(home, multilingual_import, client):
    report = import_plone(multilingual_import)

    assert not report.failed and not report.broken_links
    site = read_export(multilingual_import)
    for item in site.all_items():
        page = page_of(item.uid)
        assert page.title == item.title
    english = page_of("3e3d4bf2cac4482f9c03e34b52092f02")
    assert isinstance(english, IndexPage)
    assert [child.slug for child in english.get_children()] == [
        "assets",
        "a-folderish",
    ]
    link = page_of("2d099ac593344be7aaf2e4aafbba9065")
    assert '<a href="https://plone.org/">' in link.body[0].value.source
    record = PloneItem.objects.get(uid="f40d3a236b464aa487b715adf3c0be92")
    assert record.metadata["translations"]["de"] == "2be023c76b3e4e0aa9908c70f19a14df"
    related = PloneItem.objects.get(uid="fbcd98e2d1a741e2a90b8f0389203530")
    assert related.metadata["relations"] == [
        {"attribute": "relatedItems", "to": "f40d3a236b464aa487b715adf3c0be92"}
    ]
    # Plone's own redirects too
    response = client.get("/en-us")
    assert response.status_code == 301
    assert response["Location"].endswith(english.url)


@pytest.mark.django_db
def test_an_item_that_fails_is_reported_and_the_rest_goes_on(
    home, base_import, tmp_path
):
    export = copy_export(base_import, tmp_path / "export")
    blob = export / "content" / BASE["logo"] / "image" / "2025.png"
    blob.write_bytes(b"not an image")

    report = import_plone(export)

    assert [path for path, _reason in report.failed] == ["/bar/2025.png"]
    assert not PloneItem.objects.filter(uid=BASE["logo"]).exists()
    assert report.total(Outcome.CREATED) == 7
    assert PortalImage.objects.count() == 1  # the news item's image


@pytest.mark.django_db
def test_command_prints_the_report(home, base_import):
    out = io.StringIO()
    call_command(
        "import_plone", str(base_import), "--dry-run", stdout=out, stderr=io.StringIO()
    )

    assert "DRY RUN" in out.getvalue()
    assert "Plone Site: 1 created" in out.getvalue()
    assert not PloneItem.objects.exists()
    assert json.loads(json.dumps(out.getvalue()))


@pytest.mark.django_db
def test_events_and_links_to_items(home, base_import, tmp_path):
    # neither real export holds an event; the base one holds no link either
    export = copy_export(base_import, tmp_path / "export")
    edit_item(
        export,
        BASE["foo_bar"],
        **{
            "@type": "Event",
            "start": "2026-05-01T14:00:00+00:00",
            "end": "2026-05-01T16:00:00+00:00",
            "whole_day": False,
            "location": "Sociaal huis",
            "contact_email": "not an address",
            "event_url": "https://example.org/forum",
        },
    )
    edit_item(
        export,
        BASE["another_page"],
        **{"@type": "Link", "remoteUrl": f"${{portal_url}}/resolveuid/{BASE['pdf']}"},
    )
    report = import_plone(export)

    assert not report.failed
    event = page_of(BASE["foo_bar"])
    assert isinstance(event, EventPage)
    assert event.start.isoformat() == "2026-05-01T14:00:00+00:00"
    assert (event.location, event.contact_email) == ("Sociaal huis", "")
    assert event.event_url == "https://example.org/forum"
    # the link is the default page of /foo: the folder page carries the link
    foo = page_of(BASE["foo"])
    assert (
        f'<a linktype="document" id="{target(BASE["pdf"]).pk}">'
        in foo.body[-1].value.source
    )
