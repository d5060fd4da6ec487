import pytest
from django.core.exceptions import ValidationError

from portal.access import page_is_visible_to, pages_visible_to
from portal.access.audiences import Audience, audiences_for
from portal.models import Membership
from tests.factories import (
    ContentPageFactory,
    IndexPageFactory,
    MembershipFactory,
    OrganisationFactory,
    StaffFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_audiences_follow_roles(rf):
    from django.contrib.auth.models import AnonymousUser

    assert audiences_for(AnonymousUser()) == ["public"]
    assert audiences_for(UserFactory()) == ["public"]
    assert audiences_for(MembershipFactory().user) == ["public", "partners"]
    assert audiences_for(StaffFactory()) == ["public", "partners", "staff"]


@pytest.mark.parametrize(
    ("status", "is_partner", "expected"),
    [
        (Membership.Status.ACTIVE, True, ["public", "partners"]),
        (Membership.Status.REQUESTED, True, ["public"]),
        (Membership.Status.ENDED, True, ["public"]),
        (Membership.Status.ACTIVE, False, ["public"]),
    ],
)
def test_only_an_active_membership_of_a_partner_opens_the_partner_audience(
    status, is_partner, expected
):
    organisation = OrganisationFactory(is_partner=is_partner)
    membership = MembershipFactory(organisation=organisation, status=status)
    assert audiences_for(membership.user) == expected


def test_a_child_page_never_opens_wider_than_its_parent(home):
    section = IndexPageFactory(parent=home, audience=Audience.PARTNERS)
    child = ContentPageFactory(parent=section, audience=Audience.PARTNERS)
    child.audience = Audience.PUBLIC
    with pytest.raises(ValidationError) as error:
        child.full_clean()
    assert "audience" in error.value.message_dict


def test_pages_visible_to_filters_on_audience_and_liveness(home):
    public = ContentPageFactory(parent=home)
    staff = ContentPageFactory(parent=home, audience=Audience.STAFF)
    draft = ContentPageFactory(parent=home, live=False)
    citizen = UserFactory()
    visible = set(pages_visible_to(citizen).values_list("pk", flat=True))
    assert public.pk in visible
    assert staff.pk not in visible
    assert draft.pk not in visible
    assert not page_is_visible_to(citizen, staff)
    assert page_is_visible_to(StaffFactory(), staff)


def test_a_staff_page_answers_404_to_others(client, home):
    page = ContentPageFactory(parent=home, audience=Audience.STAFF, title="Intern")
    assert client.get(page.url).status_code == 404
    client.force_login(MembershipFactory().user)
    assert client.get(page.url).status_code == 404
    client.force_login(StaffFactory())
    assert client.get(page.url).status_code == 200


def test_the_sitemap_lists_public_pages_only(client, home):
    ContentPageFactory(parent=home, title="Openbaar")
    ContentPageFactory(parent=home, title="Intern", audience=Audience.STAFF)
    ContentPageFactory(parent=home, title="Partnernieuws", audience=Audience.PARTNERS)
    client.force_login(StaffFactory())
    xml = client.get("/sitemap.xml").content.decode()
    assert "/openbaar/" in xml
    assert "/intern/" not in xml
    assert "/partnernieuws/" not in xml
