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


# A page is never wider than its parent -------------------------------------------


def _admin_form(page, parent, data, user):
    """The admin's edit form of `page` under `parent`, bound to `data`."""
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    form_class = type(page).get_edit_handler().get_form_class()
    values = {"title": "Wachtlijsten", "slug": "wachtlijsten", "summary": ""}
    values.update(data)
    values["body"] = streamfield([])
    values["comments"] = {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0}
    return form_class(
        nested_form_data(values), instance=page, parent_page=parent, for_user=user
    )


def test_the_admin_refuses_a_new_page_wider_than_its_parent(home):
    from cms.models import ContentPage

    section = IndexPageFactory(parent=home, audience=Audience.PARTNERS)
    user = StaffFactory(is_superuser=True)
    wide = _admin_form(ContentPage(), section, {"audience": Audience.PUBLIC}, user)
    assert not wide.is_valid()
    (message,) = wide.errors["audience"]
    assert "niet ruimer zichtbaar" in message and section.title in message
    narrow = _admin_form(ContentPage(), section, {"audience": Audience.STAFF}, user)
    assert narrow.is_valid(), narrow.errors


def test_saving_checks_the_parent_and_the_children(home):
    section = IndexPageFactory(parent=home, audience=Audience.PARTNERS)
    with pytest.raises(ValidationError) as error:
        ContentPageFactory(parent=section, audience=Audience.PUBLIC)
    assert "audience" in error.value.message_dict
    open_section = IndexPageFactory(parent=home)
    ContentPageFactory(parent=open_section, title="Open kind")
    open_section.audience = Audience.STAFF
    with pytest.raises(ValidationError) as error:
        open_section.full_clean()
    assert "Open kind" in str(error.value.message_dict["audience"])


def test_moving_checks_the_new_parent(home, client):
    client.force_login(StaffFactory(is_superuser=True))
    closed = IndexPageFactory(parent=home, title="Intern", audience=Audience.STAFF)
    page = ContentPageFactory(parent=home, title="Open pagina")
    with pytest.raises(ValidationError):
        page.move(closed, pos="last-child")
    response = client.post(
        f"/admin/pages/{page.pk}/move/{closed.pk}/confirm/", follow=True
    )
    page.refresh_from_db()
    assert page.get_parent().pk == home.pk
    assert "niet ruimer zichtbaar" in response.content.decode()
    narrow = ContentPageFactory(parent=home, title="Ander", audience=Audience.STAFF)
    narrow.move(closed, pos="last-child")
    assert narrow.get_parent().pk == closed.pk


def test_a_child_wider_than_its_parent_stays_closed(home, client):
    """A violation that slipped in (a direct database write): the selectors apply
    the ancestors, and the system check reports it."""
    from django.core.checks import Tags, run_checks

    from cms.models import PortalPage

    section = IndexPageFactory(parent=home, audience=Audience.PARTNERS)
    child = ContentPageFactory(parent=section, audience=Audience.PARTNERS)
    PortalPage.objects.filter(pk=child.pk).update(audience=Audience.PUBLIC)
    child.refresh_from_db()
    citizen = UserFactory()
    assert child.pk not in set(pages_visible_to(citizen).values_list("pk", flat=True))
    assert not page_is_visible_to(citizen, child)
    assert client.get(child.url).status_code == 404
    partner = MembershipFactory().user
    assert child.pk in set(pages_visible_to(partner).values_list("pk", flat=True))

    warnings = run_checks(tags=[Tags.database], databases=["default"])
    found = [w for w in warnings if w.id == "portal.W001"]
    assert [w.obj for w in found] == [f"page {child.pk}"]
    assert section.title in found[0].msg
