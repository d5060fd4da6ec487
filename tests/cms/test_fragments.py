"""Cached fragments of published content (`cms.fragments`): each audience reads only
fragments rendered for it, a person's dashboard panels are read by that person only,
and a change of content is shown at the next request."""

import pytest
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.db import transaction
from django.test import RequestFactory

from cms.fragments import VERSION_KEY, fragments_version
from cms.models import GoalLevel
from portal.access.audiences import Audience
from tests.factories import (
    FrameworkTextPageFactory,
    GoalFactory,
    MembershipFactory,
    OrganisationFactory,
    PolicyPlanPageFactory,
    StaffFactory,
)
from theme.templatetags.portal_tags import fragment_key, person_fragment_key

pytestmark = pytest.mark.django_db

MARKER = "ALLEEN-VOOR-AMBTENAREN"


@pytest.fixture
def plan():
    plan = PolicyPlanPageFactory(title="Meerjarenplan Wilgendonk")
    strategic = GoalFactory(plan=plan, code="SD 1", title="Betaalbaar wonen")
    GoalFactory(
        plan=plan,
        parent=strategic,
        level=GoalLevel.TACTICAL,
        code="TD 1.1",
        title="Meer sociale huurwoningen",
    )
    return plan


def _tree_key(plan, reader) -> str:
    request = RequestFactory().get(plan.url)
    request.user = reader
    return make_template_fragment_key(
        "plan_goal_tree", [plan.pk, fragment_key({"request": request}), "", ""]
    )


def test_each_audience_reads_only_fragments_rendered_for_it(client, plan):
    staff = StaffFactory()
    partner = MembershipFactory().user
    client.force_login(staff)
    assert "Meer sociale huurwoningen" in client.get(plan.url).content.decode()

    # What the staff's render left in the cache is served to the staff only.
    staff_key = _tree_key(plan, staff)
    assert cache.get(staff_key) is not None
    cache.set(staff_key, MARKER, 3600)
    assert MARKER in client.get(plan.url).content.decode()

    client.force_login(partner)
    partner_page = client.get(plan.url).content.decode()
    assert MARKER not in partner_page
    assert "Meer sociale huurwoningen" in partner_page
    client.logout()
    anonymous_page = client.get(plan.url).content.decode()
    assert MARKER not in anonymous_page
    assert "Meer sociale huurwoningen" in anonymous_page


def test_the_key_names_the_audiences_and_the_content_version(plan):
    request = RequestFactory().get("/")
    request.user = StaffFactory()
    key = fragment_key({"request": request})
    assert key.startswith(f"{fragments_version()}:")
    assert key.endswith(f"{Audience.PUBLIC},{Audience.PARTNERS},{Audience.STAFF}")
    request.is_preview = True
    assert fragment_key({"request": request}).startswith("preview-")


def test_a_saved_goal_shows_at_the_next_request(client, plan):
    assert "Meer sociale huurwoningen" in client.get(plan.url).content.decode()
    goal = plan.goals.get(code="TD 1.1")
    goal.title = "Tweehonderd sociale huurwoningen"
    goal.save()
    page = client.get(plan.url).content.decode()
    assert "Tweehonderd sociale huurwoningen" in page
    assert "Meer sociale huurwoningen" not in page


def test_a_published_text_shows_at_the_next_request(client):
    text = FrameworkTextPageFactory(
        body=[("paragraph", "<p>De eerste versie van de visie.</p>")]
    )
    assert "De eerste versie" in client.get(text.url).content.decode()
    text.body = [("paragraph", "<p>De herziene versie van de visie.</p>")]
    text.save_revision().publish()
    page = client.get(text.url).content.decode()
    assert "De herziene versie" in page
    assert "De eerste versie" not in page


def _dashboard_key(reader) -> str:
    request = RequestFactory().get("/partners/")
    request.user = reader
    return make_template_fragment_key(
        "partner_dashboard_work", [person_fragment_key({"request": request})]
    )


def test_a_dashboard_panel_is_read_by_its_own_person_only(client):
    first = MembershipFactory().user
    second = MembershipFactory().user
    client.force_login(first)
    assert client.get("/partners/").status_code == 200
    key = _dashboard_key(first)
    assert cache.get(key) is not None
    cache.set(key, MARKER, 300)
    assert MARKER in client.get("/partners/").content.decode()

    client.force_login(second)
    page = client.get("/partners/").content.decode()
    assert MARKER not in page
    assert "Doelstellingen van je organisatie" in page


def test_a_new_membership_shows_on_the_dashboard_at_the_next_request(client, plan):
    partner = MembershipFactory().user
    other = OrganisationFactory(is_partner=True)
    GoalFactory(
        plan=plan, code="SD 7", title="Warme maaltijden", lead_organisation=other
    )
    client.force_login(partner)
    assert "Warme maaltijden" not in client.get("/partners/").content.decode()

    MembershipFactory(user=partner, organisation=other)
    assert "Warme maaltijden" in client.get("/partners/").content.decode()


# A real commit, with its callbacks; serialized_rollback so that what the migrations
# made is put back for the tests after it (tests/conftest.py).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_many_saved_rows_bump_the_version_once_before_a_read_and_once_on_commit(
    monkeypatch,
):
    before = fragments_version()  # settles what earlier tests left
    increments = []
    incr = cache.incr

    def counted_incr(key, *args, **kwargs):
        if key == VERSION_KEY:
            increments.append(key)
        return incr(key, *args, **kwargs)

    monkeypatch.setattr(cache, "incr", counted_incr)
    with transaction.atomic():
        plan = PolicyPlanPageFactory()
        for number in range(20):
            GoalFactory(plan=plan, code=f"SD {number + 10}")
        assert increments == []  # not one per saved row
        during = fragments_version()  # the transaction reads its own change
        assert len(increments) == 1
        assert during != before
        assert fragments_version() == during
    assert len(increments) == 2  # and once more on commit
    assert fragments_version() != during
