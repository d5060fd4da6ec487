"""Nothing meant for staff reaches anyone else, and nothing meant for partners reaches
citizens, through any channel: pages, menus and listings, the sitemap, files, both
APIs and search. Checked on the demo town, per demo account. A closed body none of
them sits in counts as staff-only here; the bodies' own rule (seats, closed
meetings, unpublished advice) is walked channel by channel in
tests/bodies/test_demo_channels.py.

(The portal has no feeds; the route walk in test_routes.py fails if one appears
without an access decision.)
"""

from dataclasses import dataclass

import pytest
from django.core.management import call_command
from django.db.models import Q
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cms.bodies.models import Body, BodyMember
from cms.models import PolicyPlanPage, PortalDocument, PortalImage, PortalPage
from portal.access import pages_visible_to
from portal.access.audiences import AUDIENCE_RANK, Audience
from portal.access.bodies import bodies_visible_to
from portal.models import User
from search.selectors import search_documents
from tests.conftest import demo_loaded
from tests.factories import enrol_second_factor

OUTSIDERS = {
    None: Audience.PUBLIC,
    "burger@demo.lokaal": Audience.PUBLIC,
    "partner@demo.lokaal": Audience.PARTNERS,
    "partner2@demo.lokaal": Audience.PARTNERS,
}


@dataclass(frozen=True)
class Restricted:
    """Something that must not be shown to people below its audience."""

    audience: str
    label: str
    markers: tuple[str, ...]  # strings whose presence in an answer would leak it


@pytest.fixture(scope="module")
def restricted(django_db_setup, django_db_blocker) -> list[Restricted]:
    with demo_loaded(django_db_blocker):
        call_command("search_rebuild", verbosity=0)
        for user in User.objects.filter(is_staff=True):
            enrol_second_factor(user)
        items = []
        for page in PortalPage.objects.live().exclude(audience=Audience.PUBLIC):
            items.append(
                Restricted(page.audience, f"page {page.title}", (page.url, page.title))
            )
        for model in (PortalDocument, PortalImage):
            for file in model.objects.exclude(audience=Audience.PUBLIC):
                items.append(
                    Restricted(file.audience, f"file {file.title}", (file.file.name,))
                )
        items += staff_only_bodies()
        assert {item.audience for item in items} == {Audience.PARTNERS, Audience.STAFF}
        yield items


def staff_only_bodies() -> list[Restricted]:
    """The closed bodies none of the outsiders sits in (the directors' meeting):
    for them as staff-only as a staff page. The body, its meetings and its advice,
    each betrayed by its address (the body also by its name)."""
    today = timezone.localdate()
    seated = BodyMember.objects.filter(
        user__email__in=[email for email in OUTSIDERS if email],
        start_date__lte=today,
    ).filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
    bodies = Body.objects.filter(is_public=False).exclude(
        pk__in=seated.values("body_id")
    )
    items = []
    for body in bodies:
        url = reverse("bodies:body", args=[body.pk])
        items.append(Restricted(Audience.STAFF, f"body {body.name}", (url, body.name)))
        for meeting in body.meetings.all():
            url = reverse("bodies:meeting", args=[meeting.pk])
            items.append(Restricted(Audience.STAFF, f"meeting {meeting}", (url,)))
        for advice in body.advice.all():
            url = reverse("bodies:advice", args=[advice.pk])
            items.append(Restricted(Audience.STAFF, f"advice {advice}", (url,)))
    assert items, "the demo has a closed body without outsiders"
    return items


def hidden_from(audience: str, items: list[Restricted]) -> list[Restricted]:
    return [
        item for item in items if AUDIENCE_RANK[item.audience] > AUDIENCE_RANK[audience]
    ]


def leaks(text: str, items: list[Restricted]) -> list[str]:
    return [
        f"{item.label} ({marker!r})"
        for item in items
        for marker in item.markers
        if marker and marker in text
    ]


