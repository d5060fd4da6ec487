import pytest

from cms.models import GoalLevel
from portal.access.audiences import Audience
from tests.factories import (
    ContentPageFactory,
    FrameworkTextPageFactory,
    GoalFactory,
    MembershipFactory,
    PolicyPlanPageFactory,
    StaffFactory,
    UserFactory,
    goal_status,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(home):
    plan = PolicyPlanPageFactory(parent=home, title="Meerjarenplan 2026-2031")
    strategic = GoalFactory(
        plan=plan, code="SD 1", owners="Sociaal huis", timing_term="long"
    )
    tactical = GoalFactory(
        plan=plan,
        parent=strategic,
        level=GoalLevel.TACTICAL,
        code="TD 1",
        status=goal_status("gerealiseerd"),
    )
    GoalFactory(
        plan=plan,
        parent=tactical,
        level=GoalLevel.OPERATIONAL,
        code="OD 1",
        progress=60,
    )
    return plan


def test_plan_listing_by_type(client, plan):
    response = client.get("/api/v2/pages/", {"type": "cms.PolicyPlanPage"})
    assert response.status_code == 200
    assert [item["title"] for item in response.json()["items"]] == [plan.title]


def test_plan_detail_carries_its_goal_tree(client, plan):
    data = client.get(f"/api/v2/pages/{plan.pk}/").json()
    [strategic] = data["goals"]
    assert strategic["code"] == "SD 1"
    assert strategic["owners"] == ["Sociaal huis"]
    assert strategic["timing"]["term"] == "long"
    [tactical] = strategic["children"]
    assert tactical["status"]["slug"] == "gerealiseerd"
    assert tactical["progress"] == 60  # rolled up from its only child
    assert tactical["children"][0]["level"] == "operational"
    assert set(tactical) >= {
        "code",
        "title",
        "level",
        "owners",
        "timing",
        "status",
        "progress",
        "children",
    }
    assert data["level_labels"]["strategic"] == "Strategische doelstelling"


def test_framework_text_detail_has_its_table_of_contents(client, home):
    page = FrameworkTextPageFactory(
        parent=home,
        body=[
            ("heading", {"level": "2", "number": "1", "title": "Situering"}),
            ("paragraph", "<p>Tekst[^1]</p>"),
            ("heading", {"level": "3", "number": "1.1", "title": "Aanleidingen"}),
        ],
        footnotes=[("footnote", {"label": "1", "text": "<p>Noot</p>"})],
    )
    data = client.get(f"/api/v2/pages/{page.pk}/").json()
    [chapter] = data["table_of_contents"]
    assert chapter["anchor"] == "sectie-1"
    assert chapter["children"][0]["anchor"] == "sectie-1-1"
    assert data["footnotes"][0]["value"]["label"] == "1"


def test_api_lists_pages_by_audience(client, home):
    ContentPageFactory(parent=home, title="Publiek")
    ContentPageFactory(parent=home, title="Partners", audience=Audience.PARTNERS)
    staff_page = ContentPageFactory(
        parent=home, title="Intern", audience=Audience.STAFF
    )

    def titles():
        response = client.get("/api/v2/pages/", {"type": "cms.ContentPage"})
        return {item["title"] for item in response.json()["items"]}

    assert titles() == {"Publiek"}
    assert client.get(f"/api/v2/pages/{staff_page.pk}/").status_code == 404

    client.force_login(UserFactory())
    assert titles() == {"Publiek"}

    client.force_login(MembershipFactory().user)
    assert titles() == {"Publiek", "Partners"}

    client.force_login(StaffFactory())
    assert titles() == {"Publiek", "Partners", "Intern"}


def test_drafts_are_not_served(client, home):
    draft = PolicyPlanPageFactory(parent=home, live=False)
    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404
    assert client.get(draft.get_url() or f"/{draft.slug}/").status_code == 404