def client_for(email: str | None) -> Client:
    client = Client()
    if email:
        client.force_login(User.objects.get(email=email))
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("email", list(OUTSIDERS), ids=lambda e: e or "anoniem")
class TestNothingLeaks:
    def test_pages_menus_and_listings(self, email, restricted):
        """Every page this person may open (menus, child listings, teasers, file
        links) shows nothing of a wider-restricted page or file."""
        client = client_for(email)
        user = User.objects.filter(email=email).first()
        secret = hidden_from(OUTSIDERS[email], restricted)
        visible = [
            page.url
            for page in pages_visible_to(user, PortalPage.objects.all()).specific()
        ]
        assert len(visible) > 5
        # The bodies' pages carry the same menus, and list bodies and meetings.
        visible += ["/overleg/"] + [
            reverse("bodies:body", args=[body.pk])
            for body in bodies_visible_to(user, Body.objects.all())
        ]
        for url in visible:
            response = client.get(url)
            assert response.status_code == 200, url
            assert not leaks(response.content.decode(), secret), url

    def test_sitemap(self, email, restricted):
        xml = client_for(email).get("/sitemap.xml").content.decode()
        assert "<loc>" in xml
        assert not leaks(xml, restricted)  # public pages only, for everyone

    def test_restricted_pages_and_files_answer_404(self, email, restricted):
        client = client_for(email)
        for item in hidden_from(OUTSIDERS[email], restricted):
            path = item.markers[0]
            url = path if path.startswith("/") else f"/media/{path}"
            assert client.get(url).status_code == 404, item.label

    def test_wagtail_api(self, email, restricted):
        client = client_for(email)
        secret = hidden_from(OUTSIDERS[email], restricted)
        for endpoint in ("pages", "documents", "images"):
            response = client.get(f"/api/v2/{endpoint}/", {"limit": 100})
            assert response.status_code == 200
            body = response.content.decode()
            assert response.json()["meta"]["total_count"] > 0
            assert not leaks(body, secret), endpoint
            # A page title alone may legitimately recur; ids must not.
        titles = {
            item["title"]
            for item in client.get("/api/v2/pages/", {"limit": 100}).json()["items"]
        }
        assert not titles & {
            item.markers[1] for item in secret if item.label.startswith("page")
        }

    def test_portal_api(self, email, restricted):
        client = client_for(email)
        allowed = AUDIENCE_RANK[OUTSIDERS[email]]
        plans = client.get("/api/v1/plans/").json()["results"]
        hidden_plans = {
            plan.pk
            for plan in PolicyPlanPage.objects.live()
            if AUDIENCE_RANK[plan.audience] > allowed
        }
        assert not {plan["id"] for plan in plans} & hidden_plans

    def test_search_hits_snippets_and_facets(self, email, restricted):
        """Search for the words of each hidden page: no hit from it, and no facet
        count from it."""
        user = User.objects.filter(email=email).first()
        secret = [
            item
            for item in hidden_from(OUTSIDERS[email], restricted)
            if item.label.startswith("page")
        ]
        assert secret
        secret_urls = {item.markers[0] for item in secret}
        for item in secret:
            results = search_documents(query=item.markers[1], user=user)
            urls = {hit.url.split("#")[0] for hit in results.hits}
            assert not urls & secret_urls, item.label
            assert not leaks(" ".join(hit.snippet for hit in results.hits), secret)
            # Facet counts add up to the visible hits: nothing hidden is counted.
            kinds = sum(bucket.count for bucket in results.facets.get("kind", []))
            assert kinds == results.total, item.label
        # The staff see what the others may not (the query words do match).
        staff = User.objects.get(email="ambtenaar@demo.lokaal")
        found = {
            hit.url.split("#")[0]
            for item in secret
            for hit in search_documents(query=item.markers[1], user=staff).hits
        }
        assert found & secret_urls


@pytest.mark.django_db
def test_one_partner_sees_nothing_of_another_organisations_affairs(restricted):
    """partner@ coordinates De Brugwachter; partner2@ is a member of Wilgenland.
    Neither sees the other organisation's membership requests or invitations."""
    brugwachter = client_for("partner@demo.lokaal").get("/partners/").content.decode()
    wilgenland = client_for("partner2@demo.lokaal").get("/partners/").content.decode()
    assert "nieuwe.collega@demo.lokaal" in brugwachter  # its own open invitation
    assert "nieuwe.collega@demo.lokaal" not in wilgenland
    assert "kandidaat@demo.lokaal" not in brugwachter  # Wilgenland's join request
